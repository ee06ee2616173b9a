"""Content files as raw entries: which kind, which file, and the item's plain data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.core.entries import Entry

SINGLE_FILES = {
    "scam_type": "scam_types.yaml",
    "case": "cases.yaml",
    "tip": "tips.yaml",
    "figure": "figures.yaml",
}
KIND_NAMES = ("source", "scam_type", "question", "case", "tip", "figure")
__all__ = ["KIND_NAMES", "SINGLE_FILES", "ContentError", "Entry", "file_for", "read_entries",
           "read_yaml"]


class ContentError(ValueError):
    """A content file that cannot be loaded, naming the file and item."""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML that keeps dates as ISO strings, so items are plain JSON data."""


def _date_as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _date_as_text)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, naming it on error."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ContentError(f"{path}: {exc}") from exc


def file_for(kind: str, data: dict[str, Any]) -> str:
    """The file an item of this kind belongs in."""
    if kind == "source":
        return f"sources/{data['id']}.yaml"
    if kind == "question":
        return f"questions/{data['scam_type']}.yaml"
    return SINGLE_FILES[kind]


def _list_file(root: Path, rel: str, kind: str) -> list[Entry]:
    path = root / rel
    if not path.exists():
        return []
    raw = read_yaml(path) or []
    if not isinstance(raw, list) or not all(isinstance(d, dict) for d in raw):
        raise ContentError(f"{rel}: expected a list of items")
    return [Entry(kind, rel, d) for d in raw]


def read_entries(root: Path) -> list[Entry]:
    """Every item under a content root, in a stable order (kind, file, position)."""
    out: list[Entry] = []
    for p in sorted((root / "sources").glob("*.yaml")):
        data = read_yaml(p)
        if not isinstance(data, dict):
            raise ContentError(f"sources/{p.name}: expected one article")
        out.append(Entry("source", f"sources/{p.name}", data))
    out += _list_file(root, SINGLE_FILES["scam_type"], "scam_type")
    for p in sorted((root / "questions").glob("*.yaml")):
        out += _list_file(root, f"questions/{p.name}", "question")
    for kind in ("case", "tip", "figure"):
        out += _list_file(root, SINGLE_FILES[kind], kind)
    return out
