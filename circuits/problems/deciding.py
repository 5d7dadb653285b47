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
from circuits.problems.graphs import Graph, _nontrivial_states, simple_paths
from circuits.problems.model import Candidate, SearchProblem
from circuits.problems.tables import table_from_function

Bits = Sequence[int]


def _goal_code(bits: Bits, goal_inputs: Sequence[int]) -> int:
    return sum(bits[j] << k for k, j in enumerate(goal_inputs))


# -- path problems whose goal input says which s–t paths count ------------------------------------
Step = tuple[object, object]


@dataclass(frozen=True)
class Regime:
    """The paths a goal lets the search use, whatever their length: inner vertices and forbidden steps."""

    allowed: frozenset
    forbidden: frozenset[Step]

    def within(self, other: "Regime") -> bool:
        """Every path usable here is usable under ``other``."""
        return self.allowed <= other.allowed and self.forbidden >= other.forbidden

    def describe(self) -> str:
        parts = [f"via {''.join(sorted(map(str, self.allowed)))}"]
        parts += [f"not {u}>{v}" for u, v in sorted(self.forbidden, key=str)]
        return " ".join(parts)


@dataclass(frozen=True)
class PathGoal:
    """What one goal value asks of an s–t path: its inner vertices lie in ``allowed``, its length (in
    edges) is in ``lengths``, and it takes none of the ``forbidden`` steps (an edge traversed from u
    to v; a one-way street forbids the other direction)."""

    allowed: frozenset
    lengths: frozenset[int]
    forbidden: frozenset[Step] = frozenset()

    def accepts(self, path: Sequence[object]) -> bool:
        return (set(path[1:-1]) <= self.allowed and len(path) - 1 in self.lengths
                and not set(zip(path, path[1:])) & self.forbidden)

    @property
    def regime(self) -> Regime:
        return Regime(self.allowed, self.forbidden)

    def describe(self) -> str:
        return f"length {'/'.join(map(str, sorted(self.lengths)))} {self.regime.describe()}"


def _paths(graph: Graph, s: object, t: object, inner: Sequence[object], length: int, forbidden: frozenset[Step]):
    """The simple s–t paths of exactly ``length`` edges through ``inner`` vertices that take no
    forbidden step."""
    return [
        p for p in simple_paths(graph, [s, t, *inner], s, t)
        if len(p) - 1 == length and not set(zip(p, p[1:])) & forbidden
    ]


def _all_paths(graph: Graph, s: object, t: object, inner: Sequence[object], forbidden: frozenset[Step]):
    """The simple s–t paths of any length through ``inner`` vertices that take no forbidden step."""
    return [p for length in range(1, len(inner) + 2) for p in _paths(graph, s, t, inner, length, forbidden)]


