"""Certified minimality: every size below a claimed minimum refuted a second time, independently.

A minimum found by the search rests on UNSAT answers of one solver on an encoding with optional
symmetry-breaking rules, and its lower bounds partly on reasoning without SAT (support and
gate-elimination bounds, the exact top-gate reduction). A bug in any of these would make a false
"minimal". Certification trusts none of them: for every size k below the claimed bound it asks
again whether a circuit of k gates exists,

* on the **plain encoding**, without the optional rules (no symmetric-input order, no dominance
  rule, no fanout limits), so an unsound rule cannot certify itself, and with every k from 1 up
  (0 gates is impossible as soon as one output is neither a constant nor a literal, which the
  specification itself shows);
* with a solver of **another family** than any the search may have used (CaDiCaL against the
  MiniSat-derived solvers, Glucose against CaDiCaL, Lingeling where "auto" used both),
  counterexample-guided like the search (a relaxation on some rows that is UNSAT is UNSAT on all
  of them);
* and, when the final clause set has at most ``MAX_PROOF_CLAUSES`` clauses, with a **DRUP proof**
  written by Glucose and checked by this project's own checker (drup.py) when it has at most
  ``MAX_PROOF_LINES`` lines.

**By the other engine.** A size claim may instead be refuted by the topology engine (topology.py):
every shape of k gates refuted one by one, with the second-opinion solver, without the re-application
rules and the fanout limits (it keeps its lex-leader clauses, which topology.py proves and the SSV
search never uses). That proof shares neither the encoding nor the solver with the search, which is
stronger evidence than a second solver on the same encoding, and on 5 and more inputs it is the one
that finishes (``CERTIFY_TOPOLOGY_INPUTS``). Each refutation records the engine and solver behind
it (``checked_by``).

A satisfying assignment (a verified circuit of k gates) or a rejected proof means the claim was
wrong: ``CertificationError``, never a result. Depth claims are certified the same way: "depth ≥ d"
refutes every k up to the most gates an irredundant circuit of depth d − 1 can have (one formula
tree per output), and "size s at depth d" every k < s at depth ≤ d. What stays trusted is the
encoding itself (that its clauses say "k gates compute the table"), python-sat's solvers' models
(each is checked by simulation anyway) and the proof checker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Sequence

from pysat.solvers import Solver

from circuits.errors import CertificationError
from circuits.truthtable import TruthTable
from sat_encoding.drup import ProofRejected, check_drup
from sat_encoding.encoding import encode
from sat_encoding.engines import check_engine
from sat_encoding.exact import solve_encoding
from sat_encoding.incremental import INITIAL_ROWS, spread_rows
from sat_encoding.runner import run_search
from sat_encoding.solvers import backend_for
from sat_encoding.spec import SynthesisSpec, prepare
from sat_encoding.topology import shapes_for, solve_shape

#: The MiniSat-derived solvers of python-sat; anything else counts as another family.
MINISAT_FAMILY = (
    "minisat22", "minisatgh", "minicard", "glucose3", "glucose4", "glucose42", "gluecard3", "gluecard4",
    "maplechrono", "maplecm", "maplesat", "mergesat3",
)
PROOF_SOLVER = "glucose4"
#: Instances up to this many clauses get a DRUP proof, and proofs up to this many lines are
#: checked: the checker is plain Python and checks every lemma forward, about 2,000 lines a second
#: on short proofs and fewer on long ones (a 29,502-line proof of 0x1669 at 5 gates: 62 s).
MAX_PROOF_CLAUSES = 20_000
MAX_PROOF_LINES = 5_000

#: ``engine="auto"`` refutes size claims of functions of this many inputs and more by the topology
#: engine. Measured side by side (README, "Topology families"): majority of five, "no 6 gates"
#: 1.5 CPU s shape by shape against 8.4 on the plain SSV encoding, "no 7 gates" 36.2 CPU s against
#: not finished in 400 s.
CERTIFY_TOPOLOGY_INPUTS = 5

Claim = tuple[int, "int | None"]  # (gates, depth bound): "no such circuit exists"


@dataclass(frozen=True)
class Certified:
    """Event of the certification search: ``gates`` gates (depth ≤ ``max_depth``) proven impossible
    again, by each check named in ``checked_by``."""

    gates: int
    max_depth: int | None
    checked_by: tuple[str, ...]


CADICAL_FAMILY = ("cadical103", "cadical153", "cadical195", "cadical300")


def search_backends(solver: str, inputs: int) -> frozenset[str]:
    """The backends a search over ``inputs`` inputs may have asked: "auto" picks by instance size,
    and the top-gate reduction searches functions of fewer inputs."""
    return frozenset(backend_for(solver, m) for m in range(1, inputs + 1))


def second_opinion(backends: frozenset[str]) -> str:
    """A solver of a family none of ``backends`` belongs to: CaDiCaL against the MiniSat-derived
    solvers, Glucose against CaDiCaL, Lingeling against both."""
    if not backends & set(CADICAL_FAMILY):
        return "cadical195"
    if not backends & set(MINISAT_FAMILY):
        return "glucose4"
    return "lingeling"


def size_claims(lower_bound: int) -> list[Claim]:
    """"Size ≥ lower_bound": no circuit of 1 … lower_bound − 1 gates."""
    return [(k, None) for k in range(1, lower_bound)]


def depth_claims(spec: SynthesisSpec, depth_lower: int, size_at_depth: int | None) -> list[Claim]:
    """"Depth ≥ depth_lower" (and, when given, "size_at_depth gates are needed at that depth").

    No circuit of depth ≤ d − 1 exists when none of 1 … m·(2^(d−1) − 1) gates does (an irredundant
    circuit of that depth has at most one formula tree of that many gates per output).
    """
    claims: list[Claim] = []
    if depth_lower >= 2:
        widest = len(spec.targets) * ((1 << (depth_lower - 1)) - 1)
        claims += [(k, depth_lower - 1) for k in range(1, widest + 1)]
    if size_at_depth is not None:
        claims += [(k, depth_lower) for k in range(1, size_at_depth)]
    return claims


def refute(spec: SynthesisSpec, gates: int, max_depth: int | None, replay: str) -> tuple[str, ...]:
    """Prove again, with the solver ``replay``, that no circuit of ``gates`` gates (depth ≤
    ``max_depth``) exists; name the checks. Raises ``CertificationError`` when a circuit exists after
    all, or when the proof solver disagrees or its proof does not check."""
    encoding = encode(
        spec,
        gates,
        max_depth,
        rows=spread_rows(spec, INITIAL_ROWS),
        break_input_symmetry=False,
        dominance=False,
        fanout_limits=None,
    )
    where = f"{gates} gates" + ("" if max_depth is None else f" at depth <= {max_depth}")
    if solve_encoding(encoding, replay) is not None:
        raise CertificationError(
            f"{replay} found a verified circuit of {where} on the plain encoding, where the search proved that none exists"
        )
    checks = [f"{replay} plain encoding"]
    if len(encoding.clauses) <= MAX_PROOF_CLAUSES:
        proof = drup_proof(encoding.clauses, replay, where)
        if len(proof) <= MAX_PROOF_LINES:
            checks.append(f"drup ({PROOF_SOLVER} proof, {checked_proof(encoding.clauses, proof, where)} lemmas checked)")
    return tuple(checks)


def refute_by_shapes(spec: SynthesisSpec, gates: int, replay: str) -> tuple[str, ...]:
    """Prove again with the topology engine, shape by shape with the solver ``replay``, that no
    circuit of ``gates`` gates exists. Raises ``CertificationError`` when some shape has one."""
    shapes = shapes_for(spec, gates, False)
    for shape in shapes:
        outcome = solve_shape(spec, shape, replay, dominance=False)
        if outcome.circuits:
            raise CertificationError(
                f"the topology engine found a verified circuit of {gates} gates, where the search proved that none exists"
            )
    return (f"topology engine ({len(shapes)} shapes, {replay})",)


def certifying_engine(engine: str, spec: SynthesisSpec, max_depth: int | None) -> str:
    """Which engine refutes a claim: depth claims need SSV; "auto" takes topology from
    CERTIFY_TOPOLOGY_INPUTS inputs on."""
    if max_depth is not None:
        return "ssv"
    if engine == "auto":
        return "topology" if spec.n >= CERTIFY_TOPOLOGY_INPUTS else "ssv"
    return engine


def drup_proof(clauses: Sequence[Sequence[int]], replay: str, where: str) -> list[str]:
    """The proof solver's DRUP proof that ``clauses`` are unsatisfiable."""
    with Solver(name=PROOF_SOLVER, bootstrap_with=clauses, with_proof=True) as prover:
        if prover.solve():
            raise CertificationError(
                f"{PROOF_SOLVER} finds the plain encoding of {where} satisfiable where {replay} found it unsatisfiable"
            )
        return list(prover.get_proof())


