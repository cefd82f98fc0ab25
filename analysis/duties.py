"""Written consent to the mentoring duties, as recorded (pure pandas).

The sample roadmap's stage 1 (`roadmap-seed.tsv`, «Подготовка и утверждение приказа о закреплении наставнических
пар/групп с письменного согласия их участников на возложение на них дополнительных обязанностей, связанных с
наставнической деятельностью») asks for it before the order on pairs. It is recorded in either of two places:
the forms' question «Согласие на участие в программе наставничества и на дополнительные обязанности» (field
`duties` of the mentee request and the mentor survey: «Да» is consent) or, for a consent signed on paper, the date
in the «Пары» tab's column «Согласие на участие (дата)» (field `consent_date`: both people of that row consented).
Consent to personal data processing is another thing and is not read here.
"""
from __future__ import annotations

import pandas as pd

from .program import Program

ROLE_RU = {"mentee": "наставляемый", "mentor": "наставник"}


def _said_yes(bank: pd.DataFrame) -> set[str]:
    if "duties" not in bank or not len(bank):
        return set()
    yes = pd.to_numeric(bank["duties"], errors="coerce").fillna(0) >= 1
    return {str(i) for i in bank.index[yes]}


def consented(program: Program) -> set[str]:
    """The ids of everyone whose written consent to the duties is recorded (a form's «Да», or a date in «Пары»)."""
    people = _said_yes(program.mentees) | _said_yes(program.mentors)
    pairs = program.pairs
    if len(pairs) and "consent_date" in pairs:
        signed = pairs[pd.to_datetime(pairs["consent_date"], errors="coerce").notna()]
        people |= {str(x) for x in [*signed["mentee_id"], *signed["mentor_id"]] if pd.notna(x)}
    return people


def without_consent(program: Program, pairs: pd.DataFrame) -> pd.DataFrame:
    """The people of `pairs` (mentee_id, mentor_id, optional group, mentee_name, mentor_name) whose consent to the
    duties is not recorded: DataFrame[id, name, role, group], each person once, in the pairs' order."""
    have = consented(program)
    rows, seen = [], set()
    for r in pairs.to_dict("records"):
        for role in ("mentor", "mentee"):
            pid = str(r.get(f"{role}_id") or "")
            if pid and pid not in have and (pid, role) not in seen:
                seen.add((pid, role))
                name = r.get(f"{role}_name")
                rows.append({"id": pid, "name": str(name) if isinstance(name, str) and name.strip() else pid,
                             "role": ROLE_RU[role], "group": str(r.get("group") or "")})
    return pd.DataFrame(rows, columns=["id", "name", "role", "group"])


def said(missing: pd.DataFrame) -> str:
    """«Иванова И. И. (наставник, П-01), …» — who has not consented, for a page or a document."""
    return ", ".join(f"{r.name} ({r.role}" + (f", {r.group})" if r.group else ")") for r in missing.itertuples())
