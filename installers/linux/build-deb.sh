#!/usr/bin/env bash
# Builds dist/onewindow-counter_<version>_amd64.deb: the PyInstaller one-folder app in the layout
# the UOS app store requires (/opt/apps/<appid>/files, entries/, info), for UOS, Kylin and Debian.
#   bash installers/linux/build-deb.sh [--frozen DIR | --host] [--root ROOT]
# The frozen app comes from --frozen DIR (a finished dist/counter-app), else it is frozen here:
# inside the bullseye build root made by build-root.sh when ROOT (default
# /var/tmp/onewindow-bullseye) is ready and --host is not given, else on this machine.
# The build prints the glibc floor: the highest GLIBC_x.y symbol version any bundled ELF file
# needs (objdump -T), and fails above 2.31 (UOS V20; Kylin V10 has 2.28). A frozen app from this
# Debian 12 machine needs more (its libpython and PySide6 6.10+ need 2.34+): ALLOW_GLIBC_ABOVE=1
# builds it anyway, for trying the package on this machine only, and says so.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
appid=onewindow-counter
floor_max=2.31
frozen="" root=/var/tmp/onewindow-bullseye host=""
while [ $# -gt 0 ]; do
  case "$1" in
    --frozen) frozen=$2; shift 2 ;;
    --host) host=1; shift ;;
    --root) root=$2; shift 2 ;;
    *) echo "usage: build-deb.sh [--frozen DIR | --host] [--root ROOT]" >&2; exit 2 ;;
  esac
done
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' counter_app/__init__.py)
for tool in dpkg-deb objdump; do
  command -v $tool >/dev/null || { echo "$tool is missing (apt-get install dpkg-dev binutils)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

source_copy() {   # the working tree without what is not the product
  mkdir -p "$1"
  tar -C "$repo" --exclude=./.git --exclude=./.venv --exclude=./build --exclude=./dist \
    --exclude='*.egg-info' --exclude=__pycache__ --exclude=./.hypothesis -cf - . | tar -C "$1" -xf -
}

if [ -z "$frozen" ]; then
  if [ -z "$host" ] && [ -e "$root/.stage-pip" ]; then
    echo "== freezing in the bullseye build root $root"
    rm -rf "$root/build/app" && source_copy "$root/build/app"
    for m in proc dev; do mountpoint -q "$root/$m" || mount --bind "/$m" "$root/$m"; done
    # pyproject.toml's dependencies, with the Qt line of requirements-frozen.txt instead of its pin;
    # RUNPATHs to the root's own Python are dropped from what is shipped
    chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 sh -c '
      set -e; py=/opt/python3.11/bin/python3.11; cd /build/app
      $py installers/linux/frozen_requirements.py pyproject.toml installers/linux/requirements-frozen.txt \
        > /build/requirements.txt
      $py -m pip install -q --disable-pip-version-check -r /build/requirements.txt
      $py -m pip install -q --no-deps --disable-pip-version-check .
      cd /build && rm -rf /build/dist
      $py -m PyInstaller --noconfirm --log-level WARN --distpath /build/dist --workpath /build/work \
        /build/app/installers/counter-app.spec
      find /build/dist -type f -name "*.so*" | while read -r f; do
        case "$(patchelf --print-rpath "$f" 2>/dev/null)" in *"/opt/python3.11"*) patchelf --remove-rpath "$f" ;; esac
      done' || { umount "$root/dev" "$root/proc"; exit 1; }
    umount "$root/dev" "$root/proc" || true
    frozen=$root/build/dist/counter-app
  else
    echo "== freezing on this machine (its glibc is $(ldd --version | head -1 | awk '{print $NF}'))"
    venv=$repo/build/freeze-venv
    [ -x "$venv/bin/python" ] || /usr/bin/python3 -m venv "$venv"
    source_copy "$work/src"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "$work/src" "pyinstaller>=6.10" 2>&1 \
      | grep -v "^WARNING: Location" || true
    # from outside the source copy, so the installed package is frozen, not the source folder
    (cd "$work" && "$venv/bin/python" -m PyInstaller --noconfirm --log-level WARN \
      --distpath "$repo/build/frozen" --workpath "$work/pyi" "$work/src/installers/counter-app.spec")
    frozen=$repo/build/frozen/counter-app
  fi
