#!/usr/bin/env bash
# Two builds of loopinfo side by side, in one run: a git revision's jar against the working tree's, only one under
# load at a time, wrk against each in turn with the pairs alternated (a browser's Accept-Encoding), req/s per run
# and the median of each. For "does this change slow GET /?".
#
#   bench/versions.sh <revision> [seconds per run, default 10] [pairs, default 5] [paths, default /]
set -euo pipefail
cd "$(dirname "$0")/.."
revision=${1:?a git revision to compare against, e.g. HEAD~1}
seconds=${2:-10}
pairs=${3:-5}
paths=("${@:4}")
[ ${#paths[@]} -gt 0 ] || paths=(/)
mkdir -p target/bench
./mvnw -B -q -DskipTests package
after=$(ls target/loopinfo-*.jar | head -1)
before_tree=target/bench/before
rm -rf "$before_tree"
git worktree add -q --detach "$before_tree" "$revision"
trap 'git worktree remove --force "$before_tree" 2>/dev/null || true' EXIT
(cd "$before_tree" && ./mvnw -B -q -DskipTests package)
before=$(ls "$before_tree"/target/loopinfo-*.jar | head -1)
. bench/jvm.sh
# shellcheck disable=SC2207 # the flags are words without spaces
java_opts=($(chart_flags "${LIMIT:-512}"))
. bench/pairs.sh

serve versions-after 18080 "$after"
after_pid=$served
trap 'kill $after_pid 2>/dev/null || true; git worktree remove --force "$before_tree" 2>/dev/null || true' EXIT
serve versions-before 18090 "$before"
before_pid=$served
trap 'kill $after_pid $before_pid 2>/dev/null || true; git worktree remove --force "$before_tree" 2>/dev/null || true' EXIT

echo "| path | runs, working tree (req/s) | runs, $revision | median, working tree | median, $revision | ratio |"
echo "| --- | --- | --- | ---: | ---: | ---: |"
for path in "${paths[@]}"; do
  # Warm-up, both: C2 needs ~30 s of traffic before a page reaches its steady rate.
  for port in 18080 18090; do wrk -t2 -c64 -d30s -H "$encoding" "http://127.0.0.1:$port$path" > /dev/null; done
  compare "$path" "http://127.0.0.1:18080$path" "http://127.0.0.1:18090$path"
done
