"""Graph search problems, generated from their graphs: PATH, LAYER, TRI4, P2-4, HAM4, PM4, COL2-C5,
SPLEN4 and the goal-as-input family GOAL-PENDANT, GOAL-DIAMOND, GOAL-PATH4 (docs/problems.md).

Every table here is obtained by evaluating the definition (a path's edges are present, a BFS reaches
t, a colouring is proper) on all 2^n edge subsets; nothing is typed in. Edges of K_k are inputs in
lexicographic order (01, 02, 03, 12, 13, 23 for K_4). Symmetry generators are vertex permutations of
the definition, translated to permutations of the edge inputs.
"""

from __future__ import annotations

import itertools
from collections import deque
from typing import Callable, Iterable, Sequence

from circuits.problems.builder import ZERO, CircuitBuilder, Signal, negate
from circuits.problems.definition import Definition
from circuits.problems.model import Candidate, SearchProblem, StatePredicate
from circuits.problems.tables import is_literal_or_constant, literal, table_from_function, union

Edge = tuple[object, object]


class Graph:
    """Named vertices and an ordered list of possible edges, each edge one input bit."""

    def __init__(self, edges: Sequence[Edge], directed: bool = False) -> None:
        self.edges = list(edges)
        self.directed = directed
        self.index = {self._key(u, v): i for i, (u, v) in enumerate(self.edges)}

    def _key(self, u: object, v: object) -> Edge:
        return (u, v) if self.directed else tuple(sorted((u, v), key=str))  # type: ignore[return-value]

    @property
    def n(self) -> int:
        return len(self.edges)

    def edge(self, u: object, v: object) -> int:
        return self.index[self._key(u, v)]

    def has(self, u: object, v: object) -> bool:
        return self._key(u, v) in self.index

    def names(self, fmt: Callable[[object, object], str]) -> tuple[str, ...]:
        return tuple(fmt(u, v) for u, v in self.edges)

    def present(self, bits: Sequence[int]) -> list[Edge]:
        return [e for e, b in zip(self.edges, bits) if b]

    def path_table(self, path: Sequence[object]) -> int:
        """The verifier of a path (or cycle, or any edge list): all its edges are present."""
        needed = [self.edge(u, v) for u, v in zip(path, path[1:])]
        return table_from_function(self.n, lambda bits: all(bits[i] for i in needed))

    def edge_set_table(self, edges: Iterable[Edge]) -> int:
        needed = [self.edge(u, v) for u, v in edges]
        return table_from_function(self.n, lambda bits: all(bits[i] for i in needed))

    def reachable(self, bits: Sequence[int], source: object, avoid: Iterable[object] = ()) -> set[object]:
        """Vertices reachable from ``source`` by BFS over present edges, never entering ``avoid``."""
        blocked = set(avoid)
        adjacency: dict[object, list[object]] = {}
        for u, v in self.present(bits):
            adjacency.setdefault(u, []).append(v)
            if not self.directed:
                adjacency.setdefault(v, []).append(u)
        seen = {source}
        queue = deque([source])
        while queue:
            u = queue.popleft()
            for v in adjacency.get(u, []):
                if v not in seen and v not in blocked:
                    seen.add(v)
                    queue.append(v)
        return seen

    def distance(self, bits: Sequence[int], source: object, target: object) -> int | None:
        """BFS distance in edges, None when unreachable."""
        adjacency: dict[object, list[object]] = {}
        for u, v in self.present(bits):
            adjacency.setdefault(u, []).append(v)
            if not self.directed:
                adjacency.setdefault(v, []).append(u)
        dist = {source: 0}
        queue = deque([source])
        while queue:
            u = queue.popleft()
            for v in adjacency.get(u, []):
                if v not in dist:
                    dist[v] = dist[u] + 1
                    queue.append(v)
        return dist.get(target)

    def distance_via(self, bits: Sequence[int], source: object, target: object, inner: Sequence[object]) -> float:
        """Fewest edges from ``source`` to ``target`` through ``inner`` vertices only (inf if none)."""
        allowed = set(inner) | {target}
        dist = {source: 0}
        queue = deque([source])
        while queue:
            u = queue.popleft()
            for a, c in self.present(bits):
                for x, y in ((a, c), (c, a)) if not self.directed else ((a, c),):
                    if x == u and y in allowed and y not in dist:
                        dist[y] = dist[u] + 1
                        if y != target:
                            queue.append(y)
        return dist.get(target, float("inf"))

    def edge_permutation(self, mapping: dict) -> tuple[int, ...]:
        """The input permutation induced by a vertex map (perm[i] = image of edge input i)."""
        return tuple(self.edge(mapping.get(u, u), mapping.get(v, v)) for u, v in self.edges)


