#!/usr/bin/env bash
# What each thing loopinfo adds to a request costs, as a share of the server's CPU: loopinfo runs with the chart's
# JVM flags, warmed up, and a JFR recording (execution samples, deep stacks) is taken over each load in turn — GET /
# at 64 connections, then greetings at 2,000 (each waits 500 ms) — while the process's CPU time is read. Each
# sample goes to the part innermost on its stack (bench/request_costs.py); a part's cost per request is its share
# of the samples times the CPU per request. Needs wrk, python3.
#
#   bench/request-costs.sh [seconds per load, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
ulimit -n 20000
out=target/bench/costs
rm -rf "$out" && mkdir -p "$out"
. bench/jvm.sh
./mvnw -B -q -DskipTests package
jar=$(ls target/loopinfo-*.jar | head -1)
# shellcheck disable=SC2207 # the flags are words without spaces
flags=($(chart_flags 512) -XX:FlightRecorderOptions:stackdepth=512)
"$java" "${flags[@]}" -jar "$jar" --server.port=18080 --management.server.port=18081 > "$out/app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true' EXIT
until curl -sf -o /dev/null http://127.0.0.1:18081/actuator/health/readiness; do sleep 0.1; done
jcmd="$(dirname "$java")/jcmd"
cpu_ms() { awk '{ printf "%d", ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"' }' "/proc/$app/stat"; }

measure() { # name connections path
  wrk -t2 -c"$2" -d10s --timeout 10s "http://127.0.0.1:18080$3" > /dev/null # the JIT's warm-up
  "$jcmd" "$app" JFR.start name="$1" settings=profile "jdk.ExecutionSample#period=5ms" > /dev/null
  local before after requests
  before=$(cpu_ms)
  wrk -t2 -c"$2" -d"${seconds}s" --timeout 10s "http://127.0.0.1:18080$3" > "$out/$1-wrk.txt"
  after=$(cpu_ms)
  "$jcmd" "$app" JFR.stop name="$1" filename="$PWD/$out/$1.jfr" > /dev/null
  requests=$(awk '/requests in/ { print $1 }' "$out/$1-wrk.txt")
  "$(dirname "$java")/jfr" print --events jdk.ExecutionSample "$out/$1.jfr" > "$out/$1.txt"
  echo "== $1: $requests requests, $(awk -v c=$((after - before)) -v r="$requests" 'BEGIN { printf "%.1f", c * 1000 / r }') µs of CPU each ($(grep Requests/sec "$out/$1-wrk.txt"))"
  python3 bench/request_costs.py "$out/$1.txt" | awk -F'\t' -v c=$((after - before)) -v r="$requests" \
    'NF == 3 { printf "%-24s %6.2f %%  %6.2f µs\n", $1, $3, $3 * c * 10 / r; next } { print }'
}
measure index 64 /
measure greeting 2000 /hello/Ada
