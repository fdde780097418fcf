# Sourced by the benchmarks: the Java the image ships (25, found as src/image/jdk.sh finds it; JAVA=… for another)
# and the chart's JVM flags (values.yaml jvm.*, which the image also sets) at a memory limit in MiB, which
# -XX:MaxRAM stands in for. GC=… and PERCENT=… measure another collector or heap share.
java=${JAVA:-$(src/image/jdk.sh)/bin/java}
chart_flags() { # limit-MiB
  echo "-XX:MaxRAM=${1}m -XX:+Use${GC:-G1}GC -XX:MaxRAMPercentage=${PERCENT:-45} -XX:+UseCompactObjectHeaders" \
    "-XX:+ExitOnOutOfMemoryError"
}
