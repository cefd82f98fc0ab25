"""Personalized mentoring programs (ППН) of the pairs/groups: the draft, the saved plan, its write, its progress.

The definition a ППН follows (the methodological recommendations, письмо Минпросвещения России № АЗ-1128/08 и
Общероссийского Профсоюза образования № 657 от 21.12.2021, as school Положения quote it): «краткосрочная
персонализированная программа (от 3 месяцев до 1 года), включающая описание форм и видов наставничества,
участников наставнической деятельности, направления наставнической деятельности и перечень мероприятий,
нацеленных на устранение выявленных профессиональных затруднений наставляемого и на поддержку его сильных
сторон». So a plan here has: its term (`term`, `term_problem`); goal; tasks; form (with its role model) and type;
participants with position and subjects; the directions; the mentee's difficulties (topics, own words) and her
strengths before the mentor's; the plan of activities (date, activity, format, responsible, done mark, and the
difficulty each addresses — `with_addresses`); expected results; how results are summed up. The section names and
every text of a draft are the school's wording ([plans]), not the letter's.

Everything a draft says comes from `config.toml` [plans] (templates per topic, formats, texts) and the data:
the mentees' requests, the mentor's bank answers, the pair's start date. Pure pandas: no Streamlit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from data_sources.base import TabChange

from . import normalize as nz
from .config import Config, outside_default
from .memo import per_read
from .mentoring_forms import suggest
from .program import Program, parse_form
from .schoolyear import year_bounds, year_finished
from .writes import NO, YES, Edit, meanwhile, place, three_way

ITEM_COLUMNS = ["due", "activity", "format", "responsible", "done"]
# «Раздел» of a row in the `Программы` tab: the plan's head (latest row of a section wins) and its activities
SECTIONS = {"goal": "Цель", "tasks": "Задачи", "form": "Форма", "type": "Вид", "expected": "Ожидаемые результаты"}
ITEM_SECTION = "Мероприятие"
PROGRESS_RU = {"done": "выполнено", "soon": "скоро срок", "overdue": "просрочено", "planned": "запланировано",
               "not_done": "не выполнено"}
DEFAULT_TYPE = "традиционная («один на один»)"     # as config [mentoring] default_type
_CODE = re.compile(r"^\s*([ПГ])-(\d+)")


@dataclass
class Plan:
    """One pair's/group's ППН. `items`: due (datetime64), activity, format, responsible, done (bool)."""
    group: str
    goal: str
    tasks: list[str]
    form: str
    expected: list[str]
    items: pd.DataFrame
    type: str = DEFAULT_TYPE
    topic: str = ""
    participants: list[tuple[str, str]] = field(default_factory=list)    # (role, name)
    difficulties: list[str] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)
    summing_up: str = ""
    directions: list[str] = field(default_factory=list)
    about: dict[str, str] = field(default_factory=dict)     # participant's name -> position, subjects, category
    start: pd.Timestamp | None = None                        # the term: from – to
    end: pd.Timestamp | None = None
    requests: list[str] = field(default_factory=list)       # the mentees' requests in their words (first sentence)
    categories: list[str] = field(default_factory=list)     # the [plans.categories] keys the mentees fall under
    saved: bool = False          # read from the `Программы` tab (it wins over the draft)


# --- the year and the pairs ---------------------------------------------------
def _order(code: str) -> tuple:
    m = _CODE.match(str(code or ""))
    return (m[1], int(m[2]), "") if m else ("Я", 0, str(code))


def group_codes(program: Program) -> list[str]:
    """The codes (П-n, Г-n) of the approved pairs/groups that have not ended, in their order."""
    active = program.active_pairs()
    codes = {str(g).strip() for g in active["group"].dropna() if str(g).strip()} if len(active) else set()
    return sorted(codes, key=_order)


def members(program: Program, group: str) -> pd.DataFrame:
    """The pair rows (one per mentee) of a pair/group code."""
    active = program.active_pairs()
    return active[active["group"].fillna("").astype(str).str.strip() == group] if len(active) else active


def _form_of(program: Program, group: str, config: Config | None, forms: pd.DataFrame | None = None
             ) -> tuple[str, str]:
    """(form, type) of mentoring for the pair: what `Пары` says, else the suggestion from the data
    (`forms`: analysis.mentoring_forms.suggest of the program, when the caller has it for every pair)."""
    found = suggest(program, config) if forms is None else forms
    default = outside_default(config).mentoring.default_type
    if group not in found.index:
        return "", default
    form, kind = found.at[group, "form"], found.at[group, "type"]
    return str(form or ""), str(kind or "") or default


# --- the draft -----------------------------------------------------------------
def _cell(bank: pd.DataFrame, pid: str, column: str, default=None):
    if pid in bank.index and column in bank:
        value = bank.at[pid, column]
        if isinstance(value, list) or (value is not None and not (isinstance(value, float) and pd.isna(value))):
            return value
    return default


def _weekday(day: pd.Timestamp) -> pd.Timestamp:
    """A working day: a Saturday or Sunday moves back to Friday."""
    return day - pd.Timedelta(days=max(0, day.weekday() - 4))


def _templates(settings, topic: str) -> list[dict]:
    return [dict(t) for t in settings.get("topics", {}).get(topic, ())]


def _first_sentence(text: str, limit: int = 160) -> str:
    text = nz.clean_text(text)
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0].rstrip(".!? ")
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + "…"


def _years_text(value) -> str:
    return nz.plural(int(value), "год", "года", "лет")


def _category_rule(settings, category: str) -> tuple[str, dict]:
    """The [plans.categories] entry whose key the mentee's category starts with (folded), else ("", {})."""
    folded = nz.fold(category or "")
    for key, rule in settings.get("categories", {}).items():
        if folded and folded.startswith(nz.fold(key)):
            return str(key), dict(rule)
    return "", {}


