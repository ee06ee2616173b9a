"""A raw web article → a draft for review: text, metadata, scam types, slogans, cases, figures."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from bot.content.cleaning import GARBLED, normalise_lines
from bot.content.ingest.cases import Case, find_cases
from bot.content.ingest.figures import Figure, find_figures
from bot.content.ingest.layout import split_article
from bot.content.ingest.metadata import Metadata, detect_metadata, html_hints
from bot.content.ingest.scam_types import (
    ScamTypeHit,
    about,
    compile_terms,
    detect_scam_types,
    likely_type,
)
from bot.content.ingest.slogans import Slogan, find_slogans
from bot.content.ingest.text import sentences

__all__ = ["Case", "Figure", "Ingested", "Metadata", "ScamTypeHit", "Slogan", "ingest"]


@dataclass(frozen=True)
class Ingested:
    """Everything ingest found in one article, for a reviewer to check."""

    metadata: Metadata
    paragraphs: tuple[str, ...]
    scam_types: tuple[ScamTypeHit, ...]  # what the article is about
    slogans: tuple[Slogan, ...]
    cases: tuple[Case, ...]
    figures: tuple[Figure, ...]
    warnings: tuple[str, ...]
    mentioned: tuple[ScamTypeHit, ...] = ()  # types it only lists in passing

    @property
    def text(self) -> str:
        """The cleaned article text, one paragraph a line."""
        return "\n".join(self.paragraphs)


def _warnings(meta: Metadata, paragraphs: list[str]) -> list[str]:
    """What a reviewer must check or fill in by hand."""
    out = [] if paragraphs else ["no article text found"]
    for field in ("title", "date", "publisher", "region"):
        if getattr(meta, field) is None:
            out.append(f"{field} not detected")
    garbled = sum(p.count(GARBLED) for p in paragraphs)
    if garbled:
        out.append(f"{garbled} garbled passage(s) marked {GARBLED}: check against the original")
    if meta.publisher and GARBLED in meta.publisher:
        out.append("publisher is garbled in the page")
    return out


def ingest(raw: str, red_flags: Mapping[str, Iterable[str]] | None = None) -> Ingested:
    """Clean a raw article and extract its metadata, scam types, slogans, cases and figures."""
    layout = split_article(normalise_lines(raw))
    meta = detect_metadata(layout, html_hints(raw))
    paragraphs = list(layout.body)
    terms = compile_terms(red_flags)
    year = int(meta.date[:4]) if meta.date else None
    said = [s for p in paragraphs for s in sentences(p)]
    cases = find_cases(paragraphs, lambda t: likely_type(t, terms), year, meta.region)
    subject, mentioned = about(detect_scam_types(said, terms), said, terms, meta.title,
                               (c.scam_type for c in cases))
    return Ingested(
        metadata=meta,
        paragraphs=tuple(paragraphs),
        scam_types=tuple(subject),
        slogans=tuple(replace(s, scam_type=likely_type(s.text, terms))
                      for s in find_slogans(paragraphs)),
        cases=tuple(cases),
        figures=tuple(find_figures(paragraphs, year, meta.region)),
        warnings=tuple(_warnings(meta, paragraphs)),
        mentioned=tuple(mentioned),
    )
