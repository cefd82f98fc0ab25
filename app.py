"""Entry point: `streamlit run app.py`. Navigation, sidebar, then the chosen page."""
import streamlit as st

from ui import sidebar

st.set_page_config(page_title="Наставничество педагогов", page_icon=":material/diversity_3:", layout="wide")

PAGES = {
    "Программа": [
        st.Page("pages/overview.py", title="Обзор", icon=":material/dashboard:", default=True),
    ],
    "Служебное": [
        st.Page("pages/data.py", title="Данные", icon=":material/table_view:"),
    ],
}

nav = st.navigation(PAGES)
st.sidebar.title("Наставничество")
loaded = sidebar.render()
if loaded is None:
    st.stop()
nav.run()
