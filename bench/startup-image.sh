#!/usr/bin/env bash
# Start-up to readiness of the image, as a pod starts it: podman, the chart's memory limit and the image's own JVM
# options; median of 5 starts each, alternating, from `podman run` to the first 200 from
# /actuator/health/readiness. Once with the image's entrypoint (Spring AOT, and the classes loaded and linked and
# the methods' profiles mapped from the AOT cache its training run wrote), once with Jib's entrypoint, as an image
# built with Jib alone (-Pimage) starts: neither (the JDK's own classes still mapped from the runtime's default
# archive). Needs podman and runc; builds the image offline first.
#
#   bench/startup-image.sh            LIMIT=512 bench/startup-image.sh for another memory limit (MiB)
set -euo pipefail
cd "$(dirname "$0")/.."
src/image/build-offline.sh
image=localhost/loopinfo:local
name=loopinfo-startup-bench
without=(--entrypoint '["java", "-cp", "@/app/jib-classpath-file", "@/app/jib-main-class-file"]')

ready_ms() { # podman run options…: milliseconds from launch to readiness
  local start end
  start=$(date +%s%N)
  src/image/podman.sh run -d --name "$name" --memory="${LIMIT:-512}m" "$@" "$image" \
    --server.port=18080 --management.server.port=18081 > /dev/null
  until curl -sf -o /dev/null http://127.0.0.1:18081/actuator/health/readiness; do sleep 0.01; done
  end=$(date +%s%N)
  src/image/podman.sh rm -f -t 5 "$name" > /dev/null
  echo $(( (end - start) / 1000000 ))
}

with_cache=() without_cache=()
for _ in 1 2 3 4 5; do
  with_cache+=("$(ready_ms)")
  without_cache+=("$(ready_ms "${without[@]}")")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
printf 'image, AOT cache and Spring AOT\t%s ms\t(%s)\n' "$(median "${with_cache[@]}")" "${with_cache[*]}"
printf 'image, without it\t%s ms\t(%s)\n' "$(median "${without_cache[@]}")" "${without_cache[*]}"
