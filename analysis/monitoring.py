"""Monitoring of the mentoring programme in the methodology's two stages, who has not answered, every question.

Followed (cited in config.toml [monitoring]): the methodological recommendations on the system (target model) of
mentoring of teachers (письмо Минпросвещения России № АЗ-1128/08 и Общероссийского Профсоюза образования № 657 от
21.12.2021) and the monitoring section of the target model of mentoring (распоряжение Минпросвещения России от
25.12.2019 № Р-145), which holds the two stages, the curator's SWOT and questionnaire: monitoring has two stages —
  1. the quality of the programme's implementation: questionnaires with closed, open and scored questions
     (effectiveness, comfort, usefulness of meetings, a plan made and carried out, expectations met, support felt,
     …), a SWOT analysis built from their answers by the curator, and the curator's own questionnaire on whether
     the conditions meet the model, its principles and current approaches;
  2. the motivational, personal, competence and professional growth of the participants: the same self-ratings at
     entry and at completion (confidence in the staff, wish to develop, to research and publish, part in school
     life), shown as the change per item with n.
Pure pandas: personal data (names, e-mails, open answers) appear only in frames the staff pages show; the public
seminar page never imports this module.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

import numpy as np
import pandas as pd

from . import normalize as nz
from .config import Config, FormSpec
from .figures import year_figures
from .responses import expected_by_form, expected_people, response_summary, survey_forms  # noqa: F401 (the page reads them here)
from .program import Program
from .quality import KIND_RU, ROLE_RU  # noqa: F401 (one wording of the roles and questionnaires; the page reads them here)
SUMMARIZED = ("scale", "yesno", "frequency", "choice", "multi", "int")


def _min_group(config: Config) -> int:
    return config.quality.min_group


def item_labels(config: Config) -> dict[str, str]:
    """Item key -> its name for people ([quality.items] of config.toml)."""
    return dict(config.quality.items)


def stage_items(config: Config) -> tuple[list[str], list[str]]:
    return list(config.monitoring.stage1), list(config.monitoring.stage2)


def question_label(spec: FormSpec, field: str, labels: dict[str, str]) -> str:
    """A question's name: the item's label, or the row of a grid question («Вопрос [Строка]»), or the question."""
    if field in labels:
        return labels[field]
    header = spec.fields[field].headers[0] if spec.fields[field].headers else field
    grid = re.search(r"\[(.+)\]\s*$", header)
    return grid.group(1) if grid else header


# --- stage 1 and stage 2 ------------------------------------------------------------------
def _numbers(frame: pd.DataFrame, col: str) -> pd.Series:
    return pd.to_numeric(frame[col], errors="coerce").dropna() if col in frame else pd.Series(dtype=float)


def stage1(program: Program, config: Config) -> pd.DataFrame:
    """Programme quality from the final questionnaires: item, label, role, n, mean, satisfied (share of
    `satisfied_from`–10); mean and share left empty under `min_group` answers."""
    items, _ = stage_items(config)
    labels, k = item_labels(config), _min_group(config)
    high = config.quality.satisfied_from
    s = program.surveys
    final = s[s["kind"] == "final"] if len(s) and "kind" in s else s.iloc[0:0]
    rows = []
    for role in ("mentee", "mentor"):
        part = final[final["role"] == role] if len(final) else final
        for item in items:
            v = _numbers(part, item)
            small = len(v) < k
            rows.append({"item": item, "label": labels.get(item, item), "role": role, "n": len(v),
                         "mean": np.nan if small else v.mean(), "satisfied": np.nan if small else float((v >= high).mean())})
        plan = _numbers(part, "plan_made")
        rows.append({"item": "plan_made", "label": "Составлен план работы (доля «Да»)", "role": role, "n": len(plan),
                     "mean": np.nan, "satisfied": np.nan if len(plan) < k else float((plan == 1).mean())})
    return pd.DataFrame(rows, columns=["item", "label", "role", "n", "mean", "satisfied"])


def stage2(program: Program, config: Config) -> pd.DataFrame:
    """Growth of the participants: per item and role, the people who answered both the entry and the final
    questionnaire — n, entry mean, final mean, delta (final − entry), grew (share whose rating rose)."""
    _, items = stage_items(config)
    labels, k = item_labels(config), _min_group(config)
    cols = ["item", "label", "role", "n", "entry", "final", "delta", "grew"]
    s = program.surveys
    rows = []
    for role in ("mentee", "mentor"):
        part = s[s["role"] == role] if len(s) else s
        entry = part[part["kind"] == "entry"].set_index("person_id") if len(part) else part
        final = part[part["kind"] == "final"].set_index("person_id") if len(part) else part
        both = entry.index.intersection(final.index) if len(part) else pd.Index([])
        for item in items:
            if item not in part:
                rows.append({"item": item, "label": labels.get(item, item), "role": role, "n": 0, "entry": np.nan,
                             "final": np.nan, "delta": np.nan, "grew": np.nan})
                continue
            e = pd.to_numeric(entry.loc[both, item], errors="coerce")
            f = pd.to_numeric(final.loc[both, item], errors="coerce")
            ok = e.notna() & f.notna()
            n = int(ok.sum())
            small = n < k
            rows.append({"item": item, "label": labels.get(item, item), "role": role, "n": n,
                         "entry": np.nan if small else e[ok].mean(), "final": np.nan if small else f[ok].mean(),
                         "delta": np.nan if small else (f[ok] - e[ok]).mean(),
                         "grew": np.nan if small else float((f[ok] > e[ok]).mean())})
    return pd.DataFrame(rows, columns=cols)


@dataclass
class Curator:
    scores: pd.DataFrame       # item, label, score (the latest answer), n (answers)
    texts: pd.DataFrame        # field, label, text (staff only: shown escaped)
    answered: bool


def curator(program: Program, config: Config) -> Curator:
    """The curator's questionnaire ([forms.curator]): each scored item (mean of the answers) and the open answers."""
    spec = config.forms.get("curator")
    frame = program.extra.get("curator")
    if spec is None or frame is None or not len(frame):
        return Curator(pd.DataFrame(columns=["item", "label", "score", "n"]), pd.DataFrame(columns=["field", "label", "text"]),
                       False)
    labels = item_labels(config)
    scores, texts = [], []
    for name, f in spec.fields.items():
        if f.type == "scale":
            v = _numbers(frame, name)
            scores.append({"item": name, "label": question_label(spec, name, labels), "score": v.mean() if len(v) else np.nan,
                           "n": len(v)})
        elif f.type == "text" and name in frame:
            for text in frame[name].fillna("").astype(str):
                if text.strip():
                    texts.append({"field": name, "label": question_label(spec, name, labels), "text": text.strip()})
    return Curator(pd.DataFrame(scores, columns=["item", "label", "score", "n"]),
                   pd.DataFrame(texts, columns=["field", "label", "text"]), True)


