"""Дорожная карта: the seven stages on a timeline, coloured by status, with their indicators."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.roadmap import stage_status
from documents.order import curator_order_docx
from documents.plan import MIME, Signers
from documents.regulation import regulation_docx
from ui import sidebar
from ui.charts import draw
from ui.format import blank_missing, date as fmt_date, md_text, plot_text, web_link
from ui.roadmap_strip import COLORS

loaded = sidebar.current()
program = loaded.program
today = pd.Timestamp(loaded.config.today())
status = stage_status(program, today, loaded.config)

st.title(f"Дорожная карта {loaded.year}")
counts = status["status_ru"].value_counts()
st.caption(" · ".join(f"{k}: {v}" for k, v in counts.items()) + f" · сегодня {today:%d.%m.%Y}")

timed = status.dropna(subset=["start", "end"])
fig = go.Figure()
labels = [plot_text(f"{r.stage}. {r.name[:48]}" + ("…" if len(r.name) > 48 else "")) for r in timed.itertuples()]
span_ms = [(r.end - r.start).total_seconds() * 1000 + 86_400_000 for r in timed.itertuples()]
fig.add_bar(y=labels, x=span_ms, base=list(timed["start"]), orientation="h", marker_color="#eceff1",
            marker_line_color=[COLORS[s] for s in timed["status"]], marker_line_width=2, name="план",
            customdata=list(zip(timed["status_ru"], timed["start"].dt.strftime("%d.%m.%Y"), timed["end"].dt.strftime("%d.%m.%Y"))),
            hovertemplate="%{customdata[1]} – %{customdata[2]}<br>%{customdata[0]}<extra></extra>")
fig.add_bar(y=labels, x=[s * p for s, p in zip(span_ms, timed["progress"])], base=list(timed["start"]), orientation="h",
            marker_color=[COLORS[s] for s in timed["status"]], name="выполнено", width=0.45, hoverinfo="skip")


def markers(frame: pd.DataFrame, name: str, symbol: str, color: str) -> None:
    if frame is None or not len(frame):
        return
    f = frame.dropna(subset=["date"])
    f = f[f["stage"].isin(timed["stage"])] if "stage" in f else f.iloc[0:0]
    if not len(f):
        return
    y = [labels[list(timed["stage"]).index(s)] for s in f["stage"]]
    fig.add_scatter(x=f["date"], y=y, mode="markers", name=name, marker=dict(symbol=symbol, size=11, color=color),
                    customdata=list(zip(f["date"].dt.strftime("%d.%m.%Y"), f.get("title", f["date"]).fillna("").map(plot_text))),
                    hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>")


markers(program.events, "мероприятия", "diamond", "#f9a825")
markers(program.publications, "публикации", "circle", "#6a1b9a")
lo, hi = timed["start"].min(), timed["end"].max()
fig.add_shape(type="line", x0=today, x1=today, y0=-0.5, y1=len(timed) - 0.5, line=dict(color="#c62828", dash="dot"))
fig.add_annotation(x=today, y=len(timed) - 0.5, text="сегодня", showarrow=False, yshift=10, font=dict(color="#c62828"))
# each stage's name above its bar, not beside it: the bars keep the whole width, on a phone too
for label in labels:
    fig.add_annotation(x=0, xref="paper", xanchor="left", y=label, yshift=27, text=label, showarrow=False,
                       font=dict(size=12, color="#37474f"))
fig.update_layout(barmode="overlay", height=120 + 64 * len(timed), margin=dict(l=10, r=10, t=30, b=10),
                  xaxis=dict(type="date", dtick="M1", tickformat="%b", tickangle=0,
                             range=[lo - pd.Timedelta(days=7), hi + pd.Timedelta(days=7)]),
                  yaxis=dict(autorange="reversed", showticklabels=False), bargap=0.5,
                  legend=dict(orientation="h", y=-0.08))
draw(fig)

for text in status["alert"].dropna():
    st.warning(md_text(text), icon=":material/flag:")

choice = st.selectbox("Этап", list(status["stage"]),
                      format_func=lambda s: f"{s}. {status.set_index('stage').at[s, 'name']}")
row = status.set_index("stage").loc[choice]
c = st.columns(2)
with c[0]:
    st.subheader("Содержание")
    st.text(row["content"] or "—")
    st.caption("Ответственные")
    st.text(row["responsible"] or "—")
    period = f"{fmt_date(row['start'])} – {fmt_date(row['end'])}" if pd.notna(row["start"]) else "срок не распознан"
with c[1]:
    st.subheader("Срок и результат")
    st.caption("Срок")
    st.text(f"{row['period']} ({period}); статус: {row['status_ru']}")
    st.caption("Ожидаемый результат / вид документа")
    st.text(row["result"] or "—")
# the indicators as lines, not a table: their values («утверждено приказом от …») and sources are long, a phone too
st.subheader("Показатели")
st.markdown("\n".join(f"- **{md_text(i.label)}** — {md_text(i.value)}  \n  :gray[{md_text(i.source)}]"
                      for i in row["indicators"]) or "—")
if choice == 1:
    config = loaded.config
    st.subheader("Документы этапа")
    d = st.columns(2)
    d[0].download_button("Проект Положения о наставничестве (.docx)", icon=":material/gavel:", on_click="ignore",
                         data=lambda: regulation_docx(program, config), mime=MIME,
                         file_name="положение-о-наставничестве.docx")
    d[1].download_button("Проект приказа о назначении куратора (.docx)", icon=":material/description:",
                         on_click="ignore", mime=MIME, file_name=f"приказ-куратор-{loaded.year.replace('/', '-')}.docx",
                         data=lambda: curator_order_docx(school=config.school.name, year=loaded.year,
                                                         today=config.today(), signers=Signers.of(config)))
    st.caption("Проект приказа о закреплении пар — на странице «Подбор пар», вкладка утверждения; персонализированные "
               "программы — на странице «Программы наставничества». Куратор и руководитель для подписей — "
               "«Настройка».")
for frame, title, cols in ((program.events, "Мероприятия этапа", {"date": "Дата", "kind": "Вид", "title": "Название",
                                                                   "participants": "Участники"}),
                           (program.publications, "Публикации этапа", {"date": "Дата", "channel": "Канал",
                                                                       "title": "Заголовок", "link": "Ссылка"})):
    if frame is not None and len(frame) and "stage" in frame:
        part = frame[frame["stage"] == choice]
        if len(part):
            st.subheader(title)
            shown = part[[c for c in cols if c in part]].rename(columns=cols)
            shown["Дата"] = shown["Дата"].map(fmt_date)
            if "Ссылка" in shown:
                shown["Ссылка"] = shown["Ссылка"].map(web_link)
            st.dataframe(blank_missing(shown), hide_index=True, width="stretch",
                         column_config={"Ссылка": st.column_config.LinkColumn()} if "Ссылка" in shown else None)
