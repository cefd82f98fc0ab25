"""Computed once per read of the year: the same objects give the remembered result, a new read computes again,
and a caller's change to its copy never reaches another page."""
from __future__ import annotations

import pandas as pd

from analysis.memo import per_read


class Read:          # stands for a Program / Config: compared by identity
    pass


def test_the_same_read_is_computed_once_and_a_new_read_again():
    calls = []

    @per_read(size=2)
    def figure(program, config, day):
        calls.append(day)
        return len(calls)

    a, c = Read(), Read()
    assert figure(a, c, "2026-12-04") == figure(a, c, "2026-12-04") == 1
    assert figure(Read(), c, "2026-12-04") == 2           # another read of the year
    assert figure(a, c, "2026-12-05") == 3                # another day
    assert figure(a, c, "2026-12-04") == 4                # only the last two kept


def test_each_caller_gets_its_own_copy():
    @per_read(copy=pd.DataFrame.copy)
    def table(program):
        return pd.DataFrame({"done": [1, 2]})

    p = Read()
    mine = table(p)
    mine.loc[0, "done"] = 99
    assert table(p)["done"].tolist() == [1, 2]


def test_plans_are_drafted_once_per_read_for_every_page_and_the_report(monkeypatch):
    from analysis import load_config, load_program, plans
    from analysis.plans import all_plans, plan_progress
    from data_sources import demo_source

    config = load_config()
    program = load_program(demo_source("2025/26").read(), config, year="2025/26")
    drafted = []
    real = plans.draft_plan
    monkeypatch.setattr(plans, "draft_plan", lambda *a, **k: drafted.append(a[1]) or real(*a, **k))
    plan_progress(program, config)
    plan_progress(program, config, saved_only=True)
    mine = all_plans(program, config)
    assert sorted(drafted) == sorted(mine)                # one draft per pair, whoever asked
    first = next(iter(mine))
    mine[first].items.loc[:, "activity"] = "испорчено"
    assert "испорчено" not in set(all_plans(program, config)[first].items["activity"])
