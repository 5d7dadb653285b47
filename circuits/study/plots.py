"""The study's figures (matplotlib, drawn to SVG text for the self-contained report).

* ``size_vs_depth`` — max S of the minimum-size circuits against max S of the minimum-depth ones, one
  point per problem and basis; RLO's mechanism predicts points on or above the diagonal.
* ``frontier`` — S of the circuits at each depth budget along the size–depth frontier.
  In the line plots, series are shifted slightly sideways (``dodge``) so that equal lines stay visible.
* ``families`` — S(min-size) along each scaling family against s_bf / s_min.
* ``null_n1`` — minimal circuits against N1 (the same function's circuits with 1–3 more gates).
* ``trajectories`` — S against size along the improvement trajectories of the locally-minimal tier,
  one panel per objective.

Each function returns SVG text, or None when no problem has the data the figure needs (the report
then says so instead of showing an empty frame).

Readers with a colour-vision deficiency must be able to tell the series apart, so colours come from
Okabe and Ito's palette (chosen to stay distinct under the common deficiencies) and every series
also has its own marker; verdicts have a marker each as well. Text is sized to be read at 100 %
zoom, since the report shows each figure at its natural size.
"""

from __future__ import annotations

import io
import statistics
from typing import Any

from circuits.study.label_placement import place_labels
from circuits.study.protocol import StudyRun
from circuits.study.results import TargetResult

#: Okabe and Ito's colour-blind-safe palette, without its yellow (too pale for a line on white).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: Markers cycle with a period prime to the palette's, so (colour, marker) pairs repeat only after
#: len(PALETTE) * len(MARKERS) series.
MARKERS = ("o", "s", "^", "D", "v")

#: Verdict colours and markers, shared by the plots and the report's badges: Okabe and Ito's and Tol's
#: colour-blind-safe palettes, every pair distinguishable under the simulated deficiencies (tested).
VERDICT_COLOURS = {
    "counterexample": "#D55E00",
    "search without objective": "#AA4499",
    "supports": "#009E73",
    "no power": "#332288",
    "unresolved": "#E69F00",
    "non-identifiable": "#88CCEE",
    "degenerate": "#BBBBBB",
    "not informative": "#000000",
}
VERDICT_MARKERS = {
    "counterexample": "X",
    "search without objective": "P",
    "supports": "o",
    "no power": "D",
    "unresolved": "^",
    "non-identifiable": "v",
    "degenerate": "s",
    "not informative": "*",
}
#: Font sizes in points; the legend never goes below the text size of the page's captions.
FONT_SIZE = 10
LEGEND_SIZE = 9


def series_style(index: int) -> dict[str, str]:
    """The colour and marker of the index-th series of a line plot (all distinct up to 35 series)."""
    return {"color": PALETTE[index % len(PALETTE)], "marker": MARKERS[index % len(MARKERS)]}


#: Widest horizontal spread of the series of a line plot, in x units (the x values are integers).
DODGE_SPREAD = 0.3


def dodge(index: int, count: int) -> float:
    """The horizontal shift of the index-th of ``count`` series, so that series with equal values
    are drawn side by side instead of one hiding the others (x is a depth or a gate count: integer
    positions, so a shift under ±0.15 never reaches the next one)."""
    if count < 2:
        return 0.0
    return DODGE_SPREAD * (index / (count - 1) - 0.5)


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.size": FONT_SIZE,
            "legend.fontsize": LEGEND_SIZE,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "study",
        }
    )
    return plt


def _svg(figure: Any) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    _pyplot().close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


#: Lines per line plot; more would not be told apart.
MAX_LINES = 12


def lined_targets(run: StudyRun) -> list[TargetResult]:
    """The targets a line plot follows: the informative ones when there are any (the others are
    degenerate, so their lines say nothing about the conjecture), else all; at most MAX_LINES."""
    informative = [t for t in run.targets if t.informative]
    return (informative or run.targets)[:MAX_LINES]


def _verdict(t: TargetResult) -> str:
    return t.verdict.verdict if t.verdict else ""


