"""The per-pair evidence (circuits/study/evidence.py) on synthetic scored populations: shares,
selection answers, the power statement and the labels the report and the plot share."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from circuits.circuit import Circuit, Gate, Output
from circuits.study.evidence import PopulationSet, counterexample_possible, relative_label, selection, suite_selection
from circuits.study.results import ScoredCircuit

CIRCUIT = Circuit(2, (Gate(0x8, (0, 1)),), (Output(2),), "b2")
SEARCH = {"score": 0.9, "decoy_percentile": 100.0, "values": {"ccm": 0.9, "ag": 0.9}}
SEARCH_WITH_O = {"score": 0.9, "decoy_percentile": 100.0, "values": {"ccm": 0.9, "ag": 0.9, "o": 0.7}}
LOW = {"score": 0.1, "decoy_percentile": 40.0, "values": {"ccm": 0.1, "ag": 0.0}}


def population(axis: str, size: int, depth: int | None, analyses: list[dict[str, Any]], whole: bool = True) -> PopulationSet:
    circuits = [ScoredCircuit(CIRCUIT, a) for a in analyses]
    return PopulationSet(axis, size, depth, "listed", len(circuits), True, whole, circuits)


def pair(populations: list[PopulationSet], goal: bool = False, power: dict[str, Any] | None = None) -> Any:
    target = SimpleNamespace(populations=populations, goal_problem=goal, power=power or {}, label="p/b2")
    target.selection = selection(target)  # type: ignore[arg-type]
    return target


def test_share_counts_the_whole_bar_and_is_exact_over_the_whole_set() -> None:
    fixed = population("size", 5, None, [SEARCH, LOW, LOW, SEARCH_WITH_O])
    share = fixed.share(goal_problem=False)
    assert share is not None and (share.hits, share.scored, share.exact) == (2, 4, True)
    goal = fixed.share(goal_problem=True)  # O is needed as well
    assert goal is not None and goal.hits == 1
    drawn = population("size", 6, None, [LOW] * 10, whole=False).share(False)
    assert drawn is not None and not drawn.exact and drawn.interval[1] > 0
    unmeasured = PopulationSet("size", 7, None, None, note="cut")
    assert unmeasured.share(False) is None and unmeasured.distribution() is None


def test_selection_for_against_and_undetermined() -> None:
    minimum = population("size", 5, None, [SEARCH] * 6)
    relaxed = population("size", 6, None, [LOW] * 60 + [SEARCH] * 2, whole=False)
    assert pair([minimum, relaxed]).selection["size"]["answer"] == "for"
    assert pair([population("size", 5, None, [LOW] * 6), population("size", 6, None, [SEARCH] * 40)]).selection["size"]["answer"] == "against"
    cut = PopulationSet("size", 6, None, None, note="cut")
    assert pair([minimum, cut]).selection["size"]["answer"] == "undetermined"
    unlisted_minimum = PopulationSet("size", 5, None, None, note="optimum not proven")
    assert pair([unlisted_minimum, relaxed]).selection["size"]["answer"] == "undetermined"


def test_depth_pressure_is_read_against_deeper_populations_only() -> None:
    d_min = population("depth", 8, 4, [SEARCH] * 2)
    one_gate_up = population("depth", 9, 4, [LOW] * 30)  # size relaxation at d_min: reported, not read
    deeper = population("depth", 8, 5, [SEARCH] * 2 + [LOW] * 2)
    target = pair([d_min, one_gate_up, deeper])
    assert target.selection["depth"]["answer"] == "for"
    assert target.selection["depth"]["levels"] == ["d<=4, s=8", "d<=5, s=8"]
    assert [relative_label(target.populations, p) for p in target.populations] == ["d_min, +0", "d_min, +1", "d_min+1, +0"]


def test_counterexample_possible_only_on_goal_problems_with_a_clearing_circuit_or_witness() -> None:
    clearing = population("size", 5, None, [SEARCH_WITH_O, LOW])
    below = population("size", 5, None, [SEARCH, LOW])  # search, but no objective
    assert counterexample_possible(pair([clearing], goal=True)) is True
    assert counterexample_possible(pair([below], goal=True)) is False
    assert counterexample_possible(pair([below], goal=True, power={"size": {"status": "power"}})) is True
    assert counterexample_possible(pair([clearing], goal=False)) is False  # a fixed goal: no objective
    assert counterexample_possible(pair([PopulationSet("size", 5, None, None)], goal=True)) is None


def test_suite_selection_counts_and_sign_test() -> None:
    minimum, relaxed = population("size", 5, None, [SEARCH] * 6), population("size", 6, None, [LOW] * 60, whole=False)
    targets = [pair([minimum, relaxed]) for _ in range(5)]
    summary = suite_selection(targets)  # type: ignore[arg-type]
    assert summary["size"]["counts"] == {"for": 5}
    assert summary["size"]["sign_test_p"] == round(2 / 32, 4)
    assert summary["depth"]["counts"] == {"undetermined": 5}


def test_share_plot_draws_every_pair_with_a_measured_population() -> None:
    from circuits.study.plots_share import search_share

    measured = pair([population("size", 5, None, [SEARCH] * 6), population("size", 6, None, [LOW] * 60, whole=False)])
    alone = pair([population("size", 7, None, [LOW] * 3)])
    alone.label = "q/aig"
    empty = pair([PopulationSet("size", 5, None, None, note="cut")])
    svg = search_share(SimpleNamespace(targets=[measured, alone, empty]), "size")  # type: ignore[arg-type]
    assert svg is not None and svg.startswith("<svg") and "p/b2" in svg and "q/aig" in svg
    assert search_share(SimpleNamespace(targets=[empty]), "size") is None  # type: ignore[arg-type]
    assert search_share(SimpleNamespace(targets=[measured]), "depth") is None  # type: ignore[arg-type]
