#!/usr/bin/env bash
# Real-program benchmark (not a test): the Octane 2.0 programs of the shared
# bench folder (box2d, gbemu, typescript) with `jstb run`, `node --jitless`,
# `node` and, when built, QuickJS (bench/qjs.sh), side by side. Each program
# prints `NAME: SCORE` (higher is faster); the table shows the median score
# of N runs per engine, the ratios, and the geometric mean of jstb's ratio to
# each engine.
#
# Usage: bench/octane.sh [--runs N] [--only NAME] [--no-build] [--no-qjs]
#                        [--deterministic]
#
# --deterministic runs copies of the programs with Octane's
# `doDeterministic` on: each program runs its fixed number of iterations
# (box2d 60, gbemu 20, typescript 5) instead of "at least a second". The
# default mode is what Octane reports, but box2d's score is bimodal in it:
# a first second with fewer than 8 iterations is extended by another
# second, whose warm iterations raise the score, so a faster start can
# print a lower score (docs/performance.md, "Session 17"). Use the
# deterministic mode to compare two builds.
#
# Environment: JSTB (a jstb binary), NODE (default: node), OCTANE (the folder
# of the programs; default: ../shared/bench/octane2 beside the repository),
# CARGO_TARGET_DIR, QJS (a qjs-run binary; default: the one bench/qjs.sh
# built, if any).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

runs=3
only=""
build=1
noqjs=0
deterministic=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-qjs) noqjs=1; shift ;;
    --deterministic) deterministic=1; shift ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/octane.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

octane=${OCTANE:-$root/../shared/bench/octane2}
[ -d "$octane" ] || { echo "bench/octane.sh: no Octane folder at $octane" >&2; exit 1; }
if [ "$deterministic" = 1 ]; then
  copies=$(mktemp -d)
  trap 'rm -rf "$copies"' EXIT
  for f in "$octane"/*.js; do
    sed 's/^BenchmarkSuite.config.doDeterministic = undefined;/BenchmarkSuite.config.doDeterministic = true;/' "$f" >"$copies/$(basename "$f")"
  done
  octane=$copies
fi
node=${NODE:-node}
script=bench/octane.sh
# shellcheck source=bench/engines.sh
. "$here/engines.sh"

# median_score CMD...: runs CMD `runs` times and prints the median of the
# score on the last line of its output (0 if a run fails).
median_score() {
  local i scores=()
  for ((i = 0; i < runs; i++)); do
    local out
    if out=$("$@" 2>/dev/null | tail -1); then
      scores+=("$(echo "$out" | sed -n 's/^[A-Za-z0-9]*: *\([0-9.]*\)$/\1/p')")
    else
      scores+=(0)
    fi
  done
  printf '%s\n' "${scores[@]}" | sort -n | awk '{a[NR]=$1} END {print (a[int((NR+1)/2)] == "" ? 0 : a[int((NR+1)/2)])}'
}

echo "jstb: $JSTB"
[ -n "$QJS" ] && echo "qjs: $QJS"
echo "node: $($node --version)   runs per cell: $runs (median)   load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
header="| program |"
rule="|---|"
for e in "${engines[@]}"; do header+=" $e |"; rule+="---|"; done
for e in "${engines[@]:1}"; do header+=" jstb / $e |"; rule+="---|"; done
echo "$header"
echo "$rule"
declare -A logsum=()
count=0
for file in "$octane"/*.js; do
  name=$(basename "$file" .js)
  if [ -n "$only" ] && [ "$name" != "$only" ]; then continue; fi
  declare -A score=()
  line="| $name |"
  for e in "${engines[@]}"; do
    # shellcheck disable=SC2046
    score[$e]=$(median_score $(engine_cmd "$e") "$file")
    line+=" ${score[$e]} |"
  done
  for e in "${engines[@]:1}"; do
    r=$(awk -v a="${score[jstb]}" -v b="${score[$e]}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "-" }')
    line+=" $r |"
    logsum[$e]=$(awk -v s="${logsum[$e]:-0}" -v r="$r" 'BEGIN { if (r != "-") s += log(r); print s }')
  done
  count=$((count + 1))
  echo "$line"
done
if [ "$count" -gt 1 ]; then
  line="| geometric mean |"
  for e in "${engines[@]}"; do line+=" |"; done
  for e in "${engines[@]:1}"; do
    line+=" $(awk -v s="${logsum[$e]}" -v n="$count" 'BEGIN { printf "%.2f", exp(s / n) }') |"
  done
  echo "$line"
fi
