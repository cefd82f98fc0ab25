"""Russian number and date formatting for the pages."""
from __future__ import annotations

import pandas as pd

from analysis.normalize import plural  # noqa: F401  (one definition, shared)


def pct(value: float | None, digits: int = 0) -> str:
    if value is None or pd.isna(value):
        return "—"
    return f"{value * 100:.{digits}f}".replace(".", ",") + " %"


def date(value) -> str:
    if value is None or pd.isna(value):
        return ""
    return pd.Timestamp(value).strftime("%d.%m.%Y")
