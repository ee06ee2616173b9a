"""Match a message against each scam script's phrases and say which script it follows, if any."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace

from bot.core.scamcheck.calibration import Calibration
from bot.core.scamcheck.contexts import Contexts
from bot.core.scamcheck.lexicon import Lexicon
from bot.core.scamcheck.marks import (
    Fact,
    Mark,
    denial_spans,
    fact_marks,
    find_marks,
    soften,
)
from bot.core.scamcheck.model import Model, canonical, features, squeeze
from bot.core.scamcheck.phrases import Hit, drop_covered, word_edge
from bot.core.scamcheck.verdict import NONE, Verdict, with_marks

LIKELY, POSSIBLE = 5.0, 3.0  # scores for "很可能" and "可能"
# The model's log-odds of a type over "none" are scaled down (naive Bayes is overconfident) and
# a message must beat "none" by a margin: these two were chosen by cross-validation on
# content/checker and then checked on the held-out sets in tests/scamcheck.
MODEL_WEIGHT, NONE_MARGIN = 0.35, 1.0
SURE = 0.5  # the probability above which a verdict is "scam" rather than "unsure"
SHORT = 20  # characters
ASK = 3.0  # an own phrase this strong stands in for an ask
DECISIVE = 4.0  # a phrase this heavy names its script on its own (安全账户, 刷单)
# A police or bank warning names the scams' words ("刷单就是诈骗"): there the lexicon speaks
# softly and the model, which has read many such warnings, decides.
WARNING_DAMPING = 0.3
GENERIC = "_generic"
# Variants OpenCC keeps that the lexicon spells one way ("帳戶" becomes "帐户", we match "账户").
VARIANTS = {"帐": "账", "裡": "里"}


def fold(text: str) -> str:
    """Half-width, lower-case, one character for one character (so spans map back)."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            ch = chr(code - 0xFEE0)
        elif ch == "\u3000":
            ch = " "
        ch = VARIANTS.get(ch, ch)
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out)


Entry = tuple[str, str, float, int]  # phrase, scam type, weight, word-family group (-1: phrase)


def _key(phrase: str) -> str:
    """Chinese phrases are indexed by their first character, Latin ones by their first two."""
    return phrase[:2] if phrase[0].isascii() else phrase[0]


