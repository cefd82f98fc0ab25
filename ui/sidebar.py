"""The sidebar: academic year, source (configured or an uploaded .xlsx), refresh, "data as of"."""
from __future__ import annotations

import streamlit as st

from analysis import load_config

from data_sources import SourceError

from . import state
from .format import md_text

UPLOAD = "Загрузить файлы"
CONFIGURED = "Настроенный"


def _year_picker() -> str:
    years = state.years()
    wanted = st.query_params.get("year", "").replace("-", "/")
    if "year" not in st.session_state:
        st.session_state["year"] = wanted if wanted in years else years[-1]
    year = st.sidebar.selectbox("Учебный год", years, key="year")
    st.query_params["year"] = year.replace("/", "-")
    return year


def render() -> state.Loaded | None:
    """Draw the sidebar and return the chosen year's data (None when there is nothing to show)."""
    year = _year_picker()
    mode = st.sidebar.radio("Источник данных", [CONFIGURED, UPLOAD], horizontal=True, key="_source_mode",
                            help="«Настроенный» — как указано в настройках сервера. «Загрузить файлы» — книга, "
                                 "скачанная из Google Sheets (Файл → Скачать → Microsoft Excel), или выгрузки форм "
                                 "по одному файлу на форму (.xlsx или .csv, например из Яндекс Форм).")
    if mode == UPLOAD:
        limits = load_config().upload
        files = st.sidebar.file_uploader(
            "Книга .xlsx или файлы форм (.xlsx, .csv)", type=["xlsx", "csv"], accept_multiple_files=True,
            help=f"Можно выбрать несколько файлов сразу (по одному на форму) — каждый станет листом с именем файла. "
                 f"Не больше {limits.max_megabytes:g} МБ и {int(limits.max_rows):,} строк вместе (один учебный год); "
                 "живут только в этом сеансе браузера.".replace(",", " "))
        if not files:
            st.session_state.pop(state.UPLOAD, None)            # a removed file is freed at once
            st.info("Загрузите книгу .xlsx или файлы форм (.xlsx, .csv) в боковой панели или выберите «Настроенный» "
                    "источник.")
            return None
        try:
            loaded = state.upload([(f.getvalue(), f.name, f.file_id) for f in files], year)
        except SourceError as err:
            st.error(md_text(str(err)))
            return None
        name = ", ".join(f.name for f in files)
        if loaded.year != year:
            st.info(f"Книга «{md_text(name)}» — за {loaded.year} учебный год (так говорят отметки времени анкет), "
                    f"поэтому показана как {loaded.year}, хотя выбран {year}.", icon=":material/event:")
    else:
        st.session_state.pop(state.UPLOAD, None)
        try:
            loaded = state.current(year)
        except SourceError as err:
            st.error(str(err))
            st.sidebar.button("Повторить", icon=":material/refresh:", on_click=state.refresh)
            return None
        st.sidebar.button("Обновить данные", icon=":material/refresh:", on_click=state.refresh,
                          help="Перечитать таблицу сейчас, не дожидаясь автоматического обновления")
    snap = loaded.snapshot
    st.sidebar.caption(f"Источник: {md_text(loaded.source_label)}  \nДанные на {state.as_of(loaded)}")
    if snap.stale:
        st.warning(f"Источник сейчас недоступен — показаны данные на {state.as_of(loaded)}. {md_text(snap.error)}",
                   icon=":material/cloud_off:")
    st.session_state["_loaded"] = loaded
    return loaded


def current() -> state.Loaded:
    """The data the sidebar chose, for the pages."""
    return st.session_state["_loaded"]
