"""Matching: scores and reasons, and an assignment that is optimal and respects every rule."""
import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.config import load_config
from analysis.banks import demand_supply, training_needs
from analysis.matching import _thin, assign, dense_reference, explain, score_pairs, solve, suggest

T = ["ИКТ и цифровые ресурсы в обучении", "Работа с родителями", "Подготовка к ОГЭ и ЕГЭ",
     "Классное руководство, воспитательная работа"]


def mentees_frame(rows):
    return pd.DataFrame(rows).set_index("person_id")


def mentors_frame(rows):
    return pd.DataFrame(rows).set_index("person_id")


E = mentees_frame([
    {"person_id": "anna@s.ru", "topics": [T[0], T[1]], "subjects": ["Математика"], "experience": 2,
     "format": "Индивидуально (пара)", "availability": ["Вторник"]},
    {"person_id": "boris@s.ru", "topics": [T[2]], "subjects": ["Физика"], "experience": 1,
     "format": "Не важно", "availability": ["Среда"]},
    {"person_id": "vera@s.ru", "topics": [T[3]], "subjects": ["История"], "experience": 0,
     "format": "В группе", "availability": []},
])
M = mentors_frame([
    {"person_id": "ivan@s.ru", "topics": [T[0], T[1], T[2]], "subjects": ["Математика"], "experience": 16,
     "qualification": "Высшая", "format": ["Индивидуально (пара)"], "availability": ["Понедельник"], "capacity": 1},
    {"person_id": "anna@s.ru", "topics": [T[2]], "subjects": ["Физика"], "experience": 2,
     "qualification": "Первая", "format": ["В группе"], "availability": ["Среда"], "capacity": 2},
])


def test_scores_are_in_unit_range_and_nobody_scores_themselves():
    s = score_pairs(E, M)
    assert list(s.index) == list(E.index) and list(s.columns) == list(M.index)
    assert np.isnan(s.at["anna@s.ru", "anna@s.ru"])
    vals = s.to_numpy()[~np.isnan(s.to_numpy())]
    assert ((vals >= 0) & (vals <= 1)).all()


def test_topic_coverage_dominates_with_default_weights():
    s = score_pairs(E, M)
    assert s.at["anna@s.ru", "ivan@s.ru"] > 0.6               # both topics, same subject, +14 years
    assert s.at["vera@s.ru", "ivan@s.ru"] < s.at["anna@s.ru", "ivan@s.ru"]


def test_weights_change_the_scores():
    only_topics = score_pairs(E, M, weights={"topics": 1, "subject": 0, "experience": 0, "qualification": 0,
                                             "format": 0, "availability": 0, "form": 0})
    assert only_topics.at["anna@s.ru", "ivan@s.ru"] == pytest.approx(1.0)
    assert only_topics.at["boris@s.ru", "ivan@s.ru"] == pytest.approx(1.0)
    assert only_topics.at["vera@s.ru", "ivan@s.ru"] == pytest.approx(0.0)


def test_reasons_name_the_right_topics_subject_experience_category_format_and_time():
    text = explain(E.loc["anna@s.ru"], M.loc["ivan@s.ru"])
    assert text == ("темы: ИКТ и цифровые ресурсы в обучении, Работа с родителями; один предмет (математика); "
                    "стаж +14 лет; категория: высшая; формат: индивидуально (пара); нет общего времени; "
                    "форма «опытный педагог – молодой специалист»: стаж 16 лет, категория высшая")
    assert "стаж +1 год;" in explain(E.loc["boris@s.ru"], M.loc["anna@s.ru"])
    assert "формат: наставляемому не важен" in explain(E.loc["boris@s.ru"], M.loc["anna@s.ru"])
    assert "другой формат (наставник: индивидуально (пара))" in explain(E.loc["vera@s.ru"], M.loc["ivan@s.ru"])