def draft_plan(program: Program, group: str, config: Config | None = None, *, forms: pd.DataFrame | None = None
               ) -> Plan:
    """The draft ППН of pair/group `group`, written for its people: the goal and the expected results from the
    mentees' own request and topics; the directions from their difficulties; the activities chosen for their
    topics and their category ([plans.categories]: a young specialist's first year is not an experienced
    teacher's change of subject), each naming the difficulty it addresses (`addresses`); the mentees' own
    strengths before the mentor's; the term from the pair's start to the end of the year.

    Activities: the entry diagnostics first, the topic templates of [plans.topics] (the pair's topic, then the
    other requested topics the mentor covers), the category's, the final reflection and questionnaire last —
    dated over the academic year from the pair's start date, on working days."""
    config = outside_default(config)
    s = config.section("plans")
    rows = members(program, group)
    if not len(rows):
        raise KeyError(f"нет утверждённой пары/группы с кодом «{group}»")
    mentor_id = str(rows["mentor_id"].iloc[0])
    mentee_ids = [str(m) for m in rows["mentee_id"]]
    first_topic = next((str(t) for t in rows["topic"].dropna() if str(t).strip()), "")
    asked = [t for m in mentee_ids for t in (_cell(program.mentees, m, "topics", []) or [])]
    covers = set(_cell(program.mentors, mentor_id, "topics", []) or [])
    covered = list(dict.fromkeys([first_topic] * bool(first_topic) + [t for t in asked if t in covers]))
    topics = covered[:int(s.get("topics_max", 2))] or ([asked[0]] if asked else [])
    topic = topics[0] if topics else ""

    def name(bank: pd.DataFrame, pid: str, fallback: object) -> str:
        return str(_cell(bank, pid, "full_name") or (fallback if isinstance(fallback, str) and fallback else pid))

    mentor_name = name(program.mentors, mentor_id, rows["mentor_name"].iloc[0])
    mentee_names = [name(program.mentees, m, n) for m, n in zip(mentee_ids, rows["mentee_name"])]
    participants = [("Наставник", mentor_name)] + [("Наставляемый", n) for n in mentee_names]
    about = {mentor_name: _about(program.mentors, mentor_id, mentor=True)}
    about.update({n: _about(program.mentees, m) for m, n in zip(mentee_ids, mentee_names)})

    requests = [_first_sentence(str(_cell(program.mentees, m, "request_text", "") or "")) for m in mentee_ids]
    said = [r for r in dict.fromkeys(requests) if r]
    categories = [str(_cell(program.mentees, m, "category", "") or "") for m in mentee_ids]
    rules = [r for r in dict.fromkeys(_category_rule(s, c)[0] for c in categories) if r]
    by_rule = dict(s.get("categories", {}))

    tasks = [s.get("task_topic", "Освоить приёмы по теме «{topic}»").replace("{topic}", t) for t in topics]
    tasks += [s.get("task_request", "«{request}»").replace("{request}", r) for r in said]
    tasks += [str(by_rule[r]["task"]) for r in rules if by_rule[r].get("task")]
    expected = [s.get("expected_topic", "«{topic}»").replace("{topic}", t) for t in topics]
    expected += [s.get("expected_request", "«{request}»").replace("{request}", r) for r in said]
    expected += [str(by_rule[r]["expected"]) for r in rules if by_rule[r].get("expected")]
    expected += list(s.get("expected", ()))
    goal = str(s.get("goal", "{topic}")).replace("{topic}", topic or "по запросу наставляемого").replace(
        "{request}", s.get("goal_request", "«{request}»").replace("{request}", said[0]) if said else
        s.get("goal_no_request", "преодоление затруднений и закрепление сильных сторон"))
    directions = [s.get("direction_topic", "«{topic}»").replace("{topic}", t)
                  for t in dict.fromkeys(covered or topics)]
    directions += [str(by_rule[r]["direction"]) for r in rules if by_rule[r].get("direction")]

    difficulties, strengths = [], []
    for m, who in zip(mentee_ids, mentee_names):
        own = _cell(program.mentees, m, "topics", []) or []
        line = f"{who}: темы запроса — {', '.join(own) or 'не указаны'}"
        full = str(_cell(program.mentees, m, "request_text", "") or "").strip()
        difficulties.append(line + (f"; своими словами: «{full}»" if full else ""))
        strong = _cell(program.mentors, m, "topics", []) or []
        experience = _cell(program.mentees, m, "experience")
        subjects = _cell(program.mentees, m, "subjects", []) or []
        bits = [f"преподаёт: {', '.join(subjects)}"] if subjects else []
        bits += [f"педагогический стаж {_years_text(experience)}"] if experience is not None else []
        bits += [f"сам(а) готов(а) помогать коллегам в темах: {', '.join(strong)}"] if strong else []
        strengths.append(f"Наставляемый {who}: " + ("; ".join(bits) if bits else "уточняются на входной диагностике"))
    m_topics = [t for t in (_cell(program.mentors, mentor_id, "topics", []) or []) if t in set(asked)] or \
        list(_cell(program.mentors, mentor_id, "topics", []) or [])
    m_bits = [f"ведёт темы: {', '.join(m_topics)}"] if m_topics else []
    if q := _cell(program.mentors, mentor_id, "qualification"):
        m_bits.append(f"квалификационная категория: {q}")
    if (e := _cell(program.mentors, mentor_id, "experience")) is not None:
        m_bits.append(f"стаж {_years_text(e)}")
    strengths.append(f"Наставник {mentor_name}: " + ("; ".join(m_bits) or "по анкете наставника"))

    form, kind = _form_of(program, group, config, forms)
    items = _dated_items(program, rows, topics, config, rules)
    start, end = term(program, rows, config)
    plan = Plan(group=group, goal=goal, tasks=tasks, form=form, expected=expected, items=items, type=kind,
                topic=topic, participants=participants, difficulties=difficulties, strengths=strengths,
                summing_up=str(s.get("summing_up", "")), directions=directions, about=about, start=start, end=end,
                requests=said, categories=rules)
    return replace(plan, items=with_addresses(plan, config))


