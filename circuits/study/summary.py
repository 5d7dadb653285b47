"""The study's two compact outputs: the ``--json`` document and the terminal summary table.

The JSON document keeps the contract of docs/cli.md (``problems: [{name, basis, s_bf, s_min, d_min,
minimal_circuits, complete, max_score_min_size, max_score_min_depth, verdict}], report``) and adds
the bounds, medians, frontier scores, families and run costs, and the locally-minimal tier in its
own list (``locally_minimal``: one row per improvement trajectory, never mixed with the verdict rows);
the full per-circuit data is in the ``study.json`` file written next to the report.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from circuits.study.evidence import suite_selection
from circuits.study.protocol import StudyRun
from circuits.study.results import TargetResult
from circuits.study.verdicts import VERDICTS


def study_document(run: StudyRun, report: str | None, data: str | None = None) -> dict[str, Any]:
    """The ``--json`` document."""
    return {
        "problems": [t.summary_row() | {"reasons": list(t.verdict.reasons) if t.verdict else []} for t in run.targets],
        "verdicts": dict(Counter(t.verdict.verdict for t in run.targets if t.verdict)),
        "selection": suite_selection(run.targets),
        "locally_minimal": local_rows(run),
        "families": run.families,
        "report": report,
        "data": data,
        "config": {
            "bases": list(run.config.bases),
            "timeout": run.config.timeout,
            "limit": run.config.limit,
            "n1_extra": list(run.config.n1_extra),
            "n1_limit": run.config.n1_limit,
            "population_timeout": run.config.population_timeout,
            "depth_populations": run.config.depth_populations,
            "decoys": run.config.decoys,
            "seed": run.config.seed,
            "solver": run.config.solver,
        },
        "jobs": run.jobs_by_stage,
        "computed": run.computed,
        "reused": run.reused,
        "cpu_seconds": round(run.cpu_seconds, 3),
        "total_cpu_seconds": round(run.total_cpu_seconds, 3),
        "wall_seconds": round(run.wall_seconds, 3),
    }


def local_rows(run: StudyRun) -> list[dict[str, Any]]:
    """One row per improvement trajectory, with its points' size, depth and S."""
    return [
        {"name": t.problem.name, "basis": t.basis}
        | lt.summary()
        | {"trajectory": [{"size": p.circuit.size, "depth": p.circuit.depth, "score": p.score} for p in lt.points]}
        for t in run.targets
        for lt in t.local
    ]


def full_document(run: StudyRun) -> dict[str, Any]:
    """Everything: every circuit, its analysis and every set, for ``study.json``."""
    return study_document(run, None) | {"targets": [t.to_dict() for t in run.targets]}


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _bounds(exact: int | None, bounds: list[int | None]) -> str:
    """``7`` when proven, ``7..9`` when only bounded, ``>=7`` without any circuit."""
    if exact is not None:
        return str(exact)
    lower, upper = bounds
    return f">={lower}" if upper is None else f"{lower}..{upper}"


def _count(target: TargetResult) -> str:
    cs = target.size_set
    if not cs.proven:
        return "-"
    return f"{len(cs.circuits)}" + ("" if cs.complete else "+")


def _max_median(maximum: float | None, median: float | None) -> str:
    return "-" if maximum is None else f"{maximum:.2f}/{_score(median)}"


VERDICT_STYLES = {
    "counterexample": "bold red",
    "search without objective": "magenta",
    "supports": "bold green",
    "no power": "cyan",
    "non-identifiable": "dim",
    "degenerate": "dim",
    "not informative": "dim",
    "unresolved": "yellow",
}


