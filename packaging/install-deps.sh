#!/usr/bin/env bash
# Installs what clcplus-viewer needs on Debian/Ubuntu: GDAL's development files to build, and with --tests also the
# test oracles (gdal-bin; GDAL's Python bindings and exactextract in target/oracle-venv), a CPU Vulkan driver
# (lavapipe) for the GPU tests, Xvfb, the validators of the desktop entry and the AppStream metainfo, and cargo-nextest; with --release also what packaging/release-check.sh runs (dpkg-dev for
# the package's dependencies, man, bash-completion, zsh, fish, shared-mime-info, and Xvfb, ImageMagick and lavapipe
# for the installed window's screenshot).
# Installs Rust 1.95 with rustup when cargo is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=false
with_release=false
for arg in "$@"; do
  case "$arg" in
    --tests) with_tests=true ;;
    --release) with_release=true ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
  esac
done

packages=(libgdal-dev pkg-config ca-certificates curl)
if $with_tests; then
  packages+=(gdal-bin mesa-vulkan-drivers xvfb imagemagick time desktop-file-utils appstream)
  # The zonal oracles (tests/oracles/zonal.py): GDAL's Python bindings and numpy, and a venv for exactextract.
  packages+=(python3-gdal python3-numpy python3-venv)
fi
if $with_release; then
  packages+=(desktop-file-utils appstream dpkg-dev man-db groff-base bash-completion zsh fish shared-mime-info)
  packages+=(xvfb imagemagick mesa-vulkan-drivers)
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "Installing Rust 1.95 with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --default-toolchain 1.95 --profile minimal
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi

if $with_tests && ! cargo nextest --version >/dev/null 2>&1; then
  echo "Installing cargo-nextest"
  cargo install cargo-nextest --locked
fi

# exactextract (the coverage oracle of tests/zonal.rs) in a venv that sees the system's GDAL bindings and numpy.
if $with_tests; then
  venv=target/oracle-venv
  if ! "$venv/bin/python" -c "import exactextract, osgeo" >/dev/null 2>&1; then
    echo "Installing exactextract into $venv"
    rm -rf "$venv"
    /usr/bin/python3 -m venv --system-site-packages "$venv"
    "$venv/bin/pip" install --quiet --retries 5 exactextract==0.3.0
  fi
fi
