"""What a study runs: which problems, in which bases, under which limits.

The defaults follow the protocol of docs/study.md: every problem in ``b2`` and ``aig``, and in ``mono`` where the
function is monotone; all optimal circuits up to a cap; N1 samples at s_min + 1..3; 200 decoys.
``--quick`` is the same protocol on five problems chosen to cover the verdicts that decide something
(a search-like fixed-goal problem, the smallest goal-as-input problem, two no-power cases) and a
control, each in one basis, with a smaller search share (QUICK_SHARES), so the whole run stays
within five minutes on 2 cores.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from circuits.errors import InputError
from circuits.problems.model import SearchProblem

#: Bases studied by default; ``mono`` only for monotone problems.
DEFAULT_BASES = ("b2", "aig", "mono")
STUDY_BASES = ("b2", "aig", "xaig", "mono")

#: The quick subset, each in the one basis that lets every stage finish within minutes on 2 cores
#: (measured): PATH4 in ``mono`` (all 40 optima, a search-like fixed-goal problem), GOAL-PENDANT in
#: ``b2`` (the smallest goal-as-input problem, all 12 optima), P2-4 in ``mono`` and COL2-C5 in
#: ``b2`` (optima that could not have cleared the bar: the no-power cases), and the control RCIRC6-S5
#: in ``aig`` (a random circuit's function: its search share at s_min and s_min + 1 is listed in seconds).
QUICK_BASES = (
    ("path4", ("mono",)), ("goal-pendant", ("b2",)), ("p2-4", ("mono",)), ("col2-c5", ("b2",)), ("rcirc6-s5", ("aig",)),
)
QUICK_PROBLEMS = tuple(name for name, _ in QUICK_BASES)

#: The quick study's search share: s_min + 1 and + 2, d_min + 1 at its smallest size, 50 circuits
#: drawn per population, each population under a quarter of the job limit.
QUICK_SHARES = {"n1_extra": (1, 2), "n1_limit": 50, "population_fraction": 0.25, "depth_populations": 2}

#: Per-job time limits in seconds (synthesis, one enumeration, one frontier).
DEFAULT_TIMEOUT = 120.0
QUICK_TIMEOUT = 150.0


@dataclass(frozen=True)
class StudyConfig:
    """The knobs of one study run; everything that changes a result is part of some job's key."""

    bases: tuple[str, ...] = DEFAULT_BASES
    timeout: float = DEFAULT_TIMEOUT
    #: Cap on the optimal circuits enumerated per optimum (10^4 was the first plan; 1000 keeps the
    #: analysis of the largest sets to minutes). A capped enumeration is reported as incomplete.
    limit: int = 1000
    #: The populations of the search share (circuits/study/population.py): sizes s_min + k, and the
    #: circuits drawn from each and scored (N1 is the same draw). 100 draws bound a share's Wilson
    #: interval to about ±0.1 at worst.
    n1_extra: tuple[int, ...] = (1, 2, 3)
    n1_limit: int = 100
    #: Seconds per N3 function, as a share of the main limit.
    n1_fraction: float = 0.25
    #: Seconds per population (listing, then sampling), as a share of the main limit.
    population_fraction: float = 1.0
    #: Depth populations measured beside the minimum-depth optima, in this order: d_min at one gate
    #: more, d_min + 1 at its smallest size, d_min + 1 at one gate more.
    depth_populations: int = 3
    #: N3: random functions of matched complexity per informative problem (each synthesized under
    #: the N1 time limit).
    n3_count: int = 5
    decoys: int = 200
    seed: int = 0
    solver: str | None = None
    #: Bases for named problems, overriding ``bases`` (the quick study's per-problem choice).
    problem_bases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Certify the synthesis bounds (sat_encoding/certify.py): s_min and d_min refuted again below.
    certify: bool = False
    #: The locally-minimal tier (circuits.study.local): improving and scoring every reference of the
    #: pairs a cut optimum left unresolved can cost more than the rest of the study, so it can be left out.
    local: bool = True

    def checked(self) -> "StudyConfig":
        """Validate once in the parent; resolve the solver name (it keys the synthesis jobs)."""
        from sat_encoding.runner import check_timeout
        from sat_encoding.solvers import check_solver

        check_timeout(self.timeout)
        for basis in self.bases:
            if basis not in STUDY_BASES:
                raise InputError(f"unknown basis {basis!r} for a study; choose from {', '.join(STUDY_BASES)}")
        if not self.bases:
            raise InputError("--basis names no basis")
        if self.limit < 1 or self.n1_limit < 1:
            raise InputError("enumeration limits must be at least 1")
        if self.decoys < 1:
            raise InputError(f"--decoys must be at least 1, got {self.decoys}")
        return replace(self, solver=check_solver(self.solver))

    @property
    def n1_timeout(self) -> float:
        return self.timeout * self.n1_fraction

    @property
    def population_timeout(self) -> float:
        return self.timeout * self.population_fraction

    def bases_for(self, problem: SearchProblem) -> tuple[str, ...]:
        """The bases a problem is studied in (its own entry in ``problem_bases``, else ``bases``):
        ``mono`` only when its function is monotone."""
        bases = dict(self.problem_bases).get(problem.name, self.bases)
        return tuple(b for b in bases if b != "mono" or problem.monotone_basis)


def parse_bases(text: str | None) -> tuple[str, ...]:
    """``b2,aig`` -> ("b2", "aig"); None -> the default bases."""
    if text is None:
        return DEFAULT_BASES
    bases = tuple(dict.fromkeys(b.strip().lower() for b in text.split(",") if b.strip()))
    if not bases:
        raise InputError("--basis names no basis")
    return bases


def select_problems(
    names: str | None, files: Sequence[str | Path] = (), quick: bool = False
) -> list[SearchProblem]:
    """The problems of a study: named ones (comma-separated), problem files, or by default the quick
    subset (``quick``) or the whole suite. Files are added to the named or default problems; two
    problems with one name are refused (their results would be indistinguishable)."""
    from circuits.problems.model import load_problem
    from circuits.problems.suite import all_problems, get_problem

    if names is not None:
        wanted = [n.strip() for n in names.split(",") if n.strip()]
        if not wanted:
            raise InputError("--problems names no problem")
        chosen = [get_problem(n) for n in wanted]
    elif files:
        chosen = []
    elif quick:
        chosen = [get_problem(n) for n in QUICK_PROBLEMS]
    else:
        chosen = all_problems()
    chosen += [load_problem(path) for path in files]
    seen: set[str] = set()
    unique = []
    for problem in chosen:
        if problem.name in seen:
            if problem in unique:
                continue
            raise InputError(f"two different problems are named {problem.name!r}; rename one in its file")
        seen.add(problem.name)
        unique.append(problem)
    return unique


def command_text(
    names: str | None,
    files: Sequence[str],
    bases: str | None,
    quick: bool,
    timeout: float | None,
    out_dir: str,
    local: bool = True,
) -> str:
    """The command line that reproduces a study (for the report's header)."""
    parts = ["circuits study"]
    if names is not None:
        parts.append(f"--problems {names}")
    parts += [f"--problem-file {f}" for f in files]
    if bases is not None:
        parts.append(f"--basis {bases}")
    if quick:
        parts.append("--quick")
    if timeout is not None:
        parts.append(f"--timeout {timeout:g}")
    if not local:
        parts.append("--no-local")
    parts.append(f"--out {out_dir}")
    return " ".join(parts)
