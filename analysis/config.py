"""The school's configuration (config.toml) as typed, read-only objects.

One file describes a school: which tab holds which form, the question texts of
every field, the option lists, thresholds and weights. Nothing here knows
Streamlit or gspread.
"""
from __future__ import annotations

import collections.abc
import math
import os
import tomllib
import types
from dataclasses import MISSING, dataclass, field, fields
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, get_args, get_origin, get_type_hints, Union
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = ROOT / "config.toml"
SCHOOL_DIR_ENV = "MENTORING_SCHOOL_DIR"     # where «Настройка» keeps a school's years and books (default: school/)


def school_dir() -> Path:
    """The folder «Настройка» writes a school's own settings to: its config.toml ([years], [access]) and the
    books it keeps on the server — so that after a restart the school's data open with no file written by hand."""
    return Path(os.environ.get(SCHOOL_DIR_ENV) or ROOT / "school")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    headers: tuple[str, ...]
    required: bool = False
    options: tuple[str, ...] = ()
    asked: bool = True           # false: the school's form does not ask it («не задаётся»): no column, no warning
    confirmed: bool = False      # the coordinator confirmed on «Настройка» that a core field is not asked


@dataclass(frozen=True)
class FormSpec:
    key: str
    title: str
    tab: str
    fields: Mapping[str, FieldSpec]
    role: str | None = None
    kind: str | None = None
    role_question: str = ""      # one form for both roles: the question «Кем вы хотите участвовать…»
    role_answers: tuple[str, ...] = ()   # … and its answers that put a person in this form's bank


class ConfigError(ValueError):
    """A setting that cannot be used: its path, what it is and what it should be."""


class Section(Mapping[str, Any]):
    """A typed section of the config. Every setting is a field with its type; the values come from the bundled
    config.toml (the one place a default is written) with the school's file and the year's «Настройки» tab over
    it. An unknown key, a value of the wrong type or out of range is a `ConfigError` naming its path.
    It reads like the TOML table it comes from (`section["min_score"]`) and like an object (`section.min_score`)."""
    NAME = ""
    BOUNDS: Mapping[str, tuple[float | None, float | None]] = {}
    NONEMPTY: frozenset[str] = frozenset()     # texts, lists and tables that must not be empty

    @classmethod
    def of(cls, raw: Mapping[str, Any], where: str | None = None):
        """The section from its TOML table; `where` is its path when it is a row of a list ([[mentoring.forms]])."""
        where = where or cls.NAME
        label = f"«{where}»" if where != cls.NAME else f"[{where}]"
        if not isinstance(raw, Mapping):
            raise ConfigError(f"{label} должен быть разделом (таблицей), а не {_kind(raw)}")
        hints = get_type_hints(cls)
        names = [f.name for f in fields(cls)]
        unknown = [k for k in raw if k not in names]
        if unknown:
            raise ConfigError(f"{label} неизвестный параметр «{unknown[0]}» (есть: {', '.join(names)})")
        optional = {f.name for f in fields(cls) if f.default is not MISSING}
        missing = [n for n in names if n not in raw and n not in optional]
        if missing:
            raise ConfigError(f"{label} нет параметра «{missing[0]}»")
        values = {n: _typed(f"{where}.{n}", raw[n], hints[n], cls.BOUNDS.get(n)) for n in names if n in raw}
        empty = next((n for n in cls.NONEMPTY if n in values and not _filled(values[n])), None)
        if empty is not None:
            raise ConfigError(f"«{where}.{empty}» не может быть пустым")
        section = cls(**values)
        section.check()
        return section

    def check(self) -> None:
        """Rules between fields (override)."""

    def __getitem__(self, key: str) -> Any:       # an optional setting left out reads as absent (`.get(k, default)`)
        if key not in self._names() or getattr(self, key) is None:
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self):
        return (n for n in self._names() if getattr(self, n) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    @classmethod
    def _names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    # dataclass(eq=True) would make sections unhashable Mappings; compare by identity like the Config itself
    __hash__ = object.__hash__


def _filled(value: Any) -> bool:
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def _kind(value: Any) -> str:
    return {bool: "да/нет", int: "число", float: "число", str: "текст", list: "список", dict: "раздел"}.get(
        type(value), type(value).__name__)


_HINT_WORDS = {bool: "true или false", int: "целое число", float: "число", str: "текст в кавычках"}


def _typed(path: str, value: Any, hint: Any, bounds: tuple[float | None, float | None] | None = None) -> Any:
    """`value` checked against the type `hint` (bool, int, float, str, tuple[X, ...], Mapping[str, X], Any)."""
    origin, args = get_origin(hint), get_args(hint)
    if hint is Any:
        return value
    if origin in (types.UnionType, Union) and type(None) in args:          # X | None: a setting that may be left out
        return None if value is None else _typed(path, value, args[0], bounds)
    if isinstance(hint, type) and issubclass(hint, Section):      # a row of a list of tables
        return hint.of(value, path)
    if hint in (bool, int, float, str):
        ok = (isinstance(value, bool) if hint is bool else
              isinstance(value, int) and not isinstance(value, bool) if hint is int else
              isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
              if hint is float else isinstance(value, str))
        if not ok:
            raise ConfigError(f"«{path}» должен быть: {_HINT_WORDS[hint]}, а сейчас {_kind(value)} «{value!r}»")
        if bounds and hint in (int, float):
            low, high = bounds
            if (low is not None and value < low) or (high is not None and value > high):
                span = f"от {low} до {high}" if low is not None and high is not None else \
                    f"не меньше {low}" if low is not None else f"не больше {high}"
                raise ConfigError(f"«{path}» = {value}: должно быть {span}")
        return float(value) if hint is float else value
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"«{path}» должен быть списком в квадратных скобках, а сейчас {_kind(value)} «{value!r}»")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_typed(f"{path}[{i}]", v, args[0]) for i, v in enumerate(value))
        if len(value) != len(args):
            raise ConfigError(f"«{path}» должен быть списком из {len(args)} значений, а в нём {len(value)}")
        return tuple(_typed(f"{path}[{i}]", v, a) for i, (v, a) in enumerate(zip(value, args)))
    if origin in (Mapping, dict, collections.abc.Mapping):
        if not isinstance(value, Mapping):
            raise ConfigError(f"«{path}» должен быть разделом (таблицей), а сейчас {_kind(value)} «{value!r}»")
        return MappingProxyType({str(k): _typed(f"{path}.{k}", v, args[1]) for k, v in value.items()})
    raise TypeError(f"config: unsupported type {hint!r} at {path}")


