"""From `bash run.sh` to the first figure on screen, as a user sees it: the command is started, Chromium opens the
address until the overview's first metric is drawn. `warm`: a second start (packages installed, stamp present);
`cold`: the same, with the system's file cache emptied first — as after switching the computer on (needs root:
/proc/sys/vm/drop_caches; skipped, and said, otherwise); `changed`: requirements changed since the last start (the
stamp removed: pip checks every package again).
Prints each run and the medians (seconds). Usage: python scripts/bench_start.py [runs]"""
from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import start  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def drop_caches() -> bool:
    """Empty the page cache (Linux, root): every file — Python, the packages, the workbook — read from disk again."""
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def once(browser, mode: str) -> float:
    if mode == "changed":
        start.stamp(ROOT / "requirements.txt").unlink(missing_ok=True)
    if mode == "cold" and not drop_caches():
        raise PermissionError("cold start needs root (/proc/sys/vm/drop_caches)")
    p = port()
    began = time.perf_counter()
    proc = subprocess.Popen(["bash", "run.sh", "--server.port", str(p)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    page = browser.new_page()
    try:
        while True:                       # what a user's browser tab does until the server answers
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{p}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        page.goto(f"http://127.0.0.1:{p}/?year=2025-26")
        page.locator('[data-testid="stMetric"]').first.wait_for(timeout=120_000)
        return time.perf_counter() - began
    finally:
        page.close()
        proc.terminate()
        proc.wait(10)


def main() -> None:
    from playwright.sync_api import sync_playwright

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        out = {}
        for mode in ("warm", "cold", "changed"):
            try:
                times = [once(browser, mode) for _ in range(runs)]
            except PermissionError as err:
                print(f"{mode}: skipped — {err}", flush=True)
                continue
            out[mode] = statistics.median(times)
            print(f"{mode}: " + ", ".join(f"{t:.1f}" for t in times) + f" s; median {out[mode]:.1f} s", flush=True)
        browser.close()
    print("to the first figure: " + ", ".join(f"{mode} {t:.1f} s" for mode, t in out.items()))


if __name__ == "__main__":
    main()
