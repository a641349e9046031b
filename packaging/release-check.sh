#!/usr/bin/env bash
# The release check (CI runs it after the tests): builds the .deb, validates the desktop entry and the AppStream
# metainfo, checks that the package holds every file a user needs, runs the packaged binary, renders the man pages
# and tries the completions; with --install it also installs the package with apt, checks that the menu entry, the
# MIME type and the icon are registered, starts the installed window under Xvfb and looks for the demo's colours on
# a screenshot (packaging/smoke-window.sh), and removes the package again.
# Usage: bash packaging/release-check.sh [--profile dev] [--install]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

profile=release
install=false
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile=$2; shift 2 ;;
    --install) install=true; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

bash packaging/install-deps.sh --release
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)

fail() { echo "release check: $*" >&2; exit 1; }
id=io.github.clcplusviewer.Viewer

echo "== desktop entry and metainfo"
desktop-file-validate "packaging/$id.desktop"
appstreamcli validate --no-net "packaging/$id.metainfo.xml"

echo "== building the .deb ($profile)"
deb=$(bash packaging/build-deb.sh --profile "$profile" | tail -1)
[ -f "$deb" ] || fail "no package at $deb"
dpkg-deb --info "$deb"
grep -q "libgdal" <(dpkg-deb --field "$deb" Depends) || fail "Depends does not name GDAL's library"

echo "== contents"
listing=$(dpkg-deb --contents "$deb" | awk '{print $NF}')
expected=(
  ./usr/bin/clcplus-viewer
  "./usr/share/applications/$id.desktop"
  "./usr/share/metainfo/$id.metainfo.xml"
  "./usr/share/mime/packages/$id.xml"
  "./usr/share/icons/hicolor/scalable/apps/$id.svg"
  ./usr/share/man/man1/clcplus-viewer.1.gz
  ./usr/share/bash-completion/completions/clcplus-viewer
  ./usr/share/zsh/vendor-completions/_clcplus-viewer
  ./usr/share/fish/vendor_completions.d/clcplus-viewer.fish
  ./usr/share/clcplus-viewer/demo/CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif
  ./usr/share/doc/clcplus-viewer/copyright
  ./usr/share/doc/clcplus-viewer/LICENSE-MIT
  ./usr/share/doc/clcplus-viewer/LICENSE-APACHE
)
for size in 16 24 32 48 64 128 256 512; do
  expected+=("./usr/share/icons/hicolor/${size}x${size}/apps/$id.png")
done
for sub in info render stats pixel change zonal accuracy; do
  expected+=("./usr/share/man/man1/clcplus-viewer-$sub.1.gz")
done
for path in "${expected[@]}"; do
  grep -qxF "$path" <<<"$listing" || fail "$deb lacks $path"
done
echo "all ${#expected[@]} expected files are in the package"

echo "== the packaged files at work"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
version=$(dpkg-deb --field "$deb" Version)
"$root/usr/bin/clcplus-viewer" --version | grep -qxF "clcplus-viewer ${version%-*}" || fail "--version is not ${version%-*}"
"$root/usr/bin/clcplus-viewer" info "$root/usr/share/clcplus-viewer/demo/CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif" \
  | grep -q "CLCplus Backbone" || fail "the packaged binary does not recognise the packaged demo tile"
for page in "$root"/usr/share/man/man1/*.1.gz; do
  warnings=$(MANWIDTH=100 man --warnings -l "$page" 2>&1 >/dev/null)
  [ -z "$warnings" ] || fail "$(basename "$page"): $warnings"
  MANWIDTH=100 man -l "$page" 2>/dev/null | grep -q "^EXAMPLES" || fail "$(basename "$page") has no EXAMPLES"
done
echo "man pages render without warnings and each has examples"
completions=$(bash -c "
  source /usr/share/bash-completion/bash_completion
  source '$root/usr/share/bash-completion/completions/clcplus-viewer'
  COMP_WORDS=(clcplus-viewer re); COMP_CWORD=1; COMP_LINE='clcplus-viewer re'; COMP_POINT=\${#COMP_LINE}
  fn=\$(complete -p clcplus-viewer | sed 's/.*-F \\([^ ]*\\).*/\\1/')
  \$fn clcplus-viewer re clcplus-viewer
  echo \"\${COMPREPLY[*]}\"
")
grep -qw render <<<"$completions" || fail "bash does not complete 're' to 'render' (got: $completions)"
zsh -n "$root/usr/share/zsh/vendor-completions/_clcplus-viewer" || fail "the zsh completion does not parse"
fish --no-execute "$root/usr/share/fish/vendor_completions.d/clcplus-viewer.fish" || fail "the fish completion does not parse"
fish_subs=$(fish -c "source '$root/usr/share/fish/vendor_completions.d/clcplus-viewer.fish'; complete -C 'clcplus-viewer '")
for sub in info render stats pixel change zonal accuracy; do
  grep -q "^$sub" <<<"$fish_subs" || fail "fish does not offer $sub"
done
echo "completions: bash completes 're' to render, fish offers every subcommand, zsh parses"

if $install; then
  echo "== installing with apt"
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -q "./$deb"
  trap '"${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 remove -y -q clcplus-viewer >/dev/null; rm -rf "$root"' EXIT
  [ "$(command -v clcplus-viewer)" = /usr/bin/clcplus-viewer ] || fail "clcplus-viewer is not on PATH"
  grep -q "image/tiff=.*$id.desktop" /usr/share/applications/mimeinfo.cache \
    || fail "the desktop database does not offer CLCplus Viewer for image/tiff"
  grep -q "application/x-gdal-vrt=.*$id.desktop" /usr/share/applications/mimeinfo.cache \
    || fail "the desktop database does not offer CLCplus Viewer for VRT files"
  [ -f /usr/share/mime/application/x-gdal-vrt.xml ] || fail "the VRT MIME type is not registered"
  man -w clcplus-viewer-render >/dev/null || fail "man clcplus-viewer-render is not found"
  echo "installed: menu entry, MIME types and man pages registered"
  echo "== the installed window"
  bash packaging/smoke-window.sh --binary /usr/bin/clcplus-viewer target/smoke-window.png \
    || fail "the installed window did not draw the demo tile set"
fi
echo "release check passed: $deb"
