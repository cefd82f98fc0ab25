"""Parsers for single cells as Google Forms writes them.

Each parser takes the cell text and returns ``(value, note)``: ``note`` is None
when the cell was clean, otherwise a short Russian explanation of what was
repaired or why the value was rejected (the caller turns it into a DataProblem).
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Iterable, Sequence

import pandas as pd

_WS = re.compile(r"\s+")
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")

NUMBER_WORDS = {
    "ноль": 0, "один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
    "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11,
    "двенадцать": 12, "пятнадцать": 15, "двадцать": 20, "тридцать": 30, "сорок": 40,
    "полгода": 0, "год": 1,
}


def fold(text: str) -> str:
    """Comparison form of a text: lower case, ё→е, single spaces, no trailing marks."""
    t = _WS.sub(" ", str(text).replace("\u00a0", " ")).strip().lower().replace("ё", "е")
    return t.rstrip(" *:?.!")


def clean_text(cell: str) -> str:
    return _WS.sub(" ", str(cell).replace("\u00a0", " ")).strip() if cell is not None else ""


def clean_lines(cell: str) -> str:
    """A free-text cell: spaces tidied within each line, its line breaks kept (a ППН's tasks, one per line)."""
    return "\n".join(t for line in str(cell).splitlines() if (t := clean_text(line))) if cell is not None else ""


# --- dates -----------------------------------------------------------------
_DATE_FORMATS_DOT = ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%d.%m.%y", "%d.%m.%y %H:%M:%S")
_DATE_FORMATS_SLASH = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y")
_DATE_FORMATS_ISO = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")
MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                   "сентября", "октября", "ноября", "декабря")


def parse_datetime(cell: str) -> tuple[pd.Timestamp | None, str | None]:
    """Google Forms timestamps and hand-typed dates.

    Russian sheets write ``05.09.2025 10:12:33``, English ones ``9/5/2025 10:12:33``
    (month first), an .xlsx export gives ISO. ``5 сентября 2025`` is accepted too.
    """
    text = clean_text(cell)
    if not text:
        return None, None
    text = re.sub(r"\s*г\.?$", "", text)
    if "." in text:
        formats = _DATE_FORMATS_DOT
    elif "/" in text:
        formats = _DATE_FORMATS_SLASH
    else:
        formats = _DATE_FORMATS_ISO
    for fmt in formats:
        try:
            return pd.Timestamp(datetime.strptime(text, fmt)), None
        except ValueError:
            continue
    m = re.fullmatch(r"(\d{1,2})\s+([а-яё]+)\s+(\d{4})", text.lower())
    if m and m.group(2).replace("ё", "е") in MONTHS_GENITIVE:
        try:
            return pd.Timestamp(int(m.group(3)), MONTHS_GENITIVE.index(m.group(2)) + 1, int(m.group(1))), None
        except ValueError:
            pass
    return None, f"не удалось прочитать дату «{text}» (ожидается дд.мм.гггг)"


# --- people ----------------------------------------------------------------
def parse_email(cell: str) -> tuple[str | None, str | None]:
    """The person id: trimmed, lower-case e-mail."""
    text = clean_text(cell).lower()
    if text.startswith("mailto:"):
        text = text[7:]
    text = text.strip("<>").replace(" ", "")
    if not text:
        return None, "нет адреса электронной почты"
    if not _EMAIL.match(text):
        return None, f"«{text}» не похоже на адрес электронной почты"
    note = None if text == clean_text(cell) else None
    return text, note


def parse_int(cell: str) -> tuple[int | None, str | None]:
    """Counts and years typed by people: "12", "12 лет", "более 20", "3,5", "пять"."""
    text = fold(cell)
    if not text:
        return None, None
    m = _NUMBER.search(text)
    if m:
        value = float(m.group(0).replace(",", "."))
        prefix = text[: m.start()].strip()
        note = None
        if prefix.startswith(("менее", "меньше", "до")):
            value = max(value - 1, 0) if value == int(value) else value
            note = f"«{clean_text(cell)}» понято как {int(value)}"
        elif prefix.startswith(("более", "больше", "свыше", "от", "около", "примерно")):
            note = f"«{clean_text(cell)}» понято как {int(value)}"
        elif value != int(value):
            note = f"«{clean_text(cell)}» округлено до {int(value)}"
        return int(value), note
    for word in text.replace(",", " ").split():
        if word in NUMBER_WORDS:
            return NUMBER_WORDS[word], f"«{clean_text(cell)}» понято как {NUMBER_WORDS[word]}"
    return None, f"не удалось прочитать число «{clean_text(cell)}»"


def parse_scale(cell: str, low: int = 1, high: int = 10) -> tuple[float | None, str | None]:
    """A 1–10 rating; out-of-range or unreadable answers are rejected with a note."""
    text = clean_text(cell)
    if not text:
        return None, None
    if re.fullmatch(r"\d+", text):
        value, note = int(text), None
    else:
        value, note = parse_int(text)
        if value is None:
            return None, f"оценка «{text}» не число от {low} до {high} — не учтена"
    if not low <= value <= high:
        return None, f"оценка «{text}» вне шкалы {low}–{high} — не учтена"
    return float(value), note


