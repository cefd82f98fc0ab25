"""The public seminar never singles anyone out: no rating, share or place count about fewer than 3 people,
no pair-health figure, and no refresh that isolates one new answer (k = [access] seminar_min_group)."""
from __future__ import annotations

import pytest
import streamlit as st

from analysis.seminar import Figure, publish
from tests.apptest import run_app, school_config
from tests.forms import mentee, mentor, tab, write_book

YEAR = "2025/26"
K = 3


def final(email: str, score: int) -> dict:
    return {"timestamp": "20.05.2026 10:00:00", "email": email, "satisfaction": str(score), "effectiveness": str(score),
            "best_practice": f"Практика {email}"}


def school(mentees: int, mentors: int, answers: list[int]) -> dict:
    """A small school: `mentees` mentees each paired with one of `mentors` mentors; the first mentees answered
    the final questionnaire with `answers`."""
    es = [f"e{i}@school.ru" for i in range(mentees)]
    ms = [f"m{i}@school.ru" for i in range(mentors)]
    pairs = [{"mentee_email": e, "mentor_email": ms[i % mentors], "group": f"П-{i + 1:02d}",
              "topic": "Современный урок по ФГОС", "start": "01.10.2025", "status": "утверждена"} for i, e in enumerate(es)]
    return {
        "Запросы наставляемых": tab("mentee_request", [mentee(e, full_name=f"Наставляемый {i}") for i, e in enumerate(es)]),
        "Анкета наставников": tab("mentor_survey", [mentor(m, full_name=f"Наставник {i}", capacity="3")
                                                    for i, m in enumerate(ms)]),
        "Пары": tab("pairs", pairs),
        "Итоговая анкета наставляемых": tab("final_mentee", [final(e, s) for e, s in zip(es, answers)]),
    }


@pytest.fixture
def book(tmp_path, monkeypatch):
    path = tmp_path / "school.xlsx"
    monkeypatch.setenv("MENTORING_CONFIG", str(school_config(tmp_path, {YEAR: path, "2026/27": path})))
    st.cache_resource.clear()
    yield path
    st.cache_resource.clear()


def seminar(year=YEAR):
    at = run_app(year, "views/seminar.py")
    assert not at.exception
    return at, {m.label: m.value for m in at.metric}


def reread():
    from ui import state

    state.refresh(look_for_tabs=False)


def test_a_tiny_school_shows_counts_but_no_figure_about_one_or_two_people(book):
    write_book(school(2, 1, [2, 3]), book)                   # one mentor, two mentees, two bad final answers
    at, shown = seminar()
    assert shown["Наставляемых в банке"] == "2" and shown["Пар и групп"] == "2"            # counts are fine
    assert shown["Оценка наставляемых"] == "—" and shown["Наставляемые, оценившие программу на 8–10"] == "—"
    assert shown["Ответили на итоговую анкету"] == "—"
    assert "Пар в зоне риска" not in shown and not any("риск" in m for m in shown)


def traces(at) -> dict[str, list]:
    import json

    import base64

    import numpy as np

    def values(x):
        if isinstance(x, dict) and "bdata" in x:              # Plotly's typed arrays
            return [None if v != v else v for v in np.frombuffer(base64.b64decode(x["bdata"]), x["dtype"]).tolist()]
        return x

    out = {}
    for chart in at.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec).get("data", []):
            out[trace.get("name")] = values(trace.get("x"))
    return out


def test_one_mentors_places_are_not_published_even_when_the_topic_is(book):
    write_book(school(3, 1, []), book)                      # three mentees ask; one mentor's answer gives the places
    at, shown = seminar()
    bars = traces(at)
    assert bars["запросов наставляемых"] == [3]
    assert bars["мест у наставников"] == [None]
    write_book(school(3, 3, []), book)                      # three mentors cover it: their places may be shown
    reread()
    assert traces(seminar()[0])["мест у наставников"] == [9]


def test_a_refresh_adding_one_answer_changes_no_published_mean(book):
    write_book(school(8, 3, [9, 9, 9]), book)
    _, first = seminar()
    assert first["Оценка наставляемых"] == "9,0"
    write_book(school(8, 3, [9, 9, 9, 3]), book)             # a fourth answer: 7,5 would reveal it (3)
    reread()
    _, second = seminar()
    assert second["Оценка наставляемых"] == "9,0"
    write_book(school(8, 3, [9, 9, 9, 3, 6]), book)          # a fifth: still fewer than 3 new people
    reread()
    assert seminar()[1]["Оценка наставляемых"] == "9,0"
    write_book(school(8, 3, [9, 9, 9, 3, 6, 6]), book)       # three new since shown: the group may move
    reread()
    assert seminar()[1]["Оценка наставляемых"] == "7,0"


def test_publish_rules():
    a, b, c, d, e = "abcde"
    shown, last = publish({}, {"x": Figure(9.0, frozenset({a, b, c}))}, K)
    assert shown["x"].value == 9.0
    shown, last = publish(last, {"x": Figure(5.0, frozenset({a, b, c}))}, K)      # someone edited their answer
    assert shown["x"].value == 9.0
    shown, last = publish(last, {"x": Figure(8.0, frozenset({a, b}))}, K)          # one left: hidden
    assert shown["x"].value is None
    shown, last = publish(last, {"x": Figure(7.0, frozenset({a, b, d}))}, K)       # c out, d in: 2 changes
    assert shown["x"].value == 9.0                                                 # not 7,0: c vs d isolated
    shown, last = publish(last, {"x": Figure(6.0, frozenset({a, b, d, e}))}, K)    # c, d, e changed: 3
    assert shown["x"].value == 6.0
    assert publish({}, {"y": Figure(4.0, frozenset({a, b}))}, K)[0]["y"].value is None


def test_the_written_out_stages_on_the_seminar_count_nobody():
    """The roadmap's staff wording of a conflict counts people («4 наставляемых без утверждённой пары»); the hall
    reads only the status words."""
    from tests.apptest import run_app

    at = run_app("2025/26", "views/seminar.py")
    text = "\n".join(m.value for m in [*at.markdown, *at.get("html")])
    assert "лист и данные расходятся" in text and "без утверждённой пары" not in text
