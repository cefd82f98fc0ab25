"""Мониторинг (stage 6): indicators, monitoring stages 1 and 2, who has not answered, every question, SWOT suggestions."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import monitoring as mon
from analysis.kpi import kpis
from analysis.writes import swot_board, swot_edit
from ui import notice, sidebar, state
from ui.charts import draw
from ui.format import md_text, pct, score
from documents.figures import response_figure, stage1_figure, stage2_figure
from ui.report_button import previous_year, report_button

loaded = sidebar.current()
config = loaded.config
program, year = loaded.program, loaded.year
previous = previous_year(loaded)
NOT_YET = "не собрано"

st.title(f"Мониторинг программы {year}")
st.caption("Два этапа мониторинга — как в методологии (целевой модели) наставничества (распоряжение "
           "Минпросвещения России от 25.12.2019 № Р-145, раздел о мониторинге): качество реализации программы и "
           "рост участников. Страница для сотрудников: здесь есть "
           "имена и адреса; на публичной странице семинара их нет.")
report_button(loaded, key="report_monitoring")


def once(summary):
    """A monitoring table, computed once per read of the data for every viewer (not on every click here)."""
    return loaded.derived(f"monitoring.{summary.__name__}", lambda: summary(program, config))


tabs = st.tabs(["Показатели", "Этап 1: качество", "Этап 2: рост", "Кто не ответил", "Все вопросы", "SWOT: предложения"])

with tabs[0]:
    k = kpis(program, config, previous=previous.program if previous is not None else None)
    st.dataframe(pd.DataFrame({
        "Показатель": k["indicator"], "Значение": [NOT_YET if pd.isna(v) else pct(v) for v in k["value"]],
        "Числитель": k["numerator"].astype("Int64"), "Знаменатель": k["denominator"].astype("Int64"),
        "Ориентир школы": k["target"].map(lambda t: pct(t) if pd.notna(t) else ""), "Как считано / чего не хватает": k["note"]}),
        hide_index=True, width="stretch", height=36 * (len(k) + 1) + 3, placeholder="",   # not collected: blank
        column_config={"Показатель": st.column_config.TextColumn(width="large"),
                       "Как считано / чего не хватает": st.column_config.TextColumn(width="large")})

with tabs[1]:
    s1 = once(mon.stage1)
    fig = stage1_figure(s1)
    if fig is None:
        st.info("Итоговые анкеты ещё не собраны (или ответов меньше "
                f"{config.quality.min_group}) — оценки качества программы появятся после них.")
    else:
        draw(fig)
        wide = s1.pivot_table(index="label", columns="role", values=["mean", "satisfied", "n"], aggfunc="first", sort=False)
        st.dataframe(pd.DataFrame({
            "Пункт": wide.index,
            "Наставляемые": [score(v) for v in wide[("mean", "mentee")]],
            f"{config.quality.satisfied_label} / «Да», наставляемые": [pct(v) for v in wide[("satisfied", "mentee")]],
            "n (наставляемые)": wide[("n", "mentee")].astype(int).to_numpy(),
            "Наставники": [score(v) for v in wide[("mean", "mentor")]],
            f"{config.quality.satisfied_label} / «Да», наставники": [pct(v) for v in wide[("satisfied", "mentor")]],
            "n (наставники)": wide[("n", "mentor")].astype(int).to_numpy()}), hide_index=True, width="stretch")
    st.subheader("Анкета куратора")
    st.caption(f"Заполняет куратор программы наставничества — {md_text(config.mentoring.curator) or 'не указан'} "
               "(«Настройка»); анкета и SWOT-анализ — его инструменты по Р-145 (раздел о мониторинге).")
    cur = once(mon.curator)
    if not cur.answered:
        st.info(f"Анкета куратора («{config.forms['curator'].tab}») ещё не заполнена. Готовая форма с её вопросами "
                "— на странице «Настройка» → «Готовые формы» (скрипт создаёт её сам).")
    else:
        st.dataframe(pd.DataFrame({"Условие реализации программы": cur.scores["label"],
                                   "Оценка (1–10)": cur.scores["score"].map(score)}), hide_index=True, width="stretch")
        st.dataframe(pd.DataFrame({"Вопрос": cur.texts["label"], "Ответ куратора": cur.texts["text"]}), hide_index=True,
                     width="stretch", column_config={"Ответ куратора": st.column_config.TextColumn(width="large")})

with tabs[2]:
    s2 = once(mon.stage2)
    fig = stage2_figure(s2)
    if fig is None:
        st.info("Рост участников считается по тем, кто ответил и на входную, и на итоговую анкету: итоговых ответов "
                "пока нет (или их меньше порога).")
    else:
        draw(fig)
    st.dataframe(pd.DataFrame({
        "Пункт": s2["label"], "Кто": s2["role"].map(mon.ROLE_RU), "n (ответили на обе)": s2["n"],
        "Вход": s2["entry"].map(score), "Итог": s2["final"].map(score),
        "Изменение": s2["delta"].map(lambda v: score(v, signed=True)), "Выросли": s2["grew"].map(pct)}),
        hide_index=True, width="stretch")

with tabs[3]:
    summary = once(mon.response_summary)
    st.dataframe(pd.DataFrame({
        "Анкета": summary["title"], "Ответили": [str(a) if c else NOT_YET for a, c in zip(summary["answered"], summary["collected"])],
        "Ожидалось (участники пар)": summary["expected"],
        "Доля": [pct(r) if c else NOT_YET for r, c in zip(summary["rate"], summary["collected"])]}),
        hide_index=True, width="stretch")
    fig = response_figure(once(mon.response_over_time))
    if fig is not None:
        draw(fig)
    missing = once(mon.non_respondents)
    if not len(missing):
        st.success("Все участники пар ответили на собранные анкеты." if summary["collected"].any() else
                   "Анкеты в этом году ещё не собирались.", icon=":material/task_alt:")
    for (_, title), part in missing.groupby(["form", "title"], sort=False):
        active = part[part["active"]]
        with st.expander(f"{title}: не ответили {len(part)}", expanded=True):
            st.dataframe(pd.DataFrame({"Кто": part["name"], "E-mail": part["person_id"], "Пара/группа": part["group"],
                                       "Пара": part["active"].map({True: "действует", False: "завершена"})}),
                         hide_index=True, width="stretch")
            text = mon.reminder_text(title, config)
            st.caption("Напоминание — скопируйте или откройте письмо всем сразу (адреса — в скрытой копии):")
            st.code(text, language=None, wrap_lines=True)
            links = mon.mailto(active["person_id"], title, text) if len(active) else []
            if links and "&body=" not in links[0]:
                st.caption(f"Адресатов много — письмо разбито на {len(links)}, и текст в ссылки не помещается: почтовые "
                           "программы берут из ссылки около 2 000 знаков, а лишние адреса пропали бы молча. Скопируйте "
                           "текст напоминания (кнопка справа вверху блока) и вставьте его в каждое письмо.")
            for i, link in enumerate(links, start=1):
                st.link_button(f"Написать всем ({len(active)})" if len(links) == 1 else
                               f"Письмо {i} из {len(links)}", link, icon=":material/mail:")
            if len(active) < len(part):
                st.caption("Участники завершённых пар в письмо не включены.")

with tabs[4]:
    summary = once(mon.question_summary)
    if not len(summary):
        st.info("Анкеты в этом году ещё не собирались.")
    else:
        cmp = mon.compare_questions(summary)
        st.caption("Средняя оценка, доля «Да» или самый частый ответ; n — сколько ответили. Меньше "
                   f"{config.quality.min_group} ответов — только n.")
        st.dataframe(pd.DataFrame({"Вопрос": cmp["question"], "Наставляемые, вход": cmp["mentee:entry"],
                                   "Наставляемые, итог": cmp["mentee:final"], "Наставники, вход": cmp["mentor:entry"],
                                   "Наставники, итог": cmp["mentor:final"]}), hide_index=True, width="stretch")
        fields = list(dict.fromkeys(summary["field"]))
        labels = dict(zip(summary["field"], summary["question"]))
        field = st.selectbox("Ответы на вопрос", fields, format_func=labels.get)
        part = summary[(summary["field"] == field) & summary["count"].notna()]
        if len(part):
            fig = go.Figure([go.Bar(x=p["answer"], y=p["share"] * 100, name=f"{mon.ROLE_RU[r]}, {mon.KIND_RU[kd]} (n={p['n'].iloc[0]})",
                                    hovertemplate="%{x}: %{y:.0f} %<extra></extra>")
                             for (r, kd), p in part.groupby(["role", "kind"], sort=False)])
            fig.update_layout(barmode="group", height=320, margin=dict(l=10, r=10, t=10, b=10), yaxis_title="% ответивших",
                              xaxis=dict(type="category"), legend=dict(orientation="h", y=-0.25), separators=", ")
            draw(fig)

with tabs[5]:
    swot_tab = config.swot_tab
    sug = once(mon.swot_suggestions)
    if done := st.session_state.pop("_swot_suggested", None):
        notice.saved(*done)
    if not len(sug):
        st.info("Открытых ответов пока нет — предложений для SWOT-анализа нет.")
    else:
        st.caption(f"Открытые ответы анкет, разложенные по разделам SWOT, — это только предложения: на доску (лист "
                   f"«{swot_tab}», страница «Качество программы» → SWOT) попадает лишь то, что вы отметите. Тексты "
                   "показаны как написаны.")
        st.dataframe(pd.DataFrame({"№": range(1, len(sug) + 1), "Раздел": sug["section"], "Предложение": sug["text"],
                                   "Откуда": sug["source"], "Сколько раз": sug["count"]}), hide_index=True, width="stretch",
                     column_config={"Предложение": st.column_config.TextColumn(width="large")})
        chosen = st.multiselect("Добавить на SWOT-доску", list(range(len(sug))), placeholder="выберите предложения",
                                format_func=lambda i: f"№ {i + 1} · {sug['section'][i]}: {sug['text'][i][:70]}")
        if st.button("Добавить на доску", icon=":material/add_task:", disabled=not chosen):
            picked = sug.iloc[chosen]
            now = pd.Timestamp(config.now().replace(tzinfo=None))

            def plan(fresh):
                board = swot_board(fresh)
                return swot_edit(fresh, mon.add_to_board(board, picked), board, now, swot_tab)

            st.session_state["_swot_suggested"] = state.save(loaded, swot_tab, plan, "SWOT: принятые предложения")
            st.rerun()
    board = swot_board(loaded.snapshot.tabs.get(swot_tab))
    if board:
        st.subheader("Доска сейчас")
        for section, text in board.items():
            st.markdown(f"**{md_text(section)}**  \n" + md_text(text).replace("\n", "  \n"))