# --- choices ---------------------------------------------------------------
def starts_with_any(text: str, words: Iterable[str]) -> bool:
    return any(text == w or text.startswith(w + " ") or text.startswith(w + ",") for w in map(fold, words))


def parse_yesno(cell: str, yes: Sequence[str], no: Sequence[str], maybe: Sequence[str] = ()) -> tuple[float | None, str | None]:
    """1.0 yes, 0.0 no, 0.5 maybe, None blank. "Нет" is checked before "да"."""
    text = fold(cell)
    if not text:
        return None, None
    if starts_with_any(text, no):
        return 0.0, None
    if starts_with_any(text, yes):
        return 1.0, None
    if starts_with_any(text, maybe):
        return 0.5, None
    return None, f"ответ «{clean_text(cell)}» не распознан как да/нет"


def parse_consent(cell: str, yes: Sequence[str], no: Sequence[str]) -> tuple[bool, str | None]:
    value, note = parse_yesno(cell, yes, no)
    if value is None:
        if not fold(cell):
            return False, "нет ответа о согласии на обработку персональных данных — человек не включён в банк"
        return False, f"ответ о согласии «{clean_text(cell)}» не распознан — человек не включён в банк"
    return value == 1.0, None


def parse_choice(cell: str, options: Sequence[str]) -> tuple[str, str | None]:
    """One option; an "Other" answer (text not in the list) is kept as typed, with a note naming the options."""
    text = clean_text(cell)
    folded = fold(text)
    for opt in options:
        if fold(opt) == folded:
            return opt, None
    if not text or not options:
        return text, None
    listed = "; ".join(f"«{o}»" for o in list(options)[:8]) + (" …" if len(options) > 8 else "")
    return text, f"ответ «{text}» не из вариантов вопроса ({listed}) — сохранён как написан"


_SEPARATORS = re.compile(r"\s*(?:;|\r?\n)\s*")          # other tools join several answers with "; " or a line break
_OWN_PREFIX = re.compile(r"^(?:свой вариант|другое|другой ответ)\s*[:\-—]\s*", re.IGNORECASE)   # Yandex: «Свой вариант: …»


def split_options(cell: str, options: Sequence[str]) -> tuple[list[str], str]:
    """Split a checkbox cell against the known options.

    Google Forms joins ticked options with ", " (Yandex Forms and others may use "; " or a line break: read
    as ", "), and options may contain commas themselves, so the cell is matched against the option list (longest first),
    not split on commas. What is left is the "Other" answer, kept as typed.
    Returns (options found, in list order; other text or "").
    """
    text = clean_text(_SEPARATORS.sub(", ", str(cell))) if cell is not None else ""
    if not text:
        return [], ""
    low = text.lower().replace("ё", "е")
    taken = [False] * len(text)
    found: set[str] = set()
    for opt in sorted(options, key=len, reverse=True):
        needle = re.escape(clean_text(opt).lower().replace("ё", "е"))
        for m in re.finditer(rf"(?:^|(?<=,\s)|(?<=,)){needle}(?=\s*,|\s*$)", low):
            if not any(taken[m.start():m.end()]):
                for i in range(m.start(), m.end()):
                    taken[i] = True
                found.add(opt)
    rest = "".join(" " if t else ch for ch, t in zip(text, taken))
    parts = [_OWN_PREFIX.sub("", p.strip()) for p in rest.split(",")]
    other = ", ".join(p for p in parts if p)
    return [o for o in options if o in found], other


def text_or(value: object, fallback: object) -> str:
    """`value` as text when it is non-blank text (a name from a sheet), else `fallback` (e.g. the e-mail)."""
    return value.strip() if isinstance(value, str) and value.strip() else str(fallback)


def web_link(value: object) -> str | None:
    """A link typed into a sheet, when it is an ordinary web address (http/https); else None —
    `javascript:`, `data:` and the like never become a clickable cell."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) and not any(c in text for c in "\n\r\t ") else None


def plural(n: int, one: str, few: str, many: str) -> str:
    """plural(3, "пара", "пары", "пар") -> "3 пары"; plural(21, "год", "года", "лет") -> "21 год"."""
    n10, n100 = abs(n) % 10, abs(n) % 100
    word = one if n10 == 1 and n100 != 11 else few if 2 <= n10 <= 4 and not 12 <= n100 <= 14 else many
    return f"{n} {word}"


def score(value, *, signed: bool = False) -> str:
    """A mean score as a Russian reads it: 8,2 (one decimal, comma); signed: +1,5 / −0,3 (a real minus)."""
    if value is None or pd.isna(value):
        return "—"
    value = round(float(value), 1) + 0.0              # −0,04 is «0,0», never «−0,0»
    text = f"{value:+.1f}" if signed and value else f"{value:.1f}"
    return text.replace(".", ",").replace("-", "−")
