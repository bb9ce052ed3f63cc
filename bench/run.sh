#!/usr/bin/env bash
# Runtime benchmark (not a test): the micro programs of bench/run/*.js with
# `jstb run`, `node --jitless`, `node` and, when available, QuickJS
# (bench/qjs), side by side, best of N wall-clock runs each, plus the startup
# time and peak RSS of a hello world.
#
# Usage: bench/run.sh [--runs N] [--only NAME] [--no-build] [--no-qjs]
#
# Every program prints a checksum; the engines' outputs must agree (a
# mismatch is reported and makes the script exit 1). Times are whole
# processes (parse + compile + run + exit), in milliseconds.
#
# Environment: JSTB (a jstb binary to use instead of building one),
# NODE (default: node), CARGO_TARGET_DIR (where the release builds go),
# QJS (a qjs-run binary; by default the one bench/qjs.sh built, if any).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

runs=5
only=""
build=1
noqjs=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-qjs) QJS=""; noqjs=1; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

node=${NODE:-node}
script=bench/run.sh
# shellcheck source=bench/engines.sh
. "$here/engines.sh"
command -v "$node" >/dev/null || { echo "bench/run.sh: $node not found" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT


# best_ms CMD...: runs CMD `runs` times (stdout to $tmp/out), prints the best
# wall-clock time in ms with one decimal.
best_ms() {
  local best="" t0 t1 dt i
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    "$@" >"$tmp/out" 2>"$tmp/err"
    t1=$(date +%s%N)
    dt=$(((t1 - t0) / 100000))
    if [ -z "$best" ] || [ "$dt" -lt "$best" ]; then best=$dt; fi
  done
  printf '%d.%d' $((best / 10)) $((best % 10))
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", b / a; else print "-" }'; }

status=0
echo "jstb: $JSTB"
[ -n "$QJS" ] && echo "qjs: $QJS (QuickJS-ng through rquickjs $(sed -n 's/^rquickjs = "=\{0,1\}\([^"]*\)"/\1/p' "$here/qjs/Cargo.toml"))"
echo "node: $($node --version)   runs per cell: $runs (best of)   load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# Startup first: the net columns subtract each engine's hello-world time
# (best of 3N: it is short and noisy).
declare -A start=() rss=()
for e in "${engines[@]}"; do
  # shellcheck disable=SC2046
  start[$e]=$(runs=$((runs * 3)) best_ms $(engine_cmd "$e") "$here/run/hello.js")
  # shellcheck disable=SC2046
  /usr/bin/time -f %M -o "$tmp/rss" $(engine_cmd "$e") "$here/run/hello.js" >/dev/null 2>&1 || true
  rss[$e]=$(tail -1 "$tmp/rss")
done

# net MS STARTUP: MS - STARTUP, or 0 (shown as "-") below 5 ms, where the
# difference is noise.
net() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 5) d = 0; printf "%.1f", d }'; }

if [ -n "$QJS" ]; then
  printf '| %-16s | %8s | %8s | %8s | %8s | %14s | %11s | %10s | %18s | %15s |\n' \
    program "jstb ms" "jitless" "node ms" "qjs ms" "jitless / jstb" "node / jstb" "qjs / jstb" \
    "jitless / jstb net" "node / jstb net"
  printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' ------------------ ---------- ---------- ---------- ---------- \
    ---------------- ------------- ------------ -------------------- -----------------
else
  printf '| %-8s | %8s | %8s | %8s | %14s | %11s | %18s | %15s |\n' \
    program "jstb ms" "jitless" "node ms" "jitless / jstb" "node / jstb" "jitless / jstb net" "node / jstb net"
  printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' ---------- ---------- ---------- ---------- \
    ---------------- ------------- -------------------- -----------------
fi
for file in "$here"/run/*.js; do
  name=$(basename "$file" .js)
  [ "$name" = hello ] && continue
  if [ -n "$only" ] && [ "$name" != "$only" ]; then continue; fi
  declare -A ms=()
  expected=""
  for e in "${engines[@]}"; do
    # shellcheck disable=SC2046
    if ! $(engine_cmd "$e") "$file" >"$tmp/check" 2>"$tmp/err"; then
      echo "$name: $e failed: $(head -3 "$tmp/err")" >&2
      status=1
      ms[$e]=0
      continue
    fi
    if [ -z "$expected" ]; then
      expected=$(cat "$tmp/check")
    elif [ "$(cat "$tmp/check")" != "$expected" ]; then
      echo "$name: $e printed $(head -c 80 "$tmp/check"), expected $expected" >&2
      status=1
    fi
    # shellcheck disable=SC2046
    ms[$e]=$(best_ms $(engine_cmd "$e") "$file")
  done
  j=${ms[jstb]} jl=${ms[node --jitless]} n=${ms[node]}
  jn=$(net "$j" "${start[jstb]}") jln=$(net "$jl" "${start[node --jitless]}") nn=$(net "$n" "${start[node]}")
  if [ -n "$QJS" ]; then
    q=${ms[qjs]}
    printf '| %-16s | %8s | %8s | %8s | %8s | %14s | %11s | %10s | %18s | %15s |\n' "$name" "$j" "$jl" "$n" "$q" \
      "$(ratio "$j" "$jl")" "$(ratio "$j" "$n")" "$(ratio "$j" "$q")" "$(ratio "$jn" "$jln")" "$(ratio "$jn" "$nn")"
  else
    printf '| %-8s | %8s | %8s | %8s | %14s | %11s | %18s | %15s |\n' "$name" "$j" "$jl" "$n" \
      "$(ratio "$j" "$jl")" "$(ratio "$j" "$n")" "$(ratio "$jn" "$jln")" "$(ratio "$jn" "$nn")"
  fi
  unset ms
done

echo
echo "hello world (startup): best wall-clock ms and peak RSS"
printf '| %-14s | %8s | %12s |\n' engine "ms" "peak RSS KB"
printf '|%s|%s|%s|\n' ---------------- ---------- --------------
for e in "${engines[@]}"; do
  printf '| %-14s | %8s | %12s |\n' "$e" "${start[$e]}" "${rss[$e]}"
done
echo
echo "ms: whole process, best of $runs; net: minus the engine's hello-world time (- below 5 ms)"
echo "ratios > 1: jstb is faster"
exit $status
