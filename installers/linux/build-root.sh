#!/usr/bin/env bash
# A Debian 11 (bullseye, glibc 2.31) build root for the frozen Linux app, so every ELF file the
# .deb ships needs at most glibc 2.31 (UOS V20). Bullseye's Python is 3.9 and the app needs 3.11:
# CPython 3.11 is built inside the root from Debian's own source package (bookworm's
# python3.11 orig tarball), then PySide6 6.8 (Qt 6.8 LTS, manylinux_2_28 wheels) and the app's
# other dependencies are installed into it with pip.
#   bash installers/linux/build-root.sh [ROOT]      (as root; ~25 min on 2 cores, ~1.5 GB)
# Each stage leaves a stamp in ROOT, so a second run only does what is missing.
set -euo pipefail
root=${1:-/var/tmp/onewindow-bullseye}
here=$(cd "$(dirname "$0")" && pwd)
# The Debian mirror this machine already uses (never a hard-coded host).
mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '$1=="deb"{print $2; exit}' /etc/apt/sources.list)

stage() { [ -e "$root/.stage-$1" ]; }
done_stage() { touch "$root/.stage-$1"; }
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

command -v debootstrap >/dev/null || { apt-get install -y -qq debootstrap >/dev/null; }
mkdir -p "$root"
if ! stage debootstrap; then
  echo "== debootstrap bullseye into $root (mirror $mirror)"
  debootstrap --variant=minbase bullseye "$root" "$mirror" >/dev/null
  done_stage debootstrap
fi

mounted() { mountpoint -q "$root/$1"; }
mounted proc || mount -t proc proc "$root/proc"
mounted dev || mount --bind /dev "$root/dev"
cleanup() { umount "$root/dev" 2>/dev/null || true; umount "$root/proc" 2>/dev/null || true; }
trap cleanup EXIT
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

if ! stage devpackages; then
  echo "== build tools and the libraries Python, Qt and pyscard need"
  printf 'deb %s bullseye main\ndeb-src %s bookworm main\n' "$mirror" "$mirror" > "$root/etc/apt/sources.list"
  in_root apt-get update -qq
  in_root apt-get install -y -qq --no-install-recommends build-essential dpkg-dev binutils ca-certificates \
    libssl-dev zlib1g-dev libffi-dev libsqlite3-dev libbz2-dev liblzma-dev libreadline-dev \
    libncursesw5-dev libgdbm-dev uuid-dev xz-utils file patchelf \
    libpcsclite-dev swig libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
    libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 \
    libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1 libx11-xcb1 >/dev/null
  done_stage devpackages
fi

# Kylin V10 has glibc 2.28. Two things in CPython 3.11 built on bullseye need more:
# - sem_clockwait (2.30): configured away, so lock timeouts use sem_timedwait on the wall clock,
#   as CPython did before 3.11;
# - exp, exp2, log, log2 and pow (2.29: glibc's faster versions got a new symbol version): every object is
#   compiled with a header that binds them to the original GLIBC_2.2.5 versions, which give the
#   same results and still set errno as Python's math module expects.
if ! stage python; then
  cat > "$root/src-glibc-compat.h" <<'H'
/* the .deb must run on glibc 2.28 (Kylin V10): use the libm symbols every glibc since 2.2.5 has */
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
H
  echo "== CPython 3.11 from Debian's source package, built in the root"
  in_root sh -c 'mkdir -p /src && cd /src && apt-get source --download-only -qq python3.11 >/dev/null'
  in_root sh -c 'cd /src && rm -rf Python-3.11* && tar xf python3.11_*.orig.tar.* && cd Python-3.11* &&
    ./configure -q --prefix=/opt/python3.11 --enable-shared LDFLAGS=-Wl,-rpath,/opt/python3.11/lib \
      ac_cv_func_sem_clockwait=no CFLAGS="-include /src-glibc-compat.h" >/dev/null &&
    make -s -j"$(nproc)" >/dev/null 2>&1 && make -s install >/dev/null 2>&1'
  in_root /opt/python3.11/bin/python3.11 -c "import ssl, sqlite3, ctypes, lzma, bz2, zlib, readline; print('python ok')"
  done_stage python
fi

if ! stage pip; then
  echo "== the app's dependencies with PySide6 6.8 (Qt 6.8 LTS) and PyInstaller"
  # pip in the root trusts and uses what pip on this machine does (its CA bundle, its pip.conf)
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
  [ -e /etc/pip.conf ] && cp /etc/pip.conf "$root/etc/pip.conf"
  cp -f "$here/requirements-frozen.txt" "$root/src/requirements-frozen.txt"
  in_root /opt/python3.11/bin/python3.11 -m pip install -q --disable-pip-version-check \
    -r /src/requirements-frozen.txt
  done_stage pip
fi
echo "build root ready: $root (glibc $(in_root ldd --version | head -1 | awk '{print $NF}'))"
