"""A printable A4 poster for one scam type: name, three red flags, a slogan and a quiz QR code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from bot.core.content import AUDIENCES, Bank, Tip, pick, pick_list
from bot.media import qr
from bot.media.fonts import Fonts
from bot.media.layout import Drawing, common_size, draw_text
from bot.texts.catalog import Texts

WIDTH, HEIGHT, DPI = 1240, 1754, 150  # A4 portrait at 150 dpi
MARGIN = 90
# Content keeps verbatim ASCII punctuation from its sources; print shows the full-width forms.
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_ASCII_PUNCT = re.compile(r"(?<=[\u3400-\u9fff])[,;:!?](?=[\u3400-\u9fff]|$)")
RED, DARK, GREY, PAPER, NOTE = "#C8102E", "#1F1F1F", "#5A5A5A", "#FFFFFF", "#FFF3D6"


class UnknownTopicError(ValueError):
    """A scam type id that is not in the published bank."""

    def __init__(self, topic: str, valid: list[str]) -> None:
        super().__init__(f"unknown topic {topic!r}; valid ids: {', '.join(valid)}")
        self.valid = valid


class UnknownAudienceError(ValueError):
    """An audience that the bot does not know."""

    def __init__(self, audience: str) -> None:
        super().__init__(f"unknown audience {audience!r}; valid: {', '.join(AUDIENCES)}")


@dataclass(frozen=True)
class PosterText:
    """Everything a poster says, already localized."""

    topic: str
    link: str
    name: str
    red_flags: tuple[str, ...]
    slogan: str
    kicker: str
    heading: str
    scan: str
    scan_hint: str
    hotline: str


def pick_slogan(bank: Bank, topic: str, audience: str | None, locale: str) -> str:
    """A slogan about this scam type, else a general one (for the audience if possible)."""

    def rank(tip: Tip) -> tuple[bool, bool, bool]:
        about_topic = topic in tip.scam_types
        return about_topic, about_topic or not tip.scam_types, audience in tip.audiences

    slogans = sorted((t for t in bank.tips.values() if t.kind == "slogan"), key=lambda t: t.id)
    return pick(max(slogans, key=rank).text, locale) if slogans else ""


def _typeset(text: str, locale: str) -> str:
    """Display form: full-width punctuation between Chinese words, a capital to start English."""
    if locale == "en":
        return text[:1].upper() + text[1:]
    return _ASCII_PUNCT.sub(lambda m: _FULL_WIDTH[m.group(0)], text)


def poster_text(bank: Bank, topic: str, *, locale: str, bot_username: str,
                texts: Texts | None = None, audience: str | None = None,
                region: str = "cn") -> PosterText:
    """The poster's words for a topic, from the published bank and the media templates."""
    scam = bank.scam_types.get(topic)
    if scam is None:
        raise UnknownTopicError(topic, sorted(bank.scam_types))
    if audience is not None and audience not in AUDIENCES:
        raise UnknownAudienceError(audience)
    link = qr.quiz_link(bot_username, topic)
    texts = texts or Texts()  # compiled only once the request is known to be good
    who = texts.render(f"audience.{audience}", locale) if audience else None

    helps = {f"help_{k}": texts.render(f"help.{k}", locale, {"region": region})
             for k in ("call", "police")}

    def label(key: str) -> str:
        return texts.render(f"media.poster.{key}", locale, {"audience": who, **helps})

    return PosterText(
        topic=topic, link=link, name=pick(scam.name, locale),
        red_flags=tuple(_typeset(f, locale) for f in pick_list(scam.red_flags, locale)[:3]),
        slogan=_typeset(pick_slogan(bank, topic, audience, locale), locale),
        kicker=label("kicker"), heading=label("red_flags"), scan=label("scan"),
        scan_hint=label("scan_hint"), hotline=label("hotline"),
    )


def _header(d: Drawing, text: PosterText, fonts: Fonts) -> None:
    ImageDraw.Draw(d.image).rectangle((0, 0, WIDTH, 340), fill=RED)
    draw_text(d, "kicker", text.kicker, fonts, (MARGIN, 44, WIDTH - MARGIN, 100),
              max_size=38, min_size=22, fill="#FFE3E3", align="center", valign="middle")
    draw_text(d, "name", text.name, fonts, (MARGIN, 116, WIDTH - MARGIN, 316), max_size=124,
              min_size=48, fill=PAPER, bold=True, align="center", valign="middle", spacing=0.15,
              even=True)


