"""A compact roadmap strip and plain-word alerts (overview and the public seminar: counts only)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.roadmap import STATUS_RU

from .charts import draw
from .format import md_text, plot_text

COLORS = {"done": "#2e7d32", "in_progress": "#1f6f8b", "not_started": "#b0bec5", "overdue": "#c62828",
          "conflict": "#ef6c00"}
SYMBOLS = {"done": "✓", "in_progress": "◐", "not_started": "○", "overdue": "!", "conflict": "?"}   # a phone-wide cell
LEGEND = " · ".join(f"{SYMBOLS[k]} {v}" for k, v in STATUS_RU.items())


def strip_figure(status: pd.DataFrame) -> go.Figure:
    """Seven equal cells, coloured by status, filled by progress; the stage number and a status symbol
    in each (the words are in LEGEND and in the hover)."""
    fig = go.Figure()
    fig.add_bar(x=[1] * len(status), y=[""] * len(status), base=list(range(len(status))), orientation="h",
                marker_color="#eceff1", hoverinfo="skip", showlegend=False)
    fig.add_bar(x=list(status["progress"]), y=[""] * len(status), base=list(range(len(status))), orientation="h",
                marker_color=[COLORS[s] for s in status["status"]], showlegend=False,
                customdata=list(zip(status["stage"], status["name"].map(plot_text), status["status_ru"])),
                hovertemplate="Этап %{customdata[0]}: %{customdata[1]}<br>%{customdata[2]}<extra></extra>")
    for i, (stage, st_) in enumerate(zip(status["stage"], status["status"])):
        # a light label box: readable over any fill, and over the edge of a partial one
        fig.add_annotation(x=i + 0.5, y=0, text=f"<b>{stage}</b> {SYMBOLS[st_]}", showarrow=False,
                           font=dict(size=14, color="#263238"), bgcolor="rgba(255,255,255,0.85)", borderpad=3)
    fig.update_layout(barmode="overlay", height=70, margin=dict(l=0, r=0, t=0, b=0), bargap=0.15,
                      xaxis=dict(visible=False, range=[-0.03, len(status) + 0.03]), yaxis=dict(visible=False),
                      plot_bgcolor="rgba(0,0,0,0)", paper_bgcolor="rgba(0,0,0,0)")
    for i in range(1, len(status)):
        fig.add_vline(x=i, line_color="white", line_width=3)
    return fig


def render_strip(status: pd.DataFrame, *, alerts: bool = True) -> None:
    """Draw the strip (and the alerts): `status` is analysis.roadmap.stage_status(...)."""
    draw(strip_figure(status))
    st.caption("Этапы дорожной карты: " + LEGEND)
    if alerts:
        for text in status["alert"].dropna():
            st.warning(md_text(text), icon=":material/flag:")