def _about(bank: pd.DataFrame, pid: str, *, mentor: bool = False) -> str:
    """A participant as a programme lists them: position (or category), subjects, qualification."""
    bits = []
    if position := _cell(bank, pid, "position"):
        bits.append(str(position))
    elif not mentor and (category := _cell(bank, pid, "category")):
        bits.append(str(category).split("(")[0].strip().lower())
    if subjects := _cell(bank, pid, "subjects", []):
        bits.append(", ".join(map(str, subjects)))
    if mentor and (q := _cell(bank, pid, "qualification")):
        bits.append(f"категория: {q}")
    return "; ".join(bits)


def term(program: Program, rows: pd.DataFrame, config: Config) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The programme's term: from the pair's start (not before the year's start) to the end of the year (or the
    date the pair ended, when earlier)."""
    year_start, year_end = year_bounds(program, config)
    starts = pd.to_datetime(rows["start"], errors="coerce").dropna() if "start" in rows else pd.Series(dtype=object)
    start = max(starts.min(), year_start) if len(starts) else year_start
    ends = pd.to_datetime(rows["end"], errors="coerce").dropna() if "end" in rows else pd.Series(dtype=object)
    end = min(ends.max(), year_end) if len(ends) == len(rows) and len(ends) else year_end
    return pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()


TERM_MONTHS = (3, 12)        # a ППН is short-term: from 3 months to a year (the recommendations' definition)


def term_problem(plan: Plan) -> str:
    """Why the plan's term is outside 3 months – 1 year, or ""."""
    if plan.start is None or plan.end is None or pd.isna(plan.start) or pd.isna(plan.end):
        return "срок реализации программы не определён — укажите дату начала пары в листе «Пары»"
    days = (plan.end - plan.start).days
    if days < 90:
        return (f"срок программы {plan.group} — {days} дн., меньше 3 месяцев: персонализированная программа "
                "рассчитана на срок от 3 месяцев до 1 года")
    if days > 366:
        return f"срок программы {plan.group} больше года: персонализированная программа — от 3 месяцев до 1 года"
    return ""