def _red_flags(d: Drawing, text: PosterText, fonts: Fonts) -> None:
    pen = ImageDraw.Draw(d.image)
    pen.rectangle((MARGIN, 384, MARGIN + 14, 446), fill=RED)
    draw_text(d, "heading", text.heading, fonts, (MARGIN + 36, 380, WIDTH - MARGIN, 450),
              max_size=54, min_size=30, fill=DARK, bold=True, valign="middle")
    # One size for all three, the largest at which every flag fits its row.
    size = common_size(list(text.red_flags), fonts, width=WIDTH - 2 * MARGIN - 130, height=170,
                       max_size=68, min_size=30, bold=True, spacing=0.2)
    for i, flag in enumerate(text.red_flags):
        top = 480 + i * 200
        cx, cy = MARGIN + 48, top + 95
        pen.ellipse((cx - 44, cy - 44, cx + 44, cy + 44), fill=RED)
        draw_text(d, "flag_no", str(i + 1), fonts, (cx - 44, cy - 40, cx + 44, cy + 40),
                  max_size=54, min_size=30, fill=PAPER, bold=True, align="center",
                  valign="middle")
        draw_text(d, "red_flag", flag, fonts, (MARGIN + 130, top + 10, WIDTH - MARGIN, top + 180),
                  max_size=size, min_size=size, fill=DARK, bold=True, valign="middle",
                  spacing=0.2, even=True)
        if i < len(text.red_flags) - 1:
            pen.line((MARGIN + 130, top + 195, WIDTH - MARGIN, top + 195), fill="#E5E5E5", width=2)


def _slogan(d: Drawing, text: PosterText, fonts: Fonts) -> None:
    pen = ImageDraw.Draw(d.image)
    pen.rectangle((MARGIN, 1100, WIDTH - MARGIN, 1320), fill=NOTE)
    pen.rectangle((MARGIN, 1100, MARGIN + 16, 1320), fill=RED)
    draw_text(d, "slogan", text.slogan, fonts, (MARGIN + 60, 1120, WIDTH - MARGIN - 40, 1300),
              max_size=60, min_size=28, fill="#8A0E1F", bold=True, align="center",
              valign="middle", spacing=0.25, even=True)


def _call_to_action(d: Drawing, text: PosterText, fonts: Fonts) -> None:
    code = qr.image(text.link, size=300).convert("RGB")
    d.image.paste(code, (MARGIN, 1350 + (300 - code.height) // 2))
    left = MARGIN + 330
    draw_text(d, "scan", text.scan, fonts, (left, 1360, WIDTH - MARGIN, 1450), max_size=68,
              min_size=36, fill=RED, bold=True, valign="middle")
    draw_text(d, "scan_hint", text.scan_hint, fonts, (left, 1465, WIDTH - MARGIN, 1580),
              max_size=34, min_size=22, fill=DARK)
    draw_text(d, "link", text.link.removeprefix("https://"), fonts,
              (left, 1592, WIDTH - MARGIN, 1640), max_size=28, min_size=16, fill=GREY)


def _footer(d: Drawing, text: PosterText, fonts: Fonts) -> None:
    ImageDraw.Draw(d.image).rectangle((0, 1672, WIDTH, HEIGHT), fill=DARK)
    draw_text(d, "hotline", text.hotline, fonts, (MARGIN, 1682, WIDTH - MARGIN, 1744),
              max_size=28, min_size=16, fill=PAPER, align="center", valign="middle",
              spacing=0.15, even=True)


def draw_poster(text: PosterText, fonts: Fonts) -> Drawing:
    """Lay out and draw the poster; the Drawing records every text block."""
    drawing = Drawing(Image.new("RGB", (WIDTH, HEIGHT), PAPER))
    for part in (_header, _red_flags, _slogan, _call_to_action, _footer):
        part(drawing, text, fonts)
    return drawing


def poster_png(bank: Bank, topic: str, *, bot_username: str, locale: str = "zh-Hans",
               audience: str | None = None, texts: Texts | None = None,
               font_path: str | Path | None = None, region: str = "cn") -> bytes:
    """The poster for a topic as PNG bytes (bank should be the published bank)."""
    text = poster_text(bank, topic, locale=locale, bot_username=bot_username, texts=texts,
                       audience=audience, region=region)
    return draw_poster(text, Fonts(locale, font_path)).png(DPI)
