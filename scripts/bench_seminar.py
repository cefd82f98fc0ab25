"""Seminar benchmark: a hall of viewers opening the public page, on Google Sheets (fake transport).

    .venv/bin/python scripts/bench_seminar.py [--viewers 100] [--over 30] [--ttl 30]

Starts the real server (`streamlit run app.py`) on a Google Sheets config whose HTTP goes to the
fake Sheets API (tests/sheets_api.py, gspread for real), then
  1. CPU per new viewer: server CPU time spent on N sequential new sessions of /seminar, beside the
     same for a minimal Streamlit page (`st.write`), as medians per session;
  2. a hall: --viewers websocket sessions (Streamlit's own protocol, as the browser speaks it)
     arriving evenly over --over seconds, each opening /seminar and staying connected (all of them
     together at the end, through at least one live refresh); reports time to first render p50/p95,
     errors, live updates received, server memory before/after, and the number of Sheets API calls
     made meanwhile (one per TTL, however many viewers).
Only loopback traffic; every loop is bounded.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from data_sources import demo_source, demo_years  # noqa: E402
from tests.conftest import start_app  # noqa: E402
from tests.sheets_api import book_from_tabs, service_account_info  # noqa: E402


async def open_session(url: str, page: str, query: str, hold: float = 0.0, timeout: float = 60) -> tuple[float, int]:
    """One viewer: connect, ask for the page, wait for script_finished, then stay `hold` seconds reading
    what the server pushes and, as the browser does, asking for the live fragment's rerun every
    interval the server set (`st.fragment(run_every=…)`). Returns (seconds to first render, live
    updates received while staying)."""
    t0 = time.perf_counter()
    async with websockets.connect(url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=None, open_timeout=timeout) as ws:
        async def rerun(fragment_id: str = "", page_hash: str = "") -> None:
            msg = BackMsg()
            msg.rerun_script.query_string = query
            msg.rerun_script.page_name = page
            if fragment_id:
                msg.rerun_script.fragment_id = fragment_id
                msg.rerun_script.is_auto_rerun = True
                msg.rerun_script.page_script_hash = page_hash
            await ws.send(msg.SerializeToString())

        await rerun()
        took, updates, page_hash, timers = None, 0, "", []
        try:
            while True:
                left = timeout if took is None else hold - (time.perf_counter() - t0 - took)
                if left <= 0:
                    return took, updates
                fm = ForwardMsg()
                try:
                    fm.ParseFromString(await asyncio.wait_for(ws.recv(), left))
                except asyncio.TimeoutError:
                    if took is None:
                        raise
                    return took, updates
                kind = fm.WhichOneof("type")
                if kind == "delta" and fm.delta.new_element.WhichOneof("type") == "exception":
                    raise RuntimeError("exception on the page: " + fm.delta.new_element.exception.message)
                if kind == "new_session":
                    page_hash = fm.new_session.page_script_hash
                elif kind == "navigation":
                    page_hash = fm.navigation.page_script_hash or page_hash
                elif kind == "auto_rerun" and hold and not timers:
                    async def every(interval: float, fragment_id: str) -> None:
                        while True:
                            await asyncio.sleep(interval)
                            await rerun(fragment_id, page_hash)  # noqa: B023 (the latest page, on purpose)
                    timers.append(asyncio.create_task(every(fm.auto_rerun.interval, fm.auto_rerun.fragment_id)))
                elif kind == "script_finished":
                    if took is None:
                        took = time.perf_counter() - t0
                        if not hold:
                            return took, 0
                    else:
                        updates += 1          # the live fragment re-ran and sent fresh figures
        finally:
            for t in timers:
                t.cancel()


def cpu_seconds(pid: int) -> float:
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


BATCH = 5    # sessions per CPU reading: the kernel counts CPU time in 10 ms ticks


def cpu_per_session(url: str, pid: int, page: str, query: str, n: int) -> float:
    """Server CPU per new session: the median over batches of BATCH sessions one after another, with
    one session (the projector) connected all along: Streamlit drops its compiled-script cache
    whenever the last session leaves, which a hall never sees."""
    async def run() -> list[float]:
        projector = asyncio.create_task(open_session(url, page, query, hold=3600))
        for _ in range(3):                                       # warm up: imports, caches
            await open_session(url, page, query)
        per = []
        for _ in range(max(1, n // BATCH)):
            c0 = cpu_seconds(pid)
            for _ in range(BATCH):
                await open_session(url, page, query)
                await asyncio.sleep(0.05)                        # let the server finish its bookkeeping
            per.append((cpu_seconds(pid) - c0) / BATCH)
        projector.cancel()
        return per
    return statistics.median(asyncio.run(run()))


async def hall(url: str, viewers: int, over: float, stay: float, query: str) -> tuple[list, list[str]]:
    """`viewers` arrive evenly over `over` seconds and all stay until `stay` seconds after the first arrived."""
    async def viewer(i: int):
        arrive = over * i / viewers
        await asyncio.sleep(arrive)
        return await open_session(url, "seminar", query, hold=stay - arrive)

    results = await asyncio.gather(*(viewer(i) for i in range(viewers)), return_exceptions=True)
    done = [r for r in results if isinstance(r, tuple)]
    errors = [repr(r) for r in results if not isinstance(r, tuple)]
    return done, errors


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--viewers", type=int, default=100)
    ap.add_argument("--over", type=float, default=30.0)
    ap.add_argument("--ttl", type=int, default=30)
    ap.add_argument("--cpu-sessions", type=int, default=50)
    ap.add_argument("--stay", type=float, default=None, help="seconds every viewer stays (default: --over + TTL + 5)")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-seminar-"))
    keys = {y: f"1Bench{y.replace('/', '')}abcdefghijklmnopqrstuvwxyz012" for y in demo_years()}
    (work / "books.json").write_text(json.dumps({k: book_from_tabs(demo_source(y).read()) for y, k in keys.items()},
                                                ensure_ascii=False), encoding="utf-8")
    text = (ROOT / "config.toml").read_text(encoding="utf-8")
    years = "\n".join(f'"{y}" = "{k}"' for y, k in keys.items())
    text = re.sub(r'\[years\]\n(?:"[^\n]*\n)+', "[years]\n" + years + "\n", text)
    text = re.sub(r"seminar_ttl_seconds = \d+", f"seminar_ttl_seconds = {args.ttl}", text)
    (work / "config.toml").write_text(text, encoding="utf-8")
    info = service_account_info()
    (work / "secrets.toml").write_text("[gcp_service_account]\n" + "\n".join(
        f"{k} = {json.dumps(v)}" for k, v in info.items()) + "\n", encoding="utf-8")
    (work / "minimal.py").write_text("import streamlit as st\nst.write('Минимальная страница')\n", encoding="utf-8")
    log = work / "calls.log"
    env = {"MENTORING_CONFIG": str(work / "config.toml"), "MENTORING_SHEETS_TRANSPORT": "tests.sheets_api:from_env",
           "FAKE_SHEETS_BOOKS": str(work / "books.json"), "FAKE_SHEETS_LOG": str(log), "PYTHONPATH": str(ROOT)}
    query = "year=" + demo_years()[0].replace("/", "-")

    proc, url = start_app(env=env, extra=["--secrets.files", str(work / "secrets.toml")])
    base_proc, base_url = start_app(script=str(work / "minimal.py"))
    bare_proc, bare_url = start_app(script=str(work / "minimal.py"), cwd=work)   # Streamlit's own defaults
    try:
        bare = cpu_per_session(bare_url, bare_proc.pid, "", "", args.cpu_sessions)
        minimal = cpu_per_session(base_url, base_proc.pid, "", "", args.cpu_sessions)
        seminar = cpu_per_session(url, proc.pid, "seminar", query, args.cpu_sessions)
        print(f"server CPU per new viewer (median of {args.cpu_sessions // BATCH} batches of {BATCH}): minimal page "
              f"{bare * 1000:.0f} ms without our .streamlit/config.toml, {minimal * 1000:.0f} ms with our server settings; "
              f"seminar {seminar * 1000:.0f} ms ({(seminar - minimal) * 1000:+.0f} ms, "
              f"{(seminar - bare) * 1000:+.0f} ms against that one)")

        mem_before = rss_mb(proc.pid)
        calls_before = log.read_text().count("batchGet") if log.exists() else 0
        t0 = time.perf_counter()
        stay = args.stay if args.stay is not None else args.over + args.ttl + 5
        done, errors = asyncio.run(hall(url, args.viewers, args.over, stay, query))
        wall = time.perf_counter() - t0
        calls = (log.read_text().count("batchGet") if log.exists() else 0) - calls_before
        times = [t for t, _ in done]
        live = sum(1 for _, u in done if u > 0)
        print(f"{args.viewers} viewers arriving over {args.over:.0f} s, all connected together until {stay:.0f} s: "
              f"first render p50 {statistics.median(times):.2f} s, p95 {pct(times, 0.95):.2f} s, "
              f"max {max(times):.2f} s, errors {len(errors)}")
        print(f"live updates: {live} of {len(done)} viewers got the figures re-sent while staying "
              f"(fragment every {args.ttl} s)")
        print(f"server memory: {mem_before:.0f} MB before, {rss_mb(proc.pid):.0f} MB after")
        print(f"Sheets batchGet calls during the hall ({wall:.0f} s, TTL {args.ttl} s): {calls}")
        for e in errors[:5]:
            print("  error:", e)
    finally:
        for p in (proc, base_proc, bare_proc):
            p.terminate()
            p.wait(10)


if __name__ == "__main__":
    main()
