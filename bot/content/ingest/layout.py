"""Find the article in a page's lines: header, body, tail, metadata lines and the title."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.content.cleaning import is_junk_line
from bot.content.ingest.text import cjk_len, is_heading, is_paragraph

_META_HEAD = re.compile(
    r"^[(（【\[]?(?:来源|来自|稿源|出处|作者|记者|编辑|责任编辑|责编|编审|审核|校对|发布时间|发布日期"
    r"|发表时间|更新时间|时间|日期|摄影|摄|图|文|通讯员|供稿|原标题)\s*[:：]"
)
_META_ANY = re.compile(r"来源\s*[:：]|发布时间|发布日期|发表时间|责任编辑|责编\s*[:：]")
_BYLINE = re.compile(r"(?:记者|通讯员|见习记者|特约记者|实习生|摄影|撰稿)\s*[:：]?\s*"
                     r"[\u4e00-\u9fff]{2,4}(?:[\s、,，]+[\u4e00-\u9fff]{2,4})*[)）]?$")
_TAIL = re.compile(
    r"^[(（【\[]?(?:关键词|关键字|标签|相关新闻|相关阅读|相关文章|推荐阅读|延伸阅读|猜你喜欢|热点推荐|热门推荐"
    r"|最近更新|最新评论|最热评论|评论一下|发表评论|网友评论|上一篇|下一篇|分享到|责任编辑|责编"
    r"|版权声明|版权所有|免责声明|扫一扫|打印|关闭窗口|返回顶部|更多)|报料"
)


@dataclass(frozen=True)
class Layout:
    """A page split into what comes before the article, the article itself, and what follows."""

    header: tuple[str, ...]
    body: tuple[str, ...]
    tail: tuple[str, ...]
    meta: tuple[str, ...]
    title: str | None = None
    subtitle: str | None = None


def is_meta(line: str) -> bool:
    """A metadata line: source, date, editor or byline, not article text."""
    if len(line) > 90:
        return False
    if _META_HEAD.match(line) or _META_ANY.search(line):
        return True
    return len(line) <= 48 and "。" not in line and bool(_BYLINE.search(line))


def _is_tail_marker(line: str) -> bool:
    return len(line) < 60 and bool(_TAIL.search(line))


def _body_start(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        if is_paragraph(line) and not is_junk_line(line) and not is_meta(line):
            return i
    return None


def _body_end(lines: list[str], start: int) -> int:
    for i in range(start + 1, len(lines)):
        if _is_tail_marker(lines[i]):
            return i
    return len(lines)


def _titles(header: list[str]) -> tuple[str | None, str | None]:
    """The title (the last heading before the first metadata line, else the longest heading)."""
    heads = [(i, ln) for i, ln in enumerate(header)
             if is_heading(ln) and cjk_len(ln) >= 6 and not is_junk_line(ln) and not is_meta(ln)]
    if not heads:
        return None, None
    first_meta = next((i for i, ln in enumerate(header) if is_meta(ln)), None)
    before = [h for h in heads if first_meta is not None and h[0] < first_meta]
    pos, title = before[-1] if before else max(heads, key=lambda h: cjk_len(h[1]))
    subtitle = next((ln for i, ln in heads if i > pos and ln != title and ln not in title), None)
    return title, subtitle


def title_from_listing(first_paragraph: str, lines: list[str]) -> str | None:
    """A title from a link list that quotes the article: "<title> <first words of the body>"."""
    key = first_paragraph[:12]
    if cjk_len(key) < 8:
        return None
    for line in lines:
        pos = line.find(key)
        candidate = line[:pos].strip(" |丨-—:：") if pos > 0 else ""
        if candidate and is_heading(candidate) and cjk_len(candidate) >= 6:
            return candidate
    return None


def split_article(lines: list[str]) -> Layout:
    """Split cleaned lines into header, body paragraphs (with section headings) and tail."""
    start = _body_start(lines)
    if start is None:
        return Layout(tuple(lines), (), (), tuple(ln for ln in lines if is_meta(ln)))
    end = _body_end(lines, start)
    header, tail = lines[:start], lines[end:]
    title, subtitle = _titles(header)
    body = [ln for ln in lines[start:end]
            if not is_junk_line(ln) and not is_meta(ln) and ln not in (title, subtitle)]
    while body and not is_paragraph(body[-1]):
        body.pop()
    meta = [ln for ln in [*header, *lines[start:end], *tail[:3]] if is_meta(ln)]
    if title is None and body:
        title = title_from_listing(body[0], [*tail, *header])
    return Layout(tuple(header), tuple(body), tuple(tail), tuple(meta), title, subtitle)
