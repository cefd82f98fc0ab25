"""Monitoring in two stages, who has not answered, every question, SWOT suggestions — on a hand-made fixture.

Five approved pairs: a–m1, b–m1, c–m2, e–m2, and d–m3 «завершена досрочно». Entry mentee: a, b, c, e (confidence
4, 5, 6, 7); final mentee: a, b, c (confidence 6, 6, 6; a and b «Да» to «glad», c «Нет»); final mentor: m1, m2;
nobody has answered the entry mentor questionnaire yet. So the final mentee questionnaire misses d (pair ended)
and e (active); the final mentor one misses m3 (pair ended); the entry mentor one is not started, and lists nobody.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import load_config, load_program
from analysis import monitoring as mon
from analysis.writes import swot_board, swot_edit
from tests.forms import tab

CONFIG = load_config()
STAGE1, STAGE2 = mon.stage_items(CONFIG)
SAME = "Совместная подготовка открытого урока по физике"
THREAT = "Не хватало времени: встречи переносились из-за экзаменов"
WEAK = "Хотелось бы больше открытых уроков у опытных наставников"


def answer(email, when, confidence, **cells):
    return {"timestamp": when, "email": email, **{i: "8" for i in STAGE1}, **{i: "5" for i in STAGE2},
            "confidence": str(confidence), **cells}


def fixture() -> dict[str, pd.DataFrame]:
    pairs = pd.DataFrame([[f"{m}@school.ru", f"Наставляемый {m.upper()}", f"{t}@school.ru", f"Наставник {t.upper()}", g, st]
                          for m, t, g, st in [("a", "m1", "Г-01", "утверждена"), ("b", "m1", "Г-01", "утверждена"),
                                              ("c", "m2", "П-01", "утверждена"), ("e", "m2", "П-02", "утверждена"),
                                              ("d", "m3", "П-03", "завершена досрочно")]],
                         columns=["Наставляемый (e-mail)", "Наставляемый", "Наставник (e-mail)", "Наставник", "Пара/группа",
                                  "Статус"])
    return {
        "Пары": pairs,
        "Входная анкета наставляемых": tab("entry_mentee", [answer(e, "01.10.2025 10:00:00", c) for e, c in
                                                          [("a@school.ru", 4), ("b@school.ru", 5), ("c@school.ru", 6),
                                                           ("e@school.ru", 7)]]),
        "Итоговая анкета наставляемых": tab("final_mentee", [
            answer("a@school.ru", "20.05.2026 10:00:00", 6, glad="Да", best_practice=SAME, improve=THREAT),
            answer("b@school.ru", "20.05.2026 12:00:00", 6, glad="Да", best_practice=SAME, improve=WEAK),
            answer("c@school.ru", "22.05.2026 09:00:00", 6, glad="Нет", best_practice="нет", improve="")]),
        "Итоговая анкета наставников": tab("final_mentor", [answer("m1@school.ru", "21.05.2026 10:00:00", 8),
                                                            answer("m2@school.ru", "21.05.2026 11:00:00", 8)]),
        "Входная анкета наставников": tab("entry_mentor", []),
    }


@pytest.fixture(scope="module")
def program():
    return load_program(fixture(), CONFIG, year="2025/26")


def test_who_has_not_answered_each_questionnaire(program):
    missing = mon.non_respondents(program, CONFIG)
    got = {(r.form, r.person_id, r.active) for r in missing.itertuples()}
    assert got == {("final_mentee", "d@school.ru", False), ("final_mentee", "e@school.ru", True),
                   ("final_mentor", "m3@school.ru", False), ("entry_mentee", "d@school.ru", False)}
    e = missing[missing["person_id"] == "e@school.ru"].iloc[0]
    assert e["name"] == "Наставляемый E" and e["group"] == "П-02" and e["partner"] == "m2@school.ru"
    assert "entry_mentor" not in set(missing["form"])      # not started: «не собиралась», not «everyone missing»
    summary = mon.response_summary(program, CONFIG).set_index("form")
    assert (summary.loc["final_mentee", "answered"], summary.loc["final_mentee", "expected"]) == (3, 5)
    assert (summary.loc["final_mentor", "answered"], summary.loc["final_mentor", "expected"]) == (2, 3)
    assert not summary.loc["entry_mentor", "collected"] and np.isnan(summary.loc["entry_mentor", "rate"])


def test_the_reminder_and_one_mailto_link_to_the_active_ones(program):
    missing = mon.non_respondents(program, CONFIG)
    final = missing[(missing["form"] == "final_mentee") & missing["active"]]
    text = mon.reminder_text("Итоговая анкета наставляемого", CONFIG)
    assert "«Итоговая анкета наставляемого»" in text and "{" not in text
    [link] = mon.mailto(final["person_id"], "Итоговая анкета", text)
    assert link.startswith("mailto:?bcc=e@school.ru&subject=")
    assert "d@school.ru" not in link and " " not in link


def test_a_reminder_to_150_people_is_split_into_links_a_mail_program_takes_whole():
    from urllib.parse import parse_qs, unquote, urlsplit

    people = [f"uchitel.{i:03d}.familiya@integral-lyceum.ru" for i in range(150)]
    text = mon.reminder_text("Итоговая анкета наставляемого", CONFIG)
    links = mon.mailto([*people, people[0].upper()], "Итоговая анкета", text)      # one address twice: once
    assert len(links) > 1 and all(len(link) < 2000 for link in links)
    sent = [a for link in links for a in unquote(parse_qs(urlsplit(link).query)["bcc"][0]).split(",")]
    assert sent == people                                                   # everyone, once, in order
    assert all(parse_qs(urlsplit(link).query)["subject"] == ["Итоговая анкета"] for link in links)
    assert all("body" not in parse_qs(urlsplit(link).query) for link in links)    # pasted from the page, whole
    print(f"150 recipients: {len(links)} links, the longest {max(map(len, links))} characters")


def test_a_schools_reminder_with_a_stray_brace_still_reads():
    """«{имя}» or a lone «{» in the school's own reminder ([monitoring] reminder of its config.toml) broke the page
    «Мониторинг» (str.format): only {form} and {school} are filled in, the rest stays as typed."""
    from analysis.config import merged, parse_config

    config = parse_config(merged(CONFIG.raw, {"monitoring": {
        "reminder": "Коллега {имя}, ответьте на анкету «{form}» ({school}) :-{"}}), CONFIG.path)
    text = mon.reminder_text("Итоговая анкета наставника", config)
    assert text.startswith("Коллега {имя}, ответьте на анкету «Итоговая анкета наставника» (") and text.endswith(":-{")
    assert "{school}" not in text


def test_response_rate_over_time(program):
    t = mon.response_over_time(program, CONFIG)
    fm = t[t["form"] == "final_mentee"]
    assert [(d.strftime("%d.%m"), a, x) for d, a, x in zip(fm["date"], fm["answered"], fm["expected"])] == \
        [("20.05", 2, 5), ("22.05", 3, 5)]


def test_stage_two_is_the_change_per_item_with_n(program):
    s2 = mon.stage2(program, CONFIG)
    conf = s2[(s2["item"] == "confidence") & (s2["role"] == "mentee")].iloc[0]
    assert conf["n"] == 3 and conf["entry"] == 5 and conf["final"] == 6 and conf["delta"] == 1
    assert conf["grew"] == pytest.approx(2 / 3)            # a 4→6, b 5→6, c 6→6
    mentor = s2[s2["role"] == "mentor"]
    assert (mentor["n"] == 0).all() and mentor["delta"].isna().all()   # no mentor answered the entry questionnaire


def test_stage_one_hides_groups_under_the_threshold(program):
    s1 = mon.stage1(program, CONFIG).set_index(["item", "role"])
    assert s1.loc[("satisfaction", "mentee"), "n"] == 3 and s1.loc[("satisfaction", "mentee"), "mean"] == 8
    assert s1.loc[("satisfaction", "mentor"), "n"] == 2 and np.isnan(s1.loc[("satisfaction", "mentor"), "mean"])


def test_every_question_summarized_and_compared(program):
    summary = mon.question_summary(program, CONFIG)
    glad = summary[(summary["field"] == "glad") & (summary["form"] == "final_mentee")].set_index("answer")
    assert glad.loc["Да", "count"] == 2 and glad.loc["Нет", "count"] == 1 and glad.loc["Да", "n"] == 3
    conf = summary[(summary["field"] == "confidence") & (summary["form"] == "entry_mentee")]
    assert conf["n"].iloc[0] == 4 and conf["mean"].iloc[0] == pytest.approx(5.5)
    assert dict(zip(conf["answer"], conf["count"]))["4"] == 1 and len(conf) == 10      # every score 1–10
    cmp = mon.compare_questions(summary).set_index("field")
    assert cmp.loc["confidence", "mentee:entry"] == "5,5 (n=4)" and cmp.loc["confidence", "mentee:final"] == "6,0 (n=3)"
    assert cmp.loc["glad", "mentee:final"] == "«Да» 67 % (n=3)"
    assert cmp.loc["confidence", "mentor:final"] == "— (n=2)"       # two answers: not shown


def test_open_answers_become_swot_suggestions_the_coordinator_adds(program):
    sug = mon.swot_suggestions(program, CONFIG)
    by_text = sug.set_index("text")
    assert by_text.loc[SAME, "section"] == "Сильные стороны" and by_text.loc[SAME, "count"] == 2
    assert by_text.loc[THREAT, "section"] == "Угрозы" and by_text.loc[WEAK, "section"] == "Слабые стороны"
    assert "нет" not in set(sug["text"])
    fresh = pd.DataFrame([["Сильные стороны", "Старый текст", "01.06.2026"]], columns=["Раздел", "Текст", "Сохранено"])
    board = swot_board(fresh)
    entered = mon.add_to_board(board, sug[sug["text"] == SAME])
    assert entered["Сильные стороны"] == f"Старый текст\n• {SAME}"
    assert mon.add_to_board(entered, sug[sug["text"] == SAME]) == entered          # not added twice
    edit = swot_edit(fresh, entered, board, pd.Timestamp("2026-06-02 10:00"))
    assert edit.added == 1 and edit.change.append[0][:2] == ["Сильные стороны", f"Старый текст\n• {SAME}"]
