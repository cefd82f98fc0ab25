"""Helpers for driving the app in Chromium."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import ARTIFACTS, BROWSER_TIMEOUT


def open_page(page, url: str, *, wait_text: str, timeout: float = BROWSER_TIMEOUT):
    """Open a URL and wait until the script has finished and `wait_text` is on screen."""
    page.goto(url)
    page.get_by_text(wait_text, exact=False).first.wait_for(timeout=timeout)
    wait_idle(page, timeout)
    wait_charts(page, timeout)


def wait_charts(page, timeout: float = BROWSER_TIMEOUT):
    """Until every visible Plotly chart has drawn (they draw after the script has finished)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
        ".filter(c => c.offsetParent !== null).every(c => c.querySelector('.main-svg'))", timeout=timeout)


def wait_idle(page, timeout: float = BROWSER_TIMEOUT):
    """Until the script run has finished (Streamlit marks the app div) and the page has settled."""
    page.wait_for_timeout(300)
    for _ in range(20):        # a run that ends in st.rerun() or a fragment passes through «notRunning» for a moment
        page.wait_for_function(
            "() => { const a = document.querySelector('[data-test-script-state]');"
            " return a && a.getAttribute('data-test-script-state') === 'notRunning'; }", timeout=timeout)
        page.wait_for_timeout(500)
        if page.evaluate("() => document.querySelector('[data-test-script-state]')"
                         ".getAttribute('data-test-script-state') === 'notRunning'"
                         " && !document.querySelector('[data-stale=\"true\"]')"):
            return


def shot(page, name: str) -> Path:
    out = ARTIFACTS / "screens" / f"{name}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), full_page=True, timeout=BROWSER_TIMEOUT)
    return out


def exceptions(page) -> list[str]:
    return page.locator('[data-testid="stException"]').all_inner_texts()
