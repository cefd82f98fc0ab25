"""The year's analytic report («аналитическая справка») on the mentoring programme, as an A4 .docx.

What a region asks for at the end of the year: the roadmap's stages with their status and evidence, the indicators with numerators
and denominators, monitoring stage 1 (programme quality, the curator's questionnaire) and stage 2 (the
participants' growth; both stages, the SWOT and the curator's questionnaire are Р-145's, распоряжение
Минпросвещения России от 25.12.2019 № Р-145), the SWOT analysis, the chosen best practices, the expected results
of the methodological recommendations (письмо Минпросвещения России № АЗ-1128/08 и Общероссийского Профсоюза
образования № 657 от 21.12.2021, section IV) as measured, the risks, conclusions and recommendations drawn from
the data. What is not collected yet is said in words, never shown as a zero. Charts are Plotly figures exported
with kaleido (the system's Chromium) in a child process with a deadline (`documents.chart_images`); without a
browser, or when it does not answer in time, the report keeps the tables and says so.

Personal data: pairs are named by their code (П-01, Г-02), never by people's names; open answers appear only as
the SWOT board the coordinator accepted.
"""
from __future__ import annotations

import io
from datetime import date
from typing import Mapping

import numpy as np
import pandas as pd
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from analysis import monitoring as mon
from analysis.banks import demand_supply, training_needs
from analysis.config import Config, outside_default
from analysis.normalize import score
from analysis.duties import without_consent
from analysis.figures import year_figures
from analysis.kpi import kpis
from analysis.overview import without_pair
from analysis.plans import all_plans, term_problem
from analysis.program import Program
from analysis.quality import pair_health
from analysis.schoolyear import year_finished
from analysis.roadmap import stage_status
from analysis.writes import SWOT_SECTIONS

from .chart_images import figure_images
from .order import MONTHS
from .style import TABLE_PT, new_document, signature, table, to_bytes

NOT_COLLECTED = "не собрано"
ROLE_GEN = {"mentee": "наставляемых", "mentor": "наставников"}


# --- document helpers ---------------------------------------------------------------------
def _document(school: str) -> Document:
    doc = new_document(school, title="Аналитическая справка о реализации программы наставничества")
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)
    return doc


def _table(doc: Document, header: list[str], rows: list[list[object]], widths: list[float] | None = None) -> None:
    table(doc, header, [[_text(v) for v in row] for row in rows], widths)
    doc.add_paragraph()


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "—"
    if isinstance(value, float):
        return score(value)                       # 8,1; a real minus, never «−0,0»
    return str(value)


def _pct(value: float) -> str:
    return "—" if value is None or pd.isna(value) else f"{value * 100:.0f} %"


def _count(value: float) -> str:
    return "—" if value is None or pd.isna(value) else str(int(value))


def _image(doc: Document, png: bytes | None, caption: str) -> None:
    if png is None:
        return
    doc.add_picture(io.BytesIO(png), width=Cm(16))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = doc.add_paragraph(caption)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.runs[0].italic, p.runs[0].font.size = True, Pt(TABLE_PT)


