"""Quality metrics against values computed by hand on a small fixture.

Four approved pairs (a–m1, b–m1, c–m2, d–m3). Final mentee questionnaire: `a` answered twice
(first all 5, then all 9: the later answer counts), `b` all 8 but «11» for overall satisfaction
(out of the scale: not counted), `c` «десять» for effectiveness and 4 elsewhere, `d` never answered.
Final mentors: m1 all 9, m2 all 8, m3 all 7. Entry mentees: a 6, b 7, c 8. The entry mentor tab
exists but holds no answers.
"""
from datetime import date

import numpy as np
import pandas as pd
import pytest

from analysis import load_config, load_program
from analysis.config import merged, parse_config
from analysis.quality import compare_years, practices_bank, quality_report
from tests.forms import mentee, tab

CONFIG = load_config()
ITEMS = ("effectiveness", "comfort", "usefulness", "clarity", "support", "satisfaction")


def scores(value, **override):
    return {**{i: str(value) for i in ITEMS}, **override}


def answer(email, when, value, **cells):
    return {"timestamp": when, "email": email, **scores(value), **cells}


def fixture_tabs() -> dict[str, pd.DataFrame]:
    pairs = pd.DataFrame([["a@school.ru", "m1@school.ru", "Современный урок", "01.10.2025"],
                          ["b@school.ru", "m1@school.ru", "Современный урок", "01.10.2025"],
                          ["c@school.ru", "m2@school.ru", "Классное руководство", "01.10.2025"],
                          ["d@school.ru", "m3@school.ru", "Оценивание", "01.10.2025"]],
                         columns=["Наставляемый (e-mail)", "Наставник (e-mail)", "Тема программы", "Дата начала"])
    final_mentee = tab("final_mentee", [
        answer("a@school.ru", "20.05.2026 10:00:00", 5, glad="Да", best_practice="Ранний черновик"),
        answer("b@school.ru", "20.05.2026 11:00:00", 8, satisfaction="11", glad="Да", meetings="Иногда",
               **{"continue": "Да"}),
        answer("c@school.ru", "20.05.2026 12:00:00", 4, effectiveness="десять", glad="Да", meetings="Никогда",
               **{"continue": "Нет"}),
        answer("a@school.ru", "21.05.2026 09:00:00", 9, glad="Да", meetings="Часто",
               best_practice="Взаимопосещение уроков с разбором", **{"continue": "Да"}),
    ])
    final_mentor = tab("final_mentor", [answer("m1@school.ru", "22.05.2026 10:00:00", 9),
                                        answer("m2@school.ru", "22.05.2026 10:00:00", 8),
                                        answer("m3@school.ru", "22.05.2026 10:00:00", 7)])
    entry_mentee = tab("entry_mentee", [answer("a@school.ru", "10.10.2025 10:00:00", 6),
                                        answer("b@school.ru", "10.10.2025 10:00:00", 7),
                                        answer("c@school.ru", "10.10.2025 10:00:00", 8)])
    meetings = tab("meetings", [
        {"timestamp": "02.03.2026 18:00:00", "email": "m1@school.ru", "mentee_email": "a@school.ru", "date": "02.03.2026"},
        {"timestamp": "06.04.2026 18:00:00", "email": "m1@school.ru", "mentee_email": "a@school.ru", "date": "06.04.2026"},
        {"timestamp": "18.05.2026 18:00:00", "email": "m1@school.ru", "mentee_email": "a@school.ru", "date": "18.05.2026"},
        {"timestamp": "20.03.2026 18:00:00", "email": "m1@school.ru", "mentee_email": "b@school.ru", "date": "20.03.2026"},
        {"timestamp": "20.05.2026 18:00:00", "email": "m2@school.ru", "mentee_email": "c@school.ru", "date": "20.05.2026"},
    ])
    return {"Запросы наставляемых": tab("mentee_request", [mentee("a@school.ru", full_name="Агеева Анна Андреевна")]),
            "Анкета наставников": tab("mentor_survey", []),
            "Пары": pairs, "Итоговая анкета наставляемых": final_mentee, "Итоговая анкета наставников": final_mentor,
            "Входная анкета наставляемых": entry_mentee, "Входная анкета наставников": tab("entry_mentor", []),
            "Журнал встреч": meetings}


@pytest.fixture(scope="module")
def program():
    return load_program(fixture_tabs(), CONFIG, year="2025/26")


@pytest.fixture(scope="module")
def report(program):
    return quality_report(program, CONFIG, today=date(2026, 5, 25))


def row(frame, **where):
    mask = np.logical_and.reduce([frame[k] == v for k, v in where.items()])
    found = frame[mask]
    assert len(found) == 1, (where, found)
    return found.iloc[0]


def test_the_later_answer_of_a_person_who_answered_twice_counts_and_is_reported(program):
    a = program.surveys[(program.surveys["person_id"] == "a@school.ru") & (program.surveys["kind"] == "final")]
    assert len(a) == 1 and a["effectiveness"].iloc[0] == 9
    assert any("ответил 2 раза" in p.message for p in program.problems)


