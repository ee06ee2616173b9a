"""Telegram's HTML parse mode: text + MessageEntity list, and entities back to HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NoReturn

Entity = dict[str, Any]

TAG_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(#[0-9]{1,10}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});")
_NAME_RE = re.compile(r"[A-Za-z0-9-]*")
_ATTR_RE = re.compile(r"[A-Za-z0-9_-]*")
_UNQUOTED_RE = re.compile(r"[^\s>]*")
_PLAIN_RE = re.compile(r"[^<&]+")
_SPACE = " \t\n\r"


class EntityParseError(ValueError):
    """The text can't be parsed; the message is Telegram's reason."""


def u16len(text: str) -> int:
    """Length of a string in UTF-16 code units, as Telegram counts offsets."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def decode_entity(token: str) -> str | None:
    """The character for an HTML entity like "&amp;" or "&#x41;", or None if unsupported."""
    body = token[1:-1]
    if not body.startswith("#"):
        return NAMED_ENTITIES.get(body)
    code = int(body[2:], 16) if body[1:2] in ("x", "X") else int(body[1:])
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)


@dataclass
class _Open:
    """A start tag waiting for its end tag."""

    tag: str
    byte_pos: int
    start: int
    seq: int
    attrs: dict[str, str] = field(default_factory=dict)


class TextBuilder:
    """Output bookkeeping shared by the HTML and Markdown parsers."""

    def __init__(self, src: str) -> None:
        """Prepare to parse src."""
        self.src = src
        self.out: list[str] = []
        self.u16 = 0

    def fail(self, message: str) -> NoReturn:
        """Abort with Telegram's wording."""
        raise EntityParseError(message)

    def byte(self, index: int) -> int:
        """UTF-8 byte offset of a character index."""
        return len(self.src[:index].encode("utf-8"))

    def emit(self, text: str) -> None:
        """Append plain text to the output."""
        self.out.append(text)
        self.u16 += u16len(text)


