"""The year's analytic report (.docx) as one download button, on the monitoring page, the overview and quality."""
from __future__ import annotations

import streamlit as st

from analysis.schoolyear import year_finished

from analysis.writes import swot_board
from data_sources import SourceError

from . import state

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def previous_year(loaded: state.Loaded) -> state.Loaded | None:
    """Last academic year's data (for the retention of its mentees), or None (first year, or its source is down)."""
    years = sorted(set(state.years()) | {loaded.year})
    i = years.index(loaded.year)
    if i == 0:
        return None
    try:
        return state.current(years[i - 1])
    except SourceError:
        return None


def report_button(loaded: state.Loaded, *, key: str) -> None:
    """The download: the report is made when it is clicked (and once per read of the data, for every viewer)."""
    from documents.report import annual_report_docx          # python-docx and kaleido load only when needed

    config = loaded.config
    previous = previous_year(loaded)
    board = swot_board(loaded.snapshot.tabs.get(config.swot_tab))
    prev_program = previous.program if previous is not None else None

    def build() -> bytes:
        return loaded.derived("annual_report", lambda: annual_report_docx(
            loaded.program, config=config, today=config.today(), previous=prev_program, swot=board))

    st.download_button("Аналитическая справка (.docx)", data=build, icon=":material/description:", key=key,
                       file_name=f"аналитическая-справка-{loaded.year.replace('/', '-')}.docx", mime=DOCX,
                       on_click="ignore",
                       help=("Итоги года" if year_finished(loaded.program, config, config.today()) else
                             "Промежуточная справка на сегодня (год ещё идёт)")
                       + " для администрации и региона: дорожная карта, показатели, мониторинг "
                         "(этапы 1 и 2), SWOT, лучшие практики, выводы. Формируется по нажатию — несколько секунд.")
