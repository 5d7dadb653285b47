"""The text `circuits improve` prints: the claim, the trajectory, and what stayed unproven."""

from __future__ import annotations

from circuits.improve.result import ImproveResult
from circuits.truthtable import counted

#: Unproven windows listed by name in the text view (the JSON lists all of them).
LISTED_UNPROVEN = 10


def improve_text(result: ImproveResult, source: str) -> str:
    circuit = result.circuit
    lines = [f"circuit    {source}  ({counted(circuit.inputs, 'input')}, {counted(len(circuit.outputs), 'output')})"]
    lines += result.summary_lines()
    if result.steps:
        lines.append("")
        lines.append("  step  kind       size  depth  window gates -> replacement   seconds")
        for step in result.steps:
            window = "" if step.window is None else f"{step.window_size} -> {step.replacement_size}"
            lines.append(
                f"  {step.index:>4}  {step.kind:<9}  {step.size:>4}  {step.depth:>5}  {window:<26}  {step.seconds:>7.2f}"
            )
    if result.unproven:
        lines.append("")
        lines.append(f"unproven windows ({len(result.unproven)}):")
        for item in result.unproven[:LISTED_UNPROVEN]:
            lines.append(f"  {item.window.describe()}: {item.reason}")
        if len(result.unproven) > LISTED_UNPROVEN:
            lines.append(f"  ... {len(result.unproven) - LISTED_UNPROVEN} more (--json lists all)")
    lines.append("")
    lines.append(f"final circuit ({circuit.size} gates, depth {circuit.depth}):")
    lines.extend("  " + line for line in circuit.listing())
    return "\n".join(lines)
