"""The deciding family: goal-as-input problems small enough to be resolved exactly (docs/problems.md).

A problem supports or contradicts the conjecture only when its minimum is proven, every optimum is
listed, the formulation tells search from lookup (identifiability) and a search-like circuit with an
explicit objective fits within s_min + 1 gates (power). The older goal problems miss one of these:
GOAL-PENDANT and GOAL-DIAMOND are non-identifiable, GOAL-PATH4 and GOAL-SUBSUM2×2 out of exact
reach. The problems here were designed for all four at once, at most 6 inputs each.

Each definition is declarative: a graph or a list of numbers, the goal inputs and what each goal
value asks for; candidates, verifiers, states and the DP reference are derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from circuits.problems.builder import ONE, ZERO, CircuitBuilder, Signal, negate
from circuits.problems.definition import Definition
from circuits.problems.graphs import Graph, simple_paths
from circuits.problems.model import Candidate, SearchProblem, StatePredicate
from circuits.problems.tables import is_literal_or_constant, table_from_function

Bits = Sequence[int]


def _goal_code(bits: Bits, goal_inputs: Sequence[int]) -> int:
    return sum(bits[j] << k for k, j in enumerate(goal_inputs))


def _states(n: int, named: Sequence[tuple[str, int]]) -> tuple[StatePredicate, ...]:
    """The non-trivial, distinct state tables (a literal or constant needs no gate)."""
    kept: list[StatePredicate] = []
    for name, table in named:
        if not is_literal_or_constant(n, table) and all(s.table != table for s in kept):
            kept.append(StatePredicate(name, table))
    return tuple(kept)


# -- path problems whose goal input says which s–t paths count ------------------------------------
@dataclass(frozen=True)
class PathGoal:
    """What one goal value asks of an s–t path: its inner vertices lie in ``allowed`` and its length
    (in edges) is in ``lengths``."""

    allowed: frozenset
    lengths: frozenset[int]

    def accepts(self, path: Sequence[object]) -> bool:
        return set(path[1:-1]) <= self.allowed and len(path) - 1 in self.lengths

    def describe(self) -> str:
        return f"length {'/'.join(map(str, sorted(self.lengths)))} within {''.join(sorted(map(str, self.allowed)))}"


def _exact_paths(graph: Graph, s: object, t: object, inner: Sequence[object], length: int):
    """"Some simple s–t path of exactly ``length`` edges through ``inner`` vertices", on edge bits."""
    needed = [
        [graph.edge(a, b) for a, b in zip(p, p[1:])]
        for p in simple_paths(graph, [s, t, *inner], s, t) if len(p) - 1 == length
    ]
    return lambda bits: any(all(bits[i] for i in edges) for edges in needed)


def goal_path_problem(
    name: str, description: str, graph: Graph, s: object, t: object, goals: dict[int, PathGoal],
    symmetries: Sequence[tuple[int, ...]] = (), retargets: Sequence[dict[int, PathGoal]] = (),
) -> Definition:
    """Is there a simple s–t path that the goal accepts? ``goals`` maps a goal code (g0 + 2 g1 + …)
    to what it asks (a code it omits accepts nothing). Candidates are the simple s–t paths some goal
    accepts, verifier = [the goal accepts the path] AND the path's edges, so a path every goal
    accepts does not read the goal. ``retargets`` are other code → goal maps over the same inputs.

    The goal-independent search keeps, per vertex v and step count j, "some simple s–v path of
    exactly j edges (avoiding t)", its mirror "some simple v–t path of exactly j edges (avoiding s)",
    and "some simple s–t path of exactly j edges", over every vertex set a goal allows; the goal
    then says which of these answers count."""
    vertices = sorted({u for edge in graph.edges for u in edge}, key=str)
    inner = [v for v in vertices if v not in (s, t)]
    edges = graph.n
    goal_bits = max(1, (max(goals)).bit_length())
    n = edges + goal_bits
    goal_inputs = tuple(range(edges, n))
    every_path = simple_paths(graph, vertices, s, t)
    lengths = sorted({len(p) - 1 for p in every_path})

    def goal(bits: Bits) -> int:
        return _goal_code(bits, goal_inputs)

    def answer(objective: dict[int, PathGoal]) -> int:
        accepted = {code: [p for p in every_path if wish.accepts(p)] for code, wish in objective.items()}
        needed = {code: [[graph.edge(a, b) for a, b in zip(p, p[1:])] for p in paths] for code, paths in accepted.items()}
        return table_from_function(
            n, lambda bits: any(all(bits[i] for i in path) for path in needed.get(goal(bits), []))
        )

    candidates = []
    for path in every_path:
        codes = {code for code, wish in goals.items() if wish.accepts(path)}
        if not codes:
            continue
        needed = [graph.edge(u, v) for u, v in zip(path, path[1:])]
        table = table_from_function(n, lambda bits, codes=codes, needed=needed: goal(bits) in codes and all(bits[i] for i in needed))
        label = "".join(map(str, path)) + ("" if len(codes) == 1 << goal_bits else f" (goal {','.join(map(str, sorted(codes)))})")
        candidates.append(Candidate(label, table))

    allowed_sets = sorted({wish.allowed for wish in goals.values()}, key=lambda a: (-len(a), sorted(map(str, a))))
    named = []
    for allowed in allowed_sets:
        via = [v for v in inner if v in allowed]
        suffix = "" if len(via) == len(inner) else f" via {''.join(map(str, via))}"
        for j in range(1, len(via) + 2):
            for v in via:
                rest = [u for u in via if u != v]
                forward = _exact_paths(graph, s, v, rest, j)
                backward = _exact_paths(graph, v, t, rest, j)
                named.append((f"s-{v} in {j}{suffix}", table_from_function(n, lambda bits, f=forward: f(bits[:edges]))))
                named.append((f"{v}-t in {j}{suffix}", table_from_function(n, lambda bits, f=backward: f(bits[:edges]))))
            exact = _exact_paths(graph, s, t, via, j)
            named.append((f"s-t in {j}{suffix}", table_from_function(n, lambda bits, f=exact: f(bits[:edges]))))
            for (x, y), halves in _middle_splits(graph, s, t, via, j).items():
                named.append((f"s-t in {j} around {x}{y}{suffix}",
                              table_from_function(n, lambda bits, h=halves: any(all(bits[i] for i in rest) for rest in h))))
    states = _states(n, named)

    def edge(b: CircuitBuilder, u: object, v: object) -> Signal:
        return b.input(graph.edge(u, v)) if graph.has(u, v) else ZERO

    def exact_answers(b: CircuitBuilder, via: Sequence[object]) -> dict[int, Signal]:
        """s–t in exactly j edges through ``via``, from forward layers s–v in exactly j edges."""
        layer = {v: edge(b, s, v) for v in via}
        answers = {1: edge(b, s, t)}
        for j in range(2, len(via) + 2):
            answers[j] = b.or_all([b.and_(layer[u], edge(b, u, t)) for u in via])
            layer = {v: b.or_all([b.and_(layer[u], edge(b, u, v)) for u in via if u != v]) for v in via}
        return answers

    def meet_answers(b: CircuitBuilder, via: Sequence[object]) -> dict[int, Signal]:
        """s–t in exactly j edges joined at the middle: for odd j, each middle edge xy AND "the rest
        of some such path is present" (the two halves met around xy); even j as forward layers."""
        answers = exact_answers(b, via)
        for j in answers:
            splits = _middle_splits(graph, s, t, via, j)
            if splits:
                answers[j] = b.or_all([
                    b.and_(b.input(graph.edge(x, y)), b.or_all([b.and_all([b.input(i) for i in rest]) for rest in halves]))
                    for (x, y), halves in splits.items()
                ])
        return answers

    def gated_by_goal(b: CircuitBuilder, answers_over) -> list[Signal]:
        """The goal-independent search (exact-length answers over each allowed vertex set), then
        the goal: each answer is gated by the goal values that accept it (or by none when every
        value does), answers sharing a gate are ORed first."""
        goal_signals = [b.input(j) for j in goal_inputs]
        gated: dict[frozenset[int], list[Signal]] = {}
        for allowed in allowed_sets:
            answers = answers_over(b, [v for v in inner if v in allowed])
            for j, signal in answers.items():
                # A goal whose allowed set contains this one accepts these paths too (if it accepts j).
                codes = frozenset(c for c, wish in goals.items() if allowed <= wish.allowed and j in wish.lengths)
                if codes and signal != ZERO:
                    gated.setdefault(codes, []).append(signal)
        terms = [b.and_(_decoded(b, goal_signals, set(codes)), b.or_all(signals)) for codes, signals in gated.items()]
        return [b.or_all(terms)]

    def forward(b: CircuitBuilder) -> list[Signal]:
        return gated_by_goal(b, exact_answers)

    def meet(b: CircuitBuilder) -> list[Signal]:
        return gated_by_goal(b, meet_answers)

    def describe(objective: dict[int, PathGoal]) -> str:
        return "; ".join(f"{code}: {wish.describe()}" for code, wish in sorted(objective.items()))

    goal_names = ("g",) if goal_bits == 1 else tuple(f"g{k}" for k in range(goal_bits))
    problem = SearchProblem(
        name=name,
        description=description,
        input_names=graph.names(lambda u, v: f"{u}{v}") + goal_names,
        mode="exists",
        candidates=tuple(candidates),
        outputs=(answer(goals),),
        states=states,
        symmetries=tuple(symmetries),
        goal_inputs=goal_inputs,
        retargets=tuple((describe(objective), (answer(objective),)) for objective in retargets),
        family="GOAL",
    )
    then = "(goal-independent), then the goal's answers"
    return Definition(
        problem, dp=forward,
        dp_note=f"s-t in exactly j edges over each allowed vertex set, layer by layer {then}",
        dp_variants=(("meet", meet, f"odd lengths joined around their middle edge, even ones layer by layer {then}"),),
    )


