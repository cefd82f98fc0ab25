"""A school's own forms, recognized: which tab is which form, which question is which field, which options
its checkbox questions have — proposed from the tabs themselves, for a coordinator to confirm (pure pandas).

`propose(tabs, base=None) -> Proposal`: `.config` is a `Config` that `load_program(tabs, proposal.config)`
reads with no hand edit, `.mapping` the table a coordinator confirms (form, field, the school's question,
confidence, what to check), `.problems` what could not be settled.

How checkbox options are learned. Google Forms writes the ticked options of one answer into one cell joined
with ", ", and an option may hold a comma itself («Подготовка обучающихся к ОГЭ, ЕГЭ»). So a cell is never
simply split on commas: (1) options the base config knows (compared folded) are taken whole first; (2) what is
left is cut at ", " into pieces; neighbouring pieces that never occur apart (in every cell where one is, the
other follows it), the later one not capitalized («конкурсы», «ЕГЭ»), are one option with commas — any number of
pieces; (3) a piece given by at least `min_people` people is an
option, and so is one a single person chose (the form offers it: it is the school's list; listed on
«Настройка» to check) — unless it stands last in its cell, where Google writes a typed «Другое» answer, and reads
as typed (a sentence, lower case, long): that is the person's own answer; (4) a piece that sometimes stands with
its neighbour and sometimes alone is not decided here: it becomes a question to confirm, never a silent split.
"""
from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Mapping

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from . import normalize as nz
from .config import Config, FormSpec, bundled_config, outside_default, parse_config
from .program import CORE_FORMS, DataProblem

MIN_FORM_SCORE = 0.35        # a tab less like a form than this is not that form
MIN_FIELD_SCORE = 0.6        # a question less like a field than this is not that field
SURE = 0.9


@dataclass
class Proposal:
    config: Config
    mapping: pd.DataFrame                     # key, form, tab, field, question, confidence, confirm
    problems: list[DataProblem] = field(default_factory=list)
    options: dict[str, list[str]] = field(default_factory=dict)      # "form.field" -> learned options
    once: dict[str, list[str]] = field(default_factory=dict)         # "form.field" -> options one person chose
    roles: dict[str, "Roles"] = field(default_factory=dict)         # form key -> its role question (one form for both)


