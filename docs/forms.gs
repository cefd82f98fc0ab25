// Формы Google для программы наставничества — создаются одной кнопкой.
// Файл создан из config.toml скриптом scripts/make_forms_script.py — не правьте его вручную.
//
// Как запустить: откройте таблицу учебного года → Расширения → Apps Script, вставьте этот файл целиком,
// впишите ниже ключ таблицы (из адреса …/spreadsheets/d/КЛЮЧ/edit) и запустите функцию createForms.
// Каждая форма получит ровно вопросы и варианты из config.toml, её ответы пойдут в эту таблицу, а лист
// ответов получит имя, которое ждёт дашборд.

var SPREADSHEET_ID = "ВСТАВЬТЕ_КЛЮЧ_ТАБЛИЦЫ";

var FORMS = [
  {
    "title": "Запрос наставляемого",
    "tab": "Запросы наставляемых",
    "items": [
      {
        "kind": "text",
        "title": "ФИО",
        "required": false
      },
      {
        "kind": "checkbox",
        "title": "Преподаваемые предметы",
        "required": false,
        "choices": [
          "Математика",
          "Информатика",
          "Физика",
          "Химия",
          "Биология",
          "География",
          "Русский язык",
          "Литература",
          "Английский язык",
          "Немецкий язык",
          "История",
          "Обществознание",
          "Начальные классы",
          "Физическая культура",
          "Музыка",
          "Изобразительное искусство",
          "Технология",
          "ОБЗР",
          "Психология"
        ],
        "other": true
      },
      {
        "kind": "text",
        "title": "Должность",
        "required": false
      },
      {
        "kind": "number",
        "title": "Стаж педагогической работы (лет)",
        "required": false
      },
      {
        "kind": "choice",
        "title": "Категория наставляемого",
        "required": false,
        "choices": [
          "Молодой специалист (стаж до 3 лет)",
          "Новый сотрудник лицея",
          "Педагог, сменивший предмет или должность",
          "Педагог, желающий профессионального роста"
        ],
        "other": false
      },
      {
        "kind": "checkbox",
        "title": "Темы, по которым нужна поддержка наставника",
        "required": false,
        "choices": [
          "Разработка рабочей программы и КТП",
          "Современный урок по ФГОС",
          "ИКТ и цифровые ресурсы в обучении",
          "Функциональная грамотность",
          "Подготовка к ОГЭ и ЕГЭ",
          "Работа с одарёнными детьми, олимпиады",
          "Дети с ОВЗ, инклюзивное обучение",
          "Классное руководство, воспитательная работа",
          "Работа с родителями",
          "Дисциплина и управление классом",
          "Проектная и исследовательская деятельность",
          "Оценивание, формирующее оценивание",
          "Подготовка к аттестации",
          "Профилактика профессионального выгорания",
          "Ведение документации, электронный журнал"
        ],
        "other": true
      },
      {
        "kind": "paragraph",
        "title": "Опишите ваш запрос своими словами",
        "required": false
      },
      {
        "kind": "choice",
        "title": "Предпочтительный формат наставничества",
        "required": false,
        "choices": [
          "Индивидуально (пара)",
          "В группе",
          "Не важно"
        ],
        "other": false
      },
      {
        "kind": "checkbox",
        "title": "Когда вам удобно встречаться?",
        "required": false,
        "choices": [
          "Понедельник",
          "Вторник",
          "Среда",
          "Четверг",
          "Пятница",
          "Суббота"
        ],
        "other": true
      },
      {
        "kind": "choice",
        "title": "Согласие на обработку персональных данных",
        "required": true,
        "choices": [
          "Даю согласие",
          "Не даю согласия"
        ],
        "other": false
      }
    ]
  },
  {
    "title": "Анкета наставника",
    "tab": "Анкета наставников",
    "items": [
      {
        "kind": "text",
        "title": "ФИО",
        "required": false
      },
      {
        "kind": "checkbox",
        "title": "Преподаваемые предметы",
        "required": false,
        "choices": [
          "Математика",
          "Информатика",
          "Физика",
          "Химия",
          "Биология",
          "География",
          "Русский язык",
          "Литература",
          "Английский язык",
          "Немецкий язык",
          "История",
          "Обществознание",
          "Начальные классы",
          "Физическая культура",
          "Музыка",
          "Изобразительное искусство",
          "Технология",
          "ОБЗР",
          "Психология"
        ],
        "other": true
      },
      {
        "kind": "number",
        "title": "Стаж педагогической работы (лет)",
        "required": false
      },
      {
        "kind": "choice",
        "title": "Квалификационная категория",
        "required": false,
        "choices": [
          "Без категории",
          "Первая",
          "Высшая",
          "Педагог-методист",
          "Педагог-наставник"
        ],
        "other": false
      },
      {
        "kind": "checkbox",
        "title": "Темы, по которым вы готовы быть наставником",
        "required": false,
        "choices": [
          "Разработка рабочей программы и КТП",
          "Современный урок по ФГОС",
          "ИКТ и цифровые ресурсы в обучении",
          "Функциональная грамотность",
          "Подготовка к ОГЭ и ЕГЭ",
          "Работа с одарёнными детьми, олимпиады",
          "Дети с ОВЗ, инклюзивное обучение",
          "Классное руководство, воспитательная работа",
          "Работа с родителями",
          "Дисциплина и управление классом",
          "Проектная и исследовательская деятельность",
          "Оценивание, формирующее оценивание",
          "Подготовка к аттестации",
          "Профилактика профессионального выгорания",
          "Ведение документации, электронный журнал"
        ],
        "other": true
      },
      {
        "kind": "number",
        "title": "Сколько наставляемых вы готовы сопровождать?",
        "required": false
      },
      {
        "kind": "checkbox",
        "title": "Формат наставничества",
        "required": false,
        "choices": [
          "Индивидуально (пара)",
          "В группе"
        ],
        "other": true
      },
      {
        "kind": "checkbox",
        "title": "Когда вам удобно встречаться?",
        "required": false,
        "choices": [
          "Понедельник",
          "Вторник",
          "Среда",
          "Четверг",
          "Пятница",
          "Суббота"
        ],
        "other": true
      },
      {
        "kind": "choice",
        "title": "Готовы ли вы стать наставником в этом учебном году?",
        "required": false,
        "choices": [
          "Да",
          "Нет"
        ],
        "other": false
      },
      {
        "kind": "choice",
        "title": "Согласие на обработку персональных данных",
        "required": true,
        "choices": [
          "Даю согласие",
          "Не даю согласия"
        ],
        "other": false
      }
    ]
  },
  {
    "title": "Итоговая анкета наставляемого",
    "tab": "Итоговая анкета наставляемых",
    "items": [
      {
        "kind": "grid",
        "title": "Оцените по шкале от 1 до 10",
        "rows": [
          "Эффективность программы наставничества",
          "Комфортность общения с наставником",
          "Полезность встреч",
          "Понятность заданий",
          "Поддержка наставника",
          "Общая удовлетворённость"
        ],
        "columns": [
          "1",
          "2",
          "3",
          "4",
          "5",
          "6",
          "7",
          "8",
          "9",
          "10"
        ]
      },
      {
        "kind": "grid",
        "title": "Как часто это было?",
        "rows": [
          "Открытые уроки",
          "Совместная работа",
          "Личные встречи"
        ],
        "columns": [
          "Часто",
          "Иногда",
          "Никогда"
        ]
      },
      {
        "kind": "choice",
        "title": "Рады ли вы, что приняли участие в программе?",
        "required": false,
        "choices": [
          "Да",
          "Нет"
        ],
        "other": false
      },
      {
        "kind": "choice",
        "title": "Хотели бы вы продолжить работу с наставником?",
        "required": false,
        "choices": [
          "Да",
          "Нет"
        ],
        "other": false
      },
      {
        "kind": "choice",
        "title": "Хотели бы вы в будущем стать наставником?",
        "required": false,
        "choices": [
          "Да",
          "Нет"
        ],
        "other": false
      },
      {
        "kind": "paragraph",
        "title": "Лучшая практика вашей пары",
        "required": false
      },
      {
        "kind": "paragraph",
        "title": "Что стоит улучшить в программе?",
        "required": false
      }
    ]
  },
  {
    "title": "Итоговая анкета наставника",
    "tab": "Итоговая анкета наставников",
    "items": [
      {
        "kind": "grid",
        "title": "Оцените по шкале от 1 до 10",
        "rows": [
          "Эффективность программы наставничества",
          "Комфортность общения с наставляемым",
          "Полезность встреч",
          "Понятность заданий",
          "Прогресс наставляемого",
          "Общая удовлетворённость"
        ],
        "columns": [
          "1",
          "2",
          "3",
          "4",
          "5",
          "6",
          "7",
          "8",
          "9",
          "10"
        ]
      },
      {
        "kind": "grid",
        "title": "Как часто это было?",
        "rows": [
          "Открытые уроки",
          "Совместная работа",
          "Личные встречи"
        ],
        "columns": [
          "Часто",
          "Иногда",
          "Никогда"
        ]
      },
      {
        "kind": "choice",
        "title": "Рады ли вы, что приняли участие в программе?",
        "required": false,
        "choices": [
          "Да",
          "Нет"
        ],
        "other": false
      },
      {
        "kind": "choice",
        "title": "Хотели бы вы продолжить работу с наставляемым?",
        "required": false,
        "choices": [
          "Да",
          "Нет"
        ],
        "other": false
      },
      {
        "kind": "paragraph",
        "title": "Лучшая практика вашей пары",
        "required": false
      },
      {
        "kind": "paragraph",
        "title": "Что стоит улучшить в программе?",
        "required": false
      }
    ]
  },
  {
    "title": "Входная анкета наставляемого",
    "tab": "Входная анкета наставляемых",
    "items": [
      {
        "kind": "grid",
        "title": "Ваши ожидания по шкале от 1 до 10",
        "rows": [
          "Эффективность программы наставничества",
          "Комфортность общения с наставником",
          "Полезность встреч",
          "Понятность заданий",
          "Поддержка наставника",
          "Общая удовлетворённость"
        ],
        "columns": [
          "1",
          "2",
          "3",
          "4",
          "5",
          "6",
          "7",
          "8",
          "9",
          "10"
        ]
      }
    ]
  },
  {
    "title": "Входная анкета наставника",
    "tab": "Входная анкета наставников",
    "items": [
      {
        "kind": "grid",
        "title": "Ваши ожидания по шкале от 1 до 10",
        "rows": [
          "Эффективность программы наставничества",
          "Комфортность общения с наставляемым",
          "Полезность встреч",
          "Понятность заданий",
          "Прогресс наставляемого",
          "Общая удовлетворённость"
        ],
        "columns": [
          "1",
          "2",
          "3",
          "4",
          "5",
          "6",
          "7",
          "8",
          "9",
          "10"
        ]
      }
    ]
  },
  {
    "title": "Журнал встреч",
    "tab": "Журнал встреч",
    "items": [
      {
        "kind": "text",
        "title": "E-mail наставляемого",
        "required": false
      },
      {
        "kind": "date",
        "title": "Дата встречи",
        "required": false
      },
      {
        "kind": "text",
        "title": "Тема встречи",
        "required": false
      },
      {
        "kind": "number",
        "title": "Продолжительность (минут)",
        "required": false
      }
    ]
  }
];