def complete_graph(k: int) -> Graph:
    return Graph([(u, v) for u, v in itertools.combinations(range(k), 2)])


def _edge_name(u: object, v: object) -> str:
    return f"e{u}{v}"


def simple_paths(graph: Graph, vertices: Sequence[object], s: object, t: object) -> list[tuple[object, ...]]:
    """All simple s–t paths through the other vertices, shortest first, then lexicographic."""
    inner = [v for v in vertices if v not in (s, t)]
    paths = []
    for length in range(len(inner) + 1):
        for middle in itertools.permutations(inner, length):
            path = (s, *middle, t)
            if all(graph.has(u, v) for u, v in zip(path, path[1:])):
                paths.append(path)
    return paths


def _nontrivial_states(n: int, states: Iterable[tuple[str, int]]) -> tuple[StatePredicate, ...]:
    """Keep state predicates that a circuit would have to compute (not constants or literals)."""
    kept: list[StatePredicate] = []
    for name, table in states:
        if not is_literal_or_constant(n, table) and all(s.table != table for s in kept):
            kept.append(StatePredicate(name, table))
    return tuple(kept)


def reach_states(graph: Graph, s: object, t: object, inner: Sequence[object]) -> list[tuple[str, int]]:
    """The states of both directions of an s–t search: ``reach_v`` (s reaches v avoiding t) and
    ``coreach_v`` (v reaches t avoiding s). Reversing s and t maps each list onto the other, so a
    search run backwards from t is recognized as well as one run forwards from s."""
    n = graph.n
    forward = [
        (f"reach_{v}", table_from_function(n, lambda bits, v=v: v in graph.reachable(bits, s, avoid=[t])))
        for v in inner
    ]
    backward = [
        (f"coreach_{v}", table_from_function(n, lambda bits, v=v: v in graph.reachable(bits, t, avoid=[s])))
        for v in inner
    ]
    return forward + backward


# -- reach-set recurrences shared by PATH, SPLEN and GOAL-PATH ------------------------------------
def reach_layers(
    b: CircuitBuilder, graph: Graph, s: object, inner: Sequence[object], rounds: int
) -> list[dict[object, Signal]]:
    """Bellman–Ford over ``inner`` vertices: layer ℓ maps v to "v reachable from s in ≤ ℓ+1 edges
    through ``inner`` vertices only" (layer 0 is the edges out of s; a missing edge is absent)."""

    def edge(u: object, v: object) -> Signal:
        return b.input(graph.edge(u, v)) if graph.has(u, v) else ZERO

    def within(v: object, hops: int) -> int:
        """The table (over the edge inputs) of "v reachable from s in ≤ hops edges via inner"."""
        return table_from_function(graph.n, lambda bits: graph.distance_via(bits, s, v, inner) <= hops)

    def step(prev: dict[object, Signal], v: object, hops: int) -> Signal:
        """v's reach set after one more round: a vertex whose set did not grow keeps its wire, and
        the old set is left out where the relaxed edges already cover it (no redundant gates)."""
        if within(v, hops) == within(v, hops - 1):
            return prev[v]
        neighbours = [u for u in inner if u != v and graph.has(u, v)]
        relaxed = 0
        for u in neighbours:
            relaxed |= within(u, hops - 1) & literal(graph.n, graph.edge(u, v))
        old = [] if within(v, hops - 1) & ~relaxed == 0 else [prev[v]]
        return b.or_all(old + [b.and_(prev[u], edge(u, v)) for u in neighbours])

    layers = [{v: edge(s, v) for v in inner}]
    for hops in range(2, rounds + 1):
        prev = layers[-1]
        layers.append({v: step(prev, v, hops) for v in inner})
    return layers


