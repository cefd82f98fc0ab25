"""What a save tells the coordinator: done or not, and every row it skipped with the reason."""
from __future__ import annotations

import streamlit as st

from analysis.writes import Edit

from .format import md_text


def saved(ok: bool, message: str, edit: Edit | None) -> None:
    (st.success if ok else st.error)(md_text(message), icon=":material/task_alt:" if ok else ":material/error:")
    if edit is not None and edit.skipped:
        st.warning("\n".join(f"- {md_text(s)}" for s in edit.skipped), icon=":material/block:")
    if edit is not None and edit.conflicts:
        st.warning("**Изменено коллегой, пока страница была открыта — ваше изменение не записано:**\n"
                   + "\n".join(f"- {md_text(s)}" for s in edit.conflicts), icon=":material/group:")
