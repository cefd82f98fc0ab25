"""Подбор пар (stage 5): suggestions, the optimal proposal, locks and vetoes, approval, documents."""
from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis import mentoring_forms
from analysis.duties import said, without_consent
from analysis.matching import (CRITERIA, CRITERIA_RU, FORM, KIND, assign, assignment_table, chosen_forms, default_weights,
                               names, score_pairs, suggest, with_forms)
from analysis.plans import all_plans
from analysis.schoolyear import year_bounds, year_finished
from analysis.waiting import ended_pairs, open_bank
from analysis.writes import approve, fingerprint, pairs_edit
from documents.order import order_docx
from documents.plan import Signers
from documents.safe import xlsx_bytes
from ui import notice, sidebar, state
from ui.format import md_text
from ui.metrics import metric_row

# a bar and the number, with the decimal comma of a Russian browser (printf formats always use a point)
SCORE_COLUMN = st.column_config.ProgressColumn("Балл", format="localized", min_value=0.0, max_value=1.0)

loaded = sidebar.current()
config = loaded.config
program, year = loaded.program, loaded.year
mentees, mentors = program.mentees, program.mentors
memory = st.session_state.setdefault(f"_matching_{year}", {"locked": set(), "forbidden": set(), "edits": 0})
memory.setdefault("chosen", {})      # forms and types of mentoring the coordinator changed: (mentee, mentor) -> (form, type)

st.title("Подбор пар")
blocking = [p for p in program.problems if p.blocks == "matching"]
for p in blocking:                   # answers the proposal would silently leave out: said before anything else
    st.error(md_text(f"Лист «{p.tab}»: {p.message}"), icon=":material/error:")
if blocking and not st.checkbox("Понятно: подобрать пары без этих ответов (они не будут учтены)",
                                key=f"_match_anyway_{year}"):
    st.info("Подбор остановлен, чтобы ничьи ответы не потерялись молча. Исправьте данные или настройки — "
            "подробности на странице «Данные» — или подтвердите, что подбирать без них.", icon=":material/pause:")
    st.stop()
if mentees.empty or mentors.empty:
    st.info("Для подбора нужны оба банка: наставляемые и наставники (страница «Банки»).")
    st.stop()
if year_finished(program, config, config.today()):
    st.info(f"Учебный год {year} завершён {year_bounds(program, config)[1]:%d.%m.%Y}: новые пары в него не "
            "предлагаются. Подбор на новый год — в его таблице (выбор года слева).", icon=":material/event_available:")
    if not st.checkbox("Всё равно подобрать пары в завершённом году", key=f"_match_finished_{year}"):
        metric_row([loaded.figures().metric(k) for k in ("groups", "mentees_in_pairs", "without_pair")])
        st.stop()

with st.expander("Настройки подбора: веса критериев и порог", icon=":material/tune:"):
    cols = st.columns(len(CRITERIA))
    defaults = default_weights(config)
    weights = {c: cols[i].slider(CRITERIA_RU[c], 0.0, 1.0, float(defaults[c]), 0.05, key=f"w_{c}")
               for i, c in enumerate(CRITERIA)}
    min_score = st.slider("Порог: ниже этого балла пара не предлагается", 0.0, 1.0,
                          float(config.matching.min_score), 0.05)

bank = open_bank(program)        # a mentee in an active pair is paired, whoever the mentor (a pair «расторгнута» frees her)
mentees, mentors, approved = bank.mentees, bank.mentors, bank.approved
if bank.paired_outside:
    st.caption(f"В действующих парах с наставником не из банка: {len(bank.paired_outside)} — им новый наставник не "
               "предлагается; кто это и их наставники — на странице «Данные».")
if mentees.empty:
    st.info("Все наставляемые банка уже в действующих парах: подбирать некого.", icon=":material/check_circle:")
    st.stop()
scores = score_pairs(mentees, mentors, weights, config=config)
result = assign(mentees, mentors, locked=approved | memory["locked"], forbidden=memory["forbidden"] | ended_pairs(program),
                min_score=min_score, scores=scores, config=config)
today = config.today()
pairs_tab = config.service["pairs"].tab
# the data this page is drawn from, by content (a re-read of the same sheet is not a change)
drawn = fingerprint(loaded.snapshot.tabs, [program.tabs_found.get("mentee_request"),
                                           program.tabs_found.get("mentor_survey"), pairs_tab])