def reach_target(b: CircuitBuilder, graph: Graph, s: object, t: object, layer: dict[object, Signal]) -> Signal:
    """t reached: the direct edge, or an inner vertex of ``layer`` with an edge to t."""
    return b.or_all([b.input(graph.edge(s, t))] + [b.and_(r, b.input(graph.edge(v, t))) for v, r in layer.items()])


# -- S1 PATH_k ------------------------------------------------------------------------------------
def path_problem(k: int) -> Definition:
    """s–t connectivity in a graph on k vertices, s = 0, t = k−1, candidates = simple paths."""
    graph = complete_graph(k)
    vertices = list(range(k))
    s, t = 0, k - 1
    inner = vertices[1:-1]
    n = graph.n
    candidates = tuple(
        Candidate("".join(map(str, p)), graph.path_table(p)) for p in simple_paths(graph, vertices, s, t)
    )
    states = _nontrivial_states(n, reach_states(graph, s, t, inner))
    symmetries = [graph.edge_permutation({s: t, t: s})]
    if len(inner) >= 2:
        symmetries.append(graph.edge_permutation({inner[0]: inner[1], inner[1]: inner[0]}))
    if len(inner) >= 3:
        symmetries.append(graph.edge_permutation(dict(zip(inner, inner[1:] + inner[:1]))))
    retargets = tuple(
        (f"t={u}", (table_from_function(n, lambda bits, u=u: u in graph.reachable(bits, s)),)) for u in inner
    )

    rounds = max(1, len(inner))

    def dp(b: CircuitBuilder) -> list[Signal]:
        layers = reach_layers(b, graph, s, inner, rounds)
        return [reach_target(b, graph, s, t, layers[-1])]

    def meet(b: CircuitBuilder) -> list[Signal]:
        """Both searches at once: t is reached through some inner v that s reaches and that reaches t."""
        forward = reach_layers(b, graph, s, inner, rounds)[-1]
        backward = reach_layers(b, graph, t, inner, rounds)[-1]
        return [b.or_all([b.input(graph.edge(s, t))] + [b.and_(forward[v], backward[v]) for v in inner])]

    def pivot(b: CircuitBuilder) -> list[Signal]:
        """Split on the last inner vertex w: a path avoiding w (the same search without w), or s
        reaches w and w reaches t."""
        w, rest = inner[-1], inner[:-1]
        around = reach_target(b, graph, s, t, reach_layers(b, graph, s, rest, max(1, len(rest)))[-1]) if rest else b.input(graph.edge(s, t))
        forward = reach_layers(b, graph, s, inner, rounds)[-1][w]
        backward = reach_layers(b, graph, t, inner, rounds)[-1][w]
        return [b.or_all([around, b.and_(forward, backward)])]

    problem = SearchProblem(
        name=f"path{k}",
        description=f"s-t connectivity in an undirected graph on {k} vertices (s=0, t={t}); "
        "candidates are the simple s-t paths, verifier = AND of the path's edges",
        input_names=graph.names(_edge_name),
        mode="exists",
        candidates=candidates,
        outputs=(union(c.verifier for c in candidates),),
        states=states,
        symmetries=tuple(symmetries),
        family="PATH",
        retargets=retargets,
        monotone_basis=True,
        suite_id="S1" if k == 4 else None,
    )
    variants = (
        ("meet", meet, "meet in the middle: reach sets from s and from t, joined at every inner vertex"),
        ("pivot", pivot, f"split on vertex {inner[-1]}: a path avoiding it, or reach_{inner[-1]} AND coreach_{inner[-1]}"),
    ) if inner else ()
    return Definition(
        problem, dp=dp, dp_note="Bellman-Ford reach sets avoiding t, then OR over the edges into t", dp_variants=variants
    )


