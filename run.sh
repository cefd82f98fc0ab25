#!/usr/bin/env bash
# Set up (first time, or when requirements.txt changed) and run the dashboard:  bash run.sh   → http://localhost:8501
# Without Google credentials it opens the bundled demo workbook. The steps are scripts/start.py (as run.bat on Windows).
set -euo pipefail
cd "$(dirname "$0")"
PY=python3
[ -x .venv/bin/python ] && PY=.venv/bin/python
command -v "$PY" >/dev/null 2>&1 || { echo "Нужен Python 3.11 или новее: sudo apt install python3.11 python3.11-venv (macOS: brew install python@3.11)." >&2; exit 1; }
exec "$PY" scripts/start.py "$@"
