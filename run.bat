@echo off
rem Windows: set up (first time, or when requirements.txt changed) and run the dashboard - the steps of run.sh
rem (scripts\start.py). Double-click this file or run it in cmd; then open http://localhost:8501
chcp 65001 >nul
cd /d "%~dp0"
if exist .venv\Scripts\python.exe (
  .venv\Scripts\python.exe scripts\start.py %*
) else (
  where py >nul 2>nul && (py -3 scripts\start.py %*) || (
    where python >nul 2>nul && (python scripts\start.py %*) || (
      echo Нужен Python 3.11 или новее: https://www.python.org/downloads/windows/ - при установке отметьте «Add python.exe to PATH».
    )
  )
)
if errorlevel 1 pause
