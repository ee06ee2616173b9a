"""Load the YAML content bank into core models, deriving zh-Hant (see bot.content.hant)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.content.entries import ContentError, Entry, read_entries
from bot.content.hant import to_traditional
from bot.content.samples import expand
from bot.core.content import (
    Bank,
    Case,
    Citation,
    Figure,
    Option,
    Question,
    Sample,
    ScamType,
    Source,
    Technique,
    Tip,
)


def loc(value: Any) -> dict[str, str]:
    """A {zh, en} mapping as locale-keyed text."""
    if not isinstance(value, dict) or set(value) - {"zh", "en"}:
        # Extra keys usually mean an unquoted ASCII comma split a {zh: …, en: …} value.
        raise ContentError(f"expected {{zh, en}} (quote values with commas), got {value!r}")
    zh, en = str(value.get("zh") or ""), str(value.get("en") or "")
    return {"zh-Hans": zh, "zh-Hant": to_traditional(zh), "en": en or zh}


def loc_list(value: Any) -> dict[str, tuple[str, ...]]:
    """A {zh: [...], en: [...]} mapping as locale-keyed tuples."""
    if not isinstance(value, dict) or set(value) - {"zh", "en"}:
        raise ContentError(f"expected {{zh: [...], en: [...]}}, got {value!r}")
    zh = tuple(str(v) for v in value.get("zh") or ())
    en = tuple(str(v) for v in value.get("en") or ()) or zh
    return {"zh-Hans": zh, "zh-Hant": tuple(to_traditional(v) for v in zh), "en": en}


def citation(value: Any) -> Citation:
    """A source reference or general knowledge."""
    if value == "general":
        return Citation()
    if not isinstance(value, dict) or set(value) - {"article", "quote"} or not value["article"]:
        raise ContentError(f"source must be 'general' or {{article, quote}}: {value!r}")
    return Citation(str(value["article"]), str(value.get("quote") or ""))


def source(d: dict[str, Any]) -> Source:
    """An article."""
    pub = {"zh": d.get("publisher") or "", "en": d.get("publisher_en") or ""}
    region = {"zh": d.get("region") or "", "en": d.get("region_en") or ""}
    return Source(
        id=d["id"], title=loc({"zh": d["title"], "en": d.get("title_en")}),
        publisher=loc(pub), date=str(d["date"]) if d.get("date") else None,
        region=loc(region), text=d["text"],
    )


def scam_type(d: dict[str, Any]) -> ScamType:
    """A scam type."""
    return ScamType(
        id=d["id"], name=loc(d["name"]), summary=loc(d["summary"]),
        script=loc_list(d["script"]), red_flags=loc_list(d["red_flags"]),
        what_to_do=loc_list(d["what_to_do"]), audiences=tuple(d.get("audiences") or ()),
        sources=tuple(d.get("sources") or ()), status=d.get("status", "draft"),
        techniques=_ids(d.get("techniques")),
    )


def _ids(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ContentError(f"expected a list of ids, got {value!r}")
    return tuple(str(v) for v in value)


def technique(d: dict[str, Any]) -> Technique:
    """A manipulation technique."""
    return Technique(id=d["id"], name=loc(d["name"]), summary=loc(d["summary"]),
                     status=d.get("status", "draft"))


def sample(d: dict[str, Any]) -> Sample | None:
    """The message a scam-or-genuine item shows."""
    msg = d.get("message")
    if msg is None:
        return None
    return Sample(channel=str(msg["channel"]), sender=loc(msg["sender"]), text=loc(msg["text"]))


def question(d: dict[str, Any]) -> Question:
    """A quiz question (a scam-or-genuine item gets its question text and fixed answers)."""
    d = expand(d)
    return Question(
        id=d["id"], scam_type=d["scam_type"], kind=d["kind"], difficulty=int(d["difficulty"]),
        audiences=tuple(d.get("audiences") or ()), question=loc(d["question"]),
        options=tuple(Option(loc(o["text"]), bool(o.get("correct"))) for o in d["options"]),
        explanation=loc(d["explanation"]), detail=loc(d.get("detail") or d["explanation"]),
        source=citation(d.get("source")), status=d.get("status", "draft"),
        techniques=_ids(d.get("techniques")), not_for=_ids(d.get("not_for")),
        message=sample(d), cue=loc(d["cue"]) if d.get("cue") else {},
    )


def case(d: dict[str, Any]) -> Case:
    """A real case."""
    return Case(
        id=d["id"], scam_type=d["scam_type"], title=loc(d["title"]), who=loc(d["who"]),
        what_happened=loc(d["what_happened"]), what_stopped_it=loc(d["what_stopped_it"]),
        lesson=loc(d["lesson"]), audiences=tuple(d.get("audiences") or ()),
        source=citation(d.get("source")), status=d.get("status", "draft"),
    )


def tip(d: dict[str, Any]) -> Tip:
    """A tip or slogan."""
    return Tip(
        id=d["id"], kind=d.get("kind", "tip"), text=loc(d["text"]),
        scam_types=tuple(d.get("scam_types") or ()), audiences=tuple(d.get("audiences") or ()),
        source=citation(d.get("source")), status=d.get("status", "draft"),
        techniques=_ids(d.get("techniques")),
    )


def figure(d: dict[str, Any]) -> Figure:
    """A statistic."""
    return Figure(
        id=d["id"], region=loc(d["region"]), year=d.get("year"), text=loc(d["text"]),
        source=citation(d.get("source")), status=d.get("status", "draft"),
    )


BUILDERS: dict[str, Any] = {
    "source": source, "scam_type": scam_type, "question": question,
    "case": case, "tip": tip, "figure": figure, "technique": technique,
}
FIELDS = {
    "source": "sources", "scam_type": "scam_types", "question": "questions",
    "case": "cases", "tip": "tips", "figure": "figures", "technique": "techniques",
}


def bank_from_entries(entries: Iterable[Entry]) -> Bank:
    """Build a bank (all statuses) from raw entries; errors name the file and item."""
    parts: dict[str, dict[str, Any]] = {f: {} for f in FIELDS.values()}
    for e in entries:
        where = f"{e.file}: {e.kind} {e.id or '?'}"
        try:
            item = BUILDERS[e.kind](e.data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ContentError(f"{where}: {exc!r}") from exc
        bucket = parts[FIELDS[e.kind]]
        if item.id in bucket:
            raise ContentError(f"{where}: duplicate id {item.id}")
        bucket[item.id] = item
    return Bank(**parts)


def load_bank(root: Path) -> Bank:
    """Load every content file under root (all statuses)."""
    return bank_from_entries(read_entries(root))
