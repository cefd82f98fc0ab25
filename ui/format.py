"""Russian number and date formatting for the pages."""
from __future__ import annotations

import pandas as pd


def pct(value: float | None, digits: int = 0) -> str:
    if value is None or pd.isna(value):
        return "—"
    return f"{value * 100:.{digits}f}".replace(".", ",") + " %"


def date(value) -> str:
    if value is None or pd.isna(value):
        return ""
    return pd.Timestamp(value).strftime("%d.%m.%Y")


def plural(n: int, one: str, few: str, many: str) -> str:
    """plural(3, "пара", "пары", "пар") -> "3 пары"."""
    n10, n100 = n % 10, n % 100
    word = one if n10 == 1 and n100 != 11 else few if 2 <= n10 <= 4 and not 12 <= n100 <= 14 else many
    return f"{n} {word}"
