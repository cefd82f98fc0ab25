"""Generate the bundled demo workbooks demo/2025-26.xlsx and demo/2026-27.xlsx.

    .venv/bin/python scripts/make_demo.py [--out DIR]

A made-up «Лицей ИНТЕГРАЛ» of 80 teachers, as a school downloads its Google Sheets
(File → Download → .xlsx): one tab per Google Form (first column «Отметка времени» as a
real date cell, every other cell text, checkbox answers joined with ", ", grid questions
as «Вопрос [Строка]» columns) plus the program's service tabs. Tab names and question
texts come from config.toml, so the demo follows the config. Deterministic: the same
seed (random.Random(2025)) gives byte-identical files on every run.

2025/26 is a completed year (25.08.2025–31.05.2026) and carries what a finished year has: both orders,
final questionnaires, the seminar and the final event, every pair's saved ППН («Программы», drafted and
written by the app's own plans code, activities marked done) and «Поддержка» for the mentees nobody could
take; its roadmap sheet says «выполнен» for all seven stages. 2026/27 is in progress (today 24.11.2026;
data up to 20.11.2026: no final questionnaires, no practices, no order on pairs yet — stage 1 «в работе»).

The mess real forms have, made on purpose (tests rely on it). Rows are sheet rows of the
generated files (the header is row 1); all e-mails are @integral-lyceum.ru.
  1. Duplicate submission, the later answer changes topics («Запросы наставляемых»):
     2025/26 sokolova.da, rows 2 and 6; 2026/27 novikova.ps, rows 2 and 14.
  2. No consent: mentee zaytsev.on answers «Не даю согласия» (2025/26 row 7), makarov.iv
     the same (2026/27 row 20). Mentor consent cell left empty («Анкета наставников»):
     volkov.sp (2025/26 row 6), lebedeva.gi (2026/27 row 21).
  3. Options containing a comma («Работа с одарёнными детьми, олимпиады», «Классное
     руководство, воспитательная работа») in a dozen topics cells of each form and year,
     mostly together with other topics; an "Other" answer «Наставничество для совместителей»
     at the end of fomina.lo's topics cell (2025/26 «Запросы наставляемых» row 20).
  4. A completely blank row in the middle of «Запросы наставляемых»: 2025/26 row 15,
     2026/27 row 18.
  5. Edited questions in 2026/27: the mentee topics and category columns carry the second
     config text (headers[1]); the mentor experience column reads «Стаж педагогической
     работы, лет», a text not in config.toml (matched fuzzily, with a warning).
  6. orlov.ds in 2026/27 is a mentee in «ИКТ и цифровые ресурсы в обучении» («Запросы
     наставляемых» row 31; mentor smirnova.av) and a mentor in «Подготовка к ОГЭ и ЕГЭ»
     («Анкета наставников» row 11; mentee guseva.ad).
  7. Experience typed by people, 2025/26: "12" nikitina.ms (row 19), "12 лет" fomina.lo
     (row 20), "3,5" titov.ra (row 3), "полгода" guseva.ad (row 24) in «Запросы
     наставляемых»; "более 20" kuznetsova.gm in «Анкета наставников» (row 17).
  8. " Petrova.IV@Integral-Lyceum.ru " (capitals, spaces) in the 2025/26 mentor survey (row 9);
     she is petrova.iv@integral-lyceum.ru in «Пары», the questionnaires and the meeting log.
  9. 2025/26 «Итоговая анкета наставляемых»: effectiveness "11" by sokolova.da (row 7),
     comfort "десять" by nikitina.ms (row 15). No markup or formula payloads: the security tests build
     their own hostile books from these (tests/payloads.py).
 10. Written consent to the mentoring duties («Согласие на участие в программе наставничества и на дополнительные
     обязанности»): «Да» from everyone but one paired young teacher of 2026/27 (the last of the four paired by
     `free_mentor`), whose cell is empty — «Подбор пар» and the order name her.
Monitoring (issue 14): the entry and final questionnaires carry the growth items of stage 2 (self-ratings
«now», [monitoring] stage2) and the finals the plan items of stage 1; 2025/26 has one curator's answer
(«Анкета куратора») and a «Педагоги» tab of 69 teachers with experience and age group; 2026/27's «Педагоги»
(78: komarova.ko and the last young teacher of 2025 left, the 2026 hires came) has no age column yet. These
values come from their own generator (seeded by person and year), so every earlier cell stayed as it was.
The «SWOT» tab of 2025/26 holds the coordinator's board (the SWOT tab is not a form; 2026/27 has none yet).
The story behind the numbers (2025/26): the pairs guseva.ad–morozov.av and titov.ra–belova.tn
struggle (final scores 3–5); guseva.ad says «Нет» to continuing, and her pair logs no meeting
after January. komarova.ko (group of egorova.ni) is «завершена досрочно» in March 2026 and
does not answer the final form. nikitina.ms answered the final form, her mentor sorokina.vp
did not. Nobody willing covers «Дети с ОВЗ, инклюзивное обучение» (its only mentor,
zakharova.ov, says «Нет»), so the three mentees who asked for it stay without a pair; in
2026/27 a new mentor offers it. Mentor survey 2025/26: «Нет» from zakharova.ov and
kiselev.va, «Возможно» from medvedeva.si, capacity "2 человека" from kuznetsova.gm.
"""
from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
import tempfile
import tomllib
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo"
with open(ROOT / "config.toml", "rb") as _fh:
    CONFIG = tomllib.load(_fh)
LISTS = CONFIG["lists"]
TOPICS, SUBJECTS, DAYS = LISTS["topics"], LISTS["subjects"], LISTS["days"]
CATEGORIES, FREQUENCY = LISTS["mentee_categories"], LISTS["frequency"]
YOUNG, NEW, CHANGED, GROWTH = CATEGORIES
PAIR_FORMAT, GROUP_FORMAT = LISTS["formats"][:2]          # the demo has no remote pairs
ANY_FORMAT = "Не важно"

SEED = 2025
DOMAIN = "integral-lyceum.ru"
CONSENT, NO_CONSENT = "Даю согласие", "Не даю согласия"
GIFTED, CLASS_TEACHER = "Работа с одарёнными детьми, олимпиады", "Классное руководство, воспитательная работа"
COMMA_TOPICS = (GIFTED, CLASS_TEACHER)
GAP_TOPIC = "Дети с ОВЗ, инклюзивное обучение"     # nobody willing covers it in 2025/26
OTHER_TOPIC = "Наставничество для совместителей"
MIXED_CASE_EMAIL = " Petrova.IV@Integral-Lyceum.ru "
EDITED_EXPERIENCE_HEADER = "Стаж педагогической работы, лет"
ITEMS = ("effectiveness", "comfort", "usefulness", "clarity", "support", "satisfaction")
FREQ_ITEMS = ("open_lessons", "joint_work", "meetings")

# --- the cast ---------------------------------------------------------------------------
# Teachers the story needs, by a short key: ФИО, e-mail, subjects, first year of teaching,
# qualification. Everybody else is generated from the name pools below.
KEY_TEACHERS = {
    # mentors
    "petrova": ("Петрова Ирина Васильевна", "petrova.iv", ["Английский язык"], 2001, "Высшая"),
    "kuznetsova": ("Кузнецова Галина Михайловна", "kuznetsova.gm", ["Математика"], 1997, "Педагог-наставник"),
    "volkov": ("Волков Сергей Петрович", "volkov.sp", ["История", "Обществознание"], 2004, "Высшая"),
    "morozov": ("Морозов Андрей Викторович", "morozov.av", ["Физика"], 2009, "Первая"),
    "belova": ("Белова Татьяна Николаевна", "belova.tn", ["Русский язык", "Литература"], 1994, "Высшая"),
    "egorova": ("Егорова Наталья Ивановна", "egorova.ni", ["Начальные классы"], 1999, "Педагог-методист"),
    "sorokina": ("Сорокина Вера Павловна", "sorokina.vp", ["Химия", "Биология"], 2006, "Высшая"),
    "smirnova": ("Смирнова Анна Викторовна", "smirnova.av", ["Информатика"], 2003, "Высшая"),
    "zakharova": ("Захарова Ольга Викторовна", "zakharova.ov", ["Начальные классы"], 1992, "Высшая"),
    "kiselev": ("Киселёв Виктор Андреевич", "kiselev.va", ["Физическая культура"], 1990, "Первая"),
    "medvedeva": ("Медведева Светлана Игоревна", "medvedeva.si", ["Психология"], 2008, "Первая"),
    "orlov": ("Орлов Дмитрий Сергеевич", "orlov.ds", ["Физика"], 2013, "Высшая"),
    "lebedeva": ("Лебедева Галина Ивановна", "lebedeva.gi", ["География"], 2000, "Высшая"),
    # mentees
    "sokolova": ("Соколова Дарья Андреевна", "sokolova.da", ["Математика"], 2024, "Без категории"),
    "zaytsev": ("Зайцев Олег Николаевич", "zaytsev.on", ["Технология"], 2017, "Первая"),
    "fomina": ("Фомина Людмила Олеговна", "fomina.lo", ["Музыка"], 2013, "Первая"),
    "guseva": ("Гусева Алёна Дмитриевна", "guseva.ad", ["Физика"], 2025, "Без категории"),
    "titov": ("Титов Роман Алексеевич", "titov.ra", ["Русский язык", "Литература"], 2022, "Без категории"),
    "komarova": ("Комарова Ксения Олеговна", "komarova.ko", ["Начальные классы"], 2023, "Без категории"),
    "nikitina": ("Никитина Мария Сергеевна", "nikitina.ms", ["Биология"], 2013, "Первая"),
    "novikova": ("Новикова Полина Сергеевна", "novikova.ps", ["Английский язык"], 2026, "Без категории"),
    "makarov": ("Макаров Игорь Валерьевич", "makarov.iv", ["ОБЗР"], 2021, "Без категории"),
}
# Generated teachers: (group, how many, first year of teaching from–to).
GENERATED = [("experienced", 12, 1988, 2012), ("young25", 12, 2022, 2024), ("mid25", 7, 2005, 2019),
             ("young26", 10, 2023, 2026), ("mid26", 13, 2000, 2020), ("others", 4, 1995, 2020)]

