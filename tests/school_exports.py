"""A school's own exports as the coordinator has them, written to files, with the truth a test checks the banks
against: a Google Forms pair in the school's own wording, ONE Google Form for both roles, a Yandex Forms pair (one
.xlsx, one semicolon-separated Windows-1251 .csv)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from tests.forms import write_book
from tests.test_setup import MENTEE_Q, OGE, combined_form, export


@dataclass
class Export:
    files: list[Path]
    mentees: list[str]           # e-mails in the mentee bank
    mentors: list[str]
    topics_of: dict[str, set[str]]   # a mentee's topics
    no_consent: int


def own_wording(folder: Path) -> Export:
    """Google Forms, the school's own questions: the topics question matches no known text (its answers do)."""
    tabs = export()
    topics_q = next(q for q in MENTEE_Q if "темами" in q)
    tabs["Ответы на форму (1)"] = tabs["Ответы на форму (1)"].rename(
        columns={topics_q: "Какие профессиональные затруднения вы испытываете?"})
    path = folder / "Наставничество 2026 (ответы).xlsx"
    write_book(tabs, path)
    return Export([path], ["a@s.ru", "b@s.ru", "c@s.ru", "d@s.ru"], ["m1@s.ru", "m2@s.ru"],
                  {"b@s.ru": {OGE}, "c@s.ru": {"Работа с трудным классом", "Цифровые инструменты учителя"}}, 1)


def both_roles(folder: Path) -> Export:
    path = folder / "Единая анкета (ответы).xlsx"
    write_book(combined_form(), path)
    return Export([path], ["a@s.ru", "b@s.ru", "c@s.ru", "x@s.ru"], ["m1@s.ru", "m2@s.ru", "x@s.ru"],
                  {"x@s.ru": {"Цифровые инструменты учителя"}, "c@s.ru": {"Работа с трудным классом"}}, 1)


def yandex(folder: Path) -> Export:
    """Yandex Forms: one file per form, «ID» and «Время создания», ISO times; the mentors' as a cp1251 CSV with «;»."""
    tabs = export()
    files = []
    for frame, name in zip(tabs.values(), ["Запрос наставляемого", "Анкета наставника"]):
        frame = frame.rename(columns={"Отметка времени": "Время создания"})
        frame["Время создания"] = [_iso(v) for v in frame["Время создания"]]
        frame.insert(0, "ID", [str(7000 + i) if any(str(c).strip() for c in row) else ""
                               for i, row in enumerate(frame.itertuples(index=False))])
        if name == "Анкета наставника":
            buf = io.StringIO()
            writer = csv.writer(buf, delimiter=";")
            writer.writerow(frame.columns)
            writer.writerows(frame.itertuples(index=False))
            path = folder / f"{name}.csv"
            path.write_bytes(buf.getvalue().encode("cp1251"))
        else:
            path = folder / f"{name}.xlsx"
            write_book({"Ответы": frame}, path)
        files.append(path)
    return Export(files, ["a@s.ru", "b@s.ru", "c@s.ru", "d@s.ru"], ["m1@s.ru", "m2@s.ru"],
                  {"b@s.ru": {OGE}}, 1)


def _iso(cell: str) -> str:
    if not str(cell).strip():
        return ""
    day, time = str(cell).split(" ")
    d, m, y = day.split(".")
    return f"{y}-{m}-{d} {time}"


EXPORTS = {"own_wording": own_wording, "both_roles": both_roles, "yandex": yandex}
