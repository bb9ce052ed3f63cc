#!/usr/bin/env bash
# Real npm packages as workloads (a benchmark, not a test; CI never runs it):
# fetches pinned tarballs from the npm registry into bench/npm/cache/
# (git-ignored), checks each tarball's sha256 against the table below, builds
# one classic script per program (the input as a string, the package's
# single-file UMD build, bench/npm/common.js and the driver bench/npm/NAME.js)
# and runs it with `jstb run`, `node --jitless`, `node` and QuickJS side by
# side. Each run prints `NAME checksum: ...` (the same on every engine, or the
# cell is marked) and `NAME: MS` (the driver's own Date.now() time of the
# work, lower is faster; with --cpu the process's user + system CPU time
# instead, for a loaded machine). The table shows the median time of N runs, and the
# speed of jstb relative to each engine (engine time / jstb time: above 1
# means jstb is faster) with geometric means.
#
# Usage: bench/npm.sh [--runs N] [--only NAME] [--cpu] [--no-build] [--no-qjs] [--fetch-only]
#
# Environment: JSTB (a jstb binary), NODE (default: node), NPM (default:
# npm), CARGO_TARGET_DIR, QJS (a qjs-run binary; default: the one
# bench/qjs.sh built, if any).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cache="$here/npm/cache"

# The packages: name@version and the sha256 of the registry tarball (`npm
# pack NAME@VERSION`). To add one, run `npm pack NAME@VERSION`, put its
# sha256sum here and a program line below.
packages=(
  "acorn@8.14.0 04c1f5545e4e9140e288bb56b4cbbc4ffd730213e6331330e2bcefc649462104"
  "esprima@4.0.1 d8a1910e9cbecc95b4c5df75376c46a7a9261859c294ef91505c1442e093cc74"
  "marked@12.0.2 6cfd2d09c6bce2541558a1547e5f3b9895ed743f0d287536ff2280e318e8a074"
  "terser@5.31.0 485ac24b164a826085bc6e02fbf2f0fb1792bbd4318de66e36367c11ad0ac596"
)
# The programs: name (driver bench/npm/NAME.js), the package file loaded as a
# classic script, and the input file (given to the driver as NPM_INPUT), both
# as PACKAGE@VERSION/PATH inside an unpacked tarball.
programs=(
  "acorn acorn@8.14.0/dist/acorn.js terser@5.31.0/dist/bundle.min.js"
  "esprima esprima@4.0.1/dist/esprima.js acorn@8.14.0/dist/acorn.js"
  "marked marked@12.0.2/lib/marked.umd.js terser@5.31.0/README.md"
  "terser terser@5.31.0/dist/bundle.min.js marked@12.0.2/lib/marked.umd.js"
)

runs=3
only=""
build=1
noqjs=0
fetchonly=0
cpu=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-qjs) noqjs=1; shift ;;
    --fetch-only) fetchonly=1; shift ;;
    --cpu) cpu=1; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/npm.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
node=${NODE:-node}
npm=${NPM:-npm}

