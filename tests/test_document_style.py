"""Every .docx the dashboard makes, in the one Russian document style (documents/style.py): A4, margins 3/1.5/2/2 cm,
Times New Roman 14 (12 in tables), a page number on every page but the first, the school as the file's author,
the head of the school named where she signs — for both demo years."""
from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from docx.shared import Cm

from analysis import load_program
from analysis.config import merged, parse_config
from analysis.plans import all_plans
from data_sources import demo_source, demo_years
from documents.order import curator_order_docx, order_docx
from documents.plan import Signers, plan_docx, plans_bundle
from documents.practices import practices_docx
from documents.regulation import regulation_docx
from documents.report import annual_report_docx
from tests.forms import CONFIG
from tests.test_numbers_russian import offending

SCHOOL = "МБОУ СОШ № 7"
HEAD = ("Директор", "Е. В. Смирнова")
CURATOR = "О. П. Кузнецова"


def documents(year: str) -> dict[str, bytes]:
    config = parse_config(merged(CONFIG.raw, {"school": {"name": SCHOOL, "head_name": HEAD[1]},
                                              "mentoring": {"curator": CURATOR}}))
    program = load_program(demo_source(year).read(), config, year=year)
    plans = list(all_plans(program, config).values())
    signers = Signers.of(config)
    out = {"справка": annual_report_docx(program, config=config, today=date(2026, 6, 1), charts=False),
           "приказ": order_docx(program.active_pairs(), school=SCHOOL, year=year, today=date(2026, 10, 1),
                                signers=signers, plans=plans, program=program),
           "копилка": practices_docx(program.practices.assign(year=year).reindex(
               columns=["title", "topic", "subject", "authors", "description", "year"]), school=SCHOOL),
           "положение": regulation_docx(program, config),
           "приказ о кураторе": curator_order_docx(school=SCHOOL, year=year, today=date(2026, 8, 28), signers=signers)}
    if plans:
        out["ППН"] = plan_docx(plans[0], program, school=SCHOOL, signers=signers)
        out["все ППН"] = plans_bundle(plans, program, school=SCHOOL, signers=signers)
    return out


@pytest.mark.parametrize("year", demo_years())
def test_every_document_is_a4_times_new_roman_numbered_and_the_schools_own(year):
    for name, data in documents(year).items():
        d = docx.Document(io.BytesIO(data))
        for s in d.sections:
            assert abs(s.page_width - Cm(21)) < Cm(0.05) and abs(s.page_height - Cm(29.7)) < Cm(0.05), name
            assert [round(m.cm, 1) for m in (s.left_margin, s.right_margin, s.top_margin, s.bottom_margin)] == \
                [3.0, 1.5, 2.0, 2.0], name
            assert "PAGE" in s.header._element.xml and s.different_first_page_header_footer, name   # page numbers
        normal = d.styles["Normal"].font
        assert normal.name == "Times New Roman" and normal.size.pt == 14, name
        assert d.core_properties.author == SCHOOL and "python-docx" not in d.core_properties.author, name
        words = [p.text for p in d.paragraphs] + [c.text for t in d.tables for row in t.rows for c in row.cells]
        assert not [(w[:60], offending(w)) for w in words if offending(w)], name     # 8,1 and −2, never 8.1 or -2
        for table in d.tables:
            sizes = {r.font.size.pt for row in table.rows for c in row.cells for p in c.paragraphs for r in p.runs
                     if r.text.strip() and r.font.size is not None}
            assert sizes <= {12.0}, (name, sizes)


def test_the_head_and_the_curator_are_named_where_they_sign_and_appendices_numbered():
    made = documents("2025/26")
    order = "\n".join(p.text for p in docx.Document(io.BytesIO(made["приказ"])).paragraphs)
    assert f"{HEAD[0]}\t\t____________\t{HEAD[1]}" in order
    assert f"Куратору программы наставничества {CURATOR}" in order
    numbers = [int(t.split()[1]) for t in order.splitlines() if t.startswith("Приложение ")]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 2     # 1: pairs; 2, 3, …: one ППН each
    plan = "\n".join(p.text for p in docx.Document(io.BytesIO(made["ППН"])).paragraphs)
    assert plan.startswith("УТВЕРЖДАЮ") and HEAD[1] in plan and CURATOR in plan
    report = "\n".join(p.text for p in docx.Document(io.BytesIO(made["справка"])).paragraphs)
    assert CURATOR in report and "Р-145" in report and "национальн" not in report


def test_the_regulation_and_the_curator_order_are_drafted_from_the_years_settings():
    """Stage 1's documents: the Положение (terms with the ППН definition as the recommendations give it, the
    school's form and role models and types as it set them, the stages of its roadmap, monitoring in two stages
    cited to Р-145, consent to the duties) and the order appointing the curator named in the settings."""
    made = documents("2026/27")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(made["положение"])).paragraphs)
    assert "ПОЛОЖЕНИЕ" in text and f"в {SCHOOL}" in text and "УТВЕРЖДАЮ" in text and HEAD[1] in text
    assert "краткосрочная персонализированная программа (от 3 месяцев до 1 года)" in text
    assert "№ АЗ-1128/08 и Общероссийского Профсоюза образования № 657 от 21.12.2021" in text
    assert "от 25.12.2019 № Р-145" in text and "два этапа" in text
    assert "«педагог – педагог»" in text and "«опытный педагог – молодой специалист»" in text
    assert "«руководитель – педагог»" in text and "«реверсивная»" in text
    assert "письменного согласия на участие и на возложение дополнительных обязанностей" in text
    assert "Формирование банка наставников" in text                  # a stage of the roadmap
    assert CURATOR in text and "формулировка школы" in text
    order = "\n".join(p.text for p in docx.Document(io.BytesIO(made["приказ о кураторе"])).paragraphs)
    assert f"Назначить куратором программы наставничества педагогических работников на 2026/27 учебный год " \
           f"{CURATOR}." in order and f"{HEAD[0]}\t\t____________\t{HEAD[1]}" in order
