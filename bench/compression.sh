#!/usr/bin/env bash
# Compression on (loopinfo's settings) against off, in one run: two loopinfo processes side by side, only one under
# load at a time, wrk against each in turn with the pairs alternated. Requests carry a browser's Accept-Encoding.
# Prints each answer's bytes on the wire, then req/s per run and the median of each. ON_ARGS gives the "on"
# process other settings, e.g. ON_ARGS=--server.compression.min-response-size=2KB. Needs wrk.
#
#   bench/compression.sh [seconds per run, default 10] [pairs, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
pairs=${2:-5}
mkdir -p target/bench
./mvnw -B -q -DskipTests package
jar=$(ls target/loopinfo-*.jar | head -1)
. bench/jvm.sh
# shellcheck disable=SC2207 # the flags are words without spaces
java_opts=($(chart_flags "${LIMIT:-512}"))
. bench/pairs.sh
paths=(/ /pipeline /css/loopinfo.css /v3/api-docs)

# shellcheck disable=SC2086 # ON_ARGS is words
serve compression-on 18080 "$jar" ${ON_ARGS:-}
on=$served
trap 'kill $on 2>/dev/null || true' EXIT
serve compression-off 18090 "$jar" --server.compression.enabled=false
off=$served
trap 'kill $on $off 2>/dev/null || true' EXIT

echo "| path | bytes, off | bytes, on | Content-Encoding |"
echo "| --- | ---: | ---: | --- |"
for path in "${paths[@]}"; do
  plain=$(curl -s -H "$encoding" -o /dev/null -w '%{size_download}' "http://127.0.0.1:18090$path")
  packed=$(curl -s -H "$encoding" -o /dev/null -w '%{size_download}' "http://127.0.0.1:18080$path")
  coding=$(curl -s -H "$encoding" -o /dev/null -D - "http://127.0.0.1:18080$path" | tr -d '\r' \
    | awk -F': ' 'tolower($1) == "content-encoding" { print $2 }')
  echo "| \`$path\` | $plain | $packed | ${coding:-none} |"
done

# Warm-up: C2 needs ~30 s of traffic before a page reaches its steady rate.
for port in 18080 18090; do
  for path in "${paths[@]}"; do wrk -t2 -c64 -d15s -H "$encoding" "http://127.0.0.1:$port$path" > /dev/null; done
done

echo
echo "| path | runs, on (req/s) | runs, off | median on | median off | on ÷ off |"
echo "| --- | --- | --- | ---: | ---: | ---: |"
for path in "${paths[@]}"; do
  compare "$path" "http://127.0.0.1:18080$path" "http://127.0.0.1:18090$path"
done
