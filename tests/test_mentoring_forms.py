"""Forms and types of mentoring: suggested from the data by the rules of config [mentoring], a value typed into
`Пары` wins, counted by form and type."""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from analysis import load_config, load_program
from analysis.mentoring_forms import by_form_and_type, for_proposal, mentor_fit, needed, options, suggest
from data_sources import demo_source, demo_years

CONFIG = load_config()

ICT, PARENTS, BURNOUT, CLASS = ("ИКТ и цифровые ресурсы в обучении", "Работа с родителями",
                                "Профилактика профессионального выгорания", "Классное руководство, воспитательная работа")
YOUNG, CLASS_FORM, LEADER, INNOVATOR, SUBJECT = (
    "опытный педагог – молодой специалист", "опытный классный руководитель – молодой специалист",
    "лидер педагогического сообщества – педагог, испытывающий проблемы", "педагог-новатор – консервативный педагог",
    "опытный предметник – неопытный предметник")


def bank(rows):
    return pd.DataFrame(rows).set_index("person_id")


MENTEES = bank([
    {"person_id": "young@s.ru", "experience": 2, "category": "Педагог, желающий профессионального роста",
     "position": "Учитель", "topics": [PARENTS], "format": "Индивидуально (пара)"},
    {"person_id": "newcat@s.ru", "experience": None, "category": "Молодой специалист (стаж до 3 лет)",
     "position": "Учитель", "topics": [PARENTS], "format": "Индивидуально (пара)"},
    {"person_id": "classt@s.ru", "experience": 1, "category": "Молодой специалист (стаж до 3 лет)",
     "position": "Учитель, классный руководитель 6 «А»", "topics": [CLASS], "format": "Не важно"},
    {"person_id": "tired@s.ru", "experience": 12, "category": "Педагог, желающий профессионального роста",
     "position": "Учитель", "topics": [BURNOUT], "format": "Не важно"},
    {"person_id": "veteran@s.ru", "experience": 25, "category": "Педагог, желающий профессионального роста",
     "position": "Учитель", "topics": [ICT], "format": "Онлайн, дистанционно"},
    {"person_id": "mid@s.ru", "experience": 8, "category": "Педагог, сменивший предмет или должность",
     "position": "Учитель", "topics": [ICT], "format": "Не важно"},
])
MENTORS = bank([
    {"person_id": "ivan@s.ru", "experience": 20, "qualification": "Высшая", "topics": [PARENTS, CLASS, BURNOUT]},
    {"person_id": "olga@s.ru", "experience": 4, "qualification": "Без категории", "topics": [ICT]},
    {"person_id": "mid@s.ru", "experience": 8, "qualification": "Первая", "topics": [ICT]},     # mentee elsewhere
])


def test_the_form_each_mentee_needs_follows_the_first_rule_their_answers_meet():
    need = needed(MENTEES, CONFIG)
    assert need.form.to_dict() == {"young@s.ru": YOUNG, "newcat@s.ru": YOUNG, "classt@s.ru": CLASS_FORM,
                                   "tired@s.ru": LEADER, "veteran@s.ru": INNOVATOR, "mid@s.ru": SUBJECT}
    assert need.at["young@s.ru", "why"] == "стаж 2 года (до 3 лет — молодой специалист)"
    assert need.at["newcat@s.ru", "why"] == "категория «молодой специалист»"
    assert "должность: классный руководитель" in need.at["classt@s.ru", "why"]
    assert need.at["tired@s.ru", "why"] == f"запрос: {BURNOUT}"
    assert need.at["veteran@s.ru", "why"] == f"запрос: {ICT}; стаж 25 лет"


