"""Программы наставничества (stage 5): each pair's ППН — draft or saved, edited, saved, .docx; is it carried out;
those without a pair (5.3) with the support log."""
from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.schoolyear import year_finished
from analysis.plans import (ITEM_COLUMNS, PROGRESS_RU, all_plans, as_of_date, group_codes, group_meetings,
                            item_progress, members, plan_for, plan_progress, plans_edit, term_problem,
                            with_addresses)
from analysis.waiting import support_edit, support_log, waiting_list
from documents.plan import MIME, Signers, plan_docx, plans_bundle
from ui import notice, sidebar, state
from ui.format import date as fmt_date, md_text
from ui.metrics import metric_row

SAVED = "_plans_saved"
SUPPORT_SAVED = "_support_saved"
ITEMS_RU = {"due": "Срок", "activity": "Мероприятие", "format": "Форма работы", "responsible": "Ответственный",
            "done": "Выполнено", "state": "Состояние", "addresses": "На какое затруднение"}

loaded = sidebar.current()
config = loaded.config
settings = config.section("plans")
program, year = loaded.program, loaded.year
school = config.section("school").get("name", "")
today = config.today()
as_of = as_of_date(program, today, config)
finished = year_finished(program, config, today)
plans_tab, support_tab = config.service["plans"].tab, config.service["support"].tab
saves = st.session_state.setdefault("_plans_saves", 0)

st.title("Программы наставничества")
st.caption(f"Персонализированная программа (ППН) каждой утверждённой пары/группы: черновик из запроса наставляемого и "
           f"сильных сторон наставника, правка и сохранение в лист «{plans_tab}», выполнение по журналу встреч; "
           "и наставляемые без пары — этап 5.3.")
tab_plan, tab_progress, tab_waiting = st.tabs(["Программа пары", "Выполнение", "Без пары (этап 5.3)"])

