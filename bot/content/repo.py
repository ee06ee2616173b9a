"""Change content files in place (status, add, edit), keeping comments and layout for review."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from bot.content.entries import ContentError, Entry, file_for, load_yaml, read_entries
from bot.content.loader import bank_from_entries
from bot.content.safety import inside, valid_name
from bot.content.validate import Problem, validate

# Allowed review moves: publish a draft, retire a published item, bring back a retired one.
MOVES = {
    ("draft", "published"), ("published", "retired"), ("retired", "published"),
    ("published", "draft"), ("retired", "draft"),
}


class Refused(ContentError):
    """A change that would break the bank; nothing was written."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class _Dumper(yaml.SafeDumper):
    """Block YAML with nested lists indented under their key, as the bank's files are."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def dump(data: Any) -> str:
    """Serialise plain data as the bank's YAML."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)


def item_block(data: dict[str, Any]) -> str:
    """One list item as a `- id: …` block, ready to splice into a list file."""
    lines = dump(data).splitlines()
    return "\n".join(["- " + lines[0]] + ["  " + ln if ln else ln for ln in lines[1:]]) + "\n"


def _split(text: str) -> tuple[str, list[str]]:
    """A list file as its header and one text block per item (comments stay with the one above)."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, ln in enumerate(lines) if ln.startswith("- ")]
    if not starts:
        return text, []
    header = "".join(lines[: starts[0]])
    bounds = [*starts, len(lines)]
    return header, ["".join(lines[a:b]) for a, b in pairwise(bounds)]


def _block_id(block: str) -> str:
    data = load_yaml(block)
    return str(data[0].get("id")) if isinstance(data, list) and data else ""


def _with_status(block: str, status: str) -> str:
    lines = block.splitlines(keepends=True)
    for i, ln in enumerate(lines):
        if re.match(r"^ {2}status:", ln):
            lines[i] = f"  status: {status}\n"
            return "".join(lines)
    return lines[0] + f"  status: {status}\n" + "".join(lines[1:])


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class ContentRepo:
    """The content directory as a store of items with review states."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def entries(self) -> list[Entry]:
        """Every item, in file order."""
        return read_entries(self.root)

    def find(self, item_id: str) -> Entry | None:
        """The item with this id, of any kind."""
        return next((e for e in self.entries() if e.id == item_id), None)

    def _check(self, entries: list[Entry], changed: str) -> None:
        """Refuse a change that adds validation problems (old problems don't block)."""
        before = {str(p) for p in validate(bank_from_entries(self.entries()))}
        try:
            after = validate(bank_from_entries(entries))
        except ContentError as exc:
            raise Refused(f"{changed}: {exc}") from exc
        new = [p for p in after if str(p) not in before]
        if new:
            raise Refused(f"{changed}: {len(new)} problem(s); nothing written", new)

    def set_status(self, item_id: str, status: str) -> str:
        """Move an item to a review state; returns the previous state."""
        entries = self.entries()
        entry = next((e for e in entries if e.id == item_id), None)
        if entry is None or entry.kind == "source":
            raise Refused(f"no content item {item_id!r} with a review state")
        if entry.status == status:
            return status
        if (entry.status, status) not in MOVES:
            raise Refused(f"{item_id}: cannot go from {entry.status} to {status}")
        if status == "published":
            changed = [replace(e, data={**e.data, "status": status}) if e is entry else e
                       for e in entries]
            self._check(changed, item_id)
        self._rewrite(entry.file, item_id, lambda block: _with_status(block, status))
        return entry.status

    def save(self, kind: str, data: dict[str, Any]) -> str:
        """Add a new item or replace one with the same id; returns 'added' or 'updated'."""
        if not data.get("id"):
            raise Refused("the item has no id")
        if not valid_name(data["id"]):
            raise Refused(f"bad id {data['id']!r}: use lower-case letters, digits, '_' and '-'")
        entries = self.entries()
        old = next((e for e in entries if e.id == data["id"]), None)
        if old is not None and old.kind != kind:
            raise Refused(f"{data['id']} is already a {old.kind}")
        if kind != "source" and "status" not in data:
            data = {"id": data["id"], "status": "draft", **data}
        try:
            rel = file_for(kind, data)
        except KeyError as exc:
            raise Refused(f"{data['id']}: missing field {exc}") from exc
        except ContentError as exc:
            raise Refused(f"{data['id']}: {exc}") from exc
        new = Entry(kind, rel, data)
        changed = [new if e is old else e for e in entries] + ([new] if old is None else [])
        self._check(changed, str(data["id"]))
        if old is not None and old.file != rel:
            self._remove(old)
        self._put(new)
        return "added" if old is None else "updated"

    def _put(self, entry: Entry) -> None:
        path = inside(self.root, entry.file)
        if entry.kind == "source":
            _write_atomic(path, dump(entry.data))
            return
        self._rewrite(entry.file, entry.id, lambda old: item_block(entry.data), add=True)

    def _remove(self, entry: Entry) -> None:
        self._rewrite(entry.file, entry.id, lambda old: "")

    def _rewrite(self, rel: str, item_id: str, change: Callable[[str], str],
                 add: bool = False) -> None:
        """Replace one item's text block, leaving every other byte of the file as it was."""
        path = inside(self.root, rel)
        header, blocks = _split(path.read_text(encoding="utf-8") if path.exists() else "")
        at = next((i for i, b in enumerate(blocks) if _block_id(b) == item_id), None)
        if at is not None:
            blocks[at] = change(blocks[at])
        elif add:
            if blocks and not blocks[-1].endswith("\n\n"):
                blocks[-1] += "\n"
            blocks.append(change(""))
        else:
            raise Refused(f"{item_id} not found in {rel}")
        _write_atomic(path, header + "".join(blocks))


def write_entries(root: Path, entries: Iterable[Entry]) -> int:
    """Write entries as a fresh content directory (for import); returns the item count."""
    files: dict[str, list[dict[str, Any]]] = {}
    singles: dict[str, dict[str, Any]] = {}
    for e in entries:
        if e.kind == "source":
            singles[e.file] = e.data
        else:
            files.setdefault(e.file, []).append(e.data)
    for rel, data in singles.items():
        _write_atomic(inside(root, rel), dump(data))
    for rel, items in files.items():
        _write_atomic(inside(root, rel), dump(items))
    return len(singles) + sum(len(v) for v in files.values())
