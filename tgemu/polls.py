"""Telegram's checks on sendPoll parameters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tgemu.errors import bad_request
from tgemu.html_entities import Entity
from tgemu.params import Params
from tgemu.validation import format_text


@dataclass
class PollSpec:
    """A validated sendPoll request."""

    question: str
    options: list[str]
    type: str = "regular"
    is_anonymous: bool = True
    allows_multiple_answers: bool = False
    allows_revoting: bool = True
    correct_option_ids: list[int] | None = None
    explanation: str | None = None
    explanation_entities: list[Entity] = field(default_factory=list)
    open_period: int | None = None
    close_date: int | None = None
    is_closed: bool = False


def _poll_options(value: Any) -> list[str]:
    """Options as plain strings; accepts strings or InputPollOption objects."""
    if not isinstance(value, list):
        raise bad_request("can't parse options JSON object")
    out: list[str] = []
    for item in value:
        text = item.get("text") if isinstance(item, dict) else item
        if not isinstance(text, str):
            raise bad_request("can't parse InputPollOption")
        text = text.strip()
        if not text:
            raise bad_request("poll options must be non-empty")
        if len(text) > 100:
            raise bad_request("poll options length must not exceed 100")
        out.append(text)
    if not 1 <= len(out) <= 12:
        raise bad_request("poll must have 1-12 options")
    return out


def _correct_ids(p: Params, count: int) -> list[int]:
    """The quiz's correct option ids (list or the deprecated single id)."""
    ids = p.nested("correct_option_ids")
    if ids is None and p.has("correct_option_id"):
        ids = [p.integer("correct_option_id")]
    if not isinstance(ids, list) or not ids:
        raise bad_request("correct option IDs must be specified for quiz polls")
    if not all(isinstance(i, int) and 0 <= i < count for i in ids):
        raise bad_request("wrong correct option ID specified")
    if sorted(set(ids)) != ids:
        raise bad_request("correct option IDs must be monotonically increasing")
    return list(ids)


def _period(p: Params, now: int) -> tuple[int | None, int | None]:
    """open_period and close_date, each 5..2628000 seconds ahead."""
    open_period, close_date = p.integer("open_period"), p.integer("close_date")
    if open_period is not None and close_date is not None:
        raise bad_request("open_period and close_date can't be used together")
    if open_period is not None and not 5 <= open_period <= 2628000:
        raise bad_request("wrong open_period specified")
    if close_date is not None and not 5 <= close_date - now <= 2628000:
        raise bad_request("wrong close_date specified")
    return open_period, close_date


def check_poll(p: Params, now: int) -> PollSpec:
    """Validate sendPoll parameters."""
    question = (p.text("question") or "").strip()
    if not question:
        raise bad_request("poll question must be non-empty")
    if len(question) > 300:
        raise bad_request("poll question length must not exceed 300")
    options = _poll_options(p.nested("options"))
    kind = p.text("type") or "regular"
    if kind not in ("regular", "quiz"):
        raise bad_request("poll type is invalid")
    spec = PollSpec(question, options, kind, p.flag("is_anonymous", True))
    spec.allows_multiple_answers = p.flag("allows_multiple_answers")
    spec.allows_revoting = p.flag("allows_revoting", kind == "regular")
    spec.open_period, spec.close_date = _period(p, now)
    spec.is_closed = p.flag("is_closed")
    if kind == "quiz":
        spec.correct_option_ids = _correct_ids(p, len(options))
    if p.has("explanation"):
        text, entities = format_text(p, "explanation", caption=True)
        if len(text) > 200 or text.count("\n") > 2:
            raise bad_request("explanation must be 0-200 characters with at most 2 line feeds")
        spec.explanation, spec.explanation_entities = text or None, entities
    return spec