codes = group_codes(program)
with tab_plan:
    if not codes:
        st.info("Утверждённых пар пока нет: сначала утвердите пары на странице «Подбор пар».", icon=":material/info:")
    else:
        def label(code: str) -> str:
            rows = members(program, code)
            topic = next((str(t) for t in rows["topic"].dropna() if str(t).strip()), "")
            return f"{code} — {rows['mentor_name'].iloc[0] or rows['mentor_id'].iloc[0]}" + (f" ({topic})" if topic else "")

        code = st.selectbox("Пара/группа", codes, format_func=label)
        plan = plan_for(program, code, config)
        if plan.saved:
            st.success(f"Сохранённая программа из листа «{plans_tab}».", icon=":material/task_alt:")
        else:
            st.info("Черновик: собран из запроса наставляемого, сильных сторон наставника и шаблонов программ "
                    "по темам. Поправьте и сохраните — программа будет записана в лист "
                    f"«{plans_tab}».", icon=":material/edit_note:")
        st.caption(f"Срок реализации: с {fmt_date(plan.start)} по {fmt_date(plan.end)}")
        if problem := term_problem(plan):
            st.warning(md_text(problem[0].upper() + problem[1:]) + ".", icon=":material/event_busy:")
        with st.expander("Участники, направления, затруднения и сильные стороны", expanded=False,
                         icon=":material/groups:"):
            st.markdown("**Участники**\n\n" + "\n".join(
                f"- {md_text(r)}: {md_text(n)}" + (f" ({md_text(plan.about[n])})" if plan.about.get(n) else "")
                for r, n in plan.participants))
            st.markdown("**Направления наставнической деятельности**\n\n" +
                        "\n".join(f"- {md_text(x)}" for x in plan.directions))
            st.markdown("**Затруднения наставляемого (запрос)**\n\n" + "\n".join(f"- {md_text(x)}" for x in plan.difficulties))
            st.markdown("**Сильные стороны**\n\n" + "\n".join(f"- {md_text(x)}" for x in plan.strengths))
        # keyed by this session's saves, not by the read: typed text stays when the data are re-read beneath it
        # (every TTL — keyed by the read, a plan edited for more than five minutes was lost, or saved as the draft)
        key = f"{year}_{code}_{saves}"
        drawn, seen = state.drawn(f"plans_{key}", (plan, loaded.snapshot.tabs.get(plans_tab)))   # what these boxes show
        f = st.columns(2)
        form = f[0].text_input(f"Ролевая модель (форма «{config.mentoring.form}»)", plan.form, key=f"form_{key}",
                               placeholder="например, «опытный педагог – молодой специалист»")
        kind = f[1].text_input("Вид наставничества", plan.type, key=f"type_{key}")
        goal = st.text_area("Цель", plan.goal, key=f"goal_{key}", height=80)
        tasks = st.text_area("Задачи (каждая с новой строки)", "\n".join(plan.tasks), key=f"tasks_{key}", height=120)
        expected = st.text_area("Ожидаемые результаты (каждый с новой строки)", "\n".join(plan.expected),
                                key=f"expected_{key}", height=120)

        progress = item_progress(plan, group_meetings(program, code), as_of, config, finished=finished)
        shown = plan.items.assign(state=[
            PROGRESS_RU[s] + (f" (встреча {fmt_date(m)})" if pd.notna(m) else "")
            + (f", на {int(d // 7)} нед." if s == "overdue" and d >= 7 else "")
            for s, m, d in zip(progress["status"], progress["met"], progress["late_days"])])
        formats = list(dict.fromkeys([*settings.get("formats", ()), *plan.items["format"].dropna().astype(str)]))
        people = list(dict.fromkeys([*settings.get("responsible", ()), *plan.items["responsible"].dropna().astype(str)]))
        st.markdown("**План мероприятий**")
        edited = st.data_editor(
            shown.rename(columns=ITEMS_RU), key=f"items_{key}", hide_index=True, width="stretch", num_rows="dynamic",
            disabled=["Состояние", "На какое затруднение"], height=35 * (len(shown) + 2) + 3,
            column_order=["Срок", "Мероприятие", "Состояние", "Выполнено", "Форма работы", "Ответственный",
                          "На какое затруднение"],
            column_config={
                "Срок": st.column_config.DateColumn("Срок", format="DD.MM.YYYY", required=True),
                "Мероприятие": st.column_config.TextColumn("Мероприятие", width="large", required=True),
                "На какое затруднение": st.column_config.TextColumn(
                    "На какое затруднение", width="medium",
                    help="По шаблону, из которого взято мероприятие: тема запроса, категория наставляемого или "
                         "запрос своими словами; своё мероприятие — «по запросу наставляемого»"),
                "Форма работы": st.column_config.SelectboxColumn("Форма работы", options=formats),
                "Ответственный": st.column_config.SelectboxColumn("Ответственный", options=people),
                "Выполнено": st.column_config.CheckboxColumn("Выполнено", default=False,
                                                             help="Отметка координатора или пары; встреча в журнале "
                                                                  "с темой мероприятия засчитывается сама"),
                "Состояние": st.column_config.TextColumn("Состояние", help="По журналу встреч на "
                                                         f"{as_of:%d.%m.%Y}")})
        items = edited.rename(columns={v: k for k, v in ITEMS_RU.items()})[ITEM_COLUMNS].copy()
        items["due"] = pd.to_datetime(items["due"], errors="coerce")
        items["done"] = items["done"].fillna(False).astype(bool)
        items = items.fillna({"activity": "", "format": "", "responsible": ""})
        mine = replace(plan, goal=goal.strip(), tasks=[t.strip() for t in tasks.splitlines() if t.strip()],
                       form=form.strip(), expected=[t.strip() for t in expected.splitlines() if t.strip()],
                       items=items, type=kind.strip())
        mine = replace(mine, items=with_addresses(mine, config))
        st.caption("Подведение итогов: " + md_text(plan.summing_up))

        if (done := st.session_state.get(SAVED)) and done[0] == (year, code):
            notice.saved(*done[1])
        b = st.columns(3)
        if b[0].button("Сохранить программу", type="primary", icon=":material/save:"):
            st.session_state[SAVED] = ((year, code), state.save(
                loaded, plans_tab, lambda fresh: plans_edit(fresh, mine, code, config=config, drawn=drawn, seen=seen),
                f"программа {code}"))
            st.session_state["_plans_saves"] = saves + 1
            st.rerun()
        slug = year.replace("/", "-")
        b[1].download_button("Программа .docx", icon=":material/description:", mime=MIME, on_click="ignore",
                             file_name=f"ППН-{code}-{slug}.docx", data=lambda: plan_docx(mine, program, school=school, signers=Signers.of(config)))
        b[2].download_button("Все программы .docx", icon=":material/library_books:", mime=MIME, on_click="ignore",
                             file_name=f"ППН-все-{slug}.docx",
                             data=lambda: plans_bundle([mine if c == code else plan for c, plan in
                                                        all_plans(program, config).items()], program, school=school,
                                                       signers=Signers.of(config)))

