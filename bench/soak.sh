#!/usr/bin/env bash
# Soak: loopinfo under a steady load for a long while, pipeline on, sampled every 30 s: heap after GC (the old
# generation, which only survivors of collections reach; and the live data size after a major collection),
# resident memory, event-loop lag p99 over the last interval, requests served, pipeline account, error log lines.
#
#   bench/soak.sh [minutes, default 10]      → target/bench/soak.csv and a summary
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
mkdir -p target/bench
./mvnw -B -q -DskipTests package
jar=$(ls target/loopinfo-*.jar | head -1)
. bench/jvm.sh
# The chart's JVM flags at its 512 MiB limit (-XX:MaxRAM stands in for the container's limit).
# shellcheck disable=SC2046 # the flags are words without spaces
"$java" $(chart_flags "${LIMIT:-512}") -jar "$jar" --server.port=18080 \
  --management.server.port=18081 --loopinfo.pipeline.interval=100ms --loopinfo.pipeline.work=20ms \
  > target/bench/soak.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do curl -sf -o /dev/null http://127.0.0.1:18080/ && break; sleep 0.1; done

# 20 connections, each greeting in turn: a steady ~40 greetings per second. And 4 more that alternate a
# greeting and the index page, as a browser does (~16 requests per second): quick answers after slow ones on
# the same keep-alive connections.
wrk -t1 -c20 -d"${minutes}m" --timeout 10s -s bench/names.lua http://127.0.0.1:18080 > target/bench/soak-wrk.txt 2>&1 &
load=$!
wrk -t1 -c4 -d"${minutes}m" --timeout 10s -s bench/mixed.lua http://127.0.0.1:18080 > target/bench/soak-mixed-wrk.txt 2>&1 &
mixed=$!

scrape() { curl -s http://127.0.0.1:18081/actuator/prometheus; }
metric() { awk -v name="$1" '$1 ~ "^"name"({|$)" { sum += $NF } END { printf "%.0f", sum }'; }
lag_bucket() { awk -v le="$1" '$1 ~ /^loopinfo_eventloop_lag_seconds_bucket/ && $1 ~ "le=\""le"\"" { sum += $NF } END { print sum + 0 }'; }

echo "minute,old_gen_mib,live_heap_mib,rss_mib,lag_p99_bucket_ms,requests,produced,acknowledged,in_flight,error_lines" > target/bench/soak.csv
previous=$(scrape)
samples=$(( minutes * 2 ))
for i in $(seq 1 "$samples"); do
  sleep 30
  current=$(scrape)
  live=$(echo "$current" | metric jvm_gc_live_data_size_bytes)
  old=$(echo "$current" | awk '/^jvm_memory_used_bytes/ && /area="heap"/ && /(Old|Tenured)/ { sum += $NF } END { printf "%.0f", sum }')
  rss=$(awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$app/status")
  # p99 lag over the last 30 s: the smallest bucket holding 99 % of the new probes
  p99="-"
  total_now=$(echo "$current" | lag_bucket '\\+Inf'); total_before=$(echo "$previous" | lag_bucket '\\+Inf')
  for le in 0.001 0.005 0.01 0.025 0.05 0.1 0.2 0.5 1.0 2.0 5.0; do
    now=$(echo "$current" | lag_bucket "$le"); before=$(echo "$previous" | lag_bucket "$le")
    if awk -v n=$(( now - before )) -v t=$(( total_now - total_before )) 'BEGIN { exit !(t > 0 && n >= 0.99 * t) }'; then
      p99=$(awk -v le="$le" 'BEGIN { printf "%g", le * 1000 }'); break
    fi
  done
  requests=$(echo "$current" | metric 'http_server_requests_seconds_count')
  produced=$(echo "$current" | awk '/^loopinfo_pipeline_messages_total/ && /outcome="produced"/ { print $NF + 0 }')
  acknowledged=$(echo "$current" | awk '/^loopinfo_pipeline_messages_total/ && /outcome="acknowledged"/ { print $NF + 0 }')
  in_flight=$(echo "$current" | metric loopinfo_pipeline_in_flight_messages)
  errors=$(grep -c ' ERROR ' target/bench/soak.log || true)
  echo "$(awk -v i="$i" 'BEGIN { printf "%.1f", i / 2 }'),$(( old / 1048576 )),$(( live / 1048576 )),$rss,$p99,$requests,$produced,$acknowledged,$in_flight,$errors" \
    | tee -a target/bench/soak.csv
  previous=$current
done
wait "$load" "$mixed" || true
grep -E "Requests/sec|requests in|Socket errors|Non-2xx" target/bench/soak-wrk.txt target/bench/soak-mixed-wrk.txt || true
