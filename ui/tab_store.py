"""Writing a tab back (approved pairs, the SWOT board, chosen practices): to the year's Google Sheet
(one batch write) or .xlsx file; for the bundled demo or an uploaded file, this browser session only.
Read back on the next load."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis import load_config
from analysis.program import with_service_tab
from data_sources import SourceError

from . import state

SESSION_KEY = "_saved_tabs"
APPLIED_KEY = "_saved_tabs_applied"


def _session_only(loaded: state.Loaded) -> bool:
    # an upload first: its academic year (from its own answers) need not be one config.toml knows
    return st.session_state.get("_upload_mode", False) or loaded.source_label.startswith("Демо") or \
        state.kind_of(loaded.year) == "demo"


def save(loaded: state.Loaded, name: str, tab: pd.DataFrame, what: str) -> tuple[bool, str]:
    """Replace the tab `name` with `tab` (header + text cells). Returns (ok, message in Russian)."""
    if _session_only(loaded):
        st.session_state.setdefault(SESSION_KEY, {})[(loaded.year, name)] = tab
        return True, (f"Сохранено: {what}. Демо-книга не меняется: изменения живут только в этом сеансе браузера; "
                      f"с настоящей таблицей они будут записаны в лист «{name}».")
    try:
        state.source_for(loaded.year).write_tab(name, [list(tab.columns)] + tab.astype(str).values.tolist())
    except SourceError as err:
        return False, f"Не удалось сохранить: {err}"
    except PermissionError:
        return False, ("Не удалось сохранить: нет права на запись. Дайте сервисному аккаунту роль «Редактор» "
                       "в настройках доступа таблицы.")
    state.refresh(look_for_tabs=False)
    return True, f"Записано в лист «{name}»: {what}."


def saved(loaded: state.Loaded, name: str) -> pd.DataFrame | None:
    """This session's version of a tab (demo / uploaded file), else the tab as read, else None."""
    tab = st.session_state.get(SESSION_KEY, {}).get((loaded.year, name))
    if tab is not None and _session_only(loaded):
        return tab
    return loaded.snapshot.tabs.get(name)


def save_pairs(loaded: state.Loaded, tab: pd.DataFrame) -> tuple[bool, str]:
    return save(loaded, load_config().service["pairs"].tab, tab, f"утверждённые пары ({len(tab)})")


def apply(loaded: state.Loaded) -> state.Loaded:
    """The year's data with this session's saved tabs (demo / uploaded file) in place of the read ones.

    Rebuilt only when the data or a saved tab changes (not on every rerun); `loaded` itself when no
    saved pairs or practices concern it, so the shared caches keyed on it still apply."""
    saved_tabs = st.session_state.get(SESSION_KEY, {})
    if not saved_tabs or not _session_only(loaded):
        return loaded
    service = load_config().service
    tabs = [(key, saved_tabs.get((loaded.year, service[key].tab))) for key in ("pairs", "practices")]
    tabs = [(key, tab) for key, tab in tabs if tab is not None]
    if not tabs:
        return loaded
    token = (loaded.year, id(loaded.program), loaded.snapshot.fetched_at, tuple(id(tab) for _, tab in tabs))
    memo = st.session_state.get(APPLIED_KEY)
    if memo is not None and memo[0] == token:
        return memo[1]
    program = loaded.program
    for key, tab in tabs:
        program = with_service_tab(program, key, tab)
    result = replace(loaded, program=program)
    st.session_state[APPLIED_KEY] = (token, result)
    return result
