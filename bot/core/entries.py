"""A content item as stored, whichever store holds it (YAML files or the database)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Entry:
    """One content item as stored: its kind, its file relative to the root, its data."""

    kind: str
    file: str
    data: dict[str, Any]

    @property
    def id(self) -> str:
        """The item's id."""
        return str(self.data.get("id") or "")

    @property
    def status(self) -> str:
        """The review state (sources are always published)."""
        return "published" if self.kind == "source" else str(self.data.get("status", "draft"))