FEMALE_NAMES = ["Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Мария", "Светлана", "Юлия", "Марина",
                "Екатерина", "Людмила", "Галина", "Вера", "Ксения", "Дарья", "Полина", "Алёна", "Виктория",
                "Анастасия", "Оксана", "Надежда", "Лариса", "Валентина", "Софья", "Кристина"]
MALE_NAMES = ["Алексей", "Андрей", "Дмитрий", "Сергей", "Игорь", "Павел", "Михаил", "Николай", "Олег", "Виктор",
              "Роман", "Евгений", "Артём", "Константин", "Владимир", "Илья"]
PATRONYMICS = [("Александрович", "Александровна"), ("Сергеевич", "Сергеевна"), ("Николаевич", "Николаевна"),
               ("Андреевич", "Андреевна"), ("Игоревич", "Игоревна"), ("Викторович", "Викторовна"),
               ("Владимирович", "Владимировна"), ("Михайлович", "Михайловна"), ("Юрьевич", "Юрьевна"),
               ("Олегович", "Олеговна"), ("Павлович", "Павловна"), ("Дмитриевич", "Дмитриевна"),
               ("Петрович", "Петровна"), ("Иванович", "Ивановна"), ("Васильевич", "Васильевна"),
               ("Анатольевич", "Анатольевна"), ("Геннадьевич", "Геннадьевна"), ("Алексеевич", "Алексеевна"),
               ("Борисович", "Борисовна"), ("Евгеньевич", "Евгеньевна")]
SURNAMES = ["Иванов", "Попов", "Васильев", "Михайлов", "Фёдоров", "Алексеев", "Семёнов", "Козлов",
            "Степанов", "Николаев", "Андреев", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев",
            "Романов", "Воробьёв", "Сергеев", "Фролов", "Александров", "Дмитриев", "Королёв", "Ильин", "Максимов",
            "Поляков", "Виноградов", "Ковалёв", "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Давыдов",
            "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Марков", "Миронов", "Крылов",
            "Куликов", "Карпов", "Власов", "Мельников", "Денисов", "Гаврилов", "Тихонов", "Казаков", "Афанасьев",
            "Данилов", "Савельев", "Тимофеев", "Чернов", "Абрамов", "Мартынов", "Ефимов", "Федотов", "Щербаков",
            "Назаров", "Калинин", "Исаев", "Чернышёв", "Быков", "Маслов", "Родионов", "Коновалов", "Лазарев",
            "Воронин", "Климов", "Филатов", "Пономарёв", "Голубев", "Кудрявцев", "Прохоров", "Наумов", "Потапов",
            "Журавлёв", "Овчинников", "Трофимов", "Леонов", "Соболев", "Ермаков", "Колесников", "Гончаров"]
# subject -> how often it is taught here; some subjects come in twos
SUBJECT_WEIGHTS = {"Математика": 7, "Информатика": 2, "Физика": 3, "Химия": 2, "Биология": 2, "География": 2,
                   "Русский язык": 7, "Английский язык": 6, "Немецкий язык": 1, "История": 4,
                   "Начальные классы": 8, "Физическая культура": 3, "Музыка": 1, "Изобразительное искусство": 1,
                   "Технология": 2, "ОБЗР": 1, "Психология": 1}
SUBJECT_PARTNERS = {"Русский язык": ("Литература", 0.8), "История": ("Обществознание", 0.8),
                    "Математика": ("Информатика", 0.15), "Химия": ("Биология", 0.3),
                    "Немецкий язык": ("Английский язык", 0.5)}
TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
                     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))

# --- what people write ------------------------------------------------------------------
REQUESTS = {
    "Разработка рабочей программы и КТП": [
        "Нужна помощь с рабочей программой и тематическим планированием: не понимаю, как уложить всё в часы.",
        "Хочу разобраться, как составлять КТП под ФОП, чтобы программа не была формальностью."],
    "Современный урок по ФГОС": [
        "Хочу научиться строить урок так, чтобы дети работали сами, а не только слушали меня.",
        "Мои уроки получаются однообразными, хочу увидеть, как коллеги используют разные формы работы."],
    "ИКТ и цифровые ресурсы в обучении": [
        "Хочу освоить цифровые сервисы для проверочных работ и быстрой обратной связи.",
        "Есть интерактивная панель, но пользуюсь ей как доской, хочу применять её по-настоящему."],
    "Функциональная грамотность": [
        "Не понимаю, как встроить задания на функциональную грамотность в свой предмет.",
        "Нужны примеры заданий на читательскую и естественнонаучную грамотность и помощь с их разбором."],
    "Подготовка к ОГЭ и ЕГЭ": [
        "Впервые готовлю выпускной класс к экзамену, нужна система подготовки.",
        "Хочу выстроить подготовку к ОГЭ так, чтобы не натаскивать, а учить."],
    GIFTED: [
        "Хочу готовить ребят к олимпиадам, но не знаю, с чего начать.",
        "В классе есть сильные ученики, им скучно на уроках — нужна помощь с индивидуальными заданиями."],
    GAP_TOPIC: [
        "В классе двое детей с ОВЗ, нужна помощь с адаптацией заданий и оцениванием.",
        "Не знаю, как работать по адаптированной программе и одновременно вести весь класс."],
    CLASS_TEACHER: [
        "В этом году впервые веду класс как классный руководитель, сложно выстроить работу с ребятами.",
        "Нужна помощь с планом воспитательной работы и классными часами, которые детям интересны."],
    "Работа с родителями": [
        "Трудно проводить родительские собрания и отвечать на жалобы родителей.",
        "Хочу научиться спокойно разговаривать с родителями в конфликтных ситуациях."],
    "Дисциплина и управление классом": [
        "На уроках шумно, теряю много времени на дисциплину.",
        "С одним классом не складываются отношения, нужен совет опытного коллеги."],
    "Проектная и исследовательская деятельность": [
        "Нужна помощь в руководстве индивидуальными проектами учеников.",
        "Хочу вывести учеников на научно-практическую конференцию, но не знаю требований."],
    "Оценивание, формирующее оценивание": [
        "Хочу перейти к формирующему оцениванию и критериям, а не только ставить отметки.",
        "Ученики не понимают, за что получают оценку, хочу сделать оценивание прозрачным."],
    "Подготовка к аттестации": [
        "В этом году аттестация на категорию, нужна помощь с портфолио.",
        "Готовлюсь к аттестации, хочу понять, какие материалы собрать и как их оформить."],
    "Профилактика профессионального выгорания": [
        "Чувствую усталость к середине четверти, нужна поддержка и обмен опытом.",
        "Хочу научиться распределять нагрузку так, чтобы оставались силы на себя."],
    "Ведение документации, электронный журнал": [
        "Путаюсь в документации и электронном журнале, много времени уходит на бумаги.",
        "Нужна помощь с отчётами и ведением электронного журнала."],
}
OTHER_REQUEST = "Работаю по совместительству два дня в неделю, хочу быстрее влиться в жизнь лицея."
ACTIVITIES = ["Разбор посещённого урока", "Планирование уроков на следующую неделю", "Подготовка открытого урока",
              "Обсуждение трудной ситуации в классе", "Анализ контрольной работы", "Работа с документацией",
              "Подготовка к родительскому собранию", "Посещение урока наставника", "Подбор заданий и материалов",
              "Обсуждение персонализированной программы", "Рефлексия: что получилось за месяц"]
FIRST_MEETING = "Знакомство, составление персонализированной программы"
MENTEE_BEST = [
    "Взаимные посещения уроков: после каждого урока разбирали по чек-листу, что получилось, а что нет.",
    "Совместно подготовили и провели открытый урок для коллег.",
    "Короткие встречи раз в неделю после уроков — можно было сразу обсудить трудную ситуацию.",
    "Разобрали видеозапись моего урока, стало понятно, где теряется время.",
    "Обменивались материалами в общей папке, это экономило много времени.",
    "Наставник всегда был на связи, можно было задать вопрос в тот же день.",
]
MENTEE_BEST_BY_TOPIC = {
    "Разработка рабочей программы и КТП": "Вместе составили рабочую программу, теперь понятно, как планировать четверть.",
    GIFTED: "Вместе подготовили двух учеников к муниципальному этапу олимпиады.",
    "Работа с родителями": "Наставник помог подготовить первое родительское собрание и был на нём.",
    "Оценивание, формирующее оценивание": "Научились давать ученикам обратную связь по критериям, а не только ставить отметки.",
    "Подготовка к аттестации": "Портфолио к аттестации собрали по плану, без спешки в последний месяц.",
    CLASS_TEACHER: "Классные часы теперь готовят сами ребята, а я помогаю — так советовал наставник.",
    "Ведение документации, электронный журнал": "Памятка по документам со сроками — больше ничего не забываю.",
}
MENTEE_BEST_GROUP = "В группе стало понятно, что трудности не только у меня, и мы помогали друг другу."
MENTOR_BEST = [
    "Открытый урок наставляемого: готовили вместе, а провёл его коллега сам.",
    "Договорились задавать вопросы в мессенджере в любое время, а встречаться раз в две недели.",
    "Совместное планирование уроков на неделю вперёд.",
    "Разбор трудных ситуаций на конкретных случаях из практики.",
    "Вели общий дневник наблюдений за уроками.",
    "Посещали уроки друг друга и обсуждали их по заранее выбранному вопросу.",
]
MENTOR_BEST_GROUP = "Групповые встречи: молодые коллеги помогали друг другу не меньше, чем наставник."
IMPROVE = [
    "Заложить время для встреч в расписание, а не искать окна после уроков.",
    "Раздать методические материалы для наставников в начале года.",
    "Меньше отчётных документов по программе.",
    "Чаще собирать всех наставников, чтобы обмениваться опытом.",
    "Дать возможность посещать уроки наставника без замены в своих классах.",
    "Учитывать нагрузку наставника при распределении пар.",
    "Добавить встречи с психологом для молодых педагогов.",
    "Всё устраивает, спасибо.", "", "", "",
]
STRUGGLING_BEST = ["Пару раз удалось обсудить уроки, это было полезно.", "Трудно выделить что-то одно.", ""]
STRUGGLING_IMPROVE = ["Встречи постоянно переносились, не хватало времени у обоих.",
                      "Нужен более чёткий план работы с самого начала.",
                      "Подбирать пары с учётом расписания — мы почти не пересекались в лицее."]
