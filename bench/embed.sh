#!/usr/bin/env bash
# Embedding-call benchmark (not a test): jsruntime's embedding API beside
# rquickjs and boa_engine (issue 15). Usage: bench/embed.sh [--calls N] [--struct-calls M] [--only ENGINE]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cargo run --quiet --release --manifest-path "$here/embed/Cargo.toml" -- "$@"
