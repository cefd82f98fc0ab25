"""The roadmap strip (overview, seminar): every stage's number, status word and name written out, the roadmap
tab's text shown as typed (never as markup), long names hyphenated by the Russian rules."""
from __future__ import annotations

import re

import pandas as pd

from ui.roadmap_strip import hyphenated, strip_html


def status(names: list[str], statuses: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"stage": range(1, len(names) + 1), "name": names, "status": statuses,
                         "progress": [1.0 if s == "done" else 0.5 for s in statuses]})


def visible(html: str) -> str:
    return re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S).replace("\u00ad", "")


def test_each_stage_reads_its_number_status_and_name():
    html = strip_html(status(["Формирование банка наставляемых", "Отбор и обучение"], ["done", "overdue"]))
    assert html.count('role="listitem"') == 2
    text = " ".join(visible(html).split())
    assert "1&nbsp;✓ выполнен Формирование банка наставляемых" in text
    assert "2&nbsp;! просрочен Отбор и обучение" in text


def test_a_name_typed_in_the_roadmap_tab_is_shown_as_typed():
    html = strip_html(status(['<img src=x onerror="alert(1)"> Этап «А»'], ["in_progress"]))
    assert "<img" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_long_words_break_at_syllables_and_read_the_same():
    word = hyphenated("Завершение персонализированных программ")
    assert "\u00ad" in word and word.replace("\u00ad", "") == "Завершение персонализированных программ"
    assert all(len(w.split("\u00ad")[0]) >= 2 and len(w.split("\u00ad")[-1]) >= 2 for w in word.split())  # «пер-»…«-ных»
    assert hyphenated("Отбор и обучение") == "Отбор и обучение"


def test_the_hall_strip_takes_the_large_type():
    assert "rs-hall" in strip_html(status(["А"], ["done"]), hall=True)
    assert "rs-hall" not in strip_html(status(["А"], ["done"])).split("</style>")[1]


def test_the_hall_never_reads_the_staff_wording_that_counts_people():
    rows = status(["Организация работы пар"], ["conflict"]).assign(
        status_ru="в листе: выполнен; по данным не подтверждён: 2 наставляемых без утверждённой пары")
    assert "2 наставляемых" in strip_html(rows)                     # staff: the tooltip says what is wrong
    assert "наставляемых" not in strip_html(rows, hall=True)        # the hall: «лист и данные расходятся» only
    assert "лист и данные расходятся" in strip_html(rows, hall=True)
