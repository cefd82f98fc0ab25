"""In a real Chromium: no payload a person typed becomes a link, an image, a script or a request to another server
on any page, and staff tables offer no CSV download (a cell typed as =HYPERLINK(…) would run in a spreadsheet)."""
from __future__ import annotations

import pytest

from data_sources import demo_years
from tests.apptest import school_config
from tests.browser import exceptions, open_page, shot, wait_idle
from tests.conftest import start_app
from tests.payloads import EVIL, poisoned_book
from ui import pages

TITLES = {"": "Программа наставничества", "roadmap": "Дорожная карта", "events": "Мероприятия", "banks": "Банки",
          "matching": "Подбор пар", "quality": "Качество программы", "practices": "Методическая копилка",
          "data": "Проблемы в данных", "seminar": "Наставничество педагогов", "plans": "Программы наставничества",
          "monitoring": "Мониторинг программы", "setup": "Настройка: формы школы"}


def test_every_page_of_the_menu_is_visited():
    """The list above once missed the pages added later (plans, monitoring, setup)."""
    wanted = {"" if f == pages.DEFAULT else pages.url_path(f) for f in pages.STAFF_PAGES} | {pages.SEMINAR[3]}
    assert set(TITLES) == wanted


@pytest.fixture(scope="module")
def poisoned_app(tmp_path_factory):
    d = tmp_path_factory.mktemp("poison-browser")
    books = {y: poisoned_book(y, d / f"{y.replace('/', '-')}.xlsx") for y in demo_years()}
    proc, url = start_app(env={"MENTORING_CONFIG": str(school_config(d, books, open_run=True))})
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.mark.browser
@pytest.mark.parametrize("year", demo_years())
def test_no_page_makes_a_link_an_image_or_a_request_from_typed_text(page, poisoned_app, year):
    requests = []
    page.on("request", lambda r: requests.append(r.url) if EVIL in r.url else None)
    for path, title in TITLES.items():
        open_page(page, f"{poisoned_app}/{path}?year={year.replace('/', '-')}", wait_text=title, timeout=120_000)
        for tab in page.get_by_role("tab").all():             # every tab's content drawn too
            tab.click()
            wait_idle(page, 120_000)
        live = page.locator(f'a[href*="{EVIL}"], img[src*="{EVIL}"], [*|href*="{EVIL}"]').count()
        assert live == 0, (path, page.locator(f'[*|href*="{EVIL}"]').first.evaluate("e => e.outerHTML"))
        assert page.locator('script:text("alert")').count() == 0, path           # no typed <script> runs
        assert page.locator('a[href^="javascript:"]').count() == 0, path
        assert exceptions(page) == [], path
        assert EVIL not in page.locator("title").inner_text()
    shot(page, f"payloads-{year.replace('/', '-')}")
    assert requests == []


@pytest.mark.browser
def test_staff_tables_have_no_csv_download(page, app_url):
    open_page(page, f"{app_url}/data?year=2025-26", wait_text="Проблемы в данных", timeout=120_000)
    table = page.locator('[data-testid="stDataFrame"]').first
    table.hover()
    toolbar = page.locator('[data-testid="stElementToolbar"]').first
    toolbar.wait_for(state="attached", timeout=60_000)
    page.get_by_role("button", name="Во весь экран").first.wait_for(timeout=60_000)      # the toolbar is there …
    shot(page, "data-table-toolbar")
    assert page.get_by_role("button", name="Download as CSV").count() == 0           # … without the download
