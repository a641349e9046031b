#!/usr/bin/env bash
# Starts the window under Xvfb with no file, takes a screenshot and checks that the demo's class colours are on
# screen. With --binary PATH it runs that binary as installed (the release check passes the one the .deb put in
# /usr/bin, which finds the demo tile set in /usr/share/clcplus-viewer/demo); without, it builds the release binary
# and installs it with the demo tile set into a temporary prefix (bin/ and share/clcplus-viewer/demo, as the .deb
# lays them out). Needs xvfb, imagemagick and a Vulkan driver (mesa-vulkan-drivers without a GPU).
# Usage: bash packaging/smoke-window.sh [--binary PATH] [SCREENSHOT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=""
if [ "${1:-}" = "--binary" ]; then
  binary=$(realpath "$2")
  shift 2
fi
shot=$(realpath -m "${1:-target/smoke-window.png}")
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
if [ -z "$binary" ]; then
  cargo build --release --bin clcplus-viewer
  install -D -m 755 target/release/clcplus-viewer "$prefix/bin/clcplus-viewer"
  install -d "$prefix/share/clcplus-viewer/demo"
  cp assets/demo/* "$prefix/share/clcplus-viewer/demo/"
  binary="$prefix/bin/clcplus-viewer"
  demo="$prefix/share/clcplus-viewer/demo"
else
  demo=/usr/share/clcplus-viewer/demo
fi
export WGPU_BACKEND="${WGPU_BACKEND:-vulkan}" NODEVICE_SELECT=1 CLCPLUS_VIEWER_CONFIG_DIR="$prefix/config"
export CLCPLUS_VIEWER_CACHE_DIR="$prefix/cache"
xvfb-run -a -s '-screen 0 1280x800x24' bash -c "
  cd /tmp
  '$binary' 2>'$prefix/stderr.log' &
  sleep 10
  import -window root '$shot'
  kill %1
"
cat "$prefix/stderr.log"
grep -q "$demo" "$prefix/stderr.log" || { echo "the installed demo tile set was not used"; exit 1; }
# Sealed (#FF0000), periodically herbaceous (#FFFF80) and woody needle leaved trees (#228B22) of the RAS palette.
colours=$(convert "$shot" -format %c histogram:info:-)
for hex in FF0000 FFFF80 228B22; do
  echo "$colours" | grep -qi "#$hex" || { echo "colour #$hex not on screen: the map was not drawn"; exit 1; }
done
echo "window OK, screenshot: $shot"
