"""Мероприятия и публикации: the program's logs (stages 1, 4, 6 and 7), with filters."""
import pandas as pd
import streamlit as st

from ui import sidebar
from ui.format import blank_missing, date as fmt_date, web_link

loaded = sidebar.current()
config = loaded.config
program = loaded.program

st.title("Мероприятия и публикации")


def log(frame: pd.DataFrame, columns: dict[str, str], filter_col: str, filter_label: str, key: str, tab: str) -> None:
    if frame is None or not len(frame):
        st.info(f"Лист «{tab}» пуст или не найден. Добавьте его в таблицу учебного года — его колонки в «Настройка» → «Готовые формы».")
        return
    f = st.columns(2)
    values = sorted(frame[filter_col].dropna().astype(str).unique()) if filter_col in frame else []
    chosen = f[0].multiselect(filter_label, values, key=f"{key}_kind", placeholder="все")
    stages = sorted(frame["stage"].dropna().astype(int).unique()) if "stage" in frame else []
    chosen_stages = f[1].multiselect("Этап", stages, key=f"{key}_stage", placeholder="все")
    shown = frame
    if chosen:
        shown = shown[shown[filter_col].astype(str).isin(chosen)]
    if chosen_stages:
        shown = shown[shown["stage"].isin(chosen_stages)]
    shown = shown.sort_values("date")[[c for c in columns if c in shown]].rename(columns=columns)
    shown["Дата"] = shown["Дата"].map(fmt_date)
    if "Ссылка" in shown:
        shown["Ссылка"] = shown["Ссылка"].map(web_link)
    st.caption(f"Записей: {len(shown)} из {len(frame)}")
    st.dataframe(blank_missing(shown), hide_index=True, width="stretch",
                 column_config={"Ссылка": st.column_config.LinkColumn(), "Этап": st.column_config.NumberColumn(format="%d")})


tab_e, tab_p = st.tabs(["Мероприятия", "Публикации"])
with tab_e:
    log(program.events, {"date": "Дата", "kind": "Вид", "title": "Название", "stage": "Этап", "participants": "Участники"},
        "kind", "Вид", "ev", config.service["events"].tab)
with tab_p:
    log(program.publications, {"date": "Дата", "channel": "Канал", "title": "Заголовок", "link": "Ссылка", "stage": "Этап"},
        "channel", "Канал", "pub", config.service["publications"].tab)
