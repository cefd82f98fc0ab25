"""Plotly figures shared by pages, and how every chart is shown: in Russian (`draw`)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from documents.figures import TOP_LEGEND, plot_text

# plotly.js's own «ru» locale (lib/locales/ru.js) is not in Streamlit's bundle; Plotly accepts a locale in the
# chart's config («locales»), so month and day names, the date order and the decimal comma come from here —
# no hand formatting per chart. Month names as plotly.js-locales ru (short ones in lower case, as on Russian
# axes); decimal comma and a no-break space between thousands (ГОСТ 8.417).
RU_LOCALE = {"format": {
    "days": ["воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"],
    "shortDays": ["вс", "пн", "вт", "ср", "чт", "пт", "сб"],
    "months": ["Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь",
               "Ноябрь", "Декабрь"],
    "shortMonths": ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"],
    "date": "%d.%m.%Y", "decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0₽"],
    "periods": ["", ""], "dateTime": "%d.%m.%Y %H:%M:%S", "time": "%H:%M:%S", "year": "%Y", "month": "%b %Y",
    "dayMonth": "%-d %b", "dayMonthYear": "%-d %b %Y"}}
PLOTLY_CONFIG = {"displayModeBar": False, "locale": "ru", "locales": {"ru": RU_LOCALE}}


def draw(fig: go.Figure, where=st) -> None:
    """Draw a chart the width of its column, in Russian, without Plotly's toolbar."""
    where.plotly_chart(fig, config=PLOTLY_CONFIG, width="stretch")



HALL_FONT = 18           # px: chart text read from the back of a hall at 1920×1080 (and still on a phone)


def for_hall(fig: go.Figure) -> go.Figure:
    """A chart for the seminar's projector: every text at least HALL_FONT px and near-black, taller to fit it."""
    fig.update_layout(font=dict(size=HALL_FONT, color="#1b1b1b"), legend=dict(font=dict(size=HALL_FONT)),
                      hoverlabel=dict(font=dict(size=HALL_FONT)))
    for axes in (fig.update_xaxes, fig.update_yaxes):
        axes(tickfont=dict(size=HALL_FONT, color="#1b1b1b"), title_font=dict(size=HALL_FONT, color="#1b1b1b"))
    for note in fig.layout.annotations or ():
        note.font = dict(size=max(HALL_FONT, (note.font.size or 0)), color="#1b1b1b")
    if fig.layout.height:
        fig.update_layout(height=int(fig.layout.height * 1.35))
    return fig


def demand_supply_chart(table: pd.DataFrame, *, height_per_row: int = 54) -> go.Figure:
    """Horizontal bars per topic: mentees asking vs mentor places. Each topic's name is written above its
    bars (not beside them), so long names read in full and the bars keep the width, on a phone too."""
    t = table.sort_values("demand", ascending=False).reset_index(drop=True)
    t = t.assign(topic=t["topic"].map(plot_text))
    fig = go.Figure([
        go.Bar(y=t["topic"], x=t["demand"], orientation="h", name="запросов наставляемых", marker_color="#1f6f8b"),
        go.Bar(y=t["topic"], x=t["places"], orientation="h", name="мест у наставников", marker_color="#9ccfd8"),
    ])
    for topic in t["topic"]:
        fig.add_annotation(x=0, xref="paper", xanchor="left", y=topic, yshift=24, text=topic, showarrow=False,
                           font=dict(size=12, color="#37474f"))
    fig.update_layout(barmode="group", height=150 + height_per_row * len(t), margin=dict(l=10, r=10, t=70, b=10),
                      legend=TOP_LEGEND, xaxis_title="человек", bargap=0.45,
                      yaxis=dict(showticklabels=False, autorange="reversed", automargin=False))
    return fig

