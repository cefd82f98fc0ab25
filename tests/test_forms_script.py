"""A school without forms yet: docs/forms.gs (generated from config.toml) creates every form with exactly the
configured questions and options and names the answer tabs as the dashboard expects — run in Node against a
fake FormApp/SpreadsheetApp that records the calls (no Google is reachable here)."""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pandas as pd

from analysis import load_config, load_program

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config()


def generator():
    spec = importlib.util.spec_from_file_location("make_forms_script", ROOT / "scripts" / "make_forms_script.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run_script() -> dict:
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is not installed: run `bash test.sh`, which installs it"
    out = subprocess.run([node, str(ROOT / "tests" / "fake_apps_script.js"), str(ROOT / "docs" / "forms.gs")],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def columns(form: dict) -> list[str]:
    """The answer tab's header as Google writes it: timestamp, e-mail, then each question (grids: «Q [Row]»)."""
    cols = ["Отметка времени", "Адрес электронной почты"]
    for item in form["items"]:
        cols += [f"{item['title']} [{row}]" for row in item["rows"]] if item["kind"] == "grid" else [item["title"]]
    return cols


def test_the_forms_script_is_generated_from_the_current_config():
    assert (ROOT / "docs" / "forms.gs").read_text(encoding="utf-8") == generator().render(CONFIG), \
        "docs/forms.gs is out of date: run scripts/make_forms_script.py"


def test_the_script_creates_every_form_with_the_configured_questions_options_and_tabs():
    made = run_script()
    by_title = {f["title"]: f for f in made["forms"]}
    tabs = {s["name"]: s["formUrl"] for s in made["sheets"]}
    for key, spec in CONFIG.forms.items():
        form = by_title[spec.title]
        assert form["collectEmail"] and form["destination"] == {"type": "SPREADSHEET", "ssId": "ВСТАВЬТЕ_КЛЮЧ_ТАБЛИЦЫ"}
        assert spec.tab in tabs and form["id"] in tabs[spec.tab]                  # the answers tab, named for us
        expected = [f.headers[0] for name, f in spec.fields.items() if f.type != "timestamp" and name != "email"]
        assert columns(form)[2:] == expected, key
        for item in form["items"]:
            field = next(f for f in spec.fields.values() if f.headers and f.headers[0] == item["title"]) \
                if item["kind"] != "grid" else None
            if field is not None and field.type == "multi":
                assert item["choices"] == list(field.options) and item["other"] is True


def test_answers_to_the_created_forms_read_with_no_problem_about_questions():
    made = run_script()
    tabs = {}
    for spec in CONFIG.forms.values():
        form = next(f for f in made["forms"] if f["title"] == spec.title)
        tabs[spec.tab] = pd.DataFrame([["05.09.2026 10:00:00", "a@school.ru"] + [""] * (len(columns(form)) - 2)],
                                      columns=columns(form), dtype=object)
    program = load_program(tabs, CONFIG)
    about = [p.message for p in program.problems if p.tab in tabs and ("не найден" in p.message or "переименован" in p.message)]
    assert not about, about
