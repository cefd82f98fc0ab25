"""Методическая копилка: best practices from the `Практики` tab and the final questionnaires."""
import streamlit as st

from analysis.quality import practices_bank
from analysis.writes import practice_changes, practices_edit
from documents.practices import practices_docx
from documents.safe import xlsx_bytes
from ui import notice, sidebar, state

COLUMNS = {"year": "Год", "source": "Откуда", "title": "Практика", "topic": "Тема", "subject": "Предмет",
           "authors": "Авторы", "description": "Описание", "chosen": "Отобрана"}
SAVED = "_practices_saved"
PENDING = "_practices_pending"
EDITABLE = ("title", "topic", "subject", "chosen")

loaded = sidebar.current()
config = loaded.config
tab_name = config.service["practices"].tab

every = state.every_year(loaded)
bank = practices_bank({y: x.program for y, x in every.items()})

st.title("Методическая копилка")
st.caption(f"Практики из листа «{tab_name}» и ответы итоговых анкет («лучшая практика вашей пары»). Ответ анкеты "
           "попадает в копилку, только когда вы дадите практике название. Отметьте отобранные на итоговое мероприятие "
           "и сохраните: на странице семинара видны только название и тема отобранных практик.")
f = st.columns(4)
q = f[0].text_input("Поиск", placeholder="слова описания")
topics = f[1].multiselect("Тема", sorted(t for t in bank["topic"].unique() if t), placeholder="все")
subjects = f[2].multiselect("Предмет", sorted({s for v in bank["subject"] for s in str(v).split(", ") if s}), placeholder="все")
years = f[3].multiselect("Учебный год", list(every), default=[loaded.year], placeholder="все")
# ticks and titles not saved yet, kept while the coordinator filters (row id -> field -> value)
pending = st.session_state.setdefault(PENDING, {})
bank["rid"] = bank["key"].where(bank["key"] != "", "анкета\n" + bank["year"] + "\n" + bank["description"])
current = bank.copy()
for i, rid in current["rid"].items():
    for field, value in pending.get(rid, {}).items():
        current.at[i, field] = value
shown = current
if q:
    shown = shown[shown[["title", "description", "topic"]].astype(str).agg(" ".join, axis=1).str.lower().str.contains(q.lower(), regex=False)]
if topics:
    shown = shown[shown["topic"].isin(topics)]
if subjects:
    shown = shown[shown["subject"].map(lambda v: bool(set(str(v).split(", ")) & set(subjects)))]
if years:
    shown = shown[shown["year"].isin(years)]

# a fresh editor whenever the rows it shows change (a filter, a save): the browser's edits belong to its rows
version = hash((q, tuple(topics), tuple(subjects), tuple(years), loaded.snapshot.fetched_at,
                st.session_state.get("_practices_saves", 0)))
edited = st.data_editor(
    shown.drop(columns=["key", "rid"]).rename(columns=COLUMNS), hide_index=True, width="stretch",
    disabled=["Год", "Откуда", "Авторы", "Описание"], key=f"practices_{version}",
    column_config={"Описание": st.column_config.TextColumn(width="large"),
                   "Практика": st.column_config.TextColumn(width="medium",
                                                           help="Название практики — его видят на семинаре")})
after = edited.rename(columns={v: k for k, v in COLUMNS.items()})
before = {rid: dict(v) for rid, v in pending.items()}
for i in shown.index:
    rid, mine = bank.at[i, "rid"], pending.get(bank.at[i, "rid"], {})
    for field in EDITABLE:
        if str(after.at[i, field]) != str(bank.at[i, field]):
            mine[field] = bool(after.at[i, field]) if field == "chosen" else after.at[i, field]
        else:
            mine.pop(field, None)
    if mine:
        pending[rid] = mine
    else:
        pending.pop(rid, None)
st.caption(f"Показано {len(shown)} из {len(bank)}; отобрано: {int(edited['Отобрана'].sum())}"
           + (f"; не сохранено изменений: {len(pending)}" if pending else "")
           + ". Фильтр только скрывает строки: несохранённые отметки остаются, сохранение не трогает скрытые практики.")


c = st.columns(3)
if pending != before:
    st.session_state.pop(SAVED, None)           # the last save's message stays until the next edit, not one rerun
if done := st.session_state.get(SAVED):
    notice.saved(*done)
if c[0].button("Сохранить отбор в «Практики»", icon=":material/save:", type="primary"):
    touched = bank.index[bank["rid"].isin(pending)]            # every row with an unsaved change, hidden or shown
    marks, new, notes = practice_changes(bank.loc[touched], current.loc[touched], loaded.year, tab=tab_name)
    ok, message, edit = state.save(loaded, tab_name, lambda fresh: practices_edit(fresh, marks, new, config),
                                   f"практики {loaded.year}")
    if edit is not None:
        edit.skipped.extend(notes)
    st.session_state[SAVED] = (ok, message, edit)
    st.session_state["_practices_saves"] = st.session_state.get("_practices_saves", 0) + 1
    if ok:
        pending.clear()
    st.rerun()
chosen = edited[edited["Отобрана"]]
export = chosen if len(chosen) else edited
c[1].download_button("Скачать .docx", icon=":material/description:", file_name="методическая-копилка.docx",
                     data=practices_docx(export.rename(columns={v: k for k, v in COLUMNS.items()}),
                                         school=config.school.name),
                     mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
c[2].download_button("Скачать .xlsx", icon=":material/download:", file_name="методическая-копилка.xlsx",
                     data=xlsx_bytes({"Практики": export}),
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
