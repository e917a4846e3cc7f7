"""Flow diagrams on paper: never smaller than a legible size, on landscape pages when wide, in slices when long.

On screen a swimlane diagram keeps its size and scrolls. On A4 it is scaled to the page, and a wide
flow would print its labels at 3 or 4 pt. Here each diagram is placed at the largest scale up to
full size that fits the width of a portrait page, or else of a landscape page; its smallest text
(an arrow's label) never goes below `SMALLEST_PT`. A diagram taller than the page is cut into
slices between rows of steps, each on its own page with the lanes' titles repeated at the top
and "续" in its caption, so the whole flow is still one picture, read page after page.

The diagrams are the site's own SVG: each slice shows the whole drawing through a window (nested
`<svg>` viewports), so nothing is drawn twice differently.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from handbook.core.html import escape
from handbook.kinds.flow.swimlane_layout import HEADER
from handbook.kinds.flow.swimlane_text import FONT

# Geometry in CSS px (1/96 in); the page boxes must agree with print.css and the landscape @page.
MM = 96 / 25.4
PORTRAIT_WIDTH, PORTRAIT_HEIGHT = 172 * MM, 243 * MM  # A4 less the page margins and a caption's line
LANDSCAPE_WIDTH, LANDSCAPE_HEIGHT = 273 * MM, 168 * MM
LANDSCAPE_MARGIN = "16mm 12mm 14mm"  # top right-and-left bottom: the running header and footer keep room
SMALLEST_PT = 7  # the least text size on paper
SMALLEST_TEXT = FONT - 1  # px: an arrow's label, the smallest text a drawing has
MIN_SCALE = SMALLEST_PT * 96 / 72 / SMALLEST_TEXT
HEADING_ROOM = 13 * MM  # a heading's height with its margins (print.css)

# A diagram's box, with the headings right before it (流程图, a part's caption): they go where it goes.
_HEADING = r"<h([2-6])\b[^>]*>(?:(?!</?(?:h[1-6]|div|p|table)\b).)*?</h\2>\s*"
_BOX = re.compile(
    rf"(?P<headings>(?:{_HEADING})*)"
    r'<div class="hb-swimlane-box(?P<variant>[^"]*)">(?P<svg><svg class="hb-swimlane".*?</svg>)</div>',
    re.S,
)
_SIZE = re.compile(r'<svg class="hb-swimlane"[^>]*?\swidth="(?P<w>[\d.]+)"\s+height="(?P<h>[\d.]+)"')
_INNER = re.compile(r"^<svg[^>]*>(?P<inner>.*)</svg>$", re.S)
_TITLE = re.compile(r"<title>(?P<title>[^<]*)</title>")
_NODE = re.compile(r'<a [^>]*class="hb-node[^"]*"[^>]*>.*?</a>', re.S)
_LABEL = re.compile(r'<text class="hb-edge-label"[^>]*\sy="(?P<y>[\d.]+)"')
_RECT_Y = re.compile(r'\sy="(?P<y>[\d.]+)"[^>]*?\sheight="(?P<h>[\d.]+)"')
_POINTS = re.compile(r'\spoints="(?P<points>[^"]+)"')


@dataclass(frozen=True)
class Placement:
    """Where a diagram goes: landscape or not, at what scale, cut at which heights (px of the drawing)."""

    landscape: bool
    scale: float
    cuts: list[float]  # slice boundaries, from 0 to the drawing's height


def _occupied(svg: str) -> list[tuple[float, float]]:
    """The heights spanned by steps and arrow labels: a cut must not pass through them."""
    spans = []
    for node in _NODE.findall(svg):
        ys = [(float(m["y"]), float(m["y"]) + float(m["h"])) for m in _RECT_Y.finditer(node)]
        for points in _POINTS.findall(node):
            values = [float(v) for pair in points.split() for v in pair.split(",")[1:2]]
            ys.append((min(values), max(values)))
        if ys:
            spans.append((min(y for y, _ in ys), max(y for _, y in ys)))
    spans += [(float(m["y"]) - FONT, float(m["y"]) + 4) for m in _LABEL.finditer(svg)]
    return spans


def placement(svg: str, above: float = 0) -> Placement:
    """Portrait at full size if it fits; else the larger scale of portrait and landscape; cut to the page's height.

    `above`: px of the page taken above the first slice (its headings).
    """
    size = _SIZE.search(svg)
    assert size is not None, "a swimlane drawing states its width and height"
    width, height = float(size["w"]), float(size["h"])
    portrait = min(1.0, PORTRAIT_WIDTH / width)
    landscape = portrait < MIN_SCALE and LANDSCAPE_WIDTH / width > portrait
    scale = min(1.0, LANDSCAPE_WIDTH / width) if landscape else portrait
    room = (LANDSCAPE_HEIGHT if landscape else PORTRAIT_HEIGHT) / scale - HEADER  # drawing px per later slice
    spans = _occupied(svg)
    cuts, top = [0.0], 0.0
    first = HEADER - above / scale  # the first slice shows the lanes' titles of its own, under the headings
    while height - top > room + (first if top == 0 else 0):
        limit = top + room + (first if top == 0 else 0)
        top = _gap(spans, top, limit) or limit  # no gap at all: cut through (a step taller than a page)
        cuts.append(top)
    return Placement(landscape, scale, [*cuts, height])


def _gap(spans: list[tuple[float, float]], low: float, high: float) -> float | None:
    """The lowest height up to `high` (and well below `low`) that no step or label spans, looked for every 4 px."""
    y = high
    while y > low + HEADER:
        if not any(start - 6 <= y <= end + 6 for start, end in spans):
            return y
        y -= 4
    return None


def print_diagrams(article: str, page_name: str) -> str:
    """An article with each swimlane diagram placed for paper (see the module); screen-only variants dropped."""

    waiting = [""]  # the headings of a screen variant, for the print variant that follows it

    def place(box: re.Match[str]) -> str:
        """One diagram's figures."""
        if "hb-screen-variant" in box["variant"]:
            waiting[0] = box["headings"]
            return ""
        headings, waiting[0] = waiting[0] + box["headings"], ""
        return figures(box["svg"], page_name, headings)

    return _BOX.sub(place, article)


