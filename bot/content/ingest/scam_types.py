"""Which scam types a text discusses: weighted phrases per type, scored over its sentences."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from bot.config import ROOT
from bot.content.entries import SINGLE_FILES, read_yaml
from bot.content.ingest.lexicon import LEXICON
from bot.content.ingest.text import FRAUD

DECISIVE, STRONG = 3, 2
MAX_EVIDENCE = 5
Terms = dict[str, list[tuple[re.Pattern[str], int]]]


@dataclass(frozen=True)
class ScamTypeHit:
    """A scam type the text discusses, the phrases that show it and the sentences holding them."""

    id: str
    name: str
    score: int
    terms: tuple[str, ...]
    evidence: tuple[str, ...]


@dataclass
class _Tally:
    weights: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    best: dict[int, int] = field(default_factory=dict)


def _pattern(regex: str) -> re.Pattern[str]:
    return re.compile(regex.replace("账", "[账帐]"))


def _flag_terms(flags: Iterable[str]) -> list[str]:
    """Red flags from the bank split into matchable phrases ("高回报、低风险" → two)."""
    parts = (p.strip(" “”\"'") for f in flags for p in re.split(r"[、，,/；;]|或", f))
    return [p for p in parts if len(p) >= 2]


@lru_cache(maxsize=8)
def _compiled(flags: tuple[tuple[str, tuple[str, ...]], ...]) -> Terms:
    terms: Terms = {t: [(_pattern(rx), w) for rx, w in pats.items()]
                    for t, pats in LEXICON.items()}
    for type_id, phrases in flags:
        known = {p.pattern for p, _ in terms.get(type_id, [])}
        extra = [(re.compile(re.escape(p)), 1) for p in _flag_terms(phrases)]
        terms.setdefault(type_id, []).extend(x for x in extra if x[0].pattern not in known)
    return terms


def compile_terms(red_flags: Mapping[str, Iterable[str]] | None = None) -> Terms:
    """The lexicon, plus each type's red flags from the bank as supporting phrases."""
    flags = tuple(sorted((k, tuple(v)) for k, v in (red_flags or {}).items()))
    return _compiled(flags)


def _matches(sentence: str, patterns: list[tuple[re.Pattern[str], int]]) -> list[tuple[str, int]]:
    """Phrases found in a sentence, dropping those inside a longer or stronger match."""
    spans = sorted((m.start(), m.end(), w, m.group(0))
                   for p, w in patterns for m in p.finditer(sentence))
    starts = [s[0] for s in spans]
    widest = max((s[1] - s[0] for s in spans), default=0)
    kept = []
    for s in spans:
        # Only a span starting at most `widest` before this one can contain it: linear overall.
        near = spans[bisect_left(starts, s[0] - widest):bisect_right(starts, s[0])]
        if not any(o is not s and o[0] <= s[0] and s[1] <= o[1]
                   and (o[2], o[1] - o[0]) > (s[2], s[1] - s[0]) for o in near):
            kept.append(s)
    return [(text, w) for _, _, w, text in kept]


def _tally(sentences: list[str], patterns: list[tuple[re.Pattern[str], int]]) -> _Tally:
    """Phrases per sentence; supporting phrases count only beside a strong one."""
    tally = _Tally()
    for i, sentence in enumerate(sentences):
        found = _matches(sentence, patterns)
        top = max((w for _, w in found), default=0)
        for text, w in found:
            if w < STRONG and top < STRONG:
                continue
            tally.weights[text] = max(w, tally.weights.get(text, 0))
            tally.counts[text] = tally.counts.get(text, 0) + 1
            tally.best[i] = max(w, tally.best.get(i, 0))
    return tally


def _score(tally: _Tally, sentences: list[str]) -> int:
    """Distinct phrases' weights, +1 for a strong phrase said twice, +1 beside fraud words."""
    score = sum(tally.weights.values())
    if any(n >= 2 and tally.weights[t] >= STRONG for t, n in tally.counts.items()):
        score += 1
    if any(FRAUD.search(sentences[i]) for i in tally.best):
        score += 1
    return score