# best practices bank: pair topic -> practices a pair/group on that topic could present
PRACTICES = {
    "Разработка рабочей программы и КТП": [
        ("Рабочая программа вдвоём", "Наставник и наставляемый вместе составили КТП на полугодие и каждый месяц сверяли её с фактическим прохождением материала.")],
    "Современный урок по ФГОС": [
        ("Взаимопосещение уроков с чек-листом наблюдения", "Короткий чек-лист из пяти вопросов, урок наставника и урок наставляемого каждую четверть, разбор в тот же день."),
        ("Конструктор урока: от цели к рефлексии", "Общий шаблон плана урока с вариантами приёмов на каждый этап, который группа пополняла весь год.")],
    "ИКТ и цифровые ресурсы в обучении": [
        ("Банк цифровых заданий для обратной связи", "Общая папка с проверочными работами в онлайн-сервисах, которые проверяются автоматически.")],
    "Функциональная грамотность": [
        ("Урок на функциональную грамотность: от задания к разбору", "Совместная разработка заданий на основе реальных ситуаций и их апробация в параллели.")],
    "Подготовка к ОГЭ и ЕГЭ": [
        ("Карта западающих тем выпускного класса", "Диагностика по демоверсии, карта тем класса и план повторения на полугодие.")],
    GIFTED: [
        ("Олимпиадный кружок с наставником", "Еженедельный кружок, который ведут наставник и наставляемые; трое учеников прошли на муниципальный этап."),
        ("Индивидуальные маршруты для сильных учеников", "Задания повышенной сложности к каждой теме и консультации раз в две недели для учеников, которым скучно на уроке.")],
    CLASS_TEACHER: [
        ("Классный час, который готовят сами дети", "Наставник помог передать подготовку классных часов группам учеников и выстроить план воспитательной работы."),
        ("Первый год классного руководителя: календарь дел", "Календарь дел классного руководителя на год с образцами документов и идеями мероприятий.")],
    "Работа с родителями": [
        ("Родительское собрание в формате мастерской", "Собрание, на котором родители решают практические задачи вместе с учителем, а не слушают отчёт.")],
    "Дисциплина и управление классом": [
        ("Кейс-сессии по управлению классом", "Разбор реальных трудных ситуаций с уроков по общей схеме: что случилось, что сделать, как предупредить.")],
    "Проектная и исследовательская деятельность": [
        ("Проектная неделя: наставник и наставляемый ведут группу вместе", "Совместное руководство проектами учеников с распределением ролей и общей защитой.")],
    "Оценивание, формирующее оценивание": [
        ("Критерии оценивания, понятные ученикам", "Критерии к каждой работе, самооценка учеников и сравнение с оценкой учителя.")],
    "Подготовка к аттестации": [
        ("Портфолио к аттестации по шагам", "План подготовки портфолио на полгода с контрольными точками и открытым уроком."),
        ("Открытый урок к аттестации: три репетиции", "Наставник посещает три пробных урока, после каждого — разбор по критериям аттестации.")],
    "Профилактика профессионального выгорания": [
        ("Дневник рефлексии молодого педагога", "Еженедельная запись удач и трудностей, которую наставник и наставляемый обсуждают раз в месяц.")],
    "Ведение документации, электронный журнал": [
        ("Памятка по документации для новых сотрудников", "Памятка со сроками и образцами документов, которую составили наставник и наставляемый.")],
}

# --- service tabs -----------------------------------------------------------------------
EVENTS_HEADER = ["Дата", "Вид", "Название", "Этап", "Участники"]
ORDER_REGULATION = ("Об утверждении положения о системе наставничества педагогических работников "
                    "в МАОУ ЦО «Лицей ИНТЕГРАЛ»")
ORDER_PAIRS = "О закреплении наставнических пар/групп"
EVENTS = {
    "2025/26": [
        ("29.08.2025", "приказ", ORDER_REGULATION, 1, ""),
        ("17.09.2025", "консультация", "Консультация для наставников: роль наставника и персонализированная программа", 4, 16),
        ("07.10.2025", "приказ", ORDER_PAIRS, 1, ""),
        ("15.10.2025", "обучение", "Обучение наставников: как разработать персонализированную программу", 4, 17),
        ("19.11.2025", "консультация", "Обмен опытом наставников: трудные случаи", 4, 13),
        ("21.01.2026", "обучение", "Формирующее оценивание: как помочь молодому коллеге", 4, 15),
        ("11.02.2026", "консультация", "Консультация педагога-психолога для наставляемых без пары", 5, 3),
        ("22.04.2026", "семинар", "Школьный семинар «Наставничество: от запроса к результату»", 6, 48),
        ("27.05.2026", "итоговое мероприятие", "Итоговое мероприятие: лучшие практики наставничества", 6, 54),
    ],
    "2026/27": [
        ("28.08.2026", "приказ", ORDER_REGULATION, 1, ""),
        ("23.09.2026", "консультация", "Консультация для наставников: итоги прошлого года и новые запросы", 4, 18),
        ("14.10.2026", "обучение", "Обучение наставников: работа с детьми с ОВЗ", 4, 12),
        ("18.11.2026", "консультация", "Обмен опытом наставников: первые встречи пар", 4, 11),
    ],
}
PUBLICATIONS_HEADER = ["Дата", "Канал", "Заголовок", "Ссылка", "Этап"]
PUBLICATIONS = {
    "2025/26": [
        ("01.09.2025", "Сайт лицея", "В лицее стартует система наставничества педагогов", "https://example.com/integral/news/nastavnichestvo-start", 1),
        ("05.09.2025", "Telegram", "Расскажите, в чём вам нужна поддержка: анкета для педагогов", "https://example.com/t/integral_lyceum/214", 2),
        ("08.09.2025", "ВКонтакте", "Ищем наставников: анкета для опытных педагогов", "https://example.com/vk/integral_lyceum?w=wall-1_311", 3),
        ("16.10.2025", "Сайт лицея", "Сформированы наставнические пары и группы", "https://example.com/integral/news/pary-2025", 5),
        ("17.10.2025", "ВКонтакте", "Как мы учим наставников: обучающий семинар", "https://example.com/vk/integral_lyceum?w=wall-1_342", 4),
        ("12.12.2025", "Telegram", "Открытые уроки молодых педагогов", "https://example.com/t/integral_lyceum/268", 5),
        ("24.01.2026", "ВКонтакте", "Формирующее оценивание: наставники делятся опытом", "https://example.com/vk/integral_lyceum?w=wall-1_377", 4),
        ("23.04.2026", "Сайт лицея", "Школьный семинар по наставничеству", "https://example.com/integral/news/seminar-2026", 6),
        ("28.05.2026", "ВКонтакте", "Итоги года: лучшие практики наставничества", "https://example.com/vk/integral_lyceum?w=wall-1_402", 6),
        ("29.05.2026", "Telegram", "Методическая копилка пополнилась", "https://example.com/t/integral_lyceum/305", 7),
    ],
    "2026/27": [
        ("31.08.2026", "Сайт лицея", "Система наставничества: второй год", "https://example.com/integral/news/nastavnichestvo-2026", 1),
        ("07.09.2026", "Telegram", "Анкета наставляемого открыта до конца сентября", "https://example.com/t/integral_lyceum/341", 2),
        ("08.09.2026", "ВКонтакте", "Приглашаем стать наставником", "https://example.com/vk/integral_lyceum?w=wall-1_455", 3),
        ("15.10.2026", "ВКонтакте", "Наставники учатся работать с детьми с ОВЗ", "https://example.com/vk/integral_lyceum?w=wall-1_471", 4),
    ],
}
ROADMAP_EXTRA = ["Статус", "Дата выполнения", "Примечание"]
ROADMAP_STATUS = {
    "2025/26": [("выполнен", "07.10.2025", "Приказы от 29.08.2025 и 07.10.2025"),
                ("выполнен", "30.09.2025", "Банк наставляемых сформирован"),
                ("выполнен", "30.09.2025", "Банк наставников сформирован"),
                ("выполнен", "28.11.2025", "Проведены консультации и обучение наставников"),
                ("выполнен", "29.05.2026", "Наставляемым без пары — консультации психолога"),
                ("выполнен", "27.05.2026", "Семинар 22.04.2026, итоговое мероприятие 27.05.2026"),
                ("выполнен", "29.05.2026", "Публикации на сайте лицея, ВКонтакте и в Telegram")],
    "2026/27": [("в работе", "", "Положение утверждено приказом от 28.08.2026; приказ о закреплении пар — "
                                 "когда подбор завершится"),
                ("выполнен", "09.10.2026", "Банк наставляемых сформирован"),
                ("выполнен", "09.10.2026", "Банк наставников сформирован"),
                ("в работе", "", "Обучение наставников по работе с детьми с ОВЗ"),
                ("в работе", "", "Утверждены первые пары, подбор продолжается"),
                ("не начат", "", ""),
                ("в работе", "", "")],
}
FIXED_ZIP_TIME = (2026, 11, 24, 0, 0, 0)
STRUGGLING = ("guseva", "titov", "morozov", "belova")     # the two pairs that struggle in 2025/26


