"""Generate the bundled demo workbooks demo/2025-26.xlsx and demo/2026-27.xlsx.

A made-up lyceum of 80 teachers, as a school downloads its Google Sheets
(File → Download → .xlsx): one tab per form, timestamps as date cells, every other
cell as text, checkbox answers joined with ", ". Tab names and question texts come
from config.toml, so the demo follows the config. Deterministic: run it again and
the same files come out.

    .venv/bin/python scripts/make_demo.py

The mess real forms have, on purpose (tests rely on these):
  1. duplicate submission: DUPLICATE (mentee form, both years; the later answer changes topics)
  2. no consent: NO_CONSENT_MENTEE answers «Не даю согласия»; NO_CONSENT_MENTOR leaves consent blank
  3. options with a comma («Работа с одарёнными детьми, олимпиады», «Классное руководство,
     воспитательная работа») in many cells; an "Other" topic OTHER_TOPIC typed by OTHER_PERSON
  4. a blank row in the middle of the mentee request tab (both years)
  5. edited headers in 2026/27: the mentee topics and category questions use their second
     config text; the mentor experience question reads «Стаж педагогической работы, лет» (not in config)
  6. BOTH_ROLES is a mentee in one topic and a mentor in another (2026/27)
  7. experience typed by people: "12 лет", "более 20", "3,5", "полгода"
  8. MIXED_CASE_EMAIL typed with capitals and spaces in the mentor survey
  9. final questionnaires: a score "11" and a "десять"; an open answer with Markdown/HTML (MARKUP);
     an open answer starting with "=" (FORMULA), stored as text
"""
from __future__ import annotations

import csv
import random
import sys
import tomllib
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "config.toml").read_text(encoding="utf-8"))
LISTS = CONFIG["lists"]
TOPICS = LISTS["topics"]
DOMAIN = "integral-lyceum.ru"

MARKUP = "<script>alert('x')</script> ![img](http://example.com/x.png) [ссылка](javascript:alert(1))"
FORMULA = '=HYPERLINK("http://example.com","жми")'
OTHER_TOPIC = "Наставничество для совместителей"

MALE = ["Алексей", "Андрей", "Дмитрий", "Сергей", "Игорь", "Павел", "Михаил", "Николай", "Олег", "Виктор", "Роман", "Евгений"]
FEMALE = ["Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Мария", "Светлана", "Юлия", "Марина", "Екатерина",
          "Людмила", "Галина", "Вера", "Ксения", "Дарья", "Полина", "Алёна"]
PATRONYMIC = ["Александров", "Викторов", "Сергеев", "Иванов", "Петров", "Николаев", "Юрьев", "Андреев", "Михайлов", "Олегов"]
SURNAMES = ["Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков",
            "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев",
            "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
            "Сергеев", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов", "Поляков",
            "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов",
            "Комаров", "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов", "Марков",
            "Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов", "Гаврилов", "Тихонов", "Казаков",
            "Афанасьев", "Данилов", "Савельев", "Тимофеев", "Фомин", "Чернов", "Абрамов", "Мартынов", "Ефимов", "Федотов"]
TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
                     "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))

