"""One PDF page as the reader needs it: glyphs, ruling segments, and how much of it is image.

pdfminer (through pdfplumber) gives a page as a tree of layout objects in PDF coordinates
(origin bottom left). This module walks that tree once and keeps what the reader uses, in
page coordinates with the origin top left, as ``top`` / ``bottom`` grow down the page:

* a :class:`Glyph` per printed character (whitespace is dropped: spacing comes from
  positions), with its font; a character the font cannot map to Unicode (pdfminer's
  ``(cid:N)``, a private-use or replacement character, a control character) becomes U+FFFD
  and its font is remembered as *unmapped*; every character of a font the reader has found
  to have no usable Unicode map (:func:`load_page`'s ``unmapped``) becomes U+FFFD too;
* a :class:`Rule` per ruling segment: stroked lines, the edges of stroked rectangles, and
  filled rectangles thin enough to be a line (how Word and WPS draw cell borders). Filled
  areas (cell shading, the white boxes some exporters lay behind every text line) and white
  strokes are not rules;
* the share of the page covered by images (a scanned page is one image and no text).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from attrs import define, field

if TYPE_CHECKING:
    from pdfminer.layout import LTChar, LTComponent, LTCurve, LTPage, LTRect

__all__ = ["UNMAPPED", "Box", "Glyph", "Page", "Rule", "load_page"]

UNMAPPED: Final = "\ufffd"
"""What a character without a Unicode map reads as."""
_THIN: Final = 2.5
"""A filled rectangle at most this thick (points) is a drawn line."""
_AXIS: Final = 1.0
"""A segment whose ends differ by at most this much across its axis is horizontal / vertical."""


class Box:
    """Something printed in a rectangle of the page: its centres (a base of slotted classes)."""

    __slots__ = ()
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        """Vertical centre."""
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        """Horizontal centre."""
        return (self.x0 + self.x1) / 2


class Glyph(Box):
    """One printed character, in page coordinates (points, origin top left)."""

    __slots__ = ("bottom", "font", "size", "text", "top", "unmapped", "x0", "x1")

    def __init__(  # noqa: PLR0917 - built by the thousand: positional is cheaper
        self,
        text: str,
        x0: float,
        x1: float,
        top: float,
        bottom: float,
        size: float,
        font: str,
        *,
        unmapped: bool = False,
    ) -> None:
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.top = top
        self.bottom = bottom
        self.size = size
        self.font = font
        self.unmapped = unmapped

    def __repr__(self) -> str:
        return f"Glyph({self.text!r}, {self.x0:.1f}, {self.top:.1f})"


@define(frozen=True)
class Rule:
    """A ruling segment: horizontal at ``y = at`` from ``start`` to ``end`` in x, or vertical."""

    horizontal: bool
    at: float
    start: float
    end: float


@define
class Page:
    """What the reader keeps of one page."""

    number: int
    """1-based page number in the file."""
    width: float
    height: float
    glyphs: list[Glyph] = field(factory=list)
    """The printed characters: the reader empties this once the page's lines are read."""
    rules: list[Rule] = field(factory=list)
    image_share: float = 0.0
    """Share of the page's area covered by images (0 to 1, overlaps counted twice)."""
    font_glyphs: dict[str, int] = field(factory=dict)
    """Glyphs printed per font."""
    font_garbage: dict[str, int] = field(factory=dict)
    """Glyphs per font that came out as private-use or replacement characters."""
    broken_fonts: set[str] = field(factory=set)
    """Fonts that gave a character code with no Unicode text at all (``(cid:N)``, controls)."""


def _garbage(text: str) -> int:
    """How far a character is from Unicode text: 0 not at all.

    1 for a private-use or replacement character; 2 when the font has no Unicode text for
    it at all (pdfminer's ``(cid:N)``, a control character).
    """
    if text.startswith("(cid:"):
        return 2
    found = 0
    for character in text:
        category = unicodedata.category(character)
        if category == "Cc" and character not in "\t\n\r":
            return 2
        if category in {"Co", "Cn", "Cs"} or character == UNMAPPED:
            found = 1
    return found


def _white(colour: object) -> bool:
    """True for a white (invisible on paper) colour in a gray, RGB or CMYK space."""
    if isinstance(colour, int | float):
        return colour >= 0.99
    if isinstance(colour, tuple | list):
        if len(colour) == 3:
            return all(isinstance(c, int | float) and c >= 0.99 for c in colour)
        if len(colour) == 4:
            return all(isinstance(c, int | float) and c <= 0.01 for c in colour)
        if len(colour) == 1:
            return _white(colour[0])
    return False


