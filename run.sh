#!/usr/bin/env bash
# Set up (first time) and run the dashboard:  bash run.sh   → http://localhost:8501
# Without Google credentials it opens the bundled demo workbook.
set -euo pipefail
cd "$(dirname "$0")"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
exec .venv/bin/python -m streamlit run app.py "$@"