@per_read(size=4)
def _template_index(config: Config) -> dict[str, tuple[str, str, list[str]]]:
    """Folded activity text -> (kind, key, match words): which difficulty a template activity of [plans] was
    written for — ("topic", topic), ("category", its key), ("opening"|"closing"|"default", "") — and the words a
    meeting's topic names it by. Built once per config (every plan and every meeting asks)."""
    s = config.section("plans")
    out: dict[str, tuple[str, str, list[str]]] = {}

    def add(item, kind: str, key: str) -> None:
        folded = nz.fold(item["activity"])
        out.setdefault(folded, (kind, key, [nz.fold(k) for k in item.get("match", ())] or [folded]))

    for kind in ("opening", "closing", "default"):
        for i in s.get(kind, ()):
            add(i, kind, "")
    for t, items in s.get("topics", {}).items():
        for i in items:
            add(i, "topic", str(t))
    for key, rule in s.get("categories", {}).items():
        for i in rule.get("activities", ()):
            add(i, "category", str(key))
    return out


def with_addresses(plan: Plan, config: Config) -> pd.DataFrame:
    """The plan's activities with `addresses`: the difficulty each is aimed at — its topic, the mentee's category,
    the request in her words — found by the [plans] template it came from; an activity the coordinator wrote
    herself is «по запросу наставляемого»."""
    s = config.section("plans")
    index = _template_index(config)
    request = f"запрос: «{plan.requests[0]}»" if plan.requests else "затруднения из запроса"
    words = {"opening": "все затруднения: уточнение на входной диагностике",
             "closing": "все затруднения: оценка результата",
             "default": request}
    categories = dict(s.get("categories", {}))

    def one(activity: object) -> str:
        kind, key, _ = index.get(nz.fold(str(activity or "")), ("", "", []))
        if kind == "topic":
            return f"тема «{key}»"
        if kind == "category":
            return str(categories.get(key, {}).get("direction") or key)
        return words.get(kind, "по запросу наставляемого")

    items = plan.items.copy()
    items["addresses"] = [one(a) for a in items["activity"]] if len(items) else pd.Series(dtype=object)
    return items


def _dated_items(program: Program, rows: pd.DataFrame, topics: list[str], config: Config,
                 categories: list[str] = ()) -> pd.DataFrame:
    s = config.section("plans")
    year_start, year_end = year_bounds(program, config)
    starts = pd.to_datetime(rows["start"], errors="coerce").dropna()
    start = starts.min() if len(starts) else year_start
    start = min(max(start, year_start), year_end - pd.Timedelta(days=90))
    middle, seen = [], set()
    for t in topics:
        for item in _templates(s, t)[:int(s.get("per_topic", 3))]:
            if nz.fold(item["activity"]) not in seen:
                seen.add(nz.fold(item["activity"]))
                middle.append(item)
    for key in categories:
        for item in s.get("categories", {}).get(key, {}).get("activities", ()):
            if nz.fold(item["activity"]) not in seen:
                seen.add(nz.fold(item["activity"]))
                middle.append(dict(item))
    for item in s.get("default", ()):
        if len(middle) >= int(s.get("min_middle", 5)):
            break
        if nz.fold(item["activity"]) not in seen:
            seen.add(nz.fold(item["activity"]))
            middle.append(dict(item))
    order = {f: k for k, f in enumerate(s.get("formats", ()))}
    middle.sort(key=lambda i: order.get(i.get("format"), len(order)))       # consultations first, open lessons late
    dated = [(start + pd.Timedelta(days=int(i.get("days", 7))), i) for i in s.get("opening", ())]
    first, last = start + pd.Timedelta(days=28), year_end - pd.Timedelta(days=35)
    step = (last - first) / max(len(middle) - 1, 1)
    dated += [(first + step * k, i) for k, i in enumerate(middle)]
    dated += [(year_end - pd.Timedelta(days=int(i.get("days", 14))), i) for i in s.get("closing", ())]
    return pd.DataFrame({
        "due": pd.to_datetime([_weekday(pd.Timestamp(d).normalize()) for d, _ in dated]),
        "activity": [str(i["activity"]) for _, i in dated],
        "format": [str(i.get("format", "")) for _, i in dated],
        "responsible": [str(i.get("responsible", "Наставник")) for _, i in dated],
        "done": [False] * len(dated),
    }, columns=ITEM_COLUMNS)


