"""Set up (the first time, or when the pinned packages changed) and start the dashboard — the same steps on Linux,
macOS and Windows: `run.sh` and `run.bat` only find a Python and call this.

Checks the Python version (3.11 or newer) and says what to install; creates `.venv`; installs `requirements.txt`
only when it changed since the last install (a stamp with its hash in `.venv`), so a second start goes straight
to the server; then runs the server (`scripts/serve.py`: `streamlit run app.py` on the address `scripts/listen_address.py`
allows, the first page prepared while it starts).
`--dry-run`: do the set-up, print the command instead of starting it. `--requirements FILE`: another list
(`test.sh` installs requirements-dev.txt the same way)."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEED = (3, 11)


def venv_python() -> Path:
    return ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def check_python(version=None) -> str:
    """"" when this Python will do; else what to install, in Russian."""
    version = tuple(version or sys.version_info[:3])
    if version[:2] >= NEED:
        return ""
    shown = ".".join(map(str, version))
    return (f"Нужен Python {NEED[0]}.{NEED[1]} или новее, а запущен {shown}. Установите его: Windows — "
            "https://www.python.org/downloads/windows/ (отметьте «Add python.exe to PATH») и запустите run.bat "
            "снова; Debian/Ubuntu — sudo apt install python3.11 python3.11-venv; macOS — brew install python@3.11.")


def stamp(requirements: Path) -> Path:
    """`.venv/.installed-<list>-<hash>`: the hash of the list and of requirements.txt (which the dev list includes)."""
    lists = dict.fromkeys([requirements, ROOT / "requirements.txt"])
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in lists)).hexdigest()[:16]
    return ROOT / ".venv" / f".installed-{requirements.stem}-{digest}"


def set_up(requirements: Path) -> bool:
    """The virtual environment with `requirements` installed; True when something was installed now."""
    if not venv_python().exists():
        print("Первый запуск: создаю окружение .venv и ставлю пакеты (около полутора минут)…", flush=True)
        subprocess.check_call([sys.executable, "-m", "venv", str(ROOT / ".venv")])
    done = stamp(requirements)
    if done.exists():
        return False
    subprocess.check_call([str(venv_python()), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                           "-r", str(requirements)])
    for old in done.parent.glob(f".installed-{requirements.stem}-*"):
        old.unlink()
    done.touch()
    return True


def main(argv: list[str]) -> int:
    problem = check_python()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    dry = "--dry-run" in argv
    args = [a for a in argv if a != "--dry-run"]
    requirements = ROOT / "requirements.txt"
    if "--requirements" in args:
        i = args.index("--requirements")
        requirements, args = ROOT / args[i + 1], args[:i] + args[i + 2:]
    installed = set_up(requirements)
    print("Пакеты установлены." if installed else "Пакеты уже установлены — запускаю.", flush=True)
    if requirements.name != "requirements.txt":
        return 0
    # scripts/serve.py: `streamlit run app.py` on the address listen_address allows, the first page prepared
    command = [str(venv_python()), str(ROOT / "scripts" / "serve.py"), *args]
    if dry:
        print(" ".join(command))
        return 0
    os.chdir(ROOT)
    if os.name == "nt":                       # Windows has no exec: the server runs as a child, Ctrl+C stops both
        return subprocess.call(command)
    os.execv(command[0], command)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