# fetch: every pinned tarball into $cache, checked, unpacked into
# $cache/NAME@VERSION/.
mkdir -p "$cache"
for entry in "${packages[@]}"; do
  spec=${entry% *}
  sum=${entry#* }
  name=${spec%@*}
  version=${spec#*@}
  tarball="$cache/$name-$version.tgz"
  if [ ! -f "$tarball" ]; then
    (cd "$cache" && "$npm" pack --silent "$spec" >/dev/null)
  fi
  actual=$(sha256sum "$tarball" | cut -d' ' -f1)
  if [ "$actual" != "$sum" ]; then
    echo "bench/npm.sh: $tarball has sha256 $actual, expected $sum" >&2
    rm -f "$tarball"
    exit 1
  fi
  if [ ! -d "$cache/$spec" ]; then
    mkdir -p "$cache/$spec.tmp"
    tar xzf "$tarball" -C "$cache/$spec.tmp"
    mv "$cache/$spec.tmp/package" "$cache/$spec"
    rmdir "$cache/$spec.tmp"
  fi
done

# build: one script per program in $cache/run/NAME.js. The package runs in a
# function whose exports, module, define and require are undefined, so every
# engine (node runs a file as a CommonJS module) takes the UMD's global path.
mkdir -p "$cache/run"
for entry in "${programs[@]}"; do
  read -r name pkgfile input <<<"$entry"
  out="$cache/run/$name.js"
  {
    printf 'var NPM_INPUT = '
    "$node" -e 'process.stdout.write(JSON.stringify(require("fs").readFileSync(process.argv[1], "utf8")))' "$cache/$input"
    printf ';\n(function (exports, module, define, require) {\n'
    cat "$cache/$pkgfile"
    printf '\n}).call(globalThis);\n'
    cat "$here/npm/common.js" "$here/npm/$name.js"
  } >"$out.tmp"
  mv "$out.tmp" "$out"
done
[ "$fetchonly" = 1 ] && { echo "bench/npm.sh: programs in $cache/run/"; exit 0; }

script=bench/npm.sh
# shellcheck source=bench/engines.sh
. "$here/engines.sh"

# median_time NAME CMD...: runs CMD `runs` times; prints the median time
# (`NAME: MS`, "fail" if a run fails) and then the checksum line of the
# first run.
median_time() {
  local name=$1 i times=() sums=()
  shift
  for ((i = 0; i < runs; i++)); do
    local out
    if out=$(/usr/bin/time -f "cpu-time: %U %S" "$@" 2>&1); then
      if [ "$cpu" = 1 ]; then
        times+=("$(echo "$out" | sed -n 's/^cpu-time: \([0-9.]*\) \([0-9.]*\)$/\1 \2/p' | awk '{ printf "%d", ($1 + $2) * 1000 }')")
      else
        times+=("$(echo "$out" | sed -n "s/^$name: *\([0-9.]*\)$/\1/p")")
      fi
      sums+=("$(echo "$out" | sed -n "s/^$name checksum: //p")")
    else
      echo "fail"
      echo "$out" | tail -3 | sed 's/^/    /' >&2
      return
    fi
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (a[int((NR+1)/2)] == "" ? "fail" : a[int((NR+1)/2)])}'
  echo "${sums[0]}"
}

echo "jstb: $JSTB"
[ -n "$QJS" ] && echo "qjs: $QJS"
what="the driver's time"
[ "$cpu" = 1 ] && what="CPU time (user + system)"
echo "node: $($node --version)   runs per cell: $runs (median, ms, $what)   load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
header="| program |"
rule="|---|"
for e in "${engines[@]}"; do header+=" $e |"; rule+="---|"; done
for e in "${engines[@]:1}"; do header+=" $e / jstb |"; rule+="---|"; done
echo "$header"
echo "$rule"
declare -A logsum=()
declare -A nlog=()
checks=()
for entry in "${programs[@]}"; do
  read -r name _ _ <<<"$entry"
  if [ -n "$only" ] && [ "$name" != "$only" ]; then continue; fi
  declare -A ms=()
  declare -A sum=()
  line="| $name |"
  for e in "${engines[@]}"; do
    # shellcheck disable=SC2046
    result=$(median_time "$name" $(engine_cmd "$e") "$cache/run/$name.js")
    ms[$e]=$(echo "$result" | sed -n 1p)
    sum[$e]=$(echo "$result" | sed -n 2p)
    cell=${ms[$e]}
    if [ "$e" != "node" ] && [ "$cell" != "fail" ] && [ "${sum[$e]}" != "${sum[node]:-${sum[$e]}}" ]; then
      cell="$cell (wrong checksum)"
    fi
    line+=" $cell |"
  done
  for e in "${engines[@]}"; do
    if [ "${ms[$e]}" != "fail" ] && [ "${sum[$e]}" != "${sum[node]}" ]; then
      checks+=("$name: $e printed checksum '${sum[$e]}', node '${sum[node]}'")
    fi
  done
  for e in "${engines[@]:1}"; do
    r=$(awk -v a="${ms[jstb]}" -v b="${ms[$e]}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", b / a; else print "-" }')
    line+=" $r |"
    if [ "$r" != "-" ]; then
      logsum[$e]=$(awk -v s="${logsum[$e]:-0}" -v r="$r" 'BEGIN { print s + log(r) }')
      nlog[$e]=$((${nlog[$e]:-0} + 1))
    fi
  done
  echo "$line"
done
line="| geometric mean |"
for e in "${engines[@]}"; do line+=" |"; done
for e in "${engines[@]:1}"; do
  line+=" $(awk -v s="${logsum[$e]:-0}" -v n="${nlog[$e]:-0}" 'BEGIN { if (n > 0) printf "%.2f", exp(s / n); else print "-" }') |"
done
echo "$line"
for c in "${checks[@]}"; do echo "$c"; done
