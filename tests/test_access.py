"""Access: the staff password cannot be guessed quickly, OIDC needs a verified e-mail, a broken secrets file
is named, and staff pages opened without a login never leave this computer."""
from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

import pytest
import streamlit as st

from data_sources import demo_source, demo_years
from tests.apptest import run_app, school_config
from ui import access

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = {"access": {"staff_password": "s3cret-Пароль"}}


class Clock:
    t = 0.0

    def __call__(self):
        return self.t


def test_the_throttle_grows_after_a_few_failures_and_a_success_clears_it():
    clock = Clock()
    t = access.Throttle(free=3, cap=300, clock=clock)
    waits = []
    for _ in range(6):
        t.failed("s")
        waits.append(t.wait("s"))
    assert waits == [0, 0, 1, 2, 4, 8]                       # three free tries, then 1, 2, 4, 8 s
    clock.t += 8
    assert t.wait("s") == 0
    t.failed("s")
    assert t.wait("s") == 16
    t.succeeded("s")
    assert t.wait("s") == 0
    for _ in range(30):
        t.failed("a")
    assert t.wait("a") == 300                                # capped at five minutes


@pytest.fixture
def locked(tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORING_CONFIG", str(school_config(tmp_path, {y: demo_source(y).path for y in demo_years()})))
    monkeypatch.setattr(access, "THROTTLE", access.Throttle())
    monkeypatch.setattr(access, "ACCOUNT", access.Throttle(free=10, cap=60))
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def login(at, password):
    at.text_input[0].input(password)
    at.button[0].click().run()
    return " ".join(e.value for e in at.error)


def test_guessing_the_password_is_slowed_down_and_the_log_never_holds_it(locked, caplog):
    at = run_app(demo_years()[-1], secrets=PASSWORD)
    caplog.set_level(logging.WARNING, logger="mentoring.access")
    said = [login(at, f"guess-{i}") for i in range(4)]
    assert all("Неверный пароль" in s for s in said[:3])
    assert "Слишком много неверных попыток" in said[3]
    assert "Слишком много" in login(at, "s3cret-Пароль")       # even the right one waits out the pause
    assert not at.metric
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "failed attempt 3 from address:127.0.0.1" in logged and "guess" not in logged and "s3cret" not in logged
    other = run_app(demo_years()[-1], secrets=PASSWORD)         # a new tab (websocket session) is the same client
    assert "Слишком много" in login(other, "s3cret-Пароль")
    access.THROTTLE.succeeded("address:127.0.0.1")              # the pause over
    login(other, "s3cret-Пароль")
    assert any(m.label == "Наставляемых в банке" for m in other.metric)


def guesses(client_of, tries: int = 300, rate: float = 14.8) -> tuple[int, int]:
    """A guesser sending `tries` wrong passwords at `rate` per second, each from a new connection, the client
    address of the i-th being `client_of(i)`; (passwords checked, seconds it took). Time is simulated."""
    clock = Clock()
    throttle, account = access.Throttle(clock=clock), access.Throttle(free=10, cap=60, clock=clock)
    checked = 0
    for i in range(tries):
        clock.t += 1 / rate
        with_throttles(throttle, account)
        ok, _ = access.try_password(f"guess-{i}", "s3cret-Пароль", f"address:{client_of(i)}")
        checked += ok is not None
    return checked, clock.t


def with_throttles(throttle, account):
    access.THROTTLE, access.ACCOUNT = throttle, account


@pytest.fixture
def own_throttles():
    saved = access.THROTTLE, access.ACCOUNT
    yield
    access.THROTTLE, access.ACCOUNT = saved


def test_300_rotating_guesses_from_this_computer_get_a_handful_of_checks(own_throttles):
    client = access.client_address(None, {}, ())               # every connection from 127.0.0.1, no proxy
    checked, seconds = guesses(lambda i: client)
    assert client == "127.0.0.1" and checked <= 10, checked
    print(f"300 guesses from 127.0.0.1 over {seconds:.0f} s: {checked} passwords checked")


def test_300_guesses_through_a_proxy_rotating_forwarded_addresses_hit_the_account_ceiling(own_throttles):
    trusted = ("127.0.0.1",)                                   # nginx on this computer, configured as trusted
    clients = [access.client_address(None, {"X-Forwarded-For": f"198.51.{i // 250}.{i % 250}"}, trusted)
               for i in range(300)]
    assert len(set(clients)) == 300                             # a new address every guess (a botnet, or forged)
    checked, seconds = guesses(lambda i: clients[i])
    assert checked <= 15, checked
    print(f"300 guesses from 300 addresses over {seconds:.0f} s: {checked} passwords checked")


def test_a_forwarded_address_is_believed_only_from_a_trusted_proxy():
    forged = {"X-Forwarded-For": "192.0.2.1"}
    assert access.client_address("198.51.100.9", forged, ()) == "198.51.100.9"           # no proxy configured
    assert access.client_address("198.51.100.9", forged, ("127.0.0.1",)) == "198.51.100.9"  # not from the proxy
    assert access.client_address(None, forged, ("127.0.0.1",)) == "192.0.2.1"            # through the local proxy
    assert access.client_address(None, {"X-Real-IP": "192.0.2.5"}, ("::1",)) == "192.0.2.5"
    chain = {"X-Forwarded-For": "192.0.2.1, 203.0.113.7, 127.0.0.1"}       # forged first hop, real client, proxy
    assert access.client_address(None, chain, ("127.0.0.1",)) == "203.0.113.7"


def test_a_colleague_from_another_address_logs_in_while_a_guesser_waits(own_throttles):
    clock = Clock()
    with_throttles(access.Throttle(clock=clock), access.Throttle(free=10, cap=60, clock=clock))
    for i in range(5):
        access.try_password(f"guess-{i}", "s3cret-Пароль", "address:192.0.2.66")
    assert access.try_password("s3cret-Пароль", "s3cret-Пароль", "address:192.0.2.66")[0] is None   # the guesser waits
    assert access.try_password("s3cret-Пароль", "s3cret-Пароль", "address:198.51.100.4") == (True, 0.0)


def test_a_guesser_from_one_network_address_waits_in_every_tab():
    clock = Clock()
    t = access.Throttle(clock=clock)
    for session in ("tab-1", "tab-2", "tab-3"):               # a new tab for every guess
        t.failed(f"session:{session}", "address:192.0.2.7")
    assert t.wait("session:tab-4", "address:192.0.2.7") > 0 and t.wait("session:tab-4", "address:198.51.100.1") == 0


def test_the_right_password_first_time_opens_the_pages(locked):
    at = run_app(demo_years()[-1], secrets=PASSWORD)
    login(at, "s3cret-Пароль")
    assert any(m.label == "Наставляемых в банке" for m in at.metric)


OIDC = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "cookie-s3cret",
                 "client_id": "id.apps.googleusercontent.com", "client_secret": "client-s3cret",
                 "server_metadata_url": "https://accounts.google.com/.well-known/openid-configuration"},
        "access": {"staff_emails": ["zavuch@integral-lyceum.ru"]}}


