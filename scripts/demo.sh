#!/usr/bin/env bash
# Starts the app in demo mode: a fresh data directory, the sample catalog, the simulated card reader.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec python3 -m counter_app demo "$@"
