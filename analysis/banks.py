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


def training_needs(table: pd.DataFrame) -> list[str]:
    """Topics where demand exceeds the mentor places (stage 4: whom to train)."""
    return table.loc[table["gap"] > 0].sort_values("gap", ascending=False)["topic"].tolist()
