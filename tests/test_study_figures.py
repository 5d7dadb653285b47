"""The study report for every reader: series that stay apart under colour-vision deficiencies, text
readable at 100 % zoom, "n/a" for undefined statistics, large diagrams full width and openable alone."""

from __future__ import annotations

import itertools
import math
import re
from types import SimpleNamespace
from typing import Any

import pytest
from matplotlib.colors import to_hex

from circuits.study import plots
from circuits.study.markup import badge
from circuits.study.report import CSS, ZOOM_SCRIPT
from circuits.study.report_sections import (
    GROUP_METRICS,
    MAX_DIAGRAM_HEIGHT_PX,
    MAX_DIAGRAM_WIDTH_PX,
    MIN_LABEL_PX,
    SMALLEST_FONT_PT,
    WIDE_DIAGRAM_PX,
    diagram_class,
    shown_highlight,
    sized_svg,
)
from circuits.study.verdicts import family_trend, kendall_tau

#: Colour-vision deficiency simulation matrices (Machado, Oliveira and Fernandes 2009, severity 1),
#: applied to linear RGB. An oracle independent of how the palette was chosen.
DEFICIENCIES = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
#: CIE76 colour difference below which two plot colours are taken as hard to tell apart.
MIN_DELTA_E = 15.0


def linear_rgb(hex_colour: str) -> tuple[float, ...]:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def lab(rgb: tuple[float, ...]) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, c)) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


def worst_difference(a: str, b: str) -> float:
    """The smallest CIE76 difference of two colours, seen normally or with any of the deficiencies."""
    seen = [lab(linear_rgb(a)), lab(linear_rgb(b))]
    differences = [math.dist(*seen)]
    for matrix in DEFICIENCIES.values():
        simulated = [lab(tuple(sum(row[j] * c[j] for j in range(3)) for row in matrix)) for c in map(linear_rgb, (a, b))]
        differences.append(math.dist(*simulated))
    return min(differences)


def test_series_are_told_apart_by_marker_or_by_a_colour_blind_safe_colour() -> None:
    styles = [plots.series_style(i) for i in range(plots.MAX_LINES)]
    assert len({(s["color"], s["marker"]) for s in styles}) == plots.MAX_LINES
    for a, b in itertools.combinations(styles, 2):
        if a["marker"] == b["marker"]:
            assert worst_difference(a["color"], b["color"]) >= MIN_DELTA_E, (a, b)


def test_verdicts_differ_in_marker_and_colour() -> None:
    assert len(set(plots.VERDICT_MARKERS.values())) == len(plots.VERDICT_MARKERS)
    for a, b in itertools.combinations(plots.VERDICT_COLOURS.values(), 2):
        assert worst_difference(a, b) >= MIN_DELTA_E, (a, b)


def fake_target(i: int) -> Any:
    """Enough of a study target for the line plots: 3 frontier points and 3 N1 sizes."""
    scores = lambda value: SimpleNamespace(scores=lambda: [value, value / 2])  # noqa: E731
    frontier = [SimpleNamespace(depth_budget=d, scores=lambda d=d: [0.1 * d + 0.01 * i]) for d in (3, 4, 5)]
    n1 = [SimpleNamespace(size=8 + k, scores=lambda k=k: [0.05 * k + 0.01 * i]) for k in (1, 2, 3)]
    return SimpleNamespace(
        label=f"problem{i}/b2", informative=True, size_set=scores(0.3), frontier_sets=frontier, n1_sets=n1,
        synthesis=SimpleNamespace(s_min=8),
    )


@pytest.mark.parametrize("figure", [plots.frontier, plots.null_n1])
def test_twelve_series_are_drawn_with_twelve_distinct_styles(figure: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plots, "_svg", lambda drawn: drawn)  # keep the matplotlib figure to inspect it
    run = SimpleNamespace(targets=[fake_target(i) for i in range(plots.MAX_LINES)])
    drawn = figure(run)
    axis = drawn.axes[0]
    series = [line for line in axis.get_lines() if not line.get_label().startswith("_")]
    assert len(series) == plots.MAX_LINES
    styles = {(to_hex(line.get_color()), line.get_marker()) for line in series}
    assert len(styles) == plots.MAX_LINES
    assert {colour for colour, _ in styles} <= {c.lower() for c in plots.PALETTE}
    legend = axis.get_legend()
    assert len(legend.get_texts()) == plots.MAX_LINES
    assert min(text.get_fontsize() for text in legend.get_texts()) >= plots.LEGEND_SIZE >= 9


def test_figures_are_shown_at_their_natural_size() -> None:
    run = SimpleNamespace(targets=[fake_target(i) for i in range(plots.MAX_LINES)])
    svg = plots.frontier(run)
    assert svg is not None
    width_pt = float(re.search(r'width="([\d.]+)pt"', svg).group(1))
    # 1 pt = 4/3 CSS px; the page's column is 1120 px wide with 32 px padding on each side.
    assert width_pt * 4 / 3 <= 1120 - 64
    assert plots.LEGEND_SIZE >= 9 and plots.FONT_SIZE >= 10
    rule = re.search(r"figure img \{([^}]*)\}", CSS).group(1)
    assert "max-width: 100%" in rule and "width: 100%" not in rule.replace("max-width: 100%", "")


