"""The secrets file (.streamlit/secrets.toml): one reader that tells a missing file from a broken one.

A missing file means "nothing configured" (the demo, or files without login). A file that does not parse
must not look like that: it is named, with the line, and staff pages stay closed until it is fixed."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import streamlit as st


class SecretsUnreadable(Exception):
    """str(err): what is wrong and where, in Russian; never a secret's value."""


def broken() -> str | None:
    """Why the secrets file cannot be read (file and line), or None when it reads or does not exist."""
    try:
        paths = [Path(p) for p in st.config.get_option("secrets.files")]
    except Exception:
        paths = [Path.home() / ".streamlit/secrets.toml", Path.cwd() / ".streamlit/secrets.toml"]
    for path in paths:
        if not path.is_file():
            continue
        try:
            tomllib.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            return f"Файл {path} не читается: он не в кодировке UTF-8. Сохраните его в UTF-8 и перезапустите приложение."
        except tomllib.TOMLDecodeError as err:
            at = re.search(r"line (\d+), column (\d+)", str(err))       # Python 3.11 gives them in the message only
            where = f" (строка {at[1]}, столбец {at[2]})" if at else ""
            return (f"Файл {path} не читается: ошибка синтаксиса TOML{where}. Частая причина — незакрытая кавычка "
                    "или ключ без значения. Исправьте файл и перезапустите приложение; до тех пор страницы "
                    "сотрудников закрыты.")
    return None


def section(name: str) -> dict:
    """One section of the secrets ({} when there is none); SecretsUnreadable when the file is broken."""
    try:
        return dict(st.secrets[name]) if name in st.secrets else {}
    except Exception:
        why = broken()
        if why:
            raise SecretsUnreadable(why) from None
        return {}                                  # no secrets file at all