def _kept(tally: _Tally, score: int, bar: int) -> bool:
    top = max(tally.weights.values(), default=0)
    return top >= DECISIVE or (top >= STRONG and score >= bar)


@lru_cache(maxsize=1)
def type_names() -> dict[str, str]:
    """Chinese name per scam-type id, from the content bank (content/scam_types.yaml)."""
    items = read_yaml(ROOT / "content" / SINGLE_FILES["scam_type"]) or []
    return {str(d["id"]): str((d.get("name") or {}).get("zh") or d["id"]) for d in items}


def _hit(type_id: str, tally: _Tally, score: int, sentences: list[str]) -> ScamTypeHit:
    order = sorted(tally.best, key=lambda i: (-tally.best[i], i))[:MAX_EVIDENCE]
    terms = sorted(tally.weights, key=lambda t: (-tally.weights[t], t))
    return ScamTypeHit(type_id, type_names().get(type_id, type_id), score, tuple(terms),
                       tuple(sentences[i] for i in sorted(order)))


def detect_scam_types(sentences: list[str], terms: Terms | None = None,
                      bar: int = 4) -> list[ScamTypeHit]:
    """Scam types with enough evidence: a decisive phrase, or a strong one and a score ≥ bar."""
    hits = []
    for type_id, patterns in (terms or compile_terms()).items():
        tally = _tally(sentences, patterns)
        score = _score(tally, sentences)
        if tally.weights and _kept(tally, score, bar):
            hits.append(_hit(type_id, tally, score, sentences))
    return sorted(hits, key=lambda h: (-h.score, h.id))


def likely_type(text: str, terms: Terms | None = None) -> str | None:
    """The best-supported scam type of a passage (a case, a slogan), if a phrase is strong."""
    scored = []
    for type_id, patterns in (terms or compile_terms()).items():
        tally = _tally([text], patterns)
        if max(tally.weights.values(), default=0) >= STRONG:
            scored.append((_score(tally, [text]), type_id))
    return max(scored)[1] if scored else None


# Between two types' phrases in a list: "刷单返利、虚假投资理财", "“裸聊”“杀猪盘”", "刷单和贷款".
_LIST_GAP = re.compile(r"[、，,和及与或“”‘’\"\s类等]{0,4}")


def listing_sentences(sentences: list[str], terms: Terms) -> set[int]:
    """Sentences that enumerate types: three or more types, or two side by side in a list."""
    out = set()
    for i, sentence in enumerate(sentences):
        spans = sorted((m.start(), m.end(), t) for t, pats in terms.items() for p, w in pats
                       if w >= STRONG for m in p.finditer(sentence))
        kinds = {t for _, _, t in spans}
        if len(kinds) >= 3 or any(
                a[2] != b[2] and a[1] <= b[0] and _LIST_GAP.fullmatch(sentence[a[1]:b[0]])
                for a, b in pairwise(spans)):
            out.add(i)
    return out


def about(hits: list[ScamTypeHit], sentences: list[str], terms: Terms, title: str | None,
          case_types: Iterable[str | None]) -> tuple[list[ScamTypeHit], list[ScamTypeHit]]:
    """Split hits into the types the article is about and those it only mentions.

    About: a case it tells is of that type, its title names the type, or two or more sentences
    that don't merely list types hold the type's phrases, one of them decisive.
    """
    listed = listing_sentences(sentences, terms)
    told = {t for t in case_types if t in terms}
    for type_id in sorted(told - {h.id for h in hits}):  # a told case is enough on its own
        tally = _tally(sentences, terms[type_id])
        hits = [*hits, _hit(type_id, tally, _score(tally, sentences), sentences)]
    kept: list[ScamTypeHit] = []
    mentioned: list[ScamTypeHit] = []
    for h in hits:
        rest = [s for i, s in enumerate(sentences) if i not in listed]
        tally = _tally(rest, terms[h.id])
        named = title is not None and bool(_tally([title], terms[h.id]).weights)
        argued = len(tally.best) >= 2 and max(tally.weights.values(), default=0) >= DECISIVE
        (kept if h.id in told or named or argued else mentioned).append(h)
    return kept, mentioned
