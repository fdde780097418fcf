#!/usr/bin/env bash
# Start-up and memory at rest: loopinfo against the floor, the least Spring Boot WebFlux application (bench/floor:
# spring-boot-starter-webflux alone, on loopinfo's Boot and Netty). Both jars are extracted, each gets a JDK AOT
# cache trained the same way (a start to the refreshed context, as the image's is), and they are started in turn,
# five times each, on the Java the image ships with the chart's JVM flags (bench/jvm.sh). For each start: the
# milliseconds from launching java to the first 200 from GET /, then the RSS 3 s later. Prints each one's median
# and every start, and loopinfo ÷ the floor. (The request path against the same floor: bench/compare.sh.)
#
#   bench/floor.sh            LIMIT=… (MiB, default 512) for the chart's flags at another memory limit
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/jvm.sh
out=target/floor
rm -rf "$out" && mkdir -p "$out"
./mvnw -B -q -DskipTests package
./mvnw -B -q -DskipTests -f bench/floor/pom.xml package
# shellcheck disable=SC2207 # the flags are words without spaces
flags=($(chart_flags "${LIMIT:-512}"))
loopinfo_args=(--server.port=18080 --management.server.port=18081)
floor_args=(--server.port=18090)

extract() { # jar directory: the jar, extracted; prints the application's jar
  "$java" -Djarmode=tools -jar "$1" extract --destination "$2" > /dev/null
  ls "$2"/*.jar | head -1
}
loopinfo_jar=$(extract "$(ls target/loopinfo-*.jar | head -1)" "$out/loopinfo")
floor_jar=$(extract "$(ls bench/floor/target/floor-*.jar | head -1)" "$out/floor")

"$java" "${flags[@]}" -XX:AOTCacheOutput="$out/loopinfo.aot" -Dspring.context.exit=onRefresh \
  -jar "$loopinfo_jar" "${loopinfo_args[@]}" > "$out/loopinfo-training.log" 2>&1
"$java" "${flags[@]}" -XX:AOTCacheOutput="$out/floor.aot" -Dspring.context.exit=onRefresh \
  -jar "$floor_jar" "${floor_args[@]}" > "$out/floor-training.log" 2>&1

start() { # port java arguments…: "milliseconds-to-first-200 RSS-MiB-3-s-later"
  local port=$1; shift
  local begin end pid rss
  begin=$(date +%s%N)
  "$java" "${flags[@]}" "$@" > "$out/run.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.01; done
  end=$(date +%s%N)
  sleep 3
  rss=$(awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (end - begin) / 1000000 )) $rss"
}

median() { sort -n | sed -n 3p; }
loopinfo_ms=() loopinfo_rss=() floor_ms=() floor_rss=()
for _ in 1 2 3 4 5; do
  read -r ms rss < <(start 18080 -XX:AOTCache="$out/loopinfo.aot" -jar "$loopinfo_jar" "${loopinfo_args[@]}")
  loopinfo_ms+=("$ms"); loopinfo_rss+=("$rss")
  read -r ms rss < <(start 18090 -XX:AOTCache="$out/floor.aot" -jar "$floor_jar" "${floor_args[@]}")
  floor_ms+=("$ms"); floor_rss+=("$rss")
done
lm=$(printf '%s\n' "${loopinfo_ms[@]}" | median); fm=$(printf '%s\n' "${floor_ms[@]}" | median)
lr=$(printf '%s\n' "${loopinfo_rss[@]}" | median); fr=$(printf '%s\n' "${floor_rss[@]}" | median)
printf 'first 200 on GET /\tloopinfo %s ms (%s)\tfloor %s ms (%s)\tratio %s\n' "$lm" "${loopinfo_ms[*]}" "$fm" \
  "${floor_ms[*]}" "$(awk -v a="$lm" -v b="$fm" 'BEGIN { printf "%.2f", a / b }')"
printf 'RSS at rest\tloopinfo %s MiB (%s)\tfloor %s MiB (%s)\tdifference %+d MiB\n' "$lr" "${loopinfo_rss[*]}" "$fr" \
  "${floor_rss[*]}" "$(( lr - fr ))"
