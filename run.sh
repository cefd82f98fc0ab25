#!/usr/bin/env bash
# Set up (first time) and run the dashboard:  bash run.sh   → http://localhost:8501
# Without Google credentials it opens the bundled demo workbook.
set -euo pipefail
cd "$(dirname "$0")"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
# staff pages open without a login (open_without_login with real data): listen on 127.0.0.1 only
extra=$(.venv/bin/python scripts/listen_address.py "$@")
# shellcheck disable=SC2086
exec .venv/bin/python -m streamlit run app.py $extra "$@"
