"""The CJK font every image is drawn with: found, loaded per locale and size, glyph-checked."""

from __future__ import annotations

import os
import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# Debian's fonts-noto-cjk (system-packages.txt); the .otf names are other distributions' splits.
REGULAR_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
)
BOLD_PATHS = tuple(p.replace("Regular", "Bold") for p in REGULAR_PATHS)
# Which face of a .ttc collection suits each locale (Simplified vs Traditional glyph shapes).
FACES = {"zh-Hans": "CJK SC", "zh-Hant": "CJK TC", "en": "CJK SC"}
_NOTDEF_PROBE = "\U0010fffd"  # a private-use code point no font maps, so it draws .notdef


class FontNotFoundError(RuntimeError):
    """No CJK font is installed or configured."""


def find_font(*, bold: bool = False, override: str | Path | None = None) -> Path:
    """The font file: an explicit path, else $FONT_PATH, else fonts-noto-cjk's known paths."""
    chosen = override or os.environ.get("FONT_PATH") or None
    if chosen:
        path = Path(chosen).expanduser()
        if not path.is_file():
            raise FontNotFoundError(f"font file not found: {path} (check FONT_PATH)")
        return path
    for candidate in BOLD_PATHS if bold else REGULAR_PATHS:
        if Path(candidate).is_file():
            return Path(candidate)
    if bold:
        return find_font(bold=False)
    raise FontNotFoundError(
        "no CJK font found: install Debian's fonts-noto-cjk (run `make system-deps` as root) "
        "or set FONT_PATH to a .ttf/.otf/.ttc file with Chinese glyphs"
    )


@lru_cache(maxsize=32)
def _face_index(path: str, locale: str) -> int:
    """The collection index whose family name suits the locale (0 for single-face files)."""
    if not path.lower().endswith(".ttc"):
        return 0
    wanted = FACES.get(locale, "CJK SC")
    for index in range(32):
        try:
            family, _ = ImageFont.truetype(path, 12, index=index).getname()
        except OSError:
            break
        if family and wanted in family and "Mono" not in family:
            return index
    return 0


@lru_cache(maxsize=256)
def _load(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    # BASIC layout: the same widths on every machine, with or without libraqm.
    return ImageFont.truetype(path, size, index=index, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=8192)
def _draws(path: str, index: int, char: str) -> bool:
    """Whether the font has a glyph for char (it does not draw the .notdef box)."""
    font = _load(path, index, 24)

    def mask(text: str) -> bytes:
        image = Image.new("L", (48, 48))
        ImageDraw.Draw(image).text((4, 4), text, font=font, fill=255)
        return image.tobytes()

    return mask(char) != mask(_NOTDEF_PROBE)


class Fonts:
    """The CJK font in regular and bold for one locale, at any size."""

    def __init__(self, locale: str = "zh-Hans", override: str | Path | None = None) -> None:
        self.locale = locale
        self.regular = str(find_font(bold=False, override=override))
        self.bold = str(find_font(bold=True, override=override))

    def __call__(self, size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
        """The font at a pixel size."""
        path = self.bold if bold else self.regular
        return _load(path, _face_index(path, self.locale), max(1, int(size)))

    def has_glyph(self, char: str) -> bool:
        """Whether the regular face can draw char."""
        return _draws(self.regular, _face_index(self.regular, self.locale), char)

    def clean(self, text: str) -> str:
        """Drawable text: NFC, no control, bidi or combining marks, no glyphs the font lacks."""
        out = []
        for char in unicodedata.normalize("NFC", text):
            if char == "\n" or char == " ":
                out.append(char)
            elif char.isspace():
                out.append(" ")
            elif unicodedata.category(char)[0] not in "CM" and self.has_glyph(char):
                out.append(char)
        return "".join(out)
