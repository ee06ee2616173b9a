"""Telegram's MarkdownV2 and legacy Markdown parse modes (the common subset)."""

from __future__ import annotations

from dataclasses import dataclass

from tgemu.html_entities import Entity, TextBuilder

RESERVED = set("_*[]()~`>#+-=|{}.!")
_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
    "blockquote": "BlockQuote",
}
_MARKERS = {"*": "bold", "_": "italic", "__": "underline", "~": "strikethrough", "||": "spoiler"}


@dataclass
class _Open:
    """An entity whose end marker is still missing."""

    kind: str
    start: int
    byte_pos: int


class _Base(TextBuilder):
    """Shared output bookkeeping for both Markdown flavours."""

    def __init__(self, src: str) -> None:
        """Prepare to parse src."""
        super().__init__(src)
        self.entities: list[Entity] = []

    def add(self, kind: str, start: int, **extra: str) -> None:
        """Record a non-empty entity from start to the current position."""
        if self.u16 > start:
            self.entities.append(
                {"type": kind, "offset": start, "length": self.u16 - start, **extra}
            )

    def until(self, i: int, stop: str, escapes: bool) -> tuple[str, int]:
        """Read raw text from i up to the unescaped stop string; returns (text, index after)."""
        chars: list[str] = []
        while i < len(self.src):
            if self.src.startswith(stop, i):
                return "".join(chars), i + len(stop)
            if escapes and self.src[i] == "\\" and i + 1 < len(self.src):
                i += 1
            chars.append(self.src[i])
            i += 1
        return "".join(chars), -1

    def result(self) -> tuple[str, list[Entity]]:
        """The parsed text and entities in Telegram's order."""
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities


class _MarkdownV2(_Base):
    """MarkdownV2: nested entities, reserved characters must be escaped."""

    def __init__(self, src: str) -> None:
        """Prepare to parse src."""
        super().__init__(src)
        self.stack: list[_Open] = []
        self.quote: int | None = None

    def run(self) -> tuple[str, list[Entity]]:
        """Parse the whole string."""
        i = 0
        while i < len(self.src):
            if i == 0 or self.src[i - 1] == "\n":
                i = self.line_start(i)
                if i >= len(self.src):
                    break
            i = self.step(i)
        if self.quote is not None:
            self.add("blockquote", self.quote)
        if self.stack:
            top = self.stack[-1]
            self.fail(f"Can't find end of {_NAMES[top.kind]} entity at byte offset {top.byte_pos}")
        return self.result()

    def line_start(self, i: int) -> int:
        """Open, continue or close a block quote at the start of a line."""
        if self.src[i] == ">":
            if self.quote is None:
                self.quote = self.u16
            return i + 1
        if self.quote is not None:
            end = self.u16 - 1
            if end > self.quote:
                self.entities.append(
                    {"type": "blockquote", "offset": self.quote, "length": end - self.quote}
                )
            self.quote = None
        return i

    def step(self, i: int) -> int:
        """Handle the character at i; return the next index."""
        ch = self.src[i]
        if ch == "\\":
            if i + 1 < len(self.src) and 0 < ord(self.src[i + 1]) < 127:
                self.emit(self.src[i + 1])
                return i + 2
            self.emit(ch)
            return i + 1
        if ch == "`":
            return self.code(i)
        marker = self.src[i : i + 2] if self.src[i : i + 2] in ("__", "||") else ch
        if marker in _MARKERS:
            self.toggle(_MARKERS[marker], i)
            return i + len(marker)
        if ch == "[":
            self.stack.append(_Open("text_link", self.u16, self.byte(i)))
            return i + 1
        if ch == "]":
            return self.link_end(i)
        if ch in RESERVED:
            self.fail(f"Character '{ch}' is reserved and must be escaped with the preceding '\\'")
        self.emit(ch)
        return i + 1

    def toggle(self, kind: str, i: int) -> None:
        """Open an entity, or close it if it is the innermost open one."""
        if self.stack and self.stack[-1].kind == kind:
            top = self.stack.pop()
            self.add(kind, top.start)
        elif any(item.kind == kind for item in self.stack):
            top = self.stack[-1]
            self.fail(f"Can't find end of {_NAMES[top.kind]} entity at byte offset {top.byte_pos}")
        else:
            self.stack.append(_Open(kind, self.u16, self.byte(i)))

    def code(self, i: int) -> int:
        """Parse `code` or ```pre``` starting at i."""
        if self.src.startswith("```", i):
            body, end = self.until(i + 3, "```", escapes=True)
            if end < 0:
                self.fail(f"Can't find end of Pre entity at byte offset {self.byte(i)}")
            lang, _, rest = body.partition("\n") if "\n" in body else ("", "", body)
            start = self.u16
            self.emit(rest)
            self.add("pre", start, **({"language": lang.strip()} if lang.strip() else {}))
            return end
        body, end = self.until(i + 1, "`", escapes=True)
        if end < 0:
            self.fail(f"Can't find end of Code entity at byte offset {self.byte(i)}")
        start = self.u16
        self.emit(body)
        self.add("code", start)
        return end

    def link_end(self, i: int) -> int:
        """Close [text](url) at the "]" at i."""
        if not self.stack or self.stack[-1].kind != "text_link":
            self.fail("Character ']' is reserved and must be escaped with the preceding '\\'")
        top = self.stack.pop()
        if not self.src.startswith("(", i + 1):
            return i + 1
        url, end = self.until(i + 2, ")", escapes=True)
        if end < 0:
            self.fail(f"Can't find end of a URL at byte offset {self.byte(i + 1)}")
        self.add("text_link", top.start, url=url)
        return end


class _LegacyMarkdown(_Base):
    """Legacy Markdown: *bold*, _italic_, `code`, ```pre```, [text](url), no nesting."""

    def run(self) -> tuple[str, list[Entity]]:
        """Parse the whole string."""
        i = 0
        while i < len(self.src):
            ch = self.src[i]
            if ch == "\\" and self.src[i + 1 : i + 2] in ("_", "*", "`", "["):
                self.emit(self.src[i + 1])
                i += 2
            elif ch in "*_`[":
                i = self.entity(i)
            else:
                self.emit(ch)
                i += 1
        return self.result()

    def entity(self, i: int) -> int:
        """Parse one entity starting at i."""
        stop = (
            "```"
            if self.src.startswith("```", i)
            else ("]" if self.src[i] == "[" else self.src[i])
        )
        body, end = self.until(i + len(stop), stop, escapes=False)
        if end < 0 or (stop == "]" and not self.src.startswith("(", end)):
            self.fail(f"Can't find end of the entity starting at byte offset {self.byte(i)}")
        start = self.u16
        if stop == "]":
            url, end = self.until(end + 1, ")", escapes=False)
            if end < 0:
                self.fail(f"Can't find end of the entity starting at byte offset {self.byte(i)}")
            self.emit(body)
            self.add("text_link", start, url=url)
            return end
        kinds = {"*": "bold", "_": "italic", "`": "code", "```": "pre"}
        if stop == "```" and "\n" in body:
            body = body.partition("\n")[2]
        self.emit(body)
        self.add(kinds[stop], start)
        return end


def parse_markdown_v2(src: str) -> tuple[str, list[Entity]]:
    """Parse MarkdownV2 into plain text and entities."""
    return _MarkdownV2(src).run()


def parse_markdown(src: str) -> tuple[str, list[Entity]]:
    """Parse legacy Markdown into plain text and entities."""
    return _LegacyMarkdown(src).run()
