"""Настройка: the school's own forms recognized, confirmed by the coordinator, saved as the school's config.toml."""
import os
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import streamlit as st

from analysis import load_program
from analysis.program import CORE_FIELDS
from analysis.setup import SHARED, confirmed, propose, role_question, school_toml
from analysis.settings import settings_edit
from analysis.config import load_config, merged, parse_config
from data_sources import SourceError
from data_sources.school_files import keep_public_url
from ui import access, notice, sidebar, state
from ui.format import md_text
from ui.metrics import metric_row

FIELDS_RU = {"timestamp": "отметка времени", "email": "e-mail", "full_name": "ФИО", "subjects": "предметы",
             "position": "должность", "experience": "стаж", "category": "категория", "topics": "темы",
             "request_text": "запрос своими словами", "format": "формат", "availability": "удобные дни",
             "consent": "согласие", "qualification": "квалификационная категория", "capacity": "сколько наставляемых",
             "willing": "готов быть наставником"}
NOT_ASKED = ""
ROOT = Path(__file__).resolve().parent.parent
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
both = {picks[k] for k in ("mentee_request", "mentor_survey")}
twice = {t: titles for t, titles in twice.items() if len(titles) > 1
         and not (len(titles) == 2 and len(both) == 1 and t in both and role_question(tabs[t]) is not None)}
if twice:
    for t, titles in twice.items():
        st.error(md_text(f"Лист «{t}» выбран для нескольких форм: {', '.join(titles)}. У каждой формы свой лист — "
                         "выберите другой (или «такой формы нет»). Пока применено распознанное."), icon=":material/error:")
    proposal = auto
elif any(p != (found.get(k) or NO_TAB) for k, p in picks.items()):
    proposal = propose(tabs, base, tab_of={k: None if p == NO_TAB else p for k, p in picks.items()})
else:
    proposal = auto
for key, r in proposal.roles.items():
    if key == "mentee_request":
        st.info(md_text(f"Лист «{picks[key]}» — одна форма для обеих ролей. Вопрос о роли: «{r.question}». В банк "
                        f"наставляемых попадают ответившие «{'», «'.join(r.mentee)}», в банк наставников — "
                        f"«{'», «'.join(r.mentor)}»; выбравшие обе роли — в оба банка."), icon=":material/group:")
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

# a core field left empty beside questions nobody reads: the coordinator says it is not asked, or picks one
absent = set()
for r in mapping.itertuples(index=False):
    if r.field in CORE_FIELDS and not str(r.question or "").strip():
        if st.checkbox(f"Подтверждаю: в форме «{base.forms[r.key].title}» нет вопроса о темах (подбор пар будет "
                       "учитывать только предметы и стаж)", key=f"setup_absent_{r.key}_{ident}"):
            absent.add(f"{r.key}.{r.field}")

st.subheader("3. Варианты ответов")
st.caption("По одному варианту в строке. Темы и предметы — общие списки для наставляемых и наставников (узнаны по "
           "ответам обеих форм).")
options = {}
learned = {k: v for k, v in proposal.options.items() if k.startswith(("mentee_request.", "mentor_survey."))}
cols = st.columns(2)
shown = [(w, o) for w, o in sorted(learned.items()) if not (w.startswith("mentor_survey.") and w.split(".")[1] in SHARED
                                                            and "mentee_request." + w.split(".")[1] in learned)]
for i, (where, opts) in enumerate(shown):
    key, name = where.split(".", 1)
    label = {"topics": "Темы", "subjects": "Предметы"}.get(name) or f"{base.forms[key].title}: {FIELDS_RU.get(name, name)}"
    text = cols[i % 2].text_area(label, "\n".join(opts), height=160, key=f"setup_opts_{where}_{ident}")
    options[where] = text.splitlines()
    once = proposal.once.get(where) or proposal.once.get("mentor_survey." + name if name in SHARED else "", [])
    if once:
        cols[i % 2].caption(md_text("Выбраны одним человеком — оставлены как варианты формы; если это чей-то свой "
                                    "ответ «Другое», удалите строку: " + "; ".join(f"«{o}»" for o in once)))

