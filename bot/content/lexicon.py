"""Read the scam checker's lexicon (content/lexicon.yaml) and build the checker from it."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.content.cleaning import to_simplified
from bot.core.scamcheck import Checker, Lexicon, build_checker


def read_lexicon(content_dir: Path) -> Lexicon:
    """The lexicon in a content directory."""
    path = content_dir / "lexicon.yaml"
    with path.open(encoding="utf-8") as f:
        return Lexicon.from_data(yaml.safe_load(f))


def load_checker(content_dir: Path) -> Checker:
    """A checker over the content directory's lexicon; Traditional input is converted."""
    return build_checker(read_lexicon(content_dir), to_simplified)