YOUNG = mentees_frame([
    {"person_id": "young@s.ru", "topics": [T[1]], "subjects": ["Математика"], "experience": 1,
     "category": "Молодой специалист (стаж до 3 лет)", "position": "Учитель", "format": "Не важно",
     "availability": ["Вторник"]},
    {"person_id": "class@s.ru", "topics": [T[1]], "subjects": ["Математика"], "experience": 2,
     "category": "Молодой специалист (стаж до 3 лет)", "position": "Учитель, классный руководитель 5 «Б»",
     "format": "Не важно", "availability": ["Вторник"]},
])
# two mentors alike in topics, subject, format and days; one has 3 years and no category, the other 12 and
# the first category; only the second leads class-teacher work
TWO = mentors_frame([
    {"person_id": "fresh@s.ru", "topics": [T[1]], "subjects": ["Математика"], "experience": 3,
     "qualification": "Без категории", "format": [], "availability": ["Вторник"], "capacity": 2},
    {"person_id": "seasoned@s.ru", "topics": [T[1], T[3]], "subjects": ["Математика"], "experience": 12,
     "qualification": "Первая", "format": [], "availability": ["Вторник"], "capacity": 2},
])


def test_the_form_criterion_prefers_the_mentor_who_can_carry_the_form_the_mentee_needs():
    only_form = {"topics": 0, "subject": 0, "experience": 0, "qualification": 0, "format": 0, "availability": 0,
                 "form": 1}
    s = score_pairs(YOUNG, TWO, weights=only_form)
    # a young specialist needs 5+ years and a category: the fresh mentor meets neither requirement
    assert s.at["young@s.ru", "fresh@s.ru"] == pytest.approx(0.0)
    assert s.at["young@s.ru", "seasoned@s.ru"] == pytest.approx(1.0)
    # a young class teacher: 5+ years (half of the fresh mentor's score is missing) and class-teacher work
    assert s.at["class@s.ru", "fresh@s.ru"] == pytest.approx(0.0)
    assert s.at["class@s.ru", "seasoned@s.ru"] == pytest.approx(1.0)
    # with the other criteria the two mentors differ only in experience and category; the form decides more
    plain = {"topics": 1, "subject": 1, "experience": 0, "qualification": 0, "format": 1, "availability": 1}
    without = score_pairs(YOUNG, TWO, weights={**plain, "form": 0})
    assert without.at["young@s.ru", "fresh@s.ru"] == without.at["young@s.ru", "seasoned@s.ru"]
    with_form = score_pairs(YOUNG, TWO, weights={**plain, "form": 0.5})
    assert with_form.at["young@s.ru", "seasoned@s.ru"] > with_form.at["young@s.ru", "fresh@s.ru"]
    one_place = TWO.assign(capacity=1)
    a = assign(YOUNG.iloc[:1], one_place, scores=with_form.iloc[:1], min_score=0.3)
    assert list(a.pairs.mentor_id) == ["seasoned@s.ru"]
    assert ("форма «опытный педагог – молодой специалист»: стаж 12 лет, категория первая"
            in a.pairs.reasons.iloc[0])
    assert explain(YOUNG.loc["class@s.ru"], TWO.loc["fresh@s.ru"]).endswith(
        "форма «опытный классный руководитель – молодой специалист»: не хватает: стаж 3 года (нужно от 5 лет), "
        "не ведёт: Классное руководство, воспитательная работа")


def test_every_rule_has_a_label_a_weight_in_config_and_explains_itself():

    from analysis.matching import CRITERIA_RU, RULES
    weights = load_config().section("matching")["weights"]
    assert [r.key for r in RULES] == list(weights)
    assert all(CRITERIA_RU[r.key] for r in RULES)
    text = explain(YOUNG.loc["young@s.ru"], TWO.loc["seasoned@s.ru"])
    assert len(text.split("; ")) == len(RULES)          # every rule says its part for this pair


def test_suggest_gives_top_k_with_reasons():
    sug = suggest(E, M, k=1)
    assert list(sug.columns) == ["mentee_id", "rank", "mentor_id", "score", "reasons"]
    assert sug.set_index("mentee_id").at["boris@s.ru", "mentor_id"] in {"ivan@s.ru", "anna@s.ru"}
    assert (sug["rank"] == 1).all()
    assert "anna@s.ru" not in set(sug.loc[sug.mentee_id == "anna@s.ru", "mentor_id"])