config = confirmed(proposal, mapping, options, base, frozenset(absent))
program = load_program(tabs, config)

st.subheader("Вопросы, которые дашборд не читает")
unread = [(k, program.tabs_found.get(k), q, n) for k in ("mentee_request", "mentor_survey")
          for q, n in program.unread.get(k, [])]
if unread:
    st.caption("Ответы на эти вопросы не попадут ни в банки, ни в подбор. Если среди них есть нужный — выберите его "
               "в таблице «Вопросы форм» выше.")
    st.dataframe(pd.DataFrame([{"Форма": base.forms[k].title, "Лист": t, "Вопрос": q, "Ответов": n}
                               for k, t, q, n in unread]), hide_index=True, width="stretch")
else:
    st.caption("Все вопросы форм с ответами учтены.")
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

st.subheader("5. Подписи в документах и сохранение")
st.caption("Кто подписывает приказы и утверждает программы, и куратор программы наставничества этого года: их имена "
           "печатаются в проектах приказов, Положения, ППН и в справке. Пусто — строка для подписи от руки. "
           "Число педагогов школы — для показателей, пока в таблице нет листа «Педагоги».")
sign = st.columns(3)
signers = {"school": {"head_position": sign[0].text_input("Должность руководителя", config.school.head_position,
                                                          key=f"setup_head_position_{ident}").strip() or "Директор",
                      "head_name": sign[1].text_input("Руководитель (И. О. Фамилия)", config.school.head_name,
                                                      key=f"setup_head_name_{ident}").strip()},
           "mentoring": {"curator": sign[2].text_input("Куратор программы наставничества (И. О. Фамилия)",
                                                       config.mentoring.curator, key=f"setup_curator_{ident}").strip()}}
staff = st.number_input("Педагогов в школе (если в таблице года нет листа «Педагоги»)", min_value=0, max_value=100_000,
                        value=int(config.school.staff), step=1, key=f"setup_staff_{ident}",
                        help="Знаменатель долей «охват наставничеством» и «доля наставников»; 0 — не указано")
signers["school"]["staff"] = int(staff)
config = parse_config(merged(config.raw, signers), config.path)
server = loaded.store.config
tab = server.settings_tab
where = {"google": f"в лист «{tab}» этой таблицы: настройки школы хранятся вместе с её данными и применяются при "
                   "каждом чтении",
         "file": f"в лист «{tab}» этого файла .xlsx: настройки применяются при каждом чтении"}.get(
    loaded.store.kind, f"в лист «{tab}» — в демо и загруженной книге только в этом сеансе браузера")
st.caption(f"Сохранить {where}. В лист дописываются только изменённые настройки, прежние строки остаются (поздняя "
           "строка главнее)." + (" Чтобы загруженные файлы и эти настройки открывались и после перезапуска — "
                                 "раздел 6 «Учебный год на сервере»." if loaded.store.kind == "upload" else "")
           + " Файл config.toml — для администратора сервера: в нём только то, что отличается от настроек по "
           "умолчанию (путь к нему — в переменной MENTORING_CONFIG).")
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

st.subheader("Готовые формы")
st.caption("Для школы, у которой форм ещё нет (или нет анкет качества, анкеты куратора, журнала встреч): вопросы "
           "каждой формы дословно, с вариантами и листом ответов, — и скрипт Google Apps Script, который создаёт все "
           "формы сразу (Таблица → Расширения → Apps Script: вставить текст скрипта, вписать ключ таблицы, как сказано "
           "в его начале, выбрать в списке функций последнюю — создание форм — и нажать «Выполнить»).")
g = st.columns(2)
g[0].download_button("Вопросы всех форм (.md)", lambda: (ROOT / "docs" / "forms.md").read_bytes(), file_name="формы.md",
                     mime="text/markdown", icon=":material/quiz:", on_click="ignore")
