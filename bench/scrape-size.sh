#!/usr/bin/env bash
# Size of one Prometheus scrape of loopinfo after traffic on every route: each page, greeting, lesson, the pipeline
# and event-loop pages and API, the test bed, every static file, and the usual refusals (400, 404, 405). The Java
# the image ships, under the chart's JVM flags (bench/jvm.sh). Needs curl.
#
#   bench/scrape-size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
./mvnw -B -q -DskipTests package
jar=$(ls target/loopinfo-*.jar | head -1)
. bench/jvm.sh
# shellcheck disable=SC2046 # the flags are words without spaces
"$java" $(chart_flags "${LIMIT:-512}") -jar "$jar" --server.port=18080 --management.server.port=18081 > target/bench/scrape-size.log 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do curl -sf -o /dev/null http://127.0.0.1:18081/actuator/health/readiness && break; sleep 0.1; done

app_url=http://127.0.0.1:18080
json=(-H 'Accept: application/json')
for round in 1 2 3; do
  for path in / /hello/Ada "/hello?name=Ada" /lessons /lessons/interleave /lessons/hello-world \
      /lessons/producer-consumer /lessons/blocking /pipeline /api/pipeline /loops /headers /status/418 /delay/0 \
      /css/loopinfo.css /js/pipeline.js /js/lesson.js /js/loops.js /favicon.svg /nowhere /lessons/nope \
      /hello/%20; do
    curl -s -o /dev/null "$app_url$path"
    curl -s -o /dev/null "${json[@]}" "$app_url$path"
    curl -s -o /dev/null -I "$app_url$path"
    curl -s -o /dev/null -X DELETE "$app_url$path"
    curl -s -o /dev/null -X OPTIONS "$app_url$path"
  done
  curl -s -o /dev/null -X POST "$app_url/api/pipeline/runs?count=2"
  curl -s -o /dev/null -X POST "$app_url/api/pipeline/runs?count=0"
  curl -s -o /dev/null -X POST --data-binary hello "$app_url/echo"
  curl -s -o /dev/null -m 2 "$app_url/lessons/interleave/events" || true
  curl -s -o /dev/null -m 2 "$app_url/pipeline/events" || true  # streams: cut after 2 s
  curl -s -o /dev/null -m 2 "$app_url/loops/events" || true
  curl -s -o /dev/null -H 'Accept: x' "$app_url/"
done
curl -s http://127.0.0.1:18081/actuator/prometheus > target/bench/scrape.txt
bytes=$(wc -c < target/bench/scrape.txt)
lines=$(grep -vc '^#' target/bench/scrape.txt)
echo "scrape after traffic on every route: $((bytes / 1024)) KiB ($bytes bytes), $lines series"
echo "largest families (series):"
grep -v '^#' target/bench/scrape.txt | sed -E 's/[{ ].*//; s/_(bucket|count|sum|max)$//' | sort | uniq -c | sort -rn | head -8
