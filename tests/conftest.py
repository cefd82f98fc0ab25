"""Shared fixtures: the app served on localhost for the browser tests."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# a school set up on this machine with «Настройка» (school/config.toml) is never what the tests read
os.environ["MENTORING_SCHOOL_DIR"] = os.environ.get("MENTORING_TEST_SCHOOL_DIR") or \
    str(Path(os.environ.get("TMPDIR", "/tmp")) / f"mentoring-tests-school-{os.getpid()}")
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_TIMEOUT = 120_000     # ms: how long a browser test waits for what it expects (a screenshot, a text)
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(env: dict | None = None, script: str = "app.py", extra: list[str] = (),
              cwd: Path = ROOT) -> tuple[subprocess.Popen, str]:
    """`streamlit run` on a free port (the server options of `cwd`/.streamlit/config.toml apply)."""
    port = free_port()
    log = open(ARTIFACTS / f"streamlit-{port}.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.fileWatcherType", "none", *extra],
        cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    for _ in range(1200):                                # up to two minutes on a loaded machine
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("streamlit did not start; see " + log.name)


@pytest.fixture(scope="session")
def app_url():
    ARTIFACTS.mkdir(exist_ok=True)
    proc, url = start_app()
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `bash test.sh`, which installs it")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ru-RU")
    ctx.set_default_timeout(BROWSER_TIMEOUT)            # a busy 2-core CI machine: wait for the thing, generously
    pg = ctx.new_page()
    yield pg
    ctx.close()
