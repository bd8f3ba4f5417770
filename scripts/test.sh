#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is missing (Debian packages,
# the project's .venv), then runs pytest in that venv. Under CI=true Hypothesis is derandomized.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
