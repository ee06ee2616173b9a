"""Typed button actions: every encoding fits 64 bytes and round-trips; anything else expires."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core import callbacks as cb

IDS = st.from_regex(r"[a-z0-9_]{1,40}", fullmatch=True)
INTS = st.integers(min_value=0, max_value=10**cb.INT_DIGITS - 1)
BY_KIND = {"int": INTS, "str": IDS, "bool": st.booleans()}
BOT = Path(__file__).resolve().parents[2] / "bot"


def action_strategy(cls: type[cb.Action]) -> st.SearchStrategy[cb.Action]:
    """Any value of one action class, within what its fields can carry."""
    kinds = {f.name: BY_KIND[str(f.type)] for f in dataclasses.fields(cls)}
    return st.builds(cls, **kinds)


ACTIONS = st.one_of(*(action_strategy(cls) for cls in cb.ACTIONS))


@given(ACTIONS)
def test_every_action_fits_64_bytes_and_round_trips(action: cb.Action) -> None:
    data = cb.encode(action)
    assert len(data.encode()) <= cb.MAX_BYTES
    assert cb.decode(data) == action


@given(st.text(max_size=80))
def test_any_text_decodes_to_the_one_action_it_encodes_or_expires(data: str) -> None:
    """Canonical: decoding never accepts a string that is not exactly some action's encoding."""
    got = cb.decode(data)
    assert got == cb.EXPIRED or cb.encode(got) == data  # type: ignore[arg-type]


@given(ACTIONS, st.data())
def test_truncated_or_extended_data_expires_unless_it_is_another_exact_action(
        action: cb.Action, data: st.DataObject) -> None:
    wire = cb.encode(action)
    cut = data.draw(st.integers(min_value=0, max_value=len(wire) - 1))
    extra = data.draw(st.sampled_from([":", ":1", ":x", "x", ":" + "9" * 70]))
    for mangled in (wire[:cut], wire + extra):
        got = cb.decode(mangled)
        assert got == cb.EXPIRED or cb.encode(got) == mangled  # type: ignore[arg-type]


@pytest.mark.parametrize("data", [
    None, "", "x" * 65, "a:1:<b>", "a::1", "a:1:2:" + "9" * 60, "ä:1", "a:1:2", "a:1:2:3:4",
    "a:01:2:3", "a:-1:2:3", "a:1:2:1000000000000", "n:1", "s", "s:x", "t:", "t:A", "zz:1",
    "m", "m:other", "m:quiz:1", "set:lb:2", "set:lb", "set", "sub:t", "sub:t:x", "fg",
    "fg:maybe", "bc:ok", "bc:ok:x", "bc:yes:1", "aud:" + "a" * 41, "t:quiz\n", " t:quiz",
])
def test_garbage_truncated_oversized_wrong_arity_or_unknown_prefix_expires(
        data: str | None) -> None:
    assert cb.decode(data) == cb.EXPIRED


def test_the_wire_format_is_unchanged_for_buttons_already_in_chats() -> None:
    assert cb.encode(cb.AnswerOption(12, 3, 1)) == "a:12:3:1"
    assert cb.encode(cb.NextQuestion(12, 3)) == "n:12:3"
    assert cb.encode(cb.SetLeaderboard(True)) == "set:lb:1"
    assert cb.encode(cb.RemindAt(1200)) == "sub:t:1200"
    assert cb.encode(cb.BroadcastDrop(7)) == "bc:no:7"
    assert cb.decode("m:settings") == cb.OpenSettings()
    assert cb.decode("fg:ok") == cb.ForgetConfirm()


def test_values_an_action_cannot_carry_are_refused_when_building_it() -> None:
    for bad in (cb.AnswerOption(-1, 0, 0), cb.StartTopic("Has Space"), cb.StartTopic(""),
                cb.ShowSummary(10**cb.INT_DIGITS), cb.ChooseAudience("x" * 41)):
        with pytest.raises(ValueError):
            cb.encode(bad)


def test_no_wire_prefix_is_the_start_of_another() -> None:
    """Otherwise one string could stand for two actions."""
    wires = [cls.WIRE for cls in cb.ACTIONS]
    assert len(set(wires)) == len(wires)
    for a in wires:
        for b in wires:
            assert a == b or b[: len(a)] != a


def _callback_like(text: str) -> bool:
    head = text.split(":", 1)[0]
    return ":" in text and head in cb.PREFIXES


def test_no_callback_string_is_built_outside_the_callbacks_module() -> None:
    """Buttons get typed actions: no literal or f-string in bot/ looks like callback data."""
    found = []
    for path in sorted(BOT.rglob("*.py")):
        if path == BOT / "core" / "callbacks.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr) and node.values:
                first = node.values[0]
                head = first.value if isinstance(first, ast.Constant) else ""
                if isinstance(head, str) and _callback_like(head + "x"):
                    found.append(f"{path.relative_to(BOT)}:{node.lineno}")
            elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and _callback_like(node.value)):
                found.append(f"{path.relative_to(BOT)}:{node.lineno}: {node.value!r}")
            elif (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Button"
                  and any(k.arg == "data" and getattr(getattr(k.value, "func", None), "id", "")
                          != "encode" for k in node.keywords)):
                found.append(f"{path.relative_to(BOT)}:{node.lineno}: Button(data=...)")
    assert found == []


def test_the_guard_above_catches_the_old_style() -> None:
    assert _callback_like("a:1:2:3") and _callback_like("set:lb:1") and _callback_like("n:x")
    assert not _callback_like("https://t.me/x") and not _callback_like("quiz_fake_loan")
