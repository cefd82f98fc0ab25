"""A row of headline figures that reads on a phone: side by side on a wide screen, two to a row on a
narrow one (Streamlit's columns would stack them one under another, a screen's height for four)."""
from __future__ import annotations

from typing import Iterable

import streamlit as st

Figure = tuple[str, object] | tuple[str, object, str | None]


def metric_row(figures: Iterable[Figure]) -> None:
    """(label, value[, help]) each, in a wrapping row."""
    with st.container(horizontal=True, gap="medium"):
        for label, value, *help_ in figures:
            st.metric(label, value, help=help_[0] if help_ else None, width="stretch")
