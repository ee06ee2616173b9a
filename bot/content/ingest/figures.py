"""Figures: sentences that count something (万元, 起, 人, %, 件…), with their year and place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.content.ingest.cases import people_in
from bot.content.ingest.places import place_in
from bot.content.ingest.text import sentences, year_of

QUANTITY = re.compile(
    r"(?<![第\d.])(?<!\d,)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:余|多)?(?:万|亿)?(?:余|多)?"
    r"(?:(?:港|美|澳|台|日|欧)?元|港币|人次|人|起|件|名|个百分点|个(?!多?小时|多?月)|次|场次|场|份|家|辆|部|条|座|处|类|项|户|所|台|张|笔|宗"
    r"|单|倍|%|％)"
)


@dataclass(frozen=True)
class Figure:
    """A sentence with statistics, the quantities in it, and the year and place it speaks of."""

    text: str
    quantities: tuple[str, ...]
    year: int | None
    region: str | None


def find_figures(paragraphs: list[str], article_year: int | None = None,
                 region: str | None = None) -> list[Figure]:
    """Sentences that state numbers with units; a named person's story is a case, not a figure."""
    figures = []
    for paragraph in paragraphs:
        context_year = None
        for sentence in sentences(paragraph):
            year = year_of(sentence, article_year)
            context_year = year or context_year
            found = tuple(QUANTITY.findall(sentence))
            if not found or people_in(sentence):
                continue
            where = "全国" if "全国" in sentence else place_in(sentence) or region
            figures.append(Figure(sentence, found, year or context_year, where))
    return figures
