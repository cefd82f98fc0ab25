"""The banks seen by topic: demand (mentees asking) against supply (mentor places)."""
from __future__ import annotations

from typing import Sequence

import pandas as pd


def demand_supply(mentees: pd.DataFrame, mentors: pd.DataFrame, topics: Sequence[str]) -> pd.DataFrame:
    """One row per topic: mentees asking for it, mentors covering it, their places (capacity-weighted),
    and the gap (demand − places, > 0 means the topic lacks mentors: a training need for stage 4).

    A mentor with capacity c covering k topics offers c places to each of them (a place can serve
    any one of its topics), so `places` is an upper bound per topic, as a coordinator counts it."""
    def explode(frame: pd.DataFrame) -> pd.DataFrame:
        if frame.empty or "topics" not in frame:
            return pd.DataFrame(columns=["person_id", "topic", "capacity"])
        cols = ["topics"] + (["capacity"] if "capacity" in frame else [])
        out = frame[cols].rename_axis("person_id").reset_index().explode("topics").rename(columns={"topics": "topic"})
        return out[out["topic"].notna()]

    asked = explode(mentees).groupby("topic")["person_id"].nunique()
    offered = explode(mentors)
    covering = offered.groupby("topic")["person_id"].nunique()
    places = offered.groupby("topic")["capacity"].sum() if "capacity" in offered else covering * 0
    table = pd.DataFrame({"topic": list(topics)})
    table["demand"] = table["topic"].map(asked).fillna(0).astype(int)
    table["mentors"] = table["topic"].map(covering).fillna(0).astype(int)
    table["places"] = table["topic"].map(places).fillna(0).astype(int)
    table["gap"] = table["demand"] - table["places"]
    return table


def shortage_table(table: pd.DataFrame) -> pd.DataFrame:
    """The demand table for people to read: topics short of places first (most short on top), then by demand;
    the gap as «не хватает N» — a surplus is no shortage, and no minus sign to read."""
    out = table.assign(short=table["gap"].clip(lower=0)).sort_values(["short", "demand", "topic"],
                                                                     ascending=[False, False, True], kind="stable")
    out["short"] = out["short"].map(lambda n: f"не хватает {n}" if n > 0 else "хватает")
    return out.drop(columns="gap").reset_index(drop=True)


def training_needs(table: pd.DataFrame) -> list[str]:
    """Topics where demand exceeds the mentor places (stage 4: whom to train)."""
    return table.loc[table["gap"] > 0].sort_values("gap", ascending=False)["topic"].tolist()


MENTEE_COLUMNS = {"full_name": "ФИО", "email": "E-mail", "subjects": "Предметы", "position": "Должность",
                  "experience": "Стаж, лет", "category": "Категория", "topics": "Темы запроса",
                  "topics_other": "Другое", "request_text": "Запрос своими словами", "format": "Формат",
                  "availability": "Удобные дни", "answers": "Ответов", "also_mentor": "Также наставник"}
MENTOR_COLUMNS = {"full_name": "ФИО", "email": "E-mail", "subjects": "Предметы", "experience": "Стаж, лет",
                  "qualification": "Категория", "topics": "Темы наставничества", "topics_other": "Другое",
                  "capacity": "Мест", "format": "Формат", "availability": "Удобные дни", "answers": "Ответов",
                  "also_mentee": "Также наставляемый"}


def bank_table(bank: pd.DataFrame, other: pd.DataFrame, *, mentor: bool) -> pd.DataFrame:
    """A bank for people to read: Russian headers, one row per person, lists kept as lists."""
    columns = MENTOR_COLUMNS if mentor else MENTEE_COLUMNS
    frame = bank.copy()
    frame["email"] = frame.index
    frame["also_mentee" if mentor else "also_mentor"] = frame.index.isin(other.index)
    keep = [c for c in columns if c in frame and (c == "email" or not len(frame) or not frame[c].map(_blank).all())]
    return frame[keep].rename(columns=columns).reset_index(drop=True)      # a question the form does not ask: no column


def _blank(value) -> bool:
    return value is None or value == "" or value == [] or (isinstance(value, float) and pd.isna(value))


def filter_bank(table: pd.DataFrame, *, search: str = "", subjects=(), topics=(), categories=(), formats=()) -> pd.DataFrame:
    """Rows matching every filter: search in name/e-mail/request, any of the chosen subjects/topics/…"""
    mask = pd.Series(True, index=table.index)
    if search:
        needle = search.strip().lower()
        text_cols = [c for c in ("ФИО", "E-mail", "Запрос своими словами", "Другое") if c in table]
        hay = table[text_cols].astype(str).agg(" ".join, axis=1).str.lower()
        mask &= hay.str.contains(needle, regex=False)

    def any_of(column: str, chosen) -> pd.Series:
        if not chosen or column not in table:
            return pd.Series(True, index=table.index)
        chosen = set(chosen)
        return table[column].map(lambda v: bool(set(v if isinstance(v, list) else [v]) & chosen))

    topic_col = "Темы запроса" if "Темы запроса" in table else "Темы наставничества"
    mask &= any_of("Предметы", subjects) & any_of(topic_col, topics) & any_of("Категория", categories) \
        & any_of("Формат", formats)
    return table[mask]


def bank_summary(program) -> dict[str, int]:
    """Counts for the banks page header (no personal data)."""
    both = program.mentees.index.intersection(program.mentors.index)
    mi, ri = program.intake.get("mentee"), program.intake.get("mentor")
    return {
        "mentees": len(program.mentees), "mentors": len(program.mentors),
        "places": int(program.mentors["capacity"].sum()) if len(program.mentors) else 0,
        "both": len(both),
        "answered_twice": int((program.mentees.get("answers", pd.Series(dtype=int)) > 1).sum()
                              + (program.mentors.get("answers", pd.Series(dtype=int)) > 1).sum()),
        "no_consent_mentees": mi.no_consent if mi else 0, "no_consent_mentors": ri.no_consent if ri else 0,
        "not_willing": ri.not_willing if ri else 0,
    }
