"""The published distributions a bench run checks itself against."""

from __future__ import annotations

from circuits.bench.published import compare_with_published, published_distribution

# Knuth, TAOCP 4A 7.1.2, copied here independently of the library's constant.
FUNCTIONS = {"0": 10, "1": 60, "2": 456, "3": 2474, "4": 10624, "5": 24184, "6": 25008, "7": 2720}
CLASSES = {"0": 2, "1": 2, "2": 5, "3": 20, "4": 34, "5": 75, "6": 72, "7": 12}


def run_doc(suite: str, **changes) -> dict:
    doc = {"suite": suite, "basis": "b2", "objective": "size", "jobs": 222, "done": 222, "timeouts": 0,
           "functions_by_value": dict(FUNCTIONS), "by_value": dict(CLASSES)}
    doc.update(changes)
    return doc


def test_the_library_holds_knuths_counts() -> None:
    assert published_distribution("all4", "b2", "size")["functions_by_value"] == FUNCTIONS
    assert published_distribution("npn4", "b2", "size")["by_value"] == CLASSES
    assert sum(FUNCTIONS.values()) == 65536 and sum(CLASSES.values()) == 222


def test_only_b2_sizes_of_the_four_input_suites_are_published() -> None:
    assert published_distribution("npn4", "aig", "size") is None
    assert published_distribution("all4", "b2", "depth") is None
    assert published_distribution("npn3", "b2", "size") is None


def test_a_run_matches_only_when_complete_and_equal() -> None:
    assert compare_with_published(run_doc("npn4"))["matches"]
    assert compare_with_published(run_doc("all4", by_value={"5": 99}))["matches"]  # all4 counts functions only
    wrong = dict(FUNCTIONS, **{"6": 25007, "7": 2721})
    assert not compare_with_published(run_doc("all4", functions_by_value=wrong))["matches"]
    assert not compare_with_published(run_doc("npn4", timeouts=1))["matches"]
    assert not compare_with_published(run_doc("npn4", done=221))["matches"]
    assert compare_with_published(run_doc("random:5:4:1")) is None
