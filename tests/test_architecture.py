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


def test_emulator_package_imports_nothing_from_the_bot() -> None:
    """tgemu (emulator and web chat) is a tool beside the product; only bot.sandbox joins them."""
    root = CORE.parent.parent / "tgemu"
    files = sorted(root.rglob("*.py"))
    assert files
    bad = [f"{f.name}: {m}" for f in files for m in imported_modules(f)
           if m.split(".")[0] == "bot"]
    assert bad == []


def test_only_the_sandbox_launcher_imports_the_emulator() -> None:
    bot_dir = CORE.parent
    users = sorted({str(f.relative_to(bot_dir)) for f in bot_dir.rglob("*.py")
                    if any(m.split(".")[0] == "tgemu" for m in imported_modules(f))})
    assert all(u.startswith("sandbox/") for u in users), users