class _Walker:
    def __init__(self, page: Page, unmapped: frozenset[str]) -> None:
        self.page = page
        self.unmapped = unmapped
        self.height = page.height
        self.image_area = 0.0

    def walk(self, items: Iterable[LTComponent]) -> None:
        # Imported here: pdfminer is an optional dependency, and this module is only
        # reached through the reader, after the import has been checked.
        from pdfminer.layout import (  # noqa: PLC0415
            LTChar,
            LTContainer,
            LTCurve,
            LTImage,
            LTLine,
            LTRect,
        )

        for item in items:
            if isinstance(item, LTChar):
                self.char(item)
            elif isinstance(item, LTLine):
                if getattr(item, "stroke", True) and not _white(
                    getattr(item, "stroking_color", None)
                ):
                    self.segment(*item.pts[0], *item.pts[-1])
            elif isinstance(item, LTRect):
                self.rect(item)
            elif isinstance(item, LTCurve):
                self.curve(item)
            elif isinstance(item, LTImage):
                self.image_area += max(0.0, item.width) * max(0.0, item.height)
            elif isinstance(item, LTContainer):
                self.walk(item)

    def char(self, item: LTChar) -> None:
        text: str = item.get_text()
        if not text or text.isspace():
            return
        name: object = item.fontname  # a damaged font's name may be a keyword, not a name
        font = name if isinstance(name, str) else str(name)
        page = self.page
        page.font_glyphs[font] = page.font_glyphs.get(font, 0) + 1
        kind = _garbage(text)
        unmapped = kind > 0
        if unmapped:
            text = UNMAPPED
            page.font_garbage[font] = page.font_garbage.get(font, 0) + 1
            if kind == 2:
                page.broken_fonts.add(font)
        elif font in self.unmapped:
            text = UNMAPPED
            unmapped = True
        top = self.height - item.y1
        page.glyphs.append(
            Glyph(
                text,
                item.x0,
                item.x1,
                top,
                top + item.height,
                item.size,
                font,
                unmapped=unmapped,
            )
        )

    def segment(self, x0: float, y0: float, x1: float, y1: float) -> None:
        if abs(y0 - y1) <= _AXIS:
            at = self.height - (y0 + y1) / 2
            self.page.rules.append(Rule(True, at, min(x0, x1), max(x0, x1)))
        elif abs(x0 - x1) <= _AXIS:
            at = (x0 + x1) / 2
            top, bottom = self.height - max(y0, y1), self.height - min(y0, y1)
            self.page.rules.append(Rule(False, at, top, bottom))

    def box(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """The four edges of a stroked rectangle."""
        self.segment(x0, y0, x1, y0)
        self.segment(x0, y1, x1, y1)
        self.segment(x0, y0, x0, y1)
        self.segment(x1, y0, x1, y1)

    def thin(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """A filled rectangle thin enough to be a line: its middle line."""
        if y1 - y0 <= _THIN and x1 - x0 > y1 - y0:
            middle = (y0 + y1) / 2
            self.segment(x0, middle, x1, middle)
        elif x1 - x0 <= _THIN and y1 - y0 > x1 - x0:
            middle = (x0 + x1) / 2
            self.segment(middle, y0, middle, y1)

    def rect(self, item: LTRect) -> None:
        stroked = bool(getattr(item, "stroke", False)) and not _white(
            getattr(item, "stroking_color", None)
        )
        filled = bool(getattr(item, "fill", False)) and not _white(
            getattr(item, "non_stroking_color", None)
        )
        if stroked:
            self.box(item.x0, item.y0, item.x1, item.y1)
        elif filled:
            self.thin(item.x0, item.y0, item.x1, item.y1)

    def curve(self, item: LTCurve) -> None:
        stroked = bool(getattr(item, "stroke", False)) and not _white(
            getattr(item, "stroking_color", None)
        )
        filled = bool(getattr(item, "fill", False)) and not _white(
            getattr(item, "non_stroking_color", None)
        )
        if stroked:
            points = item.pts
            for (x0, y0), (x1, y1) in itertools.pairwise(points):
                self.segment(x0, y0, x1, y1)
        elif filled:
            self.thin(item.x0, item.y0, item.x1, item.y1)


def load_page(layout: LTPage, number: int, unmapped: frozenset[str] = frozenset()) -> Page:
    """What the reader keeps of a pdfminer ``LTPage``.

    Every character printed in a font of ``unmapped`` reads as U+FFFD; the font counts
    (:attr:`Page.font_glyphs`, :attr:`Page.font_garbage`) are of the characters as printed.
    """
    page = Page(number=number, width=float(layout.width), height=float(layout.height))
    walker = _Walker(page, unmapped)
    walker.walk(layout)
    area = page.width * page.height
    page.image_share = walker.image_area / area if area > 0 else 0.0
    return page
