"""Running the app in Streamlit's AppTest, as a given academic year and page."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Mapping

from streamlit.testing.v1 import AppTest

from analysis.config import DEFAULT_CONFIG

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def school_config(folder: Path, years: Mapping[str, object], *, open_run: bool = False) -> Path:
    """The bundled config.toml with a school's own [years] (a Google link or a file per year), written
    into `folder`; `open_run` sets the local open run switch. Returns its path (for MENTORING_CONFIG)."""
    text = Path(DEFAULT_CONFIG).read_text(encoding="utf-8")
    table = "".join(f'"{year}" = "{spec}"\n' for year, spec in years.items())
    text = re.sub(r'\[years\]\n(?:"[^\n]*\n)+', lambda _: "[years]\n" + table, text)
    if open_run:
        text = text.replace("open_without_login = false", "open_without_login = true")
    path = Path(folder) / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run_app(year: str | None = None, page: str | None = None, *, secrets: dict | None = None,
            state: dict | None = None, user: dict | None = None, timeout: float = 60) -> AppTest:
    """A fresh session (as a new browser tab) on `page`; `state` pre-fills its session state, `user` is
    what `st.user` says (an OIDC login)."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if user is not None:
        at.user = user
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


def plain(markdown: str) -> str:
    """What a reader sees of escaped Markdown (the app escapes form text with a backslash)."""
    return re.sub(r"\\(.)", r"\1", markdown)