def test_eleven_is_rejected_and_a_number_word_is_read_both_with_a_note(program):
    tab_problems = [p for p in program.problems if p.tab == "Итоговая анкета наставляемых"]
    assert any("«11»" in p.message and "вне шкалы 1–10" in p.message for p in tab_problems)
    assert any("десять" in p.message and "10" in p.message for p in tab_problems)
    c = program.surveys[(program.surveys["person_id"] == "c@school.ru") & (program.surveys["kind"] == "final")].iloc[0]
    assert c["effectiveness"] == 10
    b = program.surveys[(program.surveys["person_id"] == "b@school.ru") & (program.surveys["kind"] == "final")].iloc[0]
    assert pd.isna(b["satisfaction"]) and b["comfort"] == 8     # the rest of b's answer is kept


def test_response_rates_against_the_approved_pairs(report):
    r = report.response
    assert row(r, role="mentee", kind="final")[["respondents", "expected", "rate"]].tolist() == [3, 4, 0.75]
    assert row(r, role="mentor", kind="final")[["respondents", "expected", "rate"]].tolist() == [3, 3, 1.0]
    assert row(r, role="mentee", kind="entry")["rate"] == 0.75
    empty = row(r, role="mentor", kind="entry")
    assert empty["respondents"] == 0 and not empty["collected"]


def test_item_mean_median_and_share_satisfied(report):
    it = report.items
    eff = row(it, item="effectiveness", role="mentee", kind="final")      # 9, 8, 10
    assert (eff["n"], eff["mean"], eff["median"], eff["satisfied"]) == (3, 9.0, 9.0, 1.0)
    comfort = row(it, item="comfort", role="mentee", kind="final")        # 9, 8, 4
    assert (comfort["mean"], comfort["median"]) == (7.0, 8.0) and comfort["satisfied"] == pytest.approx(2 / 3)
    mentor = row(it, item="effectiveness", role="mentor", kind="final")   # 9, 8, 7
    assert (mentor["mean"], mentor["median"]) == (8.0, 8.0) and mentor["satisfied"] == pytest.approx(2 / 3)


def test_fewer_than_three_answers_are_never_shown_on_their_own(report):
    sat = row(report.items, item="satisfaction", role="mentee", kind="final")   # 9 and 4: «11» was dropped
    assert sat["n"] == 2 and pd.isna(sat["mean"]) and pd.isna(sat["satisfied"])
    assert report.distribution.query("item == 'satisfaction' and role == 'mentee' and kind == 'final'").empty
    assert report.summary["mentee_satisfaction"] is None and report.summary["mentor_satisfaction"] == 8.0


def test_distribution_counts_every_score_of_the_scale(report):
    d = report.distribution.query("item == 'comfort' and role == 'mentee' and kind == 'final'")
    assert d["score"].tolist() == list(range(1, 11))
    assert dict(zip(d["score"], d["count"]))[4] == 1 and d["count"].sum() == 3


def test_change_from_expectation_to_result_for_people_who_answered_both(report):
    eff = row(report.change, item="effectiveness", role="mentee")    # entry 6,7,8 → final 9,8,10
    assert (eff["n"], eff["entry"], eff["final"], eff["delta"]) == (3, 7.0, 9.0, 2.0)
    comfort = row(report.change, item="comfort", role="mentee")      # entry 6,7,8 → final 9,8,4
    assert comfort["delta"] == 0.0
    assert pd.isna(row(report.change, item="satisfaction", role="mentee")["delta"])   # only 2 have both


def test_mentor_and_mentee_perception_per_item_and_per_pair(report):
    assert row(report.gap, item="effectiveness")["gap"] == -1.0     # mentors 8, mentees 9
    assert row(report.gap, item="comfort")["gap"] == 1.0            # mentors 8, mentees 7
    pg = report.pair_gap.set_index("mentee_id")["gap"]
    assert pg.to_dict() == {"a@school.ru": 0.0, "b@school.ru": 1.0, "c@school.ru": 3.0}   # d: only the mentor answered


def test_yes_no_shares_and_frequencies(report):
    assert row(report.yesno, question="continue", role="mentee")["yes"] == pytest.approx(2 / 3)
    assert row(report.yesno, question="glad", role="mentee")["yes"] == 1.0
    freq = report.frequency.query("question == 'meetings' and role == 'mentee'")
    assert dict(zip(freq["answer"], freq["count"])) == {"Часто": 1, "Иногда": 1, "Никогда": 1}


