#!/usr/bin/env bash
# Built-in speed benchmark (issue 12 point 13; not a test): the programs of
# bench/builtins/*.js time their own loops (best of 3-5 iterations, Date.now)
# and print `MS SIZE CHECKSUM`. This runs each with `jstb run`,
# `node --jitless`, `node` and, when built (bench/qjs.sh), QuickJS, checks
# that the checksums agree, and prints the times in ms (JSON: and MB/s).
#
# Usage: bench/builtins.sh [--only NAME]
# Environment: JSTB, NODE, QJS, CARGO_TARGET_DIR as for bench/run.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/builtins.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
node=${NODE:-node}
target=${CARGO_TARGET_DIR:-$root/target}
JSTB=${JSTB:-$target/release/jstb}
[ -x "$JSTB" ] || { echo "bench/builtins.sh: no jstb binary at $JSTB (cargo build --release -p jstb)" >&2; exit 1; }
if [ -z "${QJS:-}" ]; then
  for candidate in "$target/release/qjs-run" "$here/qjs/target/release/qjs-run"; do
    if [ -x "$candidate" ]; then QJS=$candidate; break; fi
  done
fi
engines=("jstb" "node --jitless" "node")
[ -n "${QJS:-}" ] && engines+=("qjs")
cmd() {
  case "$1" in
    "jstb") echo "$JSTB run" ;;
    "node --jitless") echo "$node --jitless --no-warnings" ;;
    "node") echo "$node --no-warnings" ;;
    "qjs") echo "$QJS" ;;
  esac
}
printf '%-20s' "program"
for e in "${engines[@]}"; do printf ' | %-16s' "$e"; done
echo
status=0
for f in "$here"/builtins/*.js; do
  name=$(basename "$f" .js)
  [ -n "$only" ] && [ "$name" != "$only" ] && continue
  printf '%-20s' "$name"
  want=""
  for e in "${engines[@]}"; do
    read -r ms size check < <($(cmd "$e") "$f" 2>/dev/null || echo "error 0 error")
    if [ -z "$want" ]; then want=$check; elif [ "$check" != "$want" ]; then
      echo "bench/builtins.sh: $name: $e printed checksum $check, expected $want" >&2
      status=1
    fi
    case "$name" in
      json_*) cell="$ms ms $(awk -v s="$size" -v t="$ms" 'BEGIN { if (t > 0) printf "%.0f", s / t / 1000; else print "-" }') MB/s" ;;
      *) cell="$ms ms" ;;
    esac
    printf ' | %-16s' "$cell"
  done
  echo
done
exit $status
