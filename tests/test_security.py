"""Privacy and access: the public view shows no person, staff pages need a login, text stays text."""
import io

import openpyxl
import pandas as pd
import pytest

from analysis import load_config, load_program
from data_sources import demo_source, demo_years
from documents.safe import neutralize, xlsx_bytes
from tests.apptest import run_app, school_config
from tests.browser import exceptions, open_page, wait_idle
from tests.conftest import BROWSER_TIMEOUT, ARTIFACTS, start_app

PERSONAL_FIELDS = ("email", "full_name", "request_text", "best_practice", "improve", "mentee_email", "mentor_email",
                   "mentee_name", "mentor_name", "authors", "description")
MARKUP = "<script>alert('x')</script>"


def personal_strings(year: str) -> set[str]:
    """Every name, e-mail and open answer in the demo workbook of `year`, as typed."""
    config = load_config()
    out: set[str] = set()
    tabs = demo_source(year).read()
    for spec in config.all_specs().values():
        if spec.tab not in tabs:
            continue
        frame = tabs[spec.tab]
        for name, f in spec.fields.items():
            if name in PERSONAL_FIELDS and f.headers[0] in frame:
                for v in frame[f.headers[0]].astype(str):
                    v = v.strip()
                    if len(v) >= 4:
                        out |= {v, v.lower()}
                        if name.endswith("name") and " " in v:
                            out.add(v.split()[0])          # the surname alone
    return out


@pytest.mark.browser
@pytest.mark.parametrize("year", demo_years())
def test_public_seminar_view_shows_no_person(page, app_url, year):
    open_page(page, f"{app_url}/seminar?year={year.replace('/', '-')}", wait_text="Наставляемых в банке")
    page.wait_for_timeout(500)
    text, html = page.inner_text("body"), page.content()
    leaks = sorted(s for s in personal_strings(year) if s in text or s in html)
    assert leaks == []
    assert exceptions(page) == []


def test_public_view_in_apptest_has_no_personal_data():
    for year in demo_years():
        at = run_app(year, "views/seminar.py")
        assert not at.exception
        shown = " ".join(str(e.value) for e in at.main if hasattr(e, "value")) + " ".join(
            df.value.to_csv() for df in at.dataframe)
        assert not [s for s in personal_strings(year) if s in shown]


@pytest.fixture(scope="module")
def locked_app(tmp_path_factory):
    """The app on real-looking files (not the demo), with a staff password: secure by default."""
    d = tmp_path_factory.mktemp("locked")
    school_config(d, {y: demo_source(y).path for y in demo_years()})
    (d / "secrets.toml").write_text('[access]\nstaff_password = "s3cret-Пароль"\n', encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    proc, url = start_app(env={"MENTORING_CONFIG": str(d / "config.toml")},
                          extra=["--secrets.files", str(d / "secrets.toml")])
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "data", "overview"])
def test_logged_out_visitor_to_a_staff_page_sees_the_login(page, locked_app, path):
    open_page(page, f"{locked_app}/{path}", wait_text="Вход для сотрудников")
    text = page.inner_text("body")
    assert "Проблемы в данных" not in text and "Наставляемых в банке" not in text
    assert "Page not found" not in text                          # the login, in Russian, not Streamlit's modal
    assert not [s for s in personal_strings(demo_years()[-1]) if s in text]
    assert "s3cret" not in page.content()


@pytest.mark.browser
def test_a_staff_link_opens_its_own_page_after_the_login(page, locked_app):
    open_page(page, f"{locked_app}/data", wait_text="Вход для сотрудников")
    page.get_by_label("Пароль сотрудников").fill("s3cret-Пароль")
    page.get_by_role("button", name="Войти").click()
    page.get_by_text("Проблемы в данных").first.wait_for()
    assert page.url.split("?")[0].endswith("/data") and exceptions(page) == []


@pytest.mark.browser
def test_staff_password_opens_the_staff_pages(page, locked_app):
    open_page(page, f"{locked_app}/", wait_text="Вход для сотрудников")
    page.get_by_label("Пароль сотрудников").fill("неверный")
    page.get_by_role("button", name="Войти").click()
    page.get_by_text("Неверный пароль").wait_for()
    page.get_by_label("Пароль сотрудников").fill("s3cret-Пароль")
    page.get_by_role("button", name="Войти").click()
    page.get_by_text("Наставляемых в банке").first.wait_for(timeout=BROWSER_TIMEOUT)
    wait_idle(page)
    assert exceptions(page) == []
    assert "s3cret" not in page.content()


def test_without_any_login_configured_real_data_stay_closed(tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORING_CONFIG", str(school_config(tmp_path, {y: demo_source(y).path for y in demo_years()})))
    at = run_app(demo_years()[-1])
    assert not at.exception
    assert [t.value for t in at.title] == ["Вход для сотрудников"]
    assert not at.metric
    assert "staff_password" in " ".join(m.value for m in at.markdown)


OIDC = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "cookie-s3cret",
                 "client_id": "id.apps.googleusercontent.com", "client_secret": "client-s3cret",
                 "server_metadata_url": "https://accounts.google.com/.well-known/openid-configuration"},
        "access": {"staff_emails": ["Zavuch@Integral-Lyceum.ru", "coordinator@integral-lyceum.ru"]}}


@pytest.mark.parametrize("user, sees", [
    ({"is_logged_in": False}, "login"),
    ({"is_logged_in": True, "email": "zavuch@integral-lyceum.ru", "name": "Завуч"}, "data"),
    ({"is_logged_in": True, "email": "student@gmail.com", "name": "Чужой"}, "refusal"),
])
def test_school_account_login_lets_in_only_the_staff_list(tmp_path, monkeypatch, user, sees):
    monkeypatch.setenv("MENTORING_CONFIG", str(school_config(tmp_path, {y: demo_source(y).path for y in demo_years()})))
    at = run_app(demo_years()[-1], secrets=OIDC, user=user)
    assert not at.exception
    shown = " ".join(str(e.value) for e in (*at.markdown, *at.error, *at.title, *at.caption))
    mentee_names = set(load_program(demo_source(demo_years()[-1]).read()).mentees["full_name"])
    if sees == "data":
        assert f"Программа наставничества, {demo_years()[-1]}" in [t.value for t in at.title] and at.metric
    else:
        assert [t.value for t in at.title] == ["Вход для сотрудников"] and not at.metric
        assert not any(name in shown for name in mentee_names)
        labels = [b.label for b in at.button]
        assert ("Войти через аккаунт школы" in labels) == (sees == "login")
        assert (sees == "refusal") == ("не входит в список сотрудников" in shown)
    assert "s3cret" not in shown


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://example.com\",\"жми\")", "+7 999", "-1+1", "@SUM(A1)"])
def test_exports_neutralize_formula_like_cells(cell):
    assert neutralize(cell) == "'" + cell
    data = xlsx_bytes({"Лист": pd.DataFrame({"Ответ": [cell, "обычный текст"]})})
    ws = openpyxl.load_workbook(io.BytesIO(data))["Лист"]
    assert ws["A2"].value == "'" + cell and ws["A2"].data_type == "s"
    assert ws["A3"].value == "обычный текст"
