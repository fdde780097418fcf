#!/usr/bin/env bash
# Live heap held per idle connection and per waiting greeting. The greeting's wait is set to 50 s, so each of N
# wrk connections holds exactly one greeting while three class histograms (jcmd GC.class_histogram, which
# collects first and so counts live objects only) are taken: at rest, with N idle keep-alive connections, and
# with N greetings waiting. Needs wrk and python3.
#
#   ./mvnw -q -DskipTests package && bench/held.sh [N, default 5000] [more application arguments]
#   SERVER=webflux bench/held.sh [N]    # the least WebFlux application instead (bench/WebFluxServer.java)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5000}
shift || true
ulimit -n 20000
mkdir -p target/bench
jar=$(ls target/loopinfo-*.jar | head -1)
. bench/jvm.sh
base=http://127.0.0.1:18080

# A heap large enough that nothing is collected for want of room while the histograms are taken.
if [ "${SERVER:-loopinfo}" = webflux ]; then
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench/classpath.txt
  echo '<h1>Index</h1></html>' > target/bench/held-index.html
  echo '<h1>Hello, BENCHNAME!</h1></html>' > target/bench/held-greeting.html
  "$java" -Xmx1g -XX:+UseG1GC -XX:+UseCompactObjectHeaders -cp "$(cat target/bench/classpath.txt)" bench/WebFluxServer.java 18080 \
    target/bench/held-index.html target/bench/held-greeting.html 50000 > target/bench/held.log 2>&1 &
else
  "$java" -Xmx1g -XX:+UseG1GC -XX:+UseCompactObjectHeaders -jar "$jar" --server.port=18080 --management.server.port=18081 \
    --loopinfo.pipeline.enabled=false --loopinfo.greeting.delay=50s "$@" > target/bench/held.log 2>&1 &
fi
app=$!
trap 'kill "$app" 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do curl -sf -o /dev/null "$base/" && break; sleep 0.1; done
for i in $(seq 1 200); do # load the classes of both pages before the first histogram
  curl -s -o /dev/null "$base/"; curl -s -o /dev/null -m 0.2 "$base/hello/warm$i" || true
done
sleep 2
"$(dirname "$java")/jcmd" "$app" GC.class_histogram > target/bench/held-rest.txt

python3 bench/idle_connections.py "$app" 18080 "$n" 25 > target/bench/held-idle.out &
idle=$!
sleep 15
"$(dirname "$java")/jcmd" "$app" GC.class_histogram > target/bench/held-idle.txt
wait "$idle"

wrk -t2 -c"$n" -d40s --timeout 60s -s bench/names.lua "$base" > /dev/null &
waiting=$!
sleep 20
"$(dirname "$java")/jcmd" "$app" GC.class_histogram > target/bench/held-waiting.txt
wait "$waiting" || true

python3 - "$n" target/bench/held-rest.txt target/bench/held-idle.txt target/bench/held-waiting.txt <<'EOF'
import re, sys

def histogram(path):
    counts = {}
    for line in open(path):
        row = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if row:
            counts[row.group(3)] = (int(row.group(1)), int(row.group(2)))
    return counts

def per(before, after, n):
    rows = []
    for name in set(before) | set(after):
        (c0, b0), (c1, b1) = before.get(name, (0, 0)), after.get(name, (0, 0))
        rows.append(((b1 - b0) / n, (c1 - c0) / n, name))
    return sorted(rows, reverse=True)

n = int(sys.argv[1])
rest, idle, waiting = (histogram(path) for path in sys.argv[2:5])
print(f"live heap at rest: {sum(b for _, b in rest.values()) / 2**20:.1f} MiB")
for label, rows in (("per idle connection", per(rest, idle, n)), ("per waiting greeting", per(idle, waiting, n))):
    print(f"{label}: {sum(r[0] for r in rows):,.0f} bytes; largest classes:")
    for size, count, name in rows[:10]:
        print(f"  {size:6.0f} B  {count:5.1f} objects  {name}")
EOF