# -- S3/S4 LAYER w×L ------------------------------------------------------------------------------
def layer_problem(width: int, layers: int) -> Definition:
    """s–t connectivity in a layered DAG s → L layers of ``width`` vertices → t; candidates = the
    width^layers s–t paths."""
    letters = "abcdefgh"[:width]
    columns = [[f"{c}{j}" for c in letters] for j in range(1, layers + 1)]
    edges: list[Edge] = [("s", v) for v in columns[0]]
    for here, there in zip(columns, columns[1:]):
        edges += [(u, v) for u in here for v in there]
    edges += [(v, "t") for v in columns[-1]]
    graph = Graph(edges, directed=True)
    n = graph.n
    paths = list(itertools.product(*columns))
    candidates = tuple(Candidate("-".join(p), graph.path_table(("s", *p, "t"))) for p in paths)
    reversed_graph = Graph([(v, u) for u, v in edges], directed=True)
    states = _nontrivial_states(
        n,
        [
            (f"reach_{v}", table_from_function(n, lambda bits, v=v: v in graph.reachable(bits, "s")))
            for column in columns[1:]
            for v in column
        ]
        + [
            (f"coreach_{v}", table_from_function(n, lambda bits, v=v: v in reversed_graph.reachable(bits, "t")))
            for column in columns[:-1]
            for v in column
        ],
    )
    symmetries = []
    for column in columns:
        symmetries.append(graph.edge_permutation({column[0]: column[1], column[1]: column[0]}))
        if width >= 3:
            symmetries.append(graph.edge_permutation(dict(zip(column, column[1:] + column[:1]))))
    reverse = {"s": "t", "t": "s"}
    for j, column in enumerate(columns):
        reverse.update(zip(column, columns[layers - 1 - j]))
    symmetries.append(tuple(graph.edge((reverse[v]), reverse[u]) for u, v in graph.edges))

    def dp(b: CircuitBuilder) -> list[Signal]:
        reach = {v: b.input(graph.edge("s", v)) for v in columns[0]}
        for here, there in zip(columns, columns[1:]):
            reach = {v: b.or_all([b.and_(reach[u], b.input(graph.edge(u, v))) for u in here]) for v in there}
        return [b.or_all([b.and_(reach[v], b.input(graph.edge(v, "t"))) for v in columns[-1]])]

    ids = {(3, 1): "S3", (2, 2): "S4"}
    problem = SearchProblem(
        name=f"layer{width}x{layers}",
        description=f"s-t connectivity in a layered DAG s -> {layers} layer(s) of {width} vertices -> t; "
        f"candidates are the {len(paths)} s-t paths, verifier = AND of {layers + 1} edges",
        input_names=graph.names(lambda u, v: f"{u}-{v}"),
        mode="exists",
        candidates=candidates,
        outputs=(union(c.verifier for c in candidates),),
        states=states,
        symmetries=tuple(symmetries),
        family="LAYER",
        monotone_basis=True,
        suite_id=ids.get((width, layers)),
    )
    return Definition(problem, dp=dp, dp_note="layer-by-layer reach sets: reach_v = OR_u (reach_u AND e_uv)")


# -- subgraph patterns in K4: TRI4, P2-4, HAM4, PM4 -----------------------------------------------
def _pattern_problem(
    name: str,
    suite_id: str,
    description: str,
    patterns: Sequence[tuple[str, Sequence[Edge]]],
    retargets: Sequence[tuple[str, Sequence[Sequence[Edge]]]] = (),
) -> Definition:
    """'Some pattern (edge set) of K4 is present'; the group S4 acts on the patterns."""
    graph = complete_graph(4)
    candidates = tuple(Candidate(label, graph.edge_set_table(edges)) for label, edges in patterns)
    symmetries = (graph.edge_permutation({0: 1, 1: 0}), graph.edge_permutation({0: 1, 1: 2, 2: 3, 3: 0}))

    def any_table(edge_sets: Sequence[Sequence[Edge]]) -> int:
        return union(graph.edge_set_table(edges) for edges in edge_sets)

    problem = SearchProblem(
        name=name,
        description=description,
        input_names=graph.names(_edge_name),
        mode="exists",
        candidates=candidates,
        outputs=(union(c.verifier for c in candidates),),
        symmetries=symmetries,
        retargets=tuple((label, (any_table(sets),)) for label, sets in retargets),
        monotone_basis=True,
        suite_id=suite_id,
    )
    return Definition(problem)