def figures(svg: str, page_name: str, headings: str = "") -> str:
    """The diagram as one figure per slice, each a window on the whole drawing; `headings` open the first."""
    size = _SIZE.search(svg)
    inner = _INNER.match(svg)
    assert size is not None and inner is not None
    width = float(size["w"])
    # Tagged PDF: each slice is a figure whose alternative text is the diagram's title (text in the
    # page, escaped again for an attribute); the step table beside it is the diagram's text.
    found = _TITLE.search(svg)
    title = escape(html.unescape(found["title"])) if found else "流程图"
    where = placement(svg, HEADING_ROOM * headings.count("</h"))
    pages = f" {page_name}-landscape" if where.landscape else ""
    out = []
    slices = list(zip(where.cuts, where.cuts[1:], strict=False))
    for index, (top, bottom) in enumerate(slices):
        header = 0 if index == 0 else HEADER
        height = bottom - top + header
        windows = ""
        if header:  # the lanes' titles again above a later slice
            windows += (
                f'<svg x="0" y="0" width="{width:.0f}" height="{HEADER}" viewBox="0 0 {width:.0f} {HEADER}">'
                f"{inner['inner']}</svg>"
            )
        windows += (
            f'<svg x="0" y="{header}" width="{width:.0f}" height="{bottom - top:.1f}" '
            f'viewBox="0 {top:.1f} {width:.0f} {bottom - top:.1f}">{inner["inner"]}</svg>'
        )
        caption = (
            f"（续，{index + 1}/{len(slices)}）" if index else (f"（共 {len(slices)} 页）" if len(slices) > 1 else "")
        )
        named = f"{title}（{caption.strip('（）')}）" if caption else title
        out.append(
            f'<figure class="hb-print-diagram{pages}" role="group">{headings if index == 0 else ""}'
            f'<svg class="hb-swimlane hb-print-slice" role="img" aria-label="{named}" '
            f'viewBox="0 0 {width:.0f} {height:.1f}" '
            f'width="{width * where.scale:.1f}px" height="{height * where.scale:.1f}px">{windows}</svg>'
            + (f"<figcaption>{caption}</figcaption>" if caption else "")
            + "</figure>"
        )
    return "".join(out)
