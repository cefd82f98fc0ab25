"""A school's config.toml holds only what differs from the bundled one; the rest comes from the defaults."""
from __future__ import annotations

from analysis import load_config, load_program
from data_sources import demo_source

DEFAULT = load_config()


def test_a_partial_school_config_is_merged_over_the_defaults(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('''
[school]
name = "МБОУ СОШ № 7"

[years]
"2026/27" = "ответы-2026.xlsx"

[lists]
topics = ["Современный урок по ФГОС", "Подготовка обучающихся к ОГЭ, ЕГЭ"]

[forms.mentee_request.fields]
topics = { headers = ["С чем нужна помощь?"] }
''', encoding="utf-8")
    config = load_config(path)
    assert config.section("school")["name"] == "МБОУ СОШ № 7"
    assert config.section("school")["timezone"] == DEFAULT.section("school")["timezone"]     # from the defaults
    assert config.years == {"2026/27": "ответы-2026.xlsx"}                                   # no demo years added
    assert config.topics == ("Современный урок по ФГОС", "Подготовка обучающихся к ОГЭ, ЕГЭ")
    topics = config.forms["mentee_request"].fields["topics"]
    assert topics.headers == ("С чем нужна помощь?",) and topics.type == "multi"
    assert topics.options == config.topics                                     # the list named by the default field
    assert config.forms["mentor_survey"].fields["topics"].options == config.topics
    assert config.path == path.resolve()                                       # [years] paths are relative to it
    tabs = demo_source("2026/27").read()
    headers = DEFAULT.forms["mentee_request"].fields["topics"].headers
    tabs[DEFAULT.forms["mentee_request"].tab] = tabs[DEFAULT.forms["mentee_request"].tab].rename(
        columns={h: "С чем нужна помощь?" for h in headers})
    program = load_program(tabs, config)
    assert not [p for p in program.problems if "не найден вопрос" in p.message and "помощь" in p.message]
    # the demo's answers name topics this school's list lacks: said, and matching waits — nothing silently lost
    assert any(p.blocks == "matching" and "которых нет в списке" in p.message for p in program.problems)
