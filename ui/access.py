"""Who may see staff pages: OIDC login with an allow-list, or a staff password, from secrets.

Secure by default: with a real data source and no login configured, staff pages
stay closed (unless config says [access] open_without_login = true). The bundled
demo is open. Secrets are compared in constant time and never shown or logged.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import threading
import time

import streamlit as st

from analysis import load_config

from . import secrets, state


def _secrets_section(name: str) -> dict:
    try:
        return secrets.section(name)
    except secrets.SecretsUnreadable:
        return {}


def mode() -> str:
    """'oidc', 'password', 'demo' (the bundled demo only: open), 'open' (open_without_login: this computer
    only), 'closed', or 'broken' (secrets.toml unreadable)."""
    if secrets.broken():
        return "broken"
    if _secrets_section("auth"):
        return "oidc"
    if _secrets_section("access").get("staff_password"):
        return "password"
    if all(state.kind_of(y) == "demo" for y in state.years()):
        return "demo"
    if load_config().access.open_without_login:
        return "open"
    return "closed"


def loopback(address: str | None) -> bool:
    """A browser on this very computer (Streamlit gives no address for 127.0.0.1 and ::1)."""
    return address is None or address.startswith("127.") or address in ("::1", "localhost")


def _allowed_emails() -> set[str]:
    return {e.strip().lower() for e in _secrets_section("access").get("staff_emails", [])}


class Throttle:
    """Failed password attempts per key (a client address, the account): after `free` failures each further
    attempt waits twice as long as the one before (1 s, 2 s, 4 s, … up to `cap`). A success clears the key; a
    key with no failure for `forget_after` seconds starts again."""

    def __init__(self, free: int = 3, cap: float = 300, clock=time.monotonic, forget_after: float = 3600):
        self.free, self.cap, self.clock, self.forget_after = free, cap, clock, forget_after
        self._failures: dict[str, tuple[int, float]] = {}      # key -> (failures, when the next try is allowed)
        self._lock = threading.Lock()

    def wait(self, *keys: str) -> float:
        """Seconds until an attempt is accepted for all `keys` (0: now)."""
        now = self.clock()
        with self._lock:
            return max([0.0] + [self._failures.get(k, (0, 0.0))[1] - now for k in keys])

    def failed(self, *keys: str) -> int:
        now = self.clock()
        with self._lock:
            worst = 0
            for k in keys:
                n, until = self._failures.get(k, (0, 0.0))
                n = 1 if now - until > self.forget_after else n + 1
                delay = min(self.cap, 2.0 ** (n - self.free)) if n >= self.free else 0.0
                self._failures[k] = (n, now + delay)
                worst = max(worst, n)
            return worst

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._failures.pop(k, None)


# Per client: three free tries, then 1 s, 2 s … 5 min. For the account as a whole (guesses from many addresses,
# e.g. rotating through a proxy): ten free, then 1 s … 1 min — a ceiling for the guesser that delays a
# colleague by at most a minute and never locks anyone out (no CAPTCHA, no lock).
THROTTLE = Throttle()
ACCOUNT = Throttle(free=10, cap=60)
log = logging.getLogger("mentoring.access")


def client_address(peer: str | None, headers, trusted: tuple[str, ...]) -> str:
    """The browser's address: the connection's (None — this computer: "127.0.0.1"), or, when the connection
    comes from a trusted reverse proxy ([access] trusted_proxies), the nearest untrusted address of its
    X-Forwarded-For (else X-Real-IP). A header from an untrusted peer is never believed."""
    address = peer if isinstance(peer, str) and peer else "127.0.0.1"
    if not _trusted(address, trusted):
        return address
    forwarded = [a.strip() for h in (headers.get_all("X-Forwarded-For") if hasattr(headers, "get_all")
                                     else [headers.get("X-Forwarded-For") or ""]) for a in h.split(",") if a.strip()]
    for hop in reversed(forwarded):
        if not _trusted(hop, trusted):
            return hop
    real = (headers.get("X-Real-IP") or "").strip()
    return real or (forwarded[0] if forwarded else address)


def _trusted(address: str, trusted: tuple[str, ...]) -> bool:
    return address in trusted or (loopback(address) and any(loopback(t) for t in trusted))


def _client_key() -> str:
    try:
        peer, headers = st.context.ip_address, st.context.headers
    except Exception:
        peer, headers = None, {}
    return f"address:{client_address(peer, headers, load_config().access.trusted_proxies)}"


def try_password(entered: str, secret: str, client: str) -> tuple[bool | None, float]:
    """(True, 0) — right; (False, 0) — wrong, counted for the client and the account; (None, wait) — not checked:
    the client or the account must wait `wait` seconds first."""
    wait = max(THROTTLE.wait(client), ACCOUNT.wait("staff"))
    if wait > 0:
        return None, wait
    if _same(entered, secret):
        THROTTLE.succeeded(client)
        return True, 0.0
    n = THROTTLE.failed(client)
    total = ACCOUNT.failed("staff")
    log.warning("staff password: failed attempt %d from %s (%d for the account)", n, client, total)  # never the password
    return False, 0.0


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(hashlib.sha256(a.encode()).digest(), hashlib.sha256(b.encode()).digest())


def is_staff() -> bool:
    m = mode()
    if m == "demo":
        return True                    # fictional people only
    if m == "open":                    # real data without a login: this computer only, whatever the bind address
        try:
            address = st.context.ip_address
        except Exception:
            return False
        return loopback(address if isinstance(address, str) else None)
    if m == "oidc":
        user = st.user
        return bool(user.is_logged_in) and _verified(user) and str(user.get("email", "")).lower() in _allowed_emails()
    if m == "password":
        return bool(st.session_state.get("_staff"))
    return False


def may_set_up_server() -> bool:
    """Who may name a year's data on the server from «Настройка»: staff who logged in, or — where the pages open
    without a login (the demo, open_without_login) — only someone at this computer itself."""
    if not is_staff():
        return False
    if mode() in ("oidc", "password"):
        return True
    try:
        address = st.context.ip_address
    except Exception:
        return False
    return loopback(address if isinstance(address, str) else None)


def _verified(user) -> bool:
    """The provider vouches for the e-mail: `email_verified`, when it is sent, must be true."""
    flag = user.get("email_verified", True)
    return flag is True or str(flag).lower() == "true"


def login_page() -> None:
    """The page a visitor who is not staff sees instead of any staff page."""
    st.title("Вход для сотрудников")
    st.caption("Страницы координаторов и администрации содержат персональные данные педагогов.")
    m = mode()
    if m == "broken":
        st.error(secrets.broken())
    elif m == "oidc":
        if st.user.is_logged_in and not _verified(st.user):
            st.error("Поставщик входа не подтвердил адрес e-mail этого аккаунта. Подтвердите адрес у поставщика "
                     "(или войдите аккаунтом школы) и повторите.")
            st.button("Выйти", on_click=st.logout)
        elif st.user.is_logged_in:
            st.error("Этот аккаунт не входит в список сотрудников программы. Попросите администратора "
                     "добавить ваш e-mail в [access] staff_emails в .streamlit/secrets.toml.")
            st.button("Выйти", on_click=st.logout)
        else:
            st.button("Войти через аккаунт школы", type="primary", on_click=st.login)
    elif m == "password":
        with st.form("login"):
            entered = st.text_input("Пароль сотрудников", type="password")
            if st.form_submit_button("Войти", type="primary"):
                ok, wait = try_password(entered, str(_secrets_section("access")["staff_password"]), _client_key())
                if ok is None:
                    st.error(f"Слишком много неверных попыток. Попробуйте снова через {int(wait) + 1} с.")
                elif ok:
                    st.session_state["_staff"] = True
                    st.rerun()
                else:
                    st.error("Неверный пароль. После нескольких ошибок каждая следующая попытка возможна только "
                             "через растущую паузу.")
    elif m == "open":
        st.warning("Страницы сотрудников открыты без входа (open_without_login = true) — но только в браузере на том "
                   "компьютере, где запущен дашборд. С другого компьютера нужен вход: настройте пароль сотрудников "
                   "или вход через аккаунты школы (README, «Вход для сотрудников»).")
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