class Checker:
    """An index of weighted phrases and word families, keyed by how they begin."""

    def __init__(self, phrases: Mapping[str, Mapping[str, float]],
                 groups: Mapping[str, Sequence[tuple[float, Sequence[str]]]],
                 lexicon: Lexicon, normalise: Callable[[str], str] = lambda s: s,
                 model: Model | None = None,
                 calibration: tuple[Calibration, Calibration] | None = None) -> None:
        self.normalise = normalise
        self.calibration, self.quiet_calibration = calibration or (Calibration(), Calibration())
        self.lexicon = lexicon
        self.model = model
        self.contexts = Contexts(lexicon.contexts, fold)
        self.index: dict[str, list[Entry]] = {}
        for type_id, weighted in phrases.items():
            for phrase, weight in weighted.items():
                self._add(fold(phrase), type_id, weight, -1)
        for type_id, families in groups.items():
            for number, (weight, terms) in enumerate(families):
                for term in terms:
                    self._add(fold(term), type_id, weight, number)
        for bucket in self.index.values():
            bucket.sort(key=lambda e: -len(e[0]))

    def _add(self, phrase: str, type_id: str, weight: float, group: int) -> None:
        self.index.setdefault(_key(phrase), []).append((phrase, type_id, weight, group))

    def matches(self, text: str) -> list[Hit]:
        """Every phrase and family word found; a phrase inside a longer phrase is dropped."""
        found: list[Hit] = []
        for i, ch in enumerate(text):
            for phrase, type_id, weight, group in self.index.get(
                    text[i:i + 2] if ch.isascii() else ch, ()):
                if text.startswith(phrase, i) and word_edge(text, i, i + len(phrase)):
                    found.append((i, i + len(phrase), type_id, weight, group))
        return drop_covered(found)

    def check(self, original: str, facts: Sequence[Fact] = ()) -> Verdict:
        """The verdict on one message; facts found outside the core (phones, QR links) count."""
        simplified = self.normalise(original)
        folded = fold(simplified)
        source = original if len(original) == len(folded) else simplified
        warned = denial_spans(folded, self.lexicon.denials)
        marks = soften(find_marks(folded), warned, WARNING_DAMPING) + fact_marks(facts)
        text, where = squeeze(folded)
        hits = self._hits(text, where, warned)
        verdict, own = self._script(source, text, where, hits)
        fits = self.contexts.fits(text, verdict.scam_type)
        if verdict.scam_type != NONE:
            # A message that asks for nothing (money, a code, a click) is right less often: it
            # has its own calibration ("老板说下午三点开会" sounds like a script, asks nothing).
            asked = _asks(text, hits, verdict.scam_type, marks, self.lexicon)
            cal = self.calibration if asked else self.quiet_calibration
            verdict = replace(verdict, asks=asked,
                              confidence=round(min(0.97, cal.apply(verdict.confidence)), 2))
        return with_marks(verdict, marks, source, own, fits)

    def guess(self, original: str) -> tuple[str, float, bool]:
        """The best script, its raw (uncalibrated) probability and whether the text asks."""
        folded = fold(self.normalise(original))
        text, where = squeeze(folded)
        hits = self._hits(text, where, denial_spans(folded, self.lexicon.denials))
        lexical = _scores(hits, text, self.lexicon)
        lexical.pop(GENERIC, None)
        if any(w in text for w in self.lexicon.warnings):
            lexical = {t: v * WARNING_DAMPING for t, v in lexical.items()}
        scores = self._combine(lexical, text)
        best = max(scores, key=scores.__getitem__, default=NONE)
        if scores.get(best, 0.0) <= 0:
            return NONE, 0.0, False
        asked = _asks(text, hits, best, find_marks(folded), self.lexicon)
        return best, _probability(scores, best), asked

    def _hits(self, text: str, where: list[int], warned: list[tuple[int, int]]) -> list[Hit]:
        """Phrases found; one in a sentence that calls it fraud weighs little ("…都是诈骗")."""
        hits = self.matches(text)
        return [(a, b, t, w * WARNING_DAMPING if any(s <= where[a] < e for s, e in warned) else w,
                 g) for a, b, t, w, g in hits] if warned else hits

    def _script(self, source: str, text: str, where: list[int],
                hits: list[Hit]) -> tuple[Verdict, float]:
        """Which known script the text follows, and the lexicon's own score for it."""
        lexical = _scores(hits, text, self.lexicon)
        generic = lexical.pop(GENERIC, 0.0)
        if any(w in text for w in self.lexicon.warnings):
            lexical = {t: v * WARNING_DAMPING for t, v in lexical.items()}
        scores = self._combine(lexical, text)
        best = max(scores, key=scores.__getitem__, default=NONE)
        spans: list[Hit] = [(where[h[0]], where[h[1] - 1] + 1, h[2], h[3], h[4]) for h in hits]
        if scores.get(best, 0.0) > 0:
            raw = _probability(scores, best)
            flags = _quotes(source, spans, best) or self._model_quotes(source, text, where, best)
            runner = max((t for t in scores if t != best), key=scores.__getitem__, default=None)
            # One short sentence with no phrase of the type's own is too little to be sure of.
            evidence = lexical.get(best, 0.0) >= 1 or len(text.strip()) >= SHORT
            # A scam asks for something (money, a code, a click); with no ask and no phrase
            # strong on its own, a script's words are only a likeness ("老板说下午开会").
            kind = "scam" if raw >= SURE and evidence else "unsure"
            decisive = any(h[2] == best and h[3] >= DECISIVE and h[4] < 0 for h in hits)
            return Verdict(kind, best, raw, flags, runner,
                           decisive=decisive), lexical.get(best, 0.0)
        flags = _quotes(source, spans, GENERIC)
        if max(lexical.values(), default=0.0) >= 2 or generic >= 1.5:
            return Verdict("unsure", NONE, round(min(0.5, 0.1 * generic), 2), flags), 0.0
        return Verdict(_small_talk(text, self.lexicon), NONE, 0.0, ()), 0.0

    def _combine(self, lexical: dict[str, float], text: str) -> dict[str, float]:
        """Each type's lead over "none": lexicon score plus the model's scaled log-odds."""
        if self.model is None or NONE not in self.model.labels:  # nothing to weigh "none" by
            return {t: s - POSSIBLE for t, s in lexical.items()}
        said = self.model.scores(features(canonical(text)))
        base = said.get(NONE, 0.0)
        return {t: lexical.get(t, 0.0) + MODEL_WEIGHT * (v - base) - NONE_MARGIN
                for t, v in said.items() if t != NONE}

    def _model_quotes(self, source: str, text: str, where: list[int],
                      best: str) -> tuple[str, ...]:
        """Without a lexicon phrase, quote the words that most made the model think so."""
        if self.model is None or NONE not in self.model.labels:
            return ()
        found = []
        for feat in features(text):
            if feat.startswith("w:") or len(feat) < 2:
                continue
            weight = self.model.weight(feat, best, NONE)
            if weight >= 2.5 and (i := text.find(feat)) >= 0:
                found.append((i, i + len(feat), best, weight, -1))
        found.sort(key=lambda h: -h[3])
        spans: list[Hit] = [(where[a], where[b - 1] + 1, t, w, g) for a, b, t, w, g in found[:4]]
        return _quotes(source, spans, best)


