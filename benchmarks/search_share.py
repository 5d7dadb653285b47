"""What a search-share population costs: listing it (the enumeration) against sampling it (UniGen).

For each (problem, basis, size) the population of circuits/study/population.py is listed under a
time limit, and the hashing sampler draws 50 circuits under the same limit; both report what they
reached and their wall seconds (each runs in a killable worker, so the limit is wall time: on a
loaded machine quote the load next to the figures). This is the measurement behind docs/study.md's
choice of listing first and sampling only sets that hit the 10,000 cap.

Run: ``python benchmarks/search_share.py [--limit SECONDS] [PROBLEM:BASIS:SIZE ...]``
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Callable, TypeVar

from rich.console import Console
from rich.table import Table

from circuits.problems.suite import get_problem
from circuits.study.population import LIST_CAP, enumeration_lister
from sat_encoding.sampling import sample_circuits

T = TypeVar("T")
DEFAULT_CASES = ("p2-4:mono:7", "p2-4:mono:8", "col2-c5:b2:6", "rcirc6-s5:aig:6", "goal-pendant:b2:7")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", default=list(DEFAULT_CASES))
    parser.add_argument("--limit", type=float, default=60.0, help="wall seconds per listing and per sample")
    args = parser.parse_args()
    table = Table(title=f"Search-share populations: list vs sample ({args.limit:g} s each, load {os.getloadavg()[0]:.1f})")
    for header in ("problem", "basis", "gates", "listed", "complete", "sampled", "estimate"):
        table.add_column(header, justify="left" if header in ("problem", "basis") else "right")
    for case in args.cases:
        name, basis, size = case.split(":")
        spec = get_problem(name).truth_table()
        listed = _timed(lambda: enumeration_lister(spec, basis, int(size), None, LIST_CAP, args.limit))
        (circuits, complete), list_seconds = listed
        sample, _ = _timed(lambda: sample_circuits(spec, basis, int(size), None, 50, 0, args.limit))
        estimate = "-" if sample.estimate is None else f"{sample.estimate.value}{'' if sample.estimate.exact else ' (approx.)'}"
        table.add_row(
            name, basis, size, f"{len(circuits)} in {list_seconds:.1f} s", "yes" if complete else "no",
            f"{len(sample.circuits)} in {sample.seconds:.1f} s" if sample.finished else f"cut at {sample.seconds:.0f} s",
            estimate,
        )
    Console().print(table)


def _timed(action: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = action()
    return value, time.perf_counter() - start


if __name__ == "__main__":
    main()
