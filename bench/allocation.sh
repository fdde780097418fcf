#!/usr/bin/env bash
# Heap bytes allocated per request: runs the packaged app under the chart's JVM flags, drives one path with wrk,
# and divides the growth of jvm_gc_memory_allocated_bytes_total (Micrometer's count of bytes allocated in the
# young generation) by the requests wrk completed. Needs wrk (Debian: apt-get install wrk).
#
#   ./mvnw -q -DskipTests package && bench/allocation.sh [seconds per run, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
ulimit -n 20000
mkdir -p target/bench
jar=$(ls target/loopinfo-*.jar | head -1)
. bench/jvm.sh
base=http://127.0.0.1:18080
metrics=http://127.0.0.1:18081/actuator/prometheus

allocated() { curl -s "$metrics" | awk '/^jvm_gc_memory_allocated_bytes_total/ { printf "%.0f", $2 }'; }

# shellcheck disable=SC2046 # the flags are words without spaces
"$java" $(chart_flags "${LIMIT:-512}") -jar "$jar" \
  --server.port=18080 --management.server.port=18081 --loopinfo.pipeline.enabled=false \
  > target/bench/allocation.log 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do curl -sf -o /dev/null "$base/" && break; sleep 0.1; done

measure() { # label connections url [script]
  wrk -t2 -c"$2" -d"${seconds}s" ${4:+-s "$4"} "$3" > /dev/null # warm-up, same load
  local before after requests
  before=$(allocated)
  requests=$(wrk -t2 -c"$2" -d"${seconds}s" ${4:+-s "$4"} "$3" | awk '/requests in/ { print $1 }')
  after=$(allocated)
  awk -v l="$1" -v a="$after" -v b="$before" -v n="$requests" \
    'BEGIN { printf "| %s | %d | %.1f |\n", l, n, (a - b) / n / 1024 }'
}

echo "| run | requests | KiB allocated per request |"
echo "| --- | ---: | ---: |"
measure '`GET /`, 64 connections' 64 "$base/"
measure '`/hello/{name}`, 1,000 connections' 1000 "$base" bench/names.lua
