"""Forms and types of mentoring («педагог – педагог»), suggested from the data by the rules of config
[mentoring] (pure pandas).

A form follows the mentee's survey answers (the first form in config order whose every condition holds: a
young specialist, a class teacher, a requested topic, years of experience); a type follows the pair (a group
code Г-n, a digital topic in which the mentee is the stronger one, the format asked for, the pair's topic). A
form or type the coordinator typed into the `Пары` tab wins over the suggestion. The matching's criterion
«форма наставничества» scores how well each mentor carries the form each mentee needs (`needed`,
`mentor_fit`, `mentor_check`). The reasons name only config words and numbers, never what a person typed.
"""
from __future__ import annotations

from dataclasses import dataclass
from collections import Counter
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from . import normalize as nz
from .config import Config
from .memo import per_read
from .normalize import plural


@dataclass(frozen=True)
class FormRule:
    """One form of [[mentoring.forms]]: who needs it (all given conditions) and what it asks of a mentor."""
    name: str
    form: str = ""
    young: bool = False
    positions: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    min_years: float | None = None
    mentor_min_years: float | None = None
    mentor_qualification: tuple[str, ...] = ()
    mentor_topics: tuple[str, ...] = ()
    mentor_positions: tuple[str, ...] = ()

    @classmethod
    def of(cls, raw: Mapping[str, Any]) -> "FormRule":
        def words(key: str) -> tuple[str, ...]:
            return tuple(str(x) for x in raw.get(key, ()))

        def years(key: str) -> float | None:
            return float(raw[key]) if raw.get(key) is not None else None

        return cls(str(raw["name"]), str(raw.get("form") or ""), bool(raw.get("young", False)), words("positions"), words("categories"),
                   words("topics"), years("min_years"), years("mentor_min_years"), words("mentor_qualification"),
                   words("mentor_topics"), words("mentor_positions"))

    @property
    def has_conditions(self) -> bool:
        return bool(self.young or self.positions or self.categories or self.topics or self.min_years is not None)

    @property
    def role(self) -> bool:
        return bool(self.mentor_topics or self.mentor_positions)


@dataclass(frozen=True)
class Settings:
    forms: tuple[FormRule, ...]
    types: tuple[Mapping[str, Any], ...]
    young_years: float
    young_categories: tuple[str, ...]
    default_form: str
    default_type: str
    digital_topics: tuple[str, ...]
    form: str = "педагог – педагог"

    def form_of(self, role_model: str) -> str:
        """The form of mentoring a role model belongs to ([mentoring] form unless the model names its own)."""
        rule = next((f for f in self.forms if f.name == role_model), None)
        return (rule.form if rule and rule.form else "") or self.form

    @property
    def form_names(self) -> list[str]:
        names = [f.name for f in self.forms]
        return names + ([self.default_form] if self.default_form not in names else [])

    @property
    def type_names(self) -> list[str]:
        names = [str(t["name"]) for t in self.types]
        return names + ([self.default_type] if self.default_type not in names else [])


def settings(config: Config | Settings) -> Settings:
    """The [mentoring] rules of `config` (read once per config: the matching explains thousands of pairs)."""
    return config if isinstance(config, Settings) else _settings(config)


@per_read()
def _settings(config: Config) -> Settings:
    s = config.mentoring
    forms = tuple(FormRule.of(f) for f in s.forms)
    return Settings(forms, s.types, s.young_years, s.young_categories, s.default_form or (forms[-1].name if forms else ""),
                    s.default_type, s.digital_topics, s.form)


def form_words(role_model: str, config: Config | Settings) -> str:
    """How a document names a pair's form: «педагог – педагог, ролевая модель «опытный педагог – молодой
    специалист»» — the form and, inside it, the role model (a model that is a form itself is named once)."""
    s = settings(config)
    model = str(role_model or "").strip()
    form = s.form_of(model)
    if not model or nz.fold(model) == nz.fold(form):
        return form
    return f"{form}, ролевая модель «{model}»"


def options(config: Config) -> tuple[list[str], list[str]]:
    """The forms and the types a coordinator may choose (config order)."""
    s = settings(config)
    return s.form_names, s.type_names


