"""Text and JSON views of a solve outcome (what `circuits solve` prints).

Wording is deliberate: "minimal" appears only when every smaller bound was proven impossible; a search
cut by its time limit says "best found k, proven ≥ j".
"""

from __future__ import annotations

from typing import Any

from circuits.truthtable import counted
from sat_encoding.api import SolveOutcome
from sat_encoding.enumerate import Enumeration
from sat_encoding.result import SynthesisResult


def _result_line(result: SynthesisResult) -> str:
    measure = result.objective if result.objective in ("size", "depth") else "size"
    if result.optimal:
        below = result.lower_bound - 1
        proof = f"{measure} {below} proven impossible" if below >= 0 else "nothing smaller exists"
        return f"{result.value} (minimal: {proof})"
    return f"best found {result.value}, proven >= {result.lower_bound} (time limit reached)"


def solve_text(outcome: SolveOutcome) -> str:
    """The readable report of a solve."""
    table = outcome.table
    lines = [
        f"function   {table.describe()}  ({counted(table.n, 'input')}, {counted(table.m, 'output')})",
        f"basis      {outcome.basis}",
    ]
    if outcome.objective == "frontier":
        lines.append("frontier   (minimum size at each depth)")
        lines.append("  depth  size  optimal")
        for result in outcome.results:
            proof = "yes" if result.optimal else f"no: best found {result.size}, proven >= {result.lower_bound}"
            lines.append(f"  {result.depth_budget:>5}  {result.size:>4}  {proof}")
    else:
        result = outcome.results[0]
        if outcome.objective == "depth":
            lines.append(f"depth      {_result_line(result)}")
            size_note = "minimal at this depth" if result.optimal else "not proven minimal"
            lines.append(f"size       {result.size} ({size_note})")
        else:
            lines.append(f"size       {_result_line(result)}")
            lines.append(f"depth      {result.depth}")
    seconds = sum(r.seconds for r in outcome.results)
    lines.append(f"seconds    {seconds:.3f}  (solver {outcome.results[0].solver})")
    lines.extend(certificate_lines(outcome.results))
    for index, result in enumerate(outcome.results):
        enumeration = outcome.enumerations[index] if outcome.enumerations else None
        if outcome.objective == "frontier":
            lines.append("")
            lines.append(f"depth {result.depth_budget}, size {result.size}:")
        if enumeration is None:
            lines.extend("  " + line for line in result.circuit.listing())
            continue
        status = "complete" if enumeration.complete else "incomplete (limit or time cut it)"
        what = "optimal circuit(s)" if outcome.enumerated_size is None else f"circuit(s) of {outcome.enumerated_size} gates"
        lines.append(f"{enumeration.count} {what} up to isomorphism, {status}{_engine_note(enumeration)}")
        if outcome.count_only:
            continue
        for number, circuit in enumerate(enumeration.circuits, 1):
            lines.append(f"  circuit {number}:")
            lines.extend("    " + line for line in circuit.listing())
    return "\n".join(lines)


def _engine_note(enumeration: Enumeration) -> str:
    """Which engine listed them; for topology families, over how many shapes."""
    if enumeration.engine == "topology":
        shapes = "shapes not generated within the time limit" if enumeration.shapes is None else f"{enumeration.shapes} shapes"
        return f" (topology engine, {shapes})"
    return ""


def certificate_lines(results: list[SynthesisResult]) -> list[str]:
    """One line per certified result: how many refutations back it and how they were checked."""
    lines = []
    for result in results:
        doc = result.certificate
        if doc is None:
            continue
        proofs = sum(1 for entry in doc["unsat"] if any(c.startswith("drup") for c in entry["checked_by"]))
        where = f"depth {result.depth_budget}: " if result.depth_budget is not None else ""
        status = "yes" if doc["certified"] else f"NOT fully ({len(doc['not_certified'])} bounds left by the time limit)"
        by_shapes = sum(1 for entry in doc["unsat"] if entry["checked_by"][0].startswith("topology engine"))
        where_refuted = "on the plain encoding" if not by_shapes else f"({by_shapes} of them shape by shape, topology engine)"
        lines.append(
            f"certified  {where}{status}: {len(doc['unsat'])} smaller circuits refuted again by "
            f"{doc['second_opinion']} {where_refuted}, {proofs} DRUP proofs checked "
            f"({doc['seconds']:.3f} s)"
        )
    return lines


def solve_document(outcome: SolveOutcome) -> dict[str, Any]:
    """The `--json` document of a solve, with the fields docs/cli.md promises."""
    document = outcome.results[-1].to_dict() if outcome.objective == "frontier" else outcome.results[0].to_dict()
    document["objective"] = outcome.objective
    if outcome.objective == "frontier":
        document["frontier"] = [
            {
                "depth": r.depth_budget,
                "size": r.size,
                "optimal": r.optimal,
                "circuit": r.circuit.to_dict(),
                "certificate": r.certificate,
            }
            for r in outcome.results
        ]
        document["seconds"] = round(sum(r.seconds for r in outcome.results), 6)
    if outcome.enumerations:
        if outcome.objective == "frontier":
            for point, enumeration in zip(document["frontier"], outcome.enumerations):
                point.update(enumeration_fields(enumeration))
        else:
            document.update(enumeration_fields(outcome.enumerations[0], outcome.count_only))
            if outcome.enumerated_size is not None:
                document["enumerated_size"] = outcome.enumerated_size
    return document


def enumeration_fields(enumeration: Enumeration, count_only: bool = False) -> dict[str, Any]:
    fields: dict[str, Any] = {} if count_only else {"circuits": [c.to_dict() for c in enumeration.circuits]}
    fields.update(count=enumeration.count, complete=enumeration.complete, enumeration_engine=enumeration.engine)
    if enumeration.engine == "topology":
        fields["shapes"] = enumeration.shapes
        fields["shape_seconds"] = [round(t.seconds, 6) for t in enumeration.shape_times]
    return fields
