"""Write locks: one writer at a time per tab (Google Sheets) or per file (.xlsx), across threads and,
for a file, across processes too.

The locks are re-entrant in a thread, so `apply_change` can take the lock its caller already holds."""
from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager
from typing import Hashable, Iterator

try:
    import fcntl
except ImportError:          # Windows: msvcrt's byte-range lock instead
    fcntl = None
    import msvcrt

_GUARD = threading.Lock()
_THREAD_LOCKS: dict[Hashable, threading.RLock] = {}
_HELD: dict[Hashable, int] = {}          # how deep the owning thread holds a file lock (the flock is taken once)


def thread_lock(key: Hashable) -> threading.RLock:
    """The process-wide lock for `key` (the same object for every caller with an equal key)."""
    with _GUARD:
        lock = _THREAD_LOCKS.get(key)
        if lock is None:
            lock = _THREAD_LOCKS[key] = threading.RLock()
        return lock


@contextmanager
def file_lock(path: str | os.PathLike) -> Iterator[None]:
    """Hold `<path>.lock` exclusively: the threads of this process in turn (a lock per real path), and
    other processes through `fcntl.flock` on that sidecar file."""
    real = os.path.realpath(path)
    key = ("file", real)
    with thread_lock(key):
        if _HELD.get(key):                          # this thread already holds it
            _HELD[key] += 1
            try:
                yield
            finally:
                _HELD[key] -= 1
            return
        with open(real + ".lock", "a+b") as fh:
            _lock(fh.fileno())
            _HELD[key] = 1
            try:
                yield
            finally:
                _HELD[key] = 0
                _unlock(fh.fileno())


def _lock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return
    os.lseek(fd, 0, os.SEEK_SET)
    while True:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return
        except OSError:
            time.sleep(0.05)


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
