#!/usr/bin/env bash
# Quick start 2: set up (with test tools) and run the whole test suite, lint and type checks.
# With PARAPHE_TEST_BUNDLE=1 (CI sets it), then build the Linux bundle and .deb and smoke-test the
# installed package (installers/build-linux.sh --smoke: needs root for apt).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/bootstrap.sh dev
.venv/bin/ruff check app tests tools benchmarks installers/launcher.py
.venv/bin/ruff format --check app tests tools benchmarks installers/launcher.py
.venv/bin/mypy
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest "$@"
if [ "${PARAPHE_TEST_BUNDLE:-0}" = 1 ]; then
  DIST_DIR="${DIST_DIR:-$(mktemp -d)}" bash installers/build-linux.sh --smoke
fi
