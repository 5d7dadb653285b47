"""Benchmark suites: named collections of truth tables for `circuits bench`.

A suite is a list of items, each a function to synthesize and the number of functions it stands for.
NPN suites list one representative per class with the class size as its weight, because minimum size
and depth in a basis with free negations are NPN invariants: 222 syntheses then give the distribution
over all 65,536 functions of 4 inputs.

The ``allN`` suites list every function instead, one job each. They are the real check of the
per-function table (Knuth's counts are of functions): a pruning rule that depends on the particular
symmetries of a function, not of its class, is only exercised when every member is solved.

Names:
  ``npnN``                    every NPN class of N inputs (N ≤ 4), weighted by class size
  ``allN``                    every function of N inputs (N ≤ 4: 65,536 functions for all4)
  ``problems``                the study's search-like problems and controls (one function each)
  ``random:COUNT:INPUTS:SEED`` COUNT uniformly random single-output functions, reproducible by SEED
  ``file:PATH``               one function per line, several tables for several outputs, ``#`` comments;
                              or a PLA file (.pla, with don't-cares and several outputs)
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from circuits.errors import InputError, os_error_reason
from circuits.truthtable import MAX_PARSE_INPUTS, TruthTable

#: Largest COUNT accepted by ``random:`` (a guard against typos, not a limit of the engine).
MAX_RANDOM_COUNT = 1_000_000

SUITE_HELP = "npn3, npn4 (npn1..npn4), all3, all4 (all1..all4), problems, random:COUNT:INPUTS:SEED or file:PATH"


@dataclass(frozen=True)
class SuiteItem:
    """One function of a suite: a label for reports, the table, and how many functions it stands for."""

    label: str
    spec: TruthTable
    weight: int = 1


@dataclass(frozen=True)
class Suite:
    """A named list of items. ``npn`` marks items that are NPN class representatives."""

    name: str
    items: tuple[SuiteItem, ...]
    npn: bool = False


def load_suite(name: str) -> Suite:
    """Build the suite called ``name``; an unknown or malformed name raises InputError."""
    npn = re.fullmatch(r"npn(\d+)", name)
    if npn:
        return _npn_suite(name, int(npn.group(1)))
    every = re.fullmatch(r"all(\d+)", name)
    if every:
        return _all_suite(name, int(every.group(1)))
    if name == "problems":
        return _problems_suite()
    if name.startswith("random:"):
        return _random_suite(name)
    if name.startswith("file:"):
        return _file_suite(name, Path(name[len("file:"):]))
    raise InputError(f"unknown suite {name!r}; choose {SUITE_HELP}")


def _npn_suite(name: str, n: int) -> Suite:
    from circuits.npn import npn_classes

    if not 1 <= n <= 4:
        raise InputError(f"suite {name!r}: NPN suites cover 1 to 4 inputs (5 inputs have 616,126 classes)")
    items = tuple(
        SuiteItem(TruthTable.from_bits(n, [rep]).describe(), TruthTable.from_bits(n, [rep]), size)
        for rep, size in npn_classes(n)
    )
    return Suite(name, items, npn=True)


def _all_suite(name: str, n: int) -> Suite:
    if not 1 <= n <= 4:
        raise InputError(f"suite {name!r}: all-function suites cover 1 to 4 inputs (5 inputs have 2^32 functions)")
    tables = (TruthTable.from_bits(n, [bits]) for bits in range(1 << (1 << n)))
    return Suite(name, tuple(SuiteItem(table.describe(), table) for table in tables))


def _problems_suite() -> Suite:
    from circuits.problems.suite import all_problems

    items = tuple(SuiteItem(problem.name, problem.truth_table()) for problem in all_problems())
    return Suite("problems", items)


def _random_suite(name: str) -> Suite:
    match = re.fullmatch(r"random:(\d+):(\d+):(-?\d+)", name)
    if not match:
        raise InputError(f"suite {name!r} must look like random:COUNT:INPUTS:SEED, e.g. random:100:5:1")
    count, n, seed = (int(g) for g in match.groups())
    if not 1 <= count <= MAX_RANDOM_COUNT:
        raise InputError(f"suite {name!r}: COUNT must be between 1 and {MAX_RANDOM_COUNT:,}")
    if not 1 <= n <= MAX_PARSE_INPUTS:
        raise InputError(f"suite {name!r}: INPUTS must be between 1 and {MAX_PARSE_INPUTS}")
    rng = random.Random(seed)
    specs = [TruthTable.from_bits(n, [rng.getrandbits(1 << n)]) for _ in range(count)]
    return Suite(name, tuple(SuiteItem(spec.describe(), spec) for spec in specs))


def _file_suite(name: str, path: Path) -> Suite:
    """A PLA file (one function) or a text file of one function per line (circuits.inputs)."""
    from circuits.inputs import read_function_file, table_lines

    if path.suffix.lower() == ".pla":
        functions = [read_function_file(str(path))]
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InputError(f"suite file {path} is not UTF-8 text") from None
        except OSError as err:
            raise InputError(f"cannot read suite file {path}: {os_error_reason(err)}") from None
        functions = table_lines(text, str(path))
    return Suite(name, tuple(SuiteItem(f.label, f.table) for f in functions))
