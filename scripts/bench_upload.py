"""What a hostile upload costs the server, and how the seminar page renders meanwhile.

    .venv/bin/python scripts/bench_upload.py

For each shape of tests/hostile_books.py: its size, how long until it is refused (or read), the reading child's
peak memory and the server's growth; then the seminar's first render (AppTest, median of 3) alone and while
the worst shapes are being read, one after another, in a thread."""
from __future__ import annotations

import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from data_sources.base import SourceError  # noqa: E402
from data_sources.upload_reader import LAST, read_upload  # noqa: E402
from tests import hostile_books as hb  # noqa: E402

SHAPES = ["wide_rows", "wide_empty_cells", "empty_rows", "row_gap", "claimed_dimension", "zip_bomb",
          "huge_shared_strings"]


def rss_mb() -> float:
    line = next(x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def seminar_render() -> float:
    from streamlit.testing.v1 import AppTest

    started = time.perf_counter()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["year"] = "2025-26"
    at.run()
    at.switch_page("views/seminar.py")
    at.run()
    assert not at.exception
    return time.perf_counter() - started


def main() -> None:
    books = {name: getattr(hb, name)() for name in SHAPES}
    print(f"{'shape':22} {'KB':>7} {'s':>5}  {'child MB':>8}  {'server +MB':>10}  outcome")
    for name, data in books.items():
        before, started = rss_mb(), time.perf_counter()
        try:
            read_upload(data, f"{name}.xlsx", 20_000)
            outcome = "read (the little form it is)"
        except SourceError as err:
            outcome = "refused: " + str(err).split(" — ")[0].split(": ", 1)[-1][:70]
        print(f"{name:22} {len(data) / 1024:7.0f} {time.perf_counter() - started:5.1f}  {LAST.get('peak_mb', 0):8.0f}  "
              f"{rss_mb() - before:10.0f}  {outcome}")

    seminar_render()                                              # warm: imports, caches
    alone = [seminar_render() for _ in range(3)]
    stop = threading.Event()

    def attack():
        while not stop.is_set():
            for name in ("empty_rows", "wide_rows", "zip_bomb"):
                try:
                    read_upload(books[name], f"{name}.xlsx", 20_000)
                except SourceError:
                    pass

    thread = threading.Thread(target=attack, daemon=True)
    thread.start()
    during = [seminar_render() for _ in range(3)]
    stop.set()
    thread.join()
    print(f"seminar first render: alone median {statistics.median(alone):.2f} s, while hostile uploads are read "
          f"median {statistics.median(during):.2f} s (×{statistics.median(during) / statistics.median(alone):.2f})")


if __name__ == "__main__":
    main()