def _legend_for_verdicts(axis: Any, used: set[str]) -> None:
    from matplotlib.lines import Line2D

    handles = [
        Line2D([0], [0], marker=VERDICT_MARKERS[v], linestyle="", color=VERDICT_COLOURS[v], label=v, markersize=8)
        for v in VERDICT_COLOURS
        if v in used
    ]
    if handles:
        axis.legend(handles=handles, title="verdict", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)


def size_vs_depth(run: StudyRun) -> str | None:
    """Scatter of max S(min-depth) (x) against max S(min-size) (y)."""
    points = [
        (t, max(t.depth_set.scores()), max(t.size_set.scores()))
        for t in run.targets
        if t.depth_set.scores() and t.size_set.scores()
    ]
    if not points:
        return None
    plt = _pyplot()
    figure, axis = plt.subplots(figsize=(6.0, 5.0))
    axis.plot([0, 1], [0, 1], color="#bbbbbb", linewidth=1, linestyle="--", zorder=0)
    axis.fill_between([0, 1], [0, 1], [1, 1], color="#f4f6f7", zorder=0)
    upper_note = axis.text(0.03, 0.95, "size more search-like\n(RLO's prediction)", fontsize=LEGEND_SIZE, color="#555555", va="top")
    lower_note = axis.text(0.97, 0.05, "depth more search-like", fontsize=LEGEND_SIZE, color="#555555", ha="right")
    labels: dict[tuple[float, float], list[str]] = {}
    for t, x, y in points:
        verdict = _verdict(t)
        axis.scatter(
            [x], [y], color=VERDICT_COLOURS.get(verdict, "#333333"), marker=VERDICT_MARKERS.get(verdict, "o"),
            s=48, zorder=3, edgecolor="white", linewidth=0.5,
        )
        labels.setdefault((round(x, 2), round(y, 2)), []).append(t.label)
    axis.set_xlim(-0.04, 1.04)
    axis.set_ylim(-0.04, 1.04)
    texts = [
        (x, y, ", ".join(names) if len(names) <= 3 else f"{', '.join(names[:2])} +{len(names) - 2} more")
        for (x, y), names in labels.items()
    ]
    place_labels(figure, axis, texts, LEGEND_SIZE, obstacles=[upper_note, lower_note])
    axis.set_xlabel("max S of minimum-depth circuits")
    axis.set_ylabel("max S of minimum-size circuits")
    axis.set_title("Size pressure vs depth pressure")
    _legend_for_verdicts(axis, {t.verdict.verdict for t, _, _ in points if t.verdict})
    return _svg(figure)


