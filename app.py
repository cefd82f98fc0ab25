"""Entry point: `streamlit run app.py`. Access, navigation, sidebar, then the chosen page.

Staff (logged in, or anyone on the open demo) get every page; everybody else gets the
login page and the public seminar view only — a staff page's URL shows the login."""
from pathlib import Path

import streamlit as st

from ui import access, sidebar

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
seminar = [st.Page("pages/seminar.py", title="Семинар (публично)", icon=":material/co_present:", url_path="seminar")] \
    if (HERE / "pages/seminar.py").exists() else []

if not access.is_staff():
    login = st.Page(access.login_page, title="Вход", icon=":material/login:", url_path="login", default=True)
    st.navigation([login, *seminar], position="hidden").run()
    st.stop()

menu = {section: [st.Page(f, title=t, icon=i, default=(f == "pages/overview.py"))
                  for f, t, i in items if (HERE / f).exists()] for section, items in MENU.items()}
if seminar:
    menu["Служебное"].append(seminar[0])
nav = st.navigation(menu)
if seminar and nav.url_path == "seminar":
    nav.run()          # the public view draws its own minimal layout and reads its own short-TTL data
    st.stop()
st.sidebar.title("Наставничество")
loaded = sidebar.render()
access.logout_button()
if loaded is None:
    st.stop()
nav.run()
