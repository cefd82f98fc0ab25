"""The running app in a real headless Chromium: every page, both demo years, no exception box."""
import pytest

from data_sources import demo_years
from tests.conftest import BROWSER_TIMEOUT
from tests.browser import exceptions, open_page, shot, wait_idle

pytestmark = pytest.mark.browser

PAGES = {"": "Программа наставничества", "data": "Проблемы в данных", "seminar": "Наставничество педагогов",
         "banks": "Банки наставляемых", "matching": "Подбор пар", "roadmap": "Дорожная карта",
         "events": "Мероприятия и публикации", "quality": "Качество программы", "practices": "Методическая копилка"}


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


def test_upload_an_xlsx_downloaded_from_google_sheets(page, app_url):
    from data_sources import demo_source

    open_page(page, f"{app_url}/?year=2026-27", wait_text=PAGES[""])
    page.get_by_text("Загрузить файлы").click()
    page.get_by_text("Загрузите книгу .xlsx или файлы форм").wait_for()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(demo_source("2025/26").path))
    page.get_by_text("Источник: 2025-26.xlsx").wait_for(timeout=BROWSER_TIMEOUT)
    wait_idle(page)
    shot(page, "upload-xlsx")
    assert exceptions(page) == []
    assert page.get_by_text("Наставляемых в банке").count() == 1
    # last year's book, uploaded while this year is chosen, is shown as last year's
    assert page.get_by_text("Программа наставничества, 2025/26").count() == 1
    assert page.get_by_text("за 2025/26 учебный год (так говорят отметки времени анкет)").count() == 1


def test_upload_of_a_year_the_config_does_not_know(page, app_url, tmp_path):
    """A workbook from 2024/25 (every answer a year earlier): shown as 2024/25, every page works."""
    import openpyxl
    from data_sources import demo_source

    wb = openpyxl.load_workbook(demo_source("2025/26").path)
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=2, max_col=1):
            if hasattr(row[0].value, "year"):
                row[0].value = row[0].value.replace(year=row[0].value.year - 1)
    book = tmp_path / "ответы 2024-25.xlsx"
    wb.save(book)
    open_page(page, f"{app_url}/?year=2026-27", wait_text=PAGES[""])
    page.get_by_text("Загрузить файлы").click()
    page.get_by_text("Загрузите книгу .xlsx или файлы форм").wait_for()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(book))
    page.get_by_text("Программа наставничества, 2024/25").wait_for(timeout=BROWSER_TIMEOUT)
    wait_idle(page)
    assert page.get_by_text("за 2024/25 учебный год").count() == 1
    for label in ("Дорожная карта", "Мероприятия и публикации", "Банки", "Подбор пар", "Качество программы",
                  "Методическая копилка", "Данные"):
        page.get_by_role("link", name=label).click()
        wait_idle(page)
        assert exceptions(page) == [], label


def test_a_file_that_is_not_xlsx_gets_a_clear_message(page, app_url, tmp_path):
    bad = tmp_path / "ответы.xlsx"
    bad.write_text("это не книга Excel", encoding="utf-8")
    open_page(page, f"{app_url}/", wait_text=PAGES[""])
    page.get_by_text("Загрузить файлы").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    page.get_by_text("Не удалось открыть").wait_for(timeout=BROWSER_TIMEOUT)
    assert exceptions(page) == []


def test_first_visitor_after_a_restart_can_open_a_direct_link(browser):
    """The seminar QR link is often the very first request a fresh server gets."""
    from tests.conftest import start_app

    proc, url = start_app()
    try:
        page = browser.new_page()
        open_page(page, f"{url}/seminar?year=2025-26", wait_text="Наставляемых в банке")
        assert exceptions(page) == []
        assert page.get_by_text("This app has encountered an error").count() == 0
        page.close()
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.mark.parametrize("device, viewport", [("phone", {"width": 390, "height": 844}),
                                              ("projector", {"width": 1920, "height": 1080})])
def test_seminar_fits_a_phone_and_a_projector(browser, app_url, device, viewport):
    context = browser.new_context(viewport=viewport, device_scale_factor=2 if device == "phone" else 1, locale="ru-RU")
    context.set_default_timeout(BROWSER_TIMEOUT)
    page = context.new_page()
    try:
        open_page(page, f"{app_url}/seminar?year=2025-26", wait_text=PAGES["seminar"])
        shot(page, f"seminar-{device}")
        assert exceptions(page) == []
        # nothing wider than the screen: no sideways scrolling on a phone
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        for label in ("Наставляемых в банке", "Оценка наставляемых", "Лучшие практики года"):
            assert page.get_by_text(label, exact=True).first.is_visible()
        # the headline figures: side by side on a projector, stacked on a phone (large type for the hall, #22)
        if device != "phone":
            assert same_row(page, "Наставляемых в банке", "Наставников в банке")
    finally:
        context.close()


def same_row(page, *labels: str) -> bool:
    tops = [page.get_by_text(label, exact=True).first.bounding_box()["y"] for label in labels]
    return max(tops) - min(tops) < 5


def test_overview_on_the_head_teachers_phone(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, locale="ru-RU")
    context.set_default_timeout(BROWSER_TIMEOUT)
    page = context.new_page()
    try:
        open_page(page, f"{app_url}/?year=2025-26", wait_text="Наставляемых в банке")
        shot(page, "overview-2025-26-phone")
        assert exceptions(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert same_row(page, "Наставляемых в банке", "Наставников в банке")
        assert same_row(page, "Оценка наставляемых", "Оценка наставников")
    finally:
        context.close()


def test_charts_speak_russian(page, app_url):
    """Plotly's own texts come from the Russian locale the charts carry: month names on the roadmap's time axis,
    a decimal comma in the questionnaire chart
    of the seminar (no hand formatting per chart)."""
    open_page(page, f"{app_url}/roadmap?year=2025-26", wait_text=PAGES["roadmap"])
    page.locator(".xtick text").first.wait_for(timeout=BROWSER_TIMEOUT)
    months = [t.strip() for t in page.locator(".xtick text").all_text_contents() if t.strip()]
    assert {"сен", "окт", "янв"} <= set(months), months
    english = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
    assert not english & {w for t in page.locator(".main-svg text").all_text_contents() for w in t.split()}
    open_page(page, f"{app_url}/seminar?year=2025-26", wait_text=PAGES["seminar"])
    hovered = []
    items = page.locator('[data-testid="stPlotlyChart"]').first       # the questionnaire items
    items.scroll_into_view_if_needed()
    for bar in items.locator(".point").all()[:6]:
        bar.scroll_into_view_if_needed()                                 # a tall chart: each bar on screen
        box = bar.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        items.locator(".hovertext").first.wait_for(timeout=BROWSER_TIMEOUT)     # a busy machine draws it late
        hovered += [t for t in items.locator(".hovertext").all_text_contents() if t]
        page.mouse.move(0, 0)
    shown = [t.rsplit(": ", 1)[-1] for t in hovered]
    assert any("," in t for t in shown) and not any("." in t for t in shown), hovered
