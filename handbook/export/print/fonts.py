"""The fonts a print embeds: TrueType only, since Chromium embeds anything else as Type 3 fonts.

Print shops and archival tools reject Type 3 fonts, and Chromium makes them of OpenType (CFF)
fonts, such as Debian's Noto CJK, and of every synthetic bold or italic. So the regular text is
Droid Sans Fallback (TrueType); Chinese quotation marks, ellipsis and dash come from WenQuanYi Zen
Hei (Droid leaves them to a Latin font, whose narrow “” sit oddly in Chinese text); and bold is
Noto Sans CJK SC Bold, cut down to the characters of the print and its curves converted to
TrueType ones (fontTools), once per set of characters, in a cache.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING

from handbook.core.atomic import write_atomic
from handbook.core.cache import user_cache
from handbook.core.problems import ProjectError

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

REGULAR = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
PUNCT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
BOLD_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
BOLD_FACE = "Noto Sans CJK SC"  # the collection's Simplified Chinese face
PACKAGES = {REGULAR: "fonts-droid-fallback", PUNCT: "fonts-wqy-zenhei", BOLD_SOURCE: "fonts-noto-cjk"}
FAMILY = 'HBPunct, HBPrint, "DejaVu Sans", "WenQuanYi Zen Hei"'  # no generic family: never Noto (Type 3)
PUNCTUATION = "U+2018-201F, U+2026, U+2014, U+00B7"  # “”‘’ … — ·
ALWAYS = "".join(chr(code) for code in range(0x20, 0x7F)) + "，。、；：？！（）《》〈〉“”‘’…—·％"
CURVE_ERROR = 1.0  # font units (of 1000 per em): cubic to quadratic curves, invisible at any print size
MAXP_FIELDS = (
    "maxPoints",
    "maxContours",
    "maxCompositePoints",
    "maxCompositeContours",
    "maxTwilightPoints",
    "maxStorage",
    "maxFunctionDefs",
    "maxInstructionDefs",
    "maxStackElements",
    "maxSizeOfInstructions",
    "maxComponentElements",
    "maxComponentDepth",
)
# Each face claims every weight and style it serves, so that Chromium never synthesises bold or
# italic (which it would draw as Type 3 fonts).
FACES = """
@font-face {{ font-family: HBPrint; src: url("{regular}"); font-weight: 100 550; font-style: normal; }}
@font-face {{ font-family: HBPrint; src: url("{regular}"); font-weight: 100 550; font-style: italic; }}
@font-face {{ font-family: HBPrint; src: url("{bold}"); font-weight: 551 900; font-style: normal; }}
@font-face {{ font-family: HBPrint; src: url("{bold}"); font-weight: 551 900; font-style: italic; }}
@font-face {{ font-family: HBPunct; src: url("{punct}"); font-weight: 100 900; font-style: normal;
  unicode-range: {range}; }}
@font-face {{ font-family: HBPunct; src: url("{punct}"); font-weight: 100 900; font-style: italic;
  unicode-range: {range}; }}
"""


def require_fonts() -> None:
    """Stop with the command that installs the print fonts, if any is missing."""
    missing = sorted(package for path, package in PACKAGES.items() if not path.is_file())
    if missing:
        raise ProjectError(f"print fonts are missing: sudo apt-get install -y {' '.join(missing)}")


def cache_folder() -> Path:
    """Where converted fonts are kept between runs."""
    return user_cache("fonts")


def identity() -> str:
    """What the print's fonts are made of: text lays out the same while it is the same."""
    sources = (f"{path}:{path.stat().st_size}:{path.stat().st_mtime_ns}" for path in PACKAGES)
    return "|".join([*sources, FACES, PUNCTUATION])


def bold_font(text: str, cache: Path) -> Path:
    """The bold TrueType font for a print of `text`: made once per set of characters, then kept in `cache`."""
    characters = "".join(sorted(set(text + ALWAYS)))
    source = BOLD_SOURCE.stat()
    key = hashlib.sha256(f"{characters}|{source.st_size}|{source.st_mtime_ns}".encode()).hexdigest()[:24]
    path = cache / f"bold-{key}.ttf"
    if not path.is_file():
        write_atomic(path, _truetype_subset(characters))
    return path


def font_faces(folder: Path, text: str, cache: Path) -> str:
    """Put the fonts for a print of `text` in `folder` (served with it); return their @font-face rules."""
    bold = bold_font(text, cache)
    for path in (REGULAR, PUNCT, bold):
        if not (folder / path.name).exists():
            (folder / path.name).symlink_to(path)
    return FACES.format(regular=REGULAR.name, bold=bold.name, punct=PUNCT.name, range=PUNCTUATION)


def _truetype_subset(characters: str) -> bytes:
    """Noto Sans CJK SC Bold holding only `characters`, with TrueType (quadratic) outlines."""
    # fontTools takes a fifth of a second to import: only a print whose characters are new needs it.
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(BOLD_SOURCE))
    font = next(face for face in collection.fonts if face["name"].getDebugName(1) == BOLD_FACE)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    _to_truetype_outlines(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _to_truetype_outlines(font: TTFont) -> None:
    """Replace a font's CFF (cubic) outlines with glyf (quadratic) ones, and the tables that describe them."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        # CFF contours run counter-clockwise, TrueType ones clockwise
        glyphs[name].draw(Cu2QuPen(pen, CURVE_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    font["glyf"], font["loca"] = glyf, newTable("loca")
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for field in MAXP_FIELDS:
        setattr(maxp, field, 0)  # no hinting; the outline counts are recalculated when the font is saved
    maxp.maxZones = 1
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font["post"].glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