# --- people -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Teacher:
    name: str
    email: str
    subjects: tuple[str, ...]
    since: int                      # first year of teaching
    qualification: str

    def experience(self, y0: int) -> int:
        return max(y0 - self.since, 0)

    @property
    def short(self) -> str:
        surname, first, patronymic = self.name.split()
        return f"{surname} {first[0]}.{patronymic[0]}."

    @property
    def position(self) -> str:
        if "Начальные классы" in self.subjects:
            return "Учитель начальных классов"
        return "Педагог-психолог" if "Психология" in self.subjects else "Учитель"


def translit(text: str) -> str:
    return "".join(TRANSLIT.get(ch, ch) for ch in text.lower())


def email_of(name: str) -> str:
    surname, first, patronymic = name.split()
    return f"{translit(surname)}.{translit(first[0])}{translit(patronymic[0])}@{DOMAIN}"


def make_cast(rng: random.Random) -> tuple[dict[str, Teacher], dict[str, list[Teacher]]]:
    """The key teachers by key, and the generated ones by group (80 teachers in all)."""
    key = {}
    for k, (name, login, subjects, since, qual) in KEY_TEACHERS.items():
        assert email_of(name) == f"{login}@{DOMAIN}", (name, login)
        key[k] = Teacher(name, f"{login}@{DOMAIN}", tuple(subjects), since, qual)
    taken_surnames = {t.name.split()[0].rstrip("а") for t in key.values()}
    surnames = [s for s in SURNAMES if s not in taken_surnames]
    rng.shuffle(surnames)
    emails = {t.email for t in key.values()}
    groups: dict[str, list[Teacher]] = {}
    for group, count, first, last in GENERATED:
        groups[group] = []
        while len(groups[group]) < count:
            t = random_teacher(rng, surnames.pop(), rng.randint(first, last))
            if t.email not in emails:
                emails.add(t.email)
                groups[group].append(t)
    assert len(key) + sum(map(len, groups.values())) == 80
    return key, groups


def random_teacher(rng: random.Random, surname: str, since: int) -> Teacher:
    female = rng.random() < 0.8
    first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
    patronymic = rng.choice(PATRONYMICS)[1 if female else 0]
    name = f"{surname}{'а' if female else ''} {first} {patronymic}"
    subject = rng.choices(list(SUBJECT_WEIGHTS), weights=list(SUBJECT_WEIGHTS.values()))[0]
    subjects = {subject}
    partner = SUBJECT_PARTNERS.get(subject)
    if partner and rng.random() < partner[1]:
        subjects.add(partner[0])
    years = 2025 - since
    qual = ("Без категории" if years < 3 else rng.choice(["Первая", "Без категории"]) if years < 8
            else rng.choices(["Высшая", "Первая", "Педагог-методист", "Педагог-наставник"], [5, 3, 1, 1])[0])
    return Teacher(name, email_of(name), tuple(s for s in SUBJECTS if s in subjects), since, qual)


# --- form answers -----------------------------------------------------------------------
def join_options(chosen, options, other: str = "") -> str:
    """A checkbox cell as Google Forms writes it: ticked options in form order, then "Other"."""
    parts = [o for o in options if o in set(chosen)]
    return ", ".join(parts + ([other] if other else []))


def plural_years(n: int) -> str:
    n10, n100 = n % 10, n % 100
    word = "год" if n10 == 1 and n100 != 11 else "года" if 2 <= n10 <= 4 and not 12 <= n100 <= 14 else "лет"
    return f"{n} {word}"


def experience_text(rng: random.Random, years: int) -> str:
    return plural_years(years) if years and rng.random() < 0.2 else str(years)


def pick_days(rng: random.Random, k: int, must: str | None = None) -> list[str]:
    days = set(rng.sample(DAYS[:5], k))
    if must:
        days.add(must)
    if rng.random() < 0.1:
        days.add("Суббота")
    return [d for d in DAYS if d in days]


def stamp(rng: random.Random, start: date, end: date) -> datetime:
    """A random daytime moment between start and end (inclusive)."""
    day = start + timedelta(days=rng.randint(0, (end - start).days))
    return datetime(day.year, day.month, day.day, rng.randint(7, 21), rng.randrange(60), rng.randrange(60))


@dataclass
class Request:                      # one answer to the mentee request form
    teacher: Teacher
    ts: datetime
    topics: list[str]
    category: str
    experience: str
    format: str
    days: list[str]
    request: str
    other: str = ""
    consent: str = CONSENT
    duties: str = "Да"              # written consent to the mentoring duties

    def cells(self) -> dict[str, object]:
        t = self.teacher
        return {"timestamp": self.ts, "email": t.email, "full_name": t.name, "duties": self.duties,
                "subjects": join_options(t.subjects, SUBJECTS), "position": t.position,
                "experience": self.experience, "category": self.category,
                "topics": join_options(self.topics, TOPICS, self.other), "request_text": self.request,
                "format": self.format, "availability": join_options(self.days, DAYS), "consent": self.consent}


@dataclass
class Offer:                        # one answer to the mentor survey
    teacher: Teacher
    ts: datetime
    topics: list[str]
    capacity: int
    formats: list[str]
    days: list[str]
    experience: str
    capacity_text: str = ""
    willing: str = "Да"
    consent: str = CONSENT
    email_as_typed: str = ""
    duties: str = "Да"

    @property
    def eligible(self) -> bool:
        return self.willing != "Нет" and bool(self.consent)

    def cells(self) -> dict[str, object]:
        t = self.teacher
        return {"timestamp": self.ts, "email": self.email_as_typed or t.email, "full_name": t.name,
                "subjects": join_options(t.subjects, SUBJECTS), "experience": self.experience,
                "qualification": t.qualification, "topics": join_options(self.topics, TOPICS),
                "capacity": self.capacity_text or str(self.capacity), "format": join_options(self.formats, LISTS["formats"]),
                "availability": join_options(self.days, DAYS), "willing": self.willing, "consent": self.consent,
                "duties": self.duties}


@dataclass
class Pair:                         # one row of «Пары»
    mentee: Teacher
    mentor: Offer
    topic: str
    group: str = ""
    start: date | None = None
    status: str = "утверждена"
    program: str = ""
    stop: date | None = None        # last possible meeting (quiet or ended pairs)

    def cells(self) -> dict[str, object]:
        return {"mentee_email": self.mentee.email, "mentee_name": self.mentee.name,
                "mentor_email": self.mentor.teacher.email, "mentor_name": self.mentor.teacher.name,
                "group": self.group, "topic": self.topic, "start": self.start.strftime("%d.%m.%Y"),
                "status": self.status, "program": self.program}


def weighted_topics(rng: random.Random, k: int, exclude=()) -> list[str]:
    """k distinct topics; the comma topics are popular, so they show up in many cells."""
    pool = [t for t in TOPICS if t not in exclude and t != GAP_TOPIC]
    weights = [3 if t in COMMA_TOPICS else 1 for t in pool]
    out: list[str] = []
    while len(out) < k:
        t = rng.choices(pool, weights)[0]
        if t not in out:
            out.append(t)
    return out


def mentee_category(t: Teacher, y0: int, rng: random.Random) -> str:
    return YOUNG if t.experience(y0) <= 3 else rng.choice([NEW, CHANGED, GROWTH, GROWTH])


def request_text(rng: random.Random, topics: list[str]) -> str:
    return " ".join(rng.choice(REQUESTS[t]) for t in topics[:2])


def new_request(rng: random.Random, t: Teacher, y0: int, when: tuple[date, date], topics: list[str], *,
                days: list[str] | None = None, group: bool = False, **extra) -> Request:
    fmt = rng.choice([GROUP_FORMAT, ANY_FORMAT]) if group else rng.choice([PAIR_FORMAT, PAIR_FORMAT, ANY_FORMAT])
    topics = [x for x in TOPICS if x in topics]
    values = dict(teacher=t, ts=stamp(rng, *when), topics=topics, category=mentee_category(t, y0, rng),
                  experience=experience_text(rng, t.experience(y0)), format=fmt,
                  days=days or pick_days(rng, rng.randint(1, 3)), request=request_text(rng, rng.sample(topics, len(topics))))
    values.update(extra)
    return Request(**values)


def new_offer(rng: random.Random, t: Teacher, y0: int, when: tuple[date, date], topics: list[str] | None = None,
              **extra) -> Offer:
    topics = topics or weighted_topics(rng, rng.randint(2, 5))
    values = dict(teacher=t, ts=stamp(rng, *when), topics=[x for x in TOPICS if x in topics],
                  capacity=rng.choice([1, 2, 2, 3]), days=pick_days(rng, rng.randint(2, 4)),
                  formats=rng.choice([[PAIR_FORMAT], [PAIR_FORMAT], [PAIR_FORMAT, GROUP_FORMAT], [GROUP_FORMAT]]),
                  experience=experience_text(rng, t.experience(y0)))
    values.update(extra)
    return Offer(**values)


