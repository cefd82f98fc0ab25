"""Entry point: `streamlit run app.py`. Access, navigation, sidebar, then the chosen page.

Staff (logged in, or anyone on the open demo) get every page; everybody else gets the
login page and the public seminar view only — a staff page's URL shows the login."""
import streamlit as st

from ui import access, pages, russian, sidebar

st.set_page_config(page_title="Наставничество педагогов", page_icon=":material/diversity_3:", layout="wide")
russian.install()          # the framework's own English (placeholders, upload box, dialogs) in Russian

# the sidebar's year is a widget: Streamlit forgets a widget's value on a run that does not draw it (the
# seminar page draws no sidebar) — kept here, so coming back from the seminar keeps the chosen year
if "year" in st.session_state:
    st.session_state["year"] = st.session_state["year"]

seminar = st.Page(pages.SEMINAR[0], title=pages.SEMINAR[1], icon=pages.SEMINAR[2], url_path=pages.SEMINAR[3])

if not access.is_staff():
    login = st.Page(access.login_page, title="Вход", icon=":material/login:", url_path="login", default=True)
    # a staff page's own link shows the login (in Russian, not «Page not found»), and after the login the
    # same link opens that page
    behind_login = [st.Page(lambda: access.login_page(), title=title, url_path=pages.url_path(file), visibility="hidden")
                    for items in pages.MENU.values() for file, title, _ in items]
    st.navigation([login, seminar, *behind_login], position="hidden").run()
    st.stop()

menu = {section: [st.Page(f, title=t, icon=i, default=(f == pages.DEFAULT)) for f, t, i in items]
        for section, items in pages.MENU.items()}
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
