#!/usr/bin/env bash
# Quick start 2: set up (with test tools) and run the whole test suite, lint and type checks.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/bootstrap.sh dev
.venv/bin/ruff check app tests tools benchmarks
.venv/bin/ruff format --check app tests tools benchmarks
.venv/bin/mypy
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
