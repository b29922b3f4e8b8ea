"""Charts drawn on the server as SVG: one builder per kind, pure Python, shared by every app.

Coordinates are formatted here as plain strings ("12.5"), so a French page never writes "12,5"
into an SVG attribute (templates localise numbers; SVG needs a dot). Labels stay values the
template localises. Every chart is followed by the same figures as a table (see the template).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

PALETTE = ("#1d5a96", "#b4531f", "#2f7d4a", "#6b4c9a")


@dataclass
class Series:
    label: str
    values: list[float | None]


@dataclass
class LineChart:
    title: str
    labels: list[str]
    series: list[Series]
    width: int = 640
    height: int = 260
    unit: str = ""
    lines: list[dict[str, Any]] = field(default_factory=list)
    y_ticks: list[dict[str, Any]] = field(default_factory=list)
    x_ticks: list[dict[str, Any]] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    y_axis: dict[str, str] = field(default_factory=dict)
    x_axis_y: str = ""
    # The same lines drawn narrow, for a phone: an SVG scales its text with its width, so the
    # wide drawing's 12-unit labels would read at 6 px on a 390 px screen (issue 15).
    compact: LineChart | None = None

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def is_empty(self) -> bool:
        return not any(v is not None for s in self.series for v in s.values)


LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 28
# The compact drawing's width and labels: about a phone's card, so its text keeps its size.
COMPACT_WIDTH, COMPACT_HEIGHT, COMPACT_X_LABELS = 340, 220, 4


def _nice_top(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10^n at or above `value` (a readable top of the axis)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def _fmt(number: float) -> str:
    return f"{number:.1f}"


def line_chart(
    title: str,
    labels: list[str],
    series: list[Series],
    *,
    unit: str = "",
    width: int = 640,
    height: int = 260,
    max_x_labels: int = 8,
) -> LineChart:
    """Lines over `labels` (dates, weeks...); a missing value (None) breaks the line."""
    chart = LineChart(
        title=title, labels=labels, series=series, width=width, height=height, unit=unit
    )
    top = _nice_top(max((v for s in series for v in s.values if v is not None), default=0.0))
    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - BOTTOM
    step = plot_w / max(len(labels) - 1, 1)

    def x(i: int) -> float:
        return LEFT + i * step

    def y(v: float) -> float:
        return TOP + plot_h * (1 - v / top)

    for n, s in enumerate(series):
        segments: list[list[str]] = [[]]
        for i, v in enumerate(s.values):
            if v is None:
                segments.append([])
            else:
                segments[-1].append(f"{_fmt(x(i))},{_fmt(y(v))}")
        chart.lines.append(
            {
                "label": s.label,
                "colour": PALETTE[n % len(PALETTE)],
                "segments": [" ".join(seg) for seg in segments if seg],
            }
        )
    for k in range(5):
        value = top * k / 4
        chart.y_ticks.append({"value": value, "y": _fmt(y(value)), "text_y": _fmt(y(value) + 4)})
    every = max(1, math.ceil(len(labels) / max_x_labels))
    chart.x_ticks = [
        {"label": label, "x": _fmt(x(i))} for i, label in enumerate(labels) if i % every == 0
    ]
    chart.rows = [
        {"label": label, "values": [s.values[i] for s in series]} for i, label in enumerate(labels)
    ]
    chart.y_axis = {"x1": _fmt(LEFT), "x2": _fmt(width - RIGHT), "label_x": _fmt(LEFT - 6)}
    chart.x_axis_y = _fmt(height - 8)
    if width > COMPACT_WIDTH:
        chart.compact = line_chart(
            title,
            labels,
            series,
            unit=unit,
            width=COMPACT_WIDTH,
            height=COMPACT_HEIGHT,
            max_x_labels=min(max_x_labels, COMPACT_X_LABELS),
        )
    return chart


@dataclass
class BarChart:
    """Horizontal bars, one row per label, drawn by core/_bar_chart.html (the one home of every
    bar chart: groups' rates, mentoring's reports, onboarding's time to autonomy).

    Each row is HTML (its label and its figure as text, which a screen reader reads) with a bar
    drawn as an SVG as wide as its row (`width="100%"`): the bar's length is a percentage of the
    row, formatted here with a dot ("42.5%"), so it never reaches a template's localisation and
    scales with the card at any width."""

    title: str
    bars: list[dict[str, Any]]
    unit: str = ""
    decimals: int = 0
    maximum: float = 0.0

    @property
    def is_empty(self) -> bool:
        return not self.bars


def bar_chart(
    title: str,
    rows: list[tuple[str, float]],
    *,
    unit: str = "",
    maximum: float | None = None,
    decimals: int = 0,
) -> BarChart:
    """Bars proportional to `rows`' values: to `maximum` (100 for percentages) or, without it, to
    the highest value. A value above the maximum draws a full bar, below zero none."""
    top = maximum if maximum is not None else max((v for _, v in rows), default=0.0)
    top = top or 1.0
    bars = []
    for label, value in rows:
        share = max(0.0, min(float(value) / top, 1.0))
        bars.append(
            {"label": label, "value": value, "share": share, "width": f"{share * 100:.1f}%"}
        )
    return BarChart(title=title, bars=bars, unit=unit, decimals=decimals, maximum=top)
