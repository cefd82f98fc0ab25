"""Семинар: the public live view — aggregates only, readable on a phone and a projector."""
import io
from dataclasses import replace
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
import segno
import streamlit as st

from analysis import load_config
from analysis.roadmap import stage_status
from analysis.seminar import SeminarView, places, seminar_view
from data_sources import SourceError
from ui import state
from ui.charts import demand_supply_chart, draw, for_hall
from ui.format import md_text, pct
from ui.quality_summary import items_figure, public_items, render_public_headline
from ui.roadmap_strip import strip_html
from ui.metrics import metric_row

config = load_config()
years = state.years()
# the link's year; else (opened from the staff menu) the year chosen in this session's sidebar
wanted = st.query_params.get("year", "").replace("-", "/") or st.session_state.get("year", "")
year = wanted if wanted in years else years[-1]
school = config.school.short_name
min_group = config.access.seminar_min_group


@st.cache_data(max_entries=64, show_spinner=False)
def qr_png(link: str) -> bytes:
    buf = io.BytesIO()
    segno.make(link, error="m").save(buf, kind="png", scale=8, border=2)
    return buf.getvalue()


# the hall reads this page from a projector: large type here only (headline figures ≥ 48 px, text 20 px)
st.html("""<style>
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: clamp(2.4rem, 4vw, 3.6rem) !important;
  line-height: 1.15; }
[data-testid="stMetricLabel"] p { font-size: 1.2rem !important; }
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li { font-size: 1.25rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: clamp(2rem, 3.2vw, 3.2rem); }
[data-testid="stMainBlockContainer"] h3 { font-size: clamp(1.5rem, 2.2vw, 2.2rem); }
[data-testid="stCaptionContainer"] p { font-size: 1.1rem !important; color: #37474f; }
@media (max-width: 640px) { .st-key-seminar_qr { display: none; } }
</style>""")
# the QR code leads the hall to this page: the address the school gave on «Настройка», else the browser's own
public = config.school.public_url.strip().rstrip("/")
url = f"{public}/seminar" if public else st.context.url
link = f"{url}?year={year.replace('/', '-')}" if url else ""
head, code = st.columns([4, 1], vertical_alignment="center")
head.title("Наставничество педагогов")
head.caption(" · ".join(x for x in (school, f"{year} учебный год",
                                    f"страница обновляется сама каждые {state.SEMINAR_TTL} с") if x))
if link:
    code = code.container(key="seminar_qr")        # for the projector; a phone already has the page (CSS hides it)
    code.image(qr_png(link), width=200)
    code.caption("Наведите камеру телефона: " + md_text(link.split("://", 1)[-1].split("?")[0]))


class Prepared(NamedTuple):
    view: SeminarView            # figures as published: k-anonymous, changed only by >= k people
    strip: str                   # the stages, names and status words written out (a projector has no hover)
    items: go.Figure | None      # questionnaire items, entry vs final
    topics: go.Figure | None     # requests vs mentor places per topic


def build(loaded: state.Loaded) -> Prepared:
    """Everything the page shows, figures included (building a figure costs more than sending it)."""
    program, config = loaded.program, loaded.config
    raw = seminar_view(program, list(config.topics), min_group=min_group,
                       satisfied_from=config.quality.satisfied_from)
    view = replace(raw, figures=loaded.store.publish("seminar", dict(raw.figures), min_group))
    topics = view.topics.assign(places=places(view))
    status = stage_status(program, pd.Timestamp(config.today()), config)     # the hall strip: status words only
    items = items_figure(public_items(view), config.quality.items)
    return Prepared(view, strip_html(status, hall=True), for_hall(items) if items is not None else None,
                    for_hall(demand_supply_chart(topics)) if len(topics) else None)


@st.fragment(run_every=state.SEMINAR_TTL)
def live() -> None:
    try:
        loaded = state.current(year, max_age=state.SEMINAR_TTL)
    except SourceError:
        st.info("Данные сейчас недоступны. Страница обновится сама.")
        return
    # built once per read for every viewer (a coordinator's own demo edits: once per edit, for that session)
    view, strip, items, chart = loaded.derived("seminar", lambda: build(loaded))
    st.html(strip)
    response = view.value("response")
    figures = loaded.figures()          # counts of people are public as they are; shares only as published (k)
    metric_row([figures.metric("mentees_bank"), figures.metric("mentors_bank"), figures.metric("groups"),
                (figures["final_response"].label, pct(response) if response is not None else "—")])
    if view.kind:
        st.subheader("Как оценивают программу")
        render_public_headline(view, min_group, loaded.config.quality.satisfied_label)
        if items is not None:
            draw(items)
    if chart is not None:
        st.subheader("С чем педагоги пришли в программу")
        draw(chart)
    if not view.practices.empty:
        st.subheader("Лучшие практики года")
        # a static table: wraps on a phone, no toolbar over the heading
        # st.table renders Markdown in its cells: the coordinator's titles are escaped, shown as typed
        st.table(view.practices.map(md_text).rename(columns={"title": "Практика", "topic": "Тема"}),
                 hide_index=True, border="horizontal")
    st.caption(f"Данные на {state.as_of(loaded)}. Только обобщённые цифры: оценки, доли и места наставников — "
               f"когда за ними не меньше {min_group} человек, и меняются они, только когда изменились ответы "
               f"не меньше {min_group} человек.")


live()