seen = loaded.snapshot.tabs.get(pairs_tab)        # the tab as this page shows it; approving reads it afresh
proposal = result.pairs
# pairs approved before keep their codes, dates and programmes; new ones are numbered after them
approval = approve(seen, proposal, mentees, mentors, start=pd.Timestamp(today), config=config)
result = replace(result, pairs=approval.pairs)
forms = mentoring_forms.for_proposal(program, result.pairs, config)
form_options, type_options = mentoring_forms.options(config)

metric_row([("В предложении", f"{result.objective[0] + len(bank.paired_outside)} из {len(program.mentees)}",
             "Наставляемых банка, которым предложение даёт наставника (с уже утверждёнными парами)"),
            loaded.figures().metric("mentees_in_pairs"), loaded.figures().metric("without_pair"),
            ("Не подобраны", len(result.unmatched), "Кого это предложение оставляет без наставника (вкладка «Не подобраны»)"),
            ("Средний балл", f"{result.pairs.score.mean():.2f}".replace(".", ",") if len(result.pairs) else "—")])

tab_p, tab_s, tab_u, tab_a = st.tabs(["Предложение", "Подсказки и ручной выбор", "Не подобраны", "Утверждение и документы"])

with tab_p:
    st.caption("Оптимальное распределение: сначала как можно больше наставляемых в парах, затем наибольший общий "
               "балл; места наставников учтены. Отметьте «Закрепить» или «Запретить» — остальное пересчитается. "
               f"Форму и вид наставничества подбор предлагает по анкетам (правила — в настройках года, их меняет администратор); "
               f"их можно сменить — они запишутся в лист «{pairs_tab}» при утверждении. У пары, утверждённой раньше, "
               f"форму меняют в самом листе.")
    table = assignment_table(result, mentees, mentors, approved=approved, forms=forms, chosen=memory["chosen"])
    edited = st.data_editor(
        table, hide_index=True, width="stretch", key=f"editor_{year}_{memory['edits']}",
        disabled=[c for c in table.columns if c not in ("Закрепить", "Запретить", FORM, KIND)],
        column_config={"mentee_id": None, "mentor_id": None,
                       "Балл": SCORE_COLUMN,
                       FORM: st.column_config.SelectboxColumn(FORM, options=form_options, required=True, width="large"),
                       KIND: st.column_config.SelectboxColumn(KIND, options=type_options, required=True, width="medium"),
                       "Почему": st.column_config.TextColumn(width="large")})
    memory["chosen"] = {**{k: v for k, v in memory["chosen"].items()
                           if k not in set(zip(table.mentee_id, table.mentor_id))}, **chosen_forms(edited, forms)}
    lock_now = {(r.mentee_id, r.mentor_id) for r in edited.itertuples() if r.Закрепить} - approved
    veto_now = {(r.mentee_id, r.mentor_id) for r in edited.itertuples() if r.Запретить}
    unlocked = {(r.mentee_id, r.mentor_id) for r in edited.itertuples() if not r.Закрепить} & approved
    if veto_now & approved or unlocked:       # an approved pair is the sheet's: it is ended there, not here
        memory["note"] = (f"Утверждённую пару на этой странице не отменить: она записана в листе «{pairs_tab}». "
                          "Чтобы подобрать наставляемому другого наставника, поставьте у пары в колонке «Статус» "
                          "«расторгнута» и обновите данные.")
        veto_now -= approved
        memory["edits"] += 1
    if lock_now != (memory["locked"] & set(zip(table.mentee_id, table.mentor_id))) - approved or veto_now or unlocked:
        memory["locked"] = (memory["locked"] - set(zip(table.mentee_id, table.mentor_id))) | lock_now
        memory["forbidden"] |= veto_now
        memory["edits"] += 1          # a fresh editor: the browser's ticks belonged to the old rows
        memory.pop("saved", None)     # the last approval's message stays until the coordinator changes something
        st.rerun()
    if note := memory.pop("note", None):
        st.info(note, icon=":material/info:")
    if memory["forbidden"]:
        en, mn = names(mentees), names(mentors)
        st.caption("Запрещено: " + "; ".join(f"{md_text(en.get(a, a))} — {md_text(mn.get(b, b))}"
                                             for a, b in sorted(memory["forbidden"])))
        if st.button("Снять все запреты"):
            memory["forbidden"] = set()
            memory.pop("saved", None)
            st.rerun()