# --- who has not answered -----------------------------------------------------------------
def non_respondents(program: Program, config: Config) -> pd.DataFrame:
    """Per questionnaire (entry / final, mentee / mentor) the participants who have not answered: form, title, role,
    kind, person_id, name, group, partner (e-mails), active. Staff pages only. A questionnaire not started yet
    (no answer at all) lists nobody: it is «не собиралась», not «all missing»."""
    expected = expected_people(program)
    names = {**_names(program.mentees), **_names(program.mentors), **_pair_names(program)}
    s = program.surveys
    rows = []
    for key, spec in survey_forms(config).items():
        answered = set(s.loc[s["form"] == key, "person_id"]) if len(s) and "form" in s else set()
        if not answered:
            continue
        for r in expected[expected["role"] == spec.role].itertuples(index=False):
            if r.person_id not in answered:
                rows.append({"form": key, "title": spec.title, "role": spec.role, "kind": spec.kind,
                             "person_id": r.person_id, "name": names.get(r.person_id, r.person_id), "group": r.group,
                             "partner": r.partner, "active": bool(r.active)})
    return pd.DataFrame(rows, columns=["form", "title", "role", "kind", "person_id", "name", "group", "partner", "active"])


def _names(bank: pd.DataFrame) -> dict[str, str]:
    return bank["full_name"].dropna().to_dict() if "full_name" in bank else {}


def _pair_names(program: Program) -> dict[str, str]:
    p = program.pairs
    out: dict[str, str] = {}
    if len(p):
        for col_id, col_name in (("mentee_id", "mentee_name"), ("mentor_id", "mentor_name")):
            for pid, name in zip(p[col_id], p[col_name]):
                if isinstance(name, str) and name.strip():
                    out.setdefault(pid, name.strip())
    return out


def response_over_time(program: Program, config: Config) -> pd.DataFrame:
    """Per questionnaire, the share of expected participants who had answered by each day an answer came:
    form, title, role, kind, date, answered, expected, rate."""
    s = program.surveys
    rows = []
    for key, spec, want in expected_by_form(program, config):
        part = s[(s["form"] == key) & s["person_id"].isin(want)] if len(s) and "form" in s else s.iloc[0:0]
        if not len(part) or not want:
            continue
        days = pd.to_datetime(part["timestamp"], errors="coerce").dt.normalize().dropna()
        for day, count in days.value_counts().sort_index().cumsum().items():
            rows.append({"form": key, "title": spec.title, "role": spec.role, "kind": spec.kind, "date": day,
                         "answered": int(count), "expected": len(want), "rate": count / len(want)})
    return pd.DataFrame(rows, columns=["form", "title", "role", "kind", "date", "answered", "expected", "rate"])