@dataclass(frozen=True, eq=False)
class PlanItem(Section):
    """One activity of a ППН template (plans.opening, .closing, .default, .topics): `days` after the pair's start
    (opening) or before the year's end (closing)."""
    NAME = "plans"
    activity: str
    format: str | None = None
    responsible: str | None = None
    days: int | None = None
    match: tuple[str, ...] | None = None
    BOUNDS = {"days": (0, 366)}
    NONEMPTY = frozenset({"activity"})


@dataclass(frozen=True, eq=False)
class PlanCategory(Section):
    """What a mentee's category adds to her ППН (plans.categories): a direction, a task, an expected result and
    activities of its own."""
    NAME = "plans.categories"
    direction: str | None = None
    task: str | None = None
    expected: str | None = None
    activities: tuple[PlanItem, ...] | None = None


@dataclass(frozen=True, eq=False)
class FormRow(Section):
    """One form of [[mentoring.forms]]: who needs it (all given conditions) and what it asks of a mentor."""
    NAME = "mentoring.forms"
    name: str
    form: str | None = None
    young: bool | None = None
    positions: tuple[str, ...] | None = None
    categories: tuple[str, ...] | None = None
    topics: tuple[str, ...] | None = None
    min_years: float | None = None
    mentor_min_years: float | None = None
    mentor_qualification: tuple[str, ...] | None = None
    mentor_topics: tuple[str, ...] | None = None
    mentor_positions: tuple[str, ...] | None = None
    BOUNDS = {"min_years": (0, 60), "mentor_min_years": (0, 60)}
    NONEMPTY = frozenset({"name"})


@dataclass(frozen=True, eq=False)
class TypeRow(Section):
    """One type of [[mentoring.types]]: the first whose rule a pair/group holds is its type."""
    NAME = "mentoring.types"
    name: str
    reverse: bool | None = None
    group_prefix: str | None = None
    format_words: tuple[str, ...] | None = None
    pair_topics: tuple[str, ...] | None = None
    NONEMPTY = frozenset({"name"})


@dataclass(frozen=True, eq=False)
class School(Section):
    NAME = "school"
    name: str
    short_name: str
    timezone: str
    public_url: str
    settings_tab: str
    staff: int
    head_position: str
    head_name: str
    BOUNDS = {"staff": (0, 100_000)}

    def check(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"[school] timezone = «{self.timezone}» — неизвестный часовой пояс; "
                              "укажите, например, \"Asia/Novosibirsk\" или \"Europe/Moscow\"") from None


