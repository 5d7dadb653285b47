"""From a truth table and a basis to what the SAT encoding must actually solve.

Outputs that need no gate (constants, inputs, complemented inputs where negation is free) and outputs
that repeat another output are taken out before encoding; what remains are the *targets*. Row 0 (all
inputs 0) is never encoded: synthesis uses normal gates only, which are 0 there, so an output's
polarity is fixed by its row-0 value when that row is cared for, and free otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from circuits.basis import Basis, get_basis
from circuits.circuit import Output, constant_or_literal_output
from circuits.errors import InputError
from circuits.truthtable import TruthTable, full_mask

#: Largest number of inputs synthesis accepts (truth tables of 256 rows).
MAX_SYNTHESIS_INPUTS = 8


@dataclass(frozen=True)
class Target:
    """A non-trivial output to realize with a gate: value ``bits`` on the rows in ``care``."""

    bits: int
    care: int
    polarity: int | None  # fixed output negation (0/1), or None when row 0 is a don't-care


@dataclass(frozen=True)
class SynthesisSpec:
    """A truth table prepared for encoding in one basis."""

    table: TruthTable
    basis: Basis
    fixed_outputs: tuple[Output | None, ...]  # per output: a gate-free realization, or None
    target_of_output: tuple[int | None, ...]  # per output: index into targets, or None
    negate_target: tuple[bool, ...]  # per output: whether it reads its target complemented
    targets: tuple[Target, ...]
    rows: tuple[int, ...]  # encoded rows: every non-zero row some target cares about

    @property
    def n(self) -> int:
        return self.table.n


def monotone_extension(n: int, bits: int, care: int) -> int | None:
    """The smallest monotone function agreeing with (bits, care), or None when none exists."""
    rows = 1 << n
    ones = [r for r in range(rows) if (care >> r) & 1 and (bits >> r) & 1]
    extension = 0
    for r in range(rows):
        if any(r & o == o for o in ones):
            extension |= 1 << r
    if (extension ^ bits) & care:
        return None
    return extension


def prepare(table: TruthTable, basis_name: str) -> SynthesisSpec:
    """Split outputs into gate-free ones and targets; reject what the basis cannot express."""
    basis = get_basis(basis_name)
    if table.n > MAX_SYNTHESIS_INPUTS:
        raise InputError(f"synthesis supports at most {MAX_SYNTHESIS_INPUTS} inputs, the table has {table.n}")
    mask = full_mask(table.n)
    fixed: list[Output | None] = []
    target_of: list[int | None] = []
    negate: list[bool] = []
    targets: list[Target] = []
    for h, (bits, care) in enumerate(zip(table.outputs, table.care)):
        if not basis.free_output_negation and monotone_extension(table.n, bits, care) is None:
            raise InputError(f"output {h} is not monotone, so the {basis.name} basis cannot compute it")
        trivial = constant_or_literal_output(table.n, bits, care, basis.free_output_negation)
        if trivial is not None:
            fixed.append(trivial)
            target_of.append(None)
            negate.append(False)
            continue
        polarity = bits & 1 if care & 1 else None
        if not basis.free_output_negation:
            polarity = 0
        normal = bits ^ (mask if polarity else 0)
        found = None
        for t, target in enumerate(targets):
            if target.care == care and target.polarity is not None and polarity is not None:
                if target.bits == normal & care:
                    found = t
                    break
        fixed.append(None)
        if found is None:
            targets.append(Target(normal & care, care, polarity))
            found = len(targets) - 1
        target_of.append(found)
        negate.append(bool(polarity))
    care_union = 0
    for target in targets:
        care_union |= target.care
    rows = tuple(r for r in range(1, 1 << table.n) if (care_union >> r) & 1)
    return SynthesisSpec(table, basis, tuple(fixed), tuple(target_of), tuple(negate), tuple(targets), rows)


def support(n: int, bits: int, care: int) -> set[int]:
    """Inputs a completely specified table depends on (with don't-cares: a safe under-estimate).

    An input is counted only when two cared rows differing in that input alone disagree, so the
    count never exceeds the true support of any completion: a valid lower-bound ingredient.
    """
    result = set()
    for j in range(n):
        step = 1 << j
        for r in range(1 << n):
            if not r & step and (care >> r) & 1 and (care >> (r | step)) & 1:
                if ((bits >> r) ^ (bits >> (r | step))) & 1:
                    result.add(j)
                    break
    return result
