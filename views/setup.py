"""Настройка: the school's own forms recognized, confirmed by the coordinator, saved as the school's config.toml."""
import pandas as pd
import streamlit as st

from analysis import load_program
from analysis.setup import confirmed, propose, school_toml
from analysis.settings import settings_edit
from ui import notice, sidebar, state
from ui.format import md_text
from ui.metrics import metric_row

FIELDS_RU = {"timestamp": "отметка времени", "email": "e-mail", "full_name": "ФИО", "subjects": "предметы",
             "position": "должность", "experience": "стаж", "category": "категория", "topics": "темы",
             "request_text": "запрос своими словами", "format": "формат", "availability": "удобные дни",
             "consent": "согласие", "qualification": "квалификационная категория", "capacity": "сколько наставляемых",
             "willing": "готов быть наставником"}
NOT_ASKED = ""
SAVED = "_setup_saved"

loaded = sidebar.current()
base = loaded.config
tabs = loaded.snapshot.tabs

st.title("Настройка: формы школы")
st.caption("Дашборд сам узнаёт, какой лист — ответы какой формы, какой вопрос — какое поле, и какие варианты есть у "
           "вопросов-флажков (вариант с запятой внутри остаётся целым). Проверьте предложение, поправьте, что не так, "
           "посмотрите банки и скачайте файл настроек школы. Данные: «" + md_text(loaded.source_label) + "».")
auto = loaded.derived("setup", lambda: propose(tabs, base))
# the choices are keyed by the workbook and this session's saves, not by the read: they stay when the data are
# re-read beneath them (every TTL), and show the saved settings after a save
ident = f"{loaded.year}_{loaded.source_label}_{st.session_state.get('_setup_saves', 0)}"
tab_names = list(tabs)
seen = state.drawn(f"setup_{ident}", tabs.get(base.settings_tab))      # the settings these choices were drawn over
found = auto.mapping.drop_duplicates("key").set_index("key")["tab"]

st.subheader("1. Листы форм")
st.caption("Какой лист таблицы — ответы какой формы. Узнано по вопросам и ответам; поправьте, если не так.")
NO_TAB = "— такой формы нет —"
cols = st.columns(2)
picks = {}
for i, (key, spec) in enumerate(base.forms.items()):
    now = found.get(key) or NO_TAB
    picks[key] = cols[i % 2].selectbox(spec.title, [NO_TAB, *tab_names], index=([NO_TAB, *tab_names]).index(now),
                                       key=f"setup_tab_{key}_{ident}")
# what the selects show is what applies: every form pinned to its select once one is changed (a change of one
# form never moves another), and one tab is never two forms' answers
twice = {t: [base.forms[k].title for k, p in picks.items() if p == t] for t in set(picks.values()) - {NO_TAB}}
twice = {t: titles for t, titles in twice.items() if len(titles) > 1}
if twice:
    for t, titles in twice.items():
        st.error(md_text(f"Лист «{t}» выбран для нескольких форм: {', '.join(titles)}. У каждой формы свой лист — "
                         "выберите другой (или «такой формы нет»). Пока применено распознанное."), icon=":material/error:")
    proposal = auto
elif any(p != (found.get(k) or NO_TAB) for k, p in picks.items()):
    proposal = propose(tabs, base, tab_of={k: None if p == NO_TAB else p for k, p in picks.items()})
else:
    proposal = auto
core = proposal.mapping[proposal.mapping["key"].isin(["mentee_request", "mentor_survey"])]
columns = sorted({str(c) for t in tabs.values() for c in t.columns if str(c).strip()})

st.subheader("2. Вопросы форм")
st.caption("«Вопрос в форме школы» — выберите из заголовков листа; пусто — вопрос в форме не задаётся (без "
           "предупреждений). «Проверьте» — сопоставление неуверенное.")
table = core.assign(field=core["field"].map(lambda f: FIELDS_RU.get(f, f)))[
    ["key", "form", "field", "question", "confirm", "confidence", "tab"]].rename(columns={
        "form": "Форма", "tab": "Лист", "field": "Поле", "question": "Вопрос в форме школы", "confidence": "Уверенность",
        "confirm": "Проверьте"})
