"""Small hand-made form tabs for parsing tests: the config's question texts, text cells."""
from __future__ import annotations

import pandas as pd

from analysis import load_config

CONFIG = load_config()


def headers(form: str, **override: str) -> list[str]:
    spec = CONFIG.all_specs()[form]
    return [override.get(name, f.headers[0]) for name, f in spec.fields.items()]


def tab(form: str, rows: list[dict], **override: str) -> pd.DataFrame:
    """A tab of `form`: `rows` give cells by field name; missing cells are ""."""
    spec = CONFIG.all_specs()[form]
    cols = headers(form, **override)
    body = [[str(r.get(name, "")) for name in spec.fields] for r in rows]
    return pd.DataFrame(body, columns=cols, dtype=object)


def mentee(email: str, **cells) -> dict:
    base = {"timestamp": "05.09.2025 10:00:00", "email": email, "full_name": "Иванова Мария Петровна",
            "subjects": "Математика", "experience": "1", "category": "Молодой специалист (стаж до 3 лет)",
            "topics": "Современный урок по ФГОС", "format": "Индивидуально (пара)", "availability": "Вторник",
            "consent": "Даю согласие"}
    return {**base, **cells}


def mentor(email: str, **cells) -> dict:
    base = {"timestamp": "06.09.2025 11:00:00", "email": email, "full_name": "Петров Иван Сергеевич",
            "subjects": "Математика", "experience": "20", "qualification": "Высшая",
            "topics": "Современный урок по ФГОС", "capacity": "2", "format": "Индивидуально (пара)",
            "availability": "Вторник", "willing": "Да", "consent": "Даю согласие"}
    return {**base, **cells}


def write_book(tabs: dict[str, pd.DataFrame], path) -> None:
    """An .xlsx as Google Sheets would give it (text cells) from tabs of text."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, frame in tabs.items():
        ws = wb.create_sheet(name)
        ws.append([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            ws.append([str(v) for v in row])
    wb.save(path)
