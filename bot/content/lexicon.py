"""Read the scam checker's lexicon and training examples, and build the checker from them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from bot.content.cleaning import to_simplified
from bot.content.entries import read_yaml
from bot.core.scamcheck import Calibration, Checker, Lexicon, build_checker, prepare, train

EXAMPLES = "checker"  # content/checker/*.jsonl: {"label", "lang", "text"} per line

CALIBRATION_FILE = "calibration.json"  # written by bot.content.calibrate
Maps = tuple[Calibration, Calibration]  # for messages that ask for something, and the rest


def read_lexicon(content_dir: Path) -> Lexicon:
    """The lexicon in a content directory."""
    return Lexicon.from_data(read_yaml(content_dir / "lexicon.yaml"))


def read_examples(content_dir: Path) -> Iterator[tuple[str, str]]:
    """(label, text) to learn from: the example messages, and each scam type's script."""
    for path in sorted((content_dir / EXAMPLES).glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                yield str(row["label"]), str(row["text"])
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path.name}:{number}: malformed example ({exc!r})") from exc
    for st in read_yaml(content_dir / "scam_types.yaml"):
        for lang in ("zh", "en"):
            for line in (*st["script"][lang], *st["red_flags"][lang], st["summary"][lang]):
                yield st["id"], line


def read_calibration(content_dir: Path) -> Maps | None:
    """The stored maps, or None (raw probabilities) when the file is missing."""
    path = content_dir / CALIBRATION_FILE
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return (Calibration(tuple((float(x), float(y)) for x, y in data["asks"])),
            Calibration(tuple((float(x), float(y)) for x, y in data["quiet"])))


def build_from(content_dir: Path) -> Checker:
    """A checker over the content directory's lexicon and examples; Traditional is converted."""
    model = train((label, prepare(text, to_simplified)) for label, text in
                  read_examples(content_dir))
    return build_checker(read_lexicon(content_dir), to_simplified, model,
                         read_calibration(content_dir))


def load_checker(content_dir: Path) -> Checker:
    """The checker for these files, built once per process (it is immutable once built)."""
    return _built(content_dir.resolve(), _fingerprint(content_dir))


def _fingerprint(content_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and mtime of every file the checker is built from: an edit rebuilds it."""
    paths = [content_dir / "lexicon.yaml", content_dir / "scam_types.yaml",
             *([content_dir / "calibration.json"] if (content_dir / "calibration.json").exists()
               else []),
             *sorted((content_dir / EXAMPLES).glob("*.jsonl"))]
    return tuple((p.name, (st := p.stat()).st_size, st.st_mtime_ns) for p in paths)


@lru_cache(maxsize=4)
def _built(content_dir: Path, _fingerprint: tuple[tuple[str, int, int], ...]) -> Checker:
    return build_from(content_dir)
