"""The school's settings kept in its own spreadsheet: the tab «Настройки» (pure Python/pandas).

A Google school cannot put a file next to the server, so the setup page saves what the school confirmed into
a tab of the year's spreadsheet, and every read applies it over the server's config.toml. The tab is a log,
like every tab the dashboard writes: one row per setting — «Параметр» (a dotted path, as in config.toml:
`forms.mentee_request.tab`), «Значение» (a TOML value: `"Ответы на форму (1)"`, `["А", "Б, В"]`, `false`,
`0.6`), «Сохранено» —, rows are only appended, and a later row for the same path wins. A coordinator can read
it, and change a value by adding a row (or editing one) in the sheet.

Only what a school's forms and rules need can be set there (`ALLOWED` sections, not `DENIED` keys); who may open
the dashboard, where the years live, the server's limits, files and privacy thresholds stay in the server's
config.toml (anyone who may edit the sheet
must not be able to open the dashboard to everybody). A row that cannot be read, or sets something outside
`ALLOWED`, is a problem naming its row, and the other rows still apply.
"""
from __future__ import annotations

import json
import re
import tomllib
from typing import Any, Mapping

import pandas as pd

from data_sources.base import TabChange

from .config import Config, ConfigError, check_part, merged, parse_config
from .program import DataProblem
from .writes import Edit, header_of, three_way

COLUMNS = ["Параметр", "Значение", "Сохранено"]
ALLOWED = ("forms", "lists", "answers", "matching", "quality", "roadmap", "mentoring", "plans")
# …except what would let the sheet choose a file on the server, the tab a write goes to, or a privacy threshold
DENIED = {("roadmap", "template"), ("quality", "swot_tab"), ("quality", "min_group")}
# …and of [school] (server-only: its timezone, address, tab names) the names printed where the documents are signed
# and the number of teachers (the denominator of the shares when the year has no «Педагоги» tab)
SCHOOL_KEYS = {("school", "head_position"), ("school", "head_name"), ("school", "staff")}


def _server_only(path: tuple[str, ...]) -> bool:
    if tuple(path[:2]) in SCHOOL_KEYS:
        return False
    return path[0] not in ALLOWED or tuple(path[:2]) in DENIED
_BARE = re.compile(r"[A-Za-z0-9_-]+")


def toml_key(path: tuple[str, ...]) -> str:
    return ".".join(p if _BARE.fullmatch(p) else json.dumps(p, ensure_ascii=False) for p in path)


