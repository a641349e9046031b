#!/usr/bin/env bash
# Renders the PNG icon sizes from the SVG (needs rsvg-convert: apt install librsvg2-bin). The PNGs are committed, so
# building the package does not need this; run it after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "hicolor/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" io.github.clcplusviewer.Viewer.svg \
    -o "hicolor/${size}x${size}/apps/io.github.clcplusviewer.Viewer.png"
done