@dataclass(frozen=True, eq=False)
class Refresh(Section):
    NAME = "refresh"
    ttl_seconds: float
    seminar_ttl_seconds: float
    retries: int
    backoff_seconds: float
    retry_seconds: float
    connect_timeout_seconds: float
    read_timeout_seconds: float
    BOUNDS = {"ttl_seconds": (1, 86_400), "seminar_ttl_seconds": (1, 86_400), "retries": (0, 20),
              "backoff_seconds": (0, 60), "retry_seconds": (1, 3_600), "connect_timeout_seconds": (0.1, 300),
              "read_timeout_seconds": (0.1, 600)}


@dataclass(frozen=True, eq=False)
class Upload(Section):
    NAME = "upload"
    max_megabytes: float
    max_rows: int
    BOUNDS = {"max_megabytes": (0.001, 1_000), "max_rows": (1, 10_000_000)}


@dataclass(frozen=True, eq=False)
class Access(Section):
    NAME = "access"
    open_without_login: bool
    seminar_min_group: int
    trusted_proxies: tuple[str, ...]
    BOUNDS = {"seminar_min_group": (2, 1_000)}


@dataclass(frozen=True, eq=False)
class Matching(Section):
    NAME = "matching"
    top_k: int
    min_score: float
    blank_capacity: int
    weights: Mapping[str, float]
    BOUNDS = {"top_k": (1, 100), "min_score": (0, 1), "blank_capacity": (0, 1_000)}
    NONEMPTY = frozenset({"weights"})

    def check(self) -> None:
        bad = next((k for k, w in self.weights.items() if not 0 <= w <= 1_000), None)
        if bad is not None:
            raise ConfigError(f"«matching.weights.{bad}» = {self.weights[bad]}: вес должен быть от 0 до 1000")
        if not sum(self.weights.values()) > 0:
            raise ConfigError("[matching.weights]: хотя бы один вес должен быть больше 0")


@dataclass(frozen=True, eq=False)
class Roadmap(Section):
    NAME = "roadmap"
    school_year: tuple[str, str]
    template: str
    results: Mapping[str, str] | None = None

    def check(self) -> None:
        for i, day in enumerate(self.school_year):
            try:
                datetime.strptime(f"2000-{day}", "%Y-%m-%d")
            except ValueError:
                raise ConfigError(f"«roadmap.school_year[{i}]» = «{day}»: нужна дата «ММ-ДД», например \"09-01\"") \
                    from None

    def bounds(self, start_year: int) -> tuple[date, date]:
        """The school year that starts in `start_year`: its first and its last day."""
        first, last = (datetime.strptime(f"{start_year}-{d}", "%Y-%m-%d").date() for d in self.school_year)
        return first, last if last > first else last.replace(year=start_year + 1)


@dataclass(frozen=True, eq=False)
class Quality(Section):
    NAME = "quality"
    scale_min: int
    scale_max: int
    satisfied_from: float
    quiet_after_weeks: float
    risk_score_below: float
    risk_gap_at_least: float
    min_group: int
    swot_tab: str
    items: Mapping[str, str]
    BOUNDS = {"scale_min": (0, 100), "scale_max": (1, 100), "quiet_after_weeks": (0, 52), "min_group": (1, 1_000)}
    NONEMPTY = frozenset({"swot_tab", "items"})

    def check(self) -> None:
        if not self.scale_min < self.scale_max:
            raise ConfigError(f"[quality] scale_min ({self.scale_min}) должен быть меньше scale_max ({self.scale_max})")
        if not self.scale_min <= self.satisfied_from <= self.scale_max:
            raise ConfigError(f"«quality.satisfied_from» = {self.satisfied_from}: должно быть в пределах шкалы "
                              f"{self.scale_min}–{self.scale_max}")

    @property
    def satisfied_label(self) -> str:
        """How «satisfied» reads everywhere: the top of the scale, e.g. «8–10»."""
        return f"{_number(self.satisfied_from)}–{_number(self.scale_max)}"


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x}".replace(".", ",")


@dataclass(frozen=True, eq=False)
class Monitoring(Section):
    NAME = "monitoring"
    stage1: tuple[str, ...]
    stage2: tuple[str, ...]
    coverage_target: float
    young_years: float
    swot_threat_words: tuple[str, ...]
    reminder: str
    BOUNDS = {"coverage_target": (0, 1), "young_years": (0, 60)}
    NONEMPTY = frozenset({"reminder"})