# --- the saved plan ----------------------------------------------------------
def _saved_rows(program: Program, group: str) -> pd.DataFrame:
    tab = program.extra.get("plans", pd.DataFrame())
    if not len(tab) or "group" not in tab:
        return pd.DataFrame(columns=["_row", "group", "section", "activity", "due", "format", "responsible", "done"])
    return tab[tab["group"].fillna("").astype(str).str.strip() == group]


def _is_item(section: object) -> bool:
    text = nz.fold(str(section or ""))
    return not text or text.startswith(nz.fold(ITEM_SECTION)[:8])


def _lines(text: str) -> list[str]:
    return [ln.strip(" •-\t") for ln in str(text or "").splitlines() if ln.strip(" •-\t")]


def _own_plans(plans: dict[str, Plan]) -> dict[str, Plan]:
    return {code: replace(plan, items=plan.items.copy()) for code, plan in plans.items()}


@per_read(copy=_own_plans)
def all_plans(program: Program, config: Config) -> dict[str, Plan]:
    """Every approved pair's/group's plan (saved, else the draft), code -> Plan; the forms suggested once. Drafted
    once per read of the year (plan progress, the справка's risks, the plans and matching pages all ask); each
    caller gets its own copy of the activities."""
    forms = suggest(program, config)
    return {code: plan_for(program, code, config, forms=forms) for code in group_codes(program)}


def plan_for(program: Program, group: str, config: Config, *, forms: pd.DataFrame | None = None
             ) -> Plan:
    """The pair's plan: the one saved in the `Программы` tab (its latest head rows, its activities) over the
    draft; the draft when nothing is saved for the code. `forms`: see `all_plans`."""
    plan = draft_plan(program, group, config, forms=forms)
    rows = _saved_rows(program, group)
    if not len(rows):
        return plan
    head = {nz.fold(v): k for k, v in SECTIONS.items()}
    latest: dict[str, str] = {}
    for r in rows.itertuples(index=False):
        key = head.get(nz.fold(str(r.section or "")))
        if key:
            latest[key] = str(r.activity or "")
    items = rows[[_is_item(x) for x in rows["section"]]]
    changes: dict = {"saved": True}
    for key in ("goal", "form", "type"):
        if key in latest:
            changes[key] = latest[key]
    for key in ("tasks", "expected"):
        if key in latest:
            changes[key] = _lines(latest[key])
    if len(items):
        changes["items"] = pd.DataFrame({
            "due": pd.to_datetime(items["due"], errors="coerce"),
            "activity": items["activity"].fillna("").astype(str),
            "format": items["format"].fillna("").astype(str),
            "responsible": items["responsible"].fillna("").astype(str),
            "done": pd.to_numeric(items["done"], errors="coerce").fillna(0) >= 1,
        }, columns=ITEM_COLUMNS).sort_values("due", kind="stable", na_position="last").reset_index(drop=True)
    plan = replace(plan, **changes)
    return replace(plan, items=with_addresses(plan, config)) if "items" in changes else plan   # the draft's have them


# --- the write -------------------------------------------------------------------
def _head(plan: Plan) -> dict[str, str]:
    """The head sections of a plan as the tab keeps them (one cell each; tasks and results one per line)."""
    return {"goal": str(plan.goal or ""), "tasks": "\n".join(plan.tasks), "form": str(plan.form or ""),
            "type": str(plan.type or ""), "expected": "\n".join(plan.expected)}


def _item_key(activity: object, due: object) -> tuple[str, str]:
    when = pd.to_datetime(due, errors="coerce")
    return nz.fold(str(activity or "")), (when.strftime("%Y-%m-%d") if pd.notna(when) else "")


