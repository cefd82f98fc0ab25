"""The roadmap strip (overview, public seminar) and plain-word alerts: seven cells, each with its number, status
and name written out — a projector and a phone have no hover. Plain HTML, not a chart: the overview then loads no
Plotly at all, and its figures appear a second sooner (README «Замеры»)."""
from __future__ import annotations

from functools import cache
from html import escape

import pandas as pd
import pyphen
import streamlit as st

from analysis.roadmap import STATUS_RU

from .format import md_text

COLORS = {"done": "#2e7d32", "in_progress": "#1f6f8b", "not_started": "#b0bec5", "overdue": "#c62828",
          "conflict": "#ef6c00"}
SYMBOLS = {"done": "✓", "in_progress": "◐", "not_started": "○", "overdue": "!", "conflict": "?"}

# seven in a row where they fit (the strip measures its own width: a container query), four, or two on a phone;
# long words («персонализированных») hyphenated the Russian way (soft hyphens: `hyphenated`); the hall gets larger type
STYLE = """<style>
.rs-wrap { container-type: inline-size; }
.roadmap-strip { display: grid; grid-template-columns: repeat(var(--rs-n), minmax(0, 1fr)); gap: .45rem;
  margin: 0 0 .25rem 0; }
.roadmap-strip .rs-cell { border: 1px solid #cfd8dc; border-radius: .4rem; padding: .4rem .45rem .45rem;
  background: #fff; color: #263238; line-height: 1.25; hyphens: manual; overflow-wrap: break-word; }
.roadmap-strip .rs-bar { height: .45rem; border-radius: .25rem; background: #eceff1; overflow: hidden;
  margin-bottom: .35rem; }
.roadmap-strip .rs-fill { height: 100%; }
.roadmap-strip .rs-head { font-size: .95rem; font-weight: 600; }
.roadmap-strip .rs-name { font-size: .85rem; margin-top: .15rem; }
.rs-hall .roadmap-strip .rs-head { font-size: 1.35rem; }
.rs-hall .roadmap-strip .rs-name { font-size: 1.15rem; }
.rs-hall .roadmap-strip .rs-bar { height: .7rem; }
@container (max-width: 50rem) { .roadmap-strip { grid-template-columns: repeat(4, minmax(0, 1fr)); } }
@container (max-width: 30rem) { .roadmap-strip { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
@container (max-width: 75rem) { .rs-hall .roadmap-strip { grid-template-columns: repeat(4, minmax(0, 1fr)); } }
@container (max-width: 40rem) { .rs-hall .roadmap-strip { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
</style>"""


@cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="ru_RU")


def hyphenated(text: str) -> str:
    """Soft hyphens in the long words by the Russian rules (pyphen's dictionary): a browser breaks
    «персонализи-рованных» at a syllable in a narrow cell, never «персонализированны / х»."""
    return " ".join(_dictionary().inserted(w, hyphen="\u00ad") if len(w) >= 10 else w for w in text.split(" "))


def strip_html(status: pd.DataFrame, *, hall: bool = False) -> str:
    """The strip as HTML: `status` is analysis.roadmap.stage_status(...) (stage, name, status, progress). Every
    text from the roadmap tab is escaped. Staff get the long status wording (what a conflict is about: it counts
    people, «4 наставляемых без утверждённой пары») as the cell's tooltip; the hall — a public page — never does,
    whatever `status` holds: only the status word."""
    cells = []
    for r in status.itertuples():
        word = STATUS_RU[r.status]
        detail = word if hall else getattr(r, "status_ru", word)
        tip = escape(f"Этап {r.stage}: {r.name} — {detail}")
        fill = max(0, min(100, round(float(r.progress) * 100))) if pd.notna(r.progress) else 0
        cells.append(
            f'<div class="rs-cell" role="listitem" title="{tip}">'
            f'<div class="rs-bar"><div class="rs-fill" style="width:{fill}%;background:{COLORS[r.status]}"></div></div>'
            f'<div class="rs-head" style="color:{COLORS[r.status] if r.status != "not_started" else "#455a64"}">'
            f'{escape(str(r.stage))}&nbsp;{SYMBOLS[r.status]} {escape(word)}</div>'
            f'<div class="rs-name">{escape(hyphenated(str(r.name)))}</div></div>')
    return (f'{STYLE}<div class="rs-wrap{" rs-hall" if hall else ""}" lang="ru" style="--rs-n:{max(1, len(cells))}">'
            f'<div class="roadmap-strip" role="list" aria-label="Этапы дорожной карты">{"".join(cells)}</div></div>')


def render_strip(status: pd.DataFrame) -> None:
    """Draw the strip and its alerts (staff pages)."""
    st.html(strip_html(status))
    for text in status["alert"].dropna():
        st.warning(md_text(text), icon=":material/flag:")
