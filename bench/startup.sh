#!/usr/bin/env bash
# Start-up to readiness (first 200 from /actuator/health/readiness), median of 5 starts, for:
#   fat jar · extracted jar + CDS archive (JDK 17) · extracted jar + AOT cache (JDK 25, if installed)
#   and the same two with Spring AOT processing (the jar built with -Paot, run with -Dspring.aot.enabled=true)
# Archives and caches come from a training run that starts the app, serves a few requests and is stopped; one
# more CDS row trains as the image does, only up to the refreshed context. The image itself: startup-image.sh.
#   bench/startup.sh [path to a JDK 25+ home, default /usr/lib/jvm/temurin-25-jdk-amd64]
set -euo pipefail
cd "$(dirname "$0")/.."
jdk25=${1:-/usr/lib/jvm/temurin-25-jdk-amd64}
out=target/startup
rm -rf "$out" && mkdir -p "$out"
args=(--server.port=18080 --management.server.port=18081)

ready() { until curl -sf -o /dev/null http://127.0.0.1:18081/actuator/health/readiness; do sleep 0.01; done; }

ready_ms() { # java command…: milliseconds from launch to readiness
  local start end
  start=$(date +%s%N)
  "$@" "${args[@]}" > "$out/run.log" 2>&1 &
  local pid=$!
  ready
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

report() { # label milliseconds…: the median and every start
  local label=$1; shift
  printf '%s\t%s ms\t(%s)\n' "$label" "$(printf '%s\n' "$@" | sort -n | sed -n 3p)" "$*"
}

median() { # label java command…
  local label=$1; shift
  local times=()
  for _ in 1 2 3 4 5; do times+=("$(ready_ms "$@")"); done
  report "$label" "${times[@]}"
}

alternate() { # label1 array1 label2 array2: two java commands (array names) started in turn, five times each
  local -n first=$2 second=$4
  local a=() b=()
  for _ in 1 2 3 4 5; do a+=("$(ready_ms "${first[@]}")"); b+=("$(ready_ms "${second[@]}")"); done
  report "$1" "${a[@]}"
  report "$3" "${b[@]}"
}

train() { # log java command…: start, serve what a probe and a visitor ask for, stop (the JVM writes on exit)
  local log=$1; shift
  "$@" "${args[@]}" > "$out/$log" 2>&1 &
  local pid=$!
  ready
  curl -s -o /dev/null http://127.0.0.1:18080/
  curl -s -o /dev/null http://127.0.0.1:18080/hello/training
  curl -s -o /dev/null -H 'Accept: application/json' http://127.0.0.1:18080/hello/training
  curl -s -o /dev/null http://127.0.0.1:18081/actuator/prometheus
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
}

extract() { # directory: the packaged jar, extracted; prints the application jar
  java -Djarmode=tools -jar "$(ls target/loopinfo-*.jar | head -1)" extract --destination "$1" > /dev/null
  ls "$1"/*.jar | head -1
}

./mvnw -B -q -DskipTests package
median "fat jar (JDK 17)" java -jar "$(ls target/loopinfo-*.jar | head -1)"
app=$(extract "$out/extracted")
train cds-training.log java -XX:ArchiveClassesAtExit="$out/app.jsa" -jar "$app"
# The image's training run (src/image/Containerfile) goes only up to the refreshed context, without requests; the
# two archives are started in turn, so that the machine's drift does not tell them apart.
java -XX:ArchiveClassesAtExit="$out/refresh.jsa" -Dspring.context.exit=onRefresh -jar "$app" "${args[@]}" \
  > "$out/cds-refresh-training.log" 2>&1
cds=(java -XX:SharedArchiveFile="$out/app.jsa" -jar "$app")
cds_refresh=(java -XX:SharedArchiveFile="$out/refresh.jsa" -jar "$app")
alternate "extracted + CDS (JDK 17)" cds "extracted + CDS trained to the refreshed context (JDK 17)" cds_refresh
if [ -x "$jdk25/bin/java" ]; then
  train aot-training.log "$jdk25/bin/java" -XX:AOTCacheOutput="$out/app.aot" -jar "$app"
  median "extracted + AOT cache (JDK 25)" "$jdk25/bin/java" -XX:AOTCache="$out/app.aot" -jar "$app"
fi

./mvnw -B -q -Paot -DskipTests package
aot=(-Dspring.aot.enabled=true)
app=$(extract "$out/extracted-aot")
train spring-aot-cds-training.log java -XX:ArchiveClassesAtExit="$out/spring-aot.jsa" "${aot[@]}" -jar "$app"
median "Spring AOT, extracted + CDS (JDK 17)" java -XX:SharedArchiveFile="$out/spring-aot.jsa" "${aot[@]}" -jar "$app"
if [ -x "$jdk25/bin/java" ]; then
  train spring-aot-training.log "$jdk25/bin/java" -XX:AOTCacheOutput="$out/spring-aot.aot" "${aot[@]}" -jar "$app"
  median "Spring AOT, extracted + AOT cache (JDK 25)" "$jdk25/bin/java" -XX:AOTCache="$out/spring-aot.aot" \
    "${aot[@]}" -jar "$app"
fi
# Leave the ordinary jar in target/, as every other script expects.
./mvnw -B -q -DskipTests package