def _cycle_edges(cycle: Sequence[int]) -> list[Edge]:
    return list(zip(cycle, list(cycle[1:]) + [cycle[0]]))


def tri4() -> Definition:
    triangles = list(itertools.combinations(range(4), 3))
    four_cycles = [(0, *p) for p in itertools.permutations((1, 2, 3)) if p[0] < p[2]]
    stars = [[(v, u) for u in range(4) if u != v] for v in range(4)]
    return _pattern_problem(
        "tri4",
        "S6",
        "a triangle exists in a graph on 4 vertices; candidates are the 4 triangles, verifier = AND of 3 edges",
        [("".join(map(str, tri)), _cycle_edges(tri)) for tri in triangles],
        retargets=[("c4", [_cycle_edges(c) for c in four_cycles]), ("star", stars)],
    )


def p2_4() -> Definition:
    cherries = [
        (f"{v}:{a}{b}", [(v, a), (v, b)])
        for v in range(4)
        for a, b in itertools.combinations([u for u in range(4) if u != v], 2)
    ]
    return _pattern_problem(
        "p2-4",
        "S7",
        "two edges share a vertex (the edge set is not a matching) in a graph on 4 vertices; "
        "candidates are the 12 cherries v:ab, verifier = e_va AND e_vb",
        cherries,
    )


def ham4() -> Definition:
    paths = [p for p in itertools.permutations(range(4)) if p[0] < p[-1]]
    return _pattern_problem(
        "ham4",
        "S8",
        "a Hamiltonian path exists in a graph on 4 vertices; candidates are the 12 vertex orders "
        "(up to reversal), verifier = AND of 3 edges",
        [("".join(map(str, p)), list(zip(p, p[1:]))) for p in paths],
    )


def pm4() -> Definition:
    matchings = [((0, 1), (2, 3)), ((0, 2), (1, 3)), ((0, 3), (1, 2))]
    return _pattern_problem(
        "pm4",
        "S9",
        "a perfect matching exists in a graph on 4 vertices; candidates are the 3 matchings, "
        "verifier = AND of 2 edges",
        [(f"{a}{b}|{c}{d}", [(a, b), (c, d)]) for (a, b), (c, d) in matchings],
    )


# -- S11 COL2-C5+ -----------------------------------------------------------------------------------
def col2_c5() -> Definition:
    """2-colourability of a subgraph of the 5-cycle plus the chord 02; candidates = colourings."""
    graph = Graph([(0, 1), (0, 2), (0, 4), (1, 2), (2, 3), (3, 4)])
    n = graph.n
    colourings = [(0, *rest) for rest in itertools.product((0, 1), repeat=4)]

    def proper(colouring: Sequence[int]) -> Callable[[Sequence[int]], bool]:
        return lambda bits: all(colouring[u] != colouring[v] for u, v in graph.present(bits))

    candidates = tuple(
        Candidate("".join(map(str, col)), table_from_function(n, proper(col))) for col in colourings
    )
    odd_cycles = {"odd_012": (0, 1, 2), "odd_01234": (0, 1, 2, 3, 4)}
    states = _nontrivial_states(n, ((name, graph.path_table((*cyc, cyc[0]))) for name, cyc in odd_cycles.items()))
    problem = SearchProblem(
        name="col2-c5",
        description="the present edges of C5 plus the chord 02 form a 2-colourable graph; candidates are "
        "the 16 colourings with c0 = 0, verifier = no present edge is monochromatic",
        input_names=graph.names(_edge_name),
        mode="exists",
        candidates=candidates,
        outputs=(union(c.verifier for c in candidates),),
        states=states,
        symmetries=(graph.edge_permutation({0: 2, 2: 0, 3: 4, 4: 3}),),
        suite_id="S11",
    )
    return Definition(problem)