def _any_present(graph: Graph, paths: Sequence[Sequence[object]]):
    """"Some of ``paths`` has every edge present", as a predicate on edge bits."""
    needed = [[graph.edge(a, b) for a, b in zip(p, p[1:])] for p in paths]
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
    "some simple s–t path of exactly j edges" and, for odd j, its two halves around each middle edge,
    under every regime (allowed vertices, forbidden steps) a goal sets; the goal then says which of
    these answers count."""
    vertices = sorted({u for edge in graph.edges for u in edge}, key=str)
    inner = [v for v in vertices if v not in (s, t)]
    edges = graph.n
    goal_bits = max(1, (max(goals)).bit_length())
    n = edges + goal_bits
    goal_inputs = tuple(range(edges, n))
    every_path = simple_paths(graph, vertices, s, t)

    def goal(bits: Bits) -> int:
        return _goal_code(bits, goal_inputs)

    def on_edges(predicate) -> int:
        return table_from_function(n, lambda bits: predicate(bits[:edges]))

    def answer(objective: dict[int, PathGoal]) -> int:
        present = {code: _any_present(graph, [p for p in every_path if wish.accepts(p)]) for code, wish in objective.items()}
        return table_from_function(n, lambda bits: goal(bits) in present and present[goal(bits)](bits[:edges]))

    candidates = []
    tested: list[tuple[list[int], set[int]]] = []  # per candidate: its edges in path order, its goals
    for path in every_path:
        codes = {code for code, wish in goals.items() if wish.accepts(path)}
        if not codes:
            continue
        needed = [graph.edge(u, v) for u, v in zip(path, path[1:])]
        tested.append((needed, codes))
        table = table_from_function(n, lambda bits, codes=codes, needed=needed: goal(bits) in codes and all(bits[i] for i in needed))
        label = "".join(map(str, path)) + ("" if len(codes) == 1 << goal_bits else f" (goal {','.join(map(str, sorted(codes)))})")
        candidates.append(Candidate(label, table))

    # Goals that accept every length ask for connectivity under their regime: a reach-set search fits.
    connectivity = all(wish.lengths >= {len(p) - 1 for p in every_path} for wish in goals.values())
    regimes = sorted({wish.regime for wish in goals.values()}, key=lambda r: (-len(r.allowed), len(r.forbidden), r.describe()))
    named = []
    for regime in regimes:
        via = [v for v in inner if v in regime.allowed]
        suffix = "" if regime == regimes[0] else f" ({regime.describe()})"
        ban = regime.forbidden
        for j in range(1, len(via) + 2):
            for v in via:
                rest = [u for u in via if u != v]
                named.append((f"s-{v} in {j}{suffix}", on_edges(_any_present(graph, _paths(graph, s, v, rest, j, ban)))))
                named.append((f"{v}-t in {j}{suffix}", on_edges(_any_present(graph, _paths(graph, v, t, rest, j, ban)))))
            named.append((f"s-t in {j}{suffix}", on_edges(_any_present(graph, _paths(graph, s, t, via, j, ban)))))
            for (x, y), halves in _middle_splits(graph, _paths(graph, s, t, via, j, ban)).items():
                named.append((f"s-t in {j} around {x}{y}{suffix}",
                              on_edges(lambda bits, h=halves: any(all(bits[i] for i in rest) for rest in h))))
        if connectivity:
            # Reach sets of a search that ignores lengths: s reaches v (avoiding t), v reaches t (avoiding s).
            for v in via:
                rest = [u for u in via if u != v]
                named.append((f"s reaches {v}{suffix}", on_edges(_any_present(graph, _all_paths(graph, s, v, rest, ban)))))
                named.append((f"{v} reaches t{suffix}", on_edges(_any_present(graph, _all_paths(graph, v, t, rest, ban)))))
    states = _nontrivial_states(n, named)

    def edge(b: CircuitBuilder, u: object, v: object, ban: frozenset[Step]) -> Signal:
        return b.input(graph.edge(u, v)) if graph.has(u, v) and (u, v) not in ban else ZERO

    def exact_answers(b: CircuitBuilder, regime: Regime) -> dict[int, Signal]:
        """s–t in exactly j edges under ``regime``, from forward layers s–v in exactly j edges."""
        via = [v for v in inner if v in regime.allowed]
        ban = regime.forbidden
        layer = {v: edge(b, s, v, ban) for v in via}
        answers = {1: edge(b, s, t, ban)}
        for j in range(2, len(via) + 2):
            answers[j] = b.or_all([b.and_(layer[u], edge(b, u, t, ban)) for u in via])
            layer = {v: b.or_all([b.and_(layer[u], edge(b, u, v, ban)) for u in via if u != v]) for v in via}
        return answers

    def meet_answers(b: CircuitBuilder, regime: Regime) -> dict[int, Signal]:
        """s–t in exactly j edges joined at the middle: for odd j, each middle edge xy AND "the rest
        of some such path is present" (the two halves met around xy); even j as forward layers."""
        answers = exact_answers(b, regime)
        via = [v for v in inner if v in regime.allowed]
        for j in answers:
            splits = _middle_splits(graph, _paths(graph, s, t, via, j, regime.forbidden))
            if splits:
                answers[j] = b.or_all([
                    b.and_(b.input(graph.edge(x, y)), b.or_all([b.and_all([b.input(i) for i in rest]) for rest in halves]))
                    for (x, y), halves in splits.items()
                ])
        return answers

    def reach_answers(b: CircuitBuilder, regime: Regime) -> dict[int, Signal]:
        """s–t connectivity under ``regime`` by Bellman–Ford reach sets from s (answer under the
        longest length key, which every connectivity goal accepts)."""
        via = [v for v in inner if v in regime.allowed]
        ban = regime.forbidden
        reach = {v: edge(b, s, v, ban) for v in via}
        for _ in range(len(via) - 1):
            reach = {v: b.or_all([reach[v]] + [b.and_(reach[u], edge(b, u, v, ban)) for u in via if u != v]) for v in via}
        return {len(via) + 1: b.or_all([edge(b, s, t, ban)] + [b.and_(reach[u], edge(b, u, t, ban)) for u in via])}

    def gated_by_goal(b: CircuitBuilder, answers_under) -> list[Signal]:
        """The goal-independent search (exact-length answers under each regime), then the goal:
        each answer is gated by the goal values that accept it (or by none when every value does);
        answers sharing a gate are ORed first."""
        goal_signals = [b.input(j) for j in goal_inputs]
        gated: dict[frozenset[int], list[Signal]] = {}
        for regime in regimes:
            for j, signal in answers_under(b, regime).items():
                # A goal whose regime contains this one accepts these paths too (if it accepts j).
                codes = frozenset(c for c, wish in goals.items() if regime.within(wish.regime) and j in wish.lengths)
                if codes and signal != ZERO:
                    gated.setdefault(codes, []).append(signal)
        terms = [b.and_(_decoded(b, goal_signals, set(codes)), b.or_all(signals)) for codes, signals in gated.items()]
        return [b.or_all(terms)]

    def verifiers(b: CircuitBuilder) -> list[Signal]:
        """Each candidate's verifier: its goal test ANDed first (the goal folded into the verifier,
        as a brute force over (goal, path) pairs does), then its edges paired from both ends
        inwards. A symmetry of the graph maps a path's edges onto another path's in order or
        reversed, so this pairing makes the verifiers of symmetric candidates images of one another
        (the uniform routine a generate-and-test circuit reuses); pairing by input index does not."""
        goal_signals = [b.input(j) for j in goal_inputs]
        signals = []
        for edges_in_order, codes in tested:
            pairs = [b.and_all([b.input(e) for e in pair]) for pair in _ends_inward(edges_in_order)]
            signals.append(b.and_all([_decoded(b, goal_signals, codes), *pairs]))
        return signals

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
    variants = [("meet", meet, f"odd lengths joined around their middle edge, even ones layer by layer {then}")]
    if connectivity:
        variants.append(("reach", lambda b: gated_by_goal(b, reach_answers), f"reach sets from s under each regime {then}"))
    return Definition(
        problem, verifiers=verifiers, dp=forward,
        dp_note=f"s-t in exactly j edges under each regime a goal sets, layer by layer {then}",
        dp_variants=tuple(variants),
    )


