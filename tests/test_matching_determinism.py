"""Matching gives the same pairs on any machine and for any order of rows, and stays optimal: checked against the
independent dense solver (scipy's linear_sum_assignment on capacity slots), never against one pinned optimum among
many (ties between equally good assignments are broken by who the people are)."""
import numpy as np
import pandas as pd
import pytest

from analysis import load_config
from analysis.matching import assign, dense_reference, score_pairs

CONFIG = load_config()
TOPICS = ["ИКТ и цифровые ресурсы в обучении", "Работа с родителями", "Подготовка к ОГЭ и ЕГЭ",
          "Классное руководство, воспитательная работа", "Профилактика профессионального выгорания"]
DAYS = ["Понедельник", "Вторник", "Среда", "Четверг", "Пятница"]


def banks(seed: int, n: int, m: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Random banks with few distinct answers: many equally good assignments."""
    rng = np.random.default_rng(seed)

    def some(options, most):
        return list(rng.choice(options, int(rng.integers(1, most + 1)), replace=False))

    mentees = pd.DataFrame([{"person_id": f"e{i}@s.ru", "topics": some(TOPICS, 2), "subjects": [],
                             "experience": int(rng.integers(0, 4)), "format": "Не важно",
                             "availability": some(DAYS, 2)} for i in range(n)]).set_index("person_id")
    mentors = pd.DataFrame([{"person_id": f"m{i}@s.ru", "topics": some(TOPICS, 3), "subjects": [],
                             "experience": int(rng.integers(5, 25)), "qualification": "Высшая", "format": [],
                             "availability": some(DAYS, 3), "capacity": int(rng.integers(1, 4))}
                            for i in range(m)]).set_index("person_id")
    return mentees, mentors


def pairs_of(a) -> set[tuple[str, str]]:
    return set(zip(a.pairs.mentee_id, a.pairs.mentor_id))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_same_people_give_the_same_pairs_whatever_the_order_of_rows(seed):
    mentees, mentors = banks(seed, 300, 100)
    rng = np.random.default_rng(seed + 100)
    locked = {(mentees.index[0], mentors.index[0]), (mentees.index[5], mentors.index[3])}
    forbidden = {(mentees.index[1], m) for m in mentors.index[:20]}
    first = assign(mentees, mentors, locked=locked, forbidden=forbidden, min_score=0.3, config=CONFIG)
    for _ in range(3):
        shuffled = assign(mentees.sample(frac=1, random_state=rng.integers(1 << 31)),
                          mentors.sample(frac=1, random_state=rng.integers(1 << 31)),
                          locked=locked, forbidden=forbidden, min_score=0.3, config=CONFIG)
        assert pairs_of(shuffled) == pairs_of(first)
        assert set(shuffled.unmatched.mentee_id) == set(first.unmatched.mentee_id)
    assert locked <= pairs_of(first) and not pairs_of(first) & forbidden


@pytest.mark.parametrize("seed", [4, 5])
def test_the_assignment_is_as_good_as_the_independent_dense_solver(seed):
    mentees, mentors = banks(seed, 250, 80)
    scores = score_pairs(mentees, mentors, config=CONFIG)
    a = assign(mentees, mentors, scores=scores, min_score=0.3, config=CONFIG)
    values = scores.to_numpy()
    ref = dense_reference(values, mentors["capacity"].to_numpy(), np.nan_to_num(values, nan=-1) >= 0.3)
    taken = [(i, j) for i, j in enumerate(ref) if j >= 0]
    assert a.objective[0] == len(taken)                                     # as many mentees paired
    best = sum(float(values[i, j]) for i, j in taken)
    assert a.objective[1] == pytest.approx(best, abs=1e-6 * len(taken))    # the same total score (to 1e-6 a pair)
    assert (a.pairs.groupby("mentor_id").size() <= mentors["capacity"].reindex(
        a.pairs.groupby("mentor_id").size().index)).all()


def test_a_pair_that_ended_early_is_not_proposed_again():
    from analysis import load_program
    from analysis.waiting import ended_pairs
    from data_sources import demo_source

    program = load_program(demo_source("2025/26").read(), CONFIG, year="2025/26")
    ended = ended_pairs(program)
    assert ended                                                            # komarova.ko's group ended in March
    a = assign(program.mentees, program.mentors, forbidden=ended, config=CONFIG)
    assert not pairs_of(a) & ended
