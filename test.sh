#!/usr/bin/env bash
# Set up (first time), lint, and run every test, the real-browser ones included:  bash test.sh
# Installs Debian's chromium (Playwright drives it; no browser download), nodejs and the pinned packages.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v chromium >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # chromium for the browser tests, Node.js to run docs/forms.gs against a fake Apps Script
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core nodejs >/dev/null
fi
PY=python3
[ -x .venv/bin/python ] && PY=.venv/bin/python
# the Python version checked, .venv created, the pinned packages installed when they changed (scripts/start.py)
"$PY" scripts/start.py --requirements requirements-dev.txt
.venv/bin/python -m ruff check --quiet .      # lint first (ruff.toml): an unused name or a real bug pattern fails here
exec .venv/bin/python -m pytest "$@"
