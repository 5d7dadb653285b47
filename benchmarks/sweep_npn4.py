"""The 222-class sweep: minimum size (or depth) of one representative of every 4-input NPN class.

    python benchmarks/sweep_npn4.py [--basis b2|aig|xaig] [--objective size|depth]
                                    [--solver NAME] [--jobs N] [--timeout S] [--certify] [--json]
                                    [--engine auto|ssv|topology]

Prints CPU seconds (this process plus its workers), wall seconds, peak resident memory of any one
process, the number of classes and functions per optimal value, and, for b2 sizes, the comparison
with Knuth's table (TAOCP 7.1.2). Every circuit is verified by the library before it is counted.
One representative per class is a speed benchmark, not a soundness check: a rule that depends on a
function's own symmetries is only exercised when every function is solved, which
``circuits bench all4`` does (65,536 jobs, checked against Knuth's per-function counts).
To compare with an earlier version of the project, run the same script against that checkout:
``git worktree add /tmp/prev <commit> && PYTHONPATH=/tmp/prev python benchmarks/sweep_npn4.py``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
from collections import Counter

from measure import Stopwatch, cpu_seconds, peak_rss_mb

from circuits.bench.published import KNUTH_CLASSES_PER_COST, KNUTH_FUNCTIONS_PER_COST
from circuits.npn import npn_classes
from circuits.truthtable import TruthTable



def solve_class(job: tuple[int, str, str, str | None, float | None, bool, str]) -> tuple[int, int, bool, int, float, int]:
    """(representative, best value, proven, proven lower bound, CPU seconds incl. worker processes,
    DRUP proofs checked; -1 when the bounds were not certified or certification was not asked for)."""
    import sat_encoding

    bits, basis, objective, solver, timeout, certify, engine = job
    start = cpu_seconds()
    table = TruthTable.from_bits(4, [bits])
    if objective == "depth":
        result = sat_encoding.minimum_depth(table, basis, solver, timeout, certify)
    else:
        result = sat_encoding.minimum_size(table, basis, solver, timeout, certify, engine=engine)
    assert result.circuit is not None and result.circuit.computes(table)
    doc = result.certificate
    proofs = -1 if doc is None or not doc["certified"] else sum(
        any(c.startswith("drup") for c in e["checked_by"]) for e in doc["unsat"]
    )
    return bits, int(result.value), bool(result.optimal), int(result.lower_bound), cpu_seconds() - start, proofs


def run(
    basis: str, objective: str, solver: str | None, jobs: int, timeout: float | None, certify: bool = False, engine: str = "auto"
) -> dict:
    classes = npn_classes(4)
    weight = dict(classes)
    work = [(bits, basis, objective, solver, timeout, certify, engine) for bits, _ in classes]
    watch = Stopwatch().start()
    if jobs == 1:
        results = [solve_class(job) for job in work]
    else:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = list(pool.imap_unordered(solve_class, work, chunksize=1))
    wall, cpu = watch.wall(), watch.cpu()
    by_value: Counter[int] = Counter()
    functions: Counter[int] = Counter()
    for bits, value, proven, _, _, _ in results:
        if proven:
            by_value[value] += 1
            functions[value] += weight[bits]
    slowest = sorted(results, key=lambda r: -r[4])[:5]
    report = {
        "basis": basis,
        "objective": objective,
        "solver": solver,
        "jobs": jobs,
        "classes": len(results),
        "proven": sum(1 for r in results if r[2]),
        "certified": sum(1 for r in results if r[5] >= 0) if certify else None,
        "drup_proofs_checked": sum(r[5] for r in results if r[5] > 0) if certify else None,
        "cpu_seconds": round(cpu, 2),
        "wall_seconds": round(wall, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "classes_by_value": dict(sorted(by_value.items())),
        "functions_by_value": dict(sorted(functions.items())),
        "unproven": [
            {"table": hex(b), "best_found": v, "proven_at_least": low} for b, v, ok, low, _, _ in results if not ok
        ],
        "slowest": [{"table": hex(b), "value": v, "cpu_seconds": round(t, 3)} for b, v, _, _, t, _ in slowest],
    }
    if basis == "b2" and objective == "size":
        report["matches_knuth"] = report["classes_by_value"] == KNUTH_CLASSES_PER_COST and (
            report["functions_by_value"] == KNUTH_FUNCTIONS_PER_COST
        )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--basis", default="b2", choices=["b2", "aig", "xaig"])
    parser.add_argument("--objective", default="size", choices=["size", "depth"])
    parser.add_argument("--solver", default=None)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--engine", default="auto", choices=["auto", "ssv", "topology"], help="size objective only")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per class (default: none)")
    parser.add_argument("--certify", action="store_true", help="certify every class's bounds (sat_encoding/certify.py)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    report = run(args.basis, args.objective, args.solver, args.jobs, args.timeout, args.certify, args.engine)
    if args.json:
        print(json.dumps(report))
    else:
        print(f"{report['classes']} classes ({report['proven']} proven), basis {args.basis}, {args.objective}, jobs {args.jobs}")
        print(f"CPU {report['cpu_seconds']} s, wall {report['wall_seconds']} s, peak memory {report['peak_rss_mb']} MB")
        if args.certify:
            print(f"certified {report['certified']} of {report['classes']} classes, {report['drup_proofs_checked']} DRUP proofs checked")
        print("proven classes by value:  ", report["classes_by_value"])
        print("proven functions by value:", report["functions_by_value"])
        for case in report["unproven"]:
            print(f"  {case['table']}: best found {case['best_found']}, proven >= {case['proven_at_least']}")
        if "matches_knuth" in report:
            print("matches Knuth:", report["matches_knuth"])
        print("slowest:", ", ".join(f"{s['table']} ({s['value']}) {s['cpu_seconds']} s" for s in report["slowest"]))
    return 0 if report["proven"] == report["classes"] and report.get("matches_knuth", True) else 1


if __name__ == "__main__":
    sys.exit(main())
