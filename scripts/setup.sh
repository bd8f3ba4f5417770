#!/usr/bin/env bash
# Installs what OneWindow Counter needs on Debian 12 when it is missing: Debian packages
# (as root), then the project's own virtual environment `.venv` with the Python packages and
# the project itself in editable mode. Debian's python3 is externally managed (PEP 668), so
# nothing is ever installed into it.
#   scripts/setup.sh          runtime only
#   scripts/setup.sh --test   runtime + what the test suite needs (pcscd, vpcd, zbar, cups, ...)
# The Python step is skipped when pyproject.toml and setup.py have not changed since the last run
# (a stamp in .venv), so the demo starts at once.
set -euo pipefail
export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
cd "$(dirname "$0")/.."

runtime_debs=(python3 python3-venv libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 \
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 \
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libglib2.0-0 libpcsclite1 libpcsclite-dev gcc \
  python3-dev swig fonts-wqy-microhei)
test_debs=(pcscd vsmartcard-vpcd xvfb cups cups-bsd zbar-tools poppler-utils postgresql nsis p7zip-full file \
  lintian binutils x11-utils)

mode=runtime
[ "${1:-}" = "--test" ] && mode=test
want=("${runtime_debs[@]}")
[ "$mode" = test ] && want+=("${test_debs[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "缺少 Debian 软件包 / Missing Debian packages: ${missing[*]}" >&2
    echo "请以 root 运行，或 / run as root or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # pcscd's and postgresql's postinst try to start their services; under no init system that is
  # harmless (the tests start private instances of their own).
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The interpreter the venv is made from: Debian's own when there is one (what a hall's machine
# has), else whatever python3 is on the PATH. COUNTER_PYTHON overrides.
base_python=${COUNTER_PYTHON:-}
if [ -z "$base_python" ]; then
  if [ -x /usr/bin/python3 ]; then base_python=/usr/bin/python3; else base_python=$(command -v python3); fi
fi
venv=.venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import sys" 2>/dev/null; then
  echo "Creating the virtual environment $venv (from $base_python)"
  rm -rf "$venv"
  "$base_python" -m venv "$venv"
fi

extras=""
[ "$mode" = test ] && extras="[test,escpos]"
stamp_file="$venv/.deps-$mode"
stamp=$( { cat pyproject.toml setup.py; echo "$extras"; "$venv/bin/python" -VV; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp_file" 2>/dev/null)" != "$stamp" ]; then
  echo "Installing Python packages into $venv"
  "$venv/bin/python" -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
  "$venv/bin/python" -m pip install -q -e ".${extras}" 2>&1 | grep -v "^WARNING: Location" || true
  "$venv/bin/python" -c "import counter_app, PySide6.QtPdf, sqlalchemy, smartcard, reportlab" \
    || { echo "Python packages are missing after pip install (see the messages above)" >&2; exit 1; }
  echo "$stamp" > "$stamp_file"
fi
