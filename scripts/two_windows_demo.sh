#!/usr/bin/env bash
# Two windows (two data folders) and one embedded central server on this machine: each window sees
# the other's cases after a sync; the header's indicator goes offline and back as the server stops
# and starts. Screenshots go to OUT_DIR (default ./two-windows-demo); look at them.
#
#   bash scripts/two_windows_demo.sh [OUT_DIR] [--port 8800]          # offscreen, no display needed
#   bash scripts/two_windows_demo.sh OUT_DIR --keep-open              # on a desktop: the windows stay open
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
exec .venv/bin/python scripts/two_windows_demo.py "$@"