def _middle_splits(graph: Graph, paths: Sequence[Sequence[object]]) -> dict[tuple, list[list[int]]]:
    """Each middle edge xy of the odd-length (≥ 3) ``paths``, with the edge inputs of every such
    path except xy (its two halves, met around xy)."""
    splits: dict[tuple, list[list[int]]] = {}
    for path in paths:
        length = len(path) - 1
        if length < 3 or length % 2 == 0:
            continue
        x, y = path[length // 2], path[length // 2 + 1]
        key = tuple(sorted((x, y), key=str)) if not graph.directed else (x, y)
        splits.setdefault(key, []).append([graph.edge(a, c) for a, c in zip(path, path[1:]) if {a, c} != {x, y}])
    return splits


def _ends_inward(items: Sequence[int]) -> list[tuple[int, ...]]:
    """The first and last item, the second and second-to-last, ...; a middle item alone."""
    k = len(items)
    return [(items[i], items[k - 1 - i]) if i != k - 1 - i else (items[i],) for i in range((k + 1) // 2)]


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


def _reversal(graph: Graph) -> tuple[int, ...]:
    """Walking every path backwards with a and b renamed (s↔t, a↔b): a step from a to b stays one,
    so it maps the paths a one-way middle edge allows onto themselves."""
    return graph.edge_permutation({"s": "t", "t": "s", "a": "b", "b": "a"}) + (graph.n,)


AB = frozenset("ab")
#: Every simple s–t path of PATH4's graph has 2 or 3 edges.
LENGTHS = frozenset({2, 3})


def goal_pathlen() -> Definition:
    """A path of exactly g + 2 edges, g an input, on PATH4's graph."""
    graph, symmetries = _path4_graph()
    return goal_path_problem(
        "goal-pathlen",
        "a simple s-t path of exactly g+2 edges in the graph s, a, b, t with edges sa, sb, at, bt, ab; the goal "
        "bit g chooses the length (2 or 3); candidates are the paths, verifier = [g asks for its length] AND its edges",
        graph, "s", "t", {0: PathGoal(AB, frozenset({2})), 1: PathGoal(AB, frozenset({3}))}, symmetries=symmetries,
        retargets=[{0: PathGoal(AB, frozenset({3})), 1: PathGoal(AB, frozenset({2}))},
                   {0: PathGoal(AB, LENGTHS), 1: PathGoal(AB, frozenset({3}))}],
    )


def goal_avoid() -> Definition:
    """s–t connectivity where the goal bit forbids the vertex a (g = 1) or nothing (g = 0), on
    PATH4's graph."""
    graph, symmetries = _path4_graph()
    return goal_path_problem(
        "goal-avoid",
        "a simple s-t path in the graph s, a, b, t with edges sa, sb, at, bt, ab that avoids vertex a when the goal "
        "bit g is 1; candidates are the paths, verifier = [g allows its vertices] AND its edges",
        graph, "s", "t", {0: PathGoal(AB, LENGTHS), 1: PathGoal(frozenset("b"), LENGTHS)},
        symmetries=symmetries[1:],
        retargets=[{0: PathGoal(AB, LENGTHS), 1: PathGoal(frozenset("a"), LENGTHS)},
                   {0: PathGoal(frozenset("b"), LENGTHS), 1: PathGoal(AB, LENGTHS)}],
    )


def goal_oneway() -> Definition:
    """s–t connectivity where the goal bit makes the middle edge one-way (g = 1: only a to b), on
    PATH4's graph."""
    graph, _ = _path4_graph()
    both, one_way = PathGoal(AB, LENGTHS), PathGoal(AB, LENGTHS, frozenset({("b", "a")}))
    return goal_path_problem(
        "goal-oneway",
        "a simple s-t path in the graph s, a, b, t with edges sa, sb, at, bt, ab; when the goal bit g is 1 the edge "
        "ab may only be traversed from a to b; candidates are the paths, verifier = [g allows its steps] AND its edges",
        graph, "s", "t", {0: both, 1: one_way}, symmetries=(_reversal(graph),),
        retargets=[{0: both, 1: PathGoal(AB, LENGTHS, frozenset({("a", "b")}))}, {0: one_way, 1: both}],
    )


def goal_direction() -> Definition:
    """s–t connectivity where the goal bit orients the middle edge (g = 0: a to b, g = 1: b to a), on
    PATH4's graph."""
    graph, _ = _path4_graph()
    a_to_b, b_to_a = PathGoal(AB, LENGTHS, frozenset({("b", "a")})), PathGoal(AB, LENGTHS, frozenset({("a", "b")}))
    return goal_path_problem(
        "goal-direction",
        "a simple s-t path in the graph s, a, b, t with edges sa, sb, at, bt, ab, where the goal bit g orients the "
        "edge ab (g = 0: from a to b, g = 1: from b to a); candidates are the paths, verifier = [g allows its steps] "
        "AND its edges",
        graph, "s", "t", {0: a_to_b, 1: b_to_a}, symmetries=(_reversal(graph),),
        retargets=[{0: b_to_a, 1: a_to_b}, {0: PathGoal(AB, LENGTHS), 1: PathGoal(AB, LENGTHS)}],
    )