# --- the report ---------------------------------------------------------------------------
def conclusions(program: Program, config: Config, k: pd.DataFrame, s1: pd.DataFrame, s2: pd.DataFrame,
                responses: pd.DataFrame, health: pd.DataFrame, curator: mon.Curator) -> list[str]:
    """Conclusions and recommendations, each drawn from a figure of the report."""
    out = []
    by = k.set_index("key")
    cov = by.loc["coverage"]
    target = config.monitoring.coverage_target
    if pd.isna(cov["value"]):
        out.append(f"Охват педагогов наставничеством не рассчитан: {cov['note']}.")
    elif cov["value"] < target:
        out.append(f"Наставничеством охвачено {_pct(cov['value'])} педагогов ({_count(cov['numerator'])} из "
                   f"{_count(cov['denominator'])}) — ниже ориентира школы {_pct(target)}: расширить банк наставников и "
                   "вовлечь педагогов в групповые формы наставничества.")
    else:
        out.append(f"Наставничеством охвачено {_pct(cov['value'])} педагогов — ориентир школы {_pct(target)} достигнут.")
    young = by.loc["young_with_mentor"]
    if pd.notna(young["value"]) and young["value"] < 1:
        out.append(f"Молодых специалистов без наставника: {_count(young['denominator'] - young['numerator'])} — "
                   "закрепить за ними наставников.")
    needs = training_needs(demand_supply(program.mentees, program.mentors, config.topics))
    if needs:
        out.append("Темы, по которым не хватает наставников: " + "; ".join(f"«{t}»" for t in needs) +
                   ". Включить их в план обучения наставников (этап 4 дорожной карты).")
    risk = health[health["status"] == "at_risk"] if len(health) else health
    if len(risk):
        codes = ", ".join(sorted(dict.fromkeys(str(g) for g in risk["group"] if str(g or "").strip()))) or str(len(risk))
        out.append(f"Пар и групп в зоне риска: {len(risk)} ({codes}) — низкие оценки, расхождение оценок сторон или "
                   "отказ продолжать; куратору провести с ними беседы и пересмотреть программы.")
    low = responses[responses["collected"] & (responses["rate"] < 0.8)] if len(responses) else responses
    for r in low.itertuples(index=False):
        out.append(f"На анкету «{r.title}» ответили {_pct(r.rate)} ({r.answered} из {r.expected}) — разослать "
                   "напоминание со страницы «Мониторинг»; выводы по ней менее надёжны.")
    missing = responses[~responses["collected"]] if len(responses) else responses
    if len(missing):
        out.append("Ещё не собраны: " + ", ".join(f"«{t}»" for t in missing["title"]) + ".")
    grown = s2.dropna(subset=["delta"])
    if len(grown):
        weakest = grown.sort_values("delta").iloc[0]
        out.append(f"Наименьший рост (этап 2): «{weakest['label']}» у {ROLE_GEN[weakest['role']]} "
                   f"({_text(weakest['delta'])} балла) — предусмотреть это направление в программах следующего года.")
    scored = s1.dropna(subset=["mean"])
    if len(scored):
        worst = scored.sort_values("mean").iloc[0]
        out.append(f"Самая низкая оценка качества программы: «{worst['label']}» ({_text(worst['mean'])}, "
                   f"оценка {ROLE_GEN[worst['role']]}).")
    if curator.answered and len(curator.scores.dropna(subset=["score"])):
        c = curator.scores.dropna(subset=["score"]).sort_values("score").iloc[0]
        out.append(f"По анкете куратора слабее всего — «{c['label']}» ({_text(c['score'])} из 10).")
    return out


def risks(program: Program, config: Config, status: pd.DataFrame, health: pd.DataFrame,
          responses: pd.DataFrame) -> list[list[str]]:
    """The programme's risks as the data show them: [risk, what the data say, what to do] — each from a figure the
    справка computes anyway (the roadmap, the pairs' health, the banks, the answers, the consents, the plans)."""
    out = []
    late = status[status["status"].isin(["overdue", "conflict"])] if len(status) else status
    if len(late):
        out.append(["Этапы дорожной карты не выполнены в срок или не подтверждены данными",
                    "; ".join(f"этап {r.stage}: {r.status_ru}" for r in late.itertuples()),
                    "Куратору: довести этапы до результата, указанного в дорожной карте, или перенести срок приказом."])
    quiet = health[health["status"].isin(["quiet", "at_risk"])] if len(health) else health
    if len(quiet):
        out.append(["Пары и группы прекращают работу (нет встреч, низкие оценки, отказ продолжать)",
                    f"{len(quiet)}: " + ", ".join(sorted(dict.fromkeys(str(g) for g in quiet["group"] if str(g or "").strip()))),
                    "Беседа куратора с парой; пересмотр программы или замена наставника."])
    waiting = without_pair(program)
    if waiting:
        out.append(["Наставляемые без наставника", str(len(waiting)),
                    "Поддержка наставляемых без пары (этап 5.3), поиск и обучение наставников по их темам."])
    needs = training_needs(demand_supply(program.mentees, program.mentors, config.topics))
    if needs:
        out.append(["Нет наставников по востребованным темам", "; ".join(f"«{t}»" for t in needs),
                    "Обучение наставников (этап 4), привлечение наставников из других школ."])
    pairs = program.active_pairs()
    missing = without_consent(program, pairs) if len(pairs) else pairs
    if len(missing):
        out.append(["Участники без письменного согласия на дополнительные обязанности", str(len(missing)),
                    "Получить согласие до подписания приказа о закреплении пар."])
    short = [c for c, plan in all_plans(program, config).items() if term_problem(plan)] if len(pairs) else []
    if short:
        out.append(["Программы со сроком вне 3 месяцев – 1 года", ", ".join(short),
                    "Пересмотреть срок реализации программы."])
    low = responses[responses["collected"] & (responses["rate"] < 0.8)] if len(responses) else responses
    if len(low):
        out.append(["Мало ответов на анкеты: выводы мониторинга ненадёжны",
                    "; ".join(f"«{r.title}» — {_pct(r.rate)}" for r in low.itertuples()),
                    "Напоминания участникам со страницы «Мониторинг»."])
    if not config.mentoring.curator:
        out.append(["Куратор программы не назначен", "в настройках года не указан",
                    "Издать приказ о назначении куратора (этап 1)."])
    return out