@dataclass(frozen=True, eq=False)
class Plans(Section):
    NAME = "plans"
    goal: str
    summing_up: str
    due_soon_days: int
    on_time_grace_days: int
    risk_overdue_weeks: float
    per_topic: int
    min_middle: int
    topics_max: int
    formats: tuple[str, ...]
    responsible: tuple[str, ...]
    expected: tuple[str, ...]
    expected_topic: str
    task_topic: str
    task_request: str
    opening: tuple[PlanItem, ...]
    closing: tuple[PlanItem, ...]
    default: tuple[PlanItem, ...]
    topics: Mapping[str, tuple[PlanItem, ...]]
    goal_request: str | None = None
    goal_no_request: str | None = None
    expected_request: str | None = None
    direction_topic: str | None = None
    categories: Mapping[str, PlanCategory] | None = None
    BOUNDS = {"due_soon_days": (0, 366), "on_time_grace_days": (0, 366), "risk_overdue_weeks": (0, 52),
              "per_topic": (0, 50), "min_middle": (0, 50), "topics_max": (1, 20)}
    NONEMPTY = frozenset({"goal", "formats", "responsible", "opening", "closing", "default", "topics"})


@dataclass(frozen=True, eq=False)
class Mentoring(Section):
    NAME = "mentoring"
    young_years: float
    young_categories: tuple[str, ...]
    curator: str
    form: str
    default_form: str
    default_type: str
    digital_topics: tuple[str, ...]
    forms: tuple[FormRow, ...]
    types: tuple[TypeRow, ...]
    BOUNDS = {"young_years": (0, 60)}
    NONEMPTY = frozenset({"form", "default_form", "default_type", "forms", "types"})


SECTIONS: Mapping[str, type[Section]] = {s.NAME: s for s in (School, Refresh, Upload, Access, Matching, Roadmap,
                                                               Quality, Monitoring, Plans, Mentoring)}


@dataclass(frozen=True)
class Config:
    """One school's (one year's) configuration: the typed sections, the forms, the lists.
    Build it with `parse_config` (from a TOML table) or `load_config` (from a file)."""
    raw: Mapping[str, Any]
    path: Path
    lists: Mapping[str, tuple[str, ...]]
    forms: Mapping[str, FormSpec]
    service: Mapping[str, FormSpec]
    school: School
    refresh: Refresh
    upload: Upload
    access: Access
    matching: Matching
    roadmap: Roadmap
    quality: Quality
    monitoring: Monitoring
    plans: Plans
    mentoring: Mentoring
    years: Mapping[str, str] = field(default_factory=dict)

    @property
    def answers(self) -> Mapping[str, tuple[str, ...]]:
        return {k: tuple(v) for k, v in self.raw.get("answers", {}).items()}

    def section(self, name: str) -> Mapping[str, Any]:
        """A section by name: typed where it is one of `SECTIONS`, the TOML table otherwise ([service] …)."""
        return getattr(self, name) if name in SECTIONS else self.raw.get(name, {})

    @property
    def topics(self) -> tuple[str, ...]:
        return self.lists.get("topics", ())

    def all_specs(self) -> dict[str, FormSpec]:
        return {**self.forms, **self.service}

    @property
    def timezone(self) -> ZoneInfo:
        """The school's clock ([school] timezone): «сегодня», stage status, order dates, «данные на»."""
        return ZoneInfo(self.school.timezone)

    def now(self) -> datetime:
        return datetime.now(self.timezone)

    def today(self) -> date:
        return self.now().date()

    @property
    def swot_tab(self) -> str:
        return self.quality.swot_tab

    @property
    def settings_tab(self) -> str:
        return self.school.settings_tab

    @property
    def pairs_ended(self) -> tuple[str, ...]:
        """Status words of a pair that has ended ([service.pairs] ended): its mentee may be in a new pair."""
        return tuple(str(w) for w in self.raw.get("service", {}).get("pairs", {}).get("ended", ()))

    def tab_names(self) -> list[str]:
        """Every tab the dashboard reads: the forms', the service tabs, the SWOT board and the school's settings."""
        names = [s.tab for s in self.all_specs().values()] + [self.swot_tab, self.settings_tab]
        return list(dict.fromkeys(names))


FIELD_TYPES = ("timestamp", "email", "text", "int", "choice", "multi", "consent", "yesno", "scale", "frequency",
               "date")
FIELD_KEYS = {"type", "headers", "required", "options", "asked", "confirmed"}


