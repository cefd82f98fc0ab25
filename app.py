"""Entry point: `streamlit run app.py`. Navigation, sidebar, then the chosen page."""
from pathlib import Path

import streamlit as st

from ui import sidebar

st.set_page_config(page_title="Наставничество педагогов", page_icon=":material/diversity_3:", layout="wide")

# (file, title, icon) per section. A page whose file is not there yet is left out of the menu.
MENU = {
    "Программа": [
        ("pages/overview.py", "Обзор", ":material/dashboard:"),
        ("pages/roadmap.py", "Дорожная карта", ":material/timeline:"),
        ("pages/events.py", "Мероприятия и публикации", ":material/event_note:"),
    ],
    "Банки и пары": [
        ("pages/banks.py", "Банки", ":material/groups:"),
        ("pages/matching.py", "Подбор пар", ":material/handshake:"),
    ],
    "Итоги": [
        ("pages/quality.py", "Качество программы", ":material/insights:"),
        ("pages/practices.py", "Методическая копилка", ":material/lightbulb:"),
    ],
    "Служебное": [
        ("pages/data.py", "Данные", ":material/table_view:"),
    ],
}
HERE = Path(__file__).parent
nav = st.navigation({
    section: [st.Page(f, title=t, icon=i, default=(f == "pages/overview.py")) for f, t, i in items if (HERE / f).exists()]
    for section, items in MENU.items()
})
st.sidebar.title("Наставничество")
loaded = sidebar.render()
if loaded is None:
    st.stop()
nav.run()