fi
[ -x "$frozen/counter-app" ] || { echo "$frozen/counter-app is missing: not a frozen one-folder app" >&2; exit 1; }

# --- the glibc floor of everything the package ships
floor=0 floor_file=""
while IFS= read -r -d '' f; do
  [ "$(head -c4 "$f" | od -An -c | tr -d ' ')" = "177ELF" ] || continue
  need=$( (objdump -T "$f" 2>/dev/null || true) | { grep -o 'GLIBC_[0-9][0-9.]*' || true; } \
    | sed 's/GLIBC_//' | sort -V | tail -1)
  [ -n "$need" ] || continue
  if [ "$(printf '%s\n%s\n' "$floor" "$need" | sort -V | tail -1)" != "$floor" ]; then
    floor=$need floor_file=${f#"$frozen"/}
  fi
done < <(find "$frozen" -type f -print0)
echo "glibc floor: $floor (highest GLIBC_ symbol version needed, by ${floor_file:-nothing})"
if [ "$(printf '%s\n%s\n' "$floor" "$floor_max" | sort -V | tail -1)" != "$floor_max" ]; then
  if [ "${ALLOW_GLIBC_ABOVE:-}" = 1 ]; then
    echo "WARNING: glibc $floor > $floor_max: this package does NOT run on UOS V20 / Kylin V10;" \
         "built anyway (ALLOW_GLIBC_ABOVE=1) for this machine only" >&2
  else
    echo "glibc floor $floor is above $floor_max (UOS V20): refusing to build." \
         "Freeze in the bullseye build root (bash installers/linux/build-root.sh)." >&2
    exit 1
  fi
fi

# --- the package tree
pkg=$work/pkg
opt=$pkg/opt/apps/$appid
mkdir -p "$opt/files" "$opt/entries/applications" "$opt/entries/icons/hicolor/scalable/apps" \
  "$pkg/DEBIAN" "$pkg/usr/share/doc/$appid" "$pkg/usr/share/lintian/overrides"
cp -a "$frozen/." "$opt/files/"
sed "s/@APPID@/$appid/g" installers/linux/onewindow-counter.desktop > "$opt/entries/applications/$appid.desktop"
cp installers/linux/onewindow-counter.svg "$opt/entries/icons/hicolor/scalable/apps/$appid.svg"
sed -e "s/@APPID@/$appid/g" -e "s/@VERSION@/$version/g" installers/linux/info.json > "$opt/info"
cp installers/linux/copyright "$pkg/usr/share/doc/$appid/copyright"
printf '%s (%s) stable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' "$appid" "$version" "$version" \
  "OneWindow Counter maintainers <maintainers@onewindow-counter.example>" "$(date -R -d @0)" \
  | gzip -9n > "$pkg/usr/share/doc/$appid/changelog.gz"
sed "s/@APPID@/$appid/g" installers/linux/lintian-overrides > "$pkg/usr/share/lintian/overrides/$appid"
find "$pkg" -type d -exec chmod 0755 {} +
# shared objects are not programs, and are stripped as dh_strip would (the bootloader
# counter-app is left alone: its archive is appended to it)
find "$pkg" -type f ! -path "$opt/files/counter-app" -exec chmod 0644 {} +
find "$opt/files/_internal" -type f \( -name '*.so' -o -name '*.so.*' \) \
  -exec strip --strip-unneeded --remove-section=.comment --remove-section=.note {} + 2>/dev/null || true
size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
sed -e "s/@APPID@/$appid/g" -e "s/@VERSION@/$version/g" -e "s/@SIZE@/$size/g" \
  -e "s/@GLIBC@/$floor/g" installers/linux/control > "$pkg/DEBIAN/control"

mkdir -p dist
deb=dist/${appid}_${version}_amd64.deb
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" --build "$pkg" "$deb" >/dev/null
echo "$repo/$deb"
if command -v lintian >/dev/null; then
  lintian --fail-on error --tag-display-limit 0 "$deb"
  echo "lintian: no errors"
fi
