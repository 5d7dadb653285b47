"""The study's pre-registered verdict rule and mechanism tests, on synthetic score tables."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from circuits.study.verdicts import (
    OptimumSet,
    Scored,
    Standing,
    compare_size_depth,
    family_trend,
    frontier_trend,
    headroom,
    informativeness,
    judge,
    judge_optimum,
    kendall_tau,
    null_comparison,
    search_style,
)

SEARCH = Scored(score=0.9, ccm=0.9, ag=0.8, decoy_percentile=99.5)
PROPAGATION = Scored(score=0.85, ccm=0.1, ag=0.0, pcm=0.8, agp=0.9, decoy_percentile=100.0)
LOW = Scored(score=0.1, ccm=0.2, ag=0.0, decoy_percentile=60.0)


def test_search_style_requires_every_condition():
    assert search_style(SEARCH) == "enumerative"
    assert search_style(PROPAGATION) == "propagation"
    assert search_style(LOW) is None
    # One condition short each time:
    assert search_style(Scored(0.79, 0.9, 0.9, decoy_percentile=100.0)) is None
    assert search_style(Scored(0.9, 0.9, 0.9, decoy_percentile=98.9)) is None
    assert search_style(Scored(0.9, 0.74, 0.9, decoy_percentile=100.0)) is None
    assert search_style(Scored(0.9, 0.9, 0.74, decoy_percentile=100.0)) is None
    # No decoy exists (fully symmetric candidates): no evidence beyond chance, so no counterexample.
    assert search_style(Scored(1.0, 1.0, 1.0, decoy_percentile=None)) is None


OK = Standing("informative")
POWER = {"size": "power", "depth": "power"}


def test_literal_bar_ignores_propagation_search():
    assert search_style(PROPAGATION, propagation=False) is None
    assert search_style(SEARCH, propagation=False) == "enumerative"
    size = OptimumSet("size", True, True, (PROPAGATION,))
    depth = OptimumSet("depth", True, True, (LOW,))
    assert judge(OK, size, depth, power=POWER).verdict == "search without objective"
    assert judge(OK, size, depth, propagation=False, power=POWER).verdict == "unresolved"  # S >= 0.8, no CCm/AG


def test_unproven_optimum_is_unresolved_even_with_a_search_circuit():
    half = judge_optimum(OptimumSet("size", proven=False, complete=False, scores=(SEARCH,)))
    assert half.verdict == "unresolved"
    assert "not proven" in half.reason


def test_a_proven_search_circuit_counts_even_if_enumeration_was_cut():
    half = judge_optimum(OptimumSet("size", proven=True, complete=False, scores=(LOW, SEARCH)))
    assert half.verdict == "search without objective"
    assert half.counterexamples == ((1, "enumerative"),)


def test_a_counterexample_needs_the_objective_bar_on_a_goal_problem():
    with_objective = replace(SEARCH, objective=0.7)
    without = replace(SEARCH, objective=0.5)
    assert judge_optimum(OptimumSet("size", True, True, (with_objective,)), goal_problem=True).verdict == "counterexample"
    assert judge_optimum(OptimumSet("size", True, True, (without,)), goal_problem=True).verdict == "search without objective"
    # A fixed-goal problem never has a counterexample, whatever O a circuit carries.
    assert judge_optimum(OptimumSet("size", True, True, (with_objective,)), goal_problem=False).verdict == "search without objective"
    half = judge_optimum(OptimumSet("size", True, True, (without, with_objective)), goal_problem=True)
    assert half.counterexamples == ((1, "enumerative"),)


def test_support_needs_a_complete_enumeration_and_power():
    assert judge_optimum(OptimumSet("depth", True, True, (LOW, LOW)), power="power").verdict == "supports"
    assert judge_optimum(OptimumSet("depth", True, True, (LOW, LOW)), power="no power").verdict == "no power"
    for power in ("undecided", None):
        half = judge_optimum(OptimumSet("depth", True, True, (LOW, LOW)), power=power)
        assert half.verdict == "unresolved" and "power" in half.reason
    cut = judge_optimum(OptimumSet("depth", True, False, (LOW, LOW)), power="power")
    assert cut.verdict == "unresolved" and "cut" in cut.reason
    assert judge_optimum(OptimumSet("depth", True, True, ()), power="power").verdict == "unresolved"


def test_high_score_without_structure_is_unresolved():
    unstructured = Scored(score=0.95, ccm=0.9, ag=0.2, decoy_percentile=100.0)
    half = judge_optimum(OptimumSet("size", True, True, (unstructured,)), power="power")
    assert half.verdict == "unresolved"


def test_problem_verdicts():
    supports = OptimumSet("size", True, True, (LOW,))
    supports_depth = OptimumSet("depth", True, True, (LOW,))
    search_depth = OptimumSet("depth", True, True, (SEARCH,))
    cut = OptimumSet("depth", False, False, ())
    assert judge(OK, supports, supports_depth, power=POWER).verdict == "supports"
    assert judge(OK, supports, supports_depth, power={"size": "power", "depth": "no power"}).verdict == "no power"
    assert judge(OK, supports, supports_depth, power={"size": "no power", "depth": "no power"}).verdict == "no power"
    assert judge(OK, supports, supports_depth, power={"size": "power"}).verdict == "unresolved"
    assert judge(OK, supports, search_depth, power=POWER).verdict == "search without objective"
    assert judge(OK, supports, cut, power=POWER).verdict == "unresolved"
    degenerate = judge(Standing("degenerate", ("s_bf = 5 is within 1 of s_min",)), supports, search_depth)
    assert degenerate.verdict == "degenerate" and degenerate.reasons == ("s_bf = 5 is within 1 of s_min",)
    assert judge(Standing("not informative", ("U = 0",)), supports, search_depth).verdict == "not informative"
    assert judge(Standing(None, ("s_min pending",)), supports, supports_depth, power=POWER).verdict == "unresolved"
    blind = judge(Standing("informative", (), False, ("lookup scores S = 0.90 >= 0.8",)), supports, search_depth)
    assert blind.verdict == "non-identifiable" and blind.reasons == ("lookup scores S = 0.90 >= 0.8",)
    assert judge(Standing("informative", (), None), supports, supports_depth, power=POWER).verdict == "unresolved"


scored = st.builds(
    Scored,
    score=st.floats(0, 1),
    ccm=st.one_of(st.none(), st.floats(0, 1)),
    ag=st.one_of(st.none(), st.floats(0, 1)),
    pcm=st.one_of(st.none(), st.floats(0, 1)),
    agp=st.one_of(st.none(), st.floats(0, 1)),
    decoy_percentile=st.one_of(st.none(), st.floats(0, 100)),
    objective=st.one_of(st.none(), st.floats(0, 1)),
)
optimum = st.builds(
    OptimumSet, objective=st.sampled_from(["size", "depth"]), proven=st.booleans(), complete=st.booleans(),
    scores=st.lists(scored, max_size=6).map(tuple),
)
power_status = st.sampled_from(["power", "no power", "undecided", None])


@given(
    st.sampled_from(["informative", "degenerate", "not informative", None]),
    st.one_of(st.none(), st.booleans()),
    st.booleans(),
    optimum,
    optimum,
    power_status,
    power_status,
)
def test_verdict_follows_the_rule_on_any_table(status, identifiable, goal, size, depth, size_power, depth_power):
    standing = Standing(status, ("reason",), identifiable, ("control",))
    verdict = judge(standing, size, depth, goal_problem=goal, power={"size": size_power, "depth": depth_power}).verdict
    halves = ((size, size_power), (depth, depth_power))
    searching = [s for o, _ in halves if o.proven for s in o.scores if search_style(s)]
    if status in ("degenerate", "not informative"):
        assert verdict == status
    elif status is None or identifiable is None:
        assert verdict == "unresolved"
    elif identifiable is False:
        assert verdict == "non-identifiable"
    elif any(goal and s.objective is not None and s.objective >= 0.6 for s in searching):
        assert verdict == "counterexample"
    elif searching:
        assert verdict == "search without objective"
    else:
        all_low = all(s.score < 0.8 for o, _ in halves for s in o.scores)
        settled = all(o.proven and o.complete and o.scores for o, _ in halves)
        powers = {p for _, p in halves}
        if not (all_low and settled) or not powers <= {"power", "no power"}:
            assert verdict == "unresolved"
        else:
            assert verdict == ("supports" if powers == {"power"} else "no power")


def test_headroom_is_three_valued():
    assert headroom(10, 7, 8) is True  # s_min <= 8, 10 >= 8 + 2
    assert headroom(8, 7, None) is False  # s_min >= 7, 8 < 7 + 2
    assert headroom(10, 7, 9) is None  # s_min could be 8 (ok) or 9 (not)
    assert headroom(None, 3, 3) is None


def test_informativeness_combines_validity_and_bounds():
    ok, reasons = informativeness(None, ["s_min pending: not computed"], False, True, 10, (8, 8))
    assert ok == "informative" and reasons == []
    bad, reasons = informativeness(None, [], False, True, 9, (8, 8))
    assert bad == "degenerate" and "within 1" in reasons[0]
    pending, reasons = informativeness(None, [], False, True, 10, (7, 9))
    assert pending is None and "decides nothing" in reasons[0]
    transparent, reasons = informativeness(None, [], True, True, 20, (5, 5))
    assert transparent == "not informative" and "transparent" in reasons[0]
    lookup, reasons = informativeness(None, [], False, False, 20, (5, 5))
    assert lookup == "not informative" and "U = 0" in reasons[0]
    few, reasons = informativeness(True, ["only 2 non-trivial candidates (< 3)"], False, True, 20, (5, 5))
    assert few == "degenerate" and reasons == ["only 2 non-trivial candidates (< 3)"]
    # Degenerate wins over not informative: one word for one test, as `problems list` uses it.
    both, reasons = informativeness(True, ["only 2 non-trivial candidates (< 3)"], True, True, 20, (5, 5))
    assert both == "degenerate" and any("transparent" in r for r in reasons)


def test_mechanisms():
    rel = compare_size_depth([0.2, 0.9], [0.1, 0.3])
    assert rel["relation"] == "size>depth" and rel["min_size"]["max"] == 0.9 and rel["min_depth"]["median"] == 0.2
    assert compare_size_depth([0.5], [0.52])["relation"] == "equal"
    assert compare_size_depth([], [0.5])["relation"] is None
    trend = frontier_trend([(4, [0.1]), (3, [0.9, 0.8])])
    assert [p["depth"] for p in trend["points"]] == [3, 4] and trend["trend"] == "falls"
    assert frontier_trend([(3, [0.5])])["trend"] is None
    assert kendall_tau([1, 2, 3], [3, 2, 1]) == -1.0
    assert kendall_tau([1, 2, 3], [1, 2, 3]) == 1.0
    assert kendall_tau([1], [1]) is None
    fam = family_trend([("b", 2.0, 0.1), ("a", 1.0, 0.9)])
    assert [m["name"] for m in fam["members"]] == ["a", "b"] and fam["tau"] == -1.0
    null = null_comparison([0.2, 0.4], {"s_min+1": [0.5, 0.6, 0.7], "N3": [0.1]})
    assert null["samples"]["s_min+1"]["minimal_at_or_below_median"] is True
    assert null["samples"]["N3"]["minimal_at_or_below_median"] is False
    assert null_comparison([], {"N3": [0.1]})["samples"]["N3"]["minimal_at_or_below_median"] is None
