"""Writes keep every row of the school's tab: approving pairs, saving the practices and the SWOT board, as a
colleague would break them — a row typed into the sheet meanwhile, two sessions at once, a save repeated."""
from __future__ import annotations

import threading

import pandas as pd
import pytest

from analysis import load_config
from analysis.matching import assign
from analysis.quality import practices_bank
from analysis.writes import pairs_edit, practice_key, practices_edit, swot_board, swot_edit
from data_sources import demo_source
from data_sources.base import TabChange
from data_sources.memory import MemoryBook
from ui.store import Loaded, YearStore

CONFIG = load_config()
PAIRS = CONFIG.service["pairs"].tab
FORMING, DONE = "2026/27", "2025/26"          # pairs being formed; a completed year
START = pd.Timestamp("2026-11-25")


def store_of(year: str) -> YearStore:
    return YearStore(year, MemoryBook(demo_source(year).read()), CONFIG, kind="session", ttl=float("inf"))


def rows(store: YearStore, tab: str) -> list[list[str]]:
    frame = store.source.read_tab(tab)
    return [list(frame.columns)] + frame.values.tolist()


def proposal(page: Loaded, forbidden=()) -> pd.DataFrame:
    p = page.program
    approved = set(zip(p.pairs.mentee_id, p.pairs.mentor_id))
    return assign(p.mentees, p.mentors, locked=approved, forbidden=forbidden).pairs


def approve(store: YearStore, page: Loaded, offer: pd.DataFrame):
    """What «Утвердить пары» does with the page a coordinator has open."""
    seen = page.snapshot.tabs.get(PAIRS)
    p = page.program
    return store.write(PAIRS, lambda fresh: pairs_edit(fresh, offer, p.mentees, p.mentors, seen=seen, start=START,
                                                       config=CONFIG))


def mentees_in(store: YearStore) -> list[str]:
    frame = store.source.read_tab(PAIRS)
    return frame["Наставляемый (e-mail)"].str.strip().str.lower().tolist()


def test_a_pair_typed_into_the_sheet_after_the_page_loaded_survives_and_its_mentee_is_skipped():
    store = store_of(FORMING)
    page = store.get()
    offer = proposal(page)
    approved = set(page.program.pairs.mentee_id)
    new = offer[~offer.mentee_id.isin(approved)]
    mentee, mentor = new.iloc[0].mentee_id, new.iloc[0].mentor_id
    other = next(m for m in page.program.mentors.index if m != mentor and m != mentee)
    typed = ["  " + mentee.upper(), "Набрано вручную", other, "Коллега", "П-99", "Своя тема", "20.11.2026",
             "утверждена", "своя программа"]
    store.source.apply_change(PAIRS, TabChange(header=list(page.snapshot.tabs[PAIRS].columns), append=[typed]))
    before = rows(store, PAIRS)

    edit = approve(store, page, offer)

    after = rows(store, PAIRS)
    assert after[:len(before)] == before                                  # every row verbatim, the typed one too
    assert mentees_in(store).count(mentee) == 1                          # not paired twice
    name = page.program.mentees.at[mentee, "full_name"]
    assert any(name in s and "уже утверждена пара, наставник" in s and "пропущено" in s for s in edit.skipped), edit.skipped
    assert edit.added == len(new) - len(edit.skipped) == len(after) - len(before)   # skipped = said, with the reason


def test_two_coordinators_approving_from_the_same_page_keep_both_sets_and_no_mentee_twice():
    store = store_of(FORMING)
    page_a, page_b = store.get(), store.get()
    offer_a = proposal(page_a)
    new_a = offer_a[~offer_a.mentee_id.isin(page_a.program.pairs.mentee_id)]
    vetoed = set(zip(new_a.mentee_id[:3], new_a.mentor_id[:3]))          # B forbids three of A's pairs
    offer_b = proposal(page_b, forbidden=vetoed)
    a = approve(store, page_a, offer_a)
    b = approve(store, page_b, offer_b)                                 # B's page still shows the tab before A
    people = mentees_in(store)
    assert len(people) == len(set(people))
    assert set(new_a.mentee_id) <= set(people)                           # A's set kept whole
    assert a.added == len(new_a) and b.added == 0
    a_pairs = set(zip(offer_a.mentee_id, offer_a.mentor_id))
    changed = {m for m, t in zip(offer_b.mentee_id, offer_b.mentor_id) if (m, t) not in a_pairs and m in set(new_a.mentee_id)}
    assert changed >= {m for m, _ in vetoed if m in set(offer_b.mentee_id)}
    assert len(b.skipped) == len(changed) and all("уже утверждена пара" in s for s in b.skipped)


