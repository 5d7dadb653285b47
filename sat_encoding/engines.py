"""Two engines answer "is there a circuit of k gates?": the SSV encoding and topology families.

* ``ssv``: one instance over every circuit of k gates (encoding.py), all symmetry rules on;
* ``topology``: one small instance per shape of k gates (shapes.py, topology.py).

Both are sound and complete for the question (each module argues it; tests/test_topology.py checks
them against each other and against the plain encoding), so the choice is about speed alone, and
``auto`` makes it from measurements (README, "Topology families"). For searches and lists they
favour SSV, which shares what its solver learns across every wiring of k gates, while the shapes are
thousands of independent proofs: side by side, PATH4's 40 `aig` optima took 226.7 CPU s shape by
shape against 247.0 on SSV (a tie on a loaded machine), its 40 `mono` optima 9.6 CPU s on SSV and
more than 400 s wall shape by shape. So ``auto`` is SSV for searches and lists. The shapes win
where the optional rules are off: certification's plain refutations (certify.py; majority of five,
"no 6 gates" and "no 7 gates": 1.5 and 36.2 CPU s shape by shape, 8.4 CPU s and not finished in
400 s on SSV).
``topology`` also gives what it is built for: a question split into many independent tasks
(parallel.py, shape_enumeration.py) for a cluster, per-task times from which a makespan can be
computed, and a certification proof that shares nothing with the search's encoding.
"""

from __future__ import annotations

from circuits.errors import InputError

ENGINES = ("auto", "ssv", "topology")


def check_engine(name: str | None) -> str:
    """``name`` (None: auto), refused in one line when it is not an engine."""
    chosen = "auto" if name is None else name.lower()
    if chosen not in ENGINES:
        raise InputError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
    return chosen


def search_engine(engine: str) -> str:
    """The engine an optimum search asks its questions with."""
    return "ssv" if engine == "auto" else engine


def enumeration_engine(engine: str, max_depth: int | None = None, seed: int | None = None) -> str:
    """The engine a complete enumeration uses: topology families have no depth bound and no
    random sampling, so those stay on SSV whatever was asked."""
    if max_depth is not None or seed is not None:
        return "ssv"
    return "ssv" if engine == "auto" else engine
