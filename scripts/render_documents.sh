#!/usr/bin/env bash
# Every document kind on every paper, as PDF and as PNG, into out/documents/ (gitignored):
# the sample cases with this machine's default station settings. Look at the PNGs.
#   scripts/render_documents.sh [DPI]     (default 100; 203 shows what a thermal printer gets)
set -euo pipefail
cd "$(dirname "$0")/.."
dpi="${1:-100}"
out=out/documents
rm -rf "$out" && mkdir -p "$out"
for paper in a4 80mm 58mm; do
  .venv/bin/python -m counter_app documents sample --out "$out" --paper "$paper" >/dev/null
done
for pdf in "$out"/*.pdf; do
  pdftoppm -r "$dpi" -png "$pdf" "${pdf%.pdf}"
done
ls "$out"/*.png
