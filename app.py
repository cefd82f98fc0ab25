"""Entry point: `streamlit run app.py`. Access, navigation, sidebar, then the chosen page.

Staff (logged in, or anyone on the open demo) get every page; everybody else gets the
login page and the public seminar view only — a staff page's URL shows the login."""
import streamlit as st

from ui import access, sidebar

st.set_page_config(page_title="Наставничество педагогов", page_icon=":material/diversity_3:", layout="wide")

# (file, title, icon) per section.
MENU = {
    "Программа": [
        ("views/overview.py", "Обзор", ":material/dashboard:"),
        ("views/roadmap.py", "Дорожная карта", ":material/timeline:"),
        ("views/events.py", "Мероприятия и публикации", ":material/event_note:"),
    ],
    "Банки и пары": [
        ("views/banks.py", "Банки", ":material/groups:"),
        ("views/matching.py", "Подбор пар", ":material/handshake:"),
    ],
    "Итоги": [
        ("views/quality.py", "Качество программы", ":material/insights:"),
        ("views/practices.py", "Методическая копилка", ":material/lightbulb:"),
    ],
    "Служебное": [
        ("views/data.py", "Данные", ":material/table_view:"),
    ],
}
seminar = st.Page("views/seminar.py", title="Семинар (публично)", icon=":material/co_present:", url_path="seminar")

if not access.is_staff():
    login = st.Page(access.login_page, title="Вход", icon=":material/login:", url_path="login", default=True)
    st.navigation([login, seminar], position="hidden").run()
    st.stop()

menu = {section: [st.Page(f, title=t, icon=i, default=(f == "views/overview.py"))
                  for f, t, i in items] for section, items in MENU.items()}
menu["Служебное"].append(seminar)
nav = st.navigation(menu)
if nav.url_path == "seminar":
    nav.run()          # the public view draws its own minimal layout and reads its own short-TTL data
    st.stop()
st.sidebar.title("Наставничество")
loaded = sidebar.render()
access.logout_button()
if loaded is None:
    st.stop()
nav.run()
