"""Two engines answer "is there a circuit of k gates?": the SSV encoding and topology families.

* ``ssv``: one instance over every circuit of k gates (encoding.py), all symmetry rules on;
* ``topology``: one small instance per shape of k gates (shapes.py, topology.py).

Both are sound and complete for the question (each module argues it; tests/test_topology.py checks
them against each other and against the plain encoding), so the choice is about speed alone, and
``auto`` makes it from measurements (README, "Topology families", side by side in one run):

* optimum searches: SSV. It shares what its solver learns across every wiring of k gates; the
  shapes are thousands of independent proofs (the 222-class 4-input sweep and majority of five
  are several times slower shape by shape);
* complete enumeration and counting at 5 inputs and more: topology. SSV's blocking clauses make
  every further satisfiable call harder (PATH4 in b2: about a minute per optimum found), while a
  shape's instance stays small, and the shapes run on every worker at once.
"""

from __future__ import annotations

from circuits.errors import InputError

ENGINES = ("auto", "ssv", "topology")
#: Complete enumeration goes shape by shape from this many inputs on (``auto``).
ENUMERATION_TOPOLOGY_INPUTS = 5


def check_engine(name: str | None) -> str:
    """``name`` (None: auto), refused in one line when it is not an engine."""
    chosen = "auto" if name is None else name.lower()
    if chosen not in ENGINES:
        raise InputError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
    return chosen


def search_engine(engine: str) -> str:
    """The engine an optimum search asks its questions with."""
    return "ssv" if engine == "auto" else engine


def enumeration_engine(engine: str, inputs: int, max_depth: int | None = None, seed: int | None = None) -> str:
    """The engine a complete enumeration uses: topology families have no depth bound and no
    random sampling, so those stay on SSV whatever was asked."""
    if max_depth is not None or seed is not None:
        return "ssv"
    if engine == "auto":
        return "topology" if inputs >= ENUMERATION_TOPOLOGY_INPUTS else "ssv"
    return engine