def _form_spec(key: str, data: Mapping[str, Any], lists: Mapping[str, tuple[str, ...]]) -> FormSpec:
    where = f"forms.{key}" if data.get("kind") != "service" else f"service.{key}"
    specs = {}
    fields_ = data.get("fields", {})
    if not isinstance(fields_, Mapping):
        raise ConfigError(f"«{where}.fields» должен быть разделом (таблицей)")
    for name, f in fields_.items():
        path = f"{where}.fields.{name}"
        if not isinstance(f, Mapping):
            raise ConfigError(f"«{path}» должен быть таблицей {{ type = …, headers = […] }}, а сейчас {_kind(f)}")
        unknown = set(f) - FIELD_KEYS
        if unknown:
            raise ConfigError(f"«{path}»: неизвестный параметр «{sorted(unknown)[0]}» (есть: {', '.join(sorted(FIELD_KEYS))})")
        kind = _typed(f"{path}.type", f.get("type", "text"), str)
        if kind not in FIELD_TYPES:
            raise ConfigError(f"«{path}.type» = «{kind}»: такого типа нет (есть: {', '.join(FIELD_TYPES)})")
        opts = f.get("options", ())
        if isinstance(opts, str):
            if opts not in lists:
                raise ConfigError(f"поле {key}.{name} ссылается на неизвестный список «{opts}»")
            opts = lists[opts]
        spec = FieldSpec(name=name, type=kind, headers=_typed(f"{path}.headers", f.get("headers", ()), tuple[str, ...]),
                         required=_typed(f"{path}.required", f.get("required", False), bool),
                         options=_typed(f"{path}.options", opts, tuple[str, ...]),
                         asked=_typed(f"{path}.asked", f.get("asked", True), bool),
                         confirmed=_typed(f"{path}.confirmed", f.get("confirmed", False), bool))
        if spec.asked and not any(h.strip() for h in spec.headers):
            raise ConfigError(f"«{path}.headers» пуст: укажите текст вопроса или asked = false, если его не задают")
        specs[name] = spec
    if "tab" not in data:
        raise ConfigError(f"[{where}] нет параметра «tab» (название листа)")
    if not _filled(data["tab"]):
        raise ConfigError(f"«{where}.tab» не может быть пустым: укажите название листа")
    return FormSpec(key=key, title=_typed(f"{where}.title", data.get("title", key), str),
                    tab=_typed(f"{where}.tab", data["tab"], str), fields=specs,
                    role=data.get("role"), kind=data.get("kind"),
                    role_question=_typed(f"{where}.role_question", data.get("role_question", ""), str),
                    role_answers=_typed(f"{where}.role_answers", data.get("role_answers", ()), tuple[str, ...]))


