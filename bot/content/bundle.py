"""One-file export of the whole bank: every item with its kind, file and data, in order."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from bot.content.entries import KIND_NAMES, ContentError, Entry, file_for
from bot.content.safety import valid_name

FORMAT = "antifraud-content"
VERSION = 1


def dumps(entries: Iterable[Entry]) -> str:
    """The bundle as canonical JSON text (same entries, same bytes)."""
    items = [{"kind": e.kind, "file": e.file, "data": e.data} for e in entries]
    bundle = {"format": FORMAT, "version": VERSION, "items": items}
    return json.dumps(bundle, ensure_ascii=False, indent=1) + "\n"


def _entry(i: int, item: Any) -> Entry:
    if not isinstance(item, dict) or set(item) != {"kind", "file", "data"}:
        raise ContentError(f"item {i + 1}: expected {{kind, file, data}}")
    kind, rel, data = item["kind"], item["file"], item["data"]
    if kind not in KIND_NAMES or not isinstance(data, dict) or not data.get("id"):
        raise ContentError(f"item {i + 1}: unknown kind {kind!r} or missing id")
    try:
        expected = file_for(kind, data)
    except (KeyError, ContentError) as exc:
        raise ContentError(f"item {i + 1}: {exc}") from exc
    if rel != expected or not valid_name(data["id"]):
        raise ContentError(f"item {i + 1}: unsafe id or file path {rel!r}")
    return Entry(kind, rel, data)


def loads(text: str) -> list[Entry]:
    """Parse a bundle, refusing anything that is not one."""
    try:
        bundle = json.loads(text)
    except RecursionError as exc:
        raise ContentError("not a content bundle (nested too deeply)") from exc
    except json.JSONDecodeError as exc:
        raise ContentError(f"not a content bundle (invalid JSON: {exc})") from exc
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        raise ContentError(f"not a content bundle (format must be {FORMAT!r})")
    if bundle.get("version") != VERSION:
        raise ContentError(f"unsupported bundle version {bundle.get('version')!r}")
    items = bundle.get("items")
    if not isinstance(items, list):
        raise ContentError("bundle has no items list")
    return [_entry(i, item) for i, item in enumerate(items)]