# -- S15 SPLEN4 -------------------------------------------------------------------------------------
def splen4() -> Definition:
    """Shortest s–t path length in K4 (s=0, t=3): 0 = no path, else 1, 2 or 3; 2 output bits."""
    graph = complete_graph(4)
    n = graph.n
    s, t, inner = 0, 3, [1, 2]
    paths = simple_paths(graph, range(4), s, t)
    verifiers = [graph.path_table(p) for p in paths]
    candidates = []
    earlier = 0
    for path, verifier in zip(paths, verifiers):
        candidates.append(Candidate("".join(map(str, path)), verifier, verifier & ~earlier))
        earlier |= verifier

    def length(bits: Sequence[int]) -> int:
        return graph.distance(bits, s, t) or 0

    outputs = tuple(table_from_function(n, lambda bits, h=h: (length(bits) >> h) & 1) for h in range(2))
    states = _nontrivial_states(
        n,
        reach_states(graph, s, t, inner)
        + [
            (f"dist<={d}", table_from_function(n, lambda bits, d=d: 0 < length(bits) <= d))
            for d in (1, 2, 3)
        ],
    )

    def dp(b: CircuitBuilder) -> list[Signal]:
        layers = reach_layers(b, graph, s, inner, 2)
        within = [b.input(graph.edge(s, t))] + [reach_target(b, graph, s, t, layer) for layer in layers]
        one, two, three = within
        return [b.or_(one, b.and_(three, negate(two))), b.and_(three, negate(one))]

    problem = SearchProblem(
        name="splen4",
        description="length of a shortest s-t path in a graph on 4 vertices (s=0, t=3), 0 when none; "
        "candidates are the 5 simple paths by length, the answer is the first present one",
        input_names=graph.names(_edge_name),
        mode="first",
        candidates=tuple(candidates),
        outputs=outputs,
        states=states,
        symmetries=(graph.edge_permutation({0: 3, 3: 0}), graph.edge_permutation({1: 2, 2: 1})),
        output_names=("len0", "len1"),
        suite_id="S15",
    )
    return Definition(problem, dp=dp, dp_note="BFS: t within 1, 2, 3 edges from reach layers; length bits from them")


