"""The evidence of an analysis in words, for the terminal report.

A reviewer reads "wire x10 computes candidate 013 (IIA 1.00); x10, x12 feed an OR tree to the
output" faster than a JSON dump, and each sentence here is a direct reading of one metric's
evidence, so the words can never claim more than the numbers.
"""

from __future__ import annotations

from circuits.analysis.analyze import CircuitAnalysis

#: Beyond this many items a sentence lists the first ones and says how many more there are.
LIST_LIMIT = 8


def _listing(items: list[str]) -> str:
    if len(items) <= LIST_LIMIT:
        return ", ".join(items)
    return ", ".join(items[:LIST_LIMIT]) + f" and {len(items) - LIST_LIMIT} more"


def _wires(analysis: CircuitAnalysis, key: str, what: str) -> list[str]:
    metric = analysis.metrics.get(key)
    if metric is None or not metric.evidence.get("aligned"):
        return []
    iia = metric.evidence["iia"]
    return [
        f"wire {'/'.join(wires)} computes {what} {name} (IIA {iia[name]:.2f})"
        for name, wires in metric.evidence["aligned"].items()
    ]


def evidence_lines(analysis: CircuitAnalysis) -> list[str]:
    """One sentence per finding, most direct evidence first."""
    lines = []
    aligned = _wires(analysis, "ccm", "candidate")
    lines += aligned[:LIST_LIMIT]
    if len(aligned) > LIST_LIMIT:
        lines.append(f"... and {len(aligned) - LIST_LIMIT} more candidate wires")
    cc = analysis.metrics["cc"].evidence
    if cc["uncovered"]:
        lines.append(f"no wire computes candidate(s) {_listing(cc['uncovered'])}")
    ag = analysis.metrics["ag"].evidence
    tree_wires = list(dict.fromkeys(w for wires in ag["leaves"].values() for w in wires))
    if ag["aggregated"]:
        lines.append(f"{_listing(tree_wires)} feed an aggregation tree to the output "
                     f"({len(ag['aggregated'])} of {ag['of']} candidates)")
    elif not ag["roots"]:
        lines.append("no output is the union (or selection) of the candidates, so there is no aggregation tree")
    else:
        lines.append("the aggregation tree from the output reaches no single candidate")
    rep = analysis.metrics["rep"]
    for orbit in rep.evidence.get("orbits", []):
        classes = orbit["classes"]
        if len(classes) == 1:
            lines.append(f"candidates {_listing(classes[0])} are computed by one module up to symmetry")
        else:
            lines.append(f"{orbit['covered']} covered candidates of one orbit fall into {len(classes)} module classes")
    states = _wires(analysis, "pcm", "state")
    lines += states[:LIST_LIMIT]
    agp = analysis.metrics.get("agp")
    if agp is not None and agp.value is not None:
        done = [s["step"] for s in agp.evidence["steps"] if s["realized"]]
        lines.append(f"DP steps realized: {_listing(done) if done else 'none'} "
                     f"(of {len(agp.evidence['steps'])})")
    ll = analysis.metrics["ll"].evidence
    triads = ll["mux_triads"]
    if any(triads.values()):
        lines.append(f"mux triads selecting on raw inputs {triads['raw_input']}, on goal inputs {triads['goal']}, "
                     f"on states {triads['state']}, on other wires {triads['other']}")
    if ll["near_minterm"]:
        lines.append(f"near-minterm gates: {_listing(ll['near_minterm'])}")
    if not analysis.computes:
        lines.append("this circuit does not compute the problem's function; it is scored against the formulation anyway")
    return lines
