"""Headline quality figures (overview and the public seminar: aggregates only)."""
from __future__ import annotations

import plotly.graph_objects as go

import pandas as pd
from typing import Mapping

from analysis.figures import Figures
from analysis.quality import QualityReport
from analysis.seminar import SeminarView

from .charts import TOP_LEGEND
from .format import pct, score
from .metrics import metric_row


def render_quality_headline(report: QualityReport, figures: Figures) -> None:
    """Four figures: after the final questionnaires — results and pairs at risk; before them (a year in
    progress) — expectations from the entry questionnaires and how many pairs are meeting so far."""
    s = report.summary
    if s["kind"] == "final":
        figures = [
            ("Оценка наставляемых", score(s["mentee_satisfaction"]),
             "Общая удовлетворённость, средняя оценка 1–10 в итоговой анкете"),
            ("Оценка наставников", score(s["mentor_satisfaction"]),
             "Общая удовлетворённость, средняя оценка 1–10 в итоговой анкете"),
            figures.metric("satisfied_mentee"), figures.metric("at_risk")]
    else:
        figures = [
            ("Ожидания наставляемых", score(s["mentee_satisfaction"]),
             "Какой общей удовлетворённости ждут: средняя оценка 1–10 во входной анкете"),
            ("Ожидания наставников", score(s["mentor_satisfaction"]),
             "Какой общей удовлетворённости ждут: средняя оценка 1–10 во входной анкете"),
            (f"Наставляемые ждут {figures.satisfied_label}", pct(s["mentee_satisfied_share"]),
             f"Доля наставляемых, ожидающих оценку {figures.satisfied_label}"),
            ("Встречаются по журналу", f"{s['active']} из {s['pairs']}" if s["pairs"] else "—",
             "Наставляемые, чьи встречи с наставником есть в журнале и без долгого перерыва (в группе считается "
             f"каждый участник). Новые пары без встреч: {s['new']}; затихли: {s['quiet']}; в зоне риска: {s['at_risk']}")]
    metric_row(figures)


def render_public_headline(view: SeminarView, k: int, satisfied_label: str) -> None:
    """The seminar's three figures: each only with at least k answers behind it (see analysis.seminar)."""
    final = view.kind == "final"
    hidden = f"Меньше {k} ответов — не показывается"

    def fig(label, key, fmt, help_):
        value = view.value(key)
        return (label, "—", hidden) if value is None else (label, fmt(value), help_)

    metric_row([
        fig("Оценка наставляемых" if final else "Ожидания наставляемых", "satisfaction:mentee", score,
            "Общая удовлетворённость, средняя оценка 1–10 в " + ("итоговой" if final else "входной") + " анкете"),
        fig("Оценка наставников" if final else "Ожидания наставников", "satisfaction:mentor", score,
            "Общая удовлетворённость, средняя оценка 1–10 в " + ("итоговой" if final else "входной") + " анкете"),
        fig(f"Наставляемые, оценившие программу на {satisfied_label}" if final else f"Наставляемые ждут {satisfied_label}",
            "satisfied:mentee", pct, f"Доля наставляемых с общей оценкой {satisfied_label}")])


def public_items(view: SeminarView) -> pd.DataFrame:
    """The shown item means as the items chart takes them (item, role, kind, mean)."""
    rows = [dict(zip(("item", "role", "kind"), key.split(":")[1:]), mean=f.value)
            for key, f in view.figures.items() if key.startswith("item:") and f.value is not None]
    return pd.DataFrame(rows, columns=["item", "role", "kind", "mean"])


def items_figure(items: pd.DataFrame, labels: Mapping[str, str]) -> go.Figure | None:
    """Mean score per item: entry vs final, mentee vs mentor (groups under the threshold left out)."""
    it = items.dropna(subset=["mean"])
    if it.empty:
        return None
    colors = {("mentee", "entry"): "#9ccfd8", ("mentee", "final"): "#1f6f8b",
              ("mentor", "entry"): "#ffcc80", ("mentor", "final"): "#ef6c00"}
    names = {("mentee", "entry"): "наставляемые, ожидание", ("mentee", "final"): "наставляемые, итог",
             ("mentor", "entry"): "наставники, ожидание", ("mentor", "final"): "наставники, итог"}
    # horizontal: the items' names read in full on a phone too (under each other, not side by side)
    fig = go.Figure()
    groups = it.groupby(["role", "kind"])
    for key, part in groups:
        fig.add_bar(y=[labels.get(i, i) for i in part["item"]], x=part["mean"].round(1), name=names[key], orientation="h",
                    marker_color=colors[key], hovertemplate="%{y}: %{x}<extra></extra>")
    rows = it["item"].nunique()
    fig.update_layout(barmode="group", height=110 + rows * (16 * len(groups) + 24),
                      xaxis=dict(range=[0, 10], title="средняя оценка (1–10)", dtick=1),
                      yaxis=dict(autorange="reversed", automargin=True), margin=dict(l=10, r=10, t=100, b=10),
                      legend=TOP_LEGEND)
    return fig
