#!/usr/bin/env bash
# Starts the app in demo mode: a fresh data directory, the sample catalog, the simulated card reader.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "没有图形显示（DISPLAY 未设置）：请在桌面会话中运行，或使用 xvfb-run bash scripts/demo.sh" >&2
  echo "No display (DISPLAY is not set): run it from a desktop session, or under xvfb-run." >&2
  exit 1
fi
exec .venv/bin/python -m counter_app demo "$@"