def _middle_splits(graph: Graph, s: object, t: object, via: Sequence[object], length: int) -> dict[tuple, list[list[int]]]:
    """For odd ``length`` ≥ 3: each middle edge xy of a simple s–t path of that length through
    ``via``, with the edge inputs of every such path except xy (its two halves). Empty otherwise."""
    if length < 3 or length % 2 == 0:
        return {}
    splits: dict[tuple, list[list[int]]] = {}
    for path in simple_paths(graph, [s, t, *via], s, t):
        if len(path) - 1 != length:
            continue
        k = length // 2
        x, y = path[k], path[k + 1]
        key = tuple(sorted((x, y), key=str)) if not graph.directed else (x, y)
        rest = [graph.edge(a, c) for a, c in zip(path, path[1:]) if {a, c} != {x, y}]
        splits.setdefault(key, []).append(rest)
    return splits


def _decoded(b: CircuitBuilder, goal: Sequence[Signal], codes: set[int]) -> Signal:
    """[goal ∈ codes]: ONE when every code is in, else an OR of the codes' cubes."""
    if len(codes) == 1 << len(goal):
        return ONE
    return b.or_all([b.and_all([g if (code >> k) & 1 else negate(g) for k, g in enumerate(goal)]) for code in sorted(codes)])


def _path4_graph() -> tuple[Graph, tuple[tuple[int, ...], ...]]:
    """PATH4's graph with named vertices (s, a, b, t; every edge but st) and its symmetries
    (swap a and b; swap s and t), the goal input fixed."""
    graph = Graph([("s", "a"), ("s", "b"), ("a", "t"), ("b", "t"), ("a", "b")])
    goal = (graph.n,)
    return graph, (graph.edge_permutation({"a": "b", "b": "a"}) + goal, graph.edge_permutation({"s": "t", "t": "s"}) + goal)