def expected_results(program: Program, k: pd.DataFrame) -> list[list[str]]:
    """The expected results the recommendations name (section IV of the methodological recommendations) that the
    data can measure: [result, figure, how it is measured] — said «не собрано» where the data do not have it."""
    by = k.set_index("key")

    def figure(key: str) -> tuple[str, str]:
        if key not in by.index:
            return NOT_COLLECTED, "показатель не рассчитывается"
        r = by.loc[key]
        if pd.isna(r["value"]):
            return NOT_COLLECTED, str(r["note"])
        return f"{_pct(r['value'])} ({_count(r['numerator'])} из {_count(r['denominator'])})", str(r["indicator"])

    pubs = program.publications
    n_pubs = len(pubs) if pubs is not None else 0
    pr = program.practices
    chosen = int((pd.to_numeric(pr["chosen"], errors="coerce").fillna(0) >= 1).sum()) if len(pr) and "chosen" in pr else 0
    rows = [["Профессиональный рост педагогов", *figure("growth")],
            ["Закрепление молодых и начинающих педагогов в профессии и в школе", *figure("retention")],
            ["Молодые специалисты получают поддержку наставника", *figure("young_with_mentor")],
            ["Наставляемые готовы стать наставниками", *figure("become_mentor")],
            ["Распространение опыта наставничества",
             f"публикаций: {n_pubs}; лучших практик отобрано: {chosen}", "листы публикаций и практик"]]
    return rows


