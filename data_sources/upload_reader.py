"""An uploaded workbook read in a child process with a memory and time limit.

Anyone may upload on a demo-only deployment, so what a hostile .xlsx can cost the server is bounded twice: the
reader's own budget (`excel._Budget`: rows, empty rows, cells, columns, unpacked size) refuses a book that is
not one school's answers, and the reading happens in `python -m data_sources.upload_reader`, which may grow by
`MEMORY_MB` and use `SECONDS` of CPU — past either it dies, the server says so in Russian, and the memory goes
back to the system with the process (a server process never gives back what a big parse took).
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from .base import SourceError, Tabs

MEMORY_MB = 400          # the child may grow by this much over what it has after its imports
SECONDS = 20             # CPU seconds of the child (and about as long on the clock)
OUT_OF_MEMORY = 3        # the child's exit code when its memory limit stopped the reading
ROOT = Path(__file__).resolve().parent.parent
LAST: dict[str, float] = {}   # the last child's peak memory, MB (for scripts/bench_upload.py and the tests)


def read_upload(data: bytes, label: str, max_rows: int) -> Tabs:
    """The tabs of an uploaded .xlsx, as `ExcelSource(data, label, max_rows).read()` gives them, or of a .csv (one
    tab, named by the file) — read by a child."""
    try:
        done = subprocess.run([sys.executable, "-m", "data_sources.upload_reader", label, str(max_rows),
                               str(MEMORY_MB), str(SECONDS)],
                              input=data, capture_output=True, cwd=ROOT, timeout=SECONDS * 2 + 10)
    except subprocess.TimeoutExpired:
        raise _too_hard(label, f"время чтения, {SECONDS} с") from None
    if done.returncode != 0 or not done.stdout:
        if done.returncode in (OUT_OF_MEMORY, -9):           # MemoryError under RLIMIT_AS (or killed for it)
            raise _too_hard(label, f"память, {MEMORY_MB} МБ")
        if done.returncode in (-24, 152):                    # SIGXCPU: the CPU limit
            raise _too_hard(label, f"время чтения, {SECONDS} с")
        raise SourceError(f"Книга «{label}» не прочитана (ошибка чтения). Скачайте таблицу из Google Sheets ещё раз "
                          "(Файл → Скачать → Microsoft Excel) и загрузите её.")
    ok, result, LAST["peak_mb"] = pickle.loads(done.stdout)     # written by this module's own child, not by the file
    if not ok:
        raise SourceError(*result[:1], kind=result[1])
    return result


def _too_hard(label: str, what: str) -> SourceError:
    return SourceError(f"Книга «{label}» слишком сложная для чтения: исчерпан предел ({what}). Так не выглядит "
                       "выгрузка анкет одной школы. Загрузите книгу одного учебного года, скачанную из Google Sheets "
                       "(Файл → Скачать → Microsoft Excel), без лишних листов, столбцов и пустых строк.", kind="too_big")


def _status_kb(key: str) -> int:
    try:
        lines = Path("/proc/self/status").read_text().splitlines()
    except OSError:                                      # not Linux
        return 0
    return next((int(line.split()[1]) for line in lines if line.startswith(key + ":")), 0)


def main() -> None:
    from .excel import ExcelSource, csv_tab_name, read_csv_bytes   # imported before the limits: they bound the reading only

    label, max_rows, memory_mb, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    data = sys.stdin.buffer.read()
    try:
        import resource                                  # POSIX; on Windows the budget of the reader alone bounds it
    except ImportError:
        resource = None
    size = _status_kb("VmSize") * 1024
    if resource is not None and size:
        limit = size + memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if resource is not None:
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    try:
        if label.lower().endswith(".csv"):
            out = (True, {csv_tab_name(label): read_csv_bytes(data, label, max_rows)})
        else:
            out = (True, ExcelSource(data, label=label, max_rows=max_rows).read())
    except SourceError as err:
        out = (False, (str(err), err.kind))
    except MemoryError:          # pyarrow's ArrowMemoryError is one too
        os._exit(OUT_OF_MEMORY)
    try:                         # the tabs' text is pickled under the same limit
        answer = pickle.dumps((*out, _status_kb("VmHWM") / 1024), protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        os._exit(OUT_OF_MEMORY)
    sys.stdout.buffer.write(answer)


if __name__ == "__main__":
    main()