AB = frozenset("ab")


def goal_pathlen() -> Definition:
    """A path of exactly g + 2 edges, g an input, on PATH4's graph."""
    graph, symmetries = _path4_graph()
    return goal_path_problem(
        "goal-pathlen",
        "a simple s-t path of exactly g+2 edges in the graph s, a, b, t with edges sa, sb, at, bt, ab; the goal "
        "bit g chooses the length (2 or 3); candidates are the paths, verifier = [g asks for its length] AND its edges",
        graph, "s", "t", {0: PathGoal(AB, frozenset({2})), 1: PathGoal(AB, frozenset({3}))}, symmetries=symmetries,
        retargets=[{0: PathGoal(AB, frozenset({3})), 1: PathGoal(AB, frozenset({2}))},
                   {0: PathGoal(AB, frozenset({2, 3})), 1: PathGoal(AB, frozenset({3}))}],
    )


def goal_longpath() -> Definition:
    """A path of at least g + 2 edges (a longest-path bound as input), on PATH4's graph."""
    graph, symmetries = _path4_graph()
    return goal_path_problem(
        "goal-longpath",
        "a simple s-t path of at least g+2 edges in the graph s, a, b, t with edges sa, sb, at, bt, ab; the goal "
        "bit g is the threshold (2 or 3); candidates are the paths, verifier = [long enough for g] AND its edges",
        graph, "s", "t", {0: PathGoal(AB, frozenset({2, 3})), 1: PathGoal(AB, frozenset({3}))}, symmetries=symmetries,
        retargets=[{0: PathGoal(AB, frozenset({3})), 1: PathGoal(AB, frozenset({2, 3}))},
                   {0: PathGoal(AB, frozenset({2})), 1: PathGoal(AB, frozenset({3}))}],
    )


def goal_avoid() -> Definition:
    """s–t connectivity where the goal bit forbids the vertex a (g = 1) or nothing (g = 0), on
    PATH4's graph."""
    graph, symmetries = _path4_graph()
    return goal_path_problem(
        "goal-avoid",
        "a simple s-t path in the graph s, a, b, t with edges sa, sb, at, bt, ab that avoids vertex a when the goal "
        "bit g is 1; candidates are the paths, verifier = [g allows its vertices] AND its edges",
        graph, "s", "t", {0: PathGoal(AB, frozenset({2, 3})), 1: PathGoal(frozenset("b"), frozenset({2, 3}))},
        symmetries=symmetries[1:],
        retargets=[{0: PathGoal(AB, frozenset({2, 3})), 1: PathGoal(frozenset("a"), frozenset({2, 3}))},
                   {0: PathGoal(frozenset("b"), frozenset({2, 3})), 1: PathGoal(AB, frozenset({2, 3}))}],
    )