def _lists(raw: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    return {k: _typed(f"lists.{k}", v, tuple[str, ...]) for k, v in raw.items()}


def parse_config(raw: Mapping[str, Any], path: Path = DEFAULT_CONFIG) -> Config:
    """A whole config from its TOML table; every section checked (`ConfigError` names the setting at fault)."""
    for name in ("lists", "answers", "forms", "service", "years"):
        if not isinstance(raw.get(name, {}), Mapping):
            raise ConfigError(f"[{name}] должен быть разделом (таблицей), а не {_kind(raw[name])}")
    lists = _lists(raw.get("lists", {}))
    for k, v in raw.get("answers", {}).items():
        _typed(f"answers.{k}", v, tuple[str, ...])
    forms = {k: _form_spec(k, v, lists) for k, v in raw.get("forms", {}).items()}
    service = {k: _form_spec(k, {"kind": "service", **v}, lists) for k, v in raw.get("service", {}).items()}
    sections = {name: cls.of(raw.get(name, {})) for name, cls in SECTIONS.items()}
    years = {str(k): _typed(f"years.{k}", v, str) for k, v in raw.get("years", {}).items()}
    return Config(raw=raw, path=path, lists=lists, forms=forms, service=service, years=years, **sections)


def check_part(base: Mapping[str, Any], part: Mapping[str, Any]) -> None:
    """Raise `ConfigError` if `part` (a few settings, e.g. one row of the «Настройки» tab) over `base` would not
    make a valid config — only the sections `part` touches are checked (cheap: a row at a time)."""
    whole = merged(base, part)
    lists = whole.get("lists", {}) if isinstance(whole.get("lists", {}), Mapping) else None
    if lists is not None and isinstance(part.get("lists", {}), Mapping):
        typed = _lists(part.get("lists", {}))              # the lists this part sets (a form's own reference is typed)
        if "topics" in typed and not any(t.strip() for t in typed["topics"]):
            raise ConfigError("«lists.topics» не может быть пустым: это темы запросов, по ним подбираются пары")
    for name in part:
        if name in SECTIONS:
            SECTIONS[name].of(whole[name])
        elif name in ("lists", "answers", "forms", "service") and not isinstance(whole[name], Mapping):
            raise ConfigError(f"[{name}] должен быть разделом (таблицей), а не {_kind(whole[name])}")
        elif name == "answers":
            for k, v in whole["answers"].items():
                _typed(f"answers.{k}", v, tuple[str, ...])
    if "lists" in part or "forms" in part:
        forms, changed = whole.get("forms", {}), set(part.get("lists", {}))
        touched = set(part.get("forms", {})) | {k for k, f in forms.items() if _uses_lists(f, changed)}
        for key in touched:
            if not isinstance(forms[key], Mapping):
                raise ConfigError(f"[forms.{key}] должен быть разделом (таблицей)")
            _form_spec(key, forms[key], lists)


def _uses_lists(form: Any, names: set[str]) -> bool:
    """A form with a question whose options are one of the lists `names` («options = "topics"»)."""
    fields_ = form.get("fields", {}) if isinstance(form, Mapping) else {}
    return isinstance(fields_, Mapping) and any(
        isinstance(f, Mapping) and isinstance(f.get("options"), str) and f["options"] in names for f in fields_.values())


def merged(base: Mapping[str, Any], school: Mapping[str, Any]) -> dict[str, Any]:
    """A school's partial config over the defaults: tables merge key by key (down to one question's fields),
    any other value — text, number, list — replaces the default; `[years]`, when the school has it, is the
    school's alone (the demo's years are never added to it); a school naming itself by `name` or `short_name`
    alone gets it as both."""
    def merge(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(a)
        for key, value in b.items():
            out[key] = merge(out[key], value) if isinstance(value, Mapping) and isinstance(out.get(key), Mapping) else value
        return out

    out = merge(base, school)
    if "years" in school:
        out["years"] = dict(school["years"])
    own = school.get("school") if isinstance(school.get("school"), Mapping) else {}
    names = out.get("school") if isinstance(out.get("school"), Mapping) else None
    demo = _demo_names()
    for given, other in (("name", "short_name"), ("short_name", "name")):
        # one of the two names set: the other follows it while it is still the demo school's («Лицей ИНТЕГРАЛ»)
        if names is not None and given in own and names.get(other) == demo.get(other) != own[given]:
            names = out["school"] = {**names, other: own[given]}
    return out


@lru_cache(maxsize=1)
def _demo_names() -> dict[str, str]:
    with open(DEFAULT_CONFIG, "rb") as fh:
        school = tomllib.load(fh).get("school", {})
    return {k: school.get(k) for k in ("name", "short_name")}


@lru_cache(maxsize=8)
def _load(path: str, mtime: float, base_mtime: float) -> Config:
    with open(path, "rb") as fh:
        raw = tomllib.load(fh)
    if Path(path) != DEFAULT_CONFIG.resolve():
        with open(DEFAULT_CONFIG, "rb") as fh:
            raw = merged(tomllib.load(fh), raw)          # a school's file holds only what differs
    return parse_config(raw, Path(path))


def load_config(path: str | os.PathLike | None = None) -> Config:
    """Read config.toml (or `path`, or MENTORING_CONFIG, or the school's file «Настройка» wrote in `school_dir()`:
    a school's file is merged over the bundled config.toml); cached until a file changes."""
    kept = school_dir() / "config.toml"
    p = Path(path or os.environ.get("MENTORING_CONFIG") or (kept if kept.exists() else DEFAULT_CONFIG)).resolve()
    return _load(str(p), p.stat().st_mtime, DEFAULT_CONFIG.stat().st_mtime)


def bundled_config() -> Config:
    """The bundled config.toml alone (what a school's own file is compared with)."""
    return load_config(DEFAULT_CONFIG)


def outside_default(config: Config | None) -> Config:
    """`config`, or — for scripts and checks outside the app only — the bundled config.toml (or MENTORING_CONFIG).
    The one place a default config is resolved: the public functions of DESIGN.md that may be called without a
    config (load_program, quality_report, stage_status, propose, draft_plan, kpis, annual_report_docx, the
    matching's score_pairs/suggest/assign) call it; every other function takes the year's config, required."""
    return config if config is not None else load_config()