def _asks(text: str, hits: Iterable[Hit], best: str, marks: Sequence[Mark],
          lexicon: Lexicon) -> bool:
    """Does the message ask for something: a mark, a generic ask word, or a strong phrase?"""
    if any(m.kind not in ("urgency", "threat") and not m.denied for m in marks):
        return True
    if any(p in text for p in lexicon.generic):
        return True
    return any(h[2] == best and h[3] >= ASK for h in hits)


def _probability(scores: Mapping[str, float], best: str) -> float:
    """The chance of the best type against the others and "none" (whose lead is 0)."""
    peak = max(0.0, *scores.values())
    total = math.exp(-peak) + sum(math.exp(s - peak) for s in scores.values())
    return math.exp(scores[best] - peak) / total


def prepare(text: str, normalise: Callable[[str], str] = lambda s: s) -> str:
    """A message as the model reads it: Simplified, folded, squeezed, variants made one."""
    return canonical(squeeze(fold(normalise(text)))[0])


def _scores(hits: Iterable[Hit], text: str, lexicon: Lexicon) -> dict[str, float]:
    """Phrase weights, plus word families when two or more of a type's families meet."""
    scores: dict[str, float] = {}
    seen: set[tuple[str, str]] = set()
    families: dict[str, dict[int, float]] = {}
    for start, end, type_id, weight, group in hits:
        if group >= 0:
            families.setdefault(type_id, {})[group] = weight
        elif (type_id, text[start:end]) not in seen:  # a phrase counts once however repeated
            seen.add((type_id, text[start:end]))
            scores[type_id] = scores.get(type_id, 0.0) + weight
    for type_id, met in families.items():
        if len(met) >= 2:
            scores[type_id] = scores.get(type_id, 0.0) + sum(met.values()) - 1
    for type_id, cue_a, cue_b, bonus in lexicon.combos:
        if cue_a in text and cue_b in text:
            scores[type_id] = scores.get(type_id, 0.0) + bonus
    return scores


def _quotes(source: str, hits: Iterable[Hit], best: str) -> tuple[str, ...]:
    """The user's own words behind the strongest phrases, in the order they wrote them."""
    picked = sorted((h for h in hits if h[2] in (best, GENERIC) and h[3] >= 1
                     and (h[1] - h[0] >= 2 or h[4] < 0)), key=lambda h: (h[4] >= 0, -h[3], h[0]))
    spans: list[tuple[int, int]] = []
    for h in picked:  # strongest first; a span inside one already kept adds nothing
        if len(spans) < 5 and not any(a <= h[0] and h[1] <= b for a, b in spans):
            spans = [(a, b) for a, b in spans if not (h[0] <= a and b <= h[1])] + [(h[0], h[1])]
    merged: list[list[int]] = []
    for start, end in sorted(spans):  # overlapping phrases quote as one stretch of the text
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[str] = []
    for start, end in merged:
        quote = source[start:end]
        if quote not in out:
            out.append(quote)
    return tuple(out)


def _small_talk(text: str, lexicon: Lexicon) -> str:
    """Greeting, thanks, a question about the bot, or an ordinary message."""
    short = len(text.strip()) <= 30
    if short and any(p in text for p in lexicon.about_bot):
        return "about_bot"
    if short and any(p in text for p in lexicon.thanks):
        return "thanks"
    words = text.strip(" !！。.~～?？,，").split()
    if short and (any(text.strip().startswith(g) for g in lexicon.greetings[:7])
                  or (words and words[0] in lexicon.greetings)):
        return "greeting"
    return "benign"


def build_checker(lexicon: Lexicon, normalise: Callable[[str], str] = lambda s: s,
                  model: Model | None = None,
                  calibration: tuple[Calibration, Calibration] | None = None) -> Checker:
    """The checker over a lexicon and a trained model (the index builds once, at start)."""
    phrases: dict[str, Mapping[str, float]] = dict(lexicon.phrases)
    phrases[GENERIC] = lexicon.generic
    return Checker(phrases, lexicon.groups, lexicon, normalise, model, calibration)
