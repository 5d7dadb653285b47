"""The hard single functions of issue 4: majority of 5, a seeded sample of random 5-input functions,
and the study's 6-input search problems (minimum proven, then every optimum enumerated).

    python benchmarks/exact_cases.py maj5 [--solver NAME] [--timeout S] [--certify]
    python benchmarks/exact_cases.py random5 [--count 20] [--seed 2024] [--timeout S]
    python benchmarks/exact_cases.py problems [--names path4,tri4] [--enumerate] [--timeout S]

Each case prints its optimum (or "best found, proven >= bound" when the time limit cut it), CPU and
wall seconds; the summary adds the median and maximum time and the peak memory of any one process.
Every search runs in its own killable worker process (the library's time limit), so CPU seconds
include the workers and peak memory is per job.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys

from measure import Stopwatch, peak_rss_mb

from circuits.truthtable import TruthTable, parse_truth_tables


def solve_case(
    name: str, table: TruthTable, solver: str | None, timeout: float, enumerate_all: bool, certify: bool = False
) -> dict:
    import sat_encoding
    from sat_encoding import certify as certification

    watch = Stopwatch().start()
    result = sat_encoding.minimum_size(table, solver=solver, timeout=timeout)
    assert result.circuit is not None and result.circuit.computes(table)
    case = {
        "name": name,
        "table": table.hex_outputs(),
        "size": result.size,
        "optimal": result.optimal,
        "lower_bound": result.lower_bound,
        "cpu_seconds": round(watch.cpu(), 2),
        "wall_seconds": round(watch.wall(), 2),
    }
    if certify:
        # Measured apart from the search: the same claims solve --certify makes (every k below the bound).
        watch = Stopwatch().start()
        doc = certification.certify(
            table, "b2", result.solver, certification.size_claims(result.lower_bound), timeout
        )
        case["certified"] = doc["certified"]
        case["certificate_checks"] = [e["checked_by"] for e in doc["unsat"]]
        case["certification_cpu_seconds"] = round(watch.cpu(), 2)
        case["certification_wall_seconds"] = round(watch.wall(), 2)
    if enumerate_all and result.optimal:
        watch = Stopwatch().start()
        found = sat_encoding.enumerate_circuits(table, size=result.size, limit=100_000, timeout=timeout, solver=solver)
        assert all(c.computes(table) and c.size == result.size for c in found.circuits)
        case["optima"] = found.count
        case["enumeration_complete"] = found.complete
        case["enumeration_cpu_seconds"] = round(watch.cpu(), 2)
        case["enumeration_wall_seconds"] = round(watch.wall(), 2)
    return case


def cases(args: argparse.Namespace) -> list[tuple[str, TruthTable]]:
    if args.suite == "maj5":
        return [("maj5", parse_truth_tables(["0xfee8e880"]))]
    if args.suite == "random5":
        rng = random.Random(args.seed)
        return [(f"rand5-{i}", TruthTable.from_bits(5, [rng.getrandbits(32)])) for i in range(args.count)]
    from circuits.problems.suite import get_problem

    return [(name, get_problem(name).truth_table()) for name in args.names.split(",")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("suite", choices=["maj5", "random5", "problems"])
    parser.add_argument("--solver", default=None)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per search (default 600)")
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--names", default="path4,tri4")
    parser.add_argument("--enumerate", action="store_true", help="also enumerate every optimum (problems)")
    parser.add_argument("--certify", action="store_true", help="also certify the bound (timed apart from the search)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    watch = Stopwatch().start()
    results = []
    for name, table in cases(args):
        case = solve_case(name, table, args.solver, args.timeout, args.enumerate, args.certify)
        results.append(case)
        if not args.json:
            status = f"size {case['size']} (minimal)" if case["optimal"] else (
                f"best found {case['size']}, proven >= {case['lower_bound']}"
            )
            extra = ""
            if "optima" in case:
                extra = f"; {case['optima']} optima{'' if case['enumeration_complete'] else ' (incomplete)'} in {case['enumeration_cpu_seconds']} CPU s"
            if "certified" in case:
                extra += f"; certification {'complete' if case['certified'] else 'cut'} in {case['certification_cpu_seconds']} CPU s"
            print(f"{name:12s} {' '.join(case['table'])}: {status}, {case['cpu_seconds']} CPU s, {case['wall_seconds']} wall s{extra}", flush=True)
    times = [c["cpu_seconds"] for c in results]
    summary = {
        "suite": args.suite,
        "cases": results,
        "proven": sum(1 for c in results if c["optimal"]),
        "median_cpu_seconds": round(statistics.median(times), 2),
        "max_cpu_seconds": round(max(times), 2),
        "cpu_seconds": round(watch.cpu(), 2),
        "wall_seconds": round(watch.wall(), 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print(
            f"{summary['proven']}/{len(results)} proven; median {summary['median_cpu_seconds']} CPU s, "
            f"max {summary['max_cpu_seconds']} CPU s; total CPU {summary['cpu_seconds']} s, wall "
            f"{summary['wall_seconds']} s; peak memory {summary['peak_rss_mb']} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
