"""A DRUP proof checker of this project's own, so that an UNSAT answer need not be taken on trust.

A DRUP proof of a CNF F is a list of steps: "add lemma C" and "delete clause D". It is valid when
every added lemma is a *reverse unit propagation* (RUP) consequence of F, the lemmas before it and
minus the clauses deleted before it: assigning every literal of C false and propagating unit
clauses runs into a conflict. Each such lemma is implied by F, so when the steps reach a conflict
with no assumption at all (the empty clause), F is unsatisfiable.

What this checks: every lemma of the proof, in order (forward checking, with two watched literals
per clause), and that the empty clause is reached. What it trusts: that the clause list it is given
is the formula the claim is about. For exact synthesis that list is the encoding of "a circuit of k
gates computes the table", so a checked proof certifies the encoding's UNSAT answer; that the
encoding says what it should is a separate matter (tested against brute-force enumeration).

Deletions are honoured except for a clause that is the reason of a top-level assignment (as
drat-trim does by default): solvers delete such clauses while keeping the assignment they implied.
Ignoring a deletion can only keep more clauses, all of them implied by F, so it never makes an
invalid proof pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence


class ProofRejected(Exception):
    """The proof does not show the formula unsatisfiable; ``step`` is the offending line (1-based)."""

    def __init__(self, reason: str, step: int | None = None) -> None:
        super().__init__(reason if step is None else f"proof line {step}: {reason}")
        self.step = step


@dataclass(frozen=True)
class ProofCheck:
    """A proof that passed: how many lemmas were checked and clauses deleted."""

    lemmas: int
    deletions: int


def parse_step(line: str, step: int) -> tuple[bool, list[int]]:
    """(is a deletion, literals) of one DRUP text line such as ``d 1 -2 0``."""
    tokens = line.split()
    deletion = bool(tokens) and tokens[0] == "d"
    if deletion:
        tokens = tokens[1:]
    try:
        numbers = [int(t) for t in tokens]
    except ValueError:
        raise ProofRejected(f"not a DRUP line: {line!r}", step) from None
    if not numbers or numbers[-1] != 0 or 0 in numbers[:-1]:
        raise ProofRejected(f"not a DRUP line: {line!r}", step)
    return deletion, numbers[:-1]


class _Database:
    """Clauses with two watched literals (positions 0 and 1) and the top-level assignment."""

    def __init__(self) -> None:
        self.value: list[int] = [0]  # per variable: 1 true, -1 false, 0 unassigned
        self.reason: list[int] = [-1]  # per variable: the clause that implied it (-1: none)
        self.trail: list[int] = []  # true literals, in the order they were assigned
        self.clauses: list[list[int]] = []
        self.alive: list[bool] = []
        self.watches: dict[int, list[int]] = {}
        self.by_key: dict[tuple[int, ...], list[int]] = {}
        self.refuted = False  # the top level has reached a conflict

    def _grow(self, var: int) -> None:
        missing = var + 1 - len(self.value)
        if missing > 0:
            self.value.extend([0] * missing)
            self.reason.extend([-1] * missing)

    def _val(self, lit: int) -> int:
        v = self.value[lit if lit > 0 else -lit]
        return v if lit > 0 else -v

    def _assign(self, lit: int, cid: int) -> None:
        var = lit if lit > 0 else -lit
        self.value[var] = 1 if lit > 0 else -1
        self.reason[var] = cid
        self.trail.append(lit)

    def add(self, lits: Sequence[int]) -> None:
        """Add a clause at the top level and propagate what it implies."""
        clause = list(dict.fromkeys(lits))
        if any(-lit in clause for lit in clause):
            return  # a tautology never propagates
        for lit in clause:
            self._grow(abs(lit))
        cid = len(self.clauses)
        self.clauses.append(clause)
        self.alive.append(True)
        self.by_key.setdefault(tuple(sorted(clause)), []).append(cid)
        if self.refuted:
            return
        # Put the two best literals first: true ones, then unassigned, then false.
        clause.sort(key=lambda lit: -self._val(lit))
        open_lits = [lit for lit in clause if self._val(lit) != -1]
        if not open_lits:
            self.refuted = True
            return
        if len(clause) >= 2:
            for lit in clause[:2]:
                self.watches.setdefault(lit, []).append(cid)
        if len(open_lits) == 1 and self._val(open_lits[0]) == 0:
            mark = len(self.trail)
            self._assign(open_lits[0], cid)
            if self.propagate(mark):
                self.refuted = True

    def delete(self, lits: Sequence[int]) -> bool:
        """Delete one copy of a clause; False when the deletion is ignored (see module docstring)."""
        ids = self.by_key.get(tuple(sorted(set(lits))))
        if not ids:
            return False
        cid = ids[-1]
        for lit in self.clauses[cid]:
            var = abs(lit)
            if self._val(lit) == 1 and self.reason[var] == cid:
                return False
        ids.pop()
        self.alive[cid] = False
        return True

    def propagate(self, head: int) -> bool:
        """Unit propagation from trail position ``head``; True when it reaches a conflict."""
        value, trail, clauses, alive, watches = self.value, self.trail, self.clauses, self.alive, self.watches
        while head < len(trail):
            false_lit = -trail[head]
            head += 1
            watching = watches.get(false_lit)
            if not watching:
                continue
            kept = 0
            i = 0
            count = len(watching)
            while i < count:
                cid = watching[i]
                i += 1
                if not alive[cid]:
                    continue
                clause = clauses[cid]
                if clause[0] == false_lit:
                    clause[0], clause[1] = clause[1], false_lit
                first = clause[0]
                v = value[first if first > 0 else -first]
                first_value = v if first > 0 else -v
                if first_value == 1:
                    watching[kept] = cid
                    kept += 1
                    continue
                for k in range(2, len(clause)):
                    lit = clause[k]
                    v = value[lit if lit > 0 else -lit]
                    if (v if lit > 0 else -v) != -1:
                        clause[1], clause[k] = lit, false_lit
                        watches.setdefault(lit, []).append(cid)
                        break
                else:
                    watching[kept] = cid
                    kept += 1
                    if first_value == -1:
                        while i < count:
                            watching[kept] = watching[i]
                            kept += 1
                            i += 1
                        del watching[kept:]
                        return True
                    self._assign(first, cid)
            del watching[kept:]
        return False

    def implied(self, lemma: Sequence[int]) -> bool:
        """Whether ``lemma`` follows by reverse unit propagation (the assignment is restored)."""
        if self.refuted:
            return True
        for lit in lemma:
            self._grow(abs(lit))
        mark = len(self.trail)
        conflict = False
        for lit in lemma:
            v = self._val(lit)
            if v == 1:
                conflict = True  # its negation contradicts the top level
                break
            if v == 0:
                self._assign(-lit, -1)
        if not conflict:
            conflict = self.propagate(mark)
        for lit in self.trail[mark:]:
            self.value[abs(lit)] = 0
        del self.trail[mark:]
        return conflict


def check_drup(clauses: Iterable[Sequence[int]], proof: Iterable[str]) -> ProofCheck:
    """Check that ``proof`` (DRUP text lines) refutes ``clauses``; raise ``ProofRejected`` if not."""
    database = _Database()
    for clause in clauses:
        database.add(clause)
    if not database.refuted and database.propagate(0):
        database.refuted = True
    lemmas = deletions = 0
    for step, line in enumerate(proof, start=1):
        if database.refuted:
            break
        deletion, lits = parse_step(line, step)
        if deletion:
            deletions += database.delete(lits)
            continue
        if not database.implied(lits):
            raise ProofRejected(f"lemma {' '.join(map(str, lits)) or '(empty)'} is not implied by unit propagation", step)
        lemmas += 1
        database.add(lits)
    if not database.refuted:
        raise ProofRejected("the proof never derives the empty clause")
    return ProofCheck(lemmas, deletions)