def _saved_state(tab: pd.DataFrame | None, group: str, config: Config
                ) -> tuple[dict[str, tuple[str, int]], dict[tuple[str, str], list[tuple[int, bool, str]]]]:
    """A pair's saved ППН in the `Программы` tab: each head section's latest (text, row), each activity's rows
    (row, done, text) by content (activity and date)."""
    spec = config.service["plans"]
    parsed = parse_form(tab, spec, spec.tab, config)[0] if tab is not None and tab.shape[1] else pd.DataFrame()
    mine = parsed[parsed["group"].fillna("").astype(str).str.strip() == group] if len(parsed) else parsed
    latest: dict[str, tuple[str, int]] = {}
    there: dict[tuple[str, str], list[tuple[int, bool, str]]] = {}
    for r in mine.to_dict("records"):
        if _is_item(r.get("section")):
            there.setdefault(_item_key(r.get("activity"), r.get("due")), []).append(
                (int(r["_row"]), bool((r.get("done") or 0) >= 1), str(r.get("activity") or "")))
        else:
            latest[nz.fold(str(r.get("section") or ""))] = (str(r.get("activity") or ""), int(r["_row"]))
    return latest, there


def plans_edit(fresh: pd.DataFrame | None, plan: Plan, group: str, *, config: Config,
               drawn: Plan | None = None, seen: pd.DataFrame | None = None) -> Edit:
    """Saving `plan` of pair/group `group` into the `Программы` tab as it is now (`fresh`). `drawn`: the plan the
    page showed when it was drawn, from the tab as it was then (`seen`); None: as they are now.

    Only what this coordinator changed on the page is written over what is saved: a head row (goal, tasks, form,
    type, expected results) when nothing is saved for it yet or its text differs from what the page showed, the
    activities not in the tab yet (found by content: activity and date), «Выполнено» of the activities whose
    mark the page changed. What the sheet changed since the page was drawn stands: the same section or mark
    changed on both sides is not written and is said (`Edit.conflicts`) with where and the page's text; an
    activity deleted in the sheet meanwhile is not added back. Every other row stays as it is — saving the same
    plan twice changes nothing. An activity the page no longer lists is reported: it is removed in the sheet."""
    spec = config.service["plans"]
    latest, there = _saved_state(fresh, group, config)
    _, was_there = _saved_state(fresh if seen is None else seen, group, config)
    shown = _head(drawn) if drawn is not None else {}
    records, skipped, conflicts = [], [], []
    for key, text in _head(plan).items():
        title = SECTIONS[key]
        if not text.strip():
            continue
        now_text, row = latest.get(nz.fold(title), (None, None))
        if now_text is None:                       # nothing saved for it: the page's text (the draft, or edited)
            records.append({"group": group, "section": title, "activity": text.strip()})
            continue
        what = three_way(nz.fold(text), nz.fold(shown.get(key, now_text)), nz.fold(now_text))
        if what == "conflict":
            conflicts.append(f"«{title}» программы {group} изменено в листе после открытия страницы "
                             f"({meanwhile(row, None, spec.tab)}); ваш текст не записан: «{text.strip()}».")
        elif what == "write":
            records.append({"group": group, "section": title, "activity": text.strip()})
    was_done = {} if drawn is None else {_item_key(r.activity, r.due): bool(r.done)
                                         for r in drawn.items.itertuples(index=False)}
    marks: list[tuple[int, bool]] = []
    listed = {_item_key(r.activity, r.due) for r in plan.items.itertuples(index=False)}
    moved = {key[0]: rows for key, rows in there.items() if key not in listed}    # same activity, another date
    for r in plan.items.itertuples(index=False):
        if not str(r.activity or "").strip():
            skipped.append("мероприятие без содержания не сохранено — впишите, что будет сделано.")
            continue
        key = _item_key(r.activity, r.due)
        if key in there:
            for row, now_done, _ in there[key]:
                what = three_way(bool(r.done), was_done.get(key, now_done), now_done)   # not on the page: theirs
                if what == "write":
                    marks.append((row, bool(r.done)))
                elif what == "conflict":
                    conflicts.append(f"отметку «Выполнено» мероприятия «{r.activity}» изменили в листе после открытия "
                                     f"страницы ({meanwhile(row, None, spec.tab)}); оставлена как в листе.")
            continue
        if key in was_there:
            skipped.append(f"мероприятие «{r.activity}» удалено из листа «{spec.tab}» после открытия страницы — "
                           "снова не добавлено.")
            continue
        if key[0] in moved:
            listed |= {k for k in there if k[0] == key[0]}
            skipped.append(f"срок мероприятия «{r.activity}» меняется в самой таблице (строка {moved[key[0]][0][0]} "
                           f"листа «{spec.tab}», колонка «Срок») — дашборд не переписывает сохранённые строки.")
            continue
        there[key] = []
        due = pd.to_datetime(r.due, errors="coerce")
        records.append({"group": group, "section": ITEM_SECTION, "activity": str(r.activity).strip(),
                        "due": due if pd.notna(due) else "", "format": r.format, "responsible": r.responsible,
                        "done": YES if r.done else NO})
    for key, rows in there.items():
        if key not in listed and key in was_there:          # an activity a colleague added meanwhile is theirs
            for row, _, text in rows:
                skipped.append(f"мероприятие «{text}» (строка {row} листа «{spec.tab}») убрано на странице, но "
                               "осталось в листе — удалить его можно только в самой таблице.")
    header, appended, where = place(fresh, spec, records, config, need=["done"] if marks else [])
    cells = [(row, where["done"], YES if done else NO) for row, done in marks]
    return Edit(TabChange(header=header, append=appended, cells=cells), added=len(appended), updated=len(cells),
                skipped=skipped, conflicts=conflicts)


