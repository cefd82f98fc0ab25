"""The start a school does on its own computer: run.sh and run.bat share scripts/start.py — the Python version
checked (with what to install, in Russian), the packages installed only when requirements changed."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import start  # noqa: E402


def test_an_old_python_is_named_with_what_to_install():
    said = start.check_python((3, 9, 7))
    assert "Нужен Python 3.11 или новее, а запущен 3.9.7" in said and "python.org" in said and "apt install" in said
    assert start.check_python((3, 11, 2)) == "" and start.check_python((3, 12, 0)) == ""


def test_a_second_start_does_not_install_again_and_starts_the_server_as_run_sh_did():
    first = subprocess.run([sys.executable, "scripts/start.py", "--dry-run"], cwd=ROOT, capture_output=True, text=True)
    again = subprocess.run([sys.executable, "scripts/start.py", "--dry-run"], cwd=ROOT, capture_output=True, text=True)
    assert first.returncode == again.returncode == 0, first.stderr + again.stderr
    assert "Пакеты уже установлены — запускаю." in again.stdout
    assert again.stdout.strip().splitlines()[-1].endswith("scripts/serve.py")
    assert start.stamp(ROOT / "requirements.txt").exists()


def test_a_changed_requirements_file_means_a_new_stamp(tmp_path, monkeypatch):
    reqs = tmp_path / "requirements.txt"
    reqs.write_text("streamlit==1.67.0\n", encoding="utf-8")
    monkeypatch.setattr(start, "ROOT", tmp_path)
    before = start.stamp(reqs)
    reqs.write_text("streamlit==1.68.0\n", encoding="utf-8")
    assert start.stamp(reqs) != before


def test_run_sh_and_run_bat_are_the_same_steps():
    sh = (ROOT / "run.sh").read_text(encoding="utf-8")
    bat = (ROOT / "run.bat").read_bytes().decode("utf-8")
    assert "scripts/start.py" in sh and "scripts\\start.py %*" in bat
    assert "\r\n" in bat and bat.startswith("@echo off")          # cmd reads CRLF; UTF-8 after chcp 65001
    assert "chcp 65001" in bat and "py -3" in bat and ".venv\\Scripts\\python.exe" in bat
