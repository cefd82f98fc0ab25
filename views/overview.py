"""Обзор: the program's headline figures for the chosen academic year."""
import pandas as pd
import streamlit as st

from analysis.overview import headline
from analysis.roadmap import stage_status
from analysis.waiting import waiting_list
from ui import sidebar
from ui.format import md_text, pct, plural
from ui.metrics import metric_row
from ui.quality_summary import render_quality_headline
from ui.report_button import report_button
from ui.roadmap_strip import render_strip

loaded = sidebar.current()
h = headline(loaded.program)
intake = loaded.program.intake

st.title(f"Программа наставничества, {loaded.year}")
render_strip(stage_status(loaded.program, pd.Timestamp(loaded.config.today()), loaded.config))

metric_row([
    ("Наставляемых в банке", h.mentees, "Дали согласие на обработку данных; учтён последний ответ каждого"),
    ("Наставников в банке", h.mentors, "Дали согласие и готовы быть наставником"),
    ("Пар и групп", h.groups, f"{plural(h.pairs, 'наставляемый', 'наставляемых', 'наставляемых')} в парах и группах"),
    ("Без пары", h.without_pair, "В банке наставляемых, но нет утверждённой пары в листе «Пары»"),
    ("Дали согласие", pct(h.consent_rate), f"{h.consented} из {h.people_answered} ответивших на анкеты"),
    ("Итоговая анкета", "—", "Итоговые анкеты ещё не собирались") if h.response_rate is None else
    ("Итоговая анкета", pct(h.response_rate), f"Ответили {h.final_respondents} из {h.in_pairs} участников утверждённых пар"),
])

if flagged := int(loaded.derived("waiting", lambda: waiting_list(loaded.program))["flagged"].sum()):   # stage 5.3
    who = plural(flagged, "наставляемый", "наставляемых", "наставляемых")
    st.warning(f"Появился подходящий наставник для ожидающих пары: {who} — «Программы наставничества», вкладка «Без пары».",
               icon=":material/person_add:")

mentee, mentor = intake.get("mentee"), intake.get("mentor")
notes = []
if mentee and mentee.no_consent + (mentor.no_consent if mentor else 0):
    notes.append(f"без согласия на обработку данных: {mentee.no_consent + (mentor.no_consent if mentor else 0)} — "
                 "учтены в подсчёте, в банки и подбор не включены")
if mentee and mentee.duplicates + (mentor.duplicates if mentor else 0):
    notes.append(f"повторных ответов: {mentee.duplicates + (mentor.duplicates if mentor else 0)} — учтён последний ответ")
if mentor and mentor.not_willing:
    notes.append(f"отказались быть наставником в этом году: {mentor.not_willing}")
if notes:
    st.caption("; ".join(notes).capitalize() + ".")

report = loaded.quality()
if report.has_final or report.has_entry:
    st.subheader("Качество программы" + (" (итоговые анкеты)" if report.has_final else " (входные анкеты)"))
    render_quality_headline(report)
report_button(loaded, key="report_overview")

errors = [p for p in loaded.program.problems if p.severity == "error"]
warnings = sum(1 for p in loaded.program.problems if p.severity == "warning")
for p in errors[:3]:       # what stops the figures from being whole: said here, not only on «Данные»
    st.error(md_text(p.message if f"«{p.tab}»" in p.message else f"Лист «{p.tab}»: {p.message}"), icon=":material/error:")
if errors or warnings:
    st.info(f"В данных: ошибок — {len(errors)}, предупреждений — {warnings}. Подробности на странице «Данные».",
            icon=":material/rule:")
    st.page_link("views/data.py", label="Открыть «Данные»", icon=":material/table_view:")
