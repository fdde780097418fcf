#!/usr/bin/env bash
# Start-up to readiness (first 200 from /actuator/health/readiness), median of 5 starts, for:
#   fat jar · extracted jar + CDS archive (JDK 17) · extracted jar + AOT cache (JDK 25, if installed)
#   bench/startup.sh [path to a JDK 25+ home, default /usr/lib/jvm/temurin-25-jdk-amd64]
set -euo pipefail
cd "$(dirname "$0")/.."
jdk25=${1:-/usr/lib/jvm/temurin-25-jdk-amd64}
out=target/startup
rm -rf "$out" && mkdir -p "$out"
./mvnw -B -q -DskipTests package
jar=$(ls target/loopinfo-*.jar | head -1)
args=(--server.port=18080 --management.server.port=18081)

ready_ms() { # java command…: milliseconds from launch to readiness
  local start end
  start=$(date +%s%N)
  "$@" "${args[@]}" > "$out/run.log" 2>&1 &
  local pid=$!
  until curl -sf -o /dev/null http://127.0.0.1:18081/actuator/health/readiness; do sleep 0.01; done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

median() { # label java command…
  local label=$1; shift
  local times=()
  for _ in 1 2 3 4 5; do times+=("$(ready_ms "$@")"); done
  printf '%s\t%s ms\t(%s)\n' "$label" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)" "${times[*]}"
}

java -Djarmode=tools -jar "$jar" extract --destination "$out/extracted" > /dev/null
app=$(ls "$out"/extracted/*.jar | head -1)

median "fat jar (JDK 17)" java -jar "$jar"

java -XX:ArchiveClassesAtExit="$out/app.jsa" -Dspring.context.exit=onRefresh -jar "$app" "${args[@]}" > "$out/cds-training.log" 2>&1
median "extracted + CDS (JDK 17)" java -XX:SharedArchiveFile="$out/app.jsa" -jar "$app"

if [ -x "$jdk25/bin/java" ]; then
  median "extracted (JDK 25)" "$jdk25/bin/java" -jar "$app"
  "$jdk25/bin/java" -XX:AOTCacheOutput="$out/app.aot" -Dspring.context.exit=onRefresh -jar "$app" "${args[@]}" \
    > "$out/aot-training.log" 2>&1
  median "extracted + AOT cache (JDK 25)" "$jdk25/bin/java" -XX:AOTCache="$out/app.aot" -jar "$app"
fi