class _HtmlParser(TextBuilder):
    """A strict port of Telegram's HTML entity parser."""

    def __init__(self, src: str) -> None:
        """Prepare to parse src."""
        super().__init__(src)
        self.stack: list[_Open] = []
        self.found: list[tuple[int, int, int, Entity]] = []
        self.seq = 0

    def run(self) -> tuple[str, list[Entity]]:
        """Parse the whole string."""
        i, src = 0, self.src
        while i < len(src):
            plain = _PLAIN_RE.match(src, i)
            if plain:
                self.emit(plain.group())
                i = plain.end()
            elif src[i] == "&":
                i = self.entity(i)
            else:
                i = self.tag(i)
        if self.stack:
            tag = self.stack[-1].tag
            self.fail(f'Can\'t find end tag corresponding to start tag "{tag}"')
        self.found.sort(key=lambda item: item[:3])
        return "".join(self.out), [item[3] for item in self.found]

    def entity(self, i: int) -> int:
        """Decode a character entity at i."""
        match = _ENTITY_RE.match(self.src, i)
        if match is None:
            self.fail(f'Character "&" must be escaped as "&amp;" at byte offset {self.byte(i)}')
        char = decode_entity(match.group())
        if char is None:
            self.fail(f'Unsupported HTML entity "{match.group()}" at byte offset {self.byte(i)}')
        self.emit(char)
        return match.end()

    def tag(self, i: int) -> int:
        """Parse a start or end tag at i."""
        if self.src.startswith("</", i):
            return self.end_tag(i)
        match = _NAME_RE.match(self.src, i + 1)
        assert match is not None
        name = match.group().lower()
        if name not in TAG_TYPES:
            if match.end() >= len(self.src):
                self.fail(f"Unclosed start tag at byte offset {self.byte(i)}")
            self.fail(f'Unsupported start tag "{name}" at byte offset {self.byte(i)}')
        attrs, end = self.attributes(name, i, match.end())
        self.open(name, attrs, i)
        return end

    def skip_space(self, i: int) -> int:
        """Index of the next non-space character."""
        while i < len(self.src) and self.src[i] in _SPACE:
            i += 1
        return i

    def attributes(self, name: str, start: int, i: int) -> tuple[dict[str, str], int]:
        """Parse the attributes of a start tag up to and including ">"."""
        attrs: dict[str, str] = {}
        while True:
            i = self.skip_space(i)
            if i >= len(self.src):
                self.fail(f'Unclosed start tag "{name}" at byte offset {self.byte(start)}')
            if self.src[i] == ">":
                return attrs, i + 1
            match = _ATTR_RE.match(self.src, i)
            assert match is not None
            if not match.group():
                self.fail(
                    f'Empty attribute name in the tag "{name}" at byte offset {self.byte(i)}'
                )
            key = match.group().lower()
            i = self.skip_space(match.end())
            value = ""
            if i < len(self.src) and self.src[i] == "=":
                value, i = self.attr_value(name, start, self.skip_space(i + 1))
            attrs[key] = value

    def attr_value(self, name: str, start: int, i: int) -> tuple[str, int]:
        """Parse a quoted or bare attribute value at i."""
        if i < len(self.src) and self.src[i] in "'\"":
            end = self.src.find(self.src[i], i + 1)
            if end < 0:
                self.fail(f'Unclosed start tag "{name}" at byte offset {self.byte(start)}')
            return _decode_lenient(self.src[i + 1 : end]), end + 1
        match = _UNQUOTED_RE.match(self.src, i)
        assert match is not None
        if not match.group():
            self.fail(
                f'Expected attribute value in the tag "{name}" at byte offset {self.byte(i)}'
            )
        return _decode_lenient(match.group()), match.end()

    def open(self, name: str, attrs: dict[str, str], i: int) -> None:
        """Push a start tag after checking its required attributes."""
        if name == "span" and attrs.get("class") != "tg-spoiler":
            self.fail(f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte(i)}')
        if name == "tg-emoji" and not attrs.get("emoji-id"):
            self.fail(
                f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {self.byte(i)}'
            )
        self.seq += 1
        self.stack.append(_Open(name, self.byte(i), self.u16, self.seq, attrs))

    def end_tag(self, i: int) -> int:
        """Parse an end tag at i and close the matching start tag."""
        match = _NAME_RE.match(self.src, i + 2)
        assert match is not None
        name = match.group().lower()
        end = self.skip_space(match.end())
        if end >= len(self.src) or self.src[end] != ">":
            self.fail(f"Unclosed end tag at byte offset {self.byte(i)}")
        if not self.stack:
            self.fail(f"Unexpected end tag at byte offset {self.byte(i)}")
        top = self.stack[-1]
        if name != top.tag:
            self.fail(
                f"Unmatched end tag at byte offset {self.byte(i)}, "
                f'expected "</{top.tag}>", found "</{name}>"'
            )
        self.stack.pop()
        self.close(top)
        return end + 1

    def close(self, top: _Open) -> None:
        """Turn a closed tag into an entity."""
        if top.tag == "code" and self.stack and self.stack[-1].tag == "pre":
            cls = top.attrs.get("class", "")
            if cls.startswith("language-"):
                self.stack[-1].attrs["language"] = cls[len("language-") :]
            return
        length = self.u16 - top.start
        entity = _entity_for(top, length)
        if entity is not None:
            self.found.append((top.start, -length, top.seq, entity))


def _entity_for(top: _Open, length: int) -> Entity | None:
    """The MessageEntity for a closed tag, or None if Telegram would drop it."""
    if length <= 0:
        return None
    kind = TAG_TYPES[top.tag]
    entity: Entity = {"type": kind, "offset": top.start, "length": length}
    if kind == "text_link":
        if not top.attrs.get("href"):
            return None
        entity["url"] = top.attrs["href"]
    elif kind == "pre" and top.attrs.get("language"):
        entity["language"] = top.attrs["language"]
    elif kind == "blockquote" and "expandable" in top.attrs:
        entity["type"] = "expandable_blockquote"
    elif kind == "custom_emoji":
        entity["custom_emoji_id"] = top.attrs["emoji-id"]
    return entity


def _decode_lenient(raw: str) -> str:
    """Decode the supported entities inside an attribute value, keep the rest."""
    return _ENTITY_RE.sub(lambda m: decode_entity(m.group()) or m.group(), raw)


def parse_html(src: str) -> tuple[str, list[Entity]]:
    """Parse Telegram HTML into plain text and entities (UTF-16 offsets)."""
    return _HtmlParser(src).run()


def trim(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Strip surrounding whitespace like Telegram and clip the entities."""
    lead = len(text) - len(text.lstrip(_SPACE))
    body = text.strip(_SPACE)
    total = u16len(body)
    out: list[Entity] = []
    for entity in entities:
        start = max(0, entity["offset"] - lead)
        end = min(total, entity["offset"] + entity["length"] - lead)
        if end > start:
            out.append({**entity, "offset": start, "length": end - start})
    return body, out
