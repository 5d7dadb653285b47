"""The search-share figure: p against size (and against depth) per pair, with 95 % intervals.

Kept apart from plots.py (the other figures) because it reads the populations of
circuits/study/evidence.py, not the circuit sets; it uses plots.py's palette, markers and fonts.
"""

from __future__ import annotations

from circuits.study.evidence import relative_label
from circuits.study.plots import MAX_LINES, _pyplot, _svg, series_style
from circuits.study.protocol import StudyRun


def search_share(run: StudyRun, axis: str) -> str | None:
    """SVG: one line per pair, p of each measured population of ``axis`` (size: against gates above
    s_min; depth: against its depth bound relative to d_min), error bars from the Wilson interval (none for a
    whole set). None when no pair has a measured population on that axis."""
    series = []
    for t in run.targets:
        points = []
        for population in (p for p in t.populations if p.axis == axis):
            share = population.share(t.goal_problem)
            if share is not None:
                points.append((population, share))
        if points:
            series.append((t, points))
    if not series:
        return None
    series = series[:MAX_LINES]
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(6.4, 3.6))
    labels: list[str] = []
    for index, (t, points) in enumerate(series):
        if axis == "size":
            xs = [float(p.size - points[0][0].size) for p, _ in points]
        else:
            for p, _ in points:
                if relative_label(t.populations, p) not in labels:
                    labels.append(relative_label(t.populations, p))
            xs = [float(labels.index(relative_label(t.populations, p))) for p, _ in points]
        ys = [s.p for _, s in points]
        low = [s.p - s.interval[0] for _, s in points]
        high = [s.interval[1] - s.p for _, s in points]
        offset = 0.04 * (index - (len(series) - 1) / 2)  # keep overlapping error bars apart
        axes.errorbar([x + offset for x in xs], ys, yerr=[low, high], capsize=3, label=t.label, **series_style(index))
    if axis == "size":
        from matplotlib.ticker import MaxNLocator

        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_xlabel("gates above s_min")
    else:
        axes.set_xticks(range(len(labels)), labels, rotation=20, ha="right")
        axes.set_xlabel("depth bound, gates above the smallest size it allows")
    axes.set_ylabel("search share p")
    axes.set_ylim(-0.05, 1.05)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return _svg(figure)