def test_assignment_respects_capacity_and_explains_the_unmatched():
    a = assign(E, M, min_score=0.3)
    assert a.pairs.groupby("mentor_id").size().le(M["capacity"]).all()
    assert not ((a.pairs.mentee_id == a.pairs.mentor_id).any())
    assert set(a.pairs.mentee_id) | set(a.unmatched.mentee_id) == set(E.index)
    reasons = dict(zip(a.unmatched.mentee_id, a.unmatched.reason))
    assert reasons.get("vera@s.ru") == "ни один наставник не ведёт темы: Классное руководство, воспитательная работа"


def test_locks_and_vetoes():
    a = assign(E, M, locked=[("boris@s.ru", "ivan@s.ru")], forbidden=[("anna@s.ru", "ivan@s.ru")], min_score=0.0)
    p = dict(zip(a.pairs.mentee_id, a.pairs.mentor_id))
    assert p["boris@s.ru"] == "ivan@s.ru"
    assert p.get("anna@s.ru") != "ivan@s.ru"
    assert a.pairs.set_index("mentee_id").at["boris@s.ru", "locked"]


def test_mentees_of_one_mentor_with_a_shared_topic_form_a_group():
    e = mentees_frame([{"person_id": f"m{i}@s.ru", "topics": [T[2]], "subjects": [], "experience": 1,
                        "format": "", "availability": []} for i in range(3)])
    a = assign(e, M, min_score=0.0)
    groups = a.pairs.groupby("mentor_id")["group"].agg(set)
    assert groups["anna@s.ru"] == {"Г-01"} and a.pairs.set_index("mentee_id").loc[
        a.pairs.mentee_id[a.pairs.mentor_id == "ivan@s.ru"].iloc[0], "group"].startswith("П-")


# --- optimality -------------------------------------------------------------
def brute_force(score, capacity, allowed):
    """Best (count, total) over every assignment — tiny instances only."""
    n, m = score.shape
    best = (0, 0.0)
    for choice in itertools.product(range(-1, m), repeat=n):
        load = np.zeros(m, int)
        total, count, ok = 0.0, 0, True
        for i, j in enumerate(choice):
            if j < 0:
                continue
            if not allowed[i, j] or load[j] >= capacity[j]:
                ok = False
                break
            load[j] += 1
            total += score[i, j]
            count += 1
        if ok and (count, round(total, 9)) > (best[0], round(best[1], 9)):
            best = (count, total)
    return best


def objective(choice, score):
    taken = [(i, j) for i, j in enumerate(choice) if j >= 0]
    return len(taken), sum(score[i, j] for i, j in taken)


def check_rules(choice, capacity, allowed):
    load = np.bincount([j for j in choice if j >= 0], minlength=len(capacity))
    assert (load <= capacity).all()
    assert all(allowed[i, j] for i, j in enumerate(choice) if j >= 0)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5), st.integers(1, 3), st.integers(0, 10_000))
def test_solve_equals_brute_force_on_small_instances(n, m, seed):
    rng = np.random.default_rng(seed)
    score = np.round(rng.random((n, m)), 3)
    capacity = rng.integers(0, 3, m)
    allowed = rng.random((n, m)) > 0.25
    choice, exact = solve(score, capacity, allowed)
    check_rules(choice, capacity, allowed)
    got = objective(choice, score)
    want = brute_force(score, capacity, allowed)
    assert exact and got[0] == want[0] and got[1] == pytest.approx(want[1], abs=1e-6)


@pytest.mark.parametrize("n, m, seed", [(60, 20, 1), (120, 40, 2), (200, 50, 3)])
def test_solve_equals_dense_linear_sum_assignment(n, m, seed):
    rng = np.random.default_rng(seed)
    score = rng.random((n, m))
    capacity = rng.integers(1, 4, m)
    allowed = rng.random((n, m)) > 0.6
    choice, _ = solve(score, capacity, allowed)
    ref = dense_reference(score, capacity, allowed)
    check_rules(choice, capacity, allowed)
    assert objective(choice, score)[0] == objective(ref, score)[0]
    assert objective(choice, score)[1] == pytest.approx(objective(ref, score)[1], rel=1e-9)


def test_thinned_candidates_stay_optimal_on_a_mid_sized_instance():
    rng = np.random.default_rng(7)
    score = rng.random((400, 150))
    capacity = rng.integers(1, 4, 150)
    allowed = np.ones_like(score, dtype=bool)
    full, _ = solve(score, capacity, allowed)
    thin, exact = solve(score, capacity, allowed, max_candidates=40)
    assert not exact
    assert objective(thin, score)[0] == objective(full, score)[0]
    assert objective(thin, score)[1] == pytest.approx(objective(full, score)[1], rel=5e-4)


