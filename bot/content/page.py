"""A web page parsed with a real HTML parser (lxml): its text, meta tags, <title> and <h1>."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

# Elements whose content is never article text.
_DROP = {"head", "title", "script", "style", "noscript", "iframe", "svg", "template", "select",
         "button", "object", "embed", "canvas", "math"}
# Elements that break a line, so paragraphs stay paragraphs.
_BLOCK = {"p", "br", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
          "section", "article", "header", "footer", "blockquote", "dd", "dt", "figcaption", "td",
          "th", "nav", "aside", "main", "form", "hr", "pre", "dl", "figure", "body", "html"}
# XML can't hold these; libxml2 would stop or refuse (keep tab, newline, carriage return).
_HTML = re.compile(r"<(?:!--|!doctype|/?(?:html|head|body|p|div|br|span|script|style|title|meta"
                   r"|a|h[1-6]|li|ul|table|td|tr|img|section|article|font|strong|b|em|i)\b)",
                   re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


@dataclass
class Page:
    """What a page holds: running text (a line per block), meta tags, <title>, first <h1>."""

    text: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    h1: str | None = None


def _tag(el: Any) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _root(raw: str) -> Any:
    parser = etree.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True,
                              remove_pis=True, recover=True)
    data = _CONTROL.sub(" ", raw).encode("utf-8")
    return etree.fromstring(data, parser) if data.strip() else None


def _text_of(el: Any) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


def _collect(root: Any) -> str:
    """Walk the tree once, in document order; dropped elements keep only their tail."""
    out: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = _tag(el)
        if event == "start":
            if tag in _DROP or not tag:
                walker.skip_subtree()
                continue
            if tag in _BLOCK:
                out.append("\n")
            out.append(el.text or "")
        else:
            if tag in _BLOCK:
                out.append("\n")
            out.append(el.tail or "")
    return "".join(out)


def _heads(root: Any, page: Page) -> None:
    """Meta tags (first of each name), the first <title> and the first <h1>."""
    for el in root.iter("meta"):
        name, content = el.get("name") or el.get("property"), el.get("content")
        if name and content is not None:
            page.meta.setdefault(name.strip().lower(), content)
    title = next(root.iter("title"), None)
    h1 = next(root.iter("h1"), None)
    page.title = None if title is None else _text_of(title)
    page.h1 = None if h1 is None else _text_of(h1)


def parse_page(raw: str) -> Page:
    """Parse HTML (or plain text, which comes back as it was); linear in the input's size."""
    page = Page()
    if not _HTML.search(raw):
        page.text = html.unescape(raw)  # plain text: a "<" there is just a character
        return page
    root = _root(raw)
    if root is None:
        return page
    _heads(root, page)
    page.text = _collect(root)
    return page
