"""Numbers the Russian way, and no configuration jargon, on every page of both demo years: no decimal point and no hyphen-minus for a minus in a
table, a figure, a caption or a message; a table's fractional column is either text already written the Russian
way or has the «localized» format (the browser's Russian locale: a decimal comma)."""
from __future__ import annotations

import json
import re

import pytest

from data_sources import demo_years
from tests.apptest import plain, run_app
from ui.pages import SEMINAR, STAFF_PAGES

POINT = re.compile(r"(?<![\d.\w])\d+\.\d+(?![\d.])")              # 8.1 — but not 01.03.2026 or 3.10.1
HYPHEN_MINUS = re.compile(r"(?<![\w\-–—/])-\d")                   # -2 — but not П-01, 2025-26 or 1-10
JARGON = re.compile(r"docs/|\[[a-z_.]+\]|\b[a-z_]+\.[a-z_]+\.[a-z_]+\b|\bconfig\.toml\b")   # a path, [section], a.b.c
DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b|(?<=этап )\d+\.\d+")    # 01.03.2026; «этап 5.3» numbers a section


def offending(text: str) -> list[str]:
    text = DATE.sub("", plain(text))                                 # as read: Markdown escapes removed
    return POINT.findall(text) + HYPHEN_MINUS.findall(text)


def texts(at) -> list[str]:
    out = [str(m.value) for m in at.metric]
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "subheader", "title"):
        out += [str(e.value) for e in getattr(at, kind)]
    return out


@pytest.mark.parametrize("year", demo_years())
@pytest.mark.parametrize("page", [*STAFF_PAGES, SEMINAR[0]])
def test_every_number_a_teacher_reads_is_written_the_russian_way(year, page):
    at = run_app(year, page)
    assert not at.exception, [e.value for e in at.exception]
    bad = [(t[:80], offending(t)) for t in texts(at) if offending(t)]
    for frame in at.dataframe:
        config = json.loads(frame.proto.columns or "{}")
        value = frame.value
        for column in value.columns:
            series = value[column]
            if series.dtype.kind == "f" and (series.dropna() % 1 != 0).any():
                fmt = (config.get(str(column), {}).get("type_config") or {}).get("format")
                assert fmt == "localized", (page, column, "a fractional number column without a Russian format")
            elif series.dtype == object or str(series.dtype).startswith("string"):
                bad += [(f"{column}: {v}", offending(str(v))) for v in series.dropna() if offending(str(v))]
    assert not bad, (page, bad[:10])
    if page != "views/setup.py":              # «Настройка» names the server's file for the administrator, on purpose
        jargon = [t[:120] for t in texts(at) if JARGON.search(plain(t))]
        assert not jargon, (page, jargon)
