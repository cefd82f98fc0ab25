"""Which address `run.sh` lets the server listen on.

Staff pages open without a login (`[access] open_without_login = true` with a real source) show teachers'
names and e-mails to whoever reaches the server: then it listens on 127.0.0.1 only, and another
`--server.address` is refused. Prints the extra arguments for `streamlit run` (or nothing); exits 1 with a
message in Russian when the requested address is refused."""
from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import load_config  # noqa: E402
from data_sources.registry import source_kind  # noqa: E402

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def login_configured(paths: list[Path]) -> bool:
    for path in paths:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue              # a broken file opens nothing: the app says so and keeps staff pages closed
        if data.get("auth") or data.get("access", {}).get("staff_password"):
            return True
    return False


def requested_address(args: list[str]) -> str | None:
    for i, a in enumerate(args):
        if a.startswith("--server.address="):
            return a.split("=", 1)[1]
        if a == "--server.address" and i + 1 < len(args):
            return args[i + 1]
    return None


def decide(args: list[str], secrets: list[Path]) -> tuple[list[str], str | None]:
    """(extra arguments, refusal message or None)."""
    given = sum(a == "--server.address" or a.startswith("--server.address=") for a in args)
    if given > 1:            # Streamlit takes the last one: a second address would slip past the check below
        return [], (f"Отказ: --server.address указан {given} раза. Укажите адрес один раз.")
    config = load_config()
    real = any(source_kind(spec) != "demo" for spec in config.years.values())
    open_run = bool(config.section("access").get("open_without_login")) and real and not login_configured(secrets)
    wanted = requested_address(args)
    if not open_run:
        return [], None
    if wanted is None:
        return ["--server.address", "127.0.0.1"], None
    if wanted in LOOPBACK or wanted.startswith("127."):
        return [], None
    return [], (f"Отказ: страницы сотрудников открыты без входа (open_without_login = true в config.toml), "
                f"поэтому сервер слушает только 127.0.0.1, а не {wanted}. Чтобы открыть дашборд другим компьютерам, "
                "настройте вход (пароль сотрудников или вход через аккаунты школы — README, «Вход для сотрудников») "
                "и выключите open_without_login.")


if __name__ == "__main__":
    extra, refusal = decide(sys.argv[1:], [Path.home() / ".streamlit/secrets.toml", ROOT / ".streamlit/secrets.toml"])
    if refusal:
        print(refusal, file=sys.stderr)
        sys.exit(1)
    print(" ".join(extra))
