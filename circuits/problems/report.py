"""What ``circuits problems list`` and ``circuits problems show`` print: JSON documents and text.

The list is built without SAT (it must stay fast); ``show`` adds the validity report, whose SAT parts
(s_min, witness size) run under the caller's time limit.
"""

from __future__ import annotations

from typing import Any

from circuits.problems.kernels import iter_kernel_names
from circuits.problems.model import SearchProblem, answer_codes, selection_table
from circuits.problems.references import REFERENCE_NAMES, reference_annotations, references
from circuits.problems.sop import minimum_cover
from circuits.problems.tables import cube_literals
from circuits.problems.validity import Validity, check_problem
from circuits.truthtable import to_hex


def reference_sizes(problem: SearchProblem) -> dict[str, int | None]:
    refs = references(problem)
    return {name: (refs[name].circuit.size if name in refs else None) for name in REFERENCE_NAMES}


def list_entry(problem: SearchProblem) -> dict[str, Any]:
    """One row of ``problems list --json`` (the shape docs/cli.md fixes, plus flags)."""
    validity = check_problem(problem)
    return {
        "name": problem.name,
        "id": problem.suite_id,
        "kind": problem.kind,
        "inputs": problem.n,
        "outputs": len(problem.outputs),
        "candidates": problem.m,
        "mode": problem.mode,
        "family": problem.family,
        "references": reference_sizes(problem),
        "flags": {
            "uniform": problem.uniform,
            "transparent": validity.transparent,
            "degenerate": validity.degenerate,
            "goal": bool(problem.goal_inputs),
            "monotone": problem.monotone_basis,
        },
    }


def list_text(entries: list[dict[str, Any]]) -> str:
    header = ["name", "id", "kind", "n", "m", "mode", "bf", "dp", "dnf", "lookup", "flags"]
    rows = []
    for e in entries:
        refs = e["references"]
        rows.append(
            [
                e["name"],
                e["id"] or "",
                e["kind"],
                str(e["inputs"]),
                str(e["candidates"]),
                e["mode"] + (f"/{e['outputs']}" if e["outputs"] > 1 else ""),
                *(("-" if refs[k] is None else str(refs[k])) for k in REFERENCE_NAMES),
                _flag_text(e["flags"]),
            ]
        )
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [header] + rows]
    lines.append("")
    lines.append(
        "n inputs, m candidates; bf/dp/dnf/lookup = reference circuit sizes (gates, b2). Flags: U uniform, "
        "T transparent witness, D degenerate: the non-degeneracy test fails (decided without SAT; 'D?' needs s_min, "
        "see `problems show`; the study uses the same test and the same word), G goal as input, M monotone. "
        "Without U, or with T, a problem is not informative whatever D says."
    )
    return "\n".join(lines)


def _flag_text(flags: dict[str, Any]) -> str:
    parts = []
    if flags["uniform"]:
        parts.append("U")
    if flags["transparent"]:
        parts.append("T")
    parts.append({True: "D", False: "", None: "D?"}[flags["degenerate"]])
    if flags.get("goal"):
        parts.append("G")
    if flags["monotone"]:
        parts.append("M")
    return " ".join(p for p in parts if p)


def show_document(problem: SearchProblem, validity: Validity) -> dict[str, Any]:
    refs = references(problem)
    return {
        "problem": problem.to_dict(),
        "references": {
            name: {
                "size": ref.circuit.size,
                "depth": ref.circuit.depth,
                "note": ref.note,
                "annotations": {label: sorted(nodes) for label, nodes in sorted(reference_annotations(problem, name).items())},
                "circuit": ref.circuit.to_dict(),
            }
            for name, ref in refs.items()
        },
        "validity": validity.to_dict(),
    }


def describe_table(problem: SearchProblem, table: int) -> str:
    """A readable formula for a small table: its cube, else its minimum sum of products."""
    names = problem.input_names
    literals = cube_literals(problem.n, table)
    if table == 0:
        return "0"
    if literals is not None:
        return " & ".join(("" if pos else "~") + names[j] for j, pos in literals) or "1"
    products = minimum_cover(problem.n, table)
    return " | ".join(f"({p.describe(names)})" if p.size > 1 else p.describe(names) for p in products)


