"""Plotly figures of the two monitoring stages (Russian labels; no Streamlit): the report draws them as images
and the «Мониторинг» page shows them. Also what every chart of the dashboard shares: `plot_text`, `TOP_LEGEND`."""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

# the legend above the plot, left-aligned to the figure (not the plot area: long labels stay readable)
TOP_LEGEND = dict(orientation="h", x=0, xref="container", y=1, yref="container", yanchor="top", traceorder="normal")


def plot_text(text: object) -> str:
    """Text from a sheet, made safe for a Plotly label or hover: Plotly reads <a href>, <b>, <br> … in them;
    escaped, the text shows as typed and no link or tag is made."""
    return html.escape(str(text), quote=False)


COLORS = {("mentee", "entry"): "#9ccfd8", ("mentee", "final"): "#1f6f8b",
          ("mentor", "entry"): "#ffcc80", ("mentor", "final"): "#ef6c00"}
ROLE = {"mentee": "наставляемые", "mentor": "наставники"}


def _layout(fig: go.Figure, rows: int, per_row: int, title: str) -> go.Figure:
    fig.update_layout(barmode="group", height=120 + rows * per_row, margin=dict(l=10, r=10, t=90, b=10),
                      xaxis=dict(range=[0, 10], title=title, dtick=1), legend=TOP_LEGEND, separators=", ",
                      yaxis=dict(autorange="reversed", automargin=True), plot_bgcolor="white",
                      font=dict(family="Arial", size=13))
    fig.update_xaxes(gridcolor="#e0e0e0")
    return fig


SHORT_MONTHS = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")


def month_tick(when: pd.Timestamp) -> str:
    """A month on a date axis the Russian way («сен», «янв 2027»: the year where it starts) — a document's chart
    is drawn without the page's Plotly locale."""
    return SHORT_MONTHS[when.month - 1] + (f" {when.year}" if when.month == 1 else "")


def stage1_figure(s1: pd.DataFrame) -> go.Figure | None:
    """Stage 1: the mean score of every programme-quality item, mentees and mentors (final questionnaires)."""
    data = s1.dropna(subset=["mean"])
    if data.empty:
        return None
    fig = go.Figure()
    for role, part in data.groupby("role", sort=False):
        fig.add_bar(y=part["label"].map(plot_text), x=part["mean"].round(1), orientation="h", name=ROLE[role],
                    marker_color=COLORS[(role, "final")], textposition="outside",
                    text=[f"{v:.1f}".replace(".", ",") for v in part["mean"]],           # a decimal comma
                    hovertemplate="%{y}: %{x}<extra></extra>")
    return _layout(fig, data["label"].nunique(), 16 * data["role"].nunique() + 22, "средняя оценка (1–10), итоговая анкета")


def stage2_figure(s2: pd.DataFrame) -> go.Figure | None:
    """Stage 2: each growth item at entry and at the end, for the people who answered both (mentees, mentors)."""
    data = s2.dropna(subset=["entry", "final"])
    if data.empty:
        return None
    fig = go.Figure()
    for role, part in data.groupby("role", sort=False):
        for kind, word in (("entry", "вход"), ("final", "итог")):
            fig.add_bar(y=part["label"].map(plot_text), x=part[kind].round(1), orientation="h",
                        name=f"{ROLE[role]}, {word}", marker_color=COLORS[(role, kind)],
                        hovertemplate="%{y}: %{x}<extra></extra>")
    groups = 2 * data["role"].nunique()
    return _layout(fig, data["label"].nunique(), 12 * groups + 22, "средняя самооценка (1–10)")


def response_figure(over_time: pd.DataFrame) -> go.Figure | None:
    """The share of participants who had answered each questionnaire, day by day."""
    if over_time.empty:
        return None
    fig = go.Figure()
    for title, part in over_time.groupby("title", sort=False):
        fig.add_scatter(x=part["date"], y=part["rate"] * 100, mode="lines+markers", name=plot_text(title), line_shape="hv",
                        hovertemplate="%{x|%d.%m.%Y}: %{y:.0f} %<extra></extra>")
    months = pd.date_range(pd.Timestamp(over_time["date"].min()).to_period("M").to_timestamp(),
                           pd.Timestamp(over_time["date"].max()), freq="MS")
    fig.update_layout(height=360, margin=dict(l=10, r=10, t=90, b=10), legend=TOP_LEGEND, separators=", ",
                      yaxis=dict(range=[0, 105], title="ответили, %"),
                      xaxis=dict(tickvals=list(months), ticktext=[month_tick(m) for m in months]),
                      plot_bgcolor="white", font=dict(family="Arial", size=13))
    fig.update_yaxes(gridcolor="#e0e0e0")
    return fig
