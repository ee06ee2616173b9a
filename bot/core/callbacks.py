"""Typed button actions: one frozen dataclass each, encoded to and decoded from callback data.

Callback data is untrusted input of at most 64 bytes. Every action has a fixed wire prefix and
typed fields (int, bool or a short id); the wire format is canonical, so decoding a string either
gives the one action that encodes back to exactly that string, or `EXPIRED`. This is the only
module that builds or reads callback strings (a test checks the rest of bot/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import ClassVar

MAX_BYTES = 64
INT_DIGITS = 12  # ids and minutes; more digits is forged input
_ID = re.compile(r"[a-z0-9_]{1,40}")
_INT = re.compile(rf"0|[1-9][0-9]{{0,{INT_DIGITS - 1}}}")
_BOOL = {"0": False, "1": True}


@dataclass(frozen=True)
class Action:
    """Base of every button action; `WIRE` is its fixed prefix."""

    WIRE: ClassVar[tuple[str, ...]] = ()


# Quiz


@dataclass(frozen=True)
class AnswerOption(Action):
    """Choose the option shown at `option` for a round's question at `position`."""

    WIRE = ("a",)
    round_id: int
    position: int
    option: int


@dataclass(frozen=True)
class NextQuestion(Action):
    """Move a round on from `position` to the next question."""

    WIRE = ("n",)
    round_id: int
    position: int


@dataclass(frozen=True)
class ShowSummary(Action):
    """See a finished round's results."""

    WIRE = ("s",)
    round_id: int


@dataclass(frozen=True)
class StartTopic(Action):
    """Start a round on one scam type."""

    WIRE = ("t",)
    topic: str


# Main menu


@dataclass(frozen=True)
class OpenQuiz(Action):
    """Continue the unfinished round or start one on all topics."""

    WIRE = ("m", "quiz")


@dataclass(frozen=True)
class OpenTopics(Action):
    """The list of scam types with the user's mastery."""

    WIRE = ("m", "topics")


@dataclass(frozen=True)
class OpenSettings(Action):
    """The settings panel."""

    WIRE = ("m", "settings")


@dataclass(frozen=True)
class OpenCheck(Action):
    """How to have a suspicious message checked (paste or forward it)."""

    WIRE = ("m", "check")


# Settings


@dataclass(frozen=True)
class ChooseAudience(Action):
    """Say who the user is (student, elder, ...)."""

    WIRE = ("aud",)
    audience: str


@dataclass(frozen=True)
class AskAudience(Action):
    """Show the audience question again."""

    WIRE = ("set", "aud")


@dataclass(frozen=True)
class SetLanguage(Action):
    """Switch language; `code` is a callback-safe locale code (zhs, zht, en)."""

    WIRE = ("set", "lang")
    code: str


@dataclass(frozen=True)
class SetRegion(Action):
    """Where the user is, for help lines (cn, tw, hk, sg, other)."""

    WIRE = ("set", "reg")
    region: str


@dataclass(frozen=True)
class SetRoundLength(Action):
    """Questions per round."""

    WIRE = ("set", "len")
    length: int


@dataclass(frozen=True)
class SetLeaderboard(Action):
    """Join or leave the leaderboards."""

    WIRE = ("set", "lb")
    on: bool


@dataclass(frozen=True)
class JoinBoard(Action):
    """Join the leaderboards from under /top, which then shows the boards with the user."""

    WIRE = ("top", "join")


@dataclass(frozen=True)
class PickTimezone(Action):
    """A common time zone under /timezone, by its place in the list (a '/' can't be sent)."""

    WIRE = ("tz",)
    index: int


# Reminders


@dataclass(frozen=True)
class RemindDaily(Action):
    """Tips every day."""

    WIRE = ("sub", "daily")


@dataclass(frozen=True)
class RemindWeekly(Action):
    """Tips once a week."""

    WIRE = ("sub", "weekly")


@dataclass(frozen=True)
class RemindAt(Action):
    """Tips at a local minute of the day."""

    WIRE = ("sub", "t")
    minute: int


@dataclass(frozen=True)
class SetBooster(Action):
    """Add (or not) one practice question on an unpractised technique to each reminder."""

    WIRE = ("sub", "boost")
    on: bool


