"""The built-in problem suite (docs/problems.md): search problems, scaling-family members, controls.

The goal-as-input family (``goal-pendant``, ``goal-diamond``, ``goal-path4``, ``goal-subsum2x2``)
leads: only there can a minimal circuit hold an explicit objective. Names are lower case: ``path4``,
``layer3x1``, ``tri4``, ``p2-4``, ``col2-c5``,
``parity5``, ... The ten seeded random controls of each kind are ``rand6-s0`` … ``rand6-s9`` and
``rcirc6-s0`` … ``rcirc6-s9`` (one problem per seed, so each can be analyzed and studied alone).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from circuits.errors import InputError
from circuits.problems import arithmetic, graphs, logic
from circuits.problems.definition import Definition
from circuits.problems.model import SearchProblem, load_problem


@lru_cache(maxsize=1)
def definitions() -> tuple[Definition, ...]:
    """Every built-in problem: the goal-as-input family, the other search problems (in the order of
    docs/problems.md), then the controls."""
    search = [
        graphs.goal_pendant(),
        graphs.goal_diamond(),
        graphs.goal_path4(),
        arithmetic.goal_subsum(),
        graphs.path_problem(3),
        graphs.path_problem(4),
        graphs.layer_problem(2, 1),
        graphs.layer_problem(3, 1),
        graphs.layer_problem(2, 2),
        graphs.layer_problem(4, 1),
        graphs.tri4(),
        graphs.p2_4(),
        graphs.ham4(),
        graphs.pm4(),
        graphs.col2_c5(),
        logic.sat2x2(),
        arithmetic.subsum(),
        arithmetic.argmax(),
        graphs.splen4(),
    ]
    controls = [
        logic.parity(5),
        logic.parity(6),
        logic.maj5(),
        arithmetic.add2(),
        logic.mux4(),
        *(logic.rand6(seed) for seed in logic.RANDOM_SEEDS),
        *(logic.rcirc6(seed) for seed in logic.RANDOM_SEEDS),
    ]
    return tuple(search + controls)


@lru_cache(maxsize=1)
def _compiled() -> tuple[SearchProblem, ...]:
    return tuple(d.compiled() for d in definitions())


def all_problems() -> list[SearchProblem]:
    """Every built-in problem, its constructions attached (the data a problem file would carry)."""
    return list(_compiled())


def problem_names() -> list[str]:
    return [problem.name for problem in _compiled()]


def get_problem(name: str) -> SearchProblem:
    """A built-in problem by name (case-insensitive)."""
    wanted = name.strip().lower()
    for problem in _compiled():
        if problem.name == wanted:
            return problem
    raise InputError(f"unknown problem {name!r}; known problems: {', '.join(problem_names())}")


def resolve_problem(name: str | None = None, path: str | Path | None = None) -> SearchProblem:
    """The problem a command was asked about: a suite name or a problem file, exactly one of them."""
    if name is not None and path is not None:
        raise InputError("give a problem name or --problem-file, not both")
    if path is not None:
        return load_problem(path)
    if name is None:
        raise InputError("no problem given: name one (see `circuits problems list`) or pass --problem-file")
    return get_problem(name)