def _similar(a: str, b: str) -> float:
    a, b = nz.fold(a), nz.fold(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if a in b or b in a:
        return 0.85 + 0.1 * min(len(a), len(b)) / max(len(a), len(b))
    return SequenceMatcher(None, a, b).ratio()


def _field_scores(columns: list[str], spec: FormSpec) -> np.ndarray:
    """fields × columns: how much each column's question looks like each field's known question texts."""
    out = np.zeros((len(spec.fields), len(columns)))
    for i, f in enumerate(spec.fields.values()):
        for j, col in enumerate(columns):
            out[i, j] = max((_similar(col, h) for h in f.headers), default=0.0)
    return out


def _form_score(columns: list[str], spec: FormSpec) -> float:
    """How much a tab looks like a form: the mean best match of its fields (required ones count twice)."""
    if not columns or not spec.fields:
        return 0.0
    best = _field_scores(columns, spec).max(axis=1)
    weights = np.array([2.0 if f.required else 1.0 for f in spec.fields.values()])
    return float((best * weights).sum() / weights.sum())


def _assign_fields(columns: list[str], spec: FormSpec, skip: int | None = None) -> dict[str, tuple[int, float]]:
    """Field -> (column, score), each column used once, the best total (Hungarian); below the threshold: none.
    `skip`: a column no field may take (the role question of a form for both roles)."""
    scores = _field_scores(columns, spec)
    if skip is not None and scores.size:
        scores[:, skip] = 0.0
    if not scores.size:
        return {}
    rows, cols = linear_sum_assignment(-scores)
    names = list(spec.fields)
    return {names[r]: (int(c), float(scores[r, c])) for r, c in zip(rows, cols) if scores[r, c] >= MIN_FIELD_SCORE}


def learn_options(cells: pd.Series, known: tuple[str, ...] = (), min_people: int = 2) -> tuple[list[str], list[str], list[str]]:
    """(options, one person's own answers, questions to confirm) of one checkbox column (see the module doc)."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    follows: Counter[tuple[str, str]] = Counter()
    inside: set[str] = set()                   # pieces some cell has before another: ticked, not typed
    for cell in cells.fillna("").astype(str):
        found, rest = nz.split_options(cell, known)
        for opt in found:
            counts[nz.fold(opt)] += 1
            shown.setdefault(nz.fold(opt), opt)
        pieces = [p.strip() for p in rest.split(",") if p.strip()]
        for a, b in zip(pieces, pieces[1:]):
            follows[(nz.fold(a), nz.fold(b))] += 1
            if not _continues(b):
                inside.add(nz.fold(a))
        for p in pieces:
            counts[nz.fold(p)] += 1
            shown.setdefault(nz.fold(p), p)
    known_folded = {nz.fold(o) for o in known}
    joined: dict[str, str] = {}                 # a piece -> the piece that always follows it ("" : not a start)
    questions = []
    for (a, b), n in follows.items():
        if a in known_folded or b in known_folded or a == b:
            continue
        if n == counts[a] == counts[b] and _continues(shown[b]):   # never apart: one option with a comma inside
            joined[a] = b
    for b in set(joined.values()):
        joined.setdefault(b, "")                             # a piece that continues another is not an option alone
    for (a, b), n in follows.items():
        if a in known_folded or b in known_folded or a in joined or b in joined:
            continue
        if n == counts[a] < counts[b]:                       # a never alone, b sometimes: cannot be told apart
            questions.append(f"«{shown[a]}, {shown[b]}» — один вариант с запятой или два? («{shown[a]}» всегда "
                             f"перед «{shown[b]}» ({n}), а «{shown[b]}» встречается и отдельно — "
                             f"{counts[b] - n})")
    options, own = [], []
    starts = set(joined.values())
    for key, n in counts.most_common():
        if key in starts:
            continue                                          # a later piece of a joined option
        chain = [key]
        while joined.get(chain[-1]) and joined[chain[-1]] not in chain:   # «Олимпиады, конкурсы, проекты»: any length
            chain.append(joined[chain[-1]])
        text = ", ".join(shown[k] for k in chain)
        if key in known_folded or n >= min_people or chain[-1] in inside or not _typed(text):
            options.append(text)
        else:
            own.append(text)
    return options, own, questions


SHARED = ("topics", "subjects")   # one list for both banks, learned from both forms' answers together
MIN_OVERLAP = 0.5            # share of a column's answers naming a known topic for it to be the topics question
LONG_TEXT = 40               # characters: the mean answer of a free-text request


def _answers(column: pd.Series) -> pd.Series:
    cells = column.fillna("").astype(str).str.strip()
    return cells[cells != ""]


def _by_content(tabs, chosen: Mapping[str, str], fields_of: dict, base: Config,
                skip: Mapping[str, tuple[int, ...]]) -> dict[tuple[str, str], str]:
    """Map, by what the answers hold, a core form's topics question (its answers name the other form's topics or
    the known list) and the mentees' request text (long free answers) when no header said so; each with why."""
    why: dict[tuple[str, str], str] = {}
    other = {"mentee_request": "mentor_survey", "mentor_survey": "mentee_request"}
    for key in ("mentee_request", "mentor_survey"):
        tab, fields = chosen.get(key), fields_of.get(key)
        if tab is None or fields is None:
            continue
        frame = tabs[tab]
        taken = {c for c, _ in fields.values()} | {c for c, _ in fields_of.get(other[key], {}).values()
                                                    if chosen.get(other[key]) == tab} | set(skip.get(tab, ()))
        free = [i for i in range(frame.shape[1]) if i not in taken]
        if "topics" not in fields:
            theirs = fields_of.get(other[key], {}).get("topics")
            known = list(base.topics)
            source = "с темами из списка"
            if theirs is not None:
                learned, own, _ = learn_options(tabs[chosen[other[key]]].iloc[:, theirs[0]], base.topics)
                pieces = [p.strip() for o in own for p in o.split(",") if p.strip()]    # one person's: still a topic
                known, source = list(dict.fromkeys([*learned, *pieces, *base.topics])), \
                    "с темами " + ("наставников" if key == "mentee_request" else "наставляемых")
            best = None
            for i in free:
                answers = _answers(frame.iloc[:, i])
                if not len(answers):
                    continue
                hits = sum(bool(nz.split_options(a, known)[0]) for a in answers)
                if hits / len(answers) >= MIN_OVERLAP and (best is None or hits / len(answers) > best[1]):
                    best = (i, hits / len(answers), hits, len(answers))
            if best is not None:
                fields["topics"] = (best[0], best[1])
                free.remove(best[0])
                why[(key, "topics")] = f"узнано по ответам: совпадают {source} у {best[2]} из {best[3]}"
        for name, spec in base.forms[key].fields.items():       # the rest: e-mails, times, answers from a list
            if name in fields or name in ("topics", "request_text"):
                continue
            found = _by_answers(frame, free, spec, base)
            if found is not None:
                i, share, reason = found
                fields[name] = (i, share)
                free.remove(i)
                why[(key, name)] = "узнано по ответам: " + reason
        if key == "mentee_request" and "request_text" not in fields:
            lengths = {i: _answers(frame.iloc[:, i]).str.len() for i in free}
            long = [(float(x.mean()), i) for i, x in lengths.items() if len(x) and x.mean() >= LONG_TEXT]
            if long:
                mean, i = max(long)
                fields["request_text"] = (i, 0.7)
                why[(key, "request_text")] = f"узнано по ответам: развёрнутый текст, в среднем {mean:.0f} знаков"
    return why


