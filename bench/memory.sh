#!/usr/bin/env bash
# Resident memory of loopinfo under a container memory limit, with the JVM flags the chart and the image set:
# idle after start, with 10,000 idle keep-alive connections, and the peak with 10,000 greetings in flight.
# The limit is emulated with -XX:MaxRAM (what the JVM would read from the container's cgroup). Needs wrk, python3.
#
#   bench/memory.sh [limit MiB, default 512: the chart's] [extra JVM flags…]
#   GC=Serial PERCENT=60 bench/memory.sh 512     # another collector or heap share than the chart's G1 and 50 %
#   AOT=1 bench/memory.sh                         # started as the image starts: Spring AOT and a JDK AOT cache
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-512}
shift || true
ulimit -n 20000
mkdir -p target/bench
. bench/jvm.sh
./mvnw -B -q -DskipTests ${AOT:+-Paot} package
jar=$(ls target/loopinfo-*.jar | head -1)
# shellcheck disable=SC2207 # the flags are words without spaces
flags=($(chart_flags "$limit") "$@")

wait_for() { for _ in $(seq 1 200); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; return 1; }
status_mib() { awk -v key="$2:" '$1 == key { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

run=(-jar "$jar")
if [ -n "${AOT:-}" ]; then # the extracted jar and a cache trained as src/image/Containerfile trains it
  rm -rf target/bench/extracted target/bench/memory.aot
  "$java" -Djarmode=tools -jar "$jar" extract --destination target/bench/extracted > /dev/null
  extracted=$(ls target/bench/extracted/*.jar | head -1)
  "$java" "${flags[@]}" -XX:AOTCacheOutput=target/bench/memory.aot -Dspring.aot.enabled=true \
    -Dspring.context.exit=onRefresh -jar "$extracted" --server.port=18080 --management.server.port=18081 \
    > target/bench/memory-training.log 2>&1
  run=(-XX:AOTCache=target/bench/memory.aot -Dspring.aot.enabled=true -jar "$extracted")
fi

"$java" "${flags[@]}" "${run[@]}" --server.port=18080 --management.server.port=18081 \
  > target/bench/memory.log 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true' EXIT
wait_for http://127.0.0.1:18081/actuator/health/readiness
curl -s http://127.0.0.1:18080/ > /dev/null
sleep 5
echo "JVM flags: ${flags[*]} ${run[*]}"
echo "idle: RSS $(status_mib "$app" VmRSS) MiB"

python3 bench/idle_connections.py "$app" 18080 10000 10

# Warm the JIT at a lower load first, as bench/compare.sh does, so the peak is the load's and not the compiler's.
wrk -t2 -c1000 -d15s --timeout 10s -s bench/names.lua http://127.0.0.1:18080 > /dev/null

wrk -t2 -c10000 -d20s --timeout 10s --latency -s bench/names.lua http://127.0.0.1:18080 > target/bench/memory-wrk.txt
grep -E "Requests/sec| 99%|Non-2xx|Socket errors" target/bench/memory-wrk.txt || true
echo "10,000 greetings in flight: peak RSS $(status_mib "$app" VmHWM) MiB, RSS after $(status_mib "$app" VmRSS) MiB"
grep -E "OutOfMemory|ERROR" target/bench/memory.log && echo "errors in the log" || echo "no errors in the log"
