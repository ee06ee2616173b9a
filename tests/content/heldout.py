"""Scam-type precision, recall and F1 of the ingest on a folder of labelled articles."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.content.cleaning import decode_article
from bot.content.entries import read_yaml
from bot.content.ingest import Ingested, ingest

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "ingest_heldout"


@dataclass(frozen=True)
class Score:
    """Micro-averaged counts over every article, and the articles that went wrong."""

    tp: int
    fp: int
    fn: int
    wrong: tuple[str, ...]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def red_flags(content: Path) -> dict[str, list[str]]:
    """Each scam type's red flags, as `antifraud content ingest` passes them."""
    return {str(t["id"]): [str(f) for f in t["red_flags"]["zh"]]
            for t in read_yaml(content / "scam_types.yaml")}


def results(folder: Path, flags: dict[str, list[str]]) -> dict[str, Ingested]:
    """Every labelled article in folder, ingested."""
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    return {name: ingest(decode_article((folder / name).read_bytes()), flags)
            for name in labels}


def score(folder: Path, found: dict[str, Iterable[str]]) -> Score:
    """Compare the types found per article with the labels."""
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    tp = fp = fn = 0
    wrong = []
    for name, gold in labels.items():
        got, want = set(found[name]), set(gold or ())
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        if got != want:
            wrong.append(f"{name}: +{sorted(got - want)} -{sorted(want - got)}")
    return Score(tp, fp, fn, tuple(wrong))


def about(r: Ingested, pick: Callable[[Ingested], Iterable[str]] | None = None) -> list[str]:
    """The types an article is about, as the ingest reports them."""
    return list(pick(r) if pick else (h.id for h in r.scam_types))
