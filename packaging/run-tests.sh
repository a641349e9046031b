#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what the tests need, then runs every test with nextest. GPU tests use
# lavapipe (a CPU Vulkan driver) when the machine has no GPU.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh --tests
export PATH="$HOME/.cargo/bin:$PATH"
export WGPU_BACKEND="${WGPU_BACKEND:-vulkan}" NODEVICE_SELECT=1
cargo nextest run --all-targets --no-fail-fast