g[1].download_button("Скрипт, создающий формы (.gs)", lambda: (ROOT / "docs" / "forms.gs").read_bytes(),
                     file_name="forms.gs", mime="text/plain", icon=":material/code:", on_click="ignore")

# --- 6. the year on the server: which book or spreadsheet is this year, kept for good --------------------------
if access.may_set_up_server():
    st.subheader("6. Учебный год на сервере")
    kept = load_config().years
    st.caption("Сейчас: " + "; ".join(f"{y} — {'демо-книга' if str(v).lower() == 'demo' else md_text(str(v))}"
                                      for y, v in kept.items()))
    public = server.school.public_url.strip()
    shown_at = urlparse(public or st.context.url or "").hostname or ""
    if shown_at in ("localhost", "::1") or shown_at.startswith("127."):
        st.warning("QR-код на странице семинара сейчас ведёт на адрес самого этого компьютера: телефоны в зале "
                   "его не откроют. Укажите адрес дашборда в сети школы.", icon=":material/qr_code:")
    if os.environ.get("MENTORING_CONFIG"):
        st.caption(md_text(f"Годы этого сервера заданы файлом настроек {os.environ['MENTORING_CONFIG']} "
                           "(переменная MENTORING_CONFIG) — их меняет администратор сервера."))
    else:
        open_here = access.mode() in ("demo", "open")
        now = pd.Timestamp(server.now()).tz_localize(None)

        def keep(raw: dict) -> None:
            def plan(store):
                return lambda fresh: settings_edit(fresh, store.config, raw, now, None)
            done = state.keep_on_server(loaded, plan, open_here)
            st.session_state[SAVED] = done
            if done[0]:
                st.session_state["_source_mode"] = sidebar.CONFIGURED
                st.session_state["year"] = loaded.year

        def connect(year: str, link: str) -> None:
            try:
                st.session_state[SAVED] = (True, state.connect(year, link, open_here), None)
            except SourceError as err:
                st.session_state[SAVED] = (False, f"Таблица не подключена: {err}", None)
                return
            st.session_state["_source_mode"] = sidebar.CONFIGURED
            st.session_state["year"] = year

        c = st.columns(2)
        if loaded.store.kind == "upload":
            c[0].markdown(md_text(f"Загруженные файлы живут только в этом сеансе. Сохраните их на сервере как данные "
                                  f"{loaded.year} учебного года — с подтверждёнными выше настройками форм: после "
                                  "перезапуска они откроются сами, без правки файлов."))
            c[0].button(f"Хранить на сервере как {loaded.year}", icon=":material/cloud_upload:", on_click=keep,
                        args=(config.raw,), disabled=bool(blocking),
                        help="Исправьте ошибки, останавливающие подбор, — тогда можно сохранить" if blocking else None)
        link = c[1].text_input(f"Ссылка на таблицу Google за {loaded.year}", key="setup_google_link",
                               placeholder="https://docs.google.com/spreadsheets/d/…")
        c[1].button("Подключить таблицу", icon=":material/link:", on_click=connect, args=(loaded.year, link),
                    disabled=not link.strip())
        address = st.text_input("Адрес дашборда в сети школы (для QR-кода на семинаре)", public,
                                placeholder="http://192.168.1.20:8501", key="setup_public_url")
        if address.strip().rstrip("/") != public.rstrip("/") and st.button("Сохранить адрес", icon=":material/qr_code:"):
            try:
                keep_public_url(address)
                st.session_state[SAVED] = (True, "Адрес сохранён: QR-код семинара ведёт туда — и после перезапуска.",
                                           None)
            except SourceError as err:
                st.session_state[SAVED] = (False, f"Адрес не сохранён: {err}", None)
            st.rerun()
        if open_here:
            st.caption("Страницы с настоящими данными будут открываться без входа только на этом компьютере; для "
                       "доступа коллег настройте вход (README, «Доступ»).")
    if SAVED in st.session_state:
        notice.saved(*st.session_state.pop(SAVED))
