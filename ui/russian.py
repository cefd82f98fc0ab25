"""Russian for the strings Streamlit's own frontend shows: placeholders, «Select all», «No results», the upload box,
the table toolbar and menus, the connection-lost and page-not-found dialogs.

Streamlit has no translations and draws these in its JavaScript, so what its API cannot set (see the placeholders
passed by the pages and `server.maxUploadSize`) is translated in the browser: `install()` puts one small script in
the page (once per browser tab) that watches the document and replaces these texts and their tooltips as they
appear — including the dialog shown when the server is gone, which no Python can draw. The dictionaries below
are the whole layer; `tests/test_browser_russian.py` scans every page for English after each Streamlit upgrade.
"""
from __future__ import annotations

import json


# whole texts (a text node, a placeholder, a tooltip or an aria-label equal to the key)
EXACT = {
    "Choose an option": "Выберите…",
    "Choose options": "Выберите…",
    "Choose or add an option": "Выберите или впишите…",
    "Choose or add options": "Выберите или впишите…",
    "Select all": "Выбрать все",
    "No results": "Ничего не найдено",
    "Clear all": "Очистить всё",
    "Clear value": "Очистить",
    "Clear selection": "Снять выбор",
    "Drag and drop file here": "Перетащите файл сюда",
    "Drag and drop a file here": "Перетащите файл сюда",
    "Drag and drop files here": "Перетащите файлы сюда",
    "Browse files": "Выбрать файлы",
    "Upload": "Выбрать файлы",
    "file upload": "выбор файлов",
    "Add files": "Добавить файлы",
    "Remove file": "Убрать файл",
    "Delete": "Удалить",
    "Search": "Поиск",
    "Close Search": "Закрыть поиск",
    "Next Result": "Следующее",
    "Previous Result": "Предыдущее",
    "Fullscreen": "Во весь экран",
    "Close fullscreen": "Свернуть",
    "Show data": "Показать данные",
    "Download as CSV": "Скачать CSV",
    "Add row": "Добавить строку",
    "Delete row(s)": "Удалить строки",
    "empty": "пусто",
    "Empty": "Пусто",
    "Loading...": "Загрузка…",
    "Sort ascending": "По возрастанию",
    "Sort descending": "По убыванию",
    "Format": "Формат",
    "Autosize": "Ширина по содержимому",
    "Pin column": "Закрепить столбец",
    "Unpin column": "Открепить столбец",
    "Hide column": "Скрыть столбец",
    "Copy column name": "Копировать название",
    "Show/hide columns": "Показать или скрыть столбцы",
    "Dataframe column menu": "Меню столбца",
    "Connection error": "Нет связи с сервером",
    "Is Streamlit still running? If you accidentally stopped Streamlit, just restart it in your terminal:":
        "Сервер дашборда недоступен (перезапущен или пропала сеть). Показаны последние загруженные данные; "
        "страница обновится сама, когда связь вернётся. Если сервер остановлен, запустите его снова:",
    "streamlit run yourscript.py": "bash run.sh",
    "Streamlit server is not responding. Are you connected to the internet?":
        "Сервер дашборда не отвечает — проверьте подключение к сети. Показаны последние загруженные данные; "
        "страница обновится сама, когда связь вернётся.",
    "Page not found": "Страница не найдена",
    "Increment": "Увеличить",
    "Decrement": "Уменьшить",
    "Running...": "Обновляется…",
    "Stop": "Остановить",
    "Rerun": "Обновить",
    "Settings": "Настройки",
    "Print": "Печать",
    "About": "О программе",
    "Clear cache": "Очистить кэш",
    "Close": "Закрыть",
    "Dismiss": "Закрыть",
    "Main menu": "Меню",
    "Show password text": "Показать пароль",
    "Hide password text": "Скрыть пароль",
    "Press Enter to apply": "Нажмите Enter, чтобы применить",
    "Press Enter to submit form": "Нажмите Enter, чтобы отправить",
    "Collapse sidebar": "Свернуть панель",
    "Expand sidebar": "Развернуть панель",
    "View more": "Ещё",
    "View less": "Свернуть",
    "Copy to clipboard": "Копировать",
    "Open": "Открыть",
    "Cancel": "Отмена",
    "App pages": "Страницы",
    "Sidebar": "Боковая панель",
    "Skip to main content": "Перейти к содержимому",
    "Link to heading": "Ссылка на раздел",
    "Choose date": "Выбрать дату",
    "Selected values": "Выбрано",
    "Show all": "Показать все",
    "Open menu": "Открыть меню",
    "Close menu": "Закрыть меню",
    "Previous month": "Предыдущий месяц",
    "Next month": "Следующий месяц",
    "Today": "Сегодня",
    "Yes": "Да",
    "No": "Нет",
}
# texts with a part that varies: [regular expression, replacement] (JavaScript syntax, $1 = the first group)
PATTERNS = [
    [r"^Limit (\d+(?:\.\d+)?)\s*MB per file(.*)$", "Не больше $1 МБ на файл$2"],
    [r"^(\d+(?:\.\d+)?)\s*MB per file(.*)$", "Не больше $1 МБ на файл$2"],
    [r"^(\d+) selected$", "выбрано: $1"],
    [r"^(\d+) matches$", "совпадений: $1"],
    [r"^File must be ([\d.]+)MB or smaller\.$", "Файл должен быть не больше $1 МБ."],
    [r"^(.*) files? type is not allowed\.?$", "$1: такие файлы не принимаются."],
    [r"^You have requested page /(.*), but no corresponding file was found in the app's pages/ directory\."
     r" Running the app's main page\.$", "Страницы «/$1» нет — открыта главная страница."],
    [r"^The page that you have requested does not seem to exist\. Running the app's main page\.$",
     "Такой страницы нет — открыта главная страница."],
    [r"^(\d+) rows?$", "строк: $1"],
    [r"^Help for (.+)$", "Подсказка: $1"],
    [r"^Cannot connect to Streamlit \(HTTP status: (\d+)\)\.?([\s\S]*)$",
     "Не удаётся подключиться к серверу дашборда (код $1). Откройте адрес, который дал администратор."],
    [r"^(\d+) (?:options?|results?) available\.?$", "вариантов: $1"],
    [r"^option (.+), selected\.$", "выбран вариант «$1»."],
    [r"^option (.+) focused(.*)$", "вариант «$1»"],
    [r"^Remove (.+)$", "Убрать «$1»"],
    [r"^Fullscreen: (.+)$", "Во весь экран: $1"],
    [r"^day, (.+)$", "день, $1"],
    [r"^month, (.+)$", "месяц, $1"],
    [r"^year, (.+)$", "год, $1"],
    [r"^Add: (.+)$", "Добавить: $1"],
    [r"^You can only select up to (\d+) options?\. Remove an option first\.$", "Можно выбрать не больше $1. Сначала уберите лишнее."],
]

