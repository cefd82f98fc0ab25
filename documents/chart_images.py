"""Plotly figures as PNG for the справка — in a child process with a deadline, so the server never waits on a browser.

kaleido drives the system's Chromium. A browser that is missing, broken or never answers must not hold a download
(or a lock, or a server thread) for longer than `DEADLINE` seconds: the browser is looked for once per process
(`browser()`: the path, and `--version` answered within `PROBE_SECONDS`), the figures are drawn by
`python -m documents.chart_images` in its own process group, killed with its browser when the deadline passes,
and after a failure no report tries again for `RETRY_AFTER` seconds — the справка keeps its tables and says why.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

DEADLINE = 60.0          # s: every chart of one справка, browser start included
PROBE_SECONDS = 10.0     # s: the browser answers `--version`
RETRY_AFTER = 600.0      # s: after a failure, reports are made with tables without trying
ROOT = Path(__file__).resolve().parent.parent
NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")

_lock = threading.Lock()
_found: dict[str, str | None] = {}          # "path" -> the browser, once per process
_failed: dict[str, tuple[float, str]] = {}  # "why" -> (when, the reason said in the справка)


def browser() -> str | None:
    """The browser kaleido would use (BROWSER_PATH, else Chromium on PATH) if it answers `--version` in time."""
    with _lock:
        if "path" in _found:
            return _found["path"]
    path = os.environ.get("BROWSER_PATH") or next((p for n in NAMES if (p := shutil.which(n))), None)
    if path and not (os.path.isfile(path) and os.access(path, os.X_OK)):
        path = None
    if path:
        try:
            subprocess.run([path, "--version"], capture_output=True, timeout=PROBE_SECONDS, check=True,
                           stdin=subprocess.DEVNULL, start_new_session=True)
        except (OSError, subprocess.SubprocessError):
            path = None
    with _lock:
        _found["path"] = path
    return path


def forget() -> None:
    """Look for the browser again and forget past failures (tests; after installing Chromium)."""
    with _lock:
        _found.clear()
        _failed.clear()


def figure_images(figures: list) -> tuple[list[bytes | None], str | None]:
    """PNG of each Plotly figure (None for a missing one), and why there are none when they could not be drawn."""
    none = [None] * len(figures)
    if not any(f is not None for f in figures):
        return none, None
    with _lock:
        failed = _failed.get("why")
    if failed and time.monotonic() - failed[0] < RETRY_AFTER:
        return none, failed[1]
    path = browser()
    if path is None:
        return none, "браузер Chromium не найден на сервере — диаграммы заменены таблицами"
    try:
        pngs = _draw([None if f is None else f.to_json() for f in figures], path)
    except _Failed as err:
        with _lock:
            _failed["why"] = (time.monotonic(), str(err))
        return none, str(err)
    return pngs, None


class _Failed(Exception):
    pass


def _draw(specs: list[str | None], path: str) -> list[bytes | None]:
    env = {**os.environ, "BROWSER_PATH": path}
    proc = subprocess.Popen([sys.executable, "-m", "documents.chart_images"], cwd=ROOT, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        out, _ = proc.communicate(json.dumps(specs), timeout=DEADLINE)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise _Failed(f"браузер не ответил за {DEADLINE:g} с — диаграммы заменены таблицами") from None
    if proc.returncode != 0:
        raise _Failed("диаграммы не построены (браузер завершился с ошибкой) — данные в таблицах")
    try:
        return [None if p is None else base64.b64decode(p) for p in json.loads(out)]
    except ValueError:
        raise _Failed("диаграммы не построены (непонятный ответ) — данные в таблицах") from None


def _kill(proc: subprocess.Popen) -> None:
    """The child and every process it started: the browser runs in a session of its own (choreographer starts it
    so), hence found by parentage in /proc, not by process group."""
    for pid in [*_descendants(proc.pid), proc.pid]:
        try:
            os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
        except (ProcessLookupError, PermissionError):
            pass
    proc.wait()


def _descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):            # Linux; elsewhere the child alone is killed
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    out, todo = [], [pid]
    while todo:
        this = todo.pop()
        kids = [p for p, parent in parents.items() if parent == this]
        out += kids
        todo += kids
    return out


def main() -> None:
    """Child: figures as JSON (a list, null for none) on stdin; their PNGs, base64, on stdout."""
    import warnings

    import kaleido
    import plotly.io as pio

    specs = json.loads(sys.stdin.read())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kaleido.start_sync_server(silence_warnings=True)
        try:
            out = []
            for spec in specs:
                if spec is None:
                    out.append(None)
                    continue
                fig = pio.from_json(spec)
                png = fig.to_image(format="png", width=900, height=int(fig.layout.height or 420), scale=2)
                out.append(base64.b64encode(png).decode())
        finally:
            kaleido.stop_sync_server(silence_warnings=True)
    sys.stdout.write(json.dumps(out))


if __name__ == "__main__":
    main()
