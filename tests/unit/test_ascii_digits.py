"""Numbers typed by people are ASCII digits: `²`, `٣`, `５` never reach int() (issue 17, #8)."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from bot.core.contest import MAX_QUESTIONS, parse_args
from bot.core.numbers import ascii_int
from bot.core.schedule import parse_time

# Text weighted towards what breaks int(): Unicode digits of every kind, separators, and long runs.
DIGITISH = st.sampled_from("0123456789²³¹⁰⁴⁵⁶⁷⁸⁹₀₁₂٠١٢٣٤٥٦٧٨٩۰۱۲０１２３४५६७߀๑໒༣၄႐០᠑᧐𝟎𝟙:：. -_+")
WORDS = st.text(DIGITISH, max_size=12) | st.text(max_size=12) | st.text("9", min_size=4290,
                                                                          max_size=4400)


@given(WORDS)
def test_ascii_int_takes_ascii_digits_only(text: str) -> None:
    value = ascii_int(text)
    is_ascii_number = bool(text) and all(ch in string.digits for ch in text) and len(text) <= 18
    assert (value is not None) == is_ascii_number
    if value is not None:
        assert value == int(text)


@given(WORDS)
def test_parse_time_never_raises_and_reads_ascii_only(text: str) -> None:
    minute = parse_time(text)
    assert minute is None or 0 <= minute < 24 * 60
    if minute is not None:
        assert all(ch.isascii() for ch in text.strip())


@given(st.lists(WORDS, max_size=4))
def test_contest_args_never_raise(args: list[str]) -> None:
    parsed = parse_args(tuple(args))
    assert 1 <= parsed.count <= MAX_QUESTIONS


def test_the_reported_inputs() -> None:
    assert parse_time("²²:00") is None and parse_time("２２:００") is None
    assert parse_time("٢٢:٠٠") is None and parse_time("22:00") == 22 * 60
    assert parse_args(("²",)).topic_word == "²" and parse_args(("²",)).count >= 1
    assert ascii_int("١٢٣") is None and ascii_int("+1") is None and ascii_int("1_0") is None
