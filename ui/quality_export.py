"""The quality page's tables as one workbook: a sheet per table, Russian headers (names of people: staff only)."""
from __future__ import annotations

import pandas as pd

from analysis.config import Config, outside_default
from analysis.matching import names
from analysis.mentoring_forms import by_form_and_type, settings
from analysis.program import Program
from analysis.quality import FREQUENCY_RU, HEALTH_RU, KIND_RU, ROLE_RU, YESNO_RU, QualityReport


def forms_table(program: Program, config: Config | None = None) -> pd.DataFrame:
    """Pairs/groups and mentees per form, role model and type of mentoring (typed in «Пары», else suggested): the
    «Пары» column «Форма наставничества» holds the role model, the form it belongs to comes from [mentoring]."""
    t = by_form_and_type(program, config)
    s = settings(outside_default(config))
    return pd.DataFrame({"Форма": [s.form_of(m) for m in t["form"]], "Ролевая модель": t["form"], "Вид": t["type"],
                         "Пар и групп": t["pairs"], "Наставляемых": t["mentees"]})


def share_columns(config: Config) -> list[str]:
    """The columns of `quality_sheets` that hold shares (written with a percent format)."""
    return ["Доля", f"Доля {config.quality.satisfied_label}", "Доля «Да»"]


def quality_sheets(report: QualityReport, program: Program, config: Config) -> dict[str, pd.DataFrame]:
    """Sheet name -> table, as the quality page shows them (for `documents.safe.xlsx_bytes`)."""
    r = report
    ITEMS_RU = config.quality.items
    people = {**names(program.mentees), **names(program.mentors)}
    h = r.health
    return {
        "Ответы": pd.DataFrame({"Анкета": r.response["kind"].map(KIND_RU), "Кто": r.response["role"].map(ROLE_RU),
                                "Ответили": r.response["respondents"], "Ожидалось": r.response["expected"],
                                "Доля": r.response["rate"].round(3), "Собиралась": r.response["collected"].map({True: "да", False: "нет"})}),
        "Оценки": pd.DataFrame({"Пункт": r.items["item"].map(ITEMS_RU), "Кто": r.items["role"].map(ROLE_RU),
                                "Анкета": r.items["kind"].map(KIND_RU), "Ответов": r.items["n"],
                                "Средняя": r.items["mean"].round(2), "Медиана": r.items["median"],
                                f"Доля {config.quality.satisfied_label}": r.items["satisfied"].round(3)}),
        "Распределение": pd.DataFrame({"Пункт": r.distribution["item"].map(ITEMS_RU), "Кто": r.distribution["role"].map(ROLE_RU),
                                       "Анкета": r.distribution["kind"].map(KIND_RU), "Оценка": r.distribution["score"],
                                       "Ответов": r.distribution["count"]}),
        "От ожиданий к итогу": pd.DataFrame({"Пункт": r.change["item"].map(ITEMS_RU), "Кто": r.change["role"].map(ROLE_RU),
                                             "Ответов": r.change["n"], "Ожидание": r.change["entry"].round(2),
                                             "Итог": r.change["final"].round(2), "Изменение": r.change["delta"].round(2)}),
        "Наставник и наставляемый": pd.DataFrame({"Пункт": r.gap["item"].map(ITEMS_RU), "Наставляемые": r.gap["mentee"].round(2),
                                                  "Наставники": r.gap["mentor"].round(2), "Разница": r.gap["gap"].round(2)}),
        "Да и нет": pd.DataFrame({"Вопрос": r.yesno["question"].map(YESNO_RU), "Кто": r.yesno["role"].map(ROLE_RU),
                                  "Ответов": r.yesno["n"], "Доля «Да»": r.yesno["yes"].round(3)}),
        "Как часто": pd.DataFrame({"Вопрос": r.frequency["question"].map(FREQUENCY_RU), "Кто": r.frequency["role"].map(ROLE_RU),
                                   "Ответ": r.frequency["answer"], "Ответов": r.frequency["count"]}),
        "Формы наставничества": forms_table(program, config),
        "Пары": pd.DataFrame({"Статус": h["status"].map(HEALTH_RU), "Наставляемый": [people.get(x, x) for x in h["mentee_id"]],
                              "Наставник": [people.get(x, x) for x in h["mentor_id"]], "Пара/группа": h["group"],
                              "Тема": h["topic"], "Встреч": h["meetings"], "Последняя встреча": h["last_meeting"],
                              "Недель без встреч": h["weeks_since"].round(0), "Почему": h["reasons"]}),
        "Открытые ответы": pd.DataFrame({"Кто": r.open_answers["role"].map(ROLE_RU),
                                         "Лучшая практика": r.open_answers.get("best_practice"),
                                         "Что улучшить": r.open_answers.get("improve")}),
    }
