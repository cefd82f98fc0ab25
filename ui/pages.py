"""The app's pages: one list that app.py navigates and the tests visit."""
from __future__ import annotations

# (file, title, icon) per menu section; the first page of the first section is the default.
MENU: dict[str, list[tuple[str, str, str]]] = {
    "Программа": [
        ("views/overview.py", "Обзор", ":material/dashboard:"),
        ("views/roadmap.py", "Дорожная карта", ":material/timeline:"),
        ("views/events.py", "Мероприятия и публикации", ":material/event_note:"),
    ],
    "Банки и пары": [
        ("views/banks.py", "Банки", ":material/groups:"),
        ("views/matching.py", "Подбор пар", ":material/handshake:"),
        ("views/plans.py", "Программы наставничества", ":material/assignment:"),
    ],
    "Итоги": [
        ("views/quality.py", "Качество программы", ":material/insights:"),
        ("views/monitoring.py", "Мониторинг", ":material/monitoring:"),
        ("views/practices.py", "Методическая копилка", ":material/lightbulb:"),
    ],
    "Служебное": [
        ("views/data.py", "Данные", ":material/table_view:"),
        ("views/setup.py", "Настройка", ":material/settings:"),
    ],
}
DEFAULT = MENU["Программа"][0][0]
SEMINAR = ("views/seminar.py", "Семинар (публично)", ":material/co_present:", "seminar")   # + its url path
STAFF_PAGES = [f for items in MENU.values() for f, _, _ in items]


def url_path(file: str) -> str:
    """A page's address as Streamlit derives it from the file name: views/data.py -> "data"."""
    return file.rsplit("/", 1)[-1].removesuffix(".py")
