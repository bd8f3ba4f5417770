#!/usr/bin/env bash
# Compiles the Windows installer with makensis (runs on Debian: apt-get install nsis).
#   bash installers/windows/build-installer.sh [FROZEN_DIR]
# FROZEN_DIR is the PyInstaller one-folder app built on Windows (dist\counter-app, see README.md
# here); without it a stand-in payload is packed, so the installer itself can be built and
# checked on Linux. Writes dist/onewindow-counter-<version>-setup.exe (DIST_DIR=... elsewhere).
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' counter_app/__init__.py)
[ -n "$version" ] || { echo "no __version__ in counter_app/__init__.py" >&2; exit 1; }
command -v makensis >/dev/null || { echo "makensis is missing: apt-get install nsis" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

payload=${1:-}
if [ -z "$payload" ]; then
  payload=$work/payload
  mkdir -p "$payload/_internal"
  for exe in counter-app.exe onewindow-counter.exe; do
    printf 'Stand-in payload: this installer was built without the frozen app.\r\n' > "$payload/$exe"
  done
  printf 'Build the app on Windows (installers/windows/README.md) and pass its folder.\r\n' \
    > "$payload/_internal/README.txt"
  echo "No frozen app given: packing a stand-in payload"
else
  for exe in counter-app.exe onewindow-counter.exe; do
    [ -e "$payload/$exe" ] || { echo "$payload has no $exe (expected the one-folder output of installers/counter-app.spec)" >&2; exit 1; }
  done
fi

# What the uninstaller (and an update, before copying) removes: exactly the payload's entries.
list=$work/uninstall-list.nsh
: > "$list"
for entry in "$payload"/*; do
  name=$(basename "$entry")
  if [ -d "$entry" ]; then echo "RMDir /r \"\$INSTDIR\\$name\"" >> "$list"
  else echo "Delete \"\$INSTDIR\\$name\"" >> "$list"; fi
done

dist=${DIST_DIR:-dist}
mkdir -p "$dist"
out=$(cd "$dist" && pwd)/onewindow-counter-${version}-setup.exe
# under Git Bash on Windows, makensis.exe wants Windows paths
native() { if command -v cygpath >/dev/null; then cygpath -w "$1"; else echo "$1"; fi; }
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DPAYLOAD="$(native "$payload")" \
  -DOUTFILE="$(native "$out")" -DUNINSTALL_LIST="$(native "$list")" \
  "$(native installers/windows/onewindow-counter.nsi)"
echo "$out"
file -b "$out"
