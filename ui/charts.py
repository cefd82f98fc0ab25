"""Plotly figures shared by pages (Russian labels)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .format import plot_text

# at the top of the figure, in the room the top margin keeps for it: clear of the bars and the axis title
TOP_LEGEND = dict(orientation="h", x=0, xref="container", y=1, yref="container", yanchor="top", traceorder="normal")


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
                      legend=TOP_LEGEND, xaxis_title="человек", separators=", ", bargap=0.45,
                      yaxis=dict(showticklabels=False, autorange="reversed", automargin=False))
    return fig