def _by_answers(frame: pd.DataFrame, free: list[int], spec, base: Config) -> tuple[int, float, str] | None:
    """The free column whose answers are most like what `spec` holds — e-mails, dates and times, a consent, one
    of its options — if most of them are (≥ `MIN_OVERLAP`; 80 % for e-mails, times, consent); else None."""
    ans = base.answers
    if spec.type == "email":
        test, need, what = (lambda a: nz.parse_email(a)[1] is None), 0.8, "адреса e-mail"
    elif spec.type == "timestamp":
        test, need, what = (lambda a: nz.parse_datetime(a)[0] is not None), 0.8, "дата и время"
    elif spec.type == "consent":
        test, need, what = (lambda a: nz.starts_with_any(nz.fold(a), [*ans.get("yes", ()), *ans.get("no", ())])), 0.8, \
            "согласие или отказ"
    elif spec.type in ("choice", "multi") and spec.options:
        test, need = (lambda a: bool(nz.split_options(a, spec.options)[0])), MIN_OVERLAP
        what = "ответы из вариантов «" + "», «".join(spec.options[:2]) + ("», …" if len(spec.options) > 2 else "»")
    else:
        return None
    best = None
    for i in free:
        answers = _answers(frame.iloc[:, i])
        if len(answers):
            hits = sum(bool(test(a)) for a in answers)
            if hits / len(answers) >= need and (best is None or hits / len(answers) > best[1]):
                best = (i, hits / len(answers), f"{what} у {hits} из {len(answers)}")
    return best


def _typed(piece: str) -> bool:
    """One person's piece at the end of a cell that reads as a typed «Другое» answer, not as an option of the
    form: a sentence (its own full stop, question or exclamation mark), lower case, or longer than an option."""
    return len(piece) > 60 or not piece[:1].isupper() or any(m in piece.rstrip(".!?…") for m in (". ", "! ", "? ")) \
        or piece.rstrip().endswith(("!", "?", "…", "..."))


def chosen_once(cells: pd.Series, options: list[str]) -> list[str]:
    """The options of a list only one person chose: kept as the school's options (a form offers them), listed on
    «Настройка» for the coordinator to check — a typed «Другое» answer can look the same."""
    people: Counter[str] = Counter()
    for cell in cells.fillna("").astype(str):
        people.update(nz.split_options(cell, options)[0])
    return [o for o in options if people[o] == 1]


