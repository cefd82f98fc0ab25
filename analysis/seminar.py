"""What the public seminar view may show: aggregates only, never a person, and nothing about fewer than k.

k = `[access] seminar_min_group`. Counts of people (banks, pairs, requests per topic) are shown as they are.
Every other figure — a mean rating, a share, a topic's mentor places — is a `Figure` that carries the set of
people behind it: it is shown only when at least k people are behind it, and `publish` changes a shown
figure only when at least k people have joined or left it since it was last shown (so two refreshes of the
page never isolate one person's answer; the same person editing their answer changes nothing shown).
Pair health (pairs at risk, quiet pairs) is not public at all: with a handful of pairs it names them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import pandas as pd

from .banks import demand_supply
from .kpi import participants as year_participants
from .overview import Headline, headline
from .program import Program

from .quality import ITEMS


@dataclass(frozen=True)
class Figure:
    value: float | None                       # None: fewer than k people behind it — not shown
    people: frozenset = field(default_factory=frozenset)   # who is behind it (never shown)


@dataclass(frozen=True)
class SeminarView:
    year: str | None
    headline: Headline                        # counts of people only are used publicly
    kind: str | None                          # "final", "entry" or None (no questionnaire yet)
    figures: Mapping[str, Figure]             # "response", "satisfaction:<role>", "satisfied:mentee",
                                              # "item:<item>:<role>:<kind>", "places:<topic>"
    topics: pd.DataFrame                      # topic, demand — topics asked for by >= k mentees
    practices: pd.DataFrame                   # title and topic (typed by the coordinator) of the chosen practices

    def value(self, key: str) -> float | None:
        f = self.figures.get(key)
        return None if f is None else f.value


def _mean(values: pd.Series, people: pd.Series, k: int) -> Figure:
    ok = pd.to_numeric(values, errors="coerce").notna()
    who = frozenset(people[ok])
    return Figure(float(pd.to_numeric(values[ok]).mean()) if len(who) >= k else None, who)


def seminar_view(program: Program, topics: list[str], min_group: int = 3, *, satisfied_from: int = 8) -> SeminarView:
    k = min_group
    figures: dict[str, Figure] = {}
    s = program.surveys
    kinds = set(s["kind"]) if len(s) else set()
    kind = "final" if "final" in kinds else "entry" if "entry" in kinds else None
    mentees, mentors = year_participants(program)        # the rule of analysis.figures «Ответили на итоговую анкету»
    expected = {("mentee", p) for p in mentees} | {("mentor", p) for p in mentors}
    if "final" in kinds:
        final = s[s["kind"] == "final"]
        answered = set(zip(final["role"], final["person_id"])) & expected
        who = frozenset({("answered", p) for p in answered} | {("paired", p) for p in expected})
        figures["response"] = Figure(len(answered) / len(expected) if len(expected) >= k and len(answered) >= k else None,
                                     who)
    for (role, form), part in s.groupby(["role", "kind"]) if len(s) else []:
        for item in ITEMS:
            if item in part:
                figures[f"item:{item}:{role}:{form}"] = _mean(part[item], part["person_id"], k)
        if form == kind and "satisfaction" in part:
            figures[f"satisfaction:{role}"] = figures[f"item:satisfaction:{role}:{form}"]
            if role == "mentee":
                if form == "final":          # «оценили на 8–10»: the mentees of the year's pairs, as analysis.figures
                    part = part[part["person_id"].isin(mentees)]
                sat = pd.to_numeric(part["satisfaction"], errors="coerce")
                ok = sat.notna()
                who = frozenset(part.loc[ok, "person_id"])
                figures["satisfied:mentee"] = Figure(float((sat[ok] >= satisfied_from).mean()) if len(who) >= k else None, who)
    table = demand_supply(program.mentees, program.mentors, topics)
    mentors = program.mentors
    for topic in table["topic"]:
        covering = [m for m, t in zip(mentors.index, mentors["topics"]) if isinstance(t, list) and topic in t] \
            if "topics" in mentors else []
        places = int(mentors.loc[covering, "capacity"].sum()) if covering and "capacity" in mentors else 0
        figures[f"places:{topic}"] = Figure(float(places) if len(covering) >= k else None, frozenset(covering))
    table = table.loc[table["demand"] >= k, ["topic", "demand"]].sort_values("demand", ascending=False)
    pr = program.practices
    if len(pr) and "chosen" in pr:
        chosen = pr.loc[pr["chosen"].fillna(0) >= 1, [c for c in ("title", "topic") if c in pr]]
        chosen = chosen[chosen["title"].fillna("").astype(str).str.strip().ne("")]
    else:
        chosen = pd.DataFrame(columns=["title", "topic"])
    return SeminarView(year=program.year, headline=headline(program), kind=kind, figures=figures,
                       topics=table.reset_index(drop=True), practices=chosen.reset_index(drop=True))


def publish(last: Mapping[str, Figure], current: Mapping[str, Figure], k: int) -> tuple[dict[str, Figure], dict[str, Figure]]:
    """What to show now, and the new `last` (each figure as it was last shown). A figure under k people is
    hidden; a shown figure changes only when at least k people joined or left it since it was last shown —
    hidden meanwhile or not — so no two versions of the page differ by one person's answer."""
    shown: dict[str, Figure] = {}
    kept: dict[str, Figure] = dict(last)
    for key, now in current.items():
        before = last.get(key)
        if now.value is None or len(now.people) < k:
            shown[key] = Figure(None, now.people)
        elif before is None or len(now.people ^ before.people) >= k:
            shown[key] = kept[key] = now
        else:
            shown[key] = before                        # too few changed: what was shown stays
    return shown, kept


def places(view: SeminarView) -> pd.Series:
    """Mentor places per shown topic (NaN where fewer than k mentors cover it)."""
    return view.topics["topic"].map(lambda t: view.value(f"places:{t}")).astype(float)
