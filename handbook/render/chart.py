"""Small static SVG line charts, drawn at build time: no script, no external request, and they print."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from handbook.core.html import escape

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 48
COLOURS = ["#c62828", "#1565c0", "#2e7d32", "#6a1b9a"]


@dataclass(frozen=True)
class Series:
    """One line of a chart: a name and a value (or a gap) per x label."""

    name: str
    values: list[Decimal | None]


def line_chart(title: str, labels: list[str], series: list[Series], low: int = 0, high: int = 100) -> str:
    """An inline SVG chart of the series over the labels, with axes, grid, points and a legend."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(labels) - 1, 1)

    def x(index: int) -> float:
        """The x of the index-th label (a single label stands in the middle)."""
        return LEFT + (index * step if len(labels) > 1 else plot_w / 2)

    def y(value: Decimal) -> float:
        """The y of a value, clamped to the axis."""
        clamped = min(max(float(value), low), high)
        return TOP + plot_h * (1 - (clamped - low) / (high - low))

    parts = [
        f'<svg class="hb-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for tick in range(low, high + 1, (high - low) // 5 or 1):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(Decimal(tick)):.1f}" y2="{y(Decimal(tick)):.1f}" '
            f'stroke="#ddd"/><text x="{LEFT - 6}" y="{y(Decimal(tick)) + 4:.1f}" font-size="12" '
            f'text-anchor="end" fill="#555">{tick}</text>'
        )
    for index, label in enumerate(labels):
        parts.append(
            f'<text x="{x(index):.1f}" y="{HEIGHT - BOTTOM + 18}" font-size="12" text-anchor="middle" '
            f'fill="#555">{escape(label)}</text>'
        )
    for number, line in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        points = [(x(i), y(v)) for i, v in enumerate(line.values) if v is not None]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for (px, py), value in zip(points, [v for v in line.values if v is not None], strict=True):
            parts.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{colour}"><title>{escape(line.name)}：'
                f"{value}</title></circle>"
            )
        legend_x = LEFT + number * 150
        parts.append(
            f'<rect x="{legend_x}" y="{HEIGHT - 18}" width="14" height="4" fill="{colour}"/>'
            f'<text x="{legend_x + 20}" y="{HEIGHT - 12}" font-size="12" fill="#333">{escape(line.name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
