#!/usr/bin/env bash
# Builds bench/qjs (QuickJS-ng through the rquickjs crate, a standalone crate
# outside the workspace) and prints the path of its qjs-run binary, which
# bench/run.sh then uses as its fourth engine:
#   QJS=$(bench/qjs.sh) bench/run.sh
# (bench/run.sh also finds the binary by itself once it is built.)
# Honours CARGO_TARGET_DIR; without it the build goes to bench/qjs/target.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cargo build --quiet --release --manifest-path "$here/qjs/Cargo.toml" >&2
target=${CARGO_TARGET_DIR:-$here/qjs/target}
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac
echo "$target/release/qjs-run"