def renew(rng: random.Random, last: Offer, y0: int, when: tuple[date, date]) -> Offer:
    """A mentor answering the survey again: the same offer, now and then one topic more."""
    more = rng.random() < 0.3 and len(last.topics) < 5
    topics = last.topics + (weighted_topics(rng, 1, exclude=last.topics) if more else [])
    return Offer(teacher=last.teacher, ts=stamp(rng, *when), topics=[t for t in TOPICS if t in topics],
                 capacity=last.capacity, formats=list(last.formats), days=list(last.days),
                 experience=experience_text(rng, last.teacher.experience(y0)))


def mentee_for_pair(rng: random.Random, t: Teacher, y0: int, when, pair_topic: str, mentor: Offer, *,
                    group: bool = False, extra_topics: int | None = None, topics: list[str] | None = None,
                    **extra) -> Request:
    """A request that fits the pair the coordinator will make: it asks for the pair's topic."""
    k = rng.choice([0, 1, 1, 2]) if extra_topics is None else extra_topics
    topics = topics or [pair_topic] + weighted_topics(rng, k, exclude=[pair_topic])
    assert pair_topic in topics
    days = pick_days(rng, rng.randint(1, 2), must=rng.choice(mentor.days))
    return new_request(rng, t, y0, when, topics, days=days, group=group, **extra)


def earlier_answer(rng: random.Random, latest: Request, topics: list[str], before: timedelta, opened: date) -> Request:
    """A duplicate submission: the same person answered `before` earlier, with other topics."""
    earliest = datetime(opened.year, opened.month, opened.day, 9, 17, 42)
    if latest.ts - before < earliest:
        latest.ts = earliest + before
    return Request(**{**latest.__dict__, "ts": latest.ts - before, "topics": topics,
                      "request": request_text(rng, topics)})


def free_mentor(rng: random.Random, mentee: Teacher, offers: list[Offer], load: dict[str, int]) -> Offer:
    """The coordinator's choice: a willing mentor with room, preferably of the same subject."""
    free = [o for o in offers if o.eligible and load[o.teacher.email] < o.capacity and o.teacher != mentee]
    assert free, f"no mentor has room for {mentee.name}"
    return max(free, key=lambda o: (bool(set(o.teacher.subjects) & set(mentee.subjects)), rng.random()))


def pair_topic(rng: random.Random, mentor: Offer, pairs: list[Pair]) -> str:
    """A topic the mentor offers; half the time the same as their earlier mentee (a group)."""
    earlier = [p.topic for p in pairs if p.mentor is mentor]
    if earlier and rng.random() < 0.5:
        return earlier[0]
    return rng.choice([t for t in mentor.topics if t != GAP_TOPIC])


def number_groups(pairs: list[Pair], rng: random.Random, starts: tuple[date, date]) -> None:
    """«П-01» for a pair, «Г-01» for a mentor's mentees sharing a topic; one start date and program each."""
    size = defaultdict(int)
    for p in pairs:
        size[p.mentor.teacher.email, p.topic] += 1
    start: dict[tuple[str, str], date] = {}
    for p in pairs:
        key = (p.mentor.teacher.email, p.topic)
        p.start = start.setdefault(key, working_day(stamp(rng, *starts).date()))
    pairs.sort(key=lambda p: (p.start, p.mentor.teacher.name, p.topic, p.mentee.name))
    ids: dict[tuple[str, str], str] = {}
    counters = {"П": 0, "Г": 0}
    for p in pairs:
        key = (p.mentor.teacher.email, p.topic)
        if key not in ids:
            prefix = "Г" if size[key] > 1 else "П"
            counters[prefix] += 1
            ids[key] = f"{prefix}-{counters[prefix]:02d}"
        p.group = ids[key]
        p.program = f"Персонализированная программа № {list(ids).index(key) + 1}"


def fit_formats(rng: random.Random, pairs: list[Pair], requests: list[Request]) -> None:
    """People put into a group did not ask for a pair only; a mentor offers what they do."""
    in_group = {p.mentee.email for p in pairs if p.group.startswith("Г")}
    for r in requests:
        if r.teacher.email in in_group and r.format == PAIR_FORMAT:
            r.format = rng.choice([GROUP_FORMAT, ANY_FORMAT])
    for p in pairs:
        needed = GROUP_FORMAT if p.group.startswith("Г") else PAIR_FORMAT
        if needed not in p.mentor.formats:
            p.mentor.formats = [f for f in LISTS["formats"] if f in p.mentor.formats + [needed]]


