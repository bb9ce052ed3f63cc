# Sourced by bench/run.sh, bench/octane.sh and bench/npm.sh (not run by
# itself): finds the engines they compare. Expects `root`, `here`, `build`,
# `noqjs`, `node` and `script` (the caller's name, for messages); sets JSTB, QJS, the `engines`
# array and `engine_cmd NAME` (the command line of an engine).
if [ -z "${JSTB:-}" ]; then
  target=${CARGO_TARGET_DIR:-$root/target}
  if [ "$build" = 1 ]; then
    (cd "$root" && cargo build --quiet --release -p jstb)
  fi
  JSTB="$target/release/jstb"
fi
[ -x "$JSTB" ] || { echo "$script: no jstb binary at $JSTB" >&2; exit 1; }
# QuickJS: $QJS if set, else the qjs-run that bench/qjs.sh built (never
# built here: it is an optional column).
if [ "$noqjs" = 1 ]; then
  QJS=""
elif [ -n "${QJS:-}" ]; then
  [ -x "$QJS" ] || { echo "$script: no qjs-run binary at $QJS" >&2; exit 1; }
else
  QJS=""
  for candidate in "${CARGO_TARGET_DIR:-$here/qjs/target}/release/qjs-run" "$here/qjs/target/release/qjs-run"; do
    if [ -x "$candidate" ]; then QJS=$candidate; break; fi
  done
fi

engines=("jstb" "node --jitless" "node")
[ -n "$QJS" ] && engines+=("qjs")
engine_cmd() {
  case "$1" in
    "jstb") echo "$JSTB run" ;;
    "node --jitless") echo "$node --jitless --no-warnings" ;;
    "node") echo "$node --no-warnings" ;;
    "qjs") echo "$QJS" ;;
  esac
}
