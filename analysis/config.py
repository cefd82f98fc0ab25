"""The school's configuration (config.toml) as typed, read-only objects.

One file describes a school: which tab holds which form, the question texts of
every field, the option lists, thresholds and weights. Nothing here knows
Streamlit or gspread.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = ROOT / "config.toml"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    headers: tuple[str, ...]
    required: bool = False
    options: tuple[str, ...] = ()
    asked: bool = True           # false: the school's form does not ask it («не задаётся»): no column, no warning


@dataclass(frozen=True)
class FormSpec:
    key: str
    title: str
    tab: str
    fields: Mapping[str, FieldSpec]
    role: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Config:
    raw: Mapping[str, Any]
    path: Path
    lists: Mapping[str, tuple[str, ...]]
    forms: Mapping[str, FormSpec]
    service: Mapping[str, FormSpec]
    years: Mapping[str, str] = field(default_factory=dict)

    @property
    def answers(self) -> Mapping[str, tuple[str, ...]]:
        return {k: tuple(v) for k, v in self.raw.get("answers", {}).items()}

    def section(self, name: str) -> Mapping[str, Any]:
        return self.raw.get(name, {})

    @property
    def topics(self) -> tuple[str, ...]:
        return self.lists.get("topics", ())

    def all_specs(self) -> dict[str, FormSpec]:
        return {**self.forms, **self.service}

    @property
    def timezone(self) -> ZoneInfo:
        """The school's clock ([school] timezone): «сегодня», stage status, order dates, «данные на»."""
        name = str(self.section("school").get("timezone", "Europe/Moscow"))
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"config: [school] timezone = «{name}» — неизвестный часовой пояс; "
                             "укажите, например, \"Asia/Novosibirsk\" или \"Europe/Moscow\"") from None

    def now(self) -> datetime:
        return datetime.now(self.timezone)

    def today(self) -> date:
        return self.now().date()

    @property
    def swot_tab(self) -> str:
        return str(self.section("quality").get("swot_tab", "SWOT"))

    @property
    def settings_tab(self) -> str:
        return str(self.section("school").get("settings_tab", "Настройки"))

    def tab_names(self) -> list[str]:
        """Every tab the dashboard reads: the forms', the service tabs, the SWOT board and the school's settings."""
        names = [s.tab for s in self.all_specs().values()] + [self.swot_tab, self.settings_tab]
        return list(dict.fromkeys(names))


def _form_spec(key: str, data: Mapping[str, Any], lists: Mapping[str, tuple[str, ...]]) -> FormSpec:
    fields = {}
    for name, f in data.get("fields", {}).items():
        opts = f.get("options", ())
        if isinstance(opts, str):
            if opts not in lists:
                raise ValueError(f"config: поле {key}.{name} ссылается на неизвестный список «{opts}»")
            opts = lists[opts]
        fields[name] = FieldSpec(name=name, type=f.get("type", "text"), headers=tuple(f.get("headers", ())),
                                 required=bool(f.get("required", False)), options=tuple(opts),
                                 asked=bool(f.get("asked", True)))
    return FormSpec(key=key, title=data.get("title", key), tab=data["tab"], fields=fields,
                    role=data.get("role"), kind=data.get("kind"))


def parse_config(raw: Mapping[str, Any], path: Path = DEFAULT_CONFIG) -> Config:
    lists = {k: tuple(v) for k, v in raw.get("lists", {}).items()}
    forms = {k: _form_spec(k, v, lists) for k, v in raw.get("forms", {}).items()}
    service = {k: _form_spec(k, {"kind": "service", **v}, lists) for k, v in raw.get("service", {}).items()}
    return Config(raw=raw, path=path, lists=lists, forms=forms, service=service,
                  years=dict(raw.get("years", {})))


def merged(base: Mapping[str, Any], school: Mapping[str, Any]) -> dict[str, Any]:
    """A school's partial config over the defaults: tables merge key by key (down to one question's fields),
    any other value — text, number, list — replaces the default; `[years]`, when the school has it, is the
    school's alone (the demo's years are never added to it)."""
    def merge(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(a)
        for key, value in b.items():
            out[key] = merge(out[key], value) if isinstance(value, Mapping) and isinstance(out.get(key), Mapping) else value
        return out

    out = merge(base, school)
    if "years" in school:
        out["years"] = dict(school["years"])
    return out


@lru_cache(maxsize=8)
def _load(path: str, mtime: float, base_mtime: float) -> Config:
    with open(path, "rb") as fh:
        raw = tomllib.load(fh)
    if Path(path) != DEFAULT_CONFIG.resolve():
        with open(DEFAULT_CONFIG, "rb") as fh:
            raw = merged(tomllib.load(fh), raw)          # a school's file holds only what differs
    return parse_config(raw, Path(path))


def load_config(path: str | os.PathLike | None = None) -> Config:
    """Read config.toml (or MENTORING_CONFIG, or `path`: a school's file, merged over the bundled config.toml);
    cached until a file changes."""
    p = Path(path or os.environ.get("MENTORING_CONFIG") or DEFAULT_CONFIG).resolve()
    return _load(str(p), p.stat().st_mtime, DEFAULT_CONFIG.stat().st_mtime)