function addItem(form, item) {
  var q;
  if (item.kind === "grid") {
    return form.addGridItem().setTitle(item.title).setRows(item.rows).setColumns(item.columns);
  } else if (item.kind === "checkbox") {
    q = form.addCheckboxItem().setTitle(item.title).setChoiceValues(item.choices).showOtherOption(item.other);
  } else if (item.kind === "choice") {
    q = form.addMultipleChoiceItem().setTitle(item.title).setChoiceValues(item.choices);
  } else if (item.kind === "number") {
    q = form.addTextItem().setTitle(item.title)
      .setValidation(FormApp.createTextValidation().requireNumber().build());
  } else if (item.kind === "date") {
    q = form.addDateItem().setTitle(item.title);
  } else if (item.kind === "paragraph") {
    q = form.addParagraphTextItem().setTitle(item.title);
  } else {
    q = form.addTextItem().setTitle(item.title);
  }
  return q.setRequired(Boolean(item.required));
}

function createForms() {
  var ss = SpreadsheetApp.openById(SPREADSHEET_ID);
  FORMS.forEach(function (spec) {
    var form = FormApp.create(spec.title);
    form.setCollectEmail(true);
    spec.items.forEach(function (item) { addItem(form, item); });
    form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
    SpreadsheetApp.flush();
    ss.getSheets().forEach(function (sheet) {
      var url = sheet.getFormUrl();
      if (url && url.indexOf(form.getId()) >= 0) { sheet.setName(spec.tab); }
    });
    Logger.log(spec.title + ": " + form.getPublishedUrl());
  });
}
