"""Check the content bank: sources, references, Telegram limits, languages, duplicates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

from bot.content import balance, checks, wording
from bot.content.cleaning import GARBLED
from bot.content.validate_base import Problem
from bot.content.validate_base import langs as _langs
from bot.core.content import AUDIENCES, KINDS, STATUSES, Bank, Citation, Question
from bot.core.locales import LOCALES

SCAM_TYPE_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")  # fits callback data and file names
QUESTION_MAX, OPTION_MAX, EXPLANATION_MAX, EXPLANATION_LINES = 300, 100, 200, 2
NEAR_DUPLICATE = 0.75


def _cite(bank: Bank, file: str, item: str, cite: Citation) -> Iterator[Problem]:
    if cite.is_general:
        return
    src = bank.sources.get(cite.article or "")
    if src is None:
        yield Problem(file, item, f"unknown source article {cite.article!r}")
    elif not cite.quote or cite.quote not in src.text:
        yield Problem(file, item, f"quote not found verbatim in {cite.article}: {cite.quote!r}")
    elif GARBLED in cite.quote:
        yield Problem(file, item, "quote crosses a garbled passage")


def _question(bank: Bank, q: Question) -> Iterator[Problem]:
    f = f"questions/{q.scam_type}.yaml"
    if q.scam_type not in bank.scam_types:
        yield Problem(f, q.id, f"unknown scam type {q.scam_type!r}")
    if q.kind not in KINDS:
        yield Problem(f, q.id, f"unknown kind {q.kind!r}")
    if q.difficulty not in (1, 2, 3):
        yield Problem(f, q.id, "difficulty must be 1, 2 or 3")
    if q.status not in STATUSES:
        yield Problem(f, q.id, f"unknown status {q.status!r}")
    if sum(o.correct for o in q.options) != 1:
        yield Problem(f, q.id, "needs exactly one correct option")
    wanted = (2, 2) if q.kind == "true_false" else (3, 4)
    if not wanted[0] <= len(q.options) <= wanted[1]:
        yield Problem(f, q.id, f"{q.kind} needs {wanted[0]}–{wanted[1]} options")
    for a in q.audiences:
        if a not in AUDIENCES:
            yield Problem(f, q.id, f"unknown audience {a!r}")
    yield from _langs(f, q.id, "question", q.question)
    yield from _langs(f, q.id, "explanation", q.explanation)
    for loc in LOCALES:
        if len(q.question.get(loc, "")) > QUESTION_MAX:
            yield Problem(f, q.id, f"question over {QUESTION_MAX} characters ({loc})")
        ex = q.explanation.get(loc, "")
        if len(ex) > EXPLANATION_MAX or ex.count("\n") > EXPLANATION_LINES:
            yield Problem(f, q.id, f"explanation over {EXPLANATION_MAX} chars or 2 lines ({loc})")
        for i, o in enumerate(q.options):
            if not 1 <= len(o.text.get(loc, "")) <= OPTION_MAX:
                yield Problem(f, q.id, f"option {i + 1} empty or over {OPTION_MAX} ({loc})")
    yield from _cite(bank, f, q.id, q.source)
    yield from checks.question_extra(q)
    yield from wording.audience(q)


def _bigrams(text: str) -> set[str]:
    chars = "".join(ch for ch in text if ch.isalnum())
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def near_duplicates(questions: list[Question]) -> Iterator[tuple[str, str, float]]:
    """Pairs of questions whose Chinese text is nearly the same."""
    grams = {q.id: _bigrams(q.question["zh-Hans"]) for q in questions}
    for a, b in combinations(questions, 2):
        ga, gb = grams[a.id], grams[b.id]
        if ga and gb:
            sim = len(ga & gb) / len(ga | gb)
            if sim >= NEAR_DUPLICATE:
                yield a.id, b.id, sim


def _others(bank: Bank) -> Iterator[Problem]:
    for st in bank.scam_types.values():
        for field in ("name", "summary"):
            yield from _langs("scam_types.yaml", st.id, field, getattr(st, field))
        for field in ("script", "red_flags", "what_to_do"):
            lists = getattr(st, field)
            if not lists.get("zh-Hans") or len(lists["zh-Hans"]) != len(lists.get("en", ())):
                yield Problem("scam_types.yaml", st.id, f"{field}: zh and en lists differ")
        for s in st.sources:
            if s not in bank.sources:
                yield Problem("scam_types.yaml", st.id, f"unknown source {s!r}")
    for c in bank.cases.values():
        if c.scam_type not in bank.scam_types:
            yield Problem("cases.yaml", c.id, f"unknown scam type {c.scam_type!r}")
        yield from _cite(bank, "cases.yaml", c.id, c.source)
    for t in bank.tips.values():
        for s in t.scam_types:
            if s not in bank.scam_types:
                yield Problem("tips.yaml", t.id, f"unknown scam type {s!r}")
        yield from _langs("tips.yaml", t.id, "text", t.text)
        yield from _cite(bank, "tips.yaml", t.id, t.source)
    for fig in bank.figures.values():
        yield from _langs("figures.yaml", fig.id, "text", fig.text)
        yield from _cite(bank, "figures.yaml", fig.id, fig.source)


def validate(bank: Bank) -> list[Problem]:
    """Every problem in the bank; empty when it is valid."""
    problems: list[Problem] = []
    # The bank's scam_types.yaml is the one list of scam types; everything else refers to it.
    if not bank.scam_types:
        problems.append(Problem("scam_types.yaml", "-", "no scam types"))
    for t in bank.scam_types:
        if not SCAM_TYPE_ID.fullmatch(t):
            problems.append(Problem("scam_types.yaml", t, "ids are lowercase a-z, 0-9 and _"))
    for q in bank.questions.values():
        problems += _question(bank, q)
    for a, b, sim in near_duplicates(list(bank.questions.values())):
        problems.append(Problem("questions", f"{a} ~ {b}", f"near-duplicates ({sim:.0%})"))
    problems += _others(bank)
    problems += checks.techniques(bank)
    problems += checks.source_lines(bank)
    problems += wording.punctuation(bank)
    problems += balance.surface_cues(bank.questions.values())
    return problems


def validate_dir(root: Path) -> list[Problem]:
    """Load and validate a content folder; a load error is one problem."""
    from bot.content.loader import ContentError, load_bank

    try:
        bank = load_bank(root)
    except ContentError as exc:
        return [Problem(str(root), "-", str(exc))]
    return validate(bank)