@pytest.mark.parametrize("verified, sees_data", [(True, True), ("true", True), (False, False), ("false", False),
                                                 (None, True)])
def test_oidc_needs_a_verified_email_when_the_provider_says(locked, verified, sees_data):
    user = {"is_logged_in": True, "email": "zavuch@integral-lyceum.ru"}
    if verified is not None:
        user["email_verified"] = verified
    at = run_app(demo_years()[-1], secrets=OIDC, user=user)
    assert bool(at.metric) == sees_data
    if not sees_data:
        assert "не подтвердил адрес" in " ".join(e.value for e in at.error)


def test_a_broken_secrets_file_is_named_with_its_line_and_keeps_staff_pages_closed(locked, tmp_path):
    broken = tmp_path / "secrets.toml"
    broken.write_text('[access]\nstaff_password = "s3cret\n', encoding="utf-8")
    old = st.config.get_option("secrets.files")
    st.config.set_option("secrets.files", [str(broken)])
    try:
        at = run_app(demo_years()[-1])
    finally:
        st.config.set_option("secrets.files", old)
    text = " ".join(e.value for e in at.error)
    assert "не читается" in text and "строка 2" in text and "s3cret" not in text
    assert not at.metric


@pytest.mark.parametrize("address, local", [(None, True), ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True),
                                            ("192.0.2.10", False), ("2001:db8::1", False)])