# -- goal as input: GOAL-PENDANT, GOAL-DIAMOND, GOAL-PATH4 ----------------------------------------
def goal_reach_problem(
    name: str,
    description: str,
    graph: Graph,
    s: object,
    targets: dict[int, object],
    goal_bits: int,
    retargets: Sequence[dict[int, object]],
    suite_id: str | None = None,
    symmetries: Sequence[tuple[int, ...]] = (),
) -> Definition:
    """Reachability from ``s`` to a target chosen by goal bits: the goal is an input, so a circuit
    can hold a goal-independent search (which vertices s reaches) and a small objective slot (which
    target counts). ``targets`` maps a goal code (g0 + 2 g1 + …) to its target; a code it omits
    means "no goal" (output 0). Candidates are (target, simple path) pairs, verifier = [goal = code]
    AND the path's edges; states are the goal tests and the reach sets from s; ``retargets`` are
    other code → target maps (other objectives of the family, for retargetability)."""
    vertices = sorted({u for edge in graph.edges for u in edge}, key=str)
    edges = graph.n
    n = edges + goal_bits
    bits_of_goal = tuple(range(edges, n))

    def goal(bits: Sequence[int]) -> int:
        return sum(bits[j] << k for k, j in enumerate(bits_of_goal))

    def reaches(bits: Sequence[int], t: object) -> bool:
        return t in graph.reachable(bits[:edges], s)

    def family_table(mapping: dict[int, object]) -> int:
        return table_from_function(n, lambda bits: goal(bits) in mapping and reaches(bits, mapping[goal(bits)]))

    candidates = []
    for code, t in targets.items():
        for path in simple_paths(graph, vertices, s, t):
            needed = [graph.edge(u, v) for u, v in zip(path, path[1:])]
            table = table_from_function(
                n, lambda bits, code=code, needed=needed: goal(bits) == code and all(bits[i] for i in needed)
            )
            candidates.append(Candidate(f"t{t}:{''.join(map(str, path))}", table))
    others = [v for v in vertices if v != s]
    states = _nontrivial_states(
        n,
        [(f"goal={t}", table_from_function(n, lambda bits, code=code: goal(bits) == code)) for code, t in targets.items()]
        + [(f"reach_{v}", table_from_function(n, lambda bits, v=v: reaches(bits, v))) for v in others],
    )

    def dp(b: CircuitBuilder) -> list[Signal]:
        """The goal-independent search (reach sets from s), then the objective slot: the reach set
        of the target the goal names."""
        reach = reach_layers(b, graph, s, others, len(others))[-1]
        goal_signals = [b.input(j) for j in bits_of_goal]
        if goal_bits == 1 and len(targets) == 2:
            return [b.mux(goal_signals[0], reach[targets[1]], reach[targets[0]])]
        tests = []
        for code, t in targets.items():
            decoded = b.and_all([g if (code >> k) & 1 else negate(g) for k, g in enumerate(goal_signals)])
            tests.append(b.and_(decoded, reach[t]))
        return [b.or_all(tests)]

    names = tuple(f"g{k}" for k in range(goal_bits)) if goal_bits > 1 else ("g",)

    def describe(mapping: dict[int, object]) -> str:
        return ",".join(f"{code}:{t}" for code, t in sorted(mapping.items()))

    problem = SearchProblem(
        name=name,
        description=description,
        input_names=graph.names(_edge_name) + names,
        mode="exists",
        candidates=tuple(candidates),
        outputs=(family_table(targets),),
        states=states,
        symmetries=tuple(symmetries),
        goal_inputs=bits_of_goal,
        retargets=tuple((f"targets {describe(mapping)}", (family_table(mapping),)) for mapping in retargets),
        suite_id=suite_id,
        family="GOAL",
    )
    return Definition(problem, dp=dp, dp_note="reach sets from s (goal-independent), then the reach set of the goal's target")


def goal_pendant() -> Definition:
    """Four edges 01, 02, 12, 13 (vertex 3 hangs off 1); s = 0; the goal bit g picks t = 2 or 3."""
    graph = Graph([(0, 1), (0, 2), (1, 2), (1, 3)])
    return goal_reach_problem(
        "goal-pendant",
        "reachability from s=0 in a graph with edges 01, 02, 12, 13 (vertex 3 pendant on 1); the goal bit "
        "g chooses the target: 2 when g=0, 3 when g=1; candidates are (target, path) pairs",
        graph, 0, {0: 2, 1: 3}, 1, retargets=[{0: 1, 1: 3}, {0: 2, 1: 1}],
    )


def goal_diamond() -> Definition:
    """K4 without the edge 03; s = 0; the goal bit g picks t = 1 or 3."""
    graph = Graph([(0, 1), (0, 2), (1, 2), (1, 3), (2, 3)])
    return goal_reach_problem(
        "goal-diamond",
        "reachability from s=0 in K4 without the edge 03; the goal bit g chooses the target: 1 when g=0, "
        "3 when g=1; candidates are (target, path) pairs",
        graph, 0, {0: 1, 1: 3}, 1, retargets=[{0: 2, 1: 3}, {0: 1, 1: 2}],
    )


def goal_path4() -> Definition:
    """s–t connectivity on K4 with the target t ∈ {1,2,3} given by 2 goal bits (0 = no goal)."""
    graph = complete_graph(4)
    definition = goal_reach_problem(
        "goal-path4",
        "s-t connectivity in a graph on 4 vertices with s=0 and the target t in {1,2,3} given by goal bits "
        "g0 + 2 g1 (0 = no goal, output 0); candidates are (t, path) pairs",
        graph, 0, {1: 1, 2: 2, 3: 3}, 2, retargets=[{1: 3, 2: 2, 3: 1}, {1: 2, 2: 3, 3: 1}], suite_id="S16",
        symmetries=(graph.edge_permutation({1: 2, 2: 1}) + (7, 6),),
    )
    return definition
