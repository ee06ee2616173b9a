"""Entity parsing: Telegram HTML, MarkdownV2, legacy Markdown, and rendering back to HTML."""

from __future__ import annotations

import pytest

from tgemu.html_entities import EntityParseError, parse_html, trim, u16len
from tgemu.markdown import parse_markdown, parse_markdown_v2
from tgemu.render import to_html


def test_html_basic_tags_and_utf16_offsets() -> None:
    """Offsets and lengths are UTF-16 code units; emoji count twice."""
    text, entities = parse_html("😀 <b>粗体</b> <i>it<u>al</u></i>")
    assert text == "😀 粗体 ital"
    assert entities == [
        {"type": "bold", "offset": 3, "length": 2},
        {"type": "italic", "offset": 6, "length": 4},
        {"type": "underline", "offset": 8, "length": 2},
    ]
    assert u16len("😀") == 2


def test_html_all_supported_tags() -> None:
    """Every tag Telegram supports maps to its entity type."""
    src = (
        "<strong>a</strong><em>b</em><ins>c</ins><s>d</s><strike>e</strike><del>f</del>"
        '<tg-spoiler>g</tg-spoiler><span class="tg-spoiler">h</span><code>i</code>'
        '<a href="https://x.org/?a=1&amp;b=2">j</a><blockquote>k</blockquote>'
        "<blockquote expandable>l</blockquote>"
        '<tg-emoji emoji-id="5368324170671202286">m</tg-emoji>'
    )
    text, entities = parse_html(src)
    assert text == "abcdefghijklm"
    kinds = [e["type"] for e in entities]
    assert kinds == [
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "strikethrough",
        "strikethrough",
        "spoiler",
        "spoiler",
        "code",
        "text_link",
        "blockquote",
        "expandable_blockquote",
        "custom_emoji",
    ]
    assert entities[9]["url"] == "https://x.org/?a=1&b=2"
    assert entities[12]["custom_emoji_id"] == "5368324170671202286"


def test_html_pre_with_language_and_entities() -> None:
    """<pre><code class="language-x"> gives one pre entity with a language."""
    text, entities = parse_html('<pre><code class="language-python">x &lt; 1</code></pre>')
    assert text == "x < 1"
    assert entities == [{"type": "pre", "offset": 0, "length": 5, "language": "python"}]
    text, _ = parse_html("&lt;&gt;&amp;&quot;&#65;&#x42;&#20013;")
    assert text == '<>&"AB中'


@pytest.mark.parametrize(
    ("src", "message"),
    [
        ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("中<br>", 'Unsupported start tag "br" at byte offset 3'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ("<b", 'Unclosed start tag "b" at byte offset 0'),
        ("<", "Unclosed start tag at byte offset 0"),
        ('<a href="x>y', 'Unclosed start tag "a" at byte offset 0'),
        ("&foo; x", 'Unsupported HTML entity "&foo;" at byte offset 0'),
        ("Tom & Jerry", 'Character "&" must be escaped as "&amp;" at byte offset 4'),
        ("&#0;", 'Unsupported HTML entity "&#0;" at byte offset 0'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        (
            "<tg-emoji>x</tg-emoji>",
            'Tag "tg-emoji" must have attribute "emoji-id" at byte offset 0',
        ),
    ],
)
def test_html_errors(src: str, message: str) -> None:
    """Bad markup is rejected with Telegram's wording."""
    with pytest.raises(EntityParseError) as info:
        parse_html(src)
    assert str(info.value) == message


def test_html_link_without_href_and_empty_entities_are_dropped() -> None:
    """Like Telegram: <a> without href and empty tags give no entity."""
    assert parse_html("<a>x</a><b></b>") == ("x", [])
    assert parse_html("<B>x</B>") == ("x", [{"type": "bold", "offset": 0, "length": 1}])


def test_trim_strips_whitespace_and_clips_entities() -> None:
    """Leading/trailing whitespace is removed and entities shift."""
    text, entities = trim(*parse_html("\n  <b> hi </b>\n"))
    assert text == "hi"
    assert entities == [{"type": "bold", "offset": 0, "length": 2}]


def test_markdown_v2_entities() -> None:
    """MarkdownV2 markers, escapes, links, code and pre."""
    text, entities = parse_markdown_v2(
        "*b* _i_ __u__ ~s~ ||p|| [l](https://x.org) `c\\`` ```py\nx=1``` 1\\.5"
    )
    assert text == "b i u s p l c` x=1 1.5"
    assert [e["type"] for e in entities] == [
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "text_link",
        "code",
        "pre",
    ]
    assert entities[5]["url"] == "https://x.org" and entities[7]["language"] == "py"
    nested = parse_markdown_v2("*bold _both_*")
    assert nested[1] == [
        {"type": "bold", "offset": 0, "length": 9},
        {"type": "italic", "offset": 5, "length": 4},
    ]


def test_markdown_v2_quote() -> None:
    """Lines starting with > form a blockquote."""
    text, entities = parse_markdown_v2(">a\n>b\nc")
    assert text == "a\nb\nc"
    assert entities == [{"type": "blockquote", "offset": 0, "length": 3}]


@pytest.mark.parametrize(
    ("src", "message"),
    [
        ("1.5", "Character '.' is reserved and must be escaped with the preceding '\\'"),
        ("a-b", "Character '-' is reserved and must be escaped with the preceding '\\'"),
        ("*bold", "Can't find end of Bold entity at byte offset 0"),
        ("x `code", "Can't find end of Code entity at byte offset 2"),
        ("```\ncode", "Can't find end of Pre entity at byte offset 0"),
    ],
)
def test_markdown_v2_errors(src: str, message: str) -> None:
    """Unescaped reserved characters and unclosed entities are rejected."""
    with pytest.raises(EntityParseError) as info:
        parse_markdown_v2(src)
    assert str(info.value) == message


def test_legacy_markdown() -> None:
    """Legacy Markdown: simple markers, escapes, links."""
    text, entities = parse_markdown("*b* _i_ `c` [l](http://x.org) a\\_b 1.5")
    assert text == "b i c l a_b 1.5"
    assert [e["type"] for e in entities] == ["bold", "italic", "code", "text_link"]
    with pytest.raises(EntityParseError):
        parse_markdown("*open")


def test_to_html_round_trip() -> None:
    """Rendering entities back gives equivalent, escaped HTML."""
    src = (
        '😀 <b>a &lt; <i>b</i></b> <a href="https://x.org/?q=&quot;">l</a> '
        '<pre><code class="language-py">x</code></pre> <blockquote expandable>q</blockquote>'
    )
    text, entities = parse_html(src)
    rendered = to_html(text, entities)
    assert parse_html(rendered) == (text, entities)
    assert rendered.startswith("😀 <b>a &lt; <i>b</i></b>")
