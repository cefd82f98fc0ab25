"""Computed once per read of the year: a function of a `Program` and a `Config` (and plain values such as a date)
is remembered by the *identity* of those objects — a new read of the year or a new config is a new object, so a
page never sees a figure of the previous read. The objects are held with the value, so their ids stay theirs;
only the last `size` calls are kept."""
from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from datetime import date
from typing import Callable

import pandas as pd

PLAIN = (str, int, float, bool, type(None), date, pd.Timestamp)


def _key(value) -> tuple:
    return ("=", value) if isinstance(value, PLAIN) else ("id", id(value))


def per_read(size: int = 8, copy: Callable | None = None):
    """Decorator: remember the result per (identity of each object argument, value of each plain one). `copy`
    gives each caller its own copy of a mutable result (a DataFrame), so a caller's change stays its own."""
    def decorate(fn):
        known: OrderedDict = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(fn)
        def remembered(*args, **kwargs):
            key = tuple(map(_key, args)) + tuple((k, _key(v)) for k, v in sorted(kwargs.items()))
            with lock:
                hit = known.get(key)
                if hit is not None:
                    known.move_to_end(key)
            if hit is None:
                hit = (args, kwargs, fn(*args, **kwargs))       # the arguments held: their ids stay unique
                with lock:
                    known[key] = hit
                    while len(known) > size:
                        known.popitem(last=False)
            return copy(hit[2]) if copy else hit[2]

        remembered.cache_clear = known.clear
        return remembered
    return decorate
