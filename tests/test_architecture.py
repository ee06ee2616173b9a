"""The core stays pure: standard library and bot.core only."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "bot" / "core"


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module a file imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_imports_only_stdlib_and_core() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert files
    bad = []
    for f in files:
        for mod in imported_modules(f):
            top = mod.split(".")[0]
            if mod.startswith("bot.core") or top in sys.stdlib_module_names or top == "__future__":
                continue
            bad.append(f"{f.name}: {mod}")
    assert bad == []


def test_services_import_no_framework_or_database() -> None:
    forbidden = {"telegram", "aiogram", "sqlalchemy", "sqlmodel", "aiosqlite", "jinja2"}
    services = CORE.parent / "services"
    bad = [
        f"{f.name}: {m}" for f in services.rglob("*.py") for m in imported_modules(f)
        if m.split(".")[0] in forbidden
    ]
    assert bad == []