REQUESTS = {
    "Разработка рабочей программы и КТП": "Нужна помощь с рабочей программой и тематическим планированием под ФГОС.",
    "Современный урок по ФГОС": "Хочу научиться строить урок так, чтобы дети работали сами, а не слушали меня.",
    "ИКТ и цифровые ресурсы в обучении": "Хочу освоить цифровые сервисы для проверочных работ и обратной связи.",
    "Функциональная грамотность": "Не понимаю, как встроить задания на функциональную грамотность в свой предмет.",
    "Подготовка к ОГЭ и ЕГЭ": "Впервые готовлю выпускной класс к экзамену, нужна система подготовки.",
    "Работа с одарёнными детьми, олимпиады": "Хочу готовить ребят к олимпиадам, но не знаю, с чего начать.",
    "Дети с ОВЗ, инклюзивное обучение": "В классе двое детей с ОВЗ, нужна помощь с адаптацией заданий.",
    "Классное руководство, воспитательная работа": "Впервые стала классным руководителем, сложно выстроить работу с классом.",
    "Работа с родителями": "Трудно проводить родительские собрания и отвечать на жалобы родителей.",
    "Дисциплина и управление классом": "На уроках шумно, теряю много времени на дисциплину.",
    "Проектная и исследовательская деятельность": "Нужна помощь в руководстве индивидуальными проектами учеников.",
    "Оценивание, формирующее оценивание": "Хочу перейти к формирующему оцениванию и критериям.",
    "Подготовка к аттестации": "В этом году аттестация на первую категорию, нужна помощь с портфолио.",
    "Профилактика профессионального выгорания": "Чувствую усталость, нужна поддержка и обмен опытом.",
    "Ведение документации, электронный журнал": "Путаюсь в документации и электронном журнале.",
}
PRACTICES = [
    ("Взаимопосещение уроков с чек-листом наблюдения", "Современный урок по ФГОС"),
    ("Совместная разработка урока на функциональную грамотность", "Функциональная грамотность"),
    ("Банк цифровых заданий для формирующего оценивания", "Оценивание, формирующее оценивание"),
    ("Родительское собрание в формате мастерской", "Работа с родителями"),
    ("Кейс-сессии по управлению классом", "Дисциплина и управление классом"),
    ("Олимпиадный кружок вдвоём с наставником", "Работа с одарёнными детьми, олимпиады"),
    ("Дневник рефлексии молодого педагога", "Профилактика профессионального выгорания"),
    ("Проектная неделя: наставник и наставляемый ведут группу вместе", "Проектная и исследовательская деятельность"),
]
GOOD_PRACTICE = ["Взаимные посещения уроков с разбором по чек-листу.", "Совместно разработали серию уроков и провели открытый урок.",
                 "Еженедельные короткие встречи после уроков — очень помогли.", "Наставник показал, как вести родительское собрание.",
                 "Разбирали трудные ситуации на уроках на конкретных примерах.", "Вместе подготовили ребят к олимпиаде."]
IMPROVE = ["Больше времени на встречи в расписании.", "Хотелось бы методических материалов заранее.",
           "Меньше отчётности.", "Встречи групп наставников для обмена опытом.", "", ""]


class Person:
    def __init__(self, i: int, rng: random.Random):
        female = rng.random() < 0.75
        surname = SURNAMES[i] + ("а" if female and not SURNAMES[i].endswith("ь") else "")
        first = rng.choice(FEMALE if female else MALE)
        patronymic = rng.choice(PATRONYMIC) + ("на" if female else "ич")
        self.name = f"{surname} {first} {patronymic}"
        self.email = f"{translit(SURNAMES[i] + ('a' if female else ''))}.{translit(first[0])}{translit(patronymic[0])}@{DOMAIN}"
        self.subject = rng.choice(LISTS["subjects"])
        self.years = 0


def translit(text: str) -> str:
    return "".join(TRANSLIT.get(ch, ch) for ch in text.lower())


def headers(section: str, key: str, **override: str) -> dict[str, str]:
    fields = CONFIG[section][key]["fields"]
    return {name: override.get(name, f["headers"][0]) for name, f in fields.items()}


def tab_name(section: str, key: str) -> str:
    return CONFIG[section][key]["tab"]


def stamp(rng: random.Random, start: datetime, days: int) -> datetime:
    return start + timedelta(days=rng.randrange(days), hours=rng.randrange(8, 20), minutes=rng.randrange(60),
                             seconds=rng.randrange(60))


def experience_text(years: int, rng: random.Random) -> str:
    return rng.choice([str(years), str(years), f"{years} лет" if years >= 5 else str(years)])


def join(options) -> str:
    return ", ".join(options)