# --- what a person's answers say -----------------------------------------------
def _lists(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series([[]] * len(frame), index=frame.index, dtype=object)
    return frame[column].map(lambda v: list(v) if isinstance(v, (list, tuple, set, np.ndarray)) else
                             ([v] if isinstance(v, str) and v else []))


def _folded(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series("", index=frame.index)
    return frame[column].map(lambda v: nz.fold(v) if isinstance(v, str) else "")


def _years(frame: pd.DataFrame) -> pd.Series:
    return pd.to_numeric(frame["experience"], errors="coerce") if "experience" in frame \
        else pd.Series(np.nan, index=frame.index)


def needed(mentees: pd.DataFrame, config: Config | Settings) -> pd.DataFrame:
    """Per mentee (same index): the form their answers call for and why — [form, why]. The conditions are
    checked for the whole bank at once; the words only for those a form takes."""
    s = settings(config)
    years = _years(mentees).to_numpy(dtype=float)
    category, position = _folded(mentees, "category").tolist(), _folded(mentees, "position").tolist()
    topics = _lists(mentees, "topics").tolist()
    young_words = [nz.fold(w) for w in s.young_categories]
    by_years = years <= s.young_years
    young = by_years | np.array([any(c.startswith(w) for w in young_words) for c in category], dtype=bool)
    form = np.full(len(mentees), s.default_form, dtype=object)
    why = np.full(len(mentees), "ни одно правило формы не подошло — форма по умолчанию", dtype=object)
    open_ = np.ones(len(mentees), dtype=bool)
    for rule in s.forms:
        ok = open_.copy()
        positions, categories = [nz.fold(w) for w in rule.positions], [nz.fold(w) for w in rule.categories]
        if rule.young:
            ok &= young
        if positions:
            ok &= np.array([any(w in p for w in positions) for p in position], dtype=bool)
        if categories:
            ok &= np.array([any(c.startswith(w) for w in categories) for c in category], dtype=bool)
        if rule.topics:
            ok &= np.array([bool(set(rule.topics).intersection(ts)) for ts in topics], dtype=bool)
        if rule.min_years is not None:
            ok &= years >= rule.min_years
        for i in np.flatnonzero(ok):
            parts = []
            if rule.young:
                parts.append(f"стаж {_years_text(years[i])} (до {plural(int(s.young_years), 'года', 'лет', 'лет')} — "
                             "молодой специалист)" if by_years[i] else "категория «молодой специалист»")
            if positions:
                parts.append("должность: " + next(w for w, f in zip(rule.positions, positions) if f in position[i]))
            if categories:
                parts.append("категория: " + next(c for c, f in zip(rule.categories, categories) if category[i].startswith(f)))
            if rule.topics:
                parts.append("запрос: " + ", ".join(t for t in rule.topics if t in topics[i]))
            if rule.min_years is not None:
                parts.append(f"стаж {_years_text(years[i])}")
            form[i] = rule.name
            why[i] = "; ".join(parts) or "остальные наставляемые (последнее правило форм)"
        open_ &= ~ok
    return pd.DataFrame({"form": form, "why": why}, index=mentees.index)


def _years_text(years: float) -> str:
    return plural(int(years), "год", "года", "лет")


def mentor_fit(mentors: pd.DataFrame, config: Config | Settings) -> pd.DataFrame:
    """Mentor × form: the share of the form's requirements the mentor meets (an unknown experience counts
    half; a form that asks nothing: 1)."""
    s = settings(config)
    years = _years(mentors).to_numpy(dtype=float)
    qual = [q if isinstance(q, str) else "" for q in mentors["qualification"]] if "qualification" in mentors \
        else [""] * len(mentors)
    position, topics = _folded(mentors, "position").tolist(), _lists(mentors, "topics").tolist()
    out = {}
    for name in s.form_names:
        rule = next((f for f in s.forms if f.name == name), FormRule(name))
        parts = []
        if rule.mentor_min_years is not None:
            parts.append(np.where(np.isnan(years), 0.5, years >= rule.mentor_min_years))
        if rule.mentor_qualification:
            parts.append(np.isin(qual, rule.mentor_qualification))
        if rule.role:
            words = [nz.fold(w) for w in rule.mentor_positions]
            parts.append([bool(set(rule.mentor_topics).intersection(t)) or any(w in p for w in words)
                          for t, p in zip(topics, position)])
        out[name] = np.mean(np.array(parts, dtype=float), axis=0) if parts else np.ones(len(mentors))
    return pd.DataFrame(out, index=mentors.index, dtype=float)


def mentor_check(mentor: Mapping[str, Any], form: str, config: Config | Settings) -> str:
    """In words: what of the form's requirements this mentor meets and what they lack (`config` may be the
    ready `settings(config)` when many pairs are explained)."""
    s = settings(config)
    rule = next((f for f in s.forms if f.name == form), FormRule(form))
    has, lacks = [], []
    try:
        years = float(mentor.get("experience"))
    except (TypeError, ValueError):
        years = np.nan
    if rule.mentor_min_years is not None:
        need = plural(int(rule.mentor_min_years), "год", "года", "лет")
        if pd.isna(years):
            lacks.append(f"стаж неизвестен (нужно от {need})")
        else:
            (has if years >= rule.mentor_min_years else lacks).append(
                f"стаж {_years_text(years)}" + ("" if years >= rule.mentor_min_years else f" (нужно от {need})"))
    if rule.mentor_qualification:
        q = mentor.get("qualification")
        q = q if isinstance(q, str) else ""
        if q in rule.mentor_qualification:
            has.append(f"категория {q.lower()}")
        else:
            lacks.append("категория " + (q.lower() if q else "не указана"))
    if rule.role:
        topics = mentor.get("topics")
        topics = list(topics) if isinstance(topics, (list, tuple, set, np.ndarray)) else []
        position = nz.fold(mentor.get("position")) if isinstance(mentor.get("position"), str) else ""
        role = [t for t in rule.mentor_topics if t in topics] + [w for w in rule.mentor_positions if nz.fold(w) in position]
        if role:
            has.append("ведёт: " + role[0])
        else:
            lacks.append("не ведёт: " + (rule.mentor_topics or rule.mentor_positions)[0])
    said = ", ".join(has) if has else ""
    if lacks:
        said += ("; " if said else "") + "не хватает: " + ", ".join(lacks)
    return said or "требований нет"


# --- per pair ------------------------------------------------------------------
def _typed(values: Iterable[object]) -> str:
    for v in values:
        if isinstance(v, str) and v.strip():
            return v.strip()
    return ""


def _pair_type(s: Settings, code: str, rows: list[dict], topics_of: Mapping[str, list], format_of: Mapping[str, str]
               ) -> tuple[str, str]:
    """The first type of [[mentoring.types]] whose rule the pair/group holds, and why."""
    ids, mentor_ids = [r["mentee_id"] for r in rows], [r["mentor_id"] for r in rows]
    for t in s.types:
        name = str(t["name"])
        if t.get("reverse") and s.digital_topics:
            for e, m in zip(ids, mentor_ids):
                offers, has = topics_of.get(e, []), topics_of.get(m, [])
                strong = [x for x in s.digital_topics if x in offers and x not in has]
                if strong:
                    return name, f"наставляемый сам наставник по теме «{strong[0]}», а его наставник её не ведёт"
        prefix = t.get("group_prefix")
        if prefix and str(code).strip().startswith(str(prefix)):
            return name, f"код группы {code}"
        words = [nz.fold(w) for w in t.get("format_words", ())]
        hit = next((w for e in ids for w in words if w in format_of.get(e, "")), None)
        if hit:
            return name, f"предпочтительный формат наставляемого: {hit}"
        topics = t.get("pair_topics")
        if topics:
            hit = next((r.get("topic") for r in rows if r.get("topic") in topics), None)
            if hit:
                return name, f"тема программы «{hit}»"
    return s.default_type, "ни одно правило вида не подошло — вид по умолчанию"


def _code(row: Mapping[str, Any]) -> str:
    code = row.get("group")
    if isinstance(code, str) and code.strip():
        return code.strip()
    return f"строка {int(row['_row'])}" if pd.notna(row.get("_row")) else f"{row['mentee_id']} — {row['mentor_id']}"


def suggest(program, config: Config) -> pd.DataFrame:
    """Per pair/group code of `program.pairs` (the `Пары` tab): the form and type of mentoring and why —
    DataFrame[form, type, reason] indexed by code. A value typed into the tab («Форма наставничества»,
    «Вид наставничества») wins; otherwise the form most of the group's mentees need (config order on a tie)
    and the first type whose rule holds."""
    return for_pairs(program.pairs, program.mentees, program.mentors, config)


def for_proposal(program, proposal: pd.DataFrame, config: Config) -> pd.DataFrame:
    """The form and type of each code of a matching proposal (mentee_id, mentor_id, group, topic): for a code
    already in `Пары` what the tab says (or suggests), for a new one the suggestion."""
    new = for_pairs(proposal, program.mentees, program.mentors, config)
    have = suggest(program, config)
    return pd.concat([have[have.index.isin(new.index)], new[~new.index.isin(have.index)]]).reindex(new.index)


def for_pairs(pairs: pd.DataFrame | None, mentees: pd.DataFrame, mentors: pd.DataFrame,
              config: Config) -> pd.DataFrame:
    """`suggest` for any pairs frame (mentee_id, mentor_id, group, topic; optional form, type)."""
    s = settings(config)
    cols = ["form", "type", "reason"]
    if pairs is None or pairs.empty:
        return pd.DataFrame(columns=cols, index=pd.Index([], name="code"))
    records = pairs.to_dict("records")
    need = needed(mentees.reindex(pd.unique(pairs["mentee_id"])), config)
    need_form, need_why = dict(zip(need.index, need.form)), dict(zip(need.index, need.why))
    topics_of = dict(zip(mentors.index, _lists(mentors, "topics")))        # what each mentor bank member leads
    format_of = dict(zip(mentees.index, _folded(mentees, "format")))
    known = set(mentees.index)
    order = {n: i for i, n in enumerate(s.form_names)}
    groups: dict[str, list[dict]] = {}
    for r in records:
        groups.setdefault(_code(r), []).append(r)
    rows = []
    for code, part in groups.items():
        in_bank = [r["mentee_id"] for r in part if r["mentee_id"] in known]
        typed_form, typed_type = _typed(r.get("form") for r in part), _typed(r.get("type") for r in part)
        if typed_form:
            form, form_why = typed_form, "указана в листе «Пары»"
        elif in_bank:
            counts = Counter(need_form[e] for e in in_bank)
            form = min(counts, key=lambda f: (-counts[f], order.get(f, len(order))))
            first = next(e for e in in_bank if need_form[e] == form)
            form_why = need_why[first] + (f" ({counts[form]} из {len(part)} наставляемых)" if len(part) > 1 else "")
        else:
            form, form_why = s.default_form, "наставляемого нет в банке — форма по умолчанию"
        if typed_type:
            kind, type_why = typed_type, "указан в листе «Пары»"
        else:
            kind, type_why = _pair_type(s, code, part, topics_of, format_of)
        rows.append((code, form, kind, f"форма: {form_why}; вид: {type_why}"))
    return pd.DataFrame(rows, columns=["code", *cols]).set_index("code")


def by_form_and_type(program, config: Config) -> pd.DataFrame:
    """How many pairs/groups and mentees of `Пары` have each form and type: DataFrame[form, type, pairs, mentees]."""
    cols = ["form", "type", "pairs", "mentees"]
    chosen = suggest(program, config)
    if chosen.empty:
        return pd.DataFrame(columns=cols)
    pairs = program.pairs.assign(code=[_code(r) for r in program.pairs.to_dict("records")])
    mentees = pairs.groupby("code")["mentee_id"].nunique()
    table = chosen.assign(mentees=mentees.reindex(chosen.index).fillna(0).astype(int))
    out = table.groupby(["form", "type"], sort=False).agg(pairs=("mentees", "size"), mentees=("mentees", "sum"))
    return out.reset_index()[cols].sort_values(["pairs", "mentees"], ascending=False, kind="stable").reset_index(drop=True)
