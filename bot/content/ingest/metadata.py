"""An article's title, date, publisher, site and region, from its page and its text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bot.content.cleaning import GARBLED, strip_annotations, strip_markup, to_simplified
from bot.content.ingest.layout import Layout
from bot.content.ingest.places import region_of
from bot.content.page import parse_page

_DATE = r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)"
_LABELLED = re.compile(r"(?:发布时间|发布日期|发表时间|发表日期|更新时间|时间|日期|发布于"
                       r"|发稿时间)\s*[:：]?\s*" + _DATE)
_ANY_DATE = re.compile(_DATE)
_NOT_PUBLISHED = re.compile(r"(今天是|今日|当前时间|现在是|更新于)\s*$")
_MEDIA = r"(?:日报|晚报|早报|时报|商报|报|网|社|台|新闻|杂志|周刊|客户端|频道|电视|广播|在线)"
_SOURCE = re.compile(r"(?:来源|稿源|出处|来自)\s*[:：]\s*([^\s|丨/,，;；]{2,30})")
_LABEL_CUT = re.compile(r"(责任编辑|编辑|作者|发布时间|发布日期|时间|日期|记者|\d).*$")
_BYLINE = re.compile(r"^[(（]?(.{2,16}?)(?:/\S*?)?(?:见习|特约|实习|首席)?(?:记者|通讯员)")
_DATELINE = re.compile(rf"^[【\[(（]?([\u4e00-\u9fff]{{2,8}}?{_MEDIA})"
                       r"(?:记者[\u4e00-\u9fff]{2,4})?[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日(?:电|讯)")
_WELCOME = re.compile(r"欢迎(?:访问|来到|光临)\s*([^\s,，!！。]{2,20}?)(?=[\s,，!！。]|今天|$)")
_RIGHTS = (
    re.compile(r"来源\s*[:：]\s*([^”\"\s,，」]{2,20})"),
    re.compile(rf"([\u4e00-\u9fff]{{2,12}}{_MEDIA})\s*版权所有"),
    re.compile(r"版权所有\s*[:：©]?\s*([^\s,，]{2,20})"),
)
_TIP_LINE = re.compile(rf"^([\u4e00-\u9fff]{{2,12}}{_MEDIA})(?:新闻)?报料")
_CRUMB_LEAD = re.compile(r"^(?:我的位置|当前位置|您的位置|您现在的位置)\s*[:：]?\s*")
_HINT_KEYS = {
    "og:title": "title", "og:site_name": "site", "article:published_time": "date",
    "publishdate": "date", "pubdate": "date", "publish_date": "date", "source": "publisher",
    "og:article:author": "publisher", "mediaid": "site",
}


@dataclass(frozen=True)
class Metadata:
    """What the page says about the article; None where it cannot be told."""

    title: str | None = None
    subtitle: str | None = None
    date: str | None = None
    publisher: str | None = None
    site: str | None = None
    region: str | None = None


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", to_simplified(strip_annotations(strip_markup(text)))).strip()


def html_hints(raw: str) -> dict[str, str]:
    """Title, site, date and source from HTML meta tags, <h1> and <title>, where present."""
    page = parse_page(raw)
    hints: dict[str, str] = {}
    for name, content in page.meta.items():
        key = _HINT_KEYS.get(name)
        if key and content.strip() and key not in hints:
            hints[key] = _clean(content)
    if page.h1 and _clean(page.h1):
        hints.setdefault("title", _clean(page.h1))
    text = _clean(page.title or "")
    if text:
        pieces = re.split(r"\s*[_|–—-]\s+|\s+[_|–—-]\s*|_", text)
        parts = [p.strip() for p in pieces if p.strip()]
        hints.setdefault("page_title", parts[0] if parts else text)  # "title_section_site"
        if len(parts) > 1:
            hints.setdefault("site", parts[-1])
    return hints


def _iso(m: re.Match[str]) -> str | None:
    year, month, day = (int(g) for g in m.groups()[-3:])
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def _dates(lines: Iterable[str], pattern: re.Pattern[str]) -> Iterator[str]:
    for line in lines:
        for m in pattern.finditer(line):
            if not _NOT_PUBLISHED.search(line[: m.start()]) and (iso := _iso(m)):
                yield iso


def find_date(layout: Layout, hints: dict[str, str]) -> str | None:
    """The publication date: a labelled date, else an unlabelled one near the title."""
    hinted = _ANY_DATE.search(hints.get("date", ""))
    if hinted and (iso := _iso(hinted)):
        return iso
    near = [*layout.header, *layout.meta]
    first = layout.body[:1]
    for candidates in (_dates(near, _LABELLED), _dates(near, _ANY_DATE),
                       _dates([ln[:30] for ln in first], _ANY_DATE)):
        found = next(candidates, None)
        if found:
            return found
    return None


def _best(candidates: Iterable[str | None]) -> str | None:
    """The first clean candidate, else the first garbled one (marked, for a reviewer to fix)."""
    found = [c.strip(" ()（）【】") for c in candidates if c and c.strip(" ()（）【】")]
    clean = [c for c in found if GARBLED not in c]
    pool = clean or found
    return pool[0] if pool else None


def _publishers(layout: Layout, hints: dict[str, str]) -> Iterator[str | None]:
    yield hints.get("publisher")
    for line in [*layout.meta, *layout.header]:
        if "版权" in line:
            continue
        for m in _SOURCE.finditer(line):
            yield _LABEL_CUT.sub("", m.group(1))
    for line in layout.meta:
        by = _BYLINE.match(line)
        if by and (re.search(_MEDIA + "$", by.group(1)) or GARBLED in by.group(1)):
            yield by.group(1)
    dateline = _DATELINE.match(layout.body[0]) if layout.body else None
    yield dateline.group(1) if dateline else None


def _sites(layout: Layout, hints: dict[str, str]) -> Iterator[str | None]:
    yield hints.get("site")
    for line in layout.header:
        m = _WELCOME.search(line)
        yield m.group(1) if m else None
        crumb = _CRUMB_LEAD.sub("", line).split(">")[0].strip() if ">" in line else ""
        yield crumb if re.search(_MEDIA + "$", crumb) else None
    for line in [*layout.header, *layout.tail]:
        if "版权" in line or "转载" in line:
            yield from (m.group(1) for rx in _RIGHTS for m in [rx.search(line)] if m)
        m = _TIP_LINE.match(line)
        yield m.group(1) if m else None


def detect_metadata(layout: Layout, hints: dict[str, str]) -> Metadata:
    """Everything the page tells about the article, each field None when not detectable."""
    title = layout.title or hints.get("title") or hints.get("page_title")
    region = region_of([*(ln for ln in layout.header if ln != title), *layout.body], title)
    return Metadata(
        title=title, subtitle=layout.subtitle, date=find_date(layout, hints),
        publisher=_best(_publishers(layout, hints)), site=_best(_sites(layout, hints)),
        region=region,
    )
