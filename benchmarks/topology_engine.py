"""The topology engine against the SSV engine, side by side in one run, and its scaling table.

    python benchmarks/topology_engine.py [--problem PATH4] [--basis aig] [--size K]
                                         [--engines ssv,topology] [--jobs 2] [--timeout S]

For one problem (or a hex table) and one size (default: its minimum), lists every circuit of that
size with each engine in turn, in this process's search worker, and prints the count, whether the
list is complete, and CPU seconds (this process and its children, the search workers included).
Both lists must hold the same isomorphism classes; the script stops with an error if they differ.

Then, from the topology engine's per-shape CPU seconds of that same run, the computed makespan on
N = 1, 2, 8, …, 256 workers (each shape given, in order, to the worker free first: what an
executor's queue does, with no scheduling overhead), and with ``--jobs N`` a measured run on a
local pool of N workers (wall seconds), for comparison with the computed figure.
"""

from __future__ import annotations

import argparse
import sys
import time

from measure import cpu_seconds

from circuits.canonical import canonical_key
from circuits.truthtable import TruthTable, parse_truth_tables
from sat_encoding import enumerate_circuits, minimum_size
from sat_encoding.runner import search_worker_usage
from sat_encoding.shape_enumeration import makespan

WORKERS = (1, 2, 8, 16, 32, 64, 128, 256)


def table_of(name: str) -> TruthTable:
    if name.startswith("0x"):
        return parse_truth_tables([name])
    from circuits.problems.suite import get_problem

    return get_problem(name).truth_table()


def total_cpu() -> float:
    return cpu_seconds() + search_worker_usage()[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problem", default="PATH4", help="a problem name or a hex truth table")
    parser.add_argument("--basis", default="aig")
    parser.add_argument("--size", type=int, default=None, help="gates (default: the minimum)")
    parser.add_argument("--engines", default="ssv,topology")
    parser.add_argument("--jobs", type=int, default=0, help="also run the topology engine on a pool of N workers")
    parser.add_argument("--timeout", type=float, default=None)
    args = parser.parse_args(argv)
    table = table_of(args.problem)
    size = args.size
    if size is None:
        result = minimum_size(table, args.basis)
        assert result.optimal, "the minimum must be proven first"
        size = result.size
    print(f"{args.problem} in {args.basis}, {size} gates")
    print(f"{'engine':<10} {'count':>6} {'complete':>9} {'CPU s':>9} {'wall s':>8} {'shapes':>7}")
    classes: dict[str, set[str]] = {}
    times: list[float] = []
    for engine in args.engines.split(","):
        cpu, wall = total_cpu(), time.perf_counter()
        listed = enumerate_circuits(table, args.basis, size, limit=10**6, timeout=args.timeout, engine=engine)
        cpu, wall = total_cpu() - cpu, time.perf_counter() - wall
        classes[engine] = {canonical_key(c) for c in listed.circuits}
        shapes = str(listed.shapes) if listed.engine == "topology" else "-"
        print(f"{engine:<10} {listed.count:>6} {str(listed.complete):>9} {cpu:>9.1f} {wall:>8.1f} {shapes:>7}")
        if listed.engine == "topology":
            times = [t.seconds for t in listed.shape_times]
    if len({frozenset(keys) for keys in classes.values()}) > 1:
        print("the engines listed different classes", file=sys.stderr)
        return 1
    if times:
        print(f"\nshapes: {len(times)}, CPU s per shape: max {max(times):.3f}, sum {sum(times):.1f}")
        print("computed makespan (s) on N workers: " + ", ".join(f"{n}: {makespan(times, n):.1f}" for n in WORKERS))
    if args.jobs:
        from circuits.bench.engine import ExecutorSpec, open_parts_solver

        with open_parts_solver(ExecutorSpec(args.jobs)) as parts:
            wall = time.perf_counter()
            listed = enumerate_circuits(table, args.basis, size, limit=10**6, timeout=args.timeout, engine="topology", parts=parts)
            wall = time.perf_counter() - wall
        print(f"measured on a pool of {args.jobs} workers: {listed.count} circuits, complete {listed.complete}, {wall:.1f} s wall")
    return 0


if __name__ == "__main__":
    sys.exit(main())