def show_text(problem: SearchProblem, validity: Validity) -> str:
    from circuits.draw import ascii_diagram

    n = problem.n
    lines = [f"{problem.name}" + (f" ({problem.suite_id})" if problem.suite_id else "") + f": {problem.description}"]
    lines.append(
        f"kind {problem.kind}, mode {problem.mode}, {n} inputs, {problem.m} candidates, "
        f"{len(problem.outputs)} output(s), uniform {'yes' if problem.uniform else 'no'}"
        + (f", family {problem.family}" if problem.family else "")
    )
    lines.append("inputs: " + " ".join(f"x{j}={name}" for j, name in enumerate(problem.input_names)))
    lines.append("outputs: " + " ".join(to_hex(t, n) for t in problem.outputs))
    lines.append("")
    lines.append("candidates (verifier table, formula):")
    codes, _ = answer_codes(problem)
    for i, c in enumerate(problem.candidates):
        extra = ""
        if problem.mode != "exists":
            value = sum(bit << h for h, bit in enumerate(codes[i]))
            extra = f"  answer {value}, selected {to_hex(selection_table(problem, i), n)}"
        lines.append(f"  {c.name:<16} {to_hex(c.verifier, n)}  {describe_table(problem, c.verifier)}{extra}")
    if problem.states:
        lines.append("state predicates:")
        for s in problem.states:
            lines.append(f"  {s.name:<16} {to_hex(s.table, n)}  {describe_table(problem, s.table)}")
    derived = list(iter_kernel_names(problem))
    if derived:
        lines.append("states derived from the candidates (kernels of their sum of products):")
        lines += [f"  {line}" for line in derived]
    if problem.retargets:
        lines.append("retargets: " + ", ".join(name for name, _ in problem.retargets))
    lines.append("")
    lines.append("reference circuits (b2):")
    refs = references(problem)
    for name, ref in refs.items():
        lines.append(f"  {name:<12} size {ref.circuit.size:>3}  depth {ref.circuit.depth:>2}  {ref.note}")
    lines.append("")
    lines.extend(_validity_lines(validity))
    lines.append("")
    lines.append("brute-force circuit (* verifier, + union/selection):")
    labels = reference_annotations(problem, "brute_force")
    tree = "union" if problem.mode == "exists" else "selection"
    highlight = {"verifier": labels.get("verifier", set()), tree: labels.get(tree, set())}
    lines.append(ascii_diagram(refs["brute_force"].circuit, highlight))
    return "\n".join(lines)


def _validity_lines(v: Validity) -> list[str]:
    def bounds(value: int | None, pair: tuple[int, int | None] | None) -> str:
        if value is not None:
            return str(value)
        if pair is None:
            return "pending (SAT not run)"
        lower, upper = pair
        return f"pending (proven >= {lower}" + (f", best known {upper})" if upper is not None else ")")

    degenerate = {True: "yes", False: "no", None: "pending"}[v.degenerate]
    lines = [
        "validity (docs/problems.md, validity checks):",
        f"  Aut(P) {v.aut_size} permutations, generators {[list(g) for g in v.aut_generators]}; "
        f"Aut(f) {v.function_aut_size}; declared symmetries generate Aut(P): {'yes' if v.declared_symmetries_generate_aut else 'no'}",
        f"  non-trivial candidates {v.nontrivial_candidates}, largest verifier support {v.verifier_max_support}",
        "  witness: "
        + (f"transparent (read off inputs {list(v.witness_inputs)})" if v.witness_inputs is not None else "not transparent")
        + f", minimum size {bounds(v.witness_size, v.witness_size_bounds)}",
        f"  states: {v.derived_states} derived from the candidates; declared but not derived: "
        + (", ".join(v.declared_states_not_derived) or "none"),
        f"  s_bf {v.s_bf}, s_min {bounds(v.s_min, v.s_min_bounds)}, degenerate {degenerate}, uniform {'yes' if v.uniform else 'no'}",
    ]
    lines += [f"  - {reason}" for reason in v.reasons]
    return lines
