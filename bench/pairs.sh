# Sourced, after bench/jvm.sh, by the benchmarks that set one loopinfo against another (compression.sh,
# versions.sh): the two processes, then wrk at 64 connections for $seconds with a browser's Accept-Encoding,
# alternated pairs of runs, medians.
encoding='Accept-Encoding: gzip, deflate, br, zstd'

# A loopinfo process on <port> (its management port one above) with the chart's JVM flags, logged to
# target/bench/<name>.log; returns once it answers, its pid left in $served.
serve() { # name port jar [arguments...]
  local name=$1 port=$2 jar=$3
  shift 3
  "$java" "${java_opts[@]}" -jar "$jar" --server.port="$port" --management.server.port=$((port + 1)) "$@" \
    > "target/bench/$name.log" 2>&1 &
  served=$!
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && return 0; sleep 0.1; done
  return 1
}

rps() { # url: requests per second
  wrk -t2 -c64 -d"${seconds}s" -H "$encoding" "$1" | awk '/Requests\/sec/ { printf "%.0f", $2 }'
}

median() { # numbers on one line
  tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# One table row: | `path` | runs of A | runs of B | median A | median B | A ÷ B |, over $pairs pairs of runs, each
# pair in the other order from the last, so that neither always runs on a machine just warmed by the other.
compare() { # path url-A url-B
  local path=$1 a=$2 b=$3 runs_a=() runs_b=() pair m_a m_b
  for pair in $(seq 1 "$pairs"); do
    if (( pair % 2 )); then
      runs_a+=("$(rps "$a")"); runs_b+=("$(rps "$b")")
    else
      runs_b+=("$(rps "$b")"); runs_a+=("$(rps "$a")")
    fi
  done
  m_a=$(echo "${runs_a[*]}" | median); m_b=$(echo "${runs_b[*]}" | median)
  echo "| \`$path\` | ${runs_a[*]} | ${runs_b[*]} | $m_a | $m_b | $(awk -v a="$m_a" -v b="$m_b" 'BEGIN { printf "%.2f", a / b }') |"
}
