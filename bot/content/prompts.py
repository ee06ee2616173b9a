"""Ask for a new content item field by field (the interactive side of `content add`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.core.content import AUDIENCES, KINDS, SCAM_OR_GENUINE
from bot.core.numbers import ascii_int

Ask = Callable[[str, str], str]  # (label, default) -> answer


def _types() -> tuple[str, ...]:
    """The scam-type ids of the content bank (content/scam_types.yaml)."""
    from bot.content.ingest.scam_types import type_names

    return tuple(type_names())


def _loc(ask: Ask, label: str) -> dict[str, str]:
    return {"zh": ask(f"{label} (中文)", ""), "en": ask(f"{label} (English)", "")}


def _loc_list(ask: Ask, label: str) -> dict[str, list[str]]:
    zh = [s.strip() for s in ask(f"{label} (中文, separate with |)", "").split("|") if s.strip()]
    en = [s.strip() for s in ask(f"{label} (English, separate with |)", "").split("|")
          if s.strip()]
    return {"zh": zh, "en": en}


def _choice(ask: Ask, label: str, choices: tuple[str, ...], default: str) -> str:
    while True:
        value = ask(f"{label} [{'/'.join(choices)}]", default).strip()
        if value in choices:
            return value


def _audiences(ask: Ask) -> list[str]:
    raw = ask(f"audiences ({', '.join(AUDIENCES)}; empty = everyone)", "")
    return [a for a in (s.strip() for s in raw.replace(",", " ").split()) if a in AUDIENCES]


def _techniques(ask: Ask) -> list[str]:
    raw = ask("techniques it teaches (ids from content/techniques.yaml, space separated)", "")
    return [t for t in raw.replace(",", " ").split() if t]


def _source(ask: Ask) -> Any:
    article = ask("source article id (empty = general knowledge)", "").strip()
    if not article:
        return "general"
    return {"article": article, "quote": ask("verbatim quote from the article", "")}


def _question(ask: Ask, item_id: str) -> dict[str, Any]:
    # Scam-or-genuine items carry a message and a verdict; they are written in YAML.
    kind = _choice(ask, "kind", tuple(k for k in KINDS if k != SCAM_OR_GENUINE), "single")
    data: dict[str, Any] = {
        "id": item_id, "status": "draft",
        "scam_type": _choice(ask, "scam type", _types(), _types()[0]),
        "kind": kind,
        "difficulty": int(_choice(ask, "difficulty", ("1", "2", "3"), "1")),
        "audiences": _audiences(ask),
        "techniques": _techniques(ask),
        "question": _loc(ask, "question"),
    }
    count = 2 if kind == "true_false" else int(_choice(ask, "options", ("3", "4"), "4"))
    correct = int(_choice(ask, "which option is correct", tuple(map(str, range(1, count + 1))),
                          "1"))
    data["options"] = [{"text": _loc(ask, f"option {i}"), "correct": i == correct}
                       for i in range(1, count + 1)]
    data["explanation"] = _loc(ask, "short explanation (≤ 200 characters)")
    data["detail"] = _loc(ask, "longer explanation")
    data["source"] = _source(ask)
    return data


def _tip(ask: Ask, item_id: str) -> dict[str, Any]:
    return {
        "id": item_id, "status": "draft",
        "kind": _choice(ask, "kind", ("tip", "slogan"), "tip"),
        "text": _loc(ask, "text"),
        "scam_types": [t for t in ask("scam types (space separated)", "").split()
                       if t in _types()],
        "audiences": _audiences(ask),
        "source": _source(ask),
    }


def _case(ask: Ask, item_id: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item_id, "status": "draft",
        "scam_type": _choice(ask, "scam type", _types(), _types()[0]),
    }
    for field in ("title", "who", "what_happened", "what_stopped_it", "lesson"):
        data[field] = _loc(ask, field.replace("_", " "))
    data["audiences"] = _audiences(ask)
    data["source"] = _source(ask)
    return data


def _figure(ask: Ask, item_id: str) -> dict[str, Any]:
    year = ask("year (empty if none)", "").strip()
    return {
        "id": item_id, "status": "draft", "region": _loc(ask, "region"),
        "year": ascii_int(year, max_digits=4),
        "text": _loc(ask, "text"), "source": _source(ask),
    }


def _scam_type(ask: Ask, item_id: str) -> dict[str, Any]:
    return {
        "id": item_id, "status": "draft", "name": _loc(ask, "name"),
        "summary": _loc(ask, "one-line summary"), "script": _loc_list(ask, "script steps"),
        "red_flags": _loc_list(ask, "red flags"), "what_to_do": _loc_list(ask, "what to do"),
        "audiences": _audiences(ask),
        "sources": ask("source article ids (space separated)", "").split(),
    }


ASKERS: dict[str, Callable[[Ask, str], dict[str, Any]]] = {
    "question": _question, "tip": _tip, "case": _case, "figure": _figure,
    "scam_type": _scam_type,
}


def ask_item(kind: str, item_id: str, ask: Ask) -> dict[str, Any]:
    """Build a draft item of a kind from answers to prompts."""
    return ASKERS[kind](ask, item_id)
