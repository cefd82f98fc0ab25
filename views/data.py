"""Данные: what was loaded, when, at what cost, and every problem found in it."""
import streamlit as st

from analysis.overview import tab_summary
from ui import sidebar, state
from ui.format import md_text
from ui.metrics import metric_row

SEVERITY = {"error": "ошибка", "warning": "предупреждение", "info": "сведения"}

loaded = sidebar.current()
snap, program = loaded.snapshot, loaded.program

st.title("Данные")
st.caption(f"Источник: {md_text(loaded.source_label)} · обновлено {state.as_of(loaded)}")
metric_row([("Запросов к Google Sheets", snap.api_calls, "Сколько запросов к API заняло последнее обновление")
            if snap.api_calls is not None else ("Запросов к Google Sheets", "—", "Данные из файла: к Google Sheets не обращались"),
            ("Время чтения и разбора", f"{snap.seconds:.2f} с".replace(".", ",")),
            ("Листов прочитано", len(snap.tabs))])
if snap.stale:
    st.warning(f"Источник недоступен, показаны последние загруженные данные. {md_text(snap.error)}")

st.subheader("Листы")
config = loaded.config
st.dataframe(tab_summary(snap.tabs, program, config.all_specs(),
                         {config.swot_tab: "SWOT-доска (сохраняется на странице «Качество программы»)",
                          config.settings_tab: "Настройки форм школы (сохраняются на странице «Настройка»)"}),
             hide_index=True, width="stretch")

st.subheader("Проблемы в данных")
problems = program.problems_frame()
if problems.empty:
    st.success("Проблем не найдено.")
else:
    counts = problems["severity"].value_counts()
    st.caption(" · ".join(f"{SEVERITY[k]}: {counts.get(k, 0)}" for k in SEVERITY))
    chosen = st.multiselect("Показать", list(SEVERITY.values()), default=["ошибка", "предупреждение"], placeholder="ничего")
    table = problems.assign(severity=problems["severity"].map(SEVERITY))
    table = table[table["severity"].isin(chosen)]
    st.dataframe(
        table.rename(columns={"tab": "Лист", "row": "Строка", "column": "Колонка", "message": "Что не так и что сделать",
                              "severity": "Важность"})[["Важность", "Лист", "Строка", "Колонка", "Что не так и что сделать"]],
        hide_index=True, width="stretch", row_height=78, placeholder="",   # three lines: a long message wraps, not cut
        column_config={"Важность": st.column_config.TextColumn(width=130),
                       "Лист": st.column_config.TextColumn(width="small"),
                       "Строка": st.column_config.NumberColumn(format="%d", width=70),
                       "Колонка": st.column_config.TextColumn(width="small"),
                       "Что не так и что сделать": st.column_config.TextColumn(width="large")},
    )