def summary_table(run: StudyRun) -> Any:
    """A rich Table: one row per (problem, basis)."""
    from rich.table import Table

    table = Table(title="Conjecture study: are minimal circuits search-like?", title_justify="left")
    for header, justify in (
        ("problem", "left"), ("basis", "left"), ("s_bf", "right"), ("s_min", "right"), ("d_min", "right"),
        ("#min", "right"), ("S size max/med", "right"), ("S depth max/med", "right"),
        ("S frontier max/med", "right"), ("decoy pct", "right"), ("O max", "right"), ("verdict", "left"),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for t in run.targets:
        row = t.summary_row()
        pct = row["decoy_percentile"]
        verdict = row["verdict"] or "-"
        table.add_row(
            t.problem.name + ("" if t.problem.kind == "search" else " (control)"),
            t.basis,
            "-" if t.s_bf is None else str(t.s_bf),
            _bounds(row["s_min"], row["s_min_bounds"]),
            _bounds(row["d_min"], row["d_min_bounds"]),
            _count(t),
            _max_median(row["max_score_min_size"], row["median_score_min_size"]),
            _max_median(row["max_score_min_depth"], row["median_score_min_depth"]),
            _max_median(row["max_score_frontier"], row["median_score_frontier"]),
            "-" if pct is None else f"{pct:.0f}",
            _score(row["max_objective_min_size"]),
            f"[{VERDICT_STYLES.get(verdict, 'default')}]{verdict}[/]" + ("*" if _literal_differs(t) else ""),
        )
    return table


def local_table(run: StudyRun) -> Any:
    """A rich Table of the locally-minimal tier (None when no pair needed it): one row per reference
    and objective, start → local minimum, kept apart from the verdict table."""
    from rich.table import Table

    rows = local_rows(run)
    if not rows:
        return None
    table = Table(
        title="Locally minimal (not proven minima): references improved where an optimum was cut", title_justify="left"
    )
    for header, justify in (
        ("problem", "left"), ("basis", "left"), ("reference", "left"), ("objective", "left"),
        ("start size/depth/S", "right"), ("local min size/depth/S", "right"), ("max S on the way", "right"),
        ("steps", "right"), ("windows proven", "right"),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        start, end = row["start"], row["end"]
        proven = f"{row['proven_windows']}/{row['windows']}" + ("" if row["locally_minimal"] else f" ({row['stop']})")
        table.add_row(
            row["name"], row["basis"], row["reference"], row["objective"],
            f"{start['size']}/{start['depth']}/{_score(start['score'])}",
            f"{end['size']}/{end['depth']}/{_score(end['score'])}",
            _score(row["max_score"]), str(row["steps"]), proven,
        )
    return table


def _literal_differs(t: TargetResult) -> bool:
    return t.verdict is not None and t.literal_verdict not in (None, t.verdict.verdict)


def share_table(run: StudyRun) -> Any:
    """A rich Table: the search share p of every population, with its interval and S's mean, and the
    pair's selection answers (circuits/study/evidence.py)."""
    from rich.table import Table

    from circuits.study.evidence import relative_label

    table = Table(title="Search share by size and depth", title_justify="left")
    for header, justify in (
        ("pair", "left"), ("population", "left"), ("circuits", "right"), ("scored", "right"), ("p [95%]", "right"),
        ("mean S", "right"), ("selection", "left"),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for t in run.targets:
        for index, p in enumerate(t.populations):
            share, dist = p.share(t.goal_problem), p.distribution()
            first_of_axis = index == 0 or t.populations[index - 1].axis != p.axis
            answer = t.selection.get(p.axis, {}).get("answer", "") if first_of_axis else ""
            name = f"{relative_label(t.populations, p)} ({p.label})"
            if share is None:
                why = p.note or ("empty" if p.method and p.total == 0 else "not measured")
                table.add_row(t.label, name, "-", "-", why[:60], "-", answer)
                continue
            lo, hi = share.interval
            table.add_row(
                t.label, name, f"{p.total}" if p.total_exact else f"~{p.total}", str(share.scored),
                f"{share.p:.2f} exact" if share.exact else f"{share.p:.2f} [{lo:.2f},{hi:.2f}]",
                "-" if dist is None else f"{dist.mean:.2f}", f"{p.axis}: {answer}" if answer else "",
            )
    return table


def footer_lines(run: StudyRun, report: str | None) -> list[str]:
    """What follows the table: the selection answers and power, the verdict count, the legend, the
    costs and where the report is."""
    from circuits.study.report_evidence import power_line, selection_lines

    counts = Counter(t.verdict.verdict for t in run.targets if t.verdict)
    differing = [f"{t.label}: {t.literal_verdict}" for t in run.targets if _literal_differs(t)]
    lines = [
        *selection_lines(run),
        power_line(run),
        "verdicts: " + ", ".join(f"{counts.get(v, 0)} {v}" for v in VERDICTS if counts.get(v)),
        "search share: p = share of a population's circuits (all of the basis at that size and depth bound, up to "
        "isomorphism) clearing the bar; 'exact' when every one was scored, else a 95% Wilson interval; '~': size "
        "estimated by sampling; a listing cut by its limit before 10,000 circuits is not sampled (docs/study.md)",
        "#min: minimum-size circuits up to isomorphism ('+': enumeration incomplete); S max/med over each set; "
        "a..b: proven bounds when a search was cut; decoy pct: the best minimal circuit's percentile among its decoys; "
        "O max: the objective axis of the minimum-size circuits (goal-as-input problems only)",
        f"jobs: {run.computed} computed, {run.reused} reused from the store; "
        f"{run.cpu_seconds:.1f} CPU s in workers this run ({run.total_cpu_seconds:.1f} behind all results), "
        f"{run.wall_seconds:.1f} s wall",
    ]
    if any(t.local for t in run.targets):
        window = next(lt.limits for t in run.targets for lt in t.local)
        lines.append(
            "locally minimal: a local minimum under windows of at most "
            f"{window['window_inputs']} inputs and {window['window_gates']} gates, not a proven minimum; "
            "windows proven: the windows of the final circuit shown not improvable (all of them: locally minimal)"
        )
    if differing:
        lines.append("*: under the literal bar (enumerative structure only, docs/study.md) the verdict is " + "; ".join(differing))
    if report is not None:
        lines.append(f"report: {report}")
    return lines