_BOTH = ("и тем, и другим", "и тем и другим", "обе роли", "в обеих ролях", "оба варианта")


@dataclass(frozen=True)
class Roles:
    """The role question of one form for both roles: its column, and which answers put a person in each bank."""
    column: int
    question: str
    mentee: tuple[str, ...]
    mentor: tuple[str, ...]


def role_question(frame: pd.DataFrame) -> Roles | None:
    """A question whose every answer is a role — «Наставником», «Наставляемым», both — makes the tab one form for
    both roles («Кем вы хотите участвовать в программе?»)."""
    for i, question in enumerate(frame.columns):
        answers = _answers(frame.iloc[:, i])
        if not len(answers) or answers.str.len().mean() > 80:
            continue
        options, own, _ = learn_options(answers, min_people=1)
        folded = {o: nz.fold(o) for o in [*options, *own]}
        both = [o for o, f in folded.items() if any(w in f for w in _BOTH)]
        mentee = [o for o, f in folded.items() if "наставляем" in f and o not in both]
        mentor = [o for o, f in folded.items() if ("наставник" in f or "наставниц" in f) and o not in both + mentee]
        if mentee and mentor and len(both) + len(mentee) + len(mentor) == len(folded):
            return Roles(i, str(question), tuple(mentee + both), tuple(mentor + both))
    return None


def _continues(piece: str) -> bool:
    """A piece that can go on an option after its comma: lower case («конкурсы»), an abbreviation («ЕГЭ»), a number —
    not a capitalized word, which starts an option of its own («Наставничество в …») even when two people chose
    the same two options."""
    word = piece.split()[0] if piece.split() else piece
    return bool(word) and (word[0].islower() or word.isupper() or not word[0].isalpha())