def working_day(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


# --- questionnaires and meetings --------------------------------------------------------
def scale_answers(rng: random.Random, low: int, high: int, floor: int | None = None) -> dict[str, str]:
    """Six 1–10 ratings around one overall impression; none below `floor` (default low − 1)."""
    floor = low - 1 if floor is None else floor
    base = rng.randint(low, high)
    return {item: str(min(max(base + rng.choice([-1, 0, 0, 0, 1]), floor), high)) for item in ITEMS}


def respondents(rng: random.Random, people: list[Teacher], share: float, keep=(), skip=()) -> list[Teacher]:
    """About `share` of people answer; `keep` always do, `skip` never do."""
    pool = [p for p in people if p.email not in keep and p.email not in skip]
    n_out = max(round(len(people) * (1 - share)) - len([p for p in people if p.email in skip]), 0)
    out = set(p.email for p in rng.sample(pool, min(n_out, len(pool))))
    return [p for p in people if p.email not in out and p.email not in skip]


def unique(people: list[Teacher]) -> list[Teacher]:
    return list(dict.fromkeys(people))


def entry_answers(rng: random.Random, pairs: list[Pair], role: str, share: float, latest: date) -> list[dict]:
    people = unique([p.mentee if role == "mentee" else p.mentor.teacher for p in pairs])
    start = {}
    for p in pairs:
        who = p.mentee if role == "mentee" else p.mentor.teacher
        start.setdefault(who.email, p.start)
    rows = []
    for t in respondents(rng, people, share):
        first = start[t.email] + timedelta(days=1)
        rows.append({"timestamp": stamp(rng, first, min(first + timedelta(days=12), latest)), "email": t.email,
                     **scale_answers(rng, 5, 8)})
    return sorted(rows, key=lambda r: r["timestamp"])


def best_practice(rng: random.Random, role: str, pair: Pair) -> str:
    if pair.group.startswith("Г") and rng.random() < 0.4:
        return MENTEE_BEST_GROUP if role == "mentee" else MENTOR_BEST_GROUP
    if role == "mentee" and pair.topic in MENTEE_BEST_BY_TOPIC and rng.random() < 0.6:
        return MENTEE_BEST_BY_TOPIC[pair.topic]
    return rng.choice(MENTEE_BEST if role == "mentee" else MENTOR_BEST)


def final_answers(rng: random.Random, pairs: list[Pair], role: str, who: list[Teacher], struggling: set[str],
                  when: tuple[date, date]) -> list[dict]:
    pair_of = {(p.mentee if role == "mentee" else p.mentor.teacher).email: p for p in pairs}
    rows = []
    for t in who:
        bad = t.email in struggling
        row = {"timestamp": stamp(rng, *when), "email": t.email,
               **(scale_answers(rng, 3, 5, floor=3) if bad else scale_answers(rng, 7, 10))}
        for item in FREQ_ITEMS:
            row[item] = rng.choice(FREQUENCY[1:] if bad else [FREQUENCY[0], FREQUENCY[0], FREQUENCY[1]])
        row["glad"], row["continue"] = "Да", "Да"
        if role == "mentee":
            row["become_mentor"] = rng.choice(["Да", "Нет", "Нет"]) if t.experience(2025) > 5 else "Нет"
        row["best_practice"] = rng.choice(STRUGGLING_BEST) if bad else best_practice(rng, role, pair_of[t.email])
        row["improve"] = rng.choice(STRUGGLING_IMPROVE if bad else IMPROVE)
        rows.append(row)
    return sorted(rows, key=lambda r: r["timestamp"])


# --- monitoring (issue 14): growth items, plan, curator, staff ----------------------------
# Drawn from their own generator, seeded by person and year, so that adding them leaves every earlier draw (and so
# every earlier cell) of the demo as it was.
GROWTH_ITEMS = tuple(CONFIG["monitoring"]["stage2"])


def _own_rng(*parts: object) -> random.Random:
    return random.Random("|".join(map(str, (SEED, *parts))))


def growth_answers(rows: list[dict], role: str, kind: str, y0: int, struggling: set[str] = frozenset()) -> list[dict]:
    """Stage 2 of monitoring: the same «now» self-ratings at entry and at the end; the end adds the year's growth
    (mentees grow more than mentors; the struggling pairs hardly at all)."""
    for row in rows:
        start = _own_rng("growth", row["email"], y0)
        gain = _own_rng("gain", row["email"], y0)
        for item in GROWTH_ITEMS:
            value = start.randint(6, 8) if role == "mentor" else start.randint(3, 6)
            if kind == "final":
                up = gain.choice([0, 0, 1]) if row["email"] in struggling else \
                    gain.choice([0, 1, 1]) if role == "mentor" else gain.choice([1, 2, 2, 3])
                value += up
            row[item] = str(min(value, 10))
    return rows


def plan_answers(rows: list[dict], y0: int, struggling: set[str]) -> list[dict]:
    """Stage 1 of monitoring, the end of the year: was a plan made, how much of it was done, were hopes met."""
    for row in rows:
        r = _own_rng("plan", row["email"], y0)
        bad = row["email"] in struggling
        row["plan_made"] = "Нет" if bad and r.random() < 0.5 else "Да"
        row["plan_done"] = str(r.randint(3, 5) if bad else r.randint(7, 10))
        row["expectations"] = str(r.randint(3, 6) if bad else r.randint(7, 10))
    return rows


CURATOR_2025 = {"timestamp": datetime(2026, 5, 27, 15, 40, 12), "email": f"medvedeva.si@{DOMAIN}",
                "conditions": "7", "selection": "8", "training": "5", "programs": "7", "methods": "6",
                "administration": "9", "information": "7",
                "strengths": "Пары регулярно посещают уроки друг друга; молодые учителя быстро вошли в коллектив.",
                "problems": "Не хватает наставников по инклюзивному обучению; весной встречи переносились из-за экзаменов.",
                "proposals": "Обучить наставников по теме «Дети с ОВЗ»; встречи пар — в расписании, а не «по возможности»."}


def age_group(t: Teacher, y0: int) -> str:
    age = 23 + t.experience(y0)
    return "до 35 лет" if age < 35 else "35–50 лет" if age <= 50 else "старше 50 лет"


def staff_rows(people: list[Teacher], y0: int, *, ages: bool) -> list[list]:
    """The «Педагоги» tab: the school's teaching staff that year (by ФИО); the current year has no age column yet."""
    fields = CONFIG["service"]["staff"]["fields"]
    names = ["full_name", "email", "position", "experience"] + (["age_group"] if ages else [])
    rows = [[fields[n]["headers"][0] for n in names]]
    for t in sorted(people, key=lambda t: t.name):
        cells = {"full_name": t.name, "email": t.email, "position": t.position, "experience": str(t.experience(y0)),
                 "age_group": age_group(t, y0)}
        rows.append([cells[n] for n in names])
    return rows


def next_meeting_day(day: date, days: list[str]) -> date:
    """The first day from `day` on that is one of the mentor's meeting days."""
    wanted = {DAYS.index(d) for d in days} & set(range(6)) or {0, 1, 2, 3, 4}
    while day.weekday() not in wanted:
        day += timedelta(days=1)
    return day


def meeting_log(rng: random.Random, pairs: list[Pair], end: date, gap: tuple[int, int]) -> list[dict]:
    """What mentors log: one row per mentee per meeting; a group meets together."""
    groups: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        groups[p.group].append(p)
    rows = []
    for members in groups.values():
        first = members[0]
        day = next_meeting_day(first.start + timedelta(days=rng.randint(1, 6)), first.mentor.days)
        topic = FIRST_MEETING
        while day <= end:
            minutes = rng.choice(["45", "45", "45", "45", "60", "30"])
            logged = datetime(day.year, day.month, day.day, rng.randint(14, 21), rng.randrange(60), rng.randrange(60))
            logged += timedelta(days=rng.choice([0, 0, 0, 1, 2]))
            for p in members:
                if p.stop and day > p.stop:
                    continue
                rows.append({"timestamp": logged, "email": p.mentor.teacher.email, "mentee_email": p.mentee.email,
                             "date": day.strftime("%d.%m.%Y"), "topic": topic, "minutes": minutes})
            topic = first.topic if rng.random() < 0.25 else rng.choice(ACTIVITIES)
            day = next_meeting_day(day + timedelta(days=rng.randint(*gap)), first.mentor.days)
            if date(day.year, 12, 29) <= day or day <= date(day.year, 1, 8):      # winter holidays
                day = next_meeting_day(date(day.year + (day.month == 12), 1, 12), first.mentor.days)
    return sorted(rows, key=lambda r: r["timestamp"])


# --- service tabs -----------------------------------------------------------------------
def roadmap_rows(year: str) -> list[list[str]]:
    """The seed's seven stages word for word, the years moved to this academic year."""
    y0 = int(year[:4])
    with open(DEMO / "roadmap-seed.tsv", encoding="utf-8", newline="") as fh:
        seed = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    period = seed[0].index("Срок реализации")
    rows = [seed[0] + ROADMAP_EXTRA]
    for stage, extra in zip(seed[1:], ROADMAP_STATUS[year]):
        stage = list(stage)
        stage[period] = stage[period].replace("2022", str(y0)).replace("2023", str(y0 + 1))
        rows.append(stage + list(extra))
    return rows


def practice_rows(rng: random.Random, pairs: list[Pair], struggling: set[str]) -> list[list[str]]:
    """Eight best practices of the year's pairs/groups, four chosen for the final event."""
    header = [f["headers"][0] for f in CONFIG["service"]["practices"]["fields"].values()]
    groups: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        if p.status == "утверждена" and p.mentee.email not in struggling:
            groups[p.group].append(p)
    used: dict[str, int] = defaultdict(int)                      # topic -> practices taken
    chosen = []
    for gid in rng.sample(sorted(groups), len(groups)):
        topic = groups[gid][0].topic
        if used[topic] < len(PRACTICES[topic]) and len(chosen) < 8:
            chosen.append((groups[gid], PRACTICES[topic][used[topic]]))
            used[topic] += 1
    rows = [header]
    for k, (members, (title, description)) in enumerate(sorted(chosen, key=lambda c: c[0][0].group)):
        mentor = members[0].mentor.teacher
        authors = ", ".join([mentor.short] + [p.mentee.short for p in members])
        rows.append([title, members[0].topic, mentor.subjects[0], authors, description, "Да" if k % 2 == 0 else "Нет"])
    assert len(rows) == 9, "not enough pairs for eight practices"
    return rows


# --- tabs -------------------------------------------------------------------------------
BLANK = object()                    # a blank row in a form tab


# Columns the dashboard adds itself when it first writes them: the demo's pairs were typed in before
# («Утвердить пары» adds «Форма/Вид наставничества» at the right of the tab).
ADDED_BY_THE_APP = {"pairs": ("form", "type", "consent_date")}     # columns a school adds when it needs them


def form_tab(section: str, key: str, answers: list, rename: dict[str, str] | None = None) -> list[list]:
    """Header from config (headers[0], or a renamed question), then one row per answer."""
    fields = {k: f for k, f in CONFIG[section][key]["fields"].items() if k not in ADDED_BY_THE_APP.get(key, ())}
    rename = rename or {}
    header = [rename.get(name, f["headers"][0]) for name, f in fields.items()]
    rows = [header]
    for a in answers:
        cells = {} if a is BLANK else a if isinstance(a, dict) else a.cells()
        rows.append([cells.get(name) for name in fields])
    return rows


def tab(section: str, key: str) -> str:
    return CONFIG[section][key]["tab"]


def with_blank_row(answers: list) -> list:
    middle = len(answers) // 2
    return answers[:middle] + [BLANK] + answers[middle:]


# --- the two years ----------------------------------------------------------------------
# The coordinator's SWOT board after the final questionnaires of 2025/26 (written from the open answers).
SWOT_2025 = (
    ("Сильные стороны", "Пары регулярно посещают уроки друг друга и готовят открытые уроки вместе; наставляемые "
                        "называют главным поддержку при подготовке к ОГЭ и ЕГЭ и в работе с родителями."),
    ("Слабые стороны", "Две пары почти не встречались после января; одна группа завершена досрочно; не все "
                       "наставники ответили на итоговую анкету."),
    ("Возможности", "В 2026/27 появился наставник по теме «Дети с ОВЗ, инклюзивное обучение»; лучшие практики — "
                    "на школьный семинар и в методическую копилку; часть наставляемых готова стать наставниками."),
    ("Угрозы", "Нагрузка наставников весной (экзамены, отчёты) — встречи переносятся; формальное заполнение анкет."),
)


def year_2025(rng: random.Random, key: dict[str, Teacher], gen: dict[str, list[Teacher]]):
    """The completed year; returns its tabs and the mentor survey answers (by e-mail)."""
    y0, requests_open, survey_open = 2025, (date(2025, 9, 1), date(2025, 9, 24)), (date(2025, 9, 3), date(2025, 9, 26))
    K = key
    # mentor survey: 20 mentors
    offers = {
        "petrova": new_offer(rng, K["petrova"], y0, survey_open, ["Современный урок по ФГОС", "Оценивание, формирующее оценивание",
                             "Работа с родителями", CLASS_TEACHER], capacity=3, formats=[PAIR_FORMAT, GROUP_FORMAT],
                             email_as_typed=MIXED_CASE_EMAIL),
        "kuznetsova": new_offer(rng, K["kuznetsova"], y0, survey_open, ["Подготовка к ОГЭ и ЕГЭ", GIFTED,
                                "Разработка рабочей программы и КТП"], capacity=2, capacity_text="2 человека",
                                formats=[PAIR_FORMAT, GROUP_FORMAT], experience="более 20"),
        "volkov": new_offer(rng, K["volkov"], y0, survey_open, ["Проектная и исследовательская деятельность", GIFTED], consent=""),
        "morozov": new_offer(rng, K["morozov"], y0, survey_open, ["Дисциплина и управление классом", "Подготовка к ОГЭ и ЕГЭ"],
                             capacity=1, formats=[PAIR_FORMAT]),
        "belova": new_offer(rng, K["belova"], y0, survey_open, ["Оценивание, формирующее оценивание", "Функциональная грамотность",
                            "Подготовка к ОГЭ и ЕГЭ"], capacity=1, formats=[PAIR_FORMAT]),
        "egorova": new_offer(rng, K["egorova"], y0, survey_open, [CLASS_TEACHER, "Работа с родителями", "Современный урок по ФГОС"],
                             capacity=2),
        "sorokina": new_offer(rng, K["sorokina"], y0, survey_open, ["Подготовка к аттестации", "Проектная и исследовательская деятельность",
                              "Функциональная грамотность"], capacity=1),
        "smirnova": new_offer(rng, K["smirnova"], y0, survey_open, ["ИКТ и цифровые ресурсы в обучении",
                              "Ведение документации, электронный журнал", "Проектная и исследовательская деятельность"], capacity=2),
        "zakharova": new_offer(rng, K["zakharova"], y0, survey_open, [GAP_TOPIC, CLASS_TEACHER], willing="Нет"),
        "kiselev": new_offer(rng, K["kiselev"], y0, survey_open, ["Дисциплина и управление классом", "Работа с родителями"], willing="Нет"),
        "medvedeva": new_offer(rng, K["medvedeva"], y0, survey_open, ["Профилактика профессионального выгорания",
                               "Работа с родителями", "Дисциплина и управление классом"], willing="Возможно"),
    }
    offers.update({t.email: new_offer(rng, t, y0, survey_open) for t in gen["experienced"][:9]})
    mentors = list(offers.values())
    load = {o.teacher.email: 0 for o in mentors}

    # the pairs the coordinator approved, and requests that fit them
    pairs: list[Pair] = []
    requests: list[Request] = []

    def add(mentee: Teacher, mentor: Offer, topic: str, request: Request, **pair) -> Pair:
        assert mentor.eligible and load[mentor.teacher.email] < mentor.capacity, mentor.teacher.name
        load[mentor.teacher.email] += 1
        requests.append(request)
        pairs.append(Pair(mentee, mentor, topic, **pair))
        return pairs[-1]

    young, mid = gen["young25"], gen["mid25"]
    for t in young[:3]:                                           # Petrova's group
        add(t, offers["petrova"], "Современный урок по ФГОС",
            mentee_for_pair(rng, t, y0, requests_open, "Современный урок по ФГОС", offers["petrova"], group=True))
    sokolova = mentee_for_pair(rng, K["sokolova"], y0, requests_open, GIFTED, offers["kuznetsova"], group=True,
                               extra_topics=1)
    add(K["sokolova"], offers["kuznetsova"], GIFTED, sokolova)
    add(young[3], offers["kuznetsova"], GIFTED,
        mentee_for_pair(rng, young[3], y0, requests_open, GIFTED, offers["kuznetsova"], group=True))
    add(K["guseva"], offers["morozov"], "Дисциплина и управление классом",
        mentee_for_pair(rng, K["guseva"], y0, requests_open, "Дисциплина и управление классом", offers["morozov"],
                        experience="полгода"), stop=date(2026, 1, 31))
    add(K["titov"], offers["belova"], "Оценивание, формирующее оценивание",
        mentee_for_pair(rng, K["titov"], y0, requests_open, "Оценивание, формирующее оценивание", offers["belova"],
                        experience="3,5"))
    add(K["komarova"], offers["egorova"], CLASS_TEACHER,
        mentee_for_pair(rng, K["komarova"], y0, requests_open, CLASS_TEACHER, offers["egorova"], extra_topics=1),
        status="завершена досрочно", stop=date(2026, 3, 13))
    add(K["nikitina"], offers["sorokina"], "Подготовка к аттестации",
        mentee_for_pair(rng, K["nikitina"], y0, requests_open, "Подготовка к аттестации", offers["sorokina"],
                        experience="12", category=GROWTH, extra_topics=0))
    add(K["fomina"], offers["smirnova"], "Ведение документации, электронный журнал",
        mentee_for_pair(rng, K["fomina"], y0, requests_open, "Ведение документации, электронный журнал",
                        offers["smirnova"], experience="12 лет", category=NEW, extra_topics=0,
                        other=OTHER_TOPIC, request=OTHER_REQUEST))
    for t in young[4:] + mid[:4]:                                 # the rest, one by one
        mentor = free_mentor(rng, t, mentors, load)
        topic = pair_topic(rng, mentor, pairs)
        add(t, mentor, topic, mentee_for_pair(rng, t, y0, requests_open, topic, mentor))
    for t in mid[4:]:                                             # nobody covers their topic
        topics = [GAP_TOPIC] + weighted_topics(rng, rng.randint(0, 1))
        requests.append(new_request(rng, t, y0, requests_open, topics))
    requests.append(new_request(rng, K["zaytsev"], y0, requests_open, ["Проектная и исследовательская деятельность",
                                "ИКТ и цифровые ресурсы в обучении"], category=NEW, consent=NO_CONSENT))
    requests.append(earlier_answer(rng, sokolova, ["Подготовка к ОГЭ и ЕГЭ", "Дисциплина и управление классом"],
                                   timedelta(days=3, hours=2), requests_open[0]))
    number_groups(pairs, rng, (date(2025, 9, 29), date(2025, 10, 10)))
    fit_formats(rng, pairs, requests)

    struggling = {K[k].email for k in STRUGGLING}
    in_pairs = [p.mentee for p in pairs]
    pair_mentors = unique([p.mentor.teacher for p in pairs])
    mess_people = {K["sokolova"].email, K["nikitina"].email, K["fomina"].email, K["kuznetsova"].email, K["guseva"].email}
    final_mentees = respondents(rng, in_pairs, 0.86, keep=mess_people, skip={K["komarova"].email})
    final_mentors = respondents(rng, pair_mentors, 0.9, keep=mess_people | {K["morozov"].email},
                                skip={K["sorokina"].email})
    final_window = (date(2026, 5, 12), date(2026, 5, 26))
    finals_mentee = final_answers(rng, pairs, "mentee", final_mentees, struggling, final_window)
    finals_mentor = final_answers(rng, pairs, "mentor", final_mentors, struggling, final_window)
    answer = {r["email"]: r for r in finals_mentee}
    answer[K["sokolova"].email]["effectiveness"] = "11"
    answer[K["nikitina"].email]["comfort"] = "десять"
    answer[K["guseva"].email]["continue"] = "Нет"
    mentor_answer = {r["email"]: r for r in finals_mentor}
    mentor_answer[K["morozov"].email]["continue"] = "Нет"

    requests.sort(key=lambda r: r.ts)
    mentors.sort(key=lambda o: o.ts)
    entry_latest = date(2025, 10, 31)
    tabs = {
        tab("forms", "mentee_request"): form_tab("forms", "mentee_request", with_blank_row(requests)),
        tab("forms", "mentor_survey"): form_tab("forms", "mentor_survey", mentors),
        tab("service", "pairs"): form_tab("service", "pairs", pairs),
        tab("forms", "entry_mentee"): form_tab("forms", "entry_mentee", growth_answers(
            entry_answers(rng, pairs, "mentee", 0.86, entry_latest), "mentee", "entry", y0)),
        tab("forms", "entry_mentor"): form_tab("forms", "entry_mentor", growth_answers(
            entry_answers(rng, pairs, "mentor", 0.9, entry_latest), "mentor", "entry", y0)),
        tab("forms", "meetings"): form_tab("forms", "meetings", meeting_log(rng, pairs, date(2026, 5, 15), (33, 47))),
        tab("forms", "final_mentee"): form_tab("forms", "final_mentee", plan_answers(
            growth_answers(finals_mentee, "mentee", "final", y0, struggling), y0, struggling)),
        tab("forms", "final_mentor"): form_tab("forms", "final_mentor", plan_answers(
            growth_answers(finals_mentor, "mentor", "final", y0, struggling), y0, struggling)),
        tab("forms", "curator"): form_tab("forms", "curator", [CURATOR_2025]),
        tab("service", "roadmap"): roadmap_rows("2025/26"),
        tab("service", "events"): [EVENTS_HEADER] + [list(e) for e in EVENTS["2025/26"]],
        tab("service", "publications"): [PUBLICATIONS_HEADER] + [list(p) for p in PUBLICATIONS["2025/26"]],
        tab("service", "practices"): practice_rows(rng, pairs, struggling),
        CONFIG["quality"]["swot_tab"]: [["Раздел", "Текст"]] + [list(row) for row in SWOT_2025],
        tab("service", "staff"): staff_rows(staff_2025(key, gen), y0, ages=True),
    }
    return tabs, {o.teacher.email: o for o in mentors}


def year_2026(rng: random.Random, key: dict[str, Teacher], gen: dict[str, list[Teacher]], last_year: dict[str, Offer]):
    """The year in progress (today 24.11.2026): banks, the first pairs, entry questionnaires."""
    y0, requests_open, survey_open = 2026, (date(2026, 8, 31), date(2026, 9, 25)), (date(2026, 9, 1), date(2026, 9, 29))
    K = key
    # mentor survey: last year's mentors but three, Orlov, Lebedeva, three new ones
    gone = {K["morozov"].email, K["kiselev"].email, K["zakharova"].email}
    mentors = [renew(rng, o, y0, survey_open) for e, o in last_year.items() if e not in gone]
    mentors += [new_offer(rng, K["orlov"], y0, survey_open, ["Подготовка к ОГЭ и ЕГЭ",
                          "Проектная и исследовательская деятельность"], capacity=1, formats=[PAIR_FORMAT]),
                new_offer(rng, K["lebedeva"], y0, survey_open, ["Функциональная грамотность", GIFTED], consent="")]
    trained, *new_mentors = gen["experienced"][9:12]              # «trained»: the first to offer the gap topic
    mentors += [new_offer(rng, trained, y0, survey_open, [GAP_TOPIC, "Современный урок по ФГОС"])]
    mentors += [new_offer(rng, t, y0, survey_open) for t in new_mentors]
    offers = {k: o for o in mentors for k, t in K.items() if o.teacher == t}
    offers["belova"].willing = "Нет"
    load = {o.teacher.email: 0 for o in mentors}

    pairs: list[Pair] = []
    requests: list[Request] = []

    def add(mentee: Teacher, mentor: Offer, topic: str, request: Request) -> None:
        assert mentor.eligible and load[mentor.teacher.email] < mentor.capacity, mentor.teacher.name
        load[mentor.teacher.email] += 1
        requests.append(request)
        pairs.append(Pair(mentee, mentor, topic))

    ict, exams, lesson = "ИКТ и цифровые ресурсы в обучении", "Подготовка к ОГЭ и ЕГЭ", "Современный урок по ФГОС"
    add(K["orlov"], offers["smirnova"], ict,                      # a mentee here, a mentor below
        mentee_for_pair(rng, K["orlov"], y0, requests_open, ict, offers["smirnova"], extra_topics=0, category=GROWTH))
    add(K["guseva"], offers["orlov"], exams,
        mentee_for_pair(rng, K["guseva"], y0, requests_open, exams, offers["orlov"], extra_topics=1))
    novikova = mentee_for_pair(rng, K["novikova"], y0, requests_open, lesson, offers["petrova"], group=True,
                               topics=[lesson, "Дисциплина и управление классом", "Работа с родителями"])
    add(K["novikova"], offers["petrova"], lesson, novikova)
    new_young, new_mid = gen["young26"], gen["mid26"]
    add(new_young[0], offers["petrova"], lesson,
        mentee_for_pair(rng, new_young[0], y0, requests_open, lesson, offers["petrova"], group=True))
    for t in new_young[1:5]:
        mentor = free_mentor(rng, t, mentors, load)
        topic = pair_topic(rng, mentor, pairs)
        add(t, mentor, topic, mentee_for_pair(rng, t, y0, requests_open, topic, mentor))
    requests[-1].duties = ""        # paired, but no written consent to the duties yet: «Подбор пар» names her
    # requests still waiting for a mentor
    requests.append(new_request(rng, K["sokolova"], y0, requests_open, [CLASS_TEACHER, "Работа с родителями"]))
    requests.append(new_request(rng, K["titov"], y0, requests_open, ["Дисциплина и управление классом",
                                "Функциональная грамотность"]))
    requests.append(new_request(rng, K["nikitina"], y0, requests_open, ["Проектная и исследовательская деятельность", GIFTED],
                                category=GROWTH))
    requests.append(new_request(rng, gen["mid25"][4], y0, requests_open, [GAP_TOPIC]))
    requests.append(new_request(rng, K["makarov"], y0, requests_open, ["Разработка рабочей программы и КТП"],
                                consent=NO_CONSENT))
    for t in new_young[5:] + new_mid:
        requests.append(new_request(rng, t, y0, requests_open, weighted_topics(rng, rng.randint(1, 3))))
    requests.append(earlier_answer(rng, novikova, [lesson, "Дисциплина и управление классом"],
                                   timedelta(days=6, hours=3), requests_open[0]))
    number_groups(pairs, rng, (date(2026, 10, 12), date(2026, 10, 30)))
    fit_formats(rng, pairs, requests)

    requests.sort(key=lambda r: r.ts)
    mentors.sort(key=lambda o: o.ts)
    mr = CONFIG["forms"]["mentee_request"]["fields"]
    renamed_request = {"topics": mr["topics"]["headers"][1], "category": mr["category"]["headers"][1]}
    entry_latest = date(2026, 11, 20)
    return {
        tab("forms", "mentee_request"): form_tab("forms", "mentee_request", with_blank_row(requests), renamed_request),
        tab("forms", "mentor_survey"): form_tab("forms", "mentor_survey", mentors, {"experience": EDITED_EXPERIENCE_HEADER}),
        tab("service", "pairs"): form_tab("service", "pairs", pairs),
        tab("forms", "entry_mentee"): form_tab("forms", "entry_mentee", growth_answers(
            entry_answers(rng, pairs, "mentee", 0.86, entry_latest), "mentee", "entry", y0)),
        tab("forms", "entry_mentor"): form_tab("forms", "entry_mentor", growth_answers(
            entry_answers(rng, pairs, "mentor", 0.9, entry_latest), "mentor", "entry", y0)),
        tab("forms", "meetings"): form_tab("forms", "meetings", meeting_log(rng, pairs, date(2026, 11, 20), (14, 21))),
        tab("service", "roadmap"): roadmap_rows("2026/27"),
        tab("service", "events"): [EVENTS_HEADER] + [list(e) for e in EVENTS["2026/27"]],
        tab("service", "publications"): [PUBLICATIONS_HEADER] + [list(p) for p in PUBLICATIONS["2026/27"]],
        tab("service", "staff"): staff_rows(staff_2026(key, gen), y0, ages=False),
    }


def staff_2025(key: dict[str, Teacher], gen: dict[str, list[Teacher]]) -> list[Teacher]:
    """Teaching staff of 2025/26: everyone but those hired in 2026 (novikova.ps and the «young26» group)."""
    return [t for t in key.values() if t is not key["novikova"]] + \
        [t for g, people in gen.items() if g != "young26" for t in people]


def staff_2026(key: dict[str, Teacher], gen: dict[str, list[Teacher]]) -> list[Teacher]:
    """Teaching staff of 2026/27: everyone but two of last year's mentees who left the lyceum (komarova.ko, whose
    group ended early, and the last young teacher of 2025)."""
    gone = {key["komarova"].email, gen["young25"][-1].email}
    return [t for t in list(key.values()) + [t for people in gen.values() for t in people] if t.email not in gone]


# --- writing ----------------------------------------------------------------------------
def save(tabs: dict[str, list[list]], path: Path) -> None:
    """Text cells everywhere except datetime timestamps; a text starting with "=" stays text."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in tabs.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                if value is None or value == "":
                    continue
                cell = ws.cell(r, c)
                if isinstance(value, datetime):
                    cell.value = value
                    cell.number_format = "dd.mm.yyyy h:mm:ss"
                else:
                    cell.value = str(value)
                    if cell.value.startswith("="):
                        cell.data_type = "s"
    wb.properties.creator = "make_demo.py"
    wb.properties.created = datetime(*FIXED_ZIP_TIME)
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(reproducible_zip(buf.getvalue()))


def reproducible_zip(data: bytes) -> bytes:
    """The same workbook bytes on every run: fixed file times and «modified» date."""
    out = io.BytesIO()
    stamp_text = datetime(*FIXED_ZIP_TIME).strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp_text.encode(), body)
            dst.writestr(zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


SUPPORT_2025 = (("11.02.2026", "Консультация педагога-психолога",
                 "Консультация педагога-психолога для наставляемых без пары", "Педагог-психолог"),
                ("18.03.2026", "Методическая помощь",
                 "Разбор урока с руководителем методического объединения", "Руководитель МО"))


def support_rows(program, header: list[str]) -> list[list]:
    """«Поддержка» of 2025/26: the mentees never paired (nobody willing covered their topic) got the psychologist's
    consultation of 11.02.2026 and one methodical session each."""
    waiting = sorted(set(program.mentees.index) - set(program.pairs["mentee_id"]))     # never in a pair
    rows = []
    for day, kind, action, by in SUPPORT_2025:
        for pid in waiting:
            rows.append([day, pid, str(program.mentees.loc[pid, "full_name"]), kind, action, by][:len(header)])
    return rows


def saved_plans(program, config, struggling: set[str]) -> list[list]:
    """«Программы» of a finished year: each pair's ППН as the plans page saves it (the page's own draft and
    write), activities marked done up to the end of May — the struggling pairs only up to January."""
    from dataclasses import replace                    # noqa: PLC0415
    import pandas as pd                                # noqa: PLC0415
    from analysis.plans import draft_plan, group_codes, plans_edit   # noqa: PLC0415
    rows, header = [], None
    for code in group_codes(program):
        plan = draft_plan(program, code, config)
        members = set(program.pairs.loc[program.pairs["group"] == code, "mentee_id"])
        until = pd.Timestamp(2026, 1, 31) if members & struggling else pd.Timestamp(2026, 5, 31)
        plan = replace(plan, items=plan.items.assign(done=pd.to_datetime(plan.items["due"]) <= until))
        fresh = pd.DataFrame(rows, columns=header) if header else None
        change = plans_edit(fresh, plan, code, config=config).change
        header = change.header
        rows += [[c.strftime("%d.%m.%Y") if isinstance(c, (pd.Timestamp, datetime, date)) else
                  ("" if c is None else str(c)) for c in row] for row in change.append]
    return [header] + rows


def finished_year(tabs: dict[str, list[list]], struggling: set[str]) -> None:
    """What the coordinator saved on the dashboard's own pages during 2025/26 (ППН and support), through the
    app's own code, so the book is what the pages would have written."""
    sys.path.insert(0, str(ROOT))
    from analysis import load_config, load_program     # noqa: PLC0415
    from data_sources import ExcelSource               # noqa: PLC0415
    config = load_config(ROOT / "config.toml")
    with tempfile.TemporaryDirectory() as d:
        save(tabs, Path(d) / "book.xlsx")
        program = load_program(ExcelSource(Path(d) / "book.xlsx").read(), config, year="2025/26")
    tabs[tab("service", "plans")] = saved_plans(program, config, struggling)
    support = tabs[tab("service", "support")]
    support += support_rows(program, support[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEMO, help="folder for the books (default: demo/)")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    key, gen = make_cast(rng)
    first, offers = year_2025(rng, key, gen)
    second = year_2026(rng, key, gen, offers)
    for year, tabs in (("2025/26", first), ("2026/27", second)):
        path = out / (year.replace("/", "-") + ".xlsx")
        tabs[CONFIG["school"]["settings_tab"]] = [["Параметр", "Значение", "Сохранено"]]   # the setup page's, empty
        for service in ("plans", "support"):      # written by the plans page: headers only (nothing saved yet)
            tabs[tab("service", service)] = [[f["headers"][0] for f in CONFIG["service"][service]["fields"].values()]]
        if year == "2025/26":
            finished_year(tabs, {key[k].email for k in STRUGGLING})
        save(tabs, path)
        print(f"{path}: " + ", ".join(f"{name} {len(rows) - 1}" for name, rows in tabs.items()))


if __name__ == "__main__":
    main()