def test_a_mentor_fits_a_form_by_the_share_of_its_requirements_met():
    fit = mentor_fit(MENTORS, CONFIG)
    assert fit.at["ivan@s.ru", YOUNG] == 1.0                  # 20 years, the highest category
    assert fit.at["olga@s.ru", YOUNG] == 0.0                  # 4 years, no category
    assert fit.at["olga@s.ru", INNOVATOR] == 1.0              # she leads the digital topic
    assert fit.at["ivan@s.ru", CLASS_FORM] == 1.0             # 5+ years and class-teacher work
    assert fit.at["mid@s.ru", LEADER] == 0.0                  # 8 < 10 years, «Первая» is not enough
    unknown = mentor_fit(bank([{"person_id": "x@s.ru", "experience": None, "qualification": "Высшая", "topics": []}]), CONFIG)
    assert unknown.at["x@s.ru", YOUNG] == 0.75                # experience unknown: half of that requirement


def program_with(pairs):
    frame = pd.DataFrame(pairs)
    frame["_row"] = range(2, 2 + len(frame))
    return SimpleNamespace(pairs=frame, mentees=MENTEES, mentors=MENTORS)


def test_each_pair_gets_a_form_and_a_type_and_a_typed_value_wins():
    program = program_with([
        {"mentee_id": "young@s.ru", "mentor_id": "ivan@s.ru", "group": "П-01", "topic": PARENTS},
        {"mentee_id": "classt@s.ru", "mentor_id": "ivan@s.ru", "group": "Г-01", "topic": CLASS},
        {"mentee_id": "newcat@s.ru", "mentor_id": "ivan@s.ru", "group": "Г-01", "topic": CLASS},
        {"mentee_id": "mid@s.ru", "mentor_id": "ivan@s.ru", "group": "П-02", "topic": ICT},
        {"mentee_id": "veteran@s.ru", "mentor_id": "olga@s.ru", "group": "П-03", "topic": ICT},
        {"mentee_id": "tired@s.ru", "mentor_id": "ivan@s.ru", "group": "П-04", "topic": "Подготовка к аттестации"},
        {"mentee_id": "left@s.ru", "mentor_id": "ivan@s.ru", "group": "П-05", "topic": PARENTS,
         "form": SUBJECT, "type": "ситуационная"},
    ])
    got = suggest(program, CONFIG)
    assert list(got.index) == ["П-01", "Г-01", "П-02", "П-03", "П-04", "П-05"]
    assert got.loc["П-01", ["form", "type"]].tolist() == [YOUNG, "традиционная («один на один»)"]
    assert got.at["П-01", "reason"] == ("форма: стаж 2 года (до 3 лет — молодой специалист); "
                                        "вид: ни одно правило вида не подошло — вид по умолчанию")
    # a group: the type from its code; the form of its mentees (one each: the first form in config order)
    assert got.loc["Г-01", ["form", "type"]].tolist() == [CLASS_FORM, "групповая"]
    assert "(1 из 2 наставляемых)" in got.at["Г-01", "reason"] and "код группы Г-01" in got.at["Г-01", "reason"]
    # the mentee leads the digital topic as a mentor and the mentor does not: reverse mentoring
    assert got.at["П-02", "type"] == "реверсивная"
    assert f"наставляемый сам наставник по теме «{ICT}», а его наставник её не ведёт" in got.at["П-02", "reason"]
    assert got.loc["П-03", ["form", "type"]].tolist() == [INNOVATOR, "виртуальная (дистанционная)"]
    assert "предпочтительный формат наставляемого: дистанц" in got.at["П-03", "reason"]
    assert got.loc["П-04", ["form", "type"]].tolist() == [LEADER, "краткосрочная или целеполагающая"]
    assert got.loc["П-05", ["form", "type"]].tolist() == [SUBJECT, "ситуационная"]
    assert got.at["П-05", "reason"] == "форма: указана в листе «Пары»; вид: указан в листе «Пары»"
    # the reasons never carry what a person typed (the position, the format's own words)
    assert "6 «А»" not in " ".join(got.reason) and "Онлайн" not in " ".join(got.reason)

    counts = by_form_and_type(program, CONFIG)
    assert list(counts.columns) == ["form", "type", "pairs", "mentees"]
    row = counts[(counts.form == CLASS_FORM) & (counts.type == "групповая")].iloc[0]
    assert (row.pairs, row.mentees) == (1, 2)
    assert counts.pairs.sum() == 6 and counts.mentees.sum() == 7


