"""Splitting one question, "is there a circuit of k gates?", into sub-questions that cover it exactly.

A *cube* fixes the fanin pairs of the first d gates: cube (p_0, …, p_{d−1}) adds the assumptions
"gate g selects pair p_g" (pairs indexed in colex order, pairs.py). The sub-questions are the cubes
of one prefix length d.

Why the cubes cover the question exactly. Every model of the encoding selects exactly one pair per
gate (an exactly-one constraint over each gate's selection variables), so each model satisfies
exactly one assignment (p_0, …, p_{d−1}) of the first d gates' pairs: the cubes of all such
assignments partition the models. The colex order (always on, symmetry.py) forbids a gate to select a
pair smaller than its predecessor's, so a cube whose indices decrease has no model; ``prefix_cubes``
lists every non-decreasing sequence and leaves out only those. Hence "some cube is satisfiable" if
and only if the whole instance is, and each model (each circuit) belongs to one cube: the parts
of an enumeration are disjoint. Every cube is encoded with the same rules as the whole instance, so
the symmetry breaking and the fanout limits act in every part exactly as they act on the whole.

Two uses, one mechanism:
* *cube and conquer* in one solver: the cubes are solved one after the other as assumptions, so
  clauses learned in one cube help the next. On the 222 4-input classes this is measured faster than
  one unsplit call (README, Performance).
* *parallel parts*: the cubes are dealt into groups, each solved in its own process (parallel.py in
  the batch layer); UNSAT of every group is the proof, the first SAT group gives the circuit.
"""

from __future__ import annotations

from typing import Iterator, Sequence

Cube = tuple[int, ...]

#: In-process cube and conquer fixes the pairs of this many gates, on instances of at most
#: CUBE_INPUTS inputs. Measured (README, Performance): on the 4-input sweep's SAT calls it saves a
#: quarter of the solver time; on 5-input instances it is neutral for UNSAT and can be much slower
#: for SAT (majority of 5 at 9 gates: 53 s against 8 s), because the one cube holding a solution may
#: come late in colex order.
CUBE_GATES = 2
CUBE_INPUTS = 4


def pair_count(n: int, gate: int) -> int:
    """How many fanin pairs gate ``gate`` of a circuit over ``n`` inputs can select."""
    nodes = n + gate
    return nodes * (nodes - 1) // 2


def prefix_cubes(n: int, gates: int, depth: int) -> list[Cube]:
    """Every non-decreasing assignment of pair indices to the first ``min(depth, gates)`` gates."""
    depth = max(0, min(depth, gates))

    def extend(prefix: Cube) -> Iterator[Cube]:
        g = len(prefix)
        if g == depth:
            yield prefix
            return
        start = prefix[-1] if prefix else 0
        for p in range(start, pair_count(n, g)):
            yield from extend(prefix + (p,))

    return list(extend(()))


def in_process_cubes(n: int, gates: int) -> list[Cube] | None:
    """The cubes an in-process call solves one by one, or None for one unsplit call."""
    return prefix_cubes(n, gates, CUBE_GATES) if n <= CUBE_INPUTS else None


def deal(cubes: Sequence[Cube], parts: int) -> list[list[Cube]]:
    """The cubes dealt round-robin into at most ``parts`` non-empty groups (together: all of them).

    Round-robin mixes cheap and expensive cubes (neighbours in colex order tend to cost alike), so
    the groups take similar times.
    """
    groups: list[list[Cube]] = [list(cubes[i::parts]) for i in range(max(1, parts))]
    return [group for group in groups if group]
