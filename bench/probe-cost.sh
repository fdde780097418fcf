#!/usr/bin/env bash
# CPU cost of the event-loop lag probe: runs the packaged app idle (pipeline off) for a while with the probe on,
# then with it off, and prints the process CPU time of each run as a share of one core. The Java the image ships,
# under the chart's JVM flags (bench/jvm.sh).
#
#   ./mvnw -q -DskipTests package && bench/probe-cost.sh [seconds, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
jar=$(ls target/loopinfo-*.jar | grep -v plain | head -1)
ticks=$(getconf CLK_TCK)
. bench/jvm.sh

cpu_seconds() { # utime + stime of a pid, in seconds
  awk -v t="$ticks" '{ printf "%.3f", ($14 + $15) / t }' "/proc/$1/stat"
}

measure() { # $1 = probe enabled (true|false)
  # shellcheck disable=SC2046 # the flags are words without spaces
  "$java" $(chart_flags "${LIMIT:-512}") -jar "$jar" --server.port=0 --management.server.port=0 --loopinfo.pipeline.enabled=false \
    --loopinfo.eventloop.probe-enabled="$1" > "target/probe-cost-$1.log" 2>&1 &
  local pid=$!
  until grep -q "loopinfo started at" "target/probe-cost-$1.log"; do sleep 0.2; done
  sleep 5 # let start-up work (JIT, class loading) settle
  local before; before=$(cpu_seconds "$pid")
  sleep "$seconds"
  local after; after=$(cpu_seconds "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  awk -v a="$after" -v b="$before" -v s="$seconds" 'BEGIN { printf "%.3f", (a - b) / s * 100 }'
}

on=$(measure true)
off=$(measure false)
echo "idle CPU, probe on:  ${on}% of one core"
echo "idle CPU, probe off: ${off}% of one core"
awk -v on="$on" -v off="$off" 'BEGIN { printf "probe cost:          %.3f%% of one core\n", on - off }'
