"""Банки: the mentee and mentor banks (stages 2–4), demand vs supply per topic."""
import streamlit as st

from analysis.banks import bank_summary, bank_table, demand_supply, filter_bank, shortage_table, training_needs
from documents.safe import xlsx_bytes
from ui import sidebar
from ui.charts import demand_supply_chart, draw
from ui.metrics import metric_row

DEMAND_RU = {"topic": "Тема", "demand": "Запросов", "mentors": "Наставников", "places": "Мест", "short": "Хватает ли мест"}

loaded = sidebar.current()
config = loaded.config
program = loaded.program
s = bank_summary(program)

st.title("Банки наставляемых и наставников")
figures = loaded.figures()
metric_row([figures.metric("mentees_bank"), figures.metric("mentors_bank"), figures.metric("mentor_places"),
            ("В обоих банках", s["both"], "Наставляемый в одной теме и наставник в другой"),
            ("Ответили дважды", s["answered_twice"], "Учтён последний ответ")])
st.caption(f"Не дали согласия: наставляемых — {s['no_consent_mentees']}, наставников — {s['no_consent_mentors']}; "
           f"они учтены в подсчёте, но не попадают в банки. Отказались быть наставником: {s['not_willing']}. "
           "Кто именно и в какой строке — на странице «Данные». Если наставник не ответил, скольких "
           f"наставляемых готов вести, у него {config.matching.blank_capacity} место; такие строки тоже на «Данных».")

table = demand_supply(program.mentees, program.mentors, config.topics)
mentees = bank_table(program.mentees, program.mentors, mentor=False)
mentors = bank_table(program.mentors, program.mentees, mentor=True)

tab_e, tab_m, tab_d = st.tabs(["Наставляемые", "Наставники", "Спрос и предложение по темам"])


def show(frame, key: str, topic_col: str, with_category: bool) -> None:
    f = st.columns([2, 2, 2, 2])
    search = f[0].text_input("Поиск", key=f"{key}_q", placeholder="ФИО, e-mail, слова запроса")
    subjects = f[1].multiselect("Предмет", config.lists.get("subjects", ()), key=f"{key}_s", placeholder="все")
    topics = f[2].multiselect("Тема", config.topics, key=f"{key}_t", placeholder="все")
    cats = f[3].multiselect("Категория", config.lists.get("mentee_categories" if with_category else "qualification", ()),
                            key=f"{key}_c", placeholder="все")
    shown = filter_bank(frame, search=search, subjects=subjects, topics=topics, categories=cats)
    st.caption(f"Показано {len(shown)} из {len(frame)}")
    st.dataframe(shown, hide_index=True, width="stretch",
                 column_config={c: st.column_config.ListColumn(c) for c in shown
                                if shown[c].map(lambda v: isinstance(v, list)).any()})


with tab_e:
    show(mentees, "e", "Темы запроса", True)
with tab_m:
    show(mentors, "m", "Темы наставничества", False)
with tab_d:
    needs = training_needs(table)
    if needs:
        st.warning("Не хватает наставников (что обучать на этапе 4): " + "; ".join(needs), icon=":material/school:")
    else:
        st.success("Мест у наставников хватает по всем темам запросов.")
    draw(demand_supply_chart(table[(table["demand"] > 0) | (table["places"] > 0)]))
    st.dataframe(shortage_table(table).rename(columns=DEMAND_RU), hide_index=True, width="stretch")
    st.caption("Наставник с несколькими темами учтён в каждой из них со всеми своими местами, поэтому сумма мест по "
               "темам больше, чем «Мест у наставников» вверху страницы.")

st.download_button("Скачать банки (.xlsx)", icon=":material/download:",
                   data=xlsx_bytes({"Наставляемые": mentees, "Наставники": mentors,
                                    "Спрос и предложение": shortage_table(table).rename(columns=DEMAND_RU)}),
                   file_name=f"банки-{loaded.year.replace('/', '-')}.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