def test_thinning_keeps_every_place_filled_when_everybody_wants_the_same_mentors():
    """All mentees rank mentors alike: their own few best are the same few people, so thinning from
    the mentees' side alone would leave most places empty; the mentors' side keeps them reachable."""
    rng = np.random.default_rng(3)
    n, m = 300, 60
    score = np.clip(np.linspace(0.95, 0.4, m)[None, :] + rng.normal(0, 0.01, (n, m)), 0, 1)
    capacity = np.ones(m, dtype=int)
    allowed = np.ones_like(score, dtype=bool)
    full, _ = solve(score, capacity, allowed)
    thin, exact = solve(score, capacity, allowed, max_candidates=5)
    assert not exact
    assert objective(thin, score)[0] == objective(full, score)[0] == m
    assert objective(thin, score)[1] == pytest.approx(objective(full, score)[1], rel=5e-4)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["random", "few levels (ties)", "sorted rows and columns"]))
def test_thinning_keeps_each_mentees_and_each_mentors_best(seed, kind):
    """The thinned graph holds every mentee's k best allowed mentors and every mentor's l best allowed
    mentees (by value: among ties any), however the sampled floors fall: ties, or banks sorted so
    that the samples are the worst of each row."""
    rng = np.random.default_rng(seed)
    n, m, k, l_ = int(rng.integers(30, 2500)), int(rng.integers(5, 300)), int(rng.integers(1, 12)), int(rng.integers(1, 50))
    score = rng.random((n, m)).astype(np.float32)
    if kind == "few levels (ties)":
        score = np.round(score * 4) / 4
    if kind == "sorted rows and columns":
        score = np.sort(np.sort(score, axis=1), axis=0)
    ok = rng.random((n, m)) < rng.choice([0.05, 0.5, 0.8, 1.0])
    rows, cols = _thin(score, ok, k, l_)
    assert ok[rows, cols].all() and len(set(zip(rows.tolist(), cols.tolist()))) == len(rows)
    kept = np.full((n, m), -1.0, dtype=np.float32)
    kept[rows, cols] = score[rows, cols]
    allowed = np.where(ok, score, -1.0)
    best_of = lambda a, count: -np.sort(-a, axis=1)[:, :count]     # noqa: E731
    assert (best_of(kept, min(k, m)) >= best_of(allowed, min(k, m))).all()          # each mentee's k best
    assert (best_of(kept.T, min(l_, n)) >= best_of(allowed.T, min(l_, n))).all()    # each mentor's l best
    assert len(rows) <= n * min(k, m) + m * min(l_, n)                          # and nothing more


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_assign_rules_hold_on_random_banks(seed):
    rng = np.random.default_rng(seed)
    ids = [f"p{i}@s.ru" for i in range(12)]
    e = mentees_frame([{"person_id": p, "topics": list(rng.choice(T, rng.integers(1, 3), replace=False)),
                        "subjects": [], "experience": int(rng.integers(0, 5)), "format": "", "availability": []}
                       for p in ids[:8]])
    mm = mentors_frame([{"person_id": p, "topics": list(rng.choice(T, rng.integers(1, 4), replace=False)),
                         "subjects": [], "experience": 20, "qualification": "Высшая", "format": [],
                         "availability": [], "capacity": int(rng.integers(0, 3))} for p in ids[5:]])
    locked = [(ids[0], ids[6])] if rng.random() < 0.5 else []
    forbidden = [(ids[1], ids[7]), (ids[2], ids[8])]
    a = assign(e, mm, locked=locked, forbidden=forbidden, min_score=0.35)
    pairs = set(zip(a.pairs.mentee_id, a.pairs.mentor_id))
    assert not pairs & set(forbidden)
    assert all(m != p for m, p in pairs)
    assert set(locked) <= pairs
    free = a.pairs[~a.pairs.locked]
    assert (free.score >= 0.35).all()
    load = a.pairs.groupby("mentor_id").size()
    assert all(load.get(m, 0) <= max(mm.at[m, "capacity"], sum(1 for lk in locked if lk[1] == m)) for m in mm.index)
    assert a.pairs.mentee_id.is_unique
    assert set(a.unmatched.mentee_id) == set(e.index) - set(a.pairs.mentee_id)