# --- progress ----------------------------------------------------------------------
def _meetings(program: Program) -> pd.DataFrame:
    """The meetings log: mentee (the mentee's e-mail, else who wrote it), date, topic (folded)."""
    log = program.extra.get("meetings", pd.DataFrame())
    if not len(log):
        return pd.DataFrame({"who": pd.Series(dtype=object), "date": pd.Series(dtype="datetime64[ns]"),
                             "topic": pd.Series(dtype=object)})
    who = log["mentee_email"].where(log["mentee_email"].notna() & (log["mentee_email"] != ""), log["email"]) \
        if "mentee_email" in log else log["email"]
    when = pd.to_datetime(log["date"].where(log["date"].notna(), log["timestamp"]), errors="coerce") \
        if "date" in log else pd.to_datetime(log["timestamp"], errors="coerce")
    topic = log["topic"].fillna("").astype(str).map(nz.fold) if "topic" in log else ""
    return pd.DataFrame({"who": who.values, "date": when.values, "topic": list(topic)}).dropna(subset=["date"])


def _keys(activity: str, config: Config) -> list[str]:
    """The words a plan activity is recognised by in a meeting's topic: its template's `match`, else its text."""
    folded = nz.fold(activity)
    return _template_index(config).get(folded, ("", "", [folded]))[2]


def item_progress(plan: Plan, meetings: pd.DataFrame, as_of: pd.Timestamp, config: Config, *,
                  finished: bool = False) -> pd.DataFrame:
    """The plan's items with what the meetings log says: `met` (date of the meeting that carried it out),
    `status` (done / soon / overdue / planned), `on_time`, `late_days` (overdue by). `meetings`: who, date,
    topic (folded) of the pair's/group's meetings. A meeting counts for one item: items in date order take
    the earliest meeting whose topic names them. `finished`: the school year is over — what was not done is
    «не выполнено» (`not_done`), nothing is «просрочено» or «скоро срок»."""
    s = config.section("plans")
    soon, grace = int(s.get("due_soon_days", 14)), int(s.get("on_time_grace_days", 7))
    items = plan.items.copy()
    items["due"] = pd.to_datetime(items["due"], errors="coerce")
    log = meetings[meetings["date"] <= as_of].sort_values("date", kind="stable")
    used: set = set()
    met = []
    for r in items.sort_values("due", kind="stable", na_position="last").itertuples():
        keys = _keys(str(r.activity), config)
        hit = next((i for i, topic in zip(log.index, log["topic"]) if i not in used and topic and
                    (any(k and k in topic for k in keys) or (len(topic) >= 8 and topic in nz.fold(str(r.activity))))),
                   None)
        if hit is not None:
            used.add(hit)
        met.append((r.Index, log.at[hit, "date"] if hit is not None else pd.NaT))
    items["met"] = pd.Series(dict(met), dtype="datetime64[ns]").reindex(items.index)
    done = items["done"].astype(bool) | items["met"].notna()
    due = items["due"]
    items["on_time"] = done & (items["met"].isna() | due.isna() | (items["met"] <= due + pd.Timedelta(days=grace)))
    items["late_days"] = ((as_of - due).dt.days.where(~done & due.notna() & (due < as_of), 0)).fillna(0).astype(int)
    items["status"] = "planned"
    items.loc[~done & due.notna() & (due <= as_of + pd.Timedelta(days=soon)), "status"] = "soon"
    items.loc[items["late_days"] > grace, "status"] = "overdue"       # within the grace it can still be done in time
    if finished:
        items.loc[~done & due.notna() & (due <= as_of), "status"] = "not_done"
        items.loc[items["status"] == "soon", "status"] = "not_done"
    items.loc[done, "status"] = "done"
    return items