# --- one year ---------------------------------------------------------------
def build_year(year: str, rng: random.Random, people: list[Person], completed: bool) -> dict[str, list[list]]:
    y0 = int(year[:4])
    start = datetime(y0, 8, 28)
    edited = not completed  # the second year's forms had some questions edited
    # roles: first 20–22 experienced teachers are mentors, the next ones mentees
    mentors = people[:22] if completed else people[:24]
    mentees = people[30:56] if completed else people[40:70]
    for p in mentors:
        p.years = rng.randrange(12, 35)
    for p in mentees:
        p.years = rng.randrange(0, 6)
    both = people[24] if not completed else None          # BOTH_ROLES in 2026/27
    tabs: dict[str, list[list]] = {}

    # mentee request form
    h = headers("forms", "mentee_request", **({"topics": CONFIG["forms"]["mentee_request"]["fields"]["topics"]["headers"][1],
                                               "category": CONFIG["forms"]["mentee_request"]["fields"]["category"]["headers"][1]}
                                              if edited else {}))
    rows = [list(h.values())]
    entries = []
    for i, p in enumerate(mentees + ([both] if both else [])):
        topics = rng.sample(TOPICS, rng.choice([1, 2, 2, 3]))
        if i % 5 == 0 and "Работа с одарёнными детьми, олимпиады" not in topics:
            topics.append("Работа с одарёнными детьми, олимпиады")
        if i % 6 == 1 and "Классное руководство, воспитательная работа" not in topics:
            topics.insert(0, "Классное руководство, воспитательная работа")
        if p is both:
            topics = ["ИКТ и цифровые ресурсы в обучении"]
        cat = LISTS["mentee_categories"][0 if p.years < 3 else rng.choice([1, 2, 3])]
        if p is both:
            cat = LISTS["mentee_categories"][3]
        exp = experience_text(p.years if p is not both else 18, rng)
        cell_topics = join(t for t in TOPICS if t in topics)
        if i == 3:
            cell_topics += ", " + OTHER_TOPIC
        values = {
            "timestamp": stamp(rng, start + timedelta(days=8), 30), "email": p.email, "full_name": p.name,
            "subjects": p.subject, "position": "Учитель" if i % 9 else "Педагог-психолог", "experience": exp,
            "category": cat, "topics": cell_topics, "request_text": REQUESTS[topics[0]],
            "format": rng.choice(LISTS["mentee_formats"]),
            "availability": join(sorted(rng.sample(LISTS["days"], 2), key=LISTS["days"].index)),
            "consent": "Даю согласие",
        }
        entries.append(values)
    entries[5]["experience"] = "полгода"
    entries[6]["experience"] = "3,5"
    entries[-2]["consent"] = "Не даю согласия"                                   # NO_CONSENT_MENTEE
    dup = dict(entries[1])                                                       # DUPLICATE
    dup["timestamp"] = entries[1]["timestamp"] + timedelta(days=3)
    dup["topics"] = join(["Работа с родителями", "Классное руководство, воспитательная работа"])
    entries.sort(key=lambda e: e["timestamp"])
    entries.append(dup)
    entries.sort(key=lambda e: e["timestamp"])
    for k, e in enumerate(entries):
        if k == len(entries) // 2:
            rows.append([""] * len(h))                                           # the blank row
        rows.append([e.get(name, "") for name in h])
    tabs[tab_name("forms", "mentee_request")] = rows
    bank_mentees = [p for p in mentees if p.email != entries and True]

    # mentor survey
    h = headers("forms", "mentor_survey", **({"experience": "Стаж педагогической работы, лет"} if edited else {}))
    rows = [list(h.values())]
    mentor_entries = []
    for i, p in enumerate(mentors):
        topics = sorted(rng.sample(TOPICS, rng.randrange(2, 6)), key=TOPICS.index)
        if p is people[24 if not completed else 0] and not completed:
            pass
        cap = rng.choice(["1", "2", "2", "3"])
        values = {
            "timestamp": stamp(rng, start + timedelta(days=10), 30), "email": p.email, "full_name": p.name,
            "subjects": p.subject, "experience": "более 20" if i == 2 else experience_text(p.years, rng),
            "qualification": rng.choice(LISTS["qualification"][1:]), "topics": join(topics),
            "capacity": cap, "format": join(rng.sample(LISTS["formats"], rng.choice([1, 2]))),
            "availability": join(sorted(rng.sample(LISTS["days"], 3), key=LISTS["days"].index)),
            "willing": "Да", "consent": "Даю согласие",
        }
        mentor_entries.append(values)
    mentor_entries[4]["capacity"] = "2 человека"
    mentor_entries[7]["willing"] = "Нет"
    mentor_entries[11]["willing"] = "Нет"
    mentor_entries[9]["willing"] = "Возможно"
    mentor_entries[13]["consent"] = ""                                           # NO_CONSENT_MENTOR
    mentor_entries[3]["email"] = " " + mentor_entries[3]["email"].replace(".", ".", 1).title().replace("@", "@", 1) + " "  # MIXED_CASE
    if both:
        mentor_entries.append({**mentor_entries[0], "timestamp": stamp(rng, start + timedelta(days=12), 20),
                               "email": both.email, "full_name": both.name, "subjects": both.subject,
                               "experience": "12 лет", "topics": "Подготовка к ОГЭ и ЕГЭ", "capacity": "1"})
    mentor_entries.sort(key=lambda e: e["timestamp"])
    rows += [[e.get(name, "") for name in h] for e in mentor_entries]
    tabs[tab_name("forms", "mentor_survey")] = rows

    # pairs: a simple topic-aware pairing within capacity
    usable = [e for e in mentor_entries if e["willing"] != "Нет" and e["consent"]]
    load = {e["email"].strip().lower(): 0 for e in usable}
    latest = {}
    for e in entries:
        latest[e["email"]] = e
    pairs = []
    group_no = 0
    mentee_list = [e for e in latest.values() if e["consent"] == "Даю согласие" and e["email"] != (both.email if both else "")]
    if not completed:
        mentee_list = mentee_list[:8]
    else:
        mentee_list = mentee_list[:-2]
    by_mentor: dict[str, list] = {}
    for e in mentee_list:
        wanted = [t for t in TOPICS if t in e["topics"]]
        best = None
        for m in usable:
            mid = m["email"].strip().lower()
            cap = int(m["capacity"][0])
            if load[mid] >= cap or mid == e["email"]:
                continue
            score = len(set(wanted) & set(t for t in TOPICS if t in m["topics"])) + (m["subjects"] == e["subjects"]) * 0.5
            if best is None or score > best[0]:
                best = (score, m)
        if best is None:
            continue
        m = best[1]
        mid = m["email"].strip().lower()
        load[mid] += 1
        shared = [t for t in wanted if t in m["topics"]] or wanted
        by_mentor.setdefault(mid, []).append((e, m, shared[0]))
    for mid, items in by_mentor.items():
        group_no += 1
        gid = (f"Г-{group_no:02d}" if len(items) > 1 else f"П-{group_no:02d}")
        for e, m, topic in items:
            pairs.append([e["email"], e["full_name"], mid, m["full_name"], gid, topic,
                          (start + timedelta(days=rng.randrange(35, 60))).strftime("%d.%m.%Y"),
                          "утверждена", f"Персонализированная программа № {len(pairs) + 1}"])
    if completed:
        pairs[-1][7] = "завершена досрочно"
    tabs[tab_name("service", "pairs")] = [list(headers("service", "pairs").values())] + pairs

    # questionnaires and the meeting log
    items = ["effectiveness", "comfort", "usefulness", "clarity", "support", "satisfaction"]
    struggling = {pairs[2][0], pairs[5][0]} if len(pairs) > 5 else set()
    for role in ("mentee", "mentor"):
        h = headers("forms", f"entry_{role}")
        rows = [list(h.values())]
        seen = set()
        for pr in pairs:
            email = pr[0] if role == "mentee" else pr[2]
            if email in seen or rng.random() < 0.1:
                continue
            seen.add(email)
            vals = {"timestamp": stamp(rng, start + timedelta(days=40), 25), "email": email}
            vals.update({it: str(rng.randrange(6, 10)) for it in items})
            rows.append([vals.get(n, "") for n in h])
        tabs[tab_name("forms", f"entry_{role}")] = rows
    if completed:
        for role in ("mentee", "mentor"):
            h = headers("forms", f"final_{role}")
            rows = [list(h.values())]
            seen = set()
            for k, pr in enumerate(pairs):
                email = pr[0] if role == "mentee" else pr[2]
                if email in seen or (role == "mentee" and k in (4, 9, 15)) or (role == "mentor" and k == 12):
                    continue
                seen.add(email)
                bad = pr[0] in struggling
                vals = {"timestamp": stamp(rng, datetime(y0 + 1, 5, 12), 14), "email": email}
                vals.update({it: str(rng.randrange(3, 6) if bad else rng.randrange(7, 11)) for it in items})
                vals.update({f: rng.choice(LISTS["frequency"][:2] if not bad else LISTS["frequency"][1:])
                             for f in ("open_lessons", "joint_work", "meetings")})
                vals.update({"glad": "Да" if not bad else "Нет", "continue": "Да" if not bad else "Нет",
                             "become_mentor": rng.choice(["Да", "Нет"]),
                             "best_practice": rng.choice(GOOD_PRACTICE), "improve": rng.choice(IMPROVE)})
                rows.append([vals.get(n, "") for n in h])
            if role == "mentee":
                rows[3][list(h).index("effectiveness")] = "11"
                rows[5][list(h).index("comfort")] = "десять"
                rows[2][list(h).index("best_practice")] = MARKUP
                rows[4][list(h).index("improve")] = FORMULA
            tabs[tab_name("forms", f"final_{role}")] = rows

    h = headers("forms", "meetings")
    rows = [list(h.values())]
    end = datetime(y0 + 1, 5, 25) if completed else datetime(y0, 11, 20)
    quiet = pairs[3][0] if len(pairs) > 3 else None
    for pr in pairs:
        day = datetime.strptime(pr[6], "%d.%m.%Y") + timedelta(days=rng.randrange(3, 10))
        while day < end:
            if pr[0] == quiet and day > datetime(y0 + 1, 1, 31):
                break
            rows.append([(day + timedelta(hours=17)).replace(minute=rng.randrange(60)), pr[2], pr[0],
                         day.strftime("%d.%m.%Y"), rng.choice(["Разбор урока", "Планирование", "Открытый урок",
                                                               "Консультация", "Работа с документацией"]),
                         rng.choice(["30", "45", "60"])])
            day += timedelta(days=rng.randrange(14, 28))
    rows[1:] = sorted(rows[1:], key=lambda r: r[0])
    tabs[tab_name("forms", "meetings")] = rows

    tabs[tab_name("service", "roadmap")] = roadmap(y0, completed)
    tabs[tab_name("service", "events")] = events(y0, completed)
    tabs[tab_name("service", "publications")] = publications(y0, completed)
    if completed:
        tabs[tab_name("service", "practices")] = practices(rng, pairs)
    return tabs