def test_demand_and_supply_per_topic_by_hand():
    table = demand_supply(E, M, T).set_index("topic")
    # ИКТ: anna asks; ivan covers (cap 1). ОГЭ: boris asks; ivan (1) + anna (2) cover.
    assert table.loc[T[0]].tolist() == [1, 1, 1, 0]
    assert table.loc[T[2]].tolist() == [1, 2, 3, -2]
    assert table.loc[T[3]].tolist() == [1, 0, 0, 1]
    assert training_needs(demand_supply(E, M, T)) == [T[3]]


def test_approving_keeps_every_row_already_in_the_pairs_tab_and_numbers_new_pairs_after_them():
    from analysis import load_program
    from analysis.writes import approve
    from data_sources import demo_source

    tabs = demo_source("2026/27").read()
    program = load_program(tabs, year="2026/27")
    current = tabs["Пары"].copy()
    current.loc[len(current)] = ["", "Строка без e-mail", *[""] * (current.shape[1] - 2)]          # unreadable
    current.loc[len(current)] = ["ushla@integral-lyceum.ru", "Ушла Из Банка", "petrova.iv@integral-lyceum.ru",
                                 "Петрова Ирина Васильевна", "П-11", "Работа с родителями", "01.10.2026",
                                 "завершена досрочно", "Программа № 11"]                              # left the bank
    approved = set(zip(program.pairs.mentee_id, program.pairs.mentor_id))
    proposal = assign(program.mentees, program.mentors, locked=approved).pairs
    result = approve(current, proposal, program.mentees, program.mentors, start=pd.Timestamp("2026-11-25"),
                     config=load_config())

    sheet = result.sheet
    assert sheet.iloc[:len(current)].values.tolist() == current.values.tolist()           # nothing rewritten
    new = sheet.iloc[len(current):]
    assert result.added == len(new) == len(proposal) - len(approved)
    assert set(new["Дата начала"]) == {"25.11.2026"} and set(new["Статус"]) == {"утверждена"}
    numbers = sorted(int(c[2:]) for c in new["Пара/группа"] if c.startswith("П-"))
    assert numbers[0] == 12 and len(set(new["Пара/группа"]) & set(current["Пара/группа"])) == 0   # after П-11
    kept = result.pairs.set_index("mentee_id").loc["orlov.ds@integral-lyceum.ru"]
    assert (kept["group"], kept["program"], pd.Timestamp(kept["start"])) == \
        ("П-01", "Персонализированная программа № 1", pd.Timestamp("2026-10-12"))
    again = load_program({**tabs, "Пары": sheet}, year="2026/27")
    assert len(again.pairs) == len(program.pairs) + 1 + result.added                      # the unreadable row stays unread
    assert any(p.tab == "Пары" and "не указан e-mail" in p.message and p.severity == "error" for p in again.problems)


def test_approving_into_a_school_tab_with_its_own_columns_keeps_them_and_adds_the_missing_ones():
    from analysis import load_program
    from analysis.writes import approve
    from data_sources import demo_source

    tabs = demo_source("2026/27").read()
    program = load_program(tabs, year="2026/27")
    current = pd.DataFrame([["Примечание школы", "orlov.ds@integral-lyceum.ru", "smirnova.av@integral-lyceum.ru"]],
                           columns=["Комментарий", "E-mail наставляемого", "E-mail наставника"])
    proposal = assign(program.mentees, program.mentors, locked={("orlov.ds@integral-lyceum.ru",
                                                                  "smirnova.av@integral-lyceum.ru")}).pairs
    sheet = approve(current, proposal, program.mentees, program.mentors, start=pd.Timestamp("2026-11-25"),
                    config=load_config()).sheet
    assert list(sheet.columns[:3]) == list(current.columns) and "Дата начала" in sheet.columns
    assert sheet.iloc[0, :3].tolist() == current.iloc[0].tolist()
    again = load_program({**tabs, "Пары": sheet}, year="2026/27")
    assert set(again.pairs.mentee_id) == set(proposal.mentee_id)
