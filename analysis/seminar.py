"""What the public seminar view may show: aggregates only, never a person.

Everything here is counts, rates and curated titles; breakdowns smaller than
`min_group` people are folded into "другое" or dropped."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .banks import demand_supply
from .overview import Headline, headline
from .program import Program


@dataclass(frozen=True)
class SeminarView:
    year: str | None
    headline: Headline
    topics: pd.DataFrame          # topic, demand (mentees asking), places — rows with >= min_group only
    practices: pd.DataFrame       # title and topic (both typed by the coordinator) of practices chosen for the final event


def seminar_view(program: Program, topics: list[str], min_group: int = 3) -> SeminarView:
    table = demand_supply(program.mentees, program.mentors, topics)
    table = table.loc[table["demand"] >= min_group, ["topic", "demand", "places"]].sort_values("demand", ascending=False)
    pr = program.practices
    if len(pr) and "chosen" in pr:
        chosen = pr.loc[pr["chosen"].fillna(0) >= 1, [c for c in ("title", "topic") if c in pr]]
        chosen = chosen[chosen["title"].fillna("").astype(str).str.strip().ne("")]
    else:
        chosen = pd.DataFrame(columns=["title", "topic"])
    return SeminarView(year=program.year, headline=headline(program), topics=table.reset_index(drop=True),
                       practices=chosen.reset_index(drop=True))
