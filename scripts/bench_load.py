"""Foundation benchmark: cold start to first render, a refresh, Sheets API calls per refresh.

    .venv/bin/python scripts/bench_load.py [--runs 5]

Cold start: `streamlit run app.py` launched, Chromium (Debian's) opens the overview, until the
headline figures are on screen. Refresh: reading and parsing one demo year, from the .xlsx and
from Google Sheets through the fake Sheets API transport (gspread for real). Prints medians."""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import load_config, load_program  # noqa: E402
from data_sources import GoogleSheetsSource, demo_source, demo_years, make_client  # noqa: E402
from tests.sheets_api import FakeSheetsAPI, book_from_tabs, service_account_info  # noqa: E402


def cold_start(runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    from tests.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, start_app

    ARTIFACTS.mkdir(exist_ok=True)
    times = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            t0 = time.perf_counter()
            proc, url = start_app()
            try:
                page = browser.new_page()
                page.goto(url)
                page.get_by_text("Наставляемых в банке").first.wait_for(timeout=60_000)
                times.append(time.perf_counter() - t0)
                page.close()
            finally:
                proc.terminate()
                proc.wait(10)
        browser.close()
    return times


def approval(runs: int) -> dict[str, tuple[float, int | None]]:
    """«Утвердить пары» on the year being formed: the tab read fresh, the new pairs worked out, appended.
    Median seconds per approval (each on an untouched copy) and Sheets API calls it took."""
    import shutil
    import tempfile
    from functools import partial

    import pandas as pd

    from analysis.matching import assign
    from analysis.writes import pairs_edit
    from data_sources import ExcelSource
    from ui.store import YearStore

    year, config = demo_years()[-1], load_config()
    tab = config.service["pairs"].tab
    out = {}
    for kind in ("xlsx", "google"):
        times, calls = [], None
        for _ in range(runs):
            if kind == "xlsx":
                folder = Path(tempfile.mkdtemp())
                shutil.copy(demo_source(year).path, folder / "book.xlsx")
                source = ExcelSource(folder / "book.xlsx")
            else:
                api = FakeSheetsAPI({"KEY": book_from_tabs(demo_source(year).read())})
                source = GoogleSheetsSource(make_client(service_account_info(), adapter=api), "KEY", tabs=config.tab_names())
            store = YearStore(year, source, config, kind=kind)
            page = store.get()
            p = page.program
            offer = assign(p.mentees, p.mentors, locked=set(zip(p.pairs.mentee_id, p.pairs.mentor_id))).pairs
            before = getattr(source, "api_calls", 0)
            t0 = time.perf_counter()
            plan = partial(pairs_edit, proposal=offer, mentees=p.mentees, mentors=p.mentors, seen=page.snapshot.tabs.get(tab),
                           start=pd.Timestamp("2026-11-25"), config=config)
            store.write(tab, plan)
            times.append(time.perf_counter() - t0)
            calls = source.api_calls - before if kind == "google" else None
        out[kind] = (statistics.median(times), calls)
    return out


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    year = demo_years()[0]
    src = demo_source(year)
    xlsx = timed(lambda: load_program(src.read(), year=year), args.runs * 4)
    parse_only_tabs = src.read()
    parse = timed(lambda: load_program(parse_only_tabs, year=year), args.runs * 4)

    wanted = load_config().tab_names()
    complete = {**book_from_tabs(parse_only_tabs), **{t: [["—"]] for t in wanted if t not in parse_only_tabs}}
    missing = [load_config().swot_tab]            # a school that has not saved its SWOT board yet
    api = FakeSheetsAPI({"KEY": complete, "PART": {k: v for k, v in complete.items() if k not in missing}})
    client = make_client(service_account_info(), adapter=api)
    gs = GoogleSheetsSource(client, "KEY", tabs=wanted)
    first_calls = (gs.read(), gs.api_calls)[1]
    google = timed(lambda: load_program(gs.read(), year=year), args.runs * 4)
    later_calls = gs.api_calls
    gs.forget_titles()
    button_calls = (gs.read(), gs.api_calls)[1]
    part = GoogleSheetsSource(client, "PART", tabs=wanted)
    part_calls = [(part.read(), part.api_calls)[1], (part.read(), part.api_calls)[1]]
    part.forget_titles()
    part_calls.append((part.read(), part.api_calls)[1])

    approvals = approval(args.runs)
    cold = cold_start(args.runs)
    med = statistics.median
    print(f"demo year {year}: {sum(len(t) for t in parse_only_tabs.values())} rows in {len(parse_only_tabs)} tabs")
    print(f"cold start to first render (server start + Chromium), median of {len(cold)}: {med(cold):.2f} s")
    print(f"refresh from .xlsx (read + parse), median: {med(xlsx) * 1000:.0f} ms")
    print(f"parse only (load_program), median: {med(parse) * 1000:.0f} ms")
    print(f"refresh from Google Sheets via gspread + fake transport, median: {med(google) * 1000:.0f} ms")
    print(f"Sheets API calls, every configured tab present: first read {first_calls}, "
          f"every later refresh {later_calls}, refresh button {button_calls}")
    print(f"Sheets API calls, tab(s) missing ({', '.join(missing)}): "
          f"first read {part_calls[0]} (refused batchGet, tab list, batchGet), every later refresh "
          f"{part_calls[1]}, refresh button {part_calls[2]} (tab list, batchGet)")
    for kind, (seconds, calls) in approvals.items():
        print(f"approving pairs into {kind} (tab read fresh + new pairs appended), median: {seconds * 1000:.0f} ms"
              + (f", Sheets API calls: {calls}" if calls is not None else ""))


if __name__ == "__main__":
    main()
