"""gspread for real, over a transport that answers like the Sheets API: calls, retries, errors."""
import pytest

from data_sources import GoogleSheetsSource, SourceError, make_client, spreadsheet_key
from tests.sheets_api import FakeSheetsAPI, service_account_info

KEY = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd"
BOOK = {
    "Запросы наставляемых": [["Отметка времени", "Адрес электронной почты", "ФИО", "ФИО"],
                             ["05.09.2025 10:00:00", "a@school.ru", "Иванова", "дубль"],
                             ["06.09.2025 11:00:00", "b@school.ru"]],
    "Анкета наставников": [["Отметка времени", "Адрес электронной почты"], ["06.09.2025 11:00:00", "m@school.ru"]],
    "Пары": [["Наставляемый (e-mail)", "Наставник (e-mail)"]],
}


@pytest.fixture
def api():
    return FakeSheetsAPI({KEY: {k: [list(r) for r in v] for k, v in BOOK.items()}})


def source(api, sleeps=None, **kw):
    client = make_client(service_account_info(), adapter=api)
    return GoogleSheetsSource(client, f"https://docs.google.com/spreadsheets/d/{KEY}/edit#gid=0",
                              sleep=(sleeps.append if sleeps is not None else (lambda s: None)), **kw)


def test_every_read_is_one_batch_get_when_the_configured_tabs_exist(api):
    src = source(api, tabs=list(BOOK))
    for _ in range(5):
        tabs = src.read()
        assert set(tabs) == set(BOOK) and src.api_calls == 1
    src.forget_titles()                       # the refresh button: nothing was missing, nothing to look up
    src.read()
    assert src.api_calls == 1
    assert api.sheets_calls() == 6 and api.sheets_calls("batchGet") == 6
    # all tabs travel in that one request
    assert len(api.calls[-1].params["ranges"]) == 3


def test_a_missing_optional_tab_costs_one_look_up_once(api):
    src = source(api, tabs=[*BOOK, "Журнал встреч"])
    assert set(src.read()) == set(BOOK)
    assert src.api_calls == 3                 # refused batchGet, tab list, batchGet of the tabs that exist
    src.read()
    assert src.api_calls == 1                 # then one call per refresh
    api.books[KEY]["Журнал встреч"] = [["Пара", "Дата"]]
    src.forget_titles()                       # the refresh button looks for the missing tab again
    assert "Журнал встреч" in src.read() and src.api_calls == 2
    src.read()
    assert src.api_calls == 1


def test_all_tabs_wanted_reads_the_tab_list_first_then_one_call_per_refresh(api):
    src = source(api)
    assert set(src.read()) == set(BOOK)
    assert (api.sheets_calls("metadata"), api.sheets_calls("batchGet")) == (1, 1)
    for _ in range(3):
        src.read()
        assert src.api_calls == 1


def test_tabs_are_text_with_headers_kept_verbatim(api):
    tabs = source(api).read()
    t = tabs["Запросы наставляемых"]
    assert list(t.columns) == ["Отметка времени", "Адрес электронной почты", "ФИО", "ФИО"]  # duplicate kept
    assert t.iloc[1].tolist() == ["06.09.2025 11:00:00", "b@school.ru", "", ""]              # ragged row padded
    assert tabs["Пары"].empty and list(tabs["Пары"].columns) == ["Наставляемый (e-mail)", "Наставник (e-mail)"]


def test_only_configured_tabs_are_read(api):
    api.books[KEY]["Черновик"] = [["x"], ["y"]]
    tabs = source(api, tabs=["Пары", "Анкета наставников", "Нет такого листа"]).read()
    assert set(tabs) == {"Пары", "Анкета наставников"}


def test_429_then_success_retries_with_growing_pauses(api):
    sleeps = []
    src = source(api, sleeps)
    src.read()
    api.fail_next(429, times=2)
    tabs = src.read()
    assert "Пары" in tabs
    assert src.api_calls == 3 and sleeps == [0.5, 1.0]


def test_5xx_is_retried_too(api):
    src = source(api)
    src.read()
    api.fail_next(503)
    api.fail_next(500)
    src.read()
    assert src.api_calls == 3


def test_429_storm_gives_up_with_a_clear_message(api):
    src = source(api, retries=3)
    api.fail_next(429, times=10)
    with pytest.raises(SourceError) as err:
        src.read()
    assert err.value.kind == "unavailable"
    assert "429" in str(err.value) and "Повторите" in str(err.value)
    assert src.api_calls == 4


def test_not_shared_names_the_service_account(api):
    api.fail_next(403)
    with pytest.raises(SourceError) as err:
        source(api).read()
    assert err.value.kind == "permission"
    assert "dashboard@school-project.iam.gserviceaccount.com" in str(err.value)
    assert "Настройки доступа" in str(err.value)


def test_wrong_key_says_the_table_was_not_found():
    api = FakeSheetsAPI({})
    with pytest.raises(SourceError) as err:
        source(api).read()
    assert err.value.kind == "not_found" and "не найдена" in str(err.value) and KEY in str(err.value)


def test_revoked_key_is_explained_without_leaking_secrets(api):
    api.revoked = True
    with pytest.raises(SourceError) as err:
        source(api).read()
    text = str(err.value)
    assert err.value.kind == "credentials" and "ключ" in text
    info = service_account_info()
    for secret in (info["private_key"][40:80], info["private_key_id"], "ya29"):
        assert secret not in text
    assert api.sheets_calls() == 0


def test_broken_key_in_secrets_is_explained():
    info = service_account_info()
    del info["client_email"]
    with pytest.raises(SourceError) as err:
        make_client(info)
    assert "secrets.toml" in str(err.value) and "BEGIN PRIVATE KEY" not in str(err.value)


def test_renamed_tab_makes_the_source_look_again_once(api):
    src = source(api)
    src.read()
    api.books[KEY]["Пары (утв.)"] = api.books[KEY].pop("Пары")
    tabs = src.read()
    assert set(tabs) == {"Запросы наставляемых", "Анкета наставников", "Пары (утв.)"}
    assert src.api_calls == 3          # failed batchGet, metadata, batchGet


def test_write_tab_is_one_batch_update_and_reads_back(api):
    src = source(api)
    src.read()
    before = api.sheets_calls()
    src.write_tab("Пары", [["Наставляемый (e-mail)", "Наставник (e-mail)"], ["a@school.ru", "m@school.ru"]])
    assert api.sheets_calls() - before == 1 and api.sheets_calls("valuesBatchUpdate") == 1
    assert src.read()["Пары"].iloc[0].tolist() == ["a@school.ru", "m@school.ru"]
    src.write_tab("Новый лист", [["x"]])
    assert api.sheets_calls("batchUpdate") == 1 and "Новый лист" in src.read()


def test_write_shorter_table_clears_the_old_rows(api):
    src = source(api)
    src.write_tab("Пары", [["h"], ["1"], ["2"], ["3"]])
    src.read()
    src.write_tab("Пары", [["h"], ["1"]])
    assert len(src.read()["Пары"]) == 1


@pytest.mark.parametrize("given", [KEY, f"https://docs.google.com/spreadsheets/d/{KEY}/edit#gid=0",
                                   f"https://docs.google.com/spreadsheets/d/{KEY}"])
def test_spreadsheet_key_from_url_or_key(given):
    assert spreadsheet_key(given) == KEY
