"""A workbook whose every name, topic and free-text answer carries Markdown and HTML payloads.

Built from a demo year: each text field keeps its own words (so stage kinds and keywords still parse) and
gets the payload; names start with it; checkbox answers get it as an «Other» answer."""
from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis import load_config
from data_sources import demo_source

EVIL = "evil.example"
PAYLOAD = (f"[x](https://{EVIL}/p) ![i](https://{EVIL}/px.png) <img src=\"https://{EVIL}/h.png\"> "
           f"<a href=\"https://{EVIL}/a\">a</a> **b** :red[r] $x$ <script>alert('x')</script> [j](javascript:alert(1))")
KEEP = {"number"}                       # a roadmap stage's number stays a number


def poisoned_tabs(year: str) -> dict:
    config = load_config()
    tabs = {name: frame.copy() for name, frame in demo_source(year).read().items()}
    for spec in config.all_specs().values():
        frame = tabs.get(spec.tab)
        if frame is None or frame.empty:
            continue
        for name, f in spec.fields.items():
            col = f.headers[0] if f.headers and f.headers[0] in frame else None
            if col is None or name in KEEP:
                continue
            cells = frame[col].astype(str)
            filled = cells.str.strip().ne("")
            if name.endswith("name") or name == "authors":
                frame.loc[filled, col] = PAYLOAD + " " + cells[filled]
            elif f.type == "text":
                frame.loc[filled, col] = cells[filled] + " " + PAYLOAD
            elif f.type == "multi":
                frame.loc[filled, col] = cells[filled] + ", " + PAYLOAD
    return tabs


def poisoned_book(year: str, path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, frame in poisoned_tabs(year).items():
        ws = wb.create_sheet(name)
        ws.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            ws.append(list(row))
        for r in ws.iter_rows():
            for c in r:
                if isinstance(c.value, str):
                    c.data_type = "s"            # text as text, even when it starts like a formula
    wb.save(path)
    return path