def test_kendall_tau_is_undefined_without_variation() -> None:
    assert kendall_tau([1.0, 2.0, 3.0], [0.0, 0.0, 0.0]) is None
    assert kendall_tau([2.0, 2.0], [0.1, 0.5]) is None
    assert kendall_tau([1.0, 2.0, 3.0], [0.0, 0.0, 0.5]) == pytest.approx(2 / 3)
    family = family_trend([("layer2x1", 1.0, 0.0), ("layer3x1", 1.0, 0.0), ("layer2x2", 1.4, 0.0)])
    assert family["tau"] is None
    run = SimpleNamespace(families={"LAYER": family})
    assert "Kendall τ n/a" in plots.families(run)  # noqa: the label is drawn as text in the SVG title


@pytest.mark.parametrize(
    "width, expected",
    [(200, "diagram"), (WIDE_DIAGRAM_PX * 3 / 4 + 1, "diagram wide"), (1500, "diagram wide")],
)
def test_wide_diagrams_take_the_full_row(width: float, expected: str) -> None:
    svg = f'<svg width="{width}pt" height="100pt" viewBox="0 0 {width} 100"></svg>'
    assert diagram_class(svg) == expected
    assert "flex: 1 1 100%" in re.search(r"\.diagram\.wide \{([^}]*)\}", CSS).group(1)


@pytest.mark.parametrize(
    "width_pt, height_pt",
    [(150, 200), (300, 1125), (1200, 500), (2000, 3000), (400, 400)],
)
def test_diagrams_are_sized_by_their_content_within_a_height_and_a_label_size(width_pt: float, height_pt: float) -> None:
    """A small circuit stays at its natural size (it used to be stretched to the full width: an
    8-gate circuit 1,500 px tall); a large one is shrunk to the maximum height, but never so far
    that its smallest label falls below MIN_LABEL_PX (it scrolls in its box instead)."""
    svg = f'<svg width="{width_pt}pt" height="{height_pt}pt" viewBox="0 0 {width_pt} {height_pt}"></svg>'
    sized = sized_svg(svg)
    shown_w = float(re.search(r'width="([\d.]+)px"', sized).group(1))
    shown_h = float(re.search(r'height="([\d.]+)px"', sized).group(1))
    natural_w, natural_h = width_pt * 4 / 3, height_pt * 4 / 3
    scale = shown_h / natural_h
    assert scale <= 1.01 and abs(shown_w / natural_w - scale) < 0.01  # whole pixels
    assert SMALLEST_FONT_PT * 4 / 3 * scale >= MIN_LABEL_PX - 0.01
    if natural_h <= MAX_DIAGRAM_HEIGHT_PX and natural_w <= MAX_DIAGRAM_WIDTH_PX:
        assert abs(scale - 1.0) < 0.01
    elif SMALLEST_FONT_PT * 4 / 3 * min(MAX_DIAGRAM_HEIGHT_PX / natural_h, MAX_DIAGRAM_WIDTH_PX / natural_w) >= MIN_LABEL_PX:
        assert shown_h <= MAX_DIAGRAM_HEIGHT_PX + 1 and shown_w <= MAX_DIAGRAM_WIDTH_PX + 1
    assert "width: 100%" not in CSS.split(".diagram.wide")[-1].split("}")[0]


def test_a_highlighted_group_is_drawn_only_when_its_score_is_above_zero() -> None:
    """COL2-C5's minimum-size diagram coloured the OR tree (AG) while its caption said AG 0.00."""
    analysis = {
        "values": {"cc": 1.0, "ag": 0.0, "pc": 0.5},
        "highlight": {label: [5, 6] for label in GROUP_METRICS},
    }
    shown = shown_highlight(analysis)
    assert set(shown) == {label for label, key in GROUP_METRICS.items() if key != "ag"}
    assert shown_highlight({"values": {}, "highlight": {"union/selection tree (AG)": [7]}}) == {}