with tab_progress:
    progress = loaded.derived("plan_progress", lambda: plan_progress(program, config, today))
    if not len(progress):
        st.info("Утверждённых пар пока нет.")
    else:
        saved = progress[progress["saved"]]
        metric_row([
            ("Пар/групп с программой", f"{len(saved)} из {len(progress)}", f"Программа сохранена в листе «{plans_tab}»"),
            ("Выполнено в срок", f"{int(saved['on_time'].sum())} из {int(saved['items'].sum())}",
             "Мероприятий сохранённых программ: встреча в журнале не позже срока (+ "
             f"{settings.get('on_time_grace_days', 7)} дн.) или отметка «Выполнено»"),
            ("Скоро срок", int(progress["soon"].sum()), f"Мероприятий в ближайшие {settings.get('due_soon_days', 14)} дн."),
            ("Отстают от программы", int(progress["at_risk"].sum()),
             f"Сохранённая программа просрочена на {settings.get('risk_overdue_weeks', 4)} нед. и больше. Такие "
             "пары входят и в «Пар в зоне риска» на «Обзоре», где считаются ещё низкие оценки и расхождение сторон"),
        ])
        st.caption(f"По журналу встреч на {as_of:%d.%m.%Y}. У пары без сохранённой программы выполнение считается "
                   "по черновику и в зону риска её не ставит.")
        st.dataframe(pd.DataFrame({
            "Пара/группа": progress["group"], "Тема": progress["topic"],
            "Программа": progress["saved"].map({True: "сохранена", False: "черновик"}),
            "Мероприятий": progress["items"], "Выполнено": progress["done"], "В срок": progress["on_time"],
            "Скоро срок": progress["soon"], "Просрочено": progress["overdue"],
            "Отставание, нед.": progress["overdue_weeks"], "Следующее": progress["next_activity"],
            "Срок": progress["next_due"].map(fmt_date), "Риск": progress["reason"]}),
            hide_index=True, width="stretch")

with tab_waiting:
    vetoed = st.session_state.get(f"_matching_{year}", {}).get("forbidden", set())   # this coordinator's, on «Подбор пар»
    waiting = waiting_list(program, config, forbidden=vetoed) if vetoed else \
        loaded.derived("waiting", lambda: waiting_list(program, config))
    metric_row([loaded.figures().metric("without_pair"),
                ("Получили поддержку", int((waiting["support"] > 0).sum()) if len(waiting) else 0,
                 f"Есть запись в листе «{support_tab}»"),
                ("Появился подходящий наставник", int(waiting["flagged"].sum()) if len(waiting) else 0,
                 "Наставник ответил на анкету позже, чем наставляемый остался без пары, ведёт его тему и свободен")])
    if not len(waiting):
        st.success("Все наставляемые из банка в парах.")
    else:
        flagged = waiting[waiting["flagged"]]
        for r in flagged.itertuples():
            st.warning(md_text(f"{r.name}: появился подходящий наставник — {r.new_mentors}. Предложите пару на "
                               "странице «Подбор пар»."), icon=":material/person_add:")
        st.dataframe(pd.DataFrame({
            "Наставляемый": waiting["name"], "Темы запроса": waiting["topics"], "Почему без пары": waiting["reason"],
            "Поддержка": waiting["support"], "Последняя": waiting["last_support"].map(fmt_date),
            "Новый наставник": waiting["new_mentors"]}), hide_index=True, width="stretch",
            column_config={"Почему без пары": st.column_config.TextColumn(width="large"),
                           "Темы запроса": st.column_config.TextColumn(width="medium")})

        st.subheader("Записать поддержку")
        if done := st.session_state.get(SUPPORT_SAVED):
            notice.saved(*done)
        names = dict(zip(waiting["mentee_id"], waiting["name"]))
        with st.form("support", clear_on_submit=True, border=True):
            who = st.selectbox("Наставляемый", list(names), format_func=lambda x: names.get(x, x))
            c = st.columns(2)
            when = c[0].date_input("Дата", as_of.date(), format="DD.MM.YYYY")
            kind = c[1].selectbox("Вид поддержки", list(config.section("service").get("support", {}).get("kinds", ())))
            action = st.text_area("Что сделано", placeholder="например, консультация педагога-психолога по адаптации")
            by = st.text_input("Кто провёл")
            if st.form_submit_button("Сохранить запись", icon=":material/save:"):
                entry = {"date": pd.Timestamp(when), "mentee_email": who, "mentee_name": names.get(who, ""),
                         "kind": kind, "action": action, "by": by}
                st.session_state[SUPPORT_SAVED] = state.save(
                    loaded, support_tab, lambda fresh: support_edit(fresh, entry, config), "запись о поддержке")
                st.rerun()
    log = support_log(program)          # also once everyone has a pair: what was done for them while they waited
    if len(log):
        st.caption(f"Записи листа «{support_tab}»")
        st.dataframe(pd.DataFrame({"Дата": log["date"].map(fmt_date), "Наставляемый": log["mentee_name"],
                                   "Вид": log["kind"], "Что сделано": log["action"], "Кто провёл": log["by"]}),
                     hide_index=True, width="stretch")