def test_no_pairs_no_suggestions():
    empty = SimpleNamespace(pairs=pd.DataFrame(columns=["mentee_id", "mentor_id", "group"]), mentees=MENTEES,
                            mentors=MENTORS)
    assert suggest(empty, CONFIG).empty and by_form_and_type(empty, CONFIG).empty


@pytest.mark.parametrize("year", demo_years())
def test_every_pair_of_the_demo_gets_a_form_and_type_from_the_options(year):
    program = load_program(demo_source(year).read())
    got = suggest(program, CONFIG)
    forms, types = options(CONFIG)
    codes = set(program.pairs.group)
    assert set(got.index) == codes and len(got) == len(codes)
    assert got.form.isin(forms).all() and got.type.isin(types).all()
    assert (got.loc[[c for c in codes if c.startswith("Г")], "type"] == "групповая").all()
    counts = by_form_and_type(program, CONFIG)
    assert counts.pairs.sum() == len(codes)
    assert counts.mentees.sum() == program.pairs.drop_duplicates(["group", "mentee_id"]).shape[0]


# --- stored in `Пары` ---------------------------------------------------------------------------------------
def _store(tabs):
    from analysis import load_config
    from data_sources.memory import MemoryBook
    from ui.store import YearStore
    return YearStore("2026/27", MemoryBook(tabs), load_config(), kind="session", ttl=float("inf"))


def _approve(store, offer):
    from analysis.writes import pairs_edit
    page = store.get()
    p = page.program
    return store.write("Пары", lambda fresh: pairs_edit(fresh, offer, p.mentees, p.mentors,
                                                        seen=page.snapshot.tabs.get("Пары"),
                                                        start=pd.Timestamp("2026-11-25"), config=CONFIG))


def _offer(store):
    from analysis.matching import assign
    p = store.get().program
    approved = set(zip(p.pairs.mentee_id, p.pairs.mentor_id))
    offer = assign(p.mentees, p.mentors, locked=approved).pairs
    chosen = for_proposal(p, offer.assign(group=[f"new {i}" for i in range(len(offer))]), CONFIG)
    return offer.assign(form=chosen.form.to_numpy(), type=chosen.type.to_numpy()), approved


def test_approving_writes_the_chosen_form_and_type_in_new_columns_and_keeps_every_row():
    tabs = demo_source("2026/27").read()
    before = tabs["Пары"].copy()
    store = _store(tabs)
    offer, approved = _offer(store)
    new = ~pd.Series([(a, b) in approved for a, b in zip(offer.mentee_id, offer.mentor_id)])
    offer.loc[new.to_numpy(), "form"] = LEADER
    offer.loc[new.to_numpy().nonzero()[0][:1], "type"] = "скоростная"       # the coordinator's choice for one pair
    edit = _approve(store, offer)
    after = store.source.read_tab("Пары")
    assert edit.added == int(new.sum()) > 0
    assert list(after.columns) == list(before.columns) + ["Форма наставничества", "Вид наставничества"]
    old = after.iloc[:len(before)]
    assert old[list(before.columns)].values.tolist() == before.values.tolist()      # every row verbatim
    assert (old[["Форма наставничества", "Вид наставничества"]] == "").all().all()  # and nothing added to them
    added = after.iloc[len(before):]
    assert (added["Форма наставничества"] == LEADER).all()
    assert sorted(added["Вид наставничества"])[-1] == "традиционная («один на один»)"
    assert (added["Вид наставничества"] == "скоростная").sum() == 1
    # read back: what was written is the pair's form, said to come from the tab; a second approval adds nothing
    program = store.get().program
    got = suggest(program, CONFIG)
    codes = set(added["Пара/группа"])
    assert (got.loc[sorted(codes), "form"] == LEADER).all()
    assert got.loc[sorted(codes), "reason"].str.startswith("форма: указана в листе «Пары»").all()
    again = _approve(store, _offer(store)[0])
    assert again.added == 0 and store.source.read_tab("Пары").equals(after)


