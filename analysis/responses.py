"""Who is expected to answer each questionnaire and who has: the one home of every response rate (the «Мониторинг»
page, the quality page, the indicators, the overview, the seminar and the справка all read these).

The rule: a questionnaire of a role (mentee / mentor) expects every participant of that role in the year's pairs —
every row of the «Пары» tab, a pair that ended early included (it answers for its months); an answer counts when
its person is expected; a questionnaire nobody has answered yet is «не собиралась» (rate empty), not 0 %.
Pure pandas.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .config import Config, FormSpec
from .program import Program


def survey_forms(config: Config) -> dict[str, FormSpec]:
    """The questionnaires with a role and a kind (entry / final, mentee / mentor)."""
    return {k: s for k, s in config.forms.items() if s.role and s.kind}


def expected_people(program: Program) -> pd.DataFrame:
    """Who each questionnaire expects: every participant of the year's pairs — person_id, role, group, partner,
    active (false: the pair ended, e.g. «завершена досрочно»)."""
    p = program.pairs
    cols = ["person_id", "role", "group", "partner", "active"]
    if not len(p):
        return pd.DataFrame(columns=cols)
    active = p["active"].astype(bool) if "active" in p else pd.Series(True, index=p.index)
    mentees = pd.DataFrame({"person_id": p["mentee_id"], "role": "mentee", "group": p["group"], "partner": p["mentor_id"],
                            "active": active})
    mentors = (pd.DataFrame({"person_id": p["mentor_id"], "role": "mentor", "group": p["group"], "partner": p["mentee_id"],
                             "active": active})
               .groupby("person_id", sort=False).agg(role=("role", "first"),
                                                      group=("group", lambda g: ", ".join(dict.fromkeys(map(str, g)))),
                                                      partner=("partner", lambda g: ", ".join(g)),
                                                      active=("active", "any")).reset_index())
    return pd.concat([mentees, mentors], ignore_index=True)[cols]


def expected_by_form(program: Program, config: Config):
    """(form key, its spec, the people expected to answer it) per questionnaire."""
    expected = expected_people(program)
    for key, spec in survey_forms(config).items():
        yield key, spec, set(expected.loc[expected["role"] == spec.role, "person_id"])


def response_summary(program: Program, config: Config) -> pd.DataFrame:
    """Per questionnaire: form, title, role, kind, answered, expected, rate, collected (any answer yet)."""
    s = program.surveys
    rows = []
    for key, spec, want in expected_by_form(program, config):
        got = set(s.loc[s["form"] == key, "person_id"]) if len(s) and "form" in s else set()
        rows.append({"form": key, "title": spec.title, "role": spec.role, "kind": spec.kind, "answered": len(got & want),
                     "expected": len(want), "rate": len(got & want) / len(want) if want and got else np.nan,
                     "collected": bool(got)})
    return pd.DataFrame(rows, columns=["form", "title", "role", "kind", "answered", "expected", "rate", "collected"])


def answered(program: Program, kind: str) -> tuple[int, int] | None:
    """(answered, expected) of the questionnaires of `kind` (entry / final), mentees and mentors together; None
    while none of them has been collected."""
    s = program.surveys
    part = s[s["kind"] == kind] if len(s) and "kind" in s else s.iloc[0:0]
    if not len(part):
        return None
    expected = expected_people(program)
    want = set(zip(expected["role"], expected["person_id"]))
    return len(set(zip(part["role"], part["person_id"])) & want), len(want)
