"""Write docs/forms.gs — a Google Apps Script that creates every form of config.toml — for a school without forms.

The script creates each form with exactly the configured question texts and options, sends its answers to the
year's spreadsheet and names the answers tab as config.toml expects, so the dashboard reads it with no edit.
tests/test_forms_script.py checks the file is current and runs it in Node against a fake FormApp/SpreadsheetApp.
    .venv/bin/python scripts/make_forms_script.py
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.config import Config, FieldSpec, FormSpec, load_config  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "forms.gs"
GRID = re.compile(r"^(.*\S)\s*\[(.+)\]\s*$")          # Google writes a grid's rows as «Question [Row]» columns
LONG_TEXT = ("request_text", "best_practice", "improve", "description", "content", "note")


def _choices(f: FieldSpec, config: Config) -> list[str]:
    if f.type == "consent":
        return ["Даю согласие", "Не даю согласия"]
    if f.type == "yesno":
        return ["Да", "Нет"]
    return list(f.options)


def form_items(spec: FormSpec, config: Config) -> list[dict]:
    """The questions of one form, in config order; grid rows of one question gathered into one grid item."""
    items: list[dict] = []
    grids: dict[str, dict] = {}
    for name, f in spec.fields.items():
        if f.type == "timestamp" or name == "email" or not f.asked:
            continue                                           # Google adds them (the e-mail: collected by the form)
        title = f.headers[0] if f.headers else name
        grid = GRID.match(title) if f.type in ("scale", "frequency") else None
        if grid:
            question, row = grid.group(1), grid.group(2)
            if question not in grids:
                columns = ([str(i) for i in range(int(config.section("quality").get("scale_min", 1)),
                                                  int(config.section("quality").get("scale_max", 10)) + 1)]
                           if f.type == "scale" else list(f.options or config.lists.get("frequency", ())))
                grids[question] = {"kind": "grid", "title": question, "rows": [], "columns": columns}
                items.append(grids[question])
            grids[question]["rows"].append(row)
            continue
        kind = {"multi": "checkbox", "choice": "choice", "consent": "choice", "yesno": "choice", "frequency": "choice",
                "int": "number", "date": "date", "scale": "number"}.get(f.type, "paragraph" if name in LONG_TEXT else "text")
        item = {"kind": kind, "title": title, "required": f.type == "consent" or f.required}
        if kind in ("checkbox", "choice"):
            item["choices"] = _choices(f, config)
            item["other"] = kind == "checkbox"                 # «Другое»: the typed text lands in the same cell
        items.append(item)
    return items


def render(config: Config) -> str:
    forms = [{"title": spec.title, "tab": spec.tab, "items": form_items(spec, config)} for spec in config.forms.values()]
    data = json.dumps(forms, ensure_ascii=False, indent=2)
    return f"""// Формы Google для программы наставничества — создаются одной кнопкой.
// Файл создан из config.toml скриптом scripts/make_forms_script.py — не правьте его вручную.
//
// Как запустить: откройте таблицу учебного года → Расширения → Apps Script, вставьте этот файл целиком,
// впишите ниже ключ таблицы (из адреса …/spreadsheets/d/КЛЮЧ/edit) и запустите функцию createForms.
// Каждая форма получит ровно вопросы и варианты из config.toml, её ответы пойдут в эту таблицу, а лист
// ответов получит имя, которое ждёт дашборд.

var SPREADSHEET_ID = "ВСТАВЬТЕ_КЛЮЧ_ТАБЛИЦЫ";

var FORMS = {data};

function addItem(form, item) {{
  var q;
  if (item.kind === "grid") {{
    return form.addGridItem().setTitle(item.title).setRows(item.rows).setColumns(item.columns);
  }} else if (item.kind === "checkbox") {{
    q = form.addCheckboxItem().setTitle(item.title).setChoiceValues(item.choices).showOtherOption(item.other);
  }} else if (item.kind === "choice") {{
    q = form.addMultipleChoiceItem().setTitle(item.title).setChoiceValues(item.choices);
  }} else if (item.kind === "number") {{
    q = form.addTextItem().setTitle(item.title)
      .setValidation(FormApp.createTextValidation().requireNumber().build());
  }} else if (item.kind === "date") {{
    q = form.addDateItem().setTitle(item.title);
  }} else if (item.kind === "paragraph") {{
    q = form.addParagraphTextItem().setTitle(item.title);
  }} else {{
    q = form.addTextItem().setTitle(item.title);
  }}
  return q.setRequired(Boolean(item.required));
}}

function createForms() {{
  var ss = SpreadsheetApp.openById(SPREADSHEET_ID);
  FORMS.forEach(function (spec) {{
    var form = FormApp.create(spec.title);
    form.setCollectEmail(true);
    spec.items.forEach(function (item) {{ addItem(form, item); }});
    form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
    SpreadsheetApp.flush();
    ss.getSheets().forEach(function (sheet) {{
      var url = sheet.getFormUrl();
      if (url && url.indexOf(form.getId()) >= 0) {{ sheet.setName(spec.tab); }}
    }});
    Logger.log(spec.title + ": " + form.getPublishedUrl());
  }});
}}
"""


if __name__ == "__main__":
    OUT.write_text(render(load_config()), encoding="utf-8")
    print(f"written {OUT}")
