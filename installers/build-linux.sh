#!/usr/bin/env bash
# Build Paraphe for Linux: the PyInstaller bundle, a .deb and a portable tarball, in $DIST_DIR
# (default dist/). Run from anywhere on Debian/Ubuntu; it sets the project up first
# (tools/bootstrap.sh build: the runtime, binutils, fakeroot) and installs the pinned build tools
# (installers/requirements-build.lock).
#   installers/build-linux.sh            # bundle + .deb + tarball
#   installers/build-linux.sh --smoke    # and install the .deb here (root), run its smoke tests, remove it
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
dist="${DIST_DIR:-$root/dist}"
work="${BUILD_DIR:-$root/build}"
smoke=0
[ "${1:-}" = "--smoke" ] && smoke=1

bash tools/bootstrap.sh build
.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes \
  -r installers/requirements-build.lock
version="$(.venv/bin/python -c 'import paraphe; print(paraphe.__version__)')"
arch="$(dpkg --print-architecture 2>/dev/null || echo amd64)"

rm -rf "$dist/paraphe" "$work/pyinstaller"
mkdir -p "$dist"
.venv/bin/pyinstaller installers/paraphe.spec --noconfirm --log-level WARN \
  --distpath "$dist" --workpath "$work/pyinstaller"

# --- the .deb: /opt/paraphe, commands on the PATH, desktop entry, MIME types, policy folder ---
package="$work/deb/paraphe_${version}_${arch}"
rm -rf "$package"
mkdir -p "$package/DEBIAN" "$package/opt" "$package/usr/bin" \
  "$package/usr/share/applications" "$package/usr/share/mime/packages" \
  "$package/usr/share/icons/hicolor/scalable/apps" "$package/etc/paraphe" \
  "$package/usr/share/doc/paraphe"
cp -a "$dist/paraphe" "$package/opt/paraphe"
ln -s /opt/paraphe/paraphe "$package/usr/bin/paraphe"
ln -s /opt/paraphe/paraphe-gui "$package/usr/bin/paraphe-gui"
cp installers/linux/paraphe.desktop "$package/usr/share/applications/paraphe.desktop"
cp installers/linux/paraphe-mime.xml "$package/usr/share/mime/packages/paraphe.xml"
cp app/paraphe/resources/icons/paraphe.svg "$package/usr/share/icons/hicolor/scalable/apps/paraphe.svg"
cp resources/policy.example.toml "$package/etc/paraphe/policy.example.toml"
cp README.md "$package/usr/share/doc/paraphe/README.md"
installed_kb="$(du -sk "$package" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$installed_kb/" \
  installers/linux/control > "$package/DEBIAN/control"
install -m 0755 installers/linux/postinst "$package/DEBIAN/postinst"
install -m 0755 installers/linux/postrm "$package/DEBIAN/postrm"
deb="$dist/paraphe_${version}_${arch}.deb"
fakeroot dpkg-deb --build --root-owner-group -Zxz "$package" "$deb" >/dev/null

# --- the portable archive: the bundle folder as it is ---
tarball="$dist/paraphe-${version}-linux-${arch}.tar.gz"
tar -C "$dist" -czf "$tarball" paraphe

echo "bundle:  $dist/paraphe ($(du -sh "$dist/paraphe" | cut -f1))"
echo "deb:     $deb ($(du -h "$deb" | cut -f1))"
echo "archive: $tarball ($(du -h "$tarball" | cut -f1))"

if [ "$smoke" = 1 ]; then
  [ "$(id -u)" = 0 ] || { echo "--smoke installs the .deb: run as root" >&2; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  # apt, not dpkg -i: it installs the Qt/xcb libraries the package depends on
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$deb" >/dev/null
  trap 'apt-get remove -y -qq paraphe >/dev/null 2>&1 || true' EXIT
  scratch="$(mktemp -d)"
  PARAPHE_DATA_DIR="$scratch/data" paraphe demo --out "$scratch/demo" >/dev/null
  # worker processes start from the frozen executable (freeze_support): same report as serial
  at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  for workers in 0 2; do
    PARAPHE_DATA_DIR="$scratch/data" paraphe verify --json --no-eu-trust --offline \
      --workers "$workers" --at "$at" "$scratch/demo" >"$scratch/verify-$workers.json" || true
  done
  if [ ! -s "$scratch/verify-2.json" ] || ! cmp -s "$scratch/verify-0.json" "$scratch/verify-2.json"; then
    echo "the bundle's workers verify differently from one process" >&2; exit 1
  fi
  env -u DISPLAY -u WAYLAND_DISPLAY paraphe-gui --smoke-test
  paraphe --version
  apt-get remove -y -qq paraphe >/dev/null
  trap - EXIT
  for left in /opt/paraphe /usr/bin/paraphe /usr/bin/paraphe-gui /usr/share/applications/paraphe.desktop; do
    [ ! -e "$left" ] || { echo "left behind after removal: $left" >&2; exit 1; }
  done
  rm -rf "$scratch"
  echo "smoke test of the .deb: installed, demo and paraphe-gui --smoke-test passed, removed cleanly"
fi
