"""Who may see staff pages: OIDC login with an allow-list, or a staff password, from secrets.

Secure by default: with a real data source and no login configured, staff pages
stay closed (unless config says [access] open_without_login = true). The bundled
demo is open. Secrets are compared in constant time and never shown or logged.
"""
from __future__ import annotations

import hashlib
import hmac

import streamlit as st

from analysis import load_config

from . import state


def _secrets_section(name: str) -> dict:
    try:
        return dict(st.secrets[name]) if name in st.secrets else {}
    except Exception:  # no secrets.toml at all
        return {}


def mode() -> str:
    """'oidc', 'password', 'open' (demo or explicitly allowed) or 'closed'."""
    if _secrets_section("auth"):
        return "oidc"
    if _secrets_section("access").get("staff_password"):
        return "password"
    if all(state.kind_of(y) == "demo" for y in state.years()):
        return "open"
    if load_config().section("access").get("open_without_login"):
        return "open"
    return "closed"


def _allowed_emails() -> set[str]:
    return {e.strip().lower() for e in _secrets_section("access").get("staff_emails", [])}


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(hashlib.sha256(a.encode()).digest(), hashlib.sha256(b.encode()).digest())


def is_staff() -> bool:
    m = mode()
    if m == "open":
        return True
    if m == "oidc":
        user = st.user
        return bool(user.is_logged_in) and str(user.get("email", "")).lower() in _allowed_emails()
    if m == "password":
        return bool(st.session_state.get("_staff"))
    return False


def login_page() -> None:
    """The page a visitor who is not staff sees instead of any staff page."""
    st.title("Вход для сотрудников")
    st.caption("Страницы координаторов и администрации содержат персональные данные педагогов.")
    m = mode()
    if m == "oidc":
        if st.user.is_logged_in:
            st.error("Этот аккаунт не входит в список сотрудников программы. Попросите администратора "
                     "добавить ваш e-mail в [access] staff_emails в .streamlit/secrets.toml.")
            st.button("Выйти", on_click=st.logout)
        else:
            st.button("Войти через аккаунт школы", type="primary", on_click=st.login)
    elif m == "password":
        with st.form("login"):
            entered = st.text_input("Пароль сотрудников", type="password")
            if st.form_submit_button("Войти", type="primary"):
                if _same(entered, str(_secrets_section("access")["staff_password"])):
                    st.session_state["_staff"] = True
                    st.rerun()
                st.error("Неверный пароль.")
    else:
        st.warning("Вход для сотрудников не настроен, поэтому страницы с персональными данными закрыты.")
        st.markdown(
            "Чтобы открыть их, настройте в `.streamlit/secrets.toml` одно из двух:\n\n"
            "1. **Вход через Google** (рекомендуется): раздел `[auth]` (`redirect_uri`, `cookie_secret`, "
            "`client_id`, `client_secret`, `server_metadata_url`) и список `staff_emails` в разделе `[access]`;\n"
            "2. **Пароль сотрудников**: `staff_password = \"…\"` в разделе `[access]`.\n\n"
            "Только на своём компьютере можно разрешить работу без входа: `open_without_login = true` "
            "в разделе `[access]` файла `config.toml`. Подробности — в README.")
    st.page_link("views/seminar.py", label="Открыть публичную страницу семинара", icon=":material/co_present:")


def logout_button() -> None:
    m = mode()
    if m == "oidc" and st.user.is_logged_in:
        st.sidebar.button("Выйти", on_click=st.logout, icon=":material/logout:")
    elif m == "password" and st.session_state.get("_staff"):
        st.sidebar.button("Выйти", on_click=lambda: st.session_state.pop("_staff", None), icon=":material/logout:")
