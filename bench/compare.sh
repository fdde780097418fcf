#!/usr/bin/env bash
# loopinfo against a bare Reactor Netty server serving the same pages, one after the other on this machine:
# GET / at 64 connections, /hello/{name} at 1,000, 5,000 and 10,000 connections, resident memory after each,
# and loopinfo ÷ bare for each row. Needs wrk (Debian: apt-get install wrk).
#
#   bench/compare.sh [seconds per run, default 20] [comparator: bare (default) or webflux]
#
# bare is BareServer.java, a Reactor Netty HttpServer; webflux is WebFluxServer.java, the least a Spring Boot
# WebFlux application does to serve the same pages.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
comparator=${2:-bare}
case "$comparator" in
  bare) comparator_source=bench/BareServer.java ;;
  webflux) comparator_source=bench/WebFluxServer.java ;;
  *) echo "comparator must be bare or webflux, not $comparator" >&2; exit 2 ;;
esac
ulimit -n 20000
mkdir -p target/bench
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench/classpath.txt
jar=$(ls target/loopinfo-*.jar | head -1)
# The chart's JVM flags at its 768 MiB limit (-XX:MaxRAM stands in for the container's limit).
java_opts=(-XX:MaxRAM=768m -XX:+UseG1GC -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError)

wait_for() { for _ in $(seq 1 200); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; return 1; }
rss_mib() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

# wrk's summary as: requests/s p50 p99 errors (latencies in ms)
run_wrk() { # url connections [script]
  local threads=2 out
  out=$(wrk -t"$threads" -c"$2" -d"${seconds}s" --timeout 10s --latency ${3:+-s "$3"} "$1")
  echo "$out" > "target/bench/wrk-$(date +%s%N).txt"
  echo "$out" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) }
    /Non-2xx/ { errors += $5 }
    /Socket errors/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%.0f %.1f %.1f %d\n", rps, p50, p99, errors + 0 }'
}

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

java "${java_opts[@]}" -jar "$jar" --server.port=18080 --management.server.port=18081 \
  --loopinfo.pipeline.enabled=false > target/bench/loopinfo.log 2>&1 &
loopinfo=$!
wait_for http://127.0.0.1:18080/
curl -s http://127.0.0.1:18080/ > target/bench/index.html
curl -s http://127.0.0.1:18080/hello/BENCHNAME > target/bench/greeting.html
measure loopinfo "$loopinfo" http://127.0.0.1:18080 > target/bench/loopinfo.txt
kill "$loopinfo"; wait "$loopinfo" 2>/dev/null || true

java "${java_opts[@]}" -cp "$(cat target/bench/classpath.txt)" "$comparator_source" 18090 \
  target/bench/index.html target/bench/greeting.html > "target/bench/$comparator.log" 2>&1 &
other=$!
wait_for http://127.0.0.1:18090/
measure "$comparator" "$other" http://127.0.0.1:18090 > "target/bench/$comparator.txt"
kill "$other"; wait "$other" 2>/dev/null || true

c=$comparator
echo "| run | loopinfo req/s | $c req/s | ratio | loopinfo p50 ms | $c p50 ms | loopinfo p99 ms | $c p99 ms | loopinfo errors | $c errors | loopinfo RSS MiB | $c RSS MiB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
paste -d' ' target/bench/loopinfo.txt "target/bench/$comparator.txt" | awk '{
  printf "| %s | %d | %d | %.2f | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %d |\n", $2, $3, $10, ($10 > 0 ? $3 / $10 : 0), $4, $11, $5, $12, $6, $13, $7, $14 }'
