"""Write docs/forms.md — the Google Forms a school creates — from config.toml.

The document and the parser read the same question texts, so they cannot drift
apart (tests/test_docs.py checks the file is current). Run:
    .venv/bin/python scripts/make_forms_doc.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.config import Config, FormSpec, load_config  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "forms.md"

GOOGLE_TYPE = {
    "email": "собирается формой автоматически (Настройки → Ответы → Собирать адреса эл. почты)",
    "text": "Текст (строка или абзац)", "int": "Текст (строка), проверка: число", "choice": "Один из списка",
    "multi": "Несколько из списка (флажки), с вариантом «Другое»", "consent": "Один из списка: «Даю согласие» / «Не даю согласия»",
    "yesno": "Один из списка: «Да» / «Нет»", "scale": "Сетка (множественный выбор): столбцы 1–10",
    "frequency": "Сетка (множественный выбор): столбцы «Часто», «Иногда», «Никогда»",
    "date": "Дата", "timestamp": "ставится Google автоматически",
}


def form_section(spec: FormSpec) -> list[str]:
    lines = [f"## {spec.title}", "", f"Лист с ответами: **{spec.tab}**", "",
             "| Вопрос (текст в форме) | Тип вопроса в Google Forms | Варианты |", "|---|---|---|"]
    for f in spec.fields.values():
        if f.type == "timestamp":
            continue
        opts = "; ".join(f.options) if f.options and f.type in ("choice", "multi") else ""
        req = " (обязательный)" if f.required else ""
        lines.append(f"| {f.headers[0]}{req} | {GOOGLE_TYPE.get(f.type, f.type)} | {opts} |")
    others = [h for f in spec.fields.values() for h in f.headers[1:] if f.type != "timestamp"]
    if others:
        lines += ["", "Также узнаются тексты: " + "; ".join(f"«{h}»" for h in others) + "."]
    return lines + [""]


def render(config: Config) -> str:
    lines = ["# Формы Google для программы наставничества", "",
             "Этот файл создан из `config.toml` скриптом `scripts/make_forms_doc.py` — не правьте его вручную.", "",
             "Создайте формы с этими вопросами (текст вопроса — дословно; если школа переименует вопрос, добавьте "
             "новый текст в `config.toml`). Ответы каждой формы направьте в **одну** таблицу учебного года "
             "(в форме: Ответы → Связать с Таблицами → выбрать существующую таблицу) и переименуйте лист ответов "
             "как указано. Пункты-сетки Google записывает в колонки вида «Вопрос [Строка]».", ""]
    for spec in config.forms.values():
        lines += form_section(spec)
    lines += ["# Служебные листы", "", "Их ведёт координатор прямо в таблице; первая строка — заголовки.", ""]
    for spec in config.service.values():
        lines += form_section(spec)
    return "\n".join(lines)


if __name__ == "__main__":
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(render(load_config()), encoding="utf-8")
    print(f"written {OUT}")