def test_open_without_login_serves_staff_pages_to_this_computer_only(address, local):
    assert access.loopback(address) is local


def listen(tmp_path, args, *, open_run=True, secrets=None):
    cfg = school_config(tmp_path, {y: demo_source(y).path for y in demo_years()}, open_run=open_run)
    env = {**os.environ, "MENTORING_CONFIG": str(cfg), "HOME": str(tmp_path)}
    if secrets:
        (tmp_path / ".streamlit").mkdir(exist_ok=True)
        (tmp_path / ".streamlit" / "secrets.toml").write_text(secrets, encoding="utf-8")
    return subprocess.run([str(ROOT / ".venv/bin/python"), str(ROOT / "scripts/listen_address.py"), *args],
                          capture_output=True, text=True, env=env, cwd=ROOT)


def test_run_sh_listens_on_loopback_when_staff_pages_are_open_without_login(tmp_path):
    assert listen(tmp_path, []).stdout.split() == ["--server.address", "127.0.0.1"]
    refused = listen(tmp_path, ["--server.address", "0.0.0.0"])
    assert refused.returncode == 1 and "только 127.0.0.1" in refused.stderr
    assert listen(tmp_path, ["--server.address=127.0.0.1"]).returncode == 0
    assert listen(tmp_path, ["--server.address", "0.0.0.0"], secrets='[access]\nstaff_password = "x"\n').returncode == 0
    assert listen(tmp_path, ["--server.address", "0.0.0.0"], open_run=False).returncode == 0
    twice = listen(tmp_path, ["--server.address", "127.0.0.1", "--server.address=0.0.0.0"])   # Streamlit takes the last
    assert twice.returncode == 1 and "указан 2 раза" in twice.stderr


@pytest.mark.browser
def test_run_sh_really_binds_loopback_in_open_mode(tmp_path):
    """`bash run.sh` as a school would start it with open_without_login: the socket is 127.0.0.1 only."""
    from tests.conftest import free_port

    cfg = school_config(tmp_path, {y: demo_source(y).path for y in demo_years()}, open_run=True)
    port = free_port()
    proc = subprocess.Popen(["bash", str(ROOT / "run.sh"), "--server.port", str(port), "--server.headless", "true"],
                            env={**os.environ, "MENTORING_CONFIG": str(cfg)}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(600):
            bound = _listening(port)
            if bound:
                break
            assert proc.poll() is None, proc.stdout.read()
            import time
            time.sleep(0.1)
        assert bound == {"127.0.0.1"}, bound
    finally:
        proc.terminate()
        proc.wait(20)


def _listening(port: int) -> set[str]:
    """Local addresses listening on `port`, from /proc/net/tcp and tcp6."""
    found = set()
    for name in ("tcp", "tcp6"):
        try:
            lines = Path(f"/proc/net/{name}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, p = local.split(":")
            if state == "0A" and int(p, 16) == port:
                if name == "tcp":
                    found.add(".".join(str(int(addr[i:i + 2], 16)) for i in (6, 4, 2, 0)))
                else:
                    found.add("::" if set(addr) == {"0"} else addr)
    return {"0.0.0.0" if a == "0.0.0.0" else a for a in found}


def test_only_staff_at_this_computer_or_logged_in_may_name_a_years_data_on_the_server(monkeypatch):
    """«Учебный год на сервере» changes what every viewer sees: on a public demo, anyone is «staff» (fictional
    people), so there only someone at the server's own computer may use it; after a login, staff anywhere."""
    from types import SimpleNamespace

    from ui import access

    monkeypatch.setattr(access, "is_staff", lambda: True)
    for mode, address, may in [("demo", "203.0.113.5", False), ("demo", None, True), ("open", "10.0.0.7", False),
                               ("open", "127.0.0.1", True), ("password", "203.0.113.5", True),
                               ("oidc", "203.0.113.5", True)]:
        monkeypatch.setattr(access, "mode", lambda m=mode: m)
        monkeypatch.setattr(access.st, "context", SimpleNamespace(ip_address=address))
        assert access.may_set_up_server() is may, (mode, address)
    monkeypatch.setattr(access, "is_staff", lambda: False)
    assert access.may_set_up_server() is False