def reminder_text(title: str, config: Config) -> str:
    """The reminder to copy ([monitoring] reminder of config.toml)."""
    school = config.school.short_name or config.school.name
    template = config.monitoring.reminder.strip()
    # {form} and {school} only: any other brace a school types (in config.toml or the «Настройки» tab) stays as typed
    return template.replace("{form}", title).replace("{school}", school)


MAILTO_MAX = 2000        # characters: about what mail programs take from a link; past it recipients silently drop


def mailto(emails, subject: str, body: str) -> list[str]:
    """`mailto:` links that together address everyone once (a blind copy: the recipients do not see each other),
    each under `MAILTO_MAX` characters. One link with the text when it all fits; otherwise «письмо 1 из 3 …» with
    the subject only — a Russian text takes six characters a letter in a link, and would leave room for a handful
    of addresses — and the page gives the text to paste."""
    people = [e for e in dict.fromkeys(nz.parse_email(str(e))[0] for e in emails) if e]

    def link(batch: list[str], tail: str) -> str:
        return f"mailto:?bcc={quote(','.join(batch), safe='@,')}{tail}"

    whole = f"&subject={quote(subject)}&body={quote(body)}"
    if len(link(people, whole)) <= MAILTO_MAX:
        return [link(people, whole)] if people else []
    tail, links, batch = f"&subject={quote(subject)}", [], []
    for person in people:
        if batch and len(link([*batch, person], tail)) > MAILTO_MAX:
            links.append(link(batch, tail))
            batch = []
        batch.append(person)
    return links + [link(batch, tail)]


# --- every question -----------------------------------------------------------------------
def question_summary(program: Program, config: Config) -> pd.DataFrame:
    """What Google Forms' summary gives, for every closed question of every questionnaire, split by role and kind:
    form, role, kind, field, question, type, n, answer, count, share, mean (scales: one row per score and a mean;
    yes/no and choices: one row per answer). Under `min_group` answers the counts are left out (n only)."""
    labels, k = item_labels(config), _min_group(config)
    low, high = config.quality.scale_min, config.quality.scale_max
    s = program.surveys
    rows = []
    yes_no = {1.0: "Да", 0.0: "Нет", 0.5: "Возможно"}
    for key, spec in survey_forms(config).items():
        part = s[s["form"] == key] if len(s) and "form" in s else s.iloc[0:0]
        for name, f in spec.fields.items():
            if f.type not in SUMMARIZED or name not in part:
                continue
            base = {"form": key, "role": spec.role, "kind": spec.kind, "field": name,
                    "question": question_label(spec, name, labels), "type": f.type}
            if f.type in ("scale", "int"):
                v = _numbers(part, name)
                mean = v.mean() if len(v) >= k else np.nan
                if len(v) < k:
                    rows.append({**base, "n": len(v), "answer": "", "count": np.nan, "share": np.nan, "mean": mean})
                    continue
                counts = v.astype(int).value_counts()
                if f.type == "scale":
                    counts = counts.reindex(range(low, high + 1), fill_value=0)
                for score, c in counts.sort_index().items():
                    rows.append({**base, "n": len(v), "answer": str(score), "count": int(c), "share": c / len(v), "mean": mean})
                continue
            if f.type == "yesno":
                values = _numbers(part, name).map(lambda x: yes_no.get(float(x), str(x)))
            elif f.type == "multi":
                values = part[name].explode().dropna()
                values = values[values.astype(str).str.strip().ne("")]
            else:
                values = part[name].replace("", np.nan).dropna().astype(str)
            n = int(part[name].apply(lambda x: bool(x) if isinstance(x, list) else pd.notna(x) and x != "").sum())
            if n < k:
                rows.append({**base, "n": n, "answer": "", "count": np.nan, "share": np.nan, "mean": np.nan})
                continue
            for answer, c in values.value_counts().items():
                rows.append({**base, "n": n, "answer": str(answer), "count": int(c), "share": c / n, "mean": np.nan})
    return pd.DataFrame(rows, columns=["form", "role", "kind", "field", "question", "type", "n", "answer", "count",
                                       "share", "mean"])


