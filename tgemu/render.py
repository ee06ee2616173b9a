"""Rendering text + MessageEntity lists back to Telegram HTML."""

from __future__ import annotations

import html

from tgemu.html_entities import Entity

_HTML_TAGS = {
    "bold": "b",
    "italic": "i",
    "underline": "u",
    "strikethrough": "s",
    "spoiler": "tg-spoiler",
    "code": "code",
    "pre": "pre",
    "text_link": "a",
    "text_mention": "a",
    "blockquote": "blockquote",
    "expandable_blockquote": "blockquote",
    "custom_emoji": "tg-emoji",
}


def _start_tag(entity: Entity) -> tuple[str, str]:
    """Start and end tag strings for an entity ("" if it has no HTML form)."""
    kind = entity.get("type", "")
    tag = _HTML_TAGS.get(kind)
    if tag is None:
        return "", ""
    attrs = ""
    if kind == "text_link":
        attrs = f' href="{html.escape(str(entity.get("url", "")))}"'
    elif kind == "text_mention":
        attrs = f' href="tg://user?id={entity.get("user", {}).get("id", 0)}"'
    elif kind == "expandable_blockquote":
        attrs = " expandable"
    elif kind == "custom_emoji":
        attrs = f' emoji-id="{html.escape(str(entity.get("custom_emoji_id", "")))}"'
    if kind == "pre" and entity.get("language"):
        lang = html.escape(str(entity["language"]))
        return f'<pre><code class="language-{lang}">', "</code></pre>"
    return f"<{tag}{attrs}>", f"</{tag}>"


def _index_map(text: str) -> list[int]:
    """For each UTF-16 offset, the matching Python string index."""
    out: list[int] = []
    for index, ch in enumerate(text):
        out.append(index)
        if ord(ch) > 0xFFFF:
            out.append(index + 1)
    out.append(len(text))
    return out


def to_html(text: str, entities: list[Entity]) -> str:
    """Render text and entities back to Telegram HTML (escaped)."""
    index = _index_map(text)
    last = len(index) - 1
    opens: dict[int, list[tuple[int, str, str]]] = {}
    ordered = sorted(entities, key=lambda e: (e.get("offset", 0), -e.get("length", 0)))
    for entity in ordered:
        start_tag, end_tag = _start_tag(entity)
        if start_tag:
            start = index[min(max(entity.get("offset", 0), 0), last)]
            end = index[min(entity.get("offset", 0) + entity.get("length", 0), last)]
            opens.setdefault(start, []).append((end, start_tag, end_tag))
    parts: list[str] = []
    stack: list[tuple[int, str]] = []
    for pos in range(len(text) + 1):
        while stack and any(end <= pos for end, _ in stack):
            parts.append(stack.pop()[1])
        for end, start_tag, end_tag in opens.get(pos, []):
            parts.append(start_tag)
            stack.append((end, end_tag))
        if pos < len(text):
            parts.append(html.escape(text[pos], quote=False))
    return "".join(parts)