def test_a_tab_that_has_the_form_column_gets_the_value_there_and_no_second_column():
    tabs = demo_source("2026/27").read()
    tab = tabs["Пары"]
    tab.insert(2, "Форма наставничества", ["опытный педагог – молодой специалист"] + [""] * (len(tab) - 1))
    before = tab.copy()
    store = _store(tabs)
    offer, _ = _offer(store)
    _approve(store, offer)
    after = store.source.read_tab("Пары")
    assert list(after.columns) == list(before.columns) + ["Вид наставничества"]
    assert after.iloc[:len(before)][list(before.columns)].values.tolist() == before.values.tolist()
    added = after.iloc[len(before):]
    assert added["Форма наставничества"].isin(options(CONFIG)[0]).all()
    assert added["Вид наставничества"].isin(options(CONFIG)[1]).all()


def test_matching_page_shows_the_forms_and_writes_the_chosen_one_on_approval():
    from analysis.matching import assign
    from tests.apptest import run_app
    year = "2026/27"
    p = load_program(demo_source(year).read(), year=year)
    approved = set(zip(p.pairs.mentee_id, p.pairs.mentor_id))
    offer = assign(p.mentees, p.mentors, locked=approved).pairs
    new = offer[[(a, b) not in approved for a, b in zip(offer.mentee_id, offer.mentor_id)]]
    pick = (new.mentee_id.iloc[0], new.mentor_id.iloc[0])
    at = run_app(year, "views/matching.py")
    assert not at.exception
    table = at.dataframe[0].value
    forms, types = options(CONFIG)
    assert table["Форма наставничества"].isin(forms).all() and table["Вид наставничества"].isin(types).all()
    assert (table.loc[table["Пара/группа"].str.startswith("Г"), "Вид наставничества"] == "групповая").all()
    assert any("форма «" in r for r in table["Почему"])                      # the new criterion explains itself
    # the coordinator changed one new pair's form and type (the editor's change, as the page keeps it)
    memory = at.session_state[f"_matching_{year}"]
    memory["chosen"] = {pick: (LEADER, "ситуационная")}
    at = run_app(year, "views/matching.py", state={f"_matching_{year}": memory})
    shown = at.dataframe[0].value.set_index(["mentee_id", "mentor_id"])
    assert tuple(shown.loc[pick, ["Форма наставничества", "Вид наставничества"]]) == (LEADER, "ситуационная")
    next(b for b in at.button if b.label == "Утвердить пары").click().run()
    assert not at.exception
    assert any("только в этом сеансе" in s.value for s in at.success)
    sheet = at.session_state["_own_stores"][year].source.read_tab("Пары")
    row = sheet[sheet["Наставляемый (e-mail)"] == pick[0]].iloc[0]
    assert (row["Форма наставничества"], row["Вид наставничества"]) == (LEADER, "ситуационная")
    others = sheet.iloc[len(p.pairs):]
    assert (others["Форма наставничества"] != "").all() and (others["Вид наставничества"] != "").all()
    assert (sheet.iloc[:len(p.pairs)][["Форма наставничества", "Вид наставничества"]] == "").all().all()


@pytest.mark.browser
def test_matching_page_in_chromium_shows_the_form_and_type_columns(page, app_url):
    from tests.browser import exceptions, open_page, shot
    from tests.conftest import BROWSER_TIMEOUT
    open_page(page, f"{app_url}/matching?year=2026-27", wait_text="Подбор пар")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    page.get_by_text("Форму и вид наставничества", exact=False).first.wait_for(timeout=BROWSER_TIMEOUT)
    box = grid.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(900, 0)                      # the form and type columns are to the right of the topic
    page.wait_for_timeout(500)
    shot(page, "matching-forms-2026-27")
    assert exceptions(page) == []
