"""Hypothesis strategies for hostile updates: texts, commands, forged callback data, odd types."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

MAX_TEXT = 4096
MAX_CALLBACK_BYTES = 64
USERS = (9101, 9102, 9103)
GROUP = -1009100
# Fragments that have broken bots: markup, bidi and zero-width marks, SQL, templates, formats.
NASTY = (
    "\u200f", "\u200e", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u00ad", "\u3000",
    "<b>", "</i>", "<a href=\"tg://user?id=1\">", "<script>", "&amp;", "&#0;", "&lt;", "&",
    "*bold*", "_it_", "`code`", "```", "[link](http://x)", "||spoiler||", "~", "\\",
    "'; DROP TABLE users; --", "\" OR 1=1 --", "%s%n%x", "{{ 7*7 }}", "{% raw %}", "${x}",
    "🙂", "👨‍👩‍👧‍👦", "🇨🇳", "é", "\U0001d54f", "مرحبا", "שלום", "客服退款", "安全账户",
    "\n", "\r\n", "\t", " ", "0", "-1", "9" * 30, "@antifraud_test_bot", "http://t.me/x",
)
COMMANDS = ("start", "quiz", "topics", "me", "top", "subscribe", "unsubscribe", "settings",
            "name", "timezone", "help", "mydata", "forget", "stats", "broadcast", "nosuch",
            "START", "quiz@antifraud_test_bot", "quiz@other_bot")
ACTIONS = ("a", "n", "s", "t", "aud", "set", "bc", "sub", "ck", "m", "fg", "", "zz")

chars = st.characters(exclude_categories=("Cs",))
fragment = st.one_of(st.sampled_from(NASTY), st.text(chars, max_size=30))
short_text = st.lists(fragment, min_size=1, max_size=8).map("".join)
long_text = st.tuples(st.lists(fragment, min_size=1, max_size=4).map("".join),
                      st.integers(MAX_TEXT - 5, MAX_TEXT)).map(
    lambda t: ((t[0] or "x") * (MAX_TEXT // max(len(t[0]), 1) + 1))[:t[1]])
text = st.one_of(short_text, long_text, st.sampled_from(NASTY))
number = st.one_of(st.integers(0, 12), st.integers(-2**63, 2**63 - 1)).map(str)
forged = st.builds(lambda a, parts: ":".join([a, *parts]), st.sampled_from(ACTIONS),
                   st.lists(st.one_of(number, st.sampled_from(["ok", "no", "quiz", "en", "x"]),
                                      st.text(chars, max_size=8)), max_size=5))
callback_data = st.one_of(forged, st.text(chars, min_size=1, max_size=64)).filter(
    lambda d: 0 < len(d.encode()) <= MAX_CALLBACK_BYTES)
command = st.builds(lambda c, args: " ".join(["/" + c, *args]), st.sampled_from(COMMANDS),
                    st.lists(st.one_of(number, short_text), max_size=3)).map(
    lambda s: s[:MAX_TEXT])
RAW_KINDS = ("edited_message", "channel_post", "edited_channel_post", "bot_message",
             "no_text", "group_text", "message_reaction", "my_chat_member",
             "inline_query", "chosen_inline_result", "future_update_type")


def actions() -> st.SearchStrategy[list[tuple[Any, ...]]]:
    """A short sequence of things hostile users and Telegram might send."""
    user = st.sampled_from(USERS)
    one = st.one_of(
        st.tuples(st.just("text"), user, text),
        st.tuples(st.just("text"), user, command),
        st.tuples(st.just("press"), user, callback_data),
        st.tuples(st.just("raw"), user, st.sampled_from(RAW_KINDS), text),
    )
    return st.lists(one, min_size=1, max_size=6)
