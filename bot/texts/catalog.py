"""Jinja2 templates for every user-visible string, per locale; zh-Hant derived (content.hant)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup

from bot.content.hant import to_traditional
from bot.core.locales import AUTHORED, TABLE
from bot.core.replies import Button, Keyboard, Message, Toast

HERE = Path(__file__).parent
BASE_LOCALES = AUTHORED  # zh-Hant is derived from zh-Hans
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class RenderedButton:
    """A button ready for any framework."""

    text: str
    data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Rendered:
    """A message ready to send: HTML text and an inline keyboard."""

    text: str
    keyboard: tuple[tuple[RenderedButton, ...], ...] = ()
    edit: bool = False


def _read(locale: str) -> dict[str, dict[str, str]]:
    """Merge every <locale>/*.yaml file (one per feature); a key defined twice is an error."""
    out: dict[str, dict[str, str]] = {"html": {}, "plain": {}}
    for path in sorted((HERE / locale).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for kind in ("html", "plain"):
            for key, value in (data.get(kind) or {}).items():
                if key in out["html"] or key in out["plain"]:
                    raise ValueError(f"{path}: template {key!r} is defined twice")
                out[kind][key] = value
    return out


def _traditional(catalog: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    # Converting the template source is safe: Jinja syntax and names are ASCII.
    return {kind: {k: to_traditional(v) for k, v in d.items()} for kind, d in catalog.items()}


def _stamp() -> tuple[tuple[str, int], ...]:
    """The template files and their modification times (a new stamp reloads the catalog)."""
    return tuple((str(p), p.stat().st_mtime_ns) for loc in BASE_LOCALES
                 for p in sorted((HERE / loc).glob("*.yaml")))


@lru_cache(maxsize=2)
def _catalogs(stamp: tuple[tuple[str, int], ...]) -> dict[str, dict[str, dict[str, str]]]:
    """Every locale's template sources, read and converted once per process for the same files."""
    del stamp  # only the cache key
    catalogs = {loc: _read(loc) for loc in BASE_LOCALES}
    for derived in (loc for loc in TABLE if loc.derived_from):  # zh-Hant from zh-Hans
        catalogs[derived.tag] = _traditional(catalogs[derived.derived_from or ""])
    return catalogs


class _Templates(Mapping[str, Template]):
    """One locale's templates, each compiled the first time it is used (most never are)."""

    def __init__(self, env: Environment, sources: dict[str, str]) -> None:
        self.env, self.sources = env, sources
        self.compiled: dict[str, Template] = {}

    def __getitem__(self, key: str) -> Template:
        if key not in self.compiled:
            self.compiled[key] = self.env.from_string(self.sources[key])
        return self.compiled[key]

    def __contains__(self, key: object) -> bool:
        return key in self.sources

    def __iter__(self) -> Iterator[str]:
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)


class Texts:
    """Compiled templates; render(key, locale, ctx) gives HTML or plain text."""

    def __init__(self) -> None:
        self.html_env = Environment(autoescape=True, undefined=StrictUndefined)
        self.plain_env = Environment(autoescape=False, undefined=StrictUndefined)
        catalogs = _catalogs(_stamp())
        self.sources = catalogs
        self.html = {loc: _Templates(self.html_env, cat["html"]) for loc, cat in catalogs.items()}
        self.plain = {loc: _Templates(self.plain_env, cat["plain"])
                      for loc, cat in catalogs.items()}

    @property
    def locales(self) -> tuple[str, ...]:
        """Every locale with templates."""
        return tuple(self.html)

    def _helpers(self, locale: str) -> dict[str, Any]:
        def t(key: str, **ctx: Any) -> Markup:
            if key in self.html[locale]:
                return Markup(self.html[locale][key].render(**ctx, **self._helpers(locale)))
            return Markup.escape(self.plain[locale][key].render(**ctx))

        def t_source(src: dict[str, Any]) -> Markup:
            return t("source_line", **src)

        return {"t": t, "t_source": t_source}

    def render(self, key: str, locale: str, ctx: dict[str, Any] | None = None) -> str:
        """Render one template (HTML templates escape their inputs)."""
        ctx = dict(ctx or {})
        if key in self.html[locale]:
            out = self.html[locale][key].render(**ctx, **self._helpers(locale))
            return _BLANK_LINES.sub("\n\n", out).strip()
        return self.plain[locale][key].render(**ctx).strip()

    def button(self, b: Button, locale: str) -> RenderedButton:
        """Render a button label."""
        text = b.label.key if b.label.raw else self.render(b.label.key, locale, dict(b.label.ctx))
        return RenderedButton(text=text, data=b.data, url=b.url)

    def keyboard(self, kb: Keyboard, locale: str) -> tuple[tuple[RenderedButton, ...], ...]:
        """Render a whole keyboard."""
        return tuple(tuple(self.button(b, locale) for b in row) for row in kb)

    def message(self, m: Message, locale: str) -> Rendered:
        """Render a message reply."""
        return Rendered(self.render(m.template, locale, dict(m.ctx)),
                        self.keyboard(m.keyboard, locale), m.edit)

    def toast(self, t: Toast, locale: str) -> str:
        """Render a toast (plain text, at most 200 characters)."""
        return self.render(t.template, locale, dict(t.ctx))[:200]
