#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is missing, then runs pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
python3 -m pytest -q -p no:cacheprovider "$@"