def roadmap(y0: int, completed: bool) -> list[list]:
    with open(ROOT / "demo" / "roadmap-seed.tsv", encoding="utf-8") as fh:
        seed = list(csv.reader(fh, delimiter="\t"))
    status = ["выполнен"] * 6 + ["в работе"] if completed else \
        ["выполнен", "выполнен", "выполнен", "в работе", "в работе", "не начат", "в работе"]
    done = [f"30.09.{y0}", f"25.10.{y0}", f"25.10.{y0}", f"28.11.{y0}", f"29.05.{y0 + 1}", f"27.05.{y0 + 1}", ""] if completed \
        else [f"30.09.{y0}", f"24.10.{y0}", f"24.10.{y0}", "", "", "", ""]
    rows = [seed[0] + ["Статус", "Дата выполнения", "Примечание"]]
    for k, r in enumerate(seed[1:]):
        r = list(r)
        r[3] = r[3].replace("2022", str(y0)).replace("2023", str(y0 + 1))
        rows.append(r + [status[k], done[k], ""])
    return rows


def events(y0: int, completed: bool) -> list[list]:
    rows = [["Дата", "Вид", "Название", "Этап", "Участники"],
            [f"29.08.{y0}", "приказ", "Об утверждении положения о системе наставничества педагогических работников", "1", ""],
            [f"18.09.{y0}", "консультация", "Консультация для наставников: роль наставника", "4", "14"],
            [f"09.10.{y0}", "обучение", "Обучающий семинар: персонализированная программа наставничества", "4", "17"]]
    if completed:
        rows += [[f"15.10.{y0}", "приказ", "О закреплении наставнических пар/групп", "1", ""],
                 [f"20.11.{y0}", "консультация", "Обмен опытом наставников: разбор трудных случаев", "4", "12"],
                 [f"12.02.{y0 + 1}", "консультация", "Психологическая поддержка молодых педагогов", "5", "9"],
                 [f"22.04.{y0 + 1}", "семинар", "Школьный семинар «Наставничество: первые итоги»", "6", "46"],
                 [f"27.05.{y0 + 1}", "итоговое мероприятие", "Итоговое мероприятие: лучшие практики наставничества", "6", "52"]]
    else:
        rows += [[f"13.11.{y0}", "консультация", "Обмен опытом наставников", "4", "11"]]
    return rows


