"""Plotly figures shared by pages (Russian labels)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go


def demand_supply_chart(table: pd.DataFrame, *, height_per_row: int = 34) -> go.Figure:
    """Horizontal bars per topic: mentees asking vs mentor places."""
    t = table.sort_values("demand").reset_index(drop=True)
    fig = go.Figure([
        go.Bar(y=t["topic"], x=t["demand"], orientation="h", name="запросов наставляемых", marker_color="#1f6f8b"),
        go.Bar(y=t["topic"], x=t["places"], orientation="h", name="мест у наставников", marker_color="#9ccfd8"),
    ])
    fig.update_layout(barmode="group", height=120 + height_per_row * len(t), margin=dict(l=10, r=10, t=10, b=10),
                      legend=dict(orientation="h", y=-0.12), xaxis_title="человек", separators=", ")
    return fig