def toml_value(value: Any) -> str:
    """One line of TOML for a cell (strings as basic strings, lists inline)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{toml_key((k,))} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"в настройки нельзя записать {type(value).__name__}")


def leaves(raw: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """Every setting of a (nested) config as path -> value; lists and empty tables are values."""
    out: dict[tuple[str, ...], Any] = {}
    for key, value in raw.items():
        if isinstance(value, Mapping) and value:
            out.update(leaves(value, (*prefix, str(key))))
        else:
            out[(*prefix, str(key))] = value
    return out


def _unknown(path: tuple[str, ...], base: Config) -> str | None:
    """What a setting names that the config has not (a form or a question mistyped), or None."""
    if path[0] != "forms" or len(path) < 2:
        return None
    if path[1] not in base.forms:
        return f"формы «{path[1]}» нет (есть: {', '.join(base.forms)})"
    if len(path) > 3 and path[2] == "fields" and path[3] not in base.forms[path[1]].fields:
        return f"у формы «{path[1]}» нет поля «{path[3]}» (есть: {', '.join(base.forms[path[1]].fields)})"
    return None


MAX_ROWS = 5_000          # rows of the tab read (the last ones): a school's settings are tens of rows


def _at(tree: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(tree, Mapping) or part not in tree:
            return _ABSENT
        tree = tree[part]
    return tree


def _count(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def read_settings(frame: pd.DataFrame | None, tab: str = "Настройки", base: Config | None = None
                  ) -> tuple[dict[str, Any], list[DataProblem]]:
    """The settings the tab holds (nested, later rows winning) and the rows that could not be used (with `base`:
    also a row naming a form or a question the config does not have — it would change nothing, silently)."""
    school: dict[str, Any] = {}
    problems: list[DataProblem] = []
    if frame is None or frame.empty:
        return school, problems
    cols = list(frame.columns)
    if len(cols) < 2:
        return school, [DataProblem(tab, 1, None, "в листе настроек нужны столбцы «Параметр» и «Значение»", "error")]
    rows = [(i, k.strip(), v.strip()) for i, (k, v) in
            enumerate(zip(frame.iloc[:, 0].astype(str), frame.iloc[:, 1].astype(str)), start=2) if k.strip() or v.strip()]
    if len(rows) > MAX_ROWS:
        problems.append(DataProblem(tab, rows[-MAX_ROWS][0], None, f"в листе {_count(len(rows))} строк настроек — "
                                    f"прочитаны последние {_count(MAX_ROWS)} (с строки {rows[-MAX_ROWS][0]}). "
                                    "Каждое сохранение дописывает только изменённое: столько строк — не настройки "
                                    "школы; удалите лишние.", "error"))
        rows = rows[-MAX_ROWS:]
    checked: set[tuple[str, str]] = set()         # rows already found valid: the same row again needs no check
    whole = dict(base.raw) if base is not None else {}
    for i, key, value in rows:
        try:
            one = tomllib.loads(f"{key} = {value}\n")
        except tomllib.TOMLDecodeError as exc:
            problems.append(DataProblem(tab, i, cols[1], f"строка {i} не прочитана ({exc}); текст пишется в кавычках "
                                        "(\"…\"), список — в квадратных скобках ([\"А\", \"Б\"]). Остальные строки "
                                        "применены", "error"))
            continue
        if any(_server_only(path) for path in leaves(one)):
            problems.append(DataProblem(tab, i, cols[0], f"«{key}» задаётся только в config.toml на сервере "
                                        "(вход, годы, пределы); строка не применена", "error"))
            continue
        if any(isinstance(v, Mapping) and not v for v in leaves(one).values()):
            problems.append(DataProblem(tab, i, cols[1], f"строка {i}: «{key}» — пустой раздел {{}} ничего не меняет "
                                        "(разделы дополняются по ключам); строка не применена", "error"))
            continue
        unknown = next((u for path in leaves(one) if base is not None and (u := _unknown(path, base))), None)
        if unknown:
            problems.append(DataProblem(tab, i, cols[0], f"«{key}»: {unknown}; строка не применена — проверьте "
                                        "написание", "error"))
            continue
        changes = any(_at(school, path) != v for path, v in leaves(one).items())
        if base is not None and (key, value) not in checked and changes:
            try:
                check_part(whole, one)                 # what applies so far is valid: only what this row touches
            except (ConfigError, KeyError, TypeError) as exc:
                problems.append(DataProblem(tab, i, cols[1], f"строка {i}: {exc}; строка не применена, остальные "
                                            "применены", "error"))
                continue
        checked.add((key, value))
        if changes:
            school = merged(school, one)
            whole = merged(whole, one) if base is not None else whole
    return school, problems


def with_settings(base: Config, frame: pd.DataFrame | None, tab: str) -> tuple[Config, list[DataProblem]]:
    """`base` with the tab's settings over it; settings that break the config are named and left out."""
    school, problems = read_settings(frame, tab, base)
    if not school:
        return base, problems
    try:
        return parse_config(merged(base.raw, school), base.path), problems
    except (ValueError, KeyError, TypeError) as exc:
        return base, [*problems, DataProblem(tab, None, None, f"настройки из листа не применены: {exc}", "error")]


def settings_edit(fresh: pd.DataFrame | None, base: Config, wanted: Mapping[str, Any], now: pd.Timestamp,
                  seen: pd.DataFrame | None = None) -> Edit:
    """Rows to append so that the tab, read over `base` (the server's config), gives `wanted` (a whole config's
    raw) where the page changed it: `seen` is the tab the page was drawn from (None: as it is now). A setting the
    page did not change is not written, so a colleague's row added meanwhile stands; one changed both on the page
    and in the sheet since is not written and is said (`Edit.conflicts`). Only `ALLOWED` sections; the rows
    there stay as they are. Saving the same settings twice adds nothing."""
    header = header_of(fresh) or list(COLUMNS)
    header += COLUMNS[len(header):]
    have = leaves(merged(base.raw, read_settings(fresh)[0]))
    was = have if seen is None else leaves(merged(base.raw, read_settings(seen)[0]))
    rows, skipped, conflicts = [], [], []
    for path, value in leaves(wanted).items():
        what = three_way(value, was.get(path, _ABSENT), have.get(path, _ABSENT))
        if what is None:
            continue
        if _server_only(path):
            skipped.append(f"«{toml_key(path)}» задаётся только в config.toml на сервере — в лист не записано.")
        elif what == "conflict":
            conflicts.append(f"«{toml_key(path)}» изменён в листе «{base.settings_tab}» после "
                             f"открытия страницы (сейчас: {toml_value(have[path]) if path in have else 'нет'}); ваше "
                             f"значение не записано: {toml_value(value)}.")
        else:
            rows.append([toml_key(path), toml_value(value), pd.Timestamp(now)] + [""] * (len(header) - 3))
    return Edit(TabChange(header=header, append=rows), added=len(rows), skipped=skipped, conflicts=conflicts)


_ABSENT = object()
