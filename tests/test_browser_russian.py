"""No English where a teacher looks: every page, an opened filter with an empty search, the upload box, a page
that does not exist and the dialog shown when the server is gone — scanned in Chromium for English words (text
and tooltips). Run after every Streamlit upgrade: a new framework string shows up here, and goes to ui/russian.py."""
from __future__ import annotations

import re

import pytest

from tests.browser import open_page, shot
from tests.conftest import BROWSER_TIMEOUT, start_app

pytestmark = pytest.mark.browser

PAGES = ["", "roadmap", "events", "banks", "matching", "plans", "quality", "monitoring", "practices", "data", "setup",
         "seminar"]
# names of formats, services and the methodology's own term: not English for a reader
ALLOWED = {"docx", "xlsx", "csv", "XLSX", "CSV", "SWOT", "Google", "Sheets", "Excel", "Microsoft", "Yandex", "QR",
           "Forms", "Apps", "Script", "Enter", "UTF", "BOM", "Windows", "PDF", "Word", "toml", "README"}
WORD = re.compile(r"(?<![-\w])[A-Za-z][A-Za-z’']{2,}(?![-\w])")     # «e-mail» is Russian usage
SCAN = """() => { const out = [];
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = w.nextNode())) {
    const p = n.parentElement;
    if (!p || p.closest('script,style,svg')) continue;
    if (getComputedStyle(p).fontFamily.includes('Material')) continue;   // an icon's name is drawn as a glyph
    const r = p.getBoundingClientRect();
    if (!r.width && !r.height) continue;
    if (n.nodeValue.trim()) out.push(n.nodeValue.trim());
  }
  document.querySelectorAll('[placeholder],[aria-label],[title]').forEach(e => {
    for (const a of ['placeholder', 'aria-label', 'title']) { const v = e.getAttribute(a); if (v) out.push(v); }
  });
  return out; }"""


def english(page) -> set[str]:
    found = set()
    for text in page.evaluate(SCAN):
        for token in text.split():
            if "@" in token or "://" in token or "." in token.strip(".,:;»)…"):    # e-mails, links, file names
                continue
            found.update(f"{w} ← «{text[:70]}»" for w in WORD.findall(token) if w not in ALLOWED)
    return found


def test_every_page_and_the_frameworks_own_widgets_read_russian(page, app_url):
    seen = {}
    for path in PAGES:
        open_page(page, f"{app_url}/{path}?year=2025-26", wait_text="Наставляемых" if path == "seminar" else "Учебный год")
        seen[path or "overview"] = english(page)
    open_page(page, f"{app_url}/banks?year=2025-26", wait_text="Банки наставляемых")
    page.locator('[data-testid="stMultiSelect"]').filter(has_text="Тема").first.click()   # an opened filter …
    page.keyboard.type("zzzz")                                                             # … with an empty search
    page.wait_for_timeout(500)
    seen["opened filter"] = english(page)
    assert page.get_by_text("Ничего не найдено").count() >= 1
    page.keyboard.press("Escape")
    page.get_by_text("Загрузить файлы").click()
    page.get_by_text("Не больше 10 МБ на файл").wait_for(timeout=BROWSER_TIMEOUT)
    seen["upload box"] = english(page)
    shot(page, "russian-upload-box")
    assert page.get_by_text("Выбрать файлы").count() == 1
    page.goto(f"{app_url}/overview")                                                       # no such page
    page.get_by_text("Страница не найдена").wait_for(timeout=BROWSER_TIMEOUT)
    seen["page not found"] = english(page)
    bad = [f"{where}: {w}" for where, words in seen.items() for w in sorted(words)]
    assert not bad, "\n".join(bad)


def test_the_dialog_when_the_server_is_gone_reads_russian(page):
    proc, url = start_app()
    try:
        open_page(page, f"{url}/seminar?year=2025-26", wait_text="Наставляемых в банке")
    finally:
        proc.terminate()
        proc.wait(10)
    page.get_by_text("Нет связи с сервером").wait_for(timeout=BROWSER_TIMEOUT)
    shot(page, "russian-connection-lost")
    wait = page.get_by_text("Наставляемых в банке")              # the last figures stay under the dialog
    assert wait.count() >= 1
    assert english(page) == set()
    assert page.get_by_text("bash run.sh").count() >= 1 or page.get_by_text("streamlit run").count() == 0
