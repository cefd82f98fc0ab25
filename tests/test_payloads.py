"""Nothing a person typed runs or renders as markup: every page, filled with Markdown and HTML payloads."""
from __future__ import annotations

import re

import pytest
import streamlit as st

from data_sources import demo_years
from tests.apptest import plain, run_app, school_config
from tests.payloads import EVIL, PAYLOAD, poisoned_book
from ui import pages

LIVE = [re.compile(r"(?<!\\)\]\(https?://" + re.escape(EVIL)),      # a Markdown link or image left live
        re.compile(r"(?<!\\)<(img|a)\b", re.I),                     # raw HTML
        re.compile(r"(?<!\\):red\[")]                               # Streamlit's coloured-text directive


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    d = tmp_path_factory.mktemp("poison")
    books = {y: poisoned_book(y, d / f"{y.replace('/', '-')}.xlsx") for y in demo_years()}
    return school_config(d, books, open_run=True)


def rendered(at) -> list[str]:
    """Every text the page gives to Streamlit's Markdown renderer, metrics and tabs included (st.text and
    tables show text as it is: no Markdown there)."""
    out = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "success", "info", "warning", "error",
                 "exception"):
        out += [str(e.value) for e in getattr(at, kind)]
    out += [f"{m.label} {m.value} {m.help or ''}" for m in at.metric]
    out += [t.label for t in at.tabs] + [e.label for e in at.expander]
    return out


@pytest.mark.parametrize("year", demo_years())
@pytest.mark.parametrize("page", pages.STAFF_PAGES + [pages.SEMINAR[0]])
def test_no_payload_renders_live_on_any_page(poisoned, monkeypatch, year, page):
    monkeypatch.setenv("MENTORING_CONFIG", str(poisoned))
    st.cache_resource.clear()
    try:
        at = run_app(year, page)
        assert not at.exception, [e.value for e in at.exception]
        found = [(p.pattern, t[:160]) for t in rendered(at) for p in LIVE if p.search(t)]
        assert not found, found
    finally:
        st.cache_resource.clear()


def test_the_matching_page_veto_caption_shows_names_as_text(poisoned, monkeypatch):
    """The «Запрещено: …» caption that once rendered a name as a live link and image."""
    monkeypatch.setenv("MENTORING_CONFIG", str(poisoned))
    st.cache_resource.clear()
    try:
        year = demo_years()[-1]
        at = run_app(year, "views/matching.py")
        if at.checkbox:                           # every payload is also an unknown checkbox answer: go on anyway
            at.checkbox[0].check().run()
        memory = at.session_state[f"_matching_{year}"]
        mentee = next(iter(at.session_state["_loaded"].program.mentees.index))
        mentor = next(iter(at.session_state["_loaded"].program.mentors.index))
        memory["forbidden"] = {(mentee, mentor)}
        at.run()
        caption = next(c.value for c in at.caption if c.value.startswith("Запрещено"))
        assert EVIL in plain(caption) and not any(p.search(caption) for p in LIVE)     # shown, as text
    finally:
        st.cache_resource.clear()


def test_what_the_coordinator_types_on_the_new_pages_comes_back_as_text(tmp_path, monkeypatch):
    """A plan saved with payloads in its goal, a support record, SWOT suggestions accepted onto the board: read back
    from the sheet, every page that shows them shows text, and the plan's .docx carries the payload as typed."""
    import io

    import docx

    year = demo_years()[0]                       # the finished year: final questionnaires, so SWOT suggestions
    book = poisoned_book(year, tmp_path / "book.xlsx")
    monkeypatch.setenv("MENTORING_CONFIG", str(school_config(tmp_path, {year: book}, open_run=True)))
    st.cache_resource.clear()
    try:
        at = run_app(year, "views/plans.py")
        supported = int(next(m.value for m in at.metric if m.label == "Получили поддержку"))
        next(t for t in at.text_area if t.label == "Цель").input(f"Цель {PAYLOAD} =HYPERLINK(\"https://{EVIL}\")")
        next(t for t in at.text_input if t.label.startswith("Ролевая модель")).input(PAYLOAD)
        next(b for b in at.button if b.label == "Сохранить программу").click().run()
        next(t for t in at.text_area if t.label == "Что сделано").input(PAYLOAD)
        next(t for t in at.text_input if t.label == "Кто провёл").input(PAYLOAD)
        next(b for b in at.button if b.label == "Сохранить запись").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert int(next(m.value for m in at.metric if m.label == "Получили поддержку")) in (supported, supported + 1)
        at = run_app(year, "views/monitoring.py")
        pick = next(m for m in at.multiselect if m.label == "Добавить на SWOT-доску")
        pick.set_value(list(range(len(pick.options)))).run()
        next(b for b in at.button if b.label == "Добавить на доску").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert any(s.value == "Доска сейчас" for s in at.subheader)

        for page in ("views/plans.py", "views/monitoring.py", "views/quality.py", "views/overview.py"):
            at = run_app(year, page)
            assert not at.exception, [e.value for e in at.exception]
            found = [(p.pattern, t[:160]) for t in rendered(at) for p in LIVE if p.search(t)]
            assert not found, (page, found)
        at = run_app(year, "views/plans.py")
        assert "Сохранённая программа" in " ".join(str(e.value) for e in at.success)
        goal = next(t for t in at.text_area if t.label == "Цель").value
        assert PAYLOAD in goal and "=HYPERLINK" in goal                         # kept as typed

        from analysis.plans import group_codes, plan_for
        from documents.plan import plan_docx

        loaded = at.session_state["_loaded"]
        program = loaded.program
        code = group_codes(program)[0]
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(
            plan_docx(plan_for(program, code, loaded.config), program, school="Лицей"))).paragraphs)
        assert PAYLOAD in text and '=HYPERLINK("https://' in text
    finally:
        st.cache_resource.clear()