_SCRIPT = """
<script>
(function (exact, patterns, ATTRS) {
  if (window.__ruLayer) return;                 // once per browser tab: later runs of the page find it working
  window.__ruLayer = true;
  patterns = patterns.map(([re, to]) => [new RegExp(re), to]);
  function ru(text) {
    if (!text) return null;
    const t = text.trim();
    if (!t || !/[A-Za-z]/.test(t)) return null;         // Russian already: the common case, decided at once
    if (Object.prototype.hasOwnProperty.call(exact, t)) return text.replace(t, exact[t]);
    for (const [re, to] of patterns) if (re.test(t)) return text.replace(t, t.replace(re, to));
    return null;
  }
  function fix(node) {
    if (node.nodeType === 3) {
      const r = ru(node.nodeValue);
      if (r !== null && r !== node.nodeValue) node.nodeValue = r;
      return;
    }
    if (node.nodeType !== 1) return;
    for (const a of ATTRS) {
      const v = node.getAttribute(a);
      const r = ru(v);
      if (r !== null && r !== v) node.setAttribute(a, r);
    }
    for (const c of node.childNodes) fix(c);
  }
  new MutationObserver(list => {
    for (const m of list) {
      if (m.type === "childList") m.addedNodes.forEach(fix);
      else fix(m.target);
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                             attributeFilter: ATTRS});
  fix(document.body);
})(%(exact)s, %(patterns)s, ["placeholder", "aria-label", "title"]);
</script>
"""


def script() -> str:
    return _SCRIPT % {"exact": json.dumps(EXACT, ensure_ascii=False), "patterns": json.dumps(PATTERNS)}


def install() -> None:
    """The translation script in the page itself (it stays working when the server is gone). It goes where
    Streamlit puts style-only HTML — the event container, outside the page's layout — since an element at the top
    of the page shifted everything below it (a dropdown near the bottom edge of the window no longer opened)."""
    from streamlit.delta_generator_singletons import get_dg_singleton_instance

    get_dg_singleton_instance().event_dg.html(script(), unsafe_allow_javascript=True)
