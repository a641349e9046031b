#!/usr/bin/env bash
# Builds the .deb: first the man pages and shell completions, generated from the command-line definitions into
# target/packaging, then `cargo deb` (installed with cargo when missing). Prints the path of the .deb.
# Usage: bash packaging/build-deb.sh [--profile dev]   (default: release; dev reuses the test build, for checks)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
profile=release
if [ "${1:-}" = "--profile" ] && [ -n "${2:-}" ]; then
  profile=$2
fi
if ! cargo deb --version >/dev/null 2>&1; then
  echo "Installing cargo-deb" >&2
  cargo install cargo-deb --locked --version '^3' >&2
fi
cargo run --quiet --profile "$profile" --example packaging_files -- target/packaging >&2
cargo deb --profile "$profile" --output target/debian >&2
version=$(cargo metadata --no-deps --format-version 1 | sed -n 's/.*"name":"clcplus-viewer","version":"\([^"]*\)".*/\1/p')
ls "target/debian/clcplus-viewer_${version}-1_$(dpkg --print-architecture).deb"