def checked_proof(clauses: Sequence[Sequence[int]], proof: Sequence[str], where: str) -> int:
    """Check the proof with this project's checker; the number of lemmas it checked."""
    try:
        return check_drup(clauses, proof).lemmas
    except ProofRejected as err:
        raise CertificationError(f"the {PROOF_SOLVER} proof for {where} does not check: {err}") from None


def certification_search(
    table: TruthTable, basis: str, claims: tuple[Claim, ...], replay: str, engine: str = "auto"
) -> Iterator[Certified]:
    """Events: one ``Certified`` per claim, in order (run in the killable worker, see runner.py)."""
    spec = prepare(table, basis)
    for gates, max_depth in claims:
        if certifying_engine(engine, spec, max_depth) == "topology":
            yield Certified(gates, max_depth, refute_by_shapes(spec, gates, replay))
        else:
            yield Certified(gates, max_depth, refute(spec, gates, max_depth, replay))


def certify(
    table: TruthTable, basis: str, solver: str, claims: Sequence[Claim], timeout: float | None, **claimed: Any
) -> dict[str, Any]:
    """Certify ``claims`` made by a search with ``solver`` (a resolved name), in the search worker,
    within ``timeout`` seconds. Returns the ``certificate`` document: what was claimed
    (``claimed``), each refutation with how it was checked, and whether every claim was certified
    (a time limit can leave some out)."""
    backends = search_backends(solver, table.n)
    replay = second_opinion(backends)
    engine = check_engine(claimed.pop("engine", None))
    outcome = run_search(certification_search, (table, basis, tuple(claims), replay, engine), timeout)
    done = [e for e in outcome.events if isinstance(e, Certified)]
    missing = [{"gates": k, "max_depth": d} for k, d in claims[len(done):]]
    return {
        **claimed,
        "certified": not missing,
        "searched_with": sorted(backends),
        "second_opinion": replay,
        "unsat": [{"gates": e.gates, "max_depth": e.max_depth, "checked_by": list(e.checked_by)} for e in done],
        "not_certified": missing,
        "seconds": round(outcome.seconds, 6),
    }
