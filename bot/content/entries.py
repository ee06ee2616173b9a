"""Content files as raw entries: which kind, which file, and the item's plain data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.content.safety import MAX_YAML_BYTES, ContentError, check_yaml, read_capped, valid_name
from bot.core.entries import Entry

SINGLE_FILES = {
    "scam_type": "scam_types.yaml",
    "case": "cases.yaml",
    "tip": "tips.yaml",
    "figure": "figures.yaml",
    "technique": "techniques.yaml",
}
KIND_NAMES = ("source", "technique", "scam_type", "question", "case", "tip", "figure")


__all__ = ["KIND_NAMES", "ContentError", "Entry", "file_for", "load_yaml", "read_entries",
           "read_yaml"]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML that keeps dates as ISO strings, so items are plain JSON data."""


def _date_as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _date_as_text)


def load_yaml(text: str, where: str = "YAML") -> Any:
    """Parse YAML text safely: aliases may not expand past a cap, nesting is bounded."""
    check_yaml(text, where)
    try:
        return yaml.load(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError) as exc:
        raise ContentError(f"{where}: {exc}") from exc


def read_yaml(path: Path) -> Any:
    """Parse a YAML file (at most MAX_YAML_BYTES), naming it on error."""
    try:
        text = read_capped(path, MAX_YAML_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: {exc}") from exc
    return load_yaml(text, str(path))


def file_for(kind: str, data: dict[str, Any]) -> str:
    """The file an item of this kind belongs in; ids and type names must be safe file names."""
    if kind == "source":
        name = data["id"]
    elif kind == "question":
        name = data["scam_type"]
    else:
        return SINGLE_FILES[kind]
    if not valid_name(name):
        field = "id" if kind == "source" else "scam_type"
        raise ContentError(f"bad {field} {name!r}: use lower-case letters, digits, '_' and '-'")
    return f"{'sources' if kind == 'source' else 'questions'}/{name}.yaml"


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
    out += _list_file(root, SINGLE_FILES["technique"], "technique")
    out += _list_file(root, SINGLE_FILES["scam_type"], "scam_type")
    for p in sorted((root / "questions").glob("*.yaml")):
        out += _list_file(root, f"questions/{p.name}", "question")
    for kind in ("case", "tip", "figure"):
        out += _list_file(root, SINGLE_FILES[kind], kind)
    return out