@dataclass(frozen=True)
class PracticeTechnique(Action):
    """A one-question round on a manipulation technique (the reminder's booster)."""

    WIRE = ("tq",)
    technique: str


@dataclass(frozen=True)
class StopReminders(Action):
    """No more tips."""

    WIRE = ("sub", "off")


# Scam check, privacy, staff


@dataclass(frozen=True)
class ShowScamCard(Action):
    """A scam type's card: how it goes, red flags, what to do."""

    WIRE = ("ck",)
    scam_type: str


@dataclass(frozen=True)
class ShowScamCase(Action):
    """A real case of a scam type, behind its short card."""

    WIRE = ("ckc",)
    scam_type: str


@dataclass(frozen=True)
class ShowScamSteps(Action):
    """What to do about a scam type, behind its short card."""

    WIRE = ("ckd",)
    scam_type: str


@dataclass(frozen=True)
class SubmitReport(Action):
    """Opt in: store the message just checked, redacted, in the anti-fraud library."""

    WIRE = ("rp",)
    ref: int


@dataclass(frozen=True)
class ForgetConfirm(Action):
    """Yes, delete everything stored about me."""

    WIRE = ("fg", "ok")


@dataclass(frozen=True)
class ForgetCancel(Action):
    """No, keep my data."""

    WIRE = ("fg", "no")


@dataclass(frozen=True)
class BroadcastSend(Action):
    """Staff: send the drafted broadcast."""

    WIRE = ("bc", "ok")
    broadcast_id: int


@dataclass(frozen=True)
class BroadcastDrop(Action):
    """Staff: drop the drafted broadcast."""

    WIRE = ("bc", "no")
    broadcast_id: int


@dataclass(frozen=True)
class Expired:
    """What any malformed, forged or outdated callback data decodes to."""


EXPIRED = Expired()

# Every action declared above; a second class on the same prefix would shadow the first.
ACTIONS: tuple[type[Action], ...] = tuple(Action.__subclasses__())
if len({cls.WIRE for cls in ACTIONS}) != len(ACTIONS):
    raise TypeError("two button actions share a wire prefix")
# Field types by name, read from the annotations (strings under postponed evaluation).
_SPECS: dict[tuple[str, ...], tuple[type[Action], tuple[str, ...]]] = {
    cls.WIRE: (cls, tuple(str(f.type) for f in fields(cls))) for cls in ACTIONS
}
PREFIXES = frozenset(cls.WIRE[0] for cls in ACTIONS)


def _field(value: object, kind: str) -> str:
    if kind == "bool" and isinstance(value, bool):
        return "1" if value else "0"
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
        if _INT.fullmatch(text):
            return text
    if kind == "str" and isinstance(value, str) and _ID.fullmatch(value):
        return value
    raise ValueError(f"{value!r} can't be sent as a {kind} in callback data")


def encode(action: Action) -> str:
    """The callback data of an action; raises ValueError for values it can't carry."""
    kinds = _SPECS[type(action).WIRE][1]
    parts = [*type(action).WIRE,
             *(_field(getattr(action, f.name), k) for f, k in zip(fields(action), kinds,
                                                                   strict=True))]
    data = ":".join(parts)
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data too long: {data!r}")
    return data


def _value(text: str, kind: str) -> object:
    if kind == "int":
        return int(text) if _INT.fullmatch(text) else None
    if kind == "bool":
        return _BOOL.get(text)
    return text if _ID.fullmatch(text) else None


def decode(data: str | None) -> Action | Expired:
    """The action behind callback data, or EXPIRED for anything that isn't one exactly."""
    if not data or len(data) > MAX_BYTES or len(data.encode("utf-8", "replace")) > MAX_BYTES:
        return EXPIRED
    parts = tuple(data.split(":"))
    for size in (2, 1):  # the longest fixed prefix wins ("set:lang" before a bare "set")
        spec = _SPECS.get(parts[:size])
        if spec is None:
            continue
        cls, kinds = spec
        raw = parts[size:]
        if len(raw) != len(kinds):
            return EXPIRED
        values = [_value(r, k) for r, k in zip(raw, kinds, strict=True)]
        if any(v is None for v in values):
            return EXPIRED
        return cls(*values)
    return EXPIRED
