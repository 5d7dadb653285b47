"""The study's pre-registered verdict rule and mechanism tests, on synthetic score tables."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from circuits.study.verdicts import (
    OptimumSet,
    Scored,
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


def test_literal_bar_ignores_propagation_search():
    assert search_style(PROPAGATION, propagation=False) is None
    assert search_style(SEARCH, propagation=False) == "enumerative"
    size = OptimumSet("size", True, True, (PROPAGATION,))
    depth = OptimumSet("depth", True, True, (LOW,))
    assert judge(True, [], size, depth).verdict == "counterexample"
    assert judge(True, [], size, depth, propagation=False).verdict == "unresolved"  # S >= 0.8, no CCm/AG


def test_unproven_optimum_is_unresolved_even_with_a_search_circuit():
    half = judge_optimum(OptimumSet("size", proven=False, complete=False, scores=(SEARCH,)))
    assert half.verdict == "unresolved"
    assert "not proven" in half.reason


def test_proven_search_circuit_is_a_counterexample_even_if_enumeration_was_cut():
    half = judge_optimum(OptimumSet("size", proven=True, complete=False, scores=(LOW, SEARCH)))
    assert half.verdict == "counterexample"
    assert half.counterexamples == ((1, "enumerative"),)


def test_support_needs_a_complete_enumeration():
    assert judge_optimum(OptimumSet("depth", True, True, (LOW, LOW))).verdict == "supports"
    cut = judge_optimum(OptimumSet("depth", True, False, (LOW, LOW)))
    assert cut.verdict == "unresolved" and "cut" in cut.reason
    assert judge_optimum(OptimumSet("depth", True, True, ())).verdict == "unresolved"


def test_high_score_without_structure_is_unresolved():
    unstructured = Scored(score=0.95, ccm=0.9, ag=0.2, decoy_percentile=100.0)
    half = judge_optimum(OptimumSet("size", True, True, (unstructured,)))
    assert half.verdict == "unresolved"


def test_problem_verdicts():
    supports = OptimumSet("size", True, True, (LOW,))
    supports_depth = OptimumSet("depth", True, True, (LOW,))
    counter_depth = OptimumSet("depth", True, True, (SEARCH,))
    cut = OptimumSet("depth", False, False, ())
    assert judge(True, [], supports, supports_depth).verdict == "supports"
    assert judge(True, [], supports, counter_depth).verdict == "counterexample"
    assert judge(True, [], supports, cut).verdict == "unresolved"
    degenerate = judge(False, ["s_bf = 5 is within 1 of s_min"], supports, counter_depth)
    assert degenerate.verdict == "degenerate" and degenerate.reasons == ("s_bf = 5 is within 1 of s_min",)
    assert judge(None, ["s_min pending"], supports, supports_depth).verdict == "unresolved"


scored = st.builds(
    Scored,
    score=st.floats(0, 1),
    ccm=st.one_of(st.none(), st.floats(0, 1)),
    ag=st.one_of(st.none(), st.floats(0, 1)),
    pcm=st.one_of(st.none(), st.floats(0, 1)),
    agp=st.one_of(st.none(), st.floats(0, 1)),
    decoy_percentile=st.one_of(st.none(), st.floats(0, 100)),
)
optimum = st.builds(
    OptimumSet, objective=st.sampled_from(["size", "depth"]), proven=st.booleans(), complete=st.booleans(),
    scores=st.lists(scored, max_size=6).map(tuple),
)


@given(st.one_of(st.none(), st.booleans()), optimum, optimum)
def test_verdict_follows_the_rule_on_any_table(informative, size, depth):
    verdict = judge(informative, ["reason"], size, depth).verdict
    qualifying = any(o.proven and any(search_style(s) for s in o.scores) for o in (size, depth))
    if informative is False:
        assert verdict == "degenerate"
    elif informative is None:
        assert verdict == "unresolved"
    elif qualifying:
        assert verdict == "counterexample"
    else:
        all_low = all(s.score < 0.8 for o in (size, depth) for s in o.scores)
        settled = all(o.proven and o.complete and o.scores for o in (size, depth))
        assert verdict == ("supports" if all_low and settled else "unresolved")


def test_headroom_is_three_valued():
    assert headroom(10, 7, 8) is True  # s_min <= 8, 10 >= 8 + 2
    assert headroom(8, 7, None) is False  # s_min >= 7, 8 < 7 + 2
    assert headroom(10, 7, 9) is None  # s_min could be 8 (ok) or 9 (not)
    assert headroom(None, 3, 3) is None


def test_informativeness_combines_validity_and_bounds():
    ok, reasons = informativeness(None, ["s_min pending: not computed"], False, True, 10, (8, 8))
    assert ok is True and reasons == []
    bad, reasons = informativeness(None, [], False, True, 9, (8, 8))
    assert bad is False and "within 1" in reasons[0]
    pending, reasons = informativeness(None, [], False, True, 10, (7, 9))
    assert pending is None and "decides nothing" in reasons[0]
    transparent, reasons = informativeness(None, [], True, True, 20, (5, 5))
    assert transparent is False and "transparent" in reasons[0]
    lookup, reasons = informativeness(None, [], False, False, 20, (5, 5))
    assert lookup is False and "U = 0" in reasons[0]
    few, reasons = informativeness(True, ["only 2 non-trivial candidates (< 3)"], False, True, 20, (5, 5))
    assert few is False and reasons == ["only 2 non-trivial candidates (< 3)"]


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
