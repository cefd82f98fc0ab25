"""Обзор: the program's headline figures for the chosen academic year."""
import pandas as pd
import streamlit as st

from analysis.roadmap import stage_status
from analysis.waiting import waiting_list
from ui import sidebar
from ui.format import md_text, plural
from ui.metrics import metric_row
from ui.quality_summary import render_quality_headline
from ui.report_button import report_button
from ui.roadmap_strip import render_strip

loaded = sidebar.current()
intake = loaded.program.intake

st.title(f"Программа наставничества, {loaded.year}")
render_strip(stage_status(loaded.program, pd.Timestamp(loaded.config.today()), loaded.config))

figures = loaded.figures()
metric_row([figures.metric(key) for key in ("mentees_bank", "mentors_bank", "groups", "mentees_in_pairs", "without_pair",
                                            "consent", "final_response")])

if flagged := int(loaded.derived("waiting", lambda: waiting_list(loaded.program, loaded.config))["flagged"].sum()):   # stage 5.3
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
    render_quality_headline(report, figures)
report_button(loaded, key="report_overview")

errors = [p for p in loaded.program.problems if p.severity == "error"]
warnings = sum(1 for p in loaded.program.problems if p.severity == "warning")
for p in errors[:3]:       # what stops the figures from being whole: said here, not only on «Данные»
    st.error(md_text(p.message if f"«{p.tab}»" in p.message else f"Лист «{p.tab}»: {p.message}"), icon=":material/error:")
if errors or warnings:
    st.info(f"В данных: ошибок — {len(errors)}, предупреждений — {warnings}. Подробности на странице «Данные».",
            icon=":material/rule:")
    st.page_link("views/data.py", label="Открыть «Данные»", icon=":material/table_view:")
