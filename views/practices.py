"""Методическая копилка: best practices from the final questionnaires and the `Практики` tab."""
import pandas as pd
import streamlit as st

from analysis import load_config
from analysis.quality import practices_bank
from documents.practices import practices_docx
from documents.safe import xlsx_bytes
from ui import sidebar, state, tab_store

config = load_config()
loaded = sidebar.current()
tab_name = config.service["practices"].tab

programs = state.every_year(loaded)
bank = practices_bank(programs)

st.title("Методическая копилка")
st.caption("Практики из листа «Практики» и из итоговых анкет («лучшая практика вашей пары»). Отметьте отобранные на "
           "итоговое мероприятие и сохраните — они попадут на страницу семинара (только название и тема).")
f = st.columns(4)
q = f[0].text_input("Поиск", placeholder="слова описания")
topics = f[1].multiselect("Тема", sorted(t for t in bank["topic"].unique() if t), placeholder="все")
subjects = f[2].multiselect("Предмет", sorted({s for v in bank["subject"] for s in str(v).split(", ") if s}), placeholder="все")
years = f[3].multiselect("Учебный год", list(programs), default=[loaded.year], placeholder="все")
shown = bank
if q:
    shown = shown[shown[["title", "description", "topic"]].astype(str).agg(" ".join, axis=1).str.lower().str.contains(q.lower(), regex=False)]
if topics:
    shown = shown[shown["topic"].isin(topics)]
if subjects:
    shown = shown[shown["subject"].map(lambda v: bool(set(str(v).split(", ")) & set(subjects)))]
if years:
    shown = shown[shown["year"].isin(years)]

edited = st.data_editor(
    shown.rename(columns={"year": "Год", "source": "Откуда", "title": "Практика", "topic": "Тема", "subject": "Предмет",
                          "authors": "Авторы", "description": "Описание", "chosen": "Отобрана"}),
    hide_index=True, width="stretch", disabled=["Год", "Откуда", "Авторы", "Описание"], key="practices_editor",
    column_config={"Описание": st.column_config.TextColumn(width="large")})
st.caption(f"Показано {len(shown)} из {len(bank)}; отобрано: {int(edited['Отобрана'].sum())}")

c = st.columns(3)
if c[0].button("Сохранить отбор в «Практики»", icon=":material/save:", type="primary"):
    this_year = edited[edited["Год"] == loaded.year]
    spec = config.service["practices"].fields
    out = pd.DataFrame({spec["title"].headers[0]: this_year["Практика"].where(this_year["Практика"] != "",
                                                                            this_year["Описание"].str.slice(0, 80)),
                        spec["topic"].headers[0]: this_year["Тема"], spec["subject"].headers[0]: this_year["Предмет"],
                        spec["authors"].headers[0]: this_year["Авторы"], spec["description"].headers[0]: this_year["Описание"],
                        spec["chosen"].headers[0]: this_year["Отобрана"].map({True: "Да", False: "Нет"})})
    ok, message = tab_store.save(loaded, tab_name, out, f"практики {loaded.year} ({len(out)})")
    (st.success if ok else st.error)(message)
chosen = edited[edited["Отобрана"]]
export = chosen if len(chosen) else edited
c[1].download_button("Скачать .docx", icon=":material/description:", file_name="методическая-копилка.docx",
                     data=practices_docx(export.rename(columns={"Год": "year", "Практика": "title", "Тема": "topic",
                                                                "Предмет": "subject", "Авторы": "authors",
                                                                "Описание": "description"}),
                                         school=config.section("school").get("name", "")),
                     mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
c[2].download_button("Скачать .xlsx", icon=":material/download:", file_name="методическая-копилка.xlsx",
                     data=xlsx_bytes({"Практики": export}),
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
