"""The sidebar: academic year, source (configured or an uploaded .xlsx), refresh, "data as of"."""
from __future__ import annotations

import streamlit as st

from analysis import load_config

from data_sources import SourceError

from . import state
from .format import md_text


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
    mode = st.sidebar.radio("Источник данных", ["Настроенный", "Загрузить .xlsx"], horizontal=True, key="_source_mode",
                            help="«Настроенный» — как указано в config.toml. «Загрузить .xlsx» — книга, скачанная "
                                 "из Google Sheets: Файл → Скачать → Microsoft Excel.")
    if mode == "Загрузить .xlsx":
        limits = load_config().upload
        upload = st.sidebar.file_uploader(
            "Книга .xlsx", type=["xlsx"],
            help=f"Не больше {limits.max_megabytes:g} МБ и {int(limits.max_rows):,} строк во всех "
                 "листах (книга одного учебного года); живёт только в этом сеансе браузера.".replace(",", " "))
        if upload is None:
            st.session_state.pop(state.UPLOAD, None)            # a removed file is freed at once
            st.info("Загрузите книгу .xlsx в боковой панели или выберите «Настроенный» источник.")
            return None
        try:
            loaded = state.upload(upload.getvalue(), upload.name, upload.file_id, year)
        except SourceError as err:
            st.error(md_text(str(err)))
            return None
        if loaded.year != year:
            st.info(f"Книга «{md_text(upload.name)}» — за {loaded.year} учебный год (так говорят отметки времени анкет), "
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
