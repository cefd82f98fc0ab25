"""Качество программы (stage 6): questionnaires, mentor/mentee perception, pair health, SWOT."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.matching import names
from analysis.quality import FREQUENCY_RU, HEALTH_RU, ITEMS, KIND_RU, ROLE_RU, YESNO_RU, compare_years
from analysis.writes import SWOT_SECTIONS, swot_board, swot_edit
from documents.safe import xlsx_bytes
from ui import notice, sidebar, state
from ui.charts import draw
from ui.format import date as fmt_date, md_text, pct, score
from ui.quality_export import forms_table, quality_sheets, share_columns
from ui.quality_summary import items_figure, render_quality_headline
from ui.report_button import report_button

loaded = sidebar.current()
config = loaded.config
program, year = loaded.program, loaded.year
report = loaded.quality()
ITEMS_RU = {key: config.quality.items.get(key, key) for key in ITEMS}      # the item labels of the year's [quality.items]

st.title(f"Качество программы {year}")
if not report.has_final and not report.has_entry:
    st.info("Анкеты качества ещё не заполнялись. Входная и итоговая анкеты — на странице «Настройка» → «Готовые формы».")
render_quality_headline(report, loaded.figures())
rates = report.response[report.response["collected"]]
if len(rates):
    st.caption("Ответили: " + "; ".join(f"{KIND_RU[r.kind]} анкета, {ROLE_RU[r.role]} — {r.respondents} из {r.expected} "
                                         f"({pct(r.rate)})" for r in rates.itertuples()))

d = st.columns(2)
d[0].download_button("Таблицы качества (.xlsx)", icon=":material/download:", on_click="ignore",
                     data=lambda: xlsx_bytes(quality_sheets(report, program, config), percent=share_columns(config)),
                     file_name=f"качество-{year.replace('/', '-')}.xlsx",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
with d[1]:
    report_button(loaded, key="report_quality")

tabs = st.tabs(["Оценки", "Пары", "Открытые ответы", "SWOT", "По годам"])
with tabs[0]:
    fig = items_figure(report.items, ITEMS_RU)
    if fig is None:
        st.info(f"Меньше {config.quality.min_group} ответов — оценки не показываются.")
    else:
        draw(fig)
    if report.change["n"].gt(0).any():
        st.subheader("От ожиданий к результату")
        st.caption("Только те, кто ответил и на входную, и на итоговую анкету.")
        ch = report.change.dropna(subset=["delta"])
        st.dataframe(pd.DataFrame({"Пункт": ch["item"].map(ITEMS_RU), "Кто": ch["role"].map(ROLE_RU), "Ответов": ch["n"],
                                   "Ожидание": ch["entry"].map(score), "Итог": ch["final"].map(score),
                                   "Изменение": ch["delta"].map(lambda v: score(v, signed=True))}),
                     hide_index=True, width="stretch")
    if len(report.gap.dropna()):
        st.subheader("Наставник и наставляемый: разница оценок")
        g = report.gap.dropna()
        st.dataframe(pd.DataFrame({"Пункт": g["item"].map(ITEMS_RU), "Наставляемые": g["mentee"].map(score),
                                   "Наставники": g["mentor"].map(score),
                                   "Разница": g["gap"].map(lambda v: score(v, signed=True))}),
                     hide_index=True, width="stretch")
    if len(report.distribution):
        st.subheader("Распределение оценок")
        item = st.selectbox("Пункт", list(ITEMS_RU), format_func=ITEMS_RU.get)
        d = report.distribution[report.distribution["item"] == item]
        fig = go.Figure([go.Bar(x=part["score"], y=part["count"], name=f"{ROLE_RU[r]}, {KIND_RU[k]}")
                         for (r, k), part in d.groupby(["role", "kind"])])
        fig.update_layout(barmode="group", height=300, xaxis=dict(title="оценка", dtick=1), yaxis_title="ответов",
                          margin=dict(l=10, r=10, t=10, b=10), legend=dict(orientation="h", y=-0.3))
        draw(fig)
    c = st.columns(2)
    if len(report.yesno):
        c[0].dataframe(pd.DataFrame({"Вопрос": report.yesno["question"].map(YESNO_RU),
                                     "Кто": report.yesno["role"].map(ROLE_RU), "Ответов": report.yesno["n"],
                                     "«Да»": report.yesno["yes"].map(pct)}), hide_index=True, width="stretch")
    if len(report.frequency):
        f = report.frequency.pivot_table(index=["question", "role"], columns="answer", values="count", fill_value=0)
        f.index = [f"{FREQUENCY_RU[q]} ({ROLE_RU[r]})" for q, r in f.index]
        order = [a for a in config.lists.get("frequency", ()) if a in f.columns]     # Часто, Иногда, Никогда
        f = f[order + [a for a in f.columns if a not in order]]
        c[1].dataframe(f, width="stretch")

with tabs[1]:
    h = report.health
    if h.empty:
        st.info("Утверждённых пар пока нет.")
    else:
        en, mn = names(program.mentees), names(program.mentors)
        # people who left the bank (e.g. withdrew consent) keep their e-mail only
        table = pd.DataFrame({
            "Статус": h["status"].map(HEALTH_RU), "Наставляемый": [en.get(x, x) for x in h["mentee_id"]],
            "Наставник": [mn.get(x, x) for x in h["mentor_id"]], "Пара/группа": h["group"], "Тема": h["topic"],
            "Встреч": h["meetings"], "Последняя встреча": h["last_meeting"].map(fmt_date),
            "Недель без встреч": h["weeks_since"].round(0), "Почему": h["reasons"]})
        worst_first = ["at_risk", "quiet", "no_answer", "new", "active"]
        table = table.loc[h["status"].map(worst_first.index).sort_values(kind="stable").index]
        chosen = st.multiselect("Статус", list(HEALTH_RU.values()), placeholder="все")
        if chosen:
            table = table[table["Статус"].isin(chosen)]
        st.dataframe(table, hide_index=True, width="stretch",
                     column_config={"Почему": st.column_config.TextColumn(width="large"),
                                    "Недель без встреч": st.column_config.NumberColumn(format="%d")})
        st.subheader("Формы и виды наставничества")
        st.caption("Ролевая модель и вид — из листа «Пары» (столбцы «Форма наставничества», «Вид наставничества»); где не "
                   "указано — предложенные по данным (стаж, должность, темы, группа), как на странице «Подбор пар». "
                   "Форма — та, к которой относится ролевая модель («Настройка»).")
        st.dataframe(forms_table(program, config), hide_index=True, width="stretch")

with tabs[2]:
    oa = report.open_answers
    if oa.empty:
        st.info("Открытых ответов пока нет.")
    else:
        st.caption("Ответы показаны как есть, текстом. На публичной странице семинара их нет.")
        st.dataframe(pd.DataFrame({"Кто": oa["role"].map(ROLE_RU), "Лучшая практика": oa.get("best_practice"),
                                   "Что улучшить": oa.get("improve")}), hide_index=True, width="stretch",
                     column_config={"Лучшая практика": st.column_config.TextColumn(width="large"),
                                    "Что улучшить": st.column_config.TextColumn(width="large")})

with tabs[3]:
    swot_tab = config.swot_tab
    board = swot_board(loaded.snapshot.tabs.get(swot_tab))
    st.caption(f"SWOT-анализ программы проводит куратор — {md_text(config.mentoring.curator) or 'не указан'} "
               "(распоряжение Минпросвещения России от 25.12.2019 № Р-145, раздел о мониторинге). "
               f"Заполните по открытым ответам; сохраняется в лист «{swot_tab}» таблицы года. Каждое сохранение "
               "дописывает изменённые разделы новыми строками — прежние тексты остаются в листе.")
    # the boxes are keyed by the saves made in this session: typed text stays while the data re-read beneath it
    # changes, and after a save the boxes show the board as saved (without a key the second save lost the text)
    saves = st.session_state.setdefault(f"_swot_saves_{year}", 0)
    board = state.drawn(f"swot_{year}_{saves}", board)    # the board these boxes were drawn from
    if done := st.session_state.pop("_swot_saved", None):
        notice.saved(*done)
    with st.form("swot"):
        cols = st.columns(2)
        entered = {k: cols[i % 2].text_area(k, value=str(board.get(k, "")), height=140, key=f"swot_{year}_{saves}_{i}")
                   for i, k in enumerate(SWOT_SECTIONS)}
        if st.form_submit_button("Сохранить SWOT", icon=":material/save:"):
            now = pd.Timestamp(config.now().replace(tzinfo=None))
            st.session_state["_swot_saved"] = state.save(loaded, swot_tab, lambda fresh: swot_edit(fresh, entered, board, now, swot_tab),
                                                         "SWOT")
            st.session_state[f"_swot_saves_{year}"] = saves + 1
            st.rerun()

with tabs[4]:
    every = state.every_year(loaded)
    cmp = compare_years({y: x.program for y, x in every.items()}, config, reports={y: x.quality() for y, x in every.items()})
    st.dataframe(pd.DataFrame({
        "Учебный год": cmp["year"], "Наставляемых": cmp["mentees"], "Наставников": cmp["mentors"],
        "Пар и групп": cmp["groups"], "Ответили на итоговую": cmp["response_rate"].map(pct),
        # a year without final questionnaires yet has only the entry one: an expectation, said as such
        "Удовлетворённость наставляемых": [score(v) + (" (ожидание)" if k == "entry" and pd.notna(v) else "")
                                           for v, k in zip(cmp["mentee_satisfaction"], cmp["kind"])],
        "Удовлетворённость наставников": [score(v) + (" (ожидание)" if k == "entry" and pd.notna(v) else "")
                                          for v, k in zip(cmp["mentor_satisfaction"], cmp["kind"])],
        f"Оценили на {config.quality.satisfied_label}": cmp["satisfied_share"].map(pct), "Пар в зоне риска": cmp["at_risk"],
        "Анкета": cmp["kind"].map(KIND_RU)}), hide_index=True, width="stretch")
