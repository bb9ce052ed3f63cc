#!/usr/bin/env bash
# Module-graph benchmark (not a test): generates 1,000 small ES modules in a
# temporary directory (a wide fan-out: main imports 500 leaves; a deep chain:
# 500 modules each importing the next), then runs the graph with `jstb run`
# and `node`, best of N whole-process wall-clock runs each (load, link,
# evaluate, exit). Both print the same checksum, which is compared.
#
# Usage: bench/modules.sh [--runs N] [--no-build]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
runs=5
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/modules.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
node=${NODE:-node}
if [ -z "${JSTB:-}" ]; then
  target=${CARGO_TARGET_DIR:-$root/target}
  if [ "$build" = 1 ]; then
    (cd "$root" && cargo build --quiet --release -p jstb)
  fi
  JSTB="$target/release/jstb"
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$here/modules/generate.py" "$dir" 500 500

best() {
  local best_ms=""
  for _ in $(seq "$runs"); do
    local start end ms
    start=$(date +%s%N)
    "$@" > "$dir/out.txt"
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    if [ -z "$best_ms" ] || [ "$ms" -lt "$best_ms" ]; then best_ms=$ms; fi
  done
  echo "$best_ms"
}
jstb_out=$("$JSTB" run "$dir/main.mjs")
node_out=$("$node" "$dir/main.mjs")
if [ "$jstb_out" != "$node_out" ]; then
  echo "bench/modules.sh: outputs differ: jstb '$jstb_out', node '$node_out'" >&2
  exit 1
fi
jstb_ms=$(best "$JSTB" run "$dir/main.mjs")
node_ms=$(best "$node" "$dir/main.mjs")
echo "1,000 modules (fan-out 500 + chain 500), best of $runs, load $(cut -d' ' -f1 /proc/loadavg):"
echo "  jstb  $jstb_ms ms"
echo "  node  $node_ms ms"
