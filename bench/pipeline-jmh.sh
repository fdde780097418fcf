#!/usr/bin/env bash
# JMH: the continuous pipeline unthrottled, messages per second at consumer concurrency 1, 4 and 16.
#   bench/pipeline-jmh.sh [extra JMH arguments, e.g. -f 2 -i 10]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench test-compile exec:exec@jmh -Djmh.args="${*:-}"
