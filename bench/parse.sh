#!/usr/bin/env bash
# Parse-throughput benchmark (not a test): jsparser beside oxc_parser on
# TypeScript's compiler (lib/typescript.js of typescript@5.6.3, ~8.9 MB),
# fetched once from the npm registry into bench/.cache and checked by hash.
# Usage: bench/parse.sh [--iterations N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache="$here/.cache"
mkdir -p "$cache"
tgz="$cache/typescript-5.6.3.tgz"
want=ef67f8d8ad895858024b7339d3e34bf112cae3c5db1f538c3079038b17ae30fa
if [ ! -f "$cache/typescript.js" ]; then
  (cd "$cache" && npm pack --silent typescript@5.6.3 >/dev/null)
  echo "$want  $tgz" | sha256sum -c --quiet
  tar -xzf "$tgz" -C "$cache" package/lib/typescript.js
  mv "$cache/package/lib/typescript.js" "$cache/typescript.js"
  rm -rf "$cache/package"
fi
cargo run --quiet --release --manifest-path "$here/parse/Cargo.toml" -- "$cache/typescript.js" "$@"