with tab_s:
    en, mn = names(mentees), names(mentors)
    who = st.selectbox("Наставляемый", list(mentees.index), format_func=lambda x: en.get(x, x))
    top = suggest(mentees.loc[[who]], mentors, config.matching.top_k, scores=scores.loc[[who]], config=config)
    st.dataframe(pd.DataFrame({"№": top["rank"], "Наставник": [mn.get(x, x) for x in top.mentor_id],
                               "Балл": top.score.round(2), "Почему": top.reasons}),
                 hide_index=True, width="stretch", column_config={"Балл": SCORE_COLUMN})
    pick = st.selectbox("Назначить наставника вручную", list(mentors.index), format_func=lambda x: mn.get(x, x),
                        index=list(mentors.index).index(top.mentor_id.iloc[0]) if len(top) else 0)
    if st.button("Закрепить эту пару", icon=":material/push_pin:", disabled=pick == who):
        memory["locked"] = {p for p in memory["locked"] if p[0] != who} | {(who, pick)}
        memory.pop("saved", None)
        st.rerun()

with tab_u:
    if result.unmatched.empty:
        st.success("Все наставляемые из банка получили наставника.")
    else:
        st.caption("Кого это предложение оставляет без наставника и почему. Кто ждёт пару сейчас, что для них сделано "
                   "и какой новый наставник им подходит — этап 5.3 на странице «Программы наставничества», вкладка "
                   "«Без пары».")
        st.dataframe(pd.DataFrame({"Наставляемый": [names(mentees).get(x, x) for x in result.unmatched.mentee_id],
                                   "Почему без пары": result.unmatched.reason}), hide_index=True, width="stretch")

with tab_a:
    st.caption(f"К утверждению: {len(result.pairs)} наставляемых в {result.pairs.group.nunique()} парах/группах, "
               f"из них новых — {approval.added}; утверждённые раньше остаются как есть (коды, даты, программы).")
    if done := memory.get("saved"):    # kept over a stray rerun (a fresh table may cause one), not over a change
        notice.saved(*done)
    if st.button("Утвердить пары", type="primary", icon=":material/task_alt:"):
        if memory.get("drawn") not in (None, drawn):
            # the data changed between the page the coordinator looked at and the click: approve what was seen
            memory["saved"] = (False, f"Не утверждено: данные (лист «{pairs_tab}», банки) изменились, пока страница была "
                                      "открыта — например, коллега утвердил пары. Проверьте предложение: оно пересчитано; "
                                      "нажмите «Утвердить пары» ещё раз.", None)
        else:
            chosen = with_forms(proposal, assignment_table(result, mentees, mentors, forms=forms, chosen=memory["chosen"]))
            memory["saved"] = state.save(loaded, pairs_tab, lambda fresh: pairs_edit(
                fresh, chosen, mentees, mentors, seen=seen, start=pd.Timestamp(today), config=config), "новые пары")
        memory["edits"] += 1          # a fresh table after the click (the same one stopped taking clicks)
        st.rerun()                    # the figures above count the pairs just approved
    named = result.pairs.assign(mentee_name=[names(mentees).get(x, x) for x in result.pairs.mentee_id],
                                mentor_name=[names(mentors).get(x, x) for x in result.pairs.mentor_id])
    if len(missing := without_consent(program, named)):
        st.warning(md_text(f"Нет записанного письменного согласия на участие и дополнительные обязанности: "
                           f"{said(missing)}. Приказ о закреплении пар издаётся с письменного согласия участников: "
                           "получите его до подписания — ответ «Да» на вопрос анкеты «Согласие на участие в программе "
                           "наставничества и на дополнительные обязанности» или дату в столбце «Согласие на участие "
                           "(дата)» листа «Пары». В приложении к приказу у этих пар стоит «нет согласия»."),
                   icon=":material/signature:")
    d = st.columns(2)
    d[0].download_button("Проект приказа (.docx)", icon=":material/description:", on_click="ignore",
                         help="С приложением 2 — персонализированными программами (ППН) утверждённых пар и групп",
                         data=lambda: order_docx(named, school=config.school.name, year=year, signers=Signers.of(config),
                                                 today=today, program=program,
                                                 plans=list(all_plans(program, config).values())),
                         file_name=f"приказ-пары-{year.replace('/', '-')}.docx",
                         mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    d[1].download_button("Пары и группы (.xlsx)", icon=":material/download:", data=xlsx_bytes({"Пары": approval.sheet}),
                         file_name=f"пары-{year.replace('/', '-')}.xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
memory["drawn"] = drawn             # what the coordinator now sees: a click approves only this
