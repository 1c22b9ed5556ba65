#!/usr/bin/env bash
# Set up the project on Debian/Ubuntu: system packages (when root), .venv, locked Python packages.
# Usage: tools/bootstrap.sh runtime   # what `paraphe demo` needs
#        tools/bootstrap.sh dev       # plus what the test suite needs
#        tools/bootstrap.sh build     # runtime, plus what installers/build-linux.sh needs
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-runtime}"

runtime_debs=(python3-venv)
# Test tools: SoftHSM2 token, independent verifiers (xmlsec1, pdfsig, NSS certutil), Qt's
# Qt's libraries for the offscreen and xcb (X11) platform plugins, which the GUI tests use under
# Xvfb, and a font for rendered pages.
# Packaging recipes: wixl/msitools build and read the Windows MSI, shellcheck the shell recipes.
dev_debs=(softhsm2 opensc xmlsec1 poppler-utils libnss3-tools openssl
          libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 xvfb fonts-noto-core
          libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
          libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
          wixl msitools shellcheck)
# Linux packaging: PyInstaller reads libraries with objdump (binutils); dpkg-deb under fakeroot.
build_debs=(binutils fakeroot dpkg)

want=("${runtime_debs[@]}")
[ "$profile" = dev ] && want+=("${dev_debs[@]}")
[ "$profile" = build ] && want+=("${build_debs[@]}")

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "These Debian packages are missing; install them first:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

python="${PYTHON:-python3}"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "Python 3.11 or newer is needed ($python is $("$python" --version 2>&1))." >&2; exit 1; }

[ -x .venv/bin/python ] || "$python" -m venv .venv
lock=requirements.lock
[ "$profile" = dev ] && lock=requirements-dev.lock
stamp=".venv/.installed-$profile"
if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r "$lock"
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
  touch "$stamp"
fi
# Qt catalogues (.qm) are built from the committed .ts sources, never committed themselves.
.venv/bin/python tools/build_translations.py
# The index of the EU trusted lists shipped with Paraphe, verified here (never committed).
.venv/bin/python tools/build_trust_snapshot.py