def publications(y0: int, completed: bool) -> list[list]:
    rows = [["Дата", "Канал", "Заголовок", "Ссылка", "Этап"],
            [f"01.09.{y0}", "Сайт лицея", "Стартует программа наставничества", "https://example.org/news/1", "1"],
            [f"20.09.{y0}", "ВКонтакте", "Опрос педагогов: какие темы нужны", "https://example.org/vk/2", "2"],
            [f"26.09.{y0}", "Telegram", "Ищем наставников", "https://example.org/tg/3", "3"],
            [f"12.10.{y0}", "Сайт лицея", "Обучение наставников", "https://example.org/news/4", "4"]]
    if completed:
        rows += [[f"20.10.{y0}", "ВКонтакте", "Сформированы наставнические пары", "https://example.org/vk/5", "5"],
                 [f"15.12.{y0}", "Telegram", "Открытые уроки молодых педагогов", "https://example.org/tg/6", "5"],
                 [f"24.04.{y0 + 1}", "Сайт лицея", "Школьный семинар по наставничеству", "https://example.org/news/7", "6"],
                 [f"29.05.{y0 + 1}", "ВКонтакте", "Итоги года: лучшие практики", "https://example.org/vk/8", "6"],
                 [f"30.05.{y0 + 1}", "Муниципальный сайт", "Опыт лицея на сайте управления образования",
                  "https://example.org/mun/9", "7"]]
    return rows


def practices(rng: random.Random, pairs: list[list]) -> list[list]:
    rows = [list(headers("service", "practices").values())]
    for k, (title, topic) in enumerate(PRACTICES):
        pr = pairs[k % len(pairs)]
        rows.append([title, topic, rng.choice(LISTS["subjects"]), pr[4], f"Практика пары/группы {pr[4]} по теме «{topic}».",
                     "Да" if k % 2 == 0 else "Нет"])
    return rows


def write(tabs: dict[str, list[list]], path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in tabs.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append([v if isinstance(v, datetime) else str(v) for v in r])
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
                if isinstance(cell.value, datetime):
                    cell.number_format = "DD.MM.YYYY HH:MM:SS"
    wb.properties.creator = "make_demo.py"
    wb.properties.created = datetime(2026, 11, 1)
    wb.properties.modified = datetime(2026, 11, 1)
    wb.save(path)


def main() -> None:
    rng = random.Random(2025)
    people = [Person(i, rng) for i in range(80)]
    for year, completed in (("2025/26", True), ("2026/27", False)):
        out = ROOT / "demo" / (year.replace("/", "-") + ".xlsx")
        write(build_year(year, rng, people, completed), out)
        print(f"written {out}")


if __name__ == "__main__":
    sys.exit(main())
