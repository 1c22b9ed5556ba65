#!/usr/bin/env bash
# Quick start 1: set up (runtime only) and run the headless demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/bootstrap.sh runtime
exec .venv/bin/paraphe demo "$@"
