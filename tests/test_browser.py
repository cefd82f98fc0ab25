"""The running app in a real headless Chromium: every page, both demo years, no exception box."""
import pytest

from data_sources import demo_years
from tests.browser import exceptions, open_page, shot

pytestmark = pytest.mark.browser

PAGES = {"": "Программа наставничества", "data": "Проблемы в данных", "seminar": "Наставничество педагогов"}


@pytest.mark.parametrize("year", demo_years())
@pytest.mark.parametrize("path", list(PAGES))
def test_page_in_chromium(page, app_url, path, year):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_page(page, f"{app_url}/{path}?year={year.replace('/', '-')}", wait_text=PAGES[path])
    shot(page, f"{path or 'overview'}-{year.replace('/', '-')}")
    assert exceptions(page) == []
    assert page.get_by_text("Traceback").count() == 0
    assert errors == []
