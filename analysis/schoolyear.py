"""The school year a program belongs to: its first year, its first and last day ([roadmap] school_year of the
year's config) and whether it is over. One home, read by the plans, the quality report, the roadmap, the
matching page and the documents, so that «завершённый год» means the same everywhere."""
from __future__ import annotations

from datetime import date

import pandas as pd

from analysis.config import Config
from analysis.program import Program


def start_year(program: Program, config: Config) -> int:
    """The calendar year the school year starts in: from `program.year` («2025/26» → 2025), else from the
    earliest pair start (a start before August belongs to the year that began the autumn before), else today."""
    label = str(program.year or "")
    if label[:4].isdigit():
        return int(label[:4])
    starts = pd.to_datetime(program.pairs.get("start", pd.Series(dtype=object)), errors="coerce").dropna()
    when = starts.min() if len(starts) else pd.Timestamp(config.today())
    return when.year if when.month >= 8 else when.year - 1


def year_bounds(program: Program, config: Config) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The school year's first and last day, as timestamps."""
    first, last = config.roadmap.bounds(start_year(program, config))
    return pd.Timestamp(first), pd.Timestamp(last)


def year_finished(program: Program, config: Config, today: date) -> bool:
    """True once `today` is past the school year's last day."""
    return pd.Timestamp(today).normalize() > year_bounds(program, config)[1]
