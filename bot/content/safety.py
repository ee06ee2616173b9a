"""Limits on what the content tools read and write: names, paths, file sizes, YAML aliases."""

from __future__ import annotations

import re
from pathlib import Path

import yaml


class ContentError(ValueError):
    """A content file that cannot be loaded, naming the file and item."""


# Content files are tens of KB (the largest about 40 KB); a bundle of the whole bank under 1 MB.
MAX_YAML_BYTES = 1 << 20
MAX_BUNDLE_BYTES = 16 << 20
MAX_ARTICLE_BYTES = 2 << 20
# Nodes a YAML file may stand for once aliases are expanded, and how deep it may nest.
MAX_YAML_NODES = 200_000
MAX_YAML_DEPTH = 64
# Ids and scam type names become file names: lower-case letters, digits, '_' and '-' only.
NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")


def valid_name(value: object) -> bool:
    """Say whether an id or a scam type name is safe to use in a file name."""
    return isinstance(value, str) and NAME.fullmatch(value) is not None


def inside(root: Path, rel: str) -> Path:
    """root/rel, refused unless it resolves inside root (no '..', absolute path or link out)."""
    base = root.resolve()
    path = (base / rel).resolve()
    if not path.is_relative_to(base) or path == base:
        raise ContentError(f"path {rel!r} is outside the content folder")
    return path


def read_capped(path: Path, limit: int) -> bytes:
    """A file's bytes, refused (never read whole) when it is bigger than limit."""
    with path.open("rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise ContentError(f"{path}: file too large (over {limit // 1024} KB)")
    return data


def check_yaml(text: str, where: str = "YAML") -> None:
    """Refuse YAML whose aliases expand past MAX_YAML_NODES or that nests past MAX_YAML_DEPTH.

    One pass over the parser's events, before anything is built: an alias counts as many nodes
    as the anchored node it repeats, so a 500-byte "billion laughs" file is caught at once.
    """
    sizes: dict[str, int] = {}
    opened: list[tuple[str | None, int]] = []
    total = 0
    try:
        for ev in yaml.parse(text, Loader=_PARSER):
            if isinstance(ev, yaml.AliasEvent):
                total += sizes.get(ev.anchor or "", 1)
            elif isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                total += 1
                opened.append((ev.anchor, total))
                if len(opened) > MAX_YAML_DEPTH:
                    raise ContentError(f"{where}: nested more than {MAX_YAML_DEPTH} levels")
            elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                anchor, start = opened.pop()
                if anchor:
                    sizes[anchor] = total - start + 1
            elif isinstance(ev, yaml.ScalarEvent):
                total += 1
                if ev.anchor:
                    sizes[ev.anchor] = 1
            if total > MAX_YAML_NODES:
                raise ContentError(f"{where}: aliases expand past {MAX_YAML_NODES} nodes; refused")
    except yaml.YAMLError as exc:
        raise ContentError(f"{where}: {exc}") from exc


_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
