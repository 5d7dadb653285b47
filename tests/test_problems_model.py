"""The problem model: JSON round trips, and refusal of malformed or self-contradictory declarations
with an error that names the field."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circuits.errors import InputError
from circuits.problems.model import Candidate, SearchProblem, StatePredicate, load_problem, save_problem
from circuits.problems.suite import all_problems
from circuits.problems.tables import permute_table
from circuits.truthtable import full_mask


@pytest.mark.parametrize("problem", all_problems(), ids=lambda p: p.name)
def test_suite_round_trips_through_json(problem, tmp_path):
    assert SearchProblem.from_dict(json.loads(json.dumps(problem.to_dict()))) == problem
    path = tmp_path / "p.json"
    save_problem(problem, path)
    assert load_problem(path) == problem


@st.composite
def exists_problems(draw):
    n = draw(st.integers(1, 5))
    mask = full_mask(n)
    m = draw(st.integers(1, 6))
    verifiers = [draw(st.integers(0, mask)) for _ in range(m)]
    out = 0
    for v in verifiers:
        out |= v
    states = tuple(StatePredicate(f"s{i}", draw(st.integers(0, mask))) for i in range(draw(st.integers(0, 2))))
    return SearchProblem(
        name=draw(st.text(min_size=1, max_size=8)),
        description=draw(st.text(max_size=20)),
        input_names=tuple(f"i{j}" for j in range(n)),
        mode="exists",
        candidates=tuple(Candidate(f"c{i}", v) for i, v in enumerate(verifiers)),
        outputs=(out,),
        states=states,
        uniform=draw(st.booleans()),
        kind=draw(st.sampled_from(["search", "control"])),
        family=draw(st.one_of(st.none(), st.just("FAM"))),
        goal_inputs=(0,) if draw(st.booleans()) else (),
        retargets=(("alt", (draw(st.integers(0, mask)),)),) if draw(st.booleans()) else (),
    )


@given(exists_problems())
@settings(max_examples=60, deadline=None)
def test_random_problems_round_trip(problem):
    assert SearchProblem.from_dict(json.loads(json.dumps(problem.to_dict()))) == problem


def test_exists_outputs_may_be_omitted():
    problem = next(p for p in all_problems() if p.name == "tri4")
    data = problem.to_dict()
    del data["outputs"]
    assert SearchProblem.from_dict(data) == problem


def base() -> dict:
    """A small valid file: 'x0 and x1, or x2' with two candidates."""
    return {
        "name": "tiny",
        "description": "x0 x1 or x2",
        "inputs": ["a", "b", "c"],
        "mode": "exists",
        "candidates": [{"name": "ab", "verifier": "0x88"}, {"name": "c", "verifier": "0xf0"}],
        "outputs": ["0xf8"],
    }


def edit(path: str, value):
    """A copy of base() with one field replaced (path like 'candidates.0.verifier'), or deleted."""
    data = base()
    keys = path.split(".")
    target = data
    for key in keys[:-1]:
        target = target[int(key)] if isinstance(target, list) else target[key]
    last = keys[-1]
    if value is DELETE:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return data


DELETE = object()

MALFORMED = [
    ("mode", DELETE, "field 'mode' is missing"),
    ("name", DELETE, "field 'name' is missing"),
    ("candidates.0.verifier", DELETE, "field 'candidates[0].verifier' is missing"),
    ("candidates.0.verifier", "0x8", "field 'candidates[0].verifier' has 1 hex digits; 3 inputs need 2"),
    ("candidates.1.verifier", "f0", "field 'candidates[1].verifier' must be a hex string"),
    ("candidates.1.verifier", "0xzz", "field 'candidates[1].verifier' is '0xzz', not hex"),
    ("outputs", ["0xf0"], "field 'outputs': in exists mode the output must be the OR of the verifiers"),
    ("outputs", ["0x00f8"], "field 'outputs[0]' has 4 hex digits"),
    ("mode", "maximize", "field 'mode' is 'maximize'"),
    ("kind", "other", "field 'kind' is 'other'"),
    ("inputs", ["a", "a", "c"], "field 'inputs' repeats the name 'a'"),
    ("inputs", "abc", "field 'inputs' must be a list"),
    ("candidates", [], "field 'candidates': a problem needs at least one candidate"),
    ("candidates.1.name", "ab", "field 'candidates' repeats the name 'ab'"),
    ("symmetries", [[0, 0, 1]], "field 'symmetries[0]' is not a permutation"),
    ("symmetries", [[0, 2, 1]], "field 'symmetries[0]' does not map the candidates' verifiers onto each other"),
    ("uniform", "yes", "field 'uniform' must be true or false"),
    ("goal_inputs", [5], "field 'goal_inputs[0]' is 5"),
    ("monotone_basis", True, None),  # x0 x1 or x2 is monotone: accepted
    ("candidates.0.selected", "0x88", "field 'candidates[0].selected' is only meaningful in first/argmax mode"),
    ("retargets", [{"name": "r", "outputs": ["0xf8", "0x01"]}], "field 'retargets[0].outputs' has 2 tables"),
    ("symetries", [[1, 0, 2]], "field 'symetries' is not a problem-file field"),
    ("candidates.0.verfier", "0x88", "field 'candidates[0].verfier' is not a problem-file field"),
    ("states", [{"name": "s", "table": "0x88", "note": "x"}], "field 'states[0].note' is not a problem-file field"),
    ("_comment", "a comment", None),
    ("candidates.0._why", ["comments", "may be any JSON"], None),
]


@pytest.mark.parametrize("path,value,message", MALFORMED, ids=[m[0] + ":" + str(i) for i, m in enumerate(MALFORMED)])
def test_malformed_fields_are_named(path, value, message):
    data = edit(path, value)
    if message is None:
        SearchProblem.from_dict(data)
        return
    with pytest.raises(InputError) as info:
        SearchProblem.from_dict(data)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_the_problems_show_document_is_a_problem_file():
    for problem in all_problems()[:3]:
        shown = {"problem": problem.to_dict(), "references": {}, "validity": {}}
        assert SearchProblem.from_dict(shown) == problem


def test_not_monotone_declared_monotone():
    data = base()
    data["candidates"][1]["verifier"] = "0x0f"  # NOT c
    data["outputs"] = ["0x8f"]
    data["monotone_basis"] = True
    with pytest.raises(InputError, match="field 'monotone_basis'"):
        SearchProblem.from_dict(data)


def first_mode() -> dict:
    """'which of x0, x1 is the first set bit' over 2 inputs: answers 1, 2; none 0."""
    return {
        "name": "first",
        "inputs": ["x0", "x1"],
        "mode": "first",
        "candidates": [{"name": "x0", "verifier": "0xa"}, {"name": "x1", "verifier": "0xc"}],
        "outputs": ["0xa", "0x4"],
    }


def test_first_mode_checks():
    problem = SearchProblem.from_dict(first_mode())
    assert problem.truth_table().outputs == (0xA, 0x4)
    data = first_mode()
    del data["outputs"]
    with pytest.raises(InputError, match="field 'outputs' is required in 'first' mode"):
        SearchProblem.from_dict(data)
    data = first_mode()
    data["outputs"] = ["0x2", "0x4"]  # row 3 (both set) answers x0, but output 0 is 0 there
    with pytest.raises(InputError, match="field 'outputs\\[0\\]' is not determined by the selected candidate"):
        SearchProblem.from_dict(data)
    data = first_mode()
    data["candidates"][1]["selected"] = "0xc"  # overlaps x0's selection on row 3
    with pytest.raises(InputError, match="field 'candidates\\[1\\].selected' is not 'verifier and no earlier"):
        SearchProblem.from_dict(data)


def test_argmax_mode_needs_selections():
    data = first_mode()
    data["mode"] = "argmax"
    with pytest.raises(InputError, match="field 'candidates\\[0\\].selected' is required in argmax mode"):
        SearchProblem.from_dict(data)
    data["candidates"][0]["selected"] = "0x2"
    data["candidates"][1]["selected"] = "0x8"  # leaves row 2 unanswered
    with pytest.raises(InputError, match="must cover every row"):
        SearchProblem.from_dict(data)


def test_load_problem_prefixes_the_path(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(edit("mode", DELETE)))
    with pytest.raises(InputError, match=r"bad\.json: field 'mode' is missing"):
        load_problem(path)


def reference_permute(n: int, table: int, perm) -> int:
    result = 0
    for x in range(1 << n):
        if (table >> x) & 1:
            result |= 1 << sum(((x >> i) & 1) << perm[i] for i in range(n))
    return result


@given(st.integers(1, 7), st.data())
@settings(max_examples=60, deadline=None)
def test_permute_table_matches_row_by_row_definition(n, data):
    table = data.draw(st.integers(0, full_mask(n)))
    perm = data.draw(st.permutations(range(n)))
    assert permute_table(n, table, perm) == reference_permute(n, table, perm)


def test_permute_table_example():
    rng = random.Random(0)
    n = 3
    and01 = 0x88  # x0 AND x1
    assert permute_table(n, and01, (2, 1, 0)) == 0xC0  # x2 AND x1: rows 6 and 7
    table = rng.getrandbits(8)
    assert permute_table(n, table, (0, 1, 2)) == table
