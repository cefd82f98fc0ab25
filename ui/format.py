"""Russian number and date formatting for the pages."""
from __future__ import annotations

import re

import pandas as pd

from analysis.normalize import plural, score, web_link  # noqa: F401  (one definition each, shared)
from documents.figures import plot_text  # noqa: F401


def pct(value: float | None, digits: int = 0) -> str:
    if value is None or pd.isna(value):
        return "—"
    return f"{value * 100:.{digits}f}".replace(".", ",") + " %"


def date(value) -> str:
    if value is None or pd.isna(value):
        return ""
    return pd.Timestamp(value).strftime("%d.%m.%Y")


_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:"


_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|www)(?=[:.])")     # what GFM turns into a link with no markup at all
WORD_JOINER = "\u2060"                                        # invisible, keeps "https://…" from being one token


def md_text(text: object) -> str:
    """Text from a sheet, made safe for Streamlit's Markdown (alerts, captions, st.table cells): shown as typed,
    never as markup — every Markdown character escaped, and a bare web address kept from becoming a link."""
    text = _AUTOLINK.sub(lambda m: m[0] + WORD_JOINER, str(text))
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)





def _cell(value) -> str:
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value}".replace(".", ",")
    return str(value)


def blank_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """A column with empty cells as text, the empty ones blank (a table prints a missing value as «None»);
    complete columns keep their type (and their sorting)."""
    gaps = [c for c in frame.columns if frame[c].isna().any()]
    return frame.assign(**{c: frame[c].map(_cell) for c in gaps}) if gaps else frame
