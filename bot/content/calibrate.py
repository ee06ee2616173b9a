"""Fit the checker's confidence map on predictions for examples held out of training, by fold.

`python -m bot.content.calibrate` rewrites content/calibration.json; a test checks it is current
and prints the reliability table of a cross-fitted run (fit on four folds, scored on the fifth).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

from bot.config import ROOT
from bot.content.cleaning import to_simplified
from bot.content.lexicon import CALIBRATION_FILE as FILE
from bot.content.lexicon import Maps, read_examples, read_lexicon
from bot.core.scamcheck import build_checker, prepare, train
from bot.core.scamcheck.calibration import fit

FOLDS = 5


def _folds(content_dir: Path) -> list[list[tuple[str, str]]]:
    """The example messages (not the scripts, always learned) dealt into FOLDS shuffled folds."""
    examples = list(read_examples(content_dir))
    rng = random.Random(18)
    rng.shuffle(examples)
    return [examples[i::FOLDS] for i in range(FOLDS)]


def fold_pairs(content_dir: Path) -> Iterator[list[tuple[float, bool, bool]]]:
    """Per fold: (raw probability, right type, asks) for its messages, trained without it."""
    lexicon = read_lexicon(content_dir)
    folds = _folds(content_dir)
    for i, held in enumerate(folds):
        rest = [row for j, fold in enumerate(folds) if j != i for row in fold]
        model = train((label, prepare(text, to_simplified)) for label, text in rest)
        checker = build_checker(lexicon, to_simplified, model)
        pairs = []
        for label, text in held:
            best, raw, asked = checker.guess(text)
            if best != "none":
                pairs.append((raw, best == label, asked))
        yield pairs




def fit_maps(rows: Iterable[tuple[float, bool, bool]]) -> Maps:
    """One map for messages that ask (money, a code, a click), one for those that don't."""
    rows = list(rows)
    return (fit((x, y) for x, y, a in rows if a), fit((x, y) for x, y, a in rows if not a))


def fitted(content_dir: Path) -> Maps:
    """The confidence maps fitted on every fold's held-out predictions."""
    return fit_maps(row for rows in fold_pairs(content_dir) for row in rows)


def write_calibration(content_dir: Path) -> Maps:
    """Fit and store the maps."""
    asks, quiet = fitted(content_dir)
    body = {"folds": FOLDS, "asks": asks.knots, "quiet": quiet.knots}
    (content_dir / FILE).write_text(json.dumps(body) + "\n", encoding="utf-8")
    return asks, quiet


if __name__ == "__main__":
    print([len(m.knots) for m in write_calibration(ROOT / "content")], "knots written")