def test_two_sessions_approving_at_the_same_moment_in_threads():
    store = store_of(FORMING)
    pages = [store.get(), store.get()]
    offers = [proposal(pages[0]), None]
    new = offers[0][~offers[0].mentee_id.isin(pages[0].program.pairs.mentee_id)]
    offers[1] = proposal(pages[1], forbidden=set(zip(new.mentee_id, new.mentor_id)))   # other mentors for all
    start = threading.Barrier(2)

    def approve_now(i):
        start.wait()
        approve(store, pages[i], offers[i])

    threads = [threading.Thread(target=approve_now, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    people = mentees_in(store)
    assert len(people) == len(set(people)) and set(new.mentee_id) <= set(people)


def test_approving_twice_changes_nothing_the_second_time():
    store = store_of(FORMING)
    page = store.get()
    offer = proposal(page)
    first = approve(store, page, offer)
    once = rows(store, PAIRS)
    again = approve(store, page, offer)                                 # the same click, the page not yet reloaded
    assert first.added > 0 and again.added == 0 and not again.skipped
    assert rows(store, PAIRS) == once


def test_a_mentor_whose_places_were_taken_meanwhile_gets_no_extra_mentee():
    store = store_of(FORMING)
    page = store.get()
    offer = proposal(page)
    mentors = page.program.mentors
    new = offer[~offer.mentee_id.isin(page.program.pairs.mentee_id)]
    mentor = new.iloc[0].mentor_id
    places = int(mentors.at[mentor, "capacity"])
    header = list(page.snapshot.tabs[PAIRS].columns)
    taken = [[f"typed{i}@school.ru", f"Вписан {i}", mentor, "", f"П-{90 + i}", "", "20.11.2026", "утверждена", ""]
             for i in range(places)]
    store.source.apply_change(PAIRS, TabChange(header=header, append=taken))
    edit = approve(store, page, offer)
    frame = store.source.read_tab(PAIRS)
    assert (frame["Наставник (e-mail)"] == mentor).sum() == places + int(page.program.pairs.mentor_id.eq(mentor).sum())
    assert any("заняты все места" in s for s in edit.skipped)


# --- practices --------------------------------------------------------------------------------------------
def practices_page(store: YearStore) -> pd.DataFrame:
    page = store.get()
    return practices_bank({page.year: page.program})


def test_saving_the_practices_twice_leaves_the_tab_identical():
    store = store_of(DONE)
    tab = CONFIG.service["practices"].tab
    bank = practices_page(store)
    row = bank[bank.source == "копилка"].iloc[0]
    marks = {row.key: not row.chosen}
    first = store.write(tab, lambda fresh: practices_edit(fresh, marks, [], CONFIG))
    once = rows(store, tab)
    second = store.write(tab, lambda fresh: practices_edit(fresh, marks, [], CONFIG))
    assert first.updated == 1 and second.updated == second.added == 0
    assert rows(store, tab) == once


def test_a_mark_changes_one_cell_and_hidden_practices_stay():
    store = store_of(DONE)
    tab = CONFIG.service["practices"].tab
    before = rows(store, tab)
    bank = practices_bank({DONE: store.get().program})
    row = bank[bank.source == "копилка"].iloc[-1]           # the only row a filter left visible
    store.write(tab, lambda fresh: practices_edit(fresh, {row.key: not row.chosen}, [], CONFIG))
    after = rows(store, tab)
    assert len(after) == len(before)
    changed = [(i, j) for i, (a, b) in enumerate(zip(before, after)) for j, (x, y) in enumerate(zip(a, b)) if x != y]
    assert len(changed) == 1 and before[0][changed[0][1]].startswith("Отобрана")


def test_a_questionnaire_answer_enters_the_tab_only_with_a_title_and_only_once():
    store = store_of(DONE)
    tab = CONFIG.service["practices"].tab
    bank = practices_page(store)
    answer = bank[bank.source != "копилка"].iloc[0]
    before = rows(store, tab)
    new = [{"title": "Взаимопосещение уроков", "topic": answer.topic, "subject": "", "authors": answer.authors,
            "description": answer.description, "chosen": True}]
    first = store.write(tab, lambda fresh: practices_edit(fresh, {}, new, CONFIG))
    second = store.write(tab, lambda fresh: practices_edit(fresh, {}, new, CONFIG))
    after = rows(store, tab)
    assert first.added == 1 and second.added == 0 and len(after) == len(before) + 1
    assert after[:len(before)] == before
    again = practices_page(store)
    assert answer.description not in set(again[again.source != "копилка"].description)   # listed once, as the tab's row
    assert again[again.key == practice_key("Взаимопосещение уроков", answer.description)].chosen.all()


def test_a_mark_for_a_practice_deleted_meanwhile_is_reported_not_recreated():
    store = store_of(DONE)
    tab = CONFIG.service["practices"].tab
    edit = store.write(tab, lambda fresh: practices_edit(fresh, {practice_key("Нет такой", "и не было"): True}, [],
                                                         CONFIG))
    assert edit.added == edit.updated == 0 and "не найдена" in edit.skipped[0]


# --- SWOT -------------------------------------------------------------------------------------------------
def test_the_swot_board_keeps_every_version_and_a_repeated_save_adds_nothing():
    store = store_of(DONE)
    tab = CONFIG.swot_tab
    seen = swot_board(store.get().snapshot.tabs.get(tab))
    before = rows(store, tab)
    entered = {**seen, "Угрозы": "Нагрузка на наставников"}
    now = pd.Timestamp("2026-11-26 10:00")
    first = store.write(tab, lambda fresh: swot_edit(fresh, entered, seen, now))
    second = store.write(tab, lambda fresh: swot_edit(fresh, entered, seen, now))
    after = rows(store, tab)
    assert first.added == 1 and second.added == 0
    assert [r[:2] for r in after[:len(before)]] == [r[:2] for r in before]       # earlier texts stay
    assert swot_board(store.source.read_tab(tab))["Угрозы"] == "Нагрузка на наставников"


def test_a_stale_swot_page_never_reverts_a_colleagues_section_and_its_own_change_stands():
    """A and B open the board; A saves «Возможности»; B (drawn before) saves «Угрозы»: both stand. B also typed
    over A's section: not written, B is told where and when, with B's text."""
    store = store_of(DONE)
    tab = CONFIG.swot_tab
    seen = swot_board(store.get().snapshot.tabs.get(tab))
    now = pd.Timestamp("2026-11-26 10:00")
    a = store.write(tab, lambda fresh: swot_edit(fresh, {**seen, "Возможности": "Коллега"}, seen, now, tab))
    b = store.write(tab, lambda fresh: swot_edit(fresh, {**seen, "Угрозы": "Моё"}, seen, now, tab))
    board = swot_board(store.source.read_tab(tab))
    assert a.added == b.added == 1 and not b.conflicts
    assert board["Возможности"] == "Коллега" and board["Угрозы"] == "Моё"
    c = store.write(tab, lambda fresh: swot_edit(fresh, {**seen, "Возможности": "Поверх"}, seen, now, tab))
    assert c.added == 0 and "изменён в листе после открытия страницы" in c.conflicts[0] and "«Поверх»" in c.conflicts[0]
    assert "сохранено 26.11.2026 10:00" in c.conflicts[0]
    assert swot_board(store.source.read_tab(tab))["Возможности"] == "Коллега"


@pytest.mark.parametrize("name", ['=HYPERLINK("https://evil.example","x")', "+7 913 000-00-00", "@SUM(A1)", "-1"])
def test_a_formula_looking_name_is_written_to_the_xlsx_as_text_and_read_back_verbatim(tmp_path, name):
    import shutil

    import openpyxl

    from data_sources import ExcelSource
    from data_sources.demo import _file

    path = tmp_path / "book.xlsx"
    shutil.copy(_file(FORMING), path)
    page = YearStore(FORMING, ExcelSource(path), CONFIG, kind="file").get()
    offer = proposal(page)
    new = offer[~offer.mentee_id.isin(page.program.pairs.mentee_id)]
    mentee = new.iloc[0].mentee_id
    form = CONFIG.forms["mentee_request"]
    wb = openpyxl.load_workbook(path)
    ws = wb[form.tab]
    head = [c.value for c in ws[1]]
    col, email_col = head.index(form.fields["full_name"].headers[0]), head.index(form.fields["email"].headers[0])
    for r in ws.iter_rows(min_row=2):
        if str(r[email_col].value or "").strip().lower() == mentee:
            r[col].value = name
            r[col].data_type = "s"
    wb.save(path)

    store = YearStore(FORMING, ExcelSource(path), CONFIG, kind="file")
    page = store.get()
    assert page.program.mentees.at[mentee, "full_name"] == name
    approve(store, page, offer)
    ws = openpyxl.load_workbook(path)[PAIRS]
    cells = [r for r in ws.iter_rows(min_row=2) if str(r[0].value).strip().lower() == mentee]
    assert cells and cells[-1][1].value == name and cells[-1][1].data_type == "s"
    assert isinstance(cells[-1][6].value, __import__("datetime").datetime)        # the start date is a date
    store.refresh()
    assert name in set(store.get().program.pairs["mentee_name"])


def test_what_the_coordinator_changed_in_the_practices_table_with_a_filter_on():
    from analysis.writes import practice_changes

    bank = practices_bank({DONE: store_of(DONE).get().program})
    shown = bank[bank.index % 2 == 0]                       # a filter hides every other row
    after = shown.copy()
    tab_row = shown[shown.source == "копилка"].index[0]
    answers = shown[shown.source != "копилка"].index
    after.loc[tab_row, "chosen"] = not shown.loc[tab_row, "chosen"]
    after.loc[tab_row, "title"] = "Переименовано на странице"
    after.loc[answers[0], "title"] = "  Взаимопосещение уроков "
    after.loc[answers[1], "chosen"] = True                  # ticked, but given no title
    marks, new, notes = practice_changes(shown, after, DONE)
    assert marks == {shown.loc[tab_row, "key"]: not shown.loc[tab_row, "chosen"]}
    assert [(n["title"], n["description"]) for n in new] == [("Взаимопосещение уроков", shown.loc[answers[0], "description"])]
    assert any("без названия: 1" in n for n in notes) and any("правится в самой таблице" in n for n in notes)
    assert practice_changes(shown, shown.copy(), DONE) == ({}, [], [])       # nothing changed, nothing to write


def test_two_servers_appending_to_one_google_sheet_at_once_lose_no_row_and_a_double_pair_is_an_error():
    """Two app processes share no lock: both read the tab, both append. Both sets stay (an append never
    overwrites), and a mentee both paired differently is an error on the data page naming both rows."""
    from analysis import load_program
    from data_sources import GoogleSheetsSource, make_client
    from tests.sheets_api import FakeSheetsAPI, book_from_tabs, service_account_info

    key = "1TwoServersKeyabcdefghijklmnopqrstuvwxyz0"
    api = FakeSheetsAPI({key: book_from_tabs(demo_source(FORMING).read())})
    servers = [GoogleSheetsSource(make_client(service_account_info(), adapter=api), key, tabs=CONFIG.tab_names())
               for _ in range(2)]
    page = YearStore(FORMING, servers[0], CONFIG, kind="google").get()
    p = page.program
    offer = proposal(page)
    new = offer[~offer.mentee_id.isin(p.pairs.mentee_id)]
    offers = [offer, proposal(page, forbidden={(new.iloc[0].mentee_id, new.iloc[0].mentor_id)})]
    before = len(api.books[key][PAIRS])
    fresh = [s.read_tab(PAIRS) for s in servers]                     # both read before either writes
    edits = [pairs_edit(f, o, p.mentees, p.mentors, seen=page.snapshot.tabs[PAIRS], start=START, config=CONFIG)
             for f, o in zip(fresh, offers)]
    for server, edit in zip(servers, edits):
        server.apply_change(PAIRS, edit.change)
    assert len(api.books[key][PAIRS]) == before + edits[0].added + edits[1].added      # no row lost
    again = load_program(servers[0].read(), CONFIG, year=FORMING)
    doubled = [pr for pr in again.problems if pr.tab == PAIRS and new.iloc[0].mentee_id in pr.message]
    assert doubled and doubled[0].severity == "error" and "действующих парах" in doubled[0].message


def test_an_ended_pair_lets_the_mentee_have_a_new_one_without_an_error():
    from analysis import load_program

    tabs = demo_source(FORMING).read()
    pairs = tabs[PAIRS].copy()
    first = pairs.iloc[0].tolist()
    pairs.loc[0, "Статус"] = "Завершена досрочно"
    other = next(m for m in load_program(tabs, CONFIG).mentors.index if m != first[2])
    pairs.loc[len(pairs)] = [first[0], first[1], other, "", "П-50", "", "20.11.2026", "утверждена", ""]
    program = load_program({**tabs, PAIRS: pairs}, CONFIG)
    assert not [pr for pr in program.problems if "действующих парах" in pr.message]


def test_a_terminated_pair_frees_its_mentee_for_a_new_mentor():
    from analysis import load_program
    from analysis.overview import headline, without_pair

    tabs = demo_source(FORMING).read()
    pairs = tabs[PAIRS].copy()
    before = load_program(tabs, CONFIG)
    pairs.loc[0, "Статус"] = "Расторгнута"
    mentee = pairs.loc[0, "Наставляемый (e-mail)"].strip().lower()
    program = load_program({**tabs, PAIRS: pairs}, CONFIG)
    assert mentee in without_pair(program) and mentee not in without_pair(before)
    assert headline(program).without_pair == headline(before).without_pair + 1
    assert len(program.pairs) == len(before.pairs)                      # the row stays, as history
    locked = set(zip(program.active_pairs().mentee_id, program.active_pairs().mentor_id))
    assert mentee not in {m for m, _ in locked}


def test_a_new_mentee_of_a_mentors_group_joins_that_group_and_new_rows_come_in_code_order():
    from analysis.writes import approve

    store = store_of(FORMING)
    page = store.get()
    p = page.program
    tab = page.snapshot.tabs[PAIRS]
    groups = p.pairs[p.pairs.group.astype(str).str.startswith("Г")]
    leader, topic, code = groups.iloc[0][["mentor_id", "topic", "group"]]
    free = [m for m in p.mentees.index if m not in set(p.pairs.mentee_id)]
    offer = pd.DataFrame({"mentee_id": free[:3], "mentor_id": [leader, *[m for m in p.mentors.index if m != leader][:2]],
                          "topic": [topic, "Работа с родителями", "Работа с родителями"], "score": 0.9, "reasons": ""})
    approval = approve(tab, offer, p.mentees, p.mentors, start=START, config=CONFIG)
    new = approval.sheet.iloc[len(tab):]
    assert new.loc[new["Наставляемый (e-mail)"] == free[0], "Пара/группа"].item() == code
    order = [(c[0], int(c[2:])) for c in new["Пара/группа"]]
    assert order == sorted(order)


@pytest.mark.parametrize("state", ["header only", "no tab"])
def test_the_first_approval_of_a_year_into_an_empty_or_missing_pairs_tab(state):
    tabs = demo_source(FORMING).read()
    if state == "header only":
        tabs[PAIRS] = tabs[PAIRS].iloc[:0]
    else:
        tabs.pop(PAIRS)
    store = YearStore(FORMING, MemoryBook(tabs), CONFIG, kind="session", ttl=float("inf"))
    page = store.get()
    offer = proposal(page)
    edit = approve(store, page, offer)
    assert edit.added == len(offer) > 0 and not edit.skipped
    assert sorted(mentees_in(store)) == sorted(offer.mentee_id)


def test_the_page_fingerprint_is_the_cells_not_the_time_they_were_read():
    from analysis.writes import fingerprint
    from data_sources import demo_source

    first, again = demo_source("2026/27").read(), demo_source("2026/27").read()        # two reads, same cells
    names = ["Запросы наставляемых", "Анкета наставников", "Пары"]
    assert fingerprint(first, names) == fingerprint(again, names)
    again["Пары"].iat[0, 1] = again["Пары"].iat[0, 1] + " "                              # one cell changed
    assert fingerprint(first, names) != fingerprint(again, names)
    assert fingerprint(first, names) != fingerprint({k: v for k, v in first.items() if k != "Пары"}, names)