def compare_questions(summary: pd.DataFrame) -> pd.DataFrame:
    """Every question side by side: mentee/mentor × entry/final. A scale shows its mean, a yes/no its share of
    «Да», a choice its most frequent answer with its share; columns question, field, and one per role × kind."""
    cells: dict[str, dict[str, str]] = {}
    question_of: dict[str, str] = {}
    for (field, role, kind), part in summary.groupby(["field", "role", "kind"], sort=False):
        question_of.setdefault(field, part["question"].iloc[0])     # the first form's wording (the mentee's)
        kind_of = part["type"].iloc[0]
        n = int(part["n"].iloc[0])
        if kind_of in ("scale", "int"):
            m = part["mean"].iloc[0]
            text = f"{m:.1f} (n={n})".replace(".", ",") if pd.notna(m) else f"— (n={n})"
        elif part["count"].isna().all():
            text = f"— (n={n})"
        elif kind_of == "yesno":
            yes = part.loc[part["answer"] == "Да", "share"]
            text = f"«Да» {yes.iloc[0] * 100:.0f} % (n={n})" if len(yes) else f"«Да» 0 % (n={n})"
        else:
            top = part.sort_values("count", ascending=False).iloc[0]
            text = f"{top['answer']}: {top['share'] * 100:.0f} % (n={n})"
        cells.setdefault(field, {})[f"{role}:{kind}"] = text
    cols = ["mentee:entry", "mentee:final", "mentor:entry", "mentor:final"]
    rows = [{"field": f, "question": question_of[f], **{c: cells[f].get(c, "") for c in cols}} for f in cells]
    return pd.DataFrame(rows, columns=["field", "question", *cols])


# --- open answers -> SWOT suggestions -----------------------------------------------------
def swot_suggestions(program: Program, config: Config) -> pd.DataFrame:
    """Open answers sorted into the SWOT quadrants as suggestions (the coordinator chooses what goes on the board;
    nothing is published by itself): section, text, source, count (how many people wrote the same).

    Best practices -> «Сильные стороны»; what to improve -> «Слабые стороны», or «Угрозы» when it names an outside
    pressure ([monitoring] swot_threat_words); the curator's strengths / problems / proposals -> «Сильные стороны» /
    «Угрозы» / «Возможности»; mentees willing to become mentors -> «Возможности» (a count, no name)."""
    threat_words = [nz.fold(w) for w in config.monitoring.swot_threat_words]
    s = program.surveys
    final = s[s["kind"] == "final"] if len(s) and "kind" in s else s.iloc[0:0]
    rows = []
    for col, src in (("best_practice", "лучшая практика"), ("improve", "что улучшить")):
        if col not in final:
            continue
        for role, text in zip(final["role"], final[col].fillna("").astype(str)):
            text = text.strip()
            if len(text) < 15:             # «нет», «—», «трудно сказать»: not a suggestion
                continue
            if col == "best_practice":
                section = "Сильные стороны"
            else:
                section = "Угрозы" if any(w in nz.fold(text) for w in threat_words) else "Слабые стороны"
            rows.append({"section": section, "text": text, "source": f"{src} ({ROLE_RU.get(role, role)})"})
    cur = curator(program, config)
    where = {"strengths": "Сильные стороны", "problems": "Угрозы", "proposals": "Возможности"}
    for r in cur.texts.itertuples(index=False):
        if r.field in where:
            rows.append({"section": where[r.field], "text": r.text, "source": "анкета куратора"})
    want = year_figures(program, config, config.today())["become_mentor"]
    if want.numerator:
        rows.append({"section": "Возможности", "text": f"{want.sentence()}.", "source": "итоговая анкета наставляемых"})
    out = pd.DataFrame(rows, columns=["section", "text", "source"])
    if not len(out):
        return out.assign(count=pd.Series(dtype=int))
    out["_key"] = out["text"].map(nz.fold)
    grouped = (out.groupby(["section", "_key"], sort=False)
               .agg(text=("text", "first"), source=("source", lambda x: ", ".join(dict.fromkeys(x))), count=("text", "size"))
               .reset_index().drop(columns="_key"))
    order = {"Сильные стороны": 0, "Слабые стороны": 1, "Возможности": 2, "Угрозы": 3}
    return grouped.sort_values(["section", "count"], key=lambda c: c.map(order) if c.name == "section" else -c,
                               kind="stable").reset_index(drop=True)


def add_to_board(board: dict[str, str], chosen: pd.DataFrame) -> dict[str, str]:
    """The board with the chosen suggestions appended to their sections (one «• text» line each; a text already
    on the board is not added twice). What `analysis.writes.swot_edit` takes as `entered`."""
    out = {k: str(v) for k, v in board.items()}
    for r in chosen.itertuples(index=False):
        have = out.get(r.section, "").rstrip()
        if nz.fold(r.text) in nz.fold(have):
            continue
        out[r.section] = (have + "\n" if have else "") + f"• {r.text}"
    return out
