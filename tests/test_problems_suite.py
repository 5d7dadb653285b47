"""The built-in suite against definitions written independently here (from input names, by BFS,
union-find, brute force over assignments and subsets), row by row over all inputs."""

from __future__ import annotations

import itertools
import random
from typing import Callable, Sequence

import pytest

from circuits.errors import InputError
from circuits.problems.logic import RCIRC_GATES, random_circuit
from circuits.problems.suite import all_problems, get_problem, problem_names, resolve_problem


def rows(n: int):
    for r in range(1 << n):
        yield r, [(r >> j) & 1 for j in range(n)]


def tabulate(n: int, f: Callable[[list[int]], int]) -> int:
    return sum(1 << r for r, bits in rows(n) if f(bits))


def present_edges(problem, bits) -> list[tuple[str, str]]:
    """Edges named eUV (undirected) or U-V (directed) whose input bit is 1."""
    edges = []
    for name, bit in zip(problem.input_names, bits):
        if bit and name.startswith("e") and len(name) == 3:
            edges.append((name[1], name[2]))
        elif bit and "-" in name:
            u, v = name.split("-")
            edges.append((u, v))
    return edges


def connected(edges, s, t, directed=False) -> bool:
    parent: dict[str, str] = {}

    if directed:
        frontier, seen = [s], {s}
        while frontier:
            u = frontier.pop()
            for a, b in edges:
                if a == u and b not in seen:
                    seen.add(b)
                    frontier.append(b)
        return t in seen

    def find(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    return find(s) == find(t)


def bfs_distance(edges, s, t) -> int:
    dist = {s: 0}
    layer = [s]
    while layer:
        nxt = []
        for u in layer:
            for a, b in edges:
                for x, y in ((a, b), (b, a)):
                    if x == u and y not in dist:
                        dist[y] = dist[u] + 1
                        nxt.append(y)
        layer = nxt
    return dist.get(t, 0)


def adjacent(edges, u, v) -> bool:
    return (u, v) in edges or (v, u) in edges


def numbers(bits: Sequence[int], count: int, width: int = 2) -> list[int]:
    return [sum(bits[i * width + k] << k for k in range(width)) for i in range(count)]


def expected_outputs(problem) -> tuple[int, ...]:
    """The function of each built-in problem, from its definition, written independently."""
    name, n = problem.name, problem.n
    if name.startswith("path"):
        k = int(name[4:])
        return (tabulate(n, lambda b: connected(present_edges(problem, b), "0", str(k - 1))),)
    if name.startswith("layer"):
        return (tabulate(n, lambda b: connected(present_edges(problem, b), "s", "t", directed=True)),)
    if name == "tri4":
        return (tabulate(n, lambda b: any(
            all(adjacent(present_edges(problem, b), str(u), str(v)) for u, v in itertools.combinations(tri, 2))
            for tri in itertools.combinations(range(4), 3))),)
    if name == "p2-4":
        return (tabulate(n, lambda b: any(
            sum(str(v) in e for e in present_edges(problem, b)) >= 2 for v in range(4))),)
    if name == "ham4":
        return (tabulate(n, lambda b: any(
            all(adjacent(present_edges(problem, b), str(p[i]), str(p[i + 1])) for i in range(3))
            for p in itertools.permutations(range(4)))),)
    if name == "pm4":
        return (tabulate(n, lambda b: any(
            all(adjacent(present_edges(problem, b), str(m[i]), str(m[i + 1])) for i in (0, 2))
            for m in itertools.permutations(range(4)))),)
    if name == "col2-c5":
        return (tabulate(n, lambda b: any(
            all(col[int(u)] != col[int(v)] for u, v in present_edges(problem, b))
            for col in itertools.product((0, 1), repeat=5))),)
    if name == "sat2x2":
        def satisfiable(bits):
            clauses = [name for name, bit in zip(problem.input_names, bits) if bit]
            for p, q in itertools.product((False, True), repeat=2):
                value = {"p": p, "~p": not p, "q": q, "~q": not q}
                if all(any(value[lit] for lit in clause.split("|")) for clause in clauses):
                    return True
            return False
        return (tabulate(n, satisfiable),)
    if name == "subsum3x2":
        return (tabulate(n, lambda b: any(
            sum(s) == 4 for r in range(1, 4) for s in itertools.combinations(numbers(b, 3), r))),)
    if name == "argmax3x2":
        def winner(b):
            vals = numbers(b, 3)
            return min(i for i in range(3) if vals[i] == max(vals))
        return tuple(tabulate(n, lambda b, h=h: (winner(b) >> h) & 1) for h in range(2))
    if name == "splen4":
        return tuple(tabulate(n, lambda b, h=h: (bfs_distance(present_edges(problem, b), "0", "3") >> h) & 1)
                     for h in range(2))
    if name == "goal-path4":
        def reach(b):
            goal = b[6] + 2 * b[7]
            return goal != 0 and connected(present_edges(problem, b[:6]), "0", str(goal))
        return (tabulate(n, reach),)
    if name in ("goal-pendant", "goal-diamond"):
        # The goal bit g (the last input) picks the target; the tables the issue quotes are checked too.
        targets = {"goal-pendant": ("2", "3"), "goal-diamond": ("1", "3")}[name]
        return (tabulate(n, lambda b: connected(present_edges(problem, b[:-1]), "0", targets[b[-1]])),)
    if name == "goal-subsum2x2":
        return (tabulate(n, lambda b: any(
            sum(s) == b[4] + 2 * b[5] for r in (1, 2) for s in itertools.combinations(numbers(b, 2), r))),)
    if name in DECIDING:
        # Inputs sa, sb, at, bt, ab (edges named by their end vertices) and the goal bit g.
        accepts = DECIDING[name]
        return (tabulate(n, lambda b: any(
            accepts(path, b[-1]) for path in simple_st_paths([tuple(x) for x, bit in zip(problem.input_names[:-1], b) if bit]))),)
    if name.startswith("parity"):
        return (tabulate(n, lambda b: sum(b) % 2),)
    if name == "maj5":
        return (tabulate(n, lambda b: sum(b) >= 3),)
    if name == "add2":
        return tuple(tabulate(n, lambda b, h=h: (sum(numbers(b, 2)) >> h) & 1) for h in range(3))
    if name == "mux4":
        return (tabulate(n, lambda b: b[2 + b[0] + 2 * b[1]]),)
    if name.startswith("rand6-s"):
        return (random.Random(f"rand6-{name[7:]}").getrandbits(64),)
    if name.startswith("rcirc6-s"):
        return tuple(random_circuit(random.Random(f"rcirc6-{name[8:]}"), 6, RCIRC_GATES).output_tables())
    raise AssertionError(f"no independent definition for {name}")


def simple_st_paths(edges: list[tuple[str, str]]) -> list[list[str]]:
    """Every simple s–t path over undirected ``edges``, by depth-first search."""
    found = []

    def extend(path: list[str]) -> None:
        if path[-1] == "t":
            found.append(path)
            return
        for u, v in edges:
            for a, b in ((u, v), (v, u)):
                if a == path[-1] and b not in path:
                    extend(path + [b])

    extend(["s"])
    return found


#: The deciding family's goals: which s–t paths (vertex lists) count for goal bit g.
DECIDING = {
    "goal-pathlen": lambda path, g: len(path) - 1 == g + 2,
    "goal-avoid": lambda path, g: not (g and "a" in path),
    "goal-oneway": lambda path, g: not (g and "ba" in "".join(path)),
    "goal-direction": lambda path, g: ("ab" if g else "ba") not in "".join(path),
}


@pytest.mark.parametrize("name", problem_names())
def test_truth_table_matches_independent_definition(name):
    problem = get_problem(name)
    assert problem.outputs == expected_outputs(problem)
    assert problem.truth_table().outputs == problem.outputs


GRAPH_CANDIDATES = ["path3", "path4", "layer2x1", "layer3x1", "layer2x2", "layer4x1", "tri4", "ham4"]


@pytest.mark.parametrize("name", GRAPH_CANDIDATES)
def test_path_like_candidates_are_their_edges(name):
    """Each candidate named by a vertex sequence is verified by exactly the AND of its edges."""
    problem = get_problem(name)
    for c in problem.candidates:
        if name.startswith("layer"):
            walk = ["s", *c.name.split("-"), "t"]
        else:
            walk = list(c.name) + ([c.name[0]] if name == "tri4" else [])
        needed = {frozenset(e) for e in zip(walk, walk[1:])}
        table = tabulate(problem.n, lambda b: needed <= {frozenset(e) for e in present_edges(problem, b)})
        assert c.verifier == table, c.name


def test_subsum_and_sat_candidates():
    subsum = get_problem("subsum3x2")
    for c in subsum.candidates:
        idx = ["abc".index(ch) for ch in c.name]
        assert c.verifier == tabulate(6, lambda b: sum(numbers(b, 3)[i] for i in idx) == 4)
    sat = get_problem("sat2x2")
    for c in sat.candidates:
        p, q = (int(part[-1]) for part in c.name.split(","))
        value = {"p": p, "~p": 1 - p, "q": q, "~q": 1 - q}
        assert c.verifier == tabulate(8, lambda b: all(
            any(value[lit] for lit in clause.split("|")) for clause, bit in zip(sat.input_names, b) if bit))


def test_suite_contents():
    problems = all_problems()
    ids = {p.suite_id for p in problems}
    search_ids = {"S1", "S3", "S4", "S6", "S7", "S8", "S9", "S11", "S12", "S13", "S14", "S15", "S16"}
    assert {p.name for p in problems if p.family == "GOAL"} == {
        "goal-pendant", "goal-diamond", "goal-path4", "goal-subsum2x2", "goal-pathlen", "goal-avoid", "goal-oneway", "goal-direction"}
    assert search_ids | {"C1", "C2", "C3", "C4", "C5", "C6"} <= ids
    assert all(p.kind == "search" for p in problems if p.suite_id in search_ids)
    assert {p.name for p in problems if p.family == "LAYER"} == {"layer2x1", "layer3x1", "layer2x2", "layer4x1"}
    assert {p.name for p in problems if p.family == "PATH"} == {"path3", "path4"}
    assert sum(p.name.startswith("rand6-s") for p in problems) == 10
    assert sum(p.name.startswith("rcirc6-s") for p in problems) == 10
    assert len(set(p.outputs for p in problems if p.suite_id in ("C5", "C6"))) == 20
    assert [p.n for p in problems if p.suite_id in ("S3", "S4")] == [6, 8]


def test_random_circuit_controls_are_what_they_claim():
    for seed in range(10):
        circuit = random_circuit(random.Random(f"rcirc6-{seed}"), 6, RCIRC_GATES)
        assert circuit.size == RCIRC_GATES
        readers = {f for g in circuit.gates for f in g.fanins}
        assert all(node in readers for node in range(6, 6 + RCIRC_GATES - 1))


def test_uniform_flags_follow_the_declared_formulations():
    uniform = {p.name: p.uniform for p in all_problems()}
    assert not uniform["parity5"] and not uniform["add2"] and not uniform["rand6-s0"] and not uniform["rcirc6-s0"]
    assert uniform["maj5"] and uniform["mux4"] and uniform["path4"]


def test_goal_and_retarget_declarations():
    goal = get_problem("goal-path4")
    assert [goal.input_names[j] for j in goal.goal_inputs] == ["g0", "g1"]
    path4 = get_problem("path4")
    by_name = dict(path4.retargets)
    assert by_name["t=1"] == (tabulate(6, lambda b: connected(present_edges(path4, b), "0", "1")),)
    subsum = get_problem("subsum3x2")
    assert dict(subsum.retargets)["T=5"] == (tabulate(6, lambda b: any(
        sum(s) == 5 for r in range(1, 4) for s in itertools.combinations(numbers(b, 3), r))),)


def test_sat_retargets_fix_a_variable():
    sat = get_problem("sat2x2")

    def satisfiable_with_p(bits):
        clauses = [name for name, bit in zip(sat.input_names, bits) if bit]
        for q in (False, True):
            value = {"p": True, "~p": False, "q": q, "~q": not q}
            if all(any(value[lit] for lit in clause.split("|")) for clause in clauses):
                return True
        return False

    assert dict(sat.retargets)["p=1"] == (tabulate(8, satisfiable_with_p),)


def test_lookup_by_name():
    assert get_problem("PATH4") is get_problem("path4")
    with pytest.raises(InputError, match="unknown problem 'nope'.*path4"):
        get_problem("nope")
    with pytest.raises(InputError, match="not both"):
        resolve_problem("path4", "x.json")
    with pytest.raises(InputError, match="no problem given"):
        resolve_problem()


@pytest.mark.parametrize("name", problem_names())
def test_monotone_flag_is_exact(name):
    """monotone_basis is set exactly when raising an input never lowers an output (row by row)."""
    problem = get_problem(name)
    monotone = all(
        not ((out >> r) & 1) or ((out >> (r | (1 << j))) & 1)
        for out in problem.outputs
        for r in range(1 << problem.n)
        for j in range(problem.n)
    )
    assert problem.monotone_basis == monotone


# -- state predicates: closed under the formulation's symmetries, re-derived here ------------------
def test_every_declared_state_list_is_closed_under_the_symmetries():
    """Forward reach sets come with the backward ones (and every other mirror image), so the closure
    the analyzer applies to user problems adds nothing to a built-in one."""
    from circuits.problems.tables import permute_table
    from circuits.problems.validity import closed_states, formulation_automorphisms

    for problem in all_problems():
        mask = (1 << (1 << problem.n)) - 1
        tables = {s.table for s in problem.states} | {s.table ^ mask for s in problem.states}
        for sigma in formulation_automorphisms(problem):
            assert all(permute_table(problem.n, s.table, sigma) in tables for s in problem.states), problem.name
        assert closed_states(problem) == problem.states


def _avoiding(edges, start, avoid):
    """Vertices start reaches without entering ``avoid`` (undirected)."""
    seen, frontier = {start}, [start]
    while frontier:
        u = frontier.pop()
        for a, b in edges:
            for x, y in ((a, b), (b, a)):
                if x == u and y not in seen and y != avoid:
                    seen.add(y)
                    frontier.append(y)
    return seen


def test_path4_states_are_reach_sets_from_both_ends():
    problem = get_problem("path4")
    by_name = {s.name: s.table for s in problem.states}
    assert set(by_name) == {"reach_1", "reach_2", "coreach_1", "coreach_2"}
    for v in "12":
        assert by_name[f"reach_{v}"] == tabulate(6, lambda bits: v in _avoiding(present_edges(problem, bits), "0", "3"))
        assert by_name[f"coreach_{v}"] == tabulate(6, lambda bits: v in _avoiding(present_edges(problem, bits), "3", "0"))


def test_layer_states_are_forward_and_backward_reach():
    problem = get_problem("layer2x2")
    by_name = {s.name: s.table for s in problem.states}
    assert set(by_name) == {"reach_a2", "reach_b2", "coreach_a1", "coreach_b1"}
    for v in ("a2", "b2"):
        assert by_name[f"reach_{v}"] == tabulate(8, lambda bits: connected(present_edges(problem, bits), "s", v, directed=True))
    for v in ("a1", "b1"):
        assert by_name[f"coreach_{v}"] == tabulate(8, lambda bits: connected(present_edges(problem, bits), v, "t", directed=True))


def test_goal_family_tables_and_declarations():
    """The goal-as-input family: the tables quoted when the problems were proposed, re-derived above
    from the graphs, and each goal input and retarget as declared."""
    pendant, diamond = get_problem("goal-pendant"), get_problem("goal-diamond")
    assert pendant.outputs == (0xEA00ECEC,) and pendant.input_names == ("e01", "e02", "e12", "e13", "g")
    assert diamond.outputs == (0xEEECEA00EEEAEAEA,) and diamond.input_names == ("e01", "e02", "e12", "e13", "e23", "g")
    for problem in (pendant, diamond):
        assert [problem.input_names[j] for j in problem.goal_inputs] == ["g"]
        assert problem.family == "GOAL"
    retarget = dict(pendant.retargets)["targets 0:1,1:3"]
    assert retarget == (tabulate(5, lambda b: connected(present_edges(pendant, b[:-1]), "0", ("1", "3")[b[-1]])),)
    subsum = get_problem("goal-subsum2x2")
    assert [subsum.input_names[j] for j in subsum.goal_inputs] == ["T0", "T1"]
    for c in subsum.candidates:
        idx = ["ab".index(ch) for ch in c.name]
        assert c.verifier == tabulate(6, lambda b: sum(numbers(b, 2)[i] for i in idx) == b[4] + 2 * b[5])
    assert dict(subsum.retargets)["sum = T + 1"] == (tabulate(6, lambda b: any(
        sum(s) == b[4] + 2 * b[5] + 1 for r in (1, 2) for s in itertools.combinations(numbers(b, 2), r))),)


def test_goal_problems_are_not_goal_separable_but_a_separable_one_is_caught():
    from circuits.problems.model import Candidate, SearchProblem
    from circuits.problems.validity import check_problem, goal_separable

    for name in ("goal-pendant", "goal-diamond", "goal-path4", "goal-subsum2x2"):
        assert not goal_separable(get_problem(name))
    # f = g ? (x0 AND x1) : (x2 AND x3): the goal can only enter at the output.
    one = tabulate(5, lambda b: b[4] and b[0] and b[1])
    zero = tabulate(5, lambda b: not b[4] and b[2] and b[3])
    forced = SearchProblem("forced", "", ("a", "b", "c", "d", "g"), "exists", (Candidate("x", one), Candidate("y", zero)),
                           (one | zero,), goal_inputs=(4,))
    assert goal_separable(forced)
    assert check_problem(forced).degenerate is True
