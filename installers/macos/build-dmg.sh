#!/usr/bin/env bash
# Build Paraphe for macOS: Paraphe.app (PyInstaller) and a .dmg (hdiutil), in $DIST_DIR (default
# dist/). Signing and notarisation run only when their credentials are set:
#   MACOS_SIGNING_IDENTITY  "Developer ID Application: ..." (codesign, hardened runtime)
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD  (xcrun notarytool, then stapler)
set -euo pipefail
cd "$(dirname "$0")/../.."
dist="${DIST_DIR:-dist}"
python3 -m venv .venv
.venv/bin/python -m pip install -q --require-hashes -r requirements.lock
.venv/bin/python -m pip install -q --no-deps -e .
.venv/bin/python -m pip install -q --require-hashes -r installers/requirements-build.lock
.venv/bin/python tools/build_translations.py
.venv/bin/python tools/build_trust_snapshot.py
version="$(.venv/bin/python -c 'import paraphe; print(paraphe.__version__)')"
.venv/bin/pyinstaller installers/paraphe.spec --noconfirm --distpath "$dist" --workpath build/pyinstaller
app="$dist/Paraphe.app"
if [ -n "${MACOS_SIGNING_IDENTITY:-}" ]; then
  codesign --deep --force --options runtime --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$app"
else
  echo "MACOS_SIGNING_IDENTITY not set: the app is not signed (Gatekeeper will warn)"
fi
"$app/Contents/MacOS/paraphe-gui" --smoke-test
dmg="$dist/Paraphe-$version.dmg"
rm -f "$dmg"
hdiutil create -volname "Paraphe $version" -srcfolder "$app" -ov -format UDZO "$dmg"
if [ -n "${MACOS_SIGNING_IDENTITY:-}" ] && [ -n "${APPLE_ID:-}" ]; then
  codesign --sign "$MACOS_SIGNING_IDENTITY" --timestamp "$dmg"
  xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait
  xcrun stapler staple "$dmg"
else
  echo "Apple notarisation credentials not set: the .dmg is not notarised"
fi
echo "dmg: $dmg"
