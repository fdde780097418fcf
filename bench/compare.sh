#!/usr/bin/env bash
# loopinfo against three comparators, one after the other in one run on this machine: a bare Reactor Netty server
# (BareServer.java) and the least Spring Boot WebFlux application (WebFluxServer.java), both serving loopinfo's
# very bytes, and the original lesson's aiohttp server (original_server.py). GET / at 64 connections,
# /hello/{name} at 1,000, 5,000 and 10,000 connections; loopinfo ÷ each comparator for req/s, loopinfo's p99
# ÷ the bare server's and the WebFlux floor's, and loopinfo's RSS after each run ÷ the floor's. Needs wrk and
# Debian's python3-aiohttp (apt-get install wrk python3-aiohttp).
#
#   bench/compare.sh [seconds per run, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
python=/usr/bin/python3 # Debian's, which has python3-aiohttp
"$python" -c 'import aiohttp' || { echo "needs Debian's python3-aiohttp" >&2; exit 2; }
ulimit -n 20000
mkdir -p target/bench
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench/classpath.txt
jar=$(ls target/loopinfo-*.jar | head -1)
. bench/jvm.sh
# The chart's JVM flags at its limit (LIMIT, MiB), on the Java the image ships (bench/jvm.sh).
# shellcheck disable=SC2207 # the flags are words without spaces
java_opts=($(chart_flags "${LIMIT:-512}"))

wait_for() { for _ in $(seq 1 300); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; return 1; }
rss_mib() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

# wrk's summary as: requests/s p50 p99 errors (latencies in ms)
run_wrk() { # url connections [script]
  local out
  out=$(wrk -t2 -c"$2" -d"${seconds}s" --timeout 10s --latency ${3:+-s "$3"} "$1")
  echo "$out" > "target/bench/wrk-$(date +%s%N).txt"
  echo "$out" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) }
    /Non-2xx/ { errors += $5 }
    /Socket errors/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%.0f %.1f %.1f %d\n", rps, p50, p99, errors + 0 }'
}

# One line per run: name run req/s p50 p99 errors rss
measure() { # name pid base
  local name=$1 pid=$2 base=$3
  curl -s "$base/" > /dev/null; curl -s "$base/hello/warmup" > /dev/null
  # Warm-up: on two cores shared with wrk, C2 needs ~30 s of traffic before GET / reaches its steady rate.
  wrk -t2 -c64 -d40s "$base/" > /dev/null
  wrk -t2 -c1000 -d10s -s bench/names.lua "$base" > /dev/null
  echo "$name index64 $(run_wrk "$base/" 64) $(rss_mib "$pid")"
  for c in 1000 5000 10000; do
    echo "$name hello$c $(run_wrk "$base" "$c" bench/names.lua) $(rss_mib "$pid")"
  done
}

serve() { # name base-url command... : runs the server, measures it, stops it
  local name=$1 base=$2; shift 2
  "$@" > "target/bench/$name.log" 2>&1 &
  local pid=$!
  wait_for "$base/"
  measure "$name" "$pid" "$base" > "target/bench/$name.txt"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

"$java" "${java_opts[@]}" -jar "$jar" --server.port=18080 --management.server.port=18081 \
  --loopinfo.pipeline.enabled=false > target/bench/loopinfo-pages.log 2>&1 &
pages=$!
wait_for http://127.0.0.1:18080/
curl -s http://127.0.0.1:18080/ > target/bench/index.html
curl -s http://127.0.0.1:18080/hello/BENCHNAME > target/bench/greeting.html
kill "$pages"; wait "$pages" 2>/dev/null || true

serve loopinfo http://127.0.0.1:18080 "$java" "${java_opts[@]}" -jar "$jar" --server.port=18080 \
  --management.server.port=18081 --loopinfo.pipeline.enabled=false
for comparator in bare webflux; do
  source=bench/BareServer.java; [ "$comparator" = webflux ] && source=bench/WebFluxServer.java
  serve "$comparator" http://127.0.0.1:18090 "$java" "${java_opts[@]}" -cp "$(cat target/bench/classpath.txt)" "$source" \
    18090 target/bench/index.html target/bench/greeting.html
done
serve original http://127.0.0.1:18090 "$python" bench/original_server.py 18090

echo "| run | loopinfo req/s | bare | WebFlux floor | original (aiohttp) | ÷ bare | ÷ WebFlux floor | ÷ original | loopinfo p99 ms | bare p99 ms | floor p99 ms | p99 ÷ bare | p99 ÷ floor | errors (loopinfo, bare, floor, original) | loopinfo RSS MiB | floor RSS MiB | RSS ÷ floor |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |"
paste -d' ' target/bench/loopinfo.txt target/bench/bare.txt target/bench/webflux.txt target/bench/original.txt | awk '
  function ratio(a, b) { return (b > 0) ? a / b : 0 }
  {
    # fields per server: name run rps p50 p99 errors rss (7 each)
    printf "| %s | %d | %d | %d | %d | **%.2f** | **%.2f** | **%.2f** | %.1f | %.1f | %.1f | %.2f | **%.2f** | %d, %d, %d, %d | %d | %d | **%.2f** |\n",
      $2, $3, $10, $17, $24, ratio($3, $10), ratio($3, $17), ratio($3, $24), $5, $12, $19, ratio($5, $12),
      ratio($5, $19), $6, $13, $20, $27, $7, $21, ratio($7, $21)
  }'