def frontier(run: StudyRun) -> str | None:
    """Max S (solid) and median S (dotted) at each depth budget, one line per problem and basis."""
    series = []
    for t in lined_targets(run):
        rows = [(cs.depth_budget, cs.scores()) for cs in t.frontier_sets if cs.depth_budget is not None and cs.scores()]
        if len(rows) >= 2:
            series.append((t, rows))
    if not series:
        return None
    plt = _pyplot()
    figure, axis = plt.subplots(figsize=(7.2, 4.6))
    for i, (t, rows) in enumerate(series):
        depths = [d + dodge(i, len(series)) for d, _ in rows]
        style = series_style(i)
        axis.plot(depths, [max(s) for _, s in rows], label=t.label, linewidth=1.5, markersize=6, **style)
        axis.plot(depths, [statistics.median(s) for _, s in rows], linestyle=":", color=style["color"], linewidth=1)
    axis.set_xlabel("depth budget d (circuits of minimum size among depth <= d)")
    axis.set_ylabel("S (solid: max, dotted: median)")
    axis.set_ylim(-0.04, 1.04)
    axis.xaxis.get_major_locator().set_params(integer=True)
    axis.set_title("S along the size-depth frontier")
    axis.legend(frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return _svg(figure)


def families(run: StudyRun) -> str | None:
    """Max S(min-size) against s_bf / s_min for each scaling family with at least two members."""
    usable = {name: fam for name, fam in run.families.items() if len(fam["members"]) >= 2}
    if not usable:
        return None
    plt = _pyplot()
    figure, axis = plt.subplots(figsize=(7.2, 4.6))
    ratios = [m["ratio"] for fam in usable.values() for m in fam["members"]]
    for i, (name, fam) in enumerate(usable.items()):
        xs = [m["ratio"] for m in fam["members"]]
        ys = [m["max_score"] for m in fam["members"]]
        tau = fam["tau"]
        label = f"{name} (Kendall τ {'n/a' if tau is None else f'{tau:+.2f}'})"
        axis.plot(xs, ys, label=label, linewidth=1.5, markersize=6, **series_style(i))
        labels: dict[tuple[float, float], list[str]] = {}
        for m in fam["members"]:
            labels.setdefault((m["ratio"], m["max_score"]), []).append(m["name"])
        for (x, y), names in labels.items():
            axis.annotate(", ".join(names), (x, y), xytext=(4, -12), textcoords="offset points", fontsize=LEGEND_SIZE)
    axis.set_xlim(min(ratios) - 0.25, max(ratios) + 0.5)
    axis.set_xlabel("s_bf / s_min (how much smaller than brute force the minimum is)")
    axis.set_ylabel("max S of minimum-size circuits")
    axis.set_ylim(-0.04, 1.04)
    axis.set_title("Scaling families")
    axis.legend(frameon=False)
    return _svg(figure)


def null_n1(run: StudyRun) -> str | None:
    """Median S of the minimal circuits (x = 0) and of N1 at s_min + k (x = k), per problem."""
    series = []
    for t in lined_targets(run):
        minimal = t.size_set.scores()
        s_min = t.synthesis.s_min or 0
        rows = [((cs.size or s_min) - s_min, cs.scores()) for cs in t.n1_sets if cs.scores()]
        if minimal and rows:
            series.append((t, [(0, minimal)] + rows))
    if not series:
        return None
    plt = _pyplot()
    figure, axis = plt.subplots(figsize=(7.2, 4.6))
    for i, (t, rows) in enumerate(series):
        xs = [k + dodge(i, len(series)) for k, _ in rows]
        ys = [statistics.median(s) for _, s in rows]
        axis.plot(xs, ys, label=t.label, linewidth=1.5, markersize=6, **series_style(i))
    axis.set_xticks(sorted({k for _, rows in series for k, _ in rows}))
    axis.set_xlabel("extra gates over s_min (0: the minimal circuits; 1-3: N1 samples)")
    axis.set_ylabel("median S")
    axis.set_ylim(-0.04, 1.04)
    axis.set_title("Does minimization remove search? (null N1)")
    axis.legend(frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return _svg(figure)


def trajectories(run: StudyRun) -> str | None:
    """S against size along each improvement trajectory (reference → local minimum), one panel per
    objective; a series keeps its colour and marker in both panels. The size axis runs right to
    left, the direction of the pressure."""
    series = sorted({(t.label, lt.reference) for t in run.targets for lt in t.local})[:MAX_LINES]
    if not series:
        return None
    styles = {name: series_style(i) for i, name in enumerate(series)}
    plt = _pyplot()
    figure, axes = plt.subplots(1, 2, figsize=(7.4, 3.8), sharey=True)
    for axis, objective in zip(axes, ("size", "depth")):
        for t in run.targets:
            for lt in t.local:
                name = (t.label, lt.reference)
                points = [(p.circuit.size, p.score) for p in lt.points if p.score is not None]
                if lt.objective != objective or name not in styles or not points:
                    continue
                axis.plot([x for x, _ in points], [y for _, y in points], linewidth=1.5, markersize=6,
                          label=f"{t.label} {lt.reference}", **styles[name])
        axis.invert_xaxis()
        axis.set_ylim(-0.04, 1.04)
        axis.xaxis.get_major_locator().set_params(integer=True)
        axis.set_xlabel("size (gates)")
        axis.set_title(f"{objective} objective")
    axes[0].set_ylabel("S")
    figure.suptitle("S along improvement trajectories (reference → local minimum)", fontsize=FONT_SIZE + 1)
    handles, labels = axes[0].get_legend_handles_labels()
    more, more_labels = axes[1].get_legend_handles_labels()
    seen = dict(zip(labels, handles)) | {k: v for k, v in zip(more_labels, more) if k not in labels}
    axes[1].legend(seen.values(), seen.keys(), frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return _svg(figure)
