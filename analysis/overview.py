"""Headline figures of one academic year (the overview page and the seminar)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .program import Program
from . import responses


@dataclass(frozen=True)
class Headline:
    mentees: int                 # mentee bank: consent given, latest answer per person
    mentors: int                 # mentor bank: consent given, willing
    mentor_places: int           # sum of mentors' capacity
    pairs: int                   # approved pair rows that have not ended (one per mentee)
    without_pair: int            # «Без пары»: in the mentee bank, no approved pair (the same number on every page)
    groups: int                  # distinct pairs/groups
    people_answered: int         # distinct people who answered the mentee or the mentor form
    consented: int
    consent_rate: float | None
    in_pairs: int                # distinct participants of approved pairs
    final_respondents: int       # of them, who answered a final questionnaire
    response_rate: float | None  # None: no final questionnaire yet
    entry_respondents: int
    entry_rate: float | None


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def participants(pairs: pd.DataFrame) -> set[str]:
    return set(pairs["mentee_id"].dropna()) | set(pairs["mentor_id"].dropna()) if len(pairs) else set()


def without_pair(program: Program) -> set[str]:
    """Mentees in the bank with no pair in the `Пары` tab that has not ended: what «Без пары» means on every
    page (a pair «расторгнута» leaves its mentee without a pair)."""
    active = program.active_pairs()
    paired = set(active["mentee_id"]) if len(active) else set()
    return set(program.mentees.index) - paired


def headline(program: Program) -> Headline:
    answered = sum(i.people for i in program.intake.values())
    refused = sum(i.no_consent for i in program.intake.values())
    people = participants(program.pairs)
    final, expected = responses.answered(program, "final") or (0, 0)
    entry, _ = responses.answered(program, "entry") or (0, 0)
    has_final = "final" in set(program.surveys.get("kind", pd.Series(dtype=object)))
    active = program.active_pairs()
    groups = active["group"].replace("", pd.NA).dropna().nunique() if len(active) else 0
    return Headline(
        mentees=len(program.mentees), mentors=len(program.mentors),
        mentor_places=int(program.mentors["capacity"].sum()) if len(program.mentors) else 0,
        pairs=len(active), without_pair=len(without_pair(program)), groups=int(groups),
        people_answered=answered, consented=answered - refused, consent_rate=_rate(answered - refused, answered),
        in_pairs=len(people), final_respondents=final,
        response_rate=_rate(final, expected) if has_final else None,
        entry_respondents=entry, entry_rate=_rate(entry, expected) if entry else None,
    )


def tab_summary(tabs: dict[str, pd.DataFrame], program: Program, specs: dict,
                other: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per tab: what it is for, its rows, whether the app found it. `other`: tabs the app
    writes itself (title → purpose), listed whether or not they exist yet."""
    rows = []
    used = set()
    for key, spec in specs.items():
        tab = program.tabs_found.get(key)
        used.add(tab)
        frame = tabs.get(tab) if tab else None
        n = int((frame.replace("", pd.NA).notna().any(axis=1)).sum()) if frame is not None and len(frame) else 0
        errors = sum(1 for p in program.problems if p.tab == (tab or spec.tab) and p.severity == "error")
        warnings = sum(1 for p in program.problems if p.tab == (tab or spec.tab) and p.severity == "warning")
        rows.append({"Лист": tab or spec.tab, "Назначение": spec.title, "Строк с ответами": n,
                     "Найден": "да" if tab else "нет", "Ошибок": errors, "Предупреждений": warnings})
    other = other or {}
    for tab, purpose in other.items():
        if tab not in used:
            used.add(tab)
            rows.append({"Лист": tab, "Назначение": purpose, "Строк с ответами": len(tabs.get(tab, ())),
                         "Найден": "да" if tab in tabs else "нет", "Ошибок": 0, "Предупреждений": 0})
    for tab, frame in tabs.items():
        if tab not in used:
            rows.append({"Лист": tab, "Назначение": "не используется", "Строк с ответами": len(frame),
                         "Найден": "да", "Ошибок": 0, "Предупреждений": 0})
    return pd.DataFrame(rows)
