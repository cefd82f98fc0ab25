"""A year's named figures: each computed once per read, with one counting rule and one Russian label that says
what it counts (people or pairs). Every page, the seminar and every document read a figure from here, so the
same label never shows two numbers (`tests/test_figures.py` reads them back from every page and the справка).

The counting rules, written once:
- a *pair row* is a row of the «Пары» tab; a row whose status says it ended ([service.pairs] ended: «завершена
  досрочно», «расторгнута» …) is an *ended* pair; every other row is *active* (a pair of the year that ran to the
  end keeps «утверждена»);
- *pairs and groups* are the distinct codes (П-n, Г-n) of the active rows; a row without a code is a pair of its own;
- *mentees in pairs* are the distinct mentees of active rows; *without a pair* — mentees of the bank who have none;
- the *participants of the year* (who is asked the final questionnaires) are the mentees and the mentors of every
  pair row, ended ones included: a pair that ended early still answers for its months;
- a share is «n из N» of the people it names; `None` while what it needs has not been collected.
Pure pandas: no Streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterator, Mapping

import pandas as pd

from .config import Config
from .kpi import kpis
from .overview import headline
from .program import Program


@dataclass(frozen=True)
class Figure:
    key: str
    label: str                    # what it counts, in Russian — the same words on every page and in every document
    value: float | None           # None: not collected yet / cannot be computed
    numerator: float | None = None
    denominator: float | None = None
    share: bool = False           # a share (0–1) shown in per cent, with «n из N»
    rule: str = ""                # the counting rule, for a tooltip or a note

    @property
    def text(self) -> str:
        """How the value reads: «21», «86 %», «—» (not collected)."""
        if self.value is None or pd.isna(self.value):
            return "—"
        if self.share:
            return f"{self.value * 100:.0f} %"
        return str(int(self.value)) if float(self.value).is_integer() else f"{self.value:.1f}".replace(".", ",")

    @property
    def detail(self) -> str:
        """«18 из 21» for a share, "" otherwise."""
        if not self.share or self.numerator is None or self.denominator is None or pd.isna(self.denominator):
            return ""
        return f"{int(self.numerator)} из {int(self.denominator)}"

    def sentence(self) -> str:
        """«Label: 86 % (18 из 21)» — how a document names it."""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.label}: {self.text}{detail}"


class Figures(Mapping[str, Figure]):
    """The year's figures by key (see the module doc for the counting rules)."""

    def __init__(self, figures: list[Figure], satisfied_label: str):
        self._by_key = {f.key: f for f in figures}
        self.satisfied_label = satisfied_label          # the top of the scale, [quality] satisfied_from–scale_max

    def __getitem__(self, key: str) -> Figure:
        return self._by_key[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_key)

    def __len__(self) -> int:
        return len(self._by_key)

    def metric(self, key: str) -> tuple[str, str, str]:
        """(label, text, rule) for a row of headline metrics."""
        f = self[key]
        return f.label, f.text, " ".join(x for x in (f.rule, f.detail and f"({f.detail})") if x)


def _value(x) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def year_figures(program: Program, config: Config, today: date, *, quality_summary: Mapping | None = None,
                 indicators: pd.DataFrame | None = None) -> Figures:
    """The named figures of one year. `quality_summary` (`QualityReport.summary`) and `indicators` (`kpis`) are
    taken when the caller has them already (the store computes each once per read)."""
    h = headline(program)
    k = (indicators if indicators is not None else kpis(program, config)).set_index("key")
    pairs = program.pairs
    active = program.active_pairs()
    mentees_year = set(pairs["mentee_id"].dropna()) if len(pairs) else set()
    groups = 0
    if len(active):
        codes = active["group"].fillna("").astype(str).str.strip()
        groups = codes[codes != ""].nunique() + int((codes == "").sum())
    sat = config.quality.satisfied_label

    def share(key: str, label: str, rule: str) -> Figure:
        r = k.loc[key]
        return Figure(key, label, _value(r["value"]), _value(r["numerator"]), _value(r["denominator"]), True,
                      str(r["note"]) or rule)

    out = [
        Figure("mentees_bank", "Наставляемых в банке", h.mentees,
               rule="Дали согласие на обработку данных; учтён последний ответ каждого"),
        Figure("mentors_bank", "Наставников в банке", h.mentors, rule="Дали согласие и готовы быть наставником"),
        Figure("mentor_places", "Мест у наставников", h.mentor_places,
               rule="Сумма ответов «сколько наставляемых готовы сопровождать» (наставник учтён один раз)"),
        Figure("groups", "Пар и групп", groups,
               rule="Действующие пары и группы листа «Пары» (коды П-n, Г-n; группа — одна)"),
        Figure("mentees_in_pairs", "Наставляемых в парах", len(set(active["mentee_id"])) if len(active) else 0,
               rule="Наставляемые действующих пар и групп листа «Пары»"),
        Figure("mentees_year", "Наставляемых в парах за год", len(mentees_year),
               rule="Все наставляемые пар года, в том числе пар, завершённых досрочно или расторгнутых"),
        Figure("ended_pairs", "Пар, завершённых досрочно", int((~pairs["active"].astype(bool)).sum())
               if len(pairs) and "active" in pairs else 0,
               rule="Строки листа «Пары» со статусом «завершена досрочно», «расторгнута» и т. п."),
        Figure("without_pair", "Без пары", h.without_pair,
               rule="В банке наставляемых, но нет действующей пары в листе «Пары»"),
        Figure("consent", "Дали согласие", h.consent_rate, h.consented, h.people_answered, True,
               "Из ответивших на анкеты-заявки"),
        share("final_response", "Ответили на итоговую анкету",
              "Наставляемые и наставники пар года, ответившие на итоговую анкету"),
        share("satisfied_mentee", f"Наставляемые, оценившие программу на {sat}",
              "«Общая удовлетворённость» в итоговой анкете наставляемого"),
        share("become_mentor", "Наставляемые, готовые стать наставниками",
              "Ответ «Да» в итоговой анкете наставляемого"),
    ]
    if quality_summary is not None:
        out.append(Figure("at_risk", "Пар в зоне риска", quality_summary.get("at_risk", 0),
                          rule="Низкие оценки, большое расхождение сторон, нежелание продолжать или программа, "
                               "просроченная на несколько недель"))
    return Figures(out, sat)