edited = st.data_editor(
    table, hide_index=True, width="stretch", key=f"setup_mapping_{ident}",
    height=36 * (len(table) + 1) + 3, placeholder="— не задаётся —",
    disabled=["Форма", "Лист", "Поле", "Уверенность", "Проверьте"],
    column_config={"key": None,
                   "Вопрос в форме школы": st.column_config.SelectboxColumn(options=[NOT_ASKED, *columns], width="large"),
                   "Проверьте": st.column_config.TextColumn(width="medium"),
                   "Уверенность": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="localized")})
mapping = edited.rename(columns={"Вопрос в форме школы": "question"}).assign(key=core["key"].values,
                                                                              field=core["field"].values)

st.subheader("3. Варианты ответов")
st.caption("По одному варианту в строке. Темы — общий список для наставляемых и наставников.")
options = {}
learned = {k: v for k, v in proposal.options.items() if k.startswith(("mentee_request.", "mentor_survey."))}
cols = st.columns(2)
for i, (where, opts) in enumerate(sorted(learned.items())):
    if where == "mentor_survey.topics":
        continue
    key, name = where.split(".", 1)
    label = "Темы" if name == "topics" else f"{base.forms[key].title}: {FIELDS_RU.get(name, name)}"
    text = cols[i % 2].text_area(label, "\n".join(opts), height=160, key=f"setup_opts_{where}")
    options[where] = text.splitlines()

config = confirmed(proposal, mapping, options, base)
program = load_program(tabs, config)
for p in proposal.problems:
    st.warning(md_text(f"Лист «{p.tab}»: {p.message}"), icon=":material/help:")

st.subheader("4. Что получится")
blocking = [p for p in program.problems if p.blocks]
metric_row([("Наставляемых в банке", len(program.mentees)), ("Наставников в банке", len(program.mentors)),
            ("Тем в списке", len(config.topics)),
            ("Ошибок, останавливающих подбор", len(blocking), "Ответы, которые подбор не учёл бы")])
for p in blocking:
    st.error(md_text(f"Лист «{p.tab}»: {p.message}"), icon=":material/error:")
if len(program.mentees):
    topics = program.mentees["topics"].explode().dropna().value_counts()
    st.dataframe(pd.DataFrame({"Тема": topics.index, "Запросов": topics.values}), hide_index=True, width="stretch")

st.subheader("5. Сохранить")
server = loaded.store.config
tab = server.settings_tab
where = {"google": f"в лист «{tab}» этой таблицы: настройки школы хранятся вместе с её данными и применяются при "
                   "каждом чтении",
         "file": f"в лист «{tab}» этого файла .xlsx: настройки применяются при каждом чтении"}.get(
    loaded.store.kind, f"в лист «{tab}» — в демо и загруженной книге только в этом сеансе браузера")
st.caption(f"Сохранить {where}. В лист дописываются только изменённые настройки, прежние строки остаются (поздняя "
           "строка главнее). Файл config.toml содержит только то, что отличается от настроек по умолчанию: положите "
           "его рядом с таблицами и укажите путь в MENTORING_CONFIG (README, «Подключение своей таблицы»).")
c = st.columns(2)
if c[0].button(f"Сохранить в лист «{tab}»", icon=":material/save:", type="primary"):
    now = pd.Timestamp(server.now()).tz_localize(None)
    st.session_state["_setup_saves"] = st.session_state.get("_setup_saves", 0) + 1
    st.session_state[SAVED] = state.save(loaded, tab, lambda fresh: settings_edit(fresh, server, config.raw, now, seen),
                                         "настройки форм")
    st.rerun()
c[1].download_button("Скачать config.toml школы", school_toml(config), file_name="config.toml",
                     mime="application/toml", icon=":material/download:")
if SAVED in st.session_state:
    notice.saved(*st.session_state.pop(SAVED))
