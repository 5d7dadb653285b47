"""The terminal report of ``circuits analyze``: one table per circuit, then the evidence in words."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from circuits.analysis.analyze import CircuitAnalysis
from circuits.analysis.problem import ProblemAnalysis
from circuits.analysis.narrative import evidence_lines

#: Rows of the per-circuit table, in reading order: score components, then the reported extras.
METRIC_ROWS = (
    ("cc", "CC  candidate coverage"),
    ("cc_dc", "CC_dc  don't-care coverage"),
    ("cc_eps", "CC_ε  Hamming coverage"),
    ("iia", "IIA  mean single-variable"),
    ("iia_multi", "IIA multi-variable"),
    ("ccm", "CCm  mediated coverage"),
    ("ag", "AG  aggregation"),
    ("rep", "REP  repetition"),
    ("pc", "PC  state coverage"),
    ("pcm", "PCm  mediated states"),
    ("agp", "AGp  DP steps"),
    ("rep_s", "REP_S  state repetition"),
    ("eq", "EQ  equivariance"),
    ("n_eff", "N_eff  breadth"),
    ("dlr", "DLR  description length"),
    ("va", "VA  reference vocabulary"),
    ("rt", "RT  retargetability"),
    ("goal_locality", "goal cone share"),
    ("o", "O  objective explicitness"),
    ("ll", "LL  lookup-likeness"),
    ("fault_robustness", "fault robustness"),
)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def circuit_table(result: CircuitAnalysis) -> Table:
    table = Table(title=f"{result.name} ({result.kind}): {result.size} gates, depth {result.depth}", title_justify="left")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, label in METRIC_ROWS:
        if key in result.metrics:
            table.add_row(label, _fmt(result.metrics[key].value))
    table.add_section()
    table.add_row("S_enum", _fmt(result.s_enum))
    table.add_row("S_prop", _fmt(result.s_prop))
    table.add_row("μ_decoy", f"{_fmt(result.mu_decoy)} ({result.decoys} decoys)")
    table.add_row("decoy percentile", "n/a" if result.decoy_percentile is None else f"{result.decoy_percentile:.1f}")
    table.add_row("S", _fmt(result.score))
    table.add_row("verdict", result.verdict)
    return table


def print_report(analysis: ProblemAnalysis, console: Console | None = None) -> None:
    console = console or Console()
    flags = ", ".join(f"{k} {'pending' if v is None else ('yes' if v else 'no')}" for k, v in analysis.flags.items())
    console.print(f"problem {analysis.problem}: {flags}")
    for reason in analysis.reasons:
        console.print(f"  note: {reason}")
    for result in analysis.circuits:
        console.print()
        console.print(circuit_table(result))
        for line in evidence_lines(result):
            console.print(f"  - {line}", highlight=False)
    if analysis.controls:
        console.print()
        console.print(controls_table(analysis))


def controls_table(analysis: ProblemAnalysis) -> Table:
    """The identifiability controls: non-search circuits scored against the formulation."""
    verdict = {True: "identifiable", False: "NOT identifiable", None: "not checked"}[analysis.flags.get("identifiable")]
    table = Table(title=f"non-search controls ({verdict}: every control must score S < 0.8)", title_justify="left")
    for header in ("control", "gates", "computes f", "S", "S_enum", "S_prop", "LL"):
        table.add_column(header, justify="left" if header == "control" else "right")
    for name, row in analysis.controls.items():
        table.add_row(name, str(row["size"]), "yes" if row["computes"] else "no", _fmt(row["score"]),
                      _fmt(row["s_enum"]), _fmt(row["s_prop"]), _fmt(row["ll"]))
    return table
