"""Running the app in Streamlit's AppTest, as a given academic year and page."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run_app(year: str | None = None, page: str | None = None, *, secrets: dict | None = None,
            state: dict | None = None, timeout: float = 60) -> AppTest:
    """A fresh session (as a new browser tab) on `page`; `state` pre-fills its session state."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if year:
        at.query_params["year"] = year.replace("/", "-")
    for k, v in (secrets or {}).items():
        at.secrets[k] = v
    for k, v in (state or {}).items():
        at.session_state[k] = v
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at
