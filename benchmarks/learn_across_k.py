"""Learning across k, measured: the size search with one solver for every k against a fresh one per k.

    python benchmarks/learn_across_k.py [--cases npn4,maj5,five] [--tables 0x...,0x...] [--rounds R] [--json]

Both searches run in this process (``size_search`` called directly, no worker process), one after
the other on the same instance, so CPU seconds (``time.process_time``, the solvers included) are
side by side. Before either is timed, everything both share is computed once: the 3-input optimum
table, the heuristic circuit and the gate-elimination bounds (for 5 inputs, the exact costs of the
4-input restrictions), so neither pays for the other's caches. Cases:

* ``npn4``: one representative of each of the 222 NPN classes of 4-input functions, minimum ``b2``
  size; the sweep is timed ``--rounds`` times each way in the order fresh, across, across, fresh …
  (so a drift of the machine's load falls on both), and every class's minimum must agree;
* ``maj5``: majority of 5 (``0xfee8e880``);
* ``five``: 5-input functions given by ``--tables`` (by default the three this repository's
  measurement used; docs/design.md says how they were picked).

Per instance: the minimum each way (they must agree, and every circuit is simulated against the
table by the library), CPU seconds each way, the ratio across/fresh, and the CPU seconds spent at
each k (from one bound to the next), which shows where the time goes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from circuits.npn import npn_classes
from circuits.truthtable import TruthTable
from sat_encoding.bounds import fanout_limits, size_lower_bound
from sat_encoding.decompose import top_gate
from sat_encoding.heuristic import heuristic_circuit
from sat_encoding.runner import Bound, Found
from sat_encoding.size import size_search
from sat_encoding.spec import prepare

MAJ5 = "0xfee8e880"
#: 5-input functions whose minimum the fresh search proves in 10–120 CPU s (docs/design.md).
FIVE_INPUT_DEFAULTS = ()


def warm(table: TruthTable, basis: str) -> None:
    """Fill the caches both searches share, so that the first one timed does not pay for them."""
    spec = prepare(table, basis)
    if not spec.targets:
        return
    top = top_gate(table, spec.basis)
    if top is not None:
        warm(top.rest, basis)
        return
    upper = heuristic_circuit(table, basis).size
    size_lower_bound(spec)
    for gates in range(upper + 1):
        fanout_limits(spec, gates)


def timed_search(table: TruthTable, basis: str, across_k: bool) -> dict:
    """The proven minimum, the search's CPU seconds, and the CPU seconds of each k it asked the
    solver about (an UNSAT k ends with the bound k + 1, the SAT one with its circuit)."""
    start = time.process_time()
    per_k: dict[int, float] = {}
    bounds: list[int] = []
    found: list[int] = []
    mark = start
    for event in size_search(table, basis, "auto", across_k=across_k):
        now = time.process_time()
        if isinstance(event, Bound):
            if bounds:
                per_k[event.value - 1] = round(now - mark, 3)
            bounds.append(event.value)
        elif isinstance(event, Found):
            event.circuit.verify(table)
            if found:
                per_k[event.circuit.size] = round(now - mark, 3)
            found.append(event.circuit.size)
        mark = now
    minimum = min(found)
    assert minimum == max(bounds), f"{table.hex_outputs()}: best {minimum}, proven only >= {max(bounds)}"
    return {"minimum": minimum, "cpu_seconds": time.process_time() - start, "per_k": per_k}


def side_by_side(name: str, table: TruthTable, basis: str, across_first: bool) -> dict:
    warm(table, basis)
    order = (True, False) if across_first else (False, True)
    runs = {flag: timed_search(table, basis, flag) for flag in order}
    fresh, across = runs[False], runs[True]
    assert fresh["minimum"] == across["minimum"], f"{name}: fresh {fresh['minimum']} against {across['minimum']}"
    return {
        "name": name,
        "table": table.hex_outputs(),
        "minimum": fresh["minimum"],
        "fresh_cpu_seconds": round(fresh["cpu_seconds"], 2),
        "across_cpu_seconds": round(across["cpu_seconds"], 2),
        "ratio": round(across["cpu_seconds"] / max(fresh["cpu_seconds"], 1e-9), 3),
        "fresh_per_k": fresh["per_k"],
        "across_per_k": across["per_k"],
    }


def sweep(basis: str, rounds: int) -> dict:
    """The 222-class sweep, ``rounds`` times each way in the order fresh, across, across, fresh, …"""
    tables = [TruthTable.from_bits(4, [bits]) for bits, _ in npn_classes(4)]
    for table in tables:
        warm(table, basis)
    totals = {False: 0.0, True: 0.0}
    minima: dict[bool, list[int]] = {}
    for r in range(2 * rounds):
        flag = (r % 4) in (1, 2)
        start = time.process_time()
        minima[flag] = [timed_search(t, basis, flag)["minimum"] for t in tables]
        totals[flag] += time.process_time() - start
    disagree = [hex(t.outputs[0]) for t, a, b in zip(tables, minima[False], minima[True]) if a != b]
    assert not disagree, f"the minima disagree on {disagree}"
    return {
        "name": "npn4",
        "classes": len(tables),
        "rounds": rounds,
        "fresh_cpu_seconds": round(totals[False] / rounds, 2),
        "across_cpu_seconds": round(totals[True] / rounds, 2),
        "ratio": round(totals[True] / totals[False], 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default="npn4,maj5,five")
    parser.add_argument("--tables", default=",".join(FIVE_INPUT_DEFAULTS), help="5-input functions for 'five'")
    parser.add_argument("--rounds", type=int, default=2, help="timings per direction of the npn4 sweep")
    parser.add_argument("--basis", default="b2")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = []
    for case in args.cases.split(","):
        if case == "npn4":
            found = [sweep(args.basis, args.rounds)]
        elif case == "maj5":
            found = [side_by_side("maj5", TruthTable.from_bits(5, [int(MAJ5, 16)]), args.basis, False)]
        elif case == "five":
            texts = [t for t in args.tables.split(",") if t]
            found = [
                side_by_side(text, TruthTable.from_bits(5, [int(text, 16)]), args.basis, across_first=i % 2 == 1)
                for i, text in enumerate(texts)
            ]
        else:
            parser.error(f"unknown case {case!r}")
        results += found
        if not args.json:
            for r in found:
                print(
                    f"{r['name']:12s} minimum {r.get('minimum', '-')}: fresh {r['fresh_cpu_seconds']} CPU s, "
                    f"across {r['across_cpu_seconds']} CPU s, ratio {r['ratio']}"
                    + (f"; per k fresh {r['fresh_per_k']} across {r['across_per_k']}" if "fresh_per_k" in r else ""),
                    flush=True,
                )
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