def test_pair_health_statuses_and_reasons(report):
    h = report.health.set_index("mentee_id")
    assert h.loc["a@school.ru", ["meetings", "status"]].tolist() == [3, "active"]
    assert h.loc["a@school.ru", "last_meeting"] == pd.Timestamp(2026, 5, 18)
    assert h.loc["b@school.ru", "status"] == "quiet" and "нет встреч 9 нед." in h.loc["b@school.ru", "reasons"]
    c = h.loc["c@school.ru"]
    assert c["status"] == "at_risk"
    for reason in ("низкие оценки наставляемого (5,0)", "расхождение оценок 3,0 балла", "не хочет продолжать"):
        assert reason in c["reasons"]
    d = h.loc["d@school.ru"]
    assert d["status"] == "quiet" and "встречи не записаны" in d["reasons"] and "ответила одна сторона" in d["reasons"]
    s = report.summary
    assert (s["at_risk"], s["quiet"], s["active"], s["pairs"]) == (1, 2, 1, 4)


def test_a_finished_year_is_judged_at_its_end_not_today(program):
    later = quality_report(program, CONFIG, today=date(2026, 11, 24)).health.set_index("mentee_id")["status"]
    assert later.to_dict() == {"a@school.ru": "active", "b@school.ru": "quiet", "c@school.ru": "at_risk",
                               "d@school.ru": "quiet"}


def test_an_in_progress_year_without_new_log_entries_turns_quiet(program):
    """Two months after the last logged meeting the pairs are quiet, not judged at that meeting."""
    status = quality_report(program, CONFIG, today=date(2026, 5, 30)).health
    assert row(status, mentee_id="a@school.ru")["status"] == "active"
    early = load_program({k: v for k, v in fixture_tabs().items() if "Итоговая" not in k}, CONFIG, year="2025/26")
    h = quality_report(early, CONFIG, today=date(2026, 4, 20)).health.set_index("mentee_id")
    assert h.loc["b@school.ru", "status"] == "quiet"         # last meeting 20 March: 4 weeks and 3 days
    assert h.loc["a@school.ru", "status"] == "active"        # met on 6 April
    assert h.loc["c@school.ru", "status"] == "quiet"         # nothing logged since the start in October


def test_thresholds_come_from_config(program):
    strict = parse_config(merged(CONFIG.raw, {"quality": {"risk_gap_at_least": 1, "quiet_after_weeks": 10}}))
    h = quality_report(program, strict, today=date(2026, 5, 25)).health.set_index("mentee_id")["status"]
    assert h["b@school.ru"] == "at_risk"         # a gap of 1 is now a risk
    assert h["a@school.ru"] == "active"          # gap 0
    assert h["d@school.ru"] == "quiet"           # nothing logged for 33 weeks


def test_an_empty_program_gives_an_empty_report_not_an_error():
    empty = load_program({"Запросы наставляемых": tab("mentee_request", []), "Анкета наставников": tab("mentor_survey", [])},
                         CONFIG, year="2025/26")
    rep = quality_report(empty, CONFIG, today=date(2026, 5, 25))
    assert not rep.has_final and not rep.has_entry and rep.items.empty and rep.health.empty
    assert rep.summary["pairs"] == 0 and rep.summary["mentee_satisfaction"] is None
    years = compare_years({"2025/26": empty}, CONFIG, today=date(2026, 5, 25))
    assert years["mentee_satisfaction"].dtype == float and years["mentee_satisfaction"].isna().all()


def test_year_over_year_and_the_practices_bank(program):
    early = load_program({k: v for k, v in fixture_tabs().items() if "Итоговая" not in k}, CONFIG, year="2026/27")
    years = compare_years({"2025/26": program, "2026/27": early}, CONFIG, today=date(2026, 5, 25)).set_index("year")
    assert years.loc["2025/26", "kind"] == "final" and years.loc["2025/26", "mentor_satisfaction"] == 8.0
    assert years.loc["2026/27", "kind"] == "entry" and years.loc["2026/27", "at_risk"] == 0
    bank = practices_bank({"2025/26": program})
    assert bank["description"].tolist() == ["Взаимопосещение уроков с разбором"]     # not the earlier draft
    first = bank.iloc[0]
    assert (first["authors"], first["topic"], first["subject"]) == ("Агеева Анна Андреевна", "Современный урок", "Математика")


def test_pairs_approved_today_are_new_not_counted_as_meeting():
    from analysis.matching import assign
    from analysis.writes import approve
    from data_sources import demo_source

    tabs = demo_source("2026/27").read()
    before = load_program(tabs, year="2026/27")
    approved = set(zip(before.pairs.mentee_id, before.pairs.mentor_id))
    proposal = assign(before.mentees, before.mentors, locked=approved).pairs
    sheet = approve(tabs["Пары"], proposal, before.mentees, before.mentors, start=pd.Timestamp("2026-11-25"), config=CONFIG).sheet
    after = load_program({**tabs, "Пары": sheet}, year="2026/27")
    today = date(2026, 11, 25)
    health = quality_report(after, today=today).health.set_index("mentee_id")
    fresh = sorted(set(after.pairs.mentee_id) - set(before.pairs.mentee_id))
    assert fresh and set(health.loc[fresh, "status"]) == {"new"}
    assert quality_report(after, today=today).summary["active"] == quality_report(before, today=today).summary["active"]