def annual_report_docx(program: Program, *, config: Config | None = None, today: date | None = None,
                       previous: Program | None = None, swot: Mapping[str, str] | None = None,
                       charts: bool = True) -> bytes:
    """The analytic report of one academic year (.docx bytes, A4). `previous`: last year's Program (retention);
    `swot`: the coordinator's SWOT board (section -> text, `analysis.writes.swot_board`); `charts`: draw the
    Plotly figures as images (kaleido)."""
    from .figures import response_figure, stage1_figure, stage2_figure

    config = outside_default(config)
    today = today or config.today()
    school = config.school.name
    year = program.year or ""
    k = kpis(program, config, previous=previous)
    s1, s2 = mon.stage1(program, config), mon.stage2(program, config)
    cur = mon.curator(program, config)
    responses = mon.response_summary(program, config)
    health = pair_health(program, config, today)
    status = stage_status(program, pd.Timestamp(today), config)
    figures = [stage1_figure(s1), stage2_figure(s2), response_figure(mon.response_over_time(program, config))]
    images, no_images = figure_images(figures) if charts else ([None] * 3, "диаграммы отключены")

    doc = _document(school)
    drawn: list[str] = []

    def figure(png: bytes | None, caption: str) -> None:
        """A chart with its number in the order the charts appear (a missing one takes no number)."""
        if png is not None:
            drawn.append(caption)
            _image(doc, png, f"Рисунок {len(drawn)}. {caption}")

    p = doc.add_paragraph(school)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = doc.add_paragraph(style="Title")
    finished = year_finished(program, config, today)
    title.add_run(f"Аналитическая справка по итогам реализации программы наставничества педагогических работников "
                  f"в {year} учебном году" if finished else
                  f"Промежуточная аналитическая справка о реализации программы наставничества педагогических "
                  f"работников в {year} учебном году (по состоянию на {today:%d.%m.%Y})")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = doc.add_paragraph(f"Составлена {today.day} {MONTHS[today.month - 1]} {today.year} г. по данным таблицы "
                          "программы (анкеты, служебные листы).")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    doc.add_heading("1. Общие сведения", level=1)
    figs = year_figures(program, config, today, indicators=k)
    ended = figs["ended_pairs"]
    doc.add_paragraph(f"{year} учебный год. " + "; ".join(
        figs[key].sentence() for key in ("groups", "mentees_in_pairs", "without_pair", "mentees_bank", "mentors_bank"))
        + "." + (f" {figs['mentees_year'].sentence()} ({ended.sentence().lower()})." if ended.value else ""))
    final_any = bool(responses[(responses["kind"] == "final")]["collected"].any()) if len(responses) else False
    missing = [label for label, have in (("итоговые анкеты наставляемых и наставников", final_any),) if not have]
    doc.add_paragraph(("Мониторинг проведён" if finished and final_any else "Мониторинг проводится")
                      + " в два этапа, как предусмотрено методологией (целевой моделью) наставничества "
                      "(распоряжение Минпросвещения России от 25.12.2019 № Р-145, раздел о мониторинге и оценке "
                      "результатов реализации программы наставничества): этап 1 — оценка качества реализации "
                      "программы; этап 2 — оценка мотивационно-личностного и профессионального роста участников."
                      + (f" На {today:%d.%m.%Y} ещё не собраны: {', '.join(missing)}." if missing else ""))

    doc.add_heading("2. Выполнение дорожной карты", level=1)
    rows = []
    for r in status.itertuples(index=False):
        evidence = "; ".join(f"{i.label}: {i.value} ({i.source})" for i in r.indicators) or "—"
        rows.append([r.stage, r.name, r.period or "—", r.result or "—", r.status_ru, evidence])
    _table(doc, ["№", "Этап", "Срок", "Ожидаемый результат / вид документа", "Статус", "Подтверждение (по данным)"],
           rows, [0.8, 3.2, 2.2, 3.8, 2, 4.5])

    doc.add_heading("3. Показатели эффективности", level=1)
    rows = [[r.indicator, _count(r.numerator), _count(r.denominator),
             NOT_COLLECTED if pd.isna(r.value) else _pct(r.value),
             (f"ориентир школы {_pct(r.target)}; " if pd.notna(r.target) else "") + str(r.note)]
            for r in k.itertuples(index=False)]
    _table(doc, ["Показатель", "Числитель", "Знаменатель", "Значение", "Как считано / чего не хватает"], rows,
           [5, 2, 2.3, 2, 5.4])

    doc.add_heading("4. Мониторинг, этап 1: качество реализации программы", level=1)
    if not final_any:
        doc.add_paragraph("Итоговые анкеты наставляемых и наставников ещё не собраны — оценки качества программы "
                          "появятся после итогового анкетирования.")
    else:
        wide = s1.pivot_table(index=["item", "label"], columns="role", values=["mean", "satisfied", "n"], aggfunc="first",
                              sort=False)
        rows = []
        for (item, label), r in wide.iterrows():
            row = [label]
            for role in ("mentee", "mentor"):
                mean = r.get(("mean", role), np.nan)
                row += [_text(mean) if item != "plan_made" else "—", _pct(r.get(("satisfied", role), np.nan)),
                        _count(r.get(("n", role), np.nan))]
            rows.append(row)
        top = f"{config.quality.satisfied_label} / «Да»"
        _table(doc, ["Пункт", "Наставляемые: средняя", top, "n", "Наставники: средняя", top, "n"],
               rows, [5, 2, 2, 1.2, 2, 2, 1.2])
        figure(images[0], "Оценки качества программы (итоговые анкеты)")
    doc.add_heading("Ответы на анкеты", level=2)
    _table(doc, ["Анкета", "Ответили", "Ожидалось", "Доля"],
           [[r.title, r.answered if r.collected else NOT_COLLECTED, r.expected, _pct(r.rate) if r.collected else NOT_COLLECTED]
            for r in responses.itertuples(index=False)], [7, 3, 3, 3])
    figure(images[2], "Доля ответивших по дням")
    doc.add_heading("Анкета куратора", level=2)
    if cur.answered:
        _table(doc, ["Условие реализации программы", "Оценка (1–10)"],
               [[r.label, _text(r.score)] for r in cur.scores.itertuples(index=False)], [12, 4])
    else:
        doc.add_paragraph(f"Анкета куратора ещё не заполнена ({NOT_COLLECTED}).")

    doc.add_heading("5. Мониторинг, этап 2: рост участников", level=1)
    shown = s2.dropna(subset=["delta"])
    if not len(shown):
        doc.add_paragraph("Рост участников оценивается по входной и итоговой анкетам одних и тех же людей; итоговые "
                          "анкеты ещё не собраны.")
    else:
        _table(doc, ["Пункт", "Кто", "n", "Вход", "Итог", "Изменение", "Выросли"],
               [[r.label, mon.ROLE_RU[r.role], r.n, _text(r.entry), _text(r.final),
                 score(r.delta, signed=True), _pct(r.grew)] for r in shown.itertuples(index=False)],
               [5, 2.6, 1.2, 1.6, 1.6, 2, 2])
        figure(images[1], "Самооценка участников: вход и итог")
    if no_images and charts and any(f is not None for f in figures):
        doc.add_paragraph(f"Примечание: {no_images}.").runs[0].italic = True

    doc.add_heading("6. SWOT-анализ программы", level=1)
    board = {k_: v for k_, v in (swot or {}).items() if str(v).strip()}
    if board:
        _table(doc, ["Раздел", "Содержание"], [[s, board.get(s, "—")] for s in SWOT_SECTIONS], [4, 12])
    else:
        sug = mon.swot_suggestions(program, config)
        counts = sug["section"].value_counts() if len(sug) else pd.Series(dtype=int)
        doc.add_paragraph("SWOT-доска координатора не заполнена. " + (
            "Предложений из открытых ответов: " + ", ".join(f"«{s}» — {int(counts.get(s, 0))}" for s in SWOT_SECTIONS) +
            "; перенесите выбранные на доску на странице «Мониторинг»." if len(sug) else
            f"Открытых ответов ещё нет ({NOT_COLLECTED})."))

    doc.add_heading("7. Лучшие практики наставничества", level=1)
    pr = program.practices
    chosen = pr[pd.to_numeric(pr["chosen"], errors="coerce").fillna(0) >= 1] if len(pr) and "chosen" in pr else pr.iloc[0:0]
    if len(chosen):
        _table(doc, ["Практика", "Тема", "Авторы (пара/группа)"],
               [[r.get("title"), r.get("topic"), r.get("authors")] for r in chosen.to_dict("records")], [7, 5, 4])
    else:
        doc.add_paragraph(f"Практики для итогового мероприятия ещё не отобраны ({NOT_COLLECTED}).")

    doc.add_heading("8. Ожидаемые результаты", level=1)
    doc.add_paragraph("Результаты, которые называют методические рекомендации по разработке и внедрению системы "
                      "(целевой модели) наставничества педагогических работников (письмо Минпросвещения России "
                      "№ АЗ-1128/08 и Общероссийского Профсоюза образования № 657 от 21.12.2021, раздел IV), — там, "
                      "где их можно измерить по данным программы.")
    _table(doc, ["Ожидаемый результат", "По данным", "Как измерено"], expected_results(program, k), [5.5, 4.5, 6.5])

    doc.add_heading("9. Риски", level=1)
    found = risks(program, config, status, health, responses)
    if found:
        _table(doc, ["Риск", "По данным", "Что сделать"], found, [5, 5, 6.5])
    else:
        doc.add_paragraph("По данным программы рисков не выявлено.")

    doc.add_heading("10. Выводы и рекомендации", level=1)
    for i, text in enumerate(conclusions(program, config, k, s1, s2, responses, health, cur), start=1):
        doc.add_paragraph(f"{i}. {text}")
    signature(doc, "Куратор программы наставничества", config.mentoring.curator)

    return to_bytes(doc)