def propose(tabs: Mapping[str, pd.DataFrame], base: Config | None = None,
            tab_of: Mapping[str, str | None] | None = None) -> Proposal:
    """See the module doc. `tab_of`: form key -> the tab the coordinator chose for it (None: the school has no
    such form); the other forms are recognized among the remaining tabs."""
    base = outside_default(base)
    raw = copy.deepcopy(dict(base.raw))
    forms = {k: s for k, s in base.forms.items()}
    names = list(tabs)
    problems: list[DataProblem] = []
    rows = []
    learned: dict[str, list[str]] = {}
    others: dict[str, list[str]] = {}
    # which tab is which form: the best overall match, each tab for one form at most
    bundled = bundled_config().forms
    saved = {k: s.tab for k, s in forms.items()           # the school's saved choice (its «Настройки») is pinned:
             if k in bundled and s.tab != bundled[k].tab and s.tab in tabs}    # recognition only fills the rest
    fixed = {**saved, **{k: t for k, t in (tab_of or {}).items() if k in forms and (t is None or t in tabs)}}
    free = [k for k in forms if k not in fixed]
    # the dashboard's own tabs (Пары, Программы, Настройки…) are never a form's answers: a year whose final
    # questionnaires are not out yet once had «Пары» taken for the final one, and a save kept it there for good
    own = {s.tab for s in base.service.values()} | {base.settings_tab, base.swot_tab}
    names = [t for t in names if t not in fixed.values() and t not in own]
    # one form for both roles: a tab with a role question feeds both banks (the coordinator's choice of one tab
    # for both is kept when the tab has one)
    roles = {t: r for t in dict.fromkeys([*names, *fixed.values()]) if t is not None and t not in own
             and (r := role_question(tabs[t])) is not None}
    pair = [fixed.get(k) for k in CORE_FORMS]
    if not any(k in fixed for k in CORE_FORMS) and roles:
        best = max(roles, key=lambda t: sum(_form_score([str(c) for c in tabs[t].columns], forms[k]) for k in CORE_FORMS))
        fixed.update({k: best for k in CORE_FORMS})
        free = [k for k in free if k not in CORE_FORMS]
        names = [t for t in names if t != best]
    elif pair[0] is not None and pair[0] == pair[1] and pair[0] not in roles:
        problems.append(DataProblem(pair[0], None, None, f"лист «{pair[0]}» выбран и для наставляемых, и для "
                                    "наставников, но в нём нет вопроса о роли («Кем вы хотите участвовать…» с "
                                    "ответами «наставником» / «наставляемым») — все попали бы в оба банка. Выберите "
                                    "разные листы.", "error", blocks="matching"))
    score = np.array([[_form_score([str(c) for c in tabs[t].columns], forms[k]) for t in names] for k in free]) \
        if names and free else np.zeros((0, 0))
    chosen: dict[str, str] = {k: t for k, t in fixed.items() if t is not None}
    if score.size:
        for r, c in zip(*linear_sum_assignment(-score)):
            if score[r, c] >= MIN_FORM_SCORE:
                chosen[free[r]] = names[c]
    on_roles = {k: roles[t] for k, t in chosen.items() if k in CORE_FORMS and t in roles
                and chosen.get(CORE_FORMS[0]) == chosen.get(CORE_FORMS[1])}
    skip = {chosen[k]: (r.column,) for k, r in on_roles.items()}
    fields_of = {k: _assign_fields([str(c) for c in tabs[t].columns], forms[k], on_roles[k].column if k in on_roles
                                   else None) for k, t in chosen.items()}
    why = _by_content(tabs, chosen, fields_of, base, skip)   # topics and request text a header did not reveal
    shared, shared_cells = {}, {}
    for name in SHARED:                     # one column read once even when both roles' forms share it
        cells = {(chosen[k], fields_of[k][name][0]): None for k in CORE_FORMS if name in fields_of.get(k, {})}
        if cells:
            shared_cells[name] = pd.concat([tabs[t].iloc[:, c] for t, c in cells], ignore_index=True)
            shared[name] = learn_options(shared_cells[name], base.lists.get(name, ()))
    for key, spec in forms.items():
        tab = chosen.get(key)
        form_raw = raw.setdefault("forms", {}).setdefault(key, {})
        if tab is None:
            if key in ("mentee_request", "mentor_survey"):
                problems.append(DataProblem(spec.tab, None, None, f"не найден лист с ответами на форму «{spec.title}» — "
                                            "укажите его вручную", "error"))
            rows.append({"key": key, "form": spec.title, "tab": "", "field": "", "question": "", "confidence": 0.0,
                         "confirm": "лист не найден"})
            continue
        form_raw["tab"] = tab
        form_raw.pop("role_question", None)
        form_raw.pop("role_answers", None)
        if key in on_roles:
            r = on_roles[key]
            form_raw["role_question"] = r.question
            form_raw["role_answers"] = list(r.mentee if key == "mentee_request" else r.mentor)
        columns = [str(c) for c in tabs[tab].columns]
        fields = fields_of[key]
        for name, f in spec.fields.items():
            f_raw = form_raw.setdefault("fields", {}).setdefault(name, {})
            if name not in fields:
                taken = {c for c, _ in fields.values()}
                near = max(((_similar(col, h), col) for i, col in enumerate(columns) if i not in taken
                            for h in f.headers), default=(0.0, ""))
                hint = f"; может быть, «{near[1]}»?" if near[0] >= 0.4 else ""
                if f.required:
                    problems.append(DataProblem(tab, 1, None, f"не найден вопрос для поля «{name}» формы «{spec.title}»",
                                                "error"))
                    confirm = "обязательный вопрос не найден" + hint
                else:
                    f_raw["asked"] = False
                    confirm = "не задаётся" + hint
                rows.append({"key": key, "form": spec.title, "tab": tab, "field": name, "question": "",
                             "confidence": 0.0, "confirm": confirm})
                continue
            col, sc = fields[name]
            question = columns[col]
            if nz.fold(question) not in {nz.fold(h) for h in f.headers}:
                f_raw["headers"] = [question, *f.headers]
            confirm = why.get((key, name)) or \
                ("" if sc >= SURE else f"проверьте: похоже на «{f.headers[0] if f.headers else name}»")
            if f.type == "multi":
                # topics and subjects: one list for both banks, learned from both forms' answers together
                opts, own_answers, questions = shared[name] if name in shared else \
                    learn_options(tabs[tab].iloc[:, col], f.options)
                learned[f"{key}.{name}"] = opts
                f_raw["options"] = name if name in shared else opts
                if own_answers:
                    confirm = (confirm + "; " if confirm else "") + f"свои ответы «Другое»: {len(own_answers)}"
                once = chosen_once(shared_cells[name] if name in shared else tabs[tab].iloc[:, col], opts)
                if once:
                    others[f"{key}.{name}"] = once
                for q in questions if name not in shared or key == "mentee_request" else ():   # shared: said once
                    problems.append(DataProblem(tab, None, question, q, "warning"))
            rows.append({"key": key, "form": spec.title, "tab": tab, "field": name, "question": question,
                         "confidence": round(sc, 2), "confirm": confirm})
    for name, (opts, _, _) in shared.items():
        raw.setdefault("lists", {})[name] = opts
    mapping = pd.DataFrame(rows, columns=["key", "form", "tab", "field", "question", "confidence", "confirm"])
    return Proposal(parse_config(raw, base.path), mapping, problems, learned, others, on_roles)


