"""A naive Bayes model over character n-grams and words, trained at start on our own examples.

The lexicon knows the decisive phrases; this model knows how the scripts sound. It reads
messages written in other words than the lexicon's, with homophones and spaces inside words.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# What scammers write to slip past keyword filters, and what it stands for.
_VARIANTS = (
    (re.compile(r"薇信|徽信|威信|维信|微芯|v信|vx|wx|(?<=加)v|(?<=\+)v"), "微信"),
    (re.compile(r"扣扣|企鹅号"), "qq"),
    (re.compile(r"菲机|飞机号|纸飞机"), "telegram"),
    (re.compile(r"\d+"), "0"),
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[a-z0]+(?:'[a-z]+)?")
_FILLER = re.compile(r"[\s*·.\-_~|/\\、]+")


def squeeze(text: str) -> tuple[str, list[int]]:
    """Drop spaces and marks inside Chinese words ("刷 单", "刷*单"); map kept chars back."""
    out: list[str] = []
    where: list[int] = []
    i, n = 0, len(text)
    while i < n:
        m = _FILLER.match(text, i)
        if m and out and _CJK.match(out[-1]) and m.end() < n and _CJK.match(text[m.end()]):
            i = m.end()
            continue
        out.append(text[i])
        where.append(i)
        i += 1
    return "".join(out), where


def canonical(text: str) -> str:
    """Variants spelled one way (薇信 → 微信), every number as 0."""
    for pattern, repl in _VARIANTS:
        text = pattern.sub(repl, text)
    return text


def features(text: str) -> set[str]:
    """Chinese character bigrams and trigrams, Latin words and word pairs."""
    feats: set[str] = set()
    run: list[str] = []
    for ch in text + " ":
        if _CJK.match(ch):
            run.append(ch)
            continue
        _cjk_grams(run, feats)
        run = []
    words = _LATIN_WORD.findall(text)
    feats.update(f"w:{w}" for w in words)
    feats.update(f"w:{a} {b}" for a, b in itertools.pairwise(words))
    return feats


def _cjk_grams(run: Sequence[str], feats: set[str]) -> None:
    if len(run) == 1:
        feats.add(run[0])
    for n in (2, 3):
        for i in range(len(run) - n + 1):
            feats.add("".join(run[i:i + n]))


@dataclass(frozen=True)
class Model:
    """Bernoulli naive Bayes: a constant per label, plus one vector entry per feature present."""

    labels: tuple[str, ...]
    base: tuple[float, ...]  # log prior + the log-chance that no known feature is present
    table: Mapping[str, tuple[float, ...]]  # log-odds of the feature being present, per label

    def scores(self, feats: Iterable[str]) -> dict[str, float]:
        """Log-likelihood (plus prior) of the message under each label."""
        table = self.table
        present = [table[f] for f in feats if f in table]
        columns = zip(self.base, *present, strict=True)
        return {lab: sum(col) for lab, col in zip(self.labels, columns, strict=True)}

    def weight(self, feat: str, label: str, against: str) -> float:
        """How much a feature's presence speaks for one label over another."""
        vec = self.table.get(feat)
        if vec is None:
            return 0.0
        return vec[self.labels.index(label)] - vec[self.labels.index(against)]


def train(examples: Iterable[tuple[str, str]], alpha: float = 0.05,
          min_count: int = 2) -> Model:
    """Fit on (label, prepared text) pairs, dropping features seen under min_count times."""
    docs: dict[str, int] = {}
    counts: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {}
    for label, text in examples:
        docs[label] = docs.get(label, 0) + 1
        per = counts.setdefault(label, {})
        for f in features(text):
            per[f] = per.get(f, 0) + 1
            totals[f] = totals.get(f, 0) + 1
    labels = tuple(sorted(docs))
    n = sum(docs.values())
    base = [math.log(docs[lab] / n) for lab in labels]
    table: dict[str, tuple[float, ...]] = {}
    for f, total in totals.items():
        if total < min_count:
            continue
        row = []
        for i, lab in enumerate(labels):
            p = (counts[lab].get(f, 0) + alpha) / (docs[lab] + 2 * alpha)
            base[i] += math.log(1 - p)
            row.append(math.log(p) - math.log(1 - p))
        table[f] = tuple(row)
    return Model(labels, tuple(base), table)