def test_a_click_opens_a_diagram_alone() -> None:
    assert "window.open" in ZOOM_SCRIPT and ".diagram svg" in ZOOM_SCRIPT and "zoom-in" in ZOOM_SCRIPT


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""
    def luminance(colour: str) -> float:
        r, g, b_ = linear_rgb(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("verdict", sorted(plots.VERDICT_COLOURS))
def test_verdict_badges_are_legible(verdict: str) -> None:
    html = badge(verdict)
    background = re.search(r"background:(#[0-9A-Fa-f]{6})", html).group(1)
    text = re.search(r";color:(#[0-9A-Fa-f]{6})", html).group(1)
    assert contrast(background, text) >= 4.5, (verdict, background, text)


def fake_local_target(i: int) -> Any:
    """A study target with a size and a depth trajectory from its brute force (sizes 9 → 6)."""
    def point(size: int) -> Any:
        return SimpleNamespace(circuit=SimpleNamespace(size=size), score=0.1 * size - 0.01 * i)

    local = [SimpleNamespace(reference="brute_force", objective=o, points=[point(s) for s in (9, 8, 6)]) for o in ("size", "depth")]
    return SimpleNamespace(label=f"problem{i}/b2", local=local)


def test_trajectory_series_keep_one_style_in_both_panels(monkeypatch: pytest.MonkeyPatch) -> None:
    run = SimpleNamespace(targets=[fake_local_target(i) for i in range(plots.MAX_LINES + 2)])
    svg = plots.trajectories(run)
    width_pt = float(re.search(r'width="([\d.]+)pt"', svg).group(1))
    assert width_pt * 4 / 3 <= 1120 - 64
    monkeypatch.setattr(plots, "_svg", lambda drawn: drawn)
    drawn = plots.trajectories(run)
    panels = [{line.get_label(): (to_hex(line.get_color()), line.get_marker()) for line in axis.get_lines()} for axis in drawn.axes]
    assert len(panels[0]) == plots.MAX_LINES and panels[0] == panels[1]
    assert len(set(panels[0].values())) == plots.MAX_LINES
    legend = drawn.axes[1].get_legend()
    assert len(legend.get_texts()) == plots.MAX_LINES
    assert min(text.get_fontsize() for text in legend.get_texts()) >= plots.LEGEND_SIZE
    assert all(axis.xaxis_inverted() for axis in drawn.axes)
    assert plots.trajectories(SimpleNamespace(targets=[SimpleNamespace(label="p/b2", local=[])])) is None


def scatter_target(i: int, x: float, y: float, verdict: str) -> Any:
    return SimpleNamespace(
        label=f"problem{i}/b2", depth_set=SimpleNamespace(scores=lambda: [x]), size_set=SimpleNamespace(scores=lambda: [y]),
        verdict=SimpleNamespace(verdict=verdict),
    )


def test_scatter_labels_overlap_neither_each_other_nor_a_marker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Several problems at (0, 0) and near each other (the report's real case): the rendered label
    boxes, measured by matplotlib's renderer, must meet no other label and no marker."""
    monkeypatch.setattr(plots, "_svg", lambda drawn: drawn)
    spots = [(0.0, 0.0), (0.0, 0.0), (0.02, 0.01), (0.05, 0.0), (0.0, 0.06), (0.5, 0.5), (0.52, 0.49), (1.0, 1.0),
             (0.97, 0.0), (0.3, 0.9)]
    verdicts = list(plots.VERDICT_COLOURS)
    run = SimpleNamespace(targets=[scatter_target(i, x, y, verdicts[i % len(verdicts)]) for i, (x, y) in enumerate(spots)])
    figure = plots.size_vs_depth(run)
    axis = figure.axes[0]
    renderer = figure.canvas.get_renderer()
    labels = [text for text in axis.texts if text.get_text().startswith("problem")]
    assert len(labels) == len({(round(x, 2), round(y, 2)) for x, y in spots})
    boxes = [label.get_window_extent(renderer) for label in labels]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)
    half = 4.0 * figure.dpi / 72
    for x, y in spots:
        px, py = axis.transData.transform((x, y))
        for box in boxes:
            assert not (box.x0 < px + half and px - half < box.x1 and box.y0 < py + half and py - half < box.y1), (x, y)


def equal_target(i: int) -> Any:
    """A target whose frontier and N1 values are the same as every other's (lines that coincide)."""
    frontier = [SimpleNamespace(depth_budget=d, scores=lambda: [0.5]) for d in (3, 4, 5)]
    n1 = [SimpleNamespace(size=8 + k, scores=lambda: [0.2]) for k in (1, 2, 3)]
    return SimpleNamespace(
        label=f"problem{i}/b2", informative=True, size_set=SimpleNamespace(scores=lambda: [0.2]),
        frontier_sets=frontier, n1_sets=n1, synthesis=SimpleNamespace(s_min=8),
    )


@pytest.mark.parametrize("figure", [plots.frontier, plots.null_n1])
@pytest.mark.parametrize("count", [2, 5, plots.MAX_LINES])
def test_equal_series_are_drawn_side_by_side_not_on_top_of_each_other(figure: Any, count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plots, "_svg", lambda drawn: drawn)
    drawn = figure(SimpleNamespace(targets=[equal_target(i) for i in range(count)]))
    axis = drawn.axes[0]
    series = [line for line in axis.get_lines() if not line.get_label().startswith("_")]
    assert len(series) == count
    paths = [axis.transData.transform(line.get_xydata()) for line in series]
    for a, b in itertools.combinations(paths, 2):
        assert max(abs(pa[0] - pb[0]) for pa, pb in zip(a, b)) >= 2.0  # pixels apart somewhere
    ticks = [tick for tick in axis.get_xticks() if axis.get_xlim()[0] <= tick <= axis.get_xlim()[1]]
    assert all(float(tick).is_integer() for tick in ticks)