def confirmed(proposal: Proposal, mapping: pd.DataFrame, options: Mapping[str, list[str]], base: Config,
              absent: frozenset[str] = frozenset()) -> Config:
    """The proposal as the coordinator confirmed it: a question chosen per field ("" = not asked), the option
    lists as edited ("form.field" -> options; topics and subjects are one list of both banks), and a core field
    left empty confirmed as not asked when its key is in `absent` ("form.field")."""
    raw = copy.deepcopy(dict(proposal.config.raw))
    for r in mapping.itertuples(index=False):
        if not r.field or r.key not in raw.get("forms", {}):
            continue
        f_raw = raw["forms"][r.key].setdefault("fields", {}).setdefault(r.field, {})
        known = list(base.forms[r.key].fields[r.field].headers)
        if str(r.question or "").strip():
            f_raw["headers"] = list(dict.fromkeys([str(r.question), *known]))
            f_raw.pop("asked", None)                           # asked: the default
            f_raw.pop("confirmed", None)
        elif not base.forms[r.key].fields[r.field].required:
            f_raw["asked"] = False
            if f"{r.key}.{r.field}" in absent:
                f_raw["confirmed"] = True
    for where, opts in options.items():
        key, name = where.split(".", 1)
        cleaned = [o.strip() for o in opts if o.strip()]
        if name in SHARED:
            raw.setdefault("lists", {})[name] = cleaned
        elif key in raw.get("forms", {}):
            raw["forms"][key].setdefault("fields", {}).setdefault(name, {})["options"] = cleaned
    return parse_config(raw, base.path)


def school_toml(config: Config) -> str:
    """The school's own config.toml: only what differs from the bundled config.toml (merged over it when read,
    see analysis.config.merged), with the school's [years] — everything the school set before included."""
    import tomli_w

    base = bundled_config()

    def diff(new: Mapping, old: Mapping) -> dict:
        out = {}
        for key, value in new.items():
            if isinstance(value, Mapping) and isinstance(old.get(key), Mapping):
                sub = diff(value, old[key])
                if sub:
                    out[key] = sub
            elif old.get(key) != value:
                out[key] = value
        return out

    body = diff(config.raw, base.raw)
    body.pop("years", None)
    years = {y: v for y, v in config.years.items() if str(v).strip().lower() != "demo"}   # never the demo's
    text = tomli_w.dumps({**({"years": years} if years else {}), **body})
    hint = "" if years else ("# [years] — какой файл или таблица Google — какой учебный год, например:\n"
                             "# [years]\n# \"2026/27\" = \"https://docs.google.com/spreadsheets/d/…\"\n\n")
    return ("# Настройки школы: только то, что отличается от встроенного config.toml дашборда (он подставляет\n"
            "# остальное). Создано страницей «Настройка». Укажите путь к файлу в MENTORING_CONFIG.\n\n" + hint + text)
