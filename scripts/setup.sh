#!/usr/bin/env bash
# Installs what OneWindow Counter needs on Debian 12 when it is missing: Debian packages
# (as root) and the Python packages, the project itself in editable mode.
#   scripts/setup.sh          runtime only
#   scripts/setup.sh --test   runtime + what the test suite needs (pcscd, vpcd, zbar, cups, ...)
set -euo pipefail
export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
cd "$(dirname "$0")/.."

runtime_debs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 \
  libxcb-render-util0 libxcb-image0 libglib2.0-0 libpcsclite1 libpcsclite-dev gcc swig \
  fonts-wqy-microhei)
test_debs=(pcscd vsmartcard-vpcd xvfb cups cups-bsd zbar-tools poppler-utils)

want=("${runtime_debs[@]}")
[ "${1:-}" = "--test" ] && want+=("${test_debs[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages: ${missing[*]} — run as root or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # pcscd's postinst tries to start the service; under no init system that is harmless.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

extras=""
[ "${1:-}" = "--test" ] && extras="[test,escpos]"
# Always let pip check the pinned versions: a machine may hold other versions installed by hand.
echo "Checking Python packages"
python3 -m pip install -q --disable-pip-version-check -e ".${extras}" 2>&1 | grep -v "^WARNING: Location" || true
python3 -c "import counter_app, PySide6.QtPdf, sqlalchemy, smartcard, reportlab" \
  || { echo "Python packages are missing after pip install" >&2; exit 1; }
