"""Where approved pairs go: the `Пары` tab of the year's Google Sheet (one batch write) or .xlsx file;
for the bundled demo or an uploaded file, this browser session only. Read back on the next load."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis import load_config
from analysis.program import with_pairs_tab
from data_sources import SourceError

from . import state

SESSION_KEY = "_approved_pairs"


def _session_only(loaded: state.Loaded) -> bool:
    return loaded.source_label.startswith("Демо") or state.kind_of(loaded.year) == "demo" or \
        st.session_state.get("_upload_mode", False)


def save(loaded: state.Loaded, tab: pd.DataFrame) -> tuple[bool, str]:
    """Write the approved pairs. Returns (ok, message in Russian)."""
    name = load_config().service["pairs"].tab
    if _session_only(loaded):
        st.session_state.setdefault(SESSION_KEY, {})[loaded.year] = tab
        return True, (f"Утверждено пар: {len(tab)}. Демо-книга не меняется: пары сохранены только в этом сеансе "
                      "браузера. С настоящей таблицей они будут записаны в лист «Пары».")
    try:
        state.source_for(loaded.year).write_tab(name, [list(tab.columns)] + tab.astype(str).values.tolist())
    except SourceError as err:
        return False, f"Не удалось сохранить пары: {err}"
    except PermissionError:
        return False, ("Не удалось сохранить пары: нет права на запись. Дайте сервисному аккаунту роль «Редактор» "
                       "в настройках доступа таблицы.")
    state.refresh()
    return True, f"Записано в лист «{name}»: {len(tab)} пар(ы)."


def apply(loaded: state.Loaded) -> state.Loaded:
    """The year's data with this session's approvals (demo / uploaded file) in place of the `Пары` tab."""
    tab = st.session_state.get(SESSION_KEY, {}).get(loaded.year)
    if tab is None or not _session_only(loaded):
        return loaded
    return replace(loaded, program=with_pairs_tab(loaded.program, tab))