def as_of_date(program: Program, today: date | None, config: Config) -> pd.Timestamp:
    """The day progress is judged at: today, or the academic year's last day for a year that is over."""
    return min(pd.Timestamp(today or config.today()), year_bounds(program, config)[1])


def group_meetings(program: Program, group: str, meetings: pd.DataFrame | None = None) -> pd.DataFrame:
    """The pair's/group's meetings; a group meeting logged once per mentee (same day, same topic) is one."""
    meetings = _meetings(program) if meetings is None else meetings
    mine = meetings[meetings["who"].isin(set(members(program, group)["mentee_id"]))]
    return mine[~mine.assign(day=mine["date"].dt.normalize()).duplicated(["day", "topic"])]


PROGRESS_COLUMNS = ["group", "topic", "saved", "items", "done", "on_time", "soon", "overdue", "overdue_weeks",
                    "next_due", "next_activity", "at_risk", "reason"]


def saved_codes(program: Program) -> set[str]:
    """The pair/group codes that have rows in the `Программы` tab."""
    tab = program.extra.get("plans", pd.DataFrame())
    return {str(g).strip() for g in tab["group"].dropna()} if len(tab) and "group" in tab else set()


def plan_progress(program: Program, config: Config, today: date | None = None, *,
                  saved_only: bool = False) -> pd.DataFrame:
    """`progress` of the plans, computed once per read of the year (the roadmap, the indicators and pair health
    all ask for it: one figure, one computation). A copy, so a caller's change stays its own."""
    return _progress(program, config, today or config.today(), saved_only=saved_only)


@per_read(copy=pd.DataFrame.copy)
def _progress(program: Program, config: Config, today: date | None = None, *,
              saved_only: bool = False) -> pd.DataFrame:
    """Per approved pair/group: its plan (saved, else the draft) against the meetings log — items, done, done
    on time, due soon, overdue, the longest delay in weeks, the next activity; `at_risk` when a *saved* plan is
    overdue by [plans] risk_overdue_weeks or more (a draft nobody agreed on puts no pair at risk), with the
    reason in Russian. `saved_only`: the pairs with a saved plan only (what pair health and the roadmap count)."""
    saved = saved_codes(program) if saved_only else set()
    codes = [] if saved_only and not saved else [c for c in group_codes(program) if not saved_only or c in saved]
    if not codes:
        return pd.DataFrame(columns=PROGRESS_COLUMNS)
    risk_weeks = int(config.section("plans").get("risk_overdue_weeks", 4))
    as_of = as_of_date(program, today, config)
    finished = year_finished(program, config, pd.Timestamp(today or config.today()))
    meetings = _meetings(program)
    plans = all_plans(program, config)
    rows = []
    for group in codes:
        plan = plans[group]
        p = item_progress(plan, group_meetings(program, group, meetings), as_of, config, finished=finished)
        ahead = p[p["status"].isin(["soon", "planned"])].sort_values("due", kind="stable")
        weeks = int(p["late_days"].max() // 7) if len(p) and not finished else 0
        late = p[p["late_days"] >= risk_weeks * 7]
        at_risk = bool(plan.saved and len(late))
        reason = ""
        if at_risk:
            first = late.sort_values("due", kind="stable").iloc[0]
            reason = (f"программа (ППН) не выполнена к концу года: не выполнено мероприятий — {len(late)} "
                      f"(первое — «{first['activity']}», срок {first['due']:%d.%m.%Y})" if finished else
                      f"программа (ППН) отстаёт: просрочено мероприятий — {len(late)}, дольше всего {weeks} нед. "
                      f"(«{first['activity']}», срок {first['due']:%d.%m.%Y})")
        rows.append({"group": group, "topic": plan.topic, "saved": plan.saved, "items": len(p),
                     "done": int((p["status"] == "done").sum()), "on_time": int(p["on_time"].sum()),
                     "soon": int((p["status"] == "soon").sum()), "overdue": int((p["status"] == "overdue").sum()),
                     "overdue_weeks": weeks, "next_due": ahead["due"].iloc[0] if len(ahead) else pd.NaT,
                     "next_activity": ahead["activity"].iloc[0] if len(ahead) else "", "at_risk": at_risk,
                     "reason": reason})
    return pd.DataFrame(rows, columns=PROGRESS_COLUMNS)
