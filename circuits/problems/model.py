"""The search-problem model: a Boolean function together with an explicit search formulation.

A ``SearchProblem`` says *how the function can be computed by search*: which candidates exist, which
verifier table V(·, c) accepts each one, how the answers are aggregated (``exists``: OR; ``first``: the
first feasible candidate in list order; ``argmax``: the chosen optimum), and optional extras the
analyzer scores against (state predicates of a propagation search, symmetry generators, the
uniformity flag, retargeting goals). The analyzer measures a circuit *relative to* this declaration,
so the declaration must be self-consistent: every constructor call and every loaded file is checked,
and contradictions raise ``InputError`` naming the offending field.

JSON form (docs/problems.md, problem files): tables are hex strings over the problem's inputs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from circuits.errors import InputError
from circuits.problems.tables import is_monotone, permute_table, union
from circuits.truthtable import TruthTable, full_mask, to_hex

MODES = ("exists", "first", "argmax")
KINDS = ("search", "control")
#: Automorphisms are found by brute force over input permutations (8! = 40,320 at most).
MAX_PROBLEM_INPUTS = 8


@dataclass(frozen=True)
class Candidate:
    """One element of the search space.

    ``verifier`` is the table of V(x, c). In ``first``/``argmax`` mode ``selected`` is the table of
    "c is the answer" (the first feasible candidate, or the chosen optimum); in ``exists`` mode None.
    """

    name: str
    verifier: int
    selected: int | None = None


@dataclass(frozen=True)
class StatePredicate:
    """An intermediate predicate of a propagation-style search (reach set, partial assignment, ...)."""

    name: str
    table: int


@dataclass(frozen=True)
class SearchProblem:
    """A function with a declared search formulation; validated on construction."""

    name: str
    description: str
    input_names: tuple[str, ...]
    mode: str
    candidates: tuple[Candidate, ...]
    outputs: tuple[int, ...]
    states: tuple[StatePredicate, ...] = ()
    symmetries: tuple[tuple[int, ...], ...] = ()
    uniform: bool = True
    kind: str = "search"
    family: str | None = None
    goal_inputs: tuple[int, ...] = ()
    retargets: tuple[tuple[str, tuple[int, ...]], ...] = ()
    monotone_basis: bool = False
    #: Names of the outputs (e.g. ``s0 s1 s2`` for ADD2); empty means y0, y1, ...
    output_names: tuple[str, ...] = ()
    #: The id in the suite table of docs/problems.md ("S1", "C5"), for reports; None for user problems.
    suite_id: str | None = None
    #: Other suite problems (same inputs) whose formulations this function is also scored against,
    #: e.g. a random function against PATH4's paths (docs/problems.md, C5/C6).
    decoy_formulations: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _validate(self)

    @property
    def n(self) -> int:
        """Number of inputs."""
        return len(self.input_names)

    @property
    def m(self) -> int:
        """Number of candidates."""
        return len(self.candidates)

    def truth_table(self) -> TruthTable:
        """The function the problem computes (all outputs, fully specified)."""
        return TruthTable.from_bits(self.n, self.outputs)

    def verifier_tables(self) -> tuple[int, ...]:
        return tuple(c.verifier for c in self.candidates)

    def feasible(self) -> int:
        """The rows where some candidate passes its verifier (the ∃-answer in every mode)."""
        return union(self.verifier_tables())

    # -- JSON ------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        n = self.n
        data: dict[str, Any] = {
            "name": self.name,
            "description": self.description,
            "inputs": list(self.input_names),
            "mode": self.mode,
            "kind": self.kind,
            "candidates": [
                {"name": c.name, "verifier": to_hex(c.verifier, n)}
                | ({} if c.selected is None else {"selected": to_hex(c.selected, n)})
                for c in self.candidates
            ],
            "outputs": [to_hex(t, n) for t in self.outputs],
            "states": [{"name": s.name, "table": to_hex(s.table, n)} for s in self.states],
            "symmetries": [list(p) for p in self.symmetries],
            "uniform": self.uniform,
            "monotone_basis": self.monotone_basis,
        }
        if self.output_names:
            data["output_names"] = list(self.output_names)
        if self.family is not None:
            data["family"] = self.family
        if self.goal_inputs:
            data["goal_inputs"] = list(self.goal_inputs)
        if self.retargets:
            data["retargets"] = [
                {"name": name, "outputs": [to_hex(t, n) for t in tables]} for name, tables in self.retargets
            ]
        if self.suite_id is not None:
            data["suite_id"] = self.suite_id
        if self.decoy_formulations:
            data["decoy_formulations"] = list(self.decoy_formulations)
        return data

    @classmethod
    def from_dict(cls, data: Any) -> "SearchProblem":
        """Parse the JSON form; any malformed, unknown or contradictory field raises InputError naming it.

        Fields whose names start with ``_`` are comments and are ignored. The document
        ``circuits problems show --json`` prints is accepted too: its ``problem`` part is the problem.
        """
        if not isinstance(data, dict):
            raise InputError("a problem file must hold a JSON object")
        if "inputs" not in data and isinstance(data.get("problem"), dict):
            data = data["problem"]
        reader = _Reader(data)
        names = reader.string_list("inputs")
        if not names:
            raise InputError("field 'inputs': a problem needs at least one input")
        if len(names) > MAX_PROBLEM_INPUTS:
            raise InputError(f"field 'inputs': {len(names)} inputs; at most {MAX_PROBLEM_INPUTS} are supported")
        n = len(names)
        mode = reader.string("mode")
        raw_candidates = reader.list("candidates")
        candidates = []
        for i, raw in enumerate(raw_candidates):
            where = f"candidates[{i}]"
            item = _Reader(raw, where)
            selected = item.table("selected", n, optional=True)
            candidates.append(Candidate(item.string("name"), item.table("verifier", n), selected))
            item.reject_unknown()
        if "outputs" in data:
            outputs = tuple(reader.table_list("outputs", n))
        elif mode == "exists":
            outputs = (union(c.verifier for c in candidates),)
        else:
            raise InputError(f"field 'outputs' is required in {mode!r} mode")
        states = []
        for i, raw in enumerate(reader.list("states", optional=True)):
            item = _Reader(raw, f"states[{i}]")
            states.append(StatePredicate(item.string("name"), item.table("table", n)))
            item.reject_unknown()
        symmetries = tuple(
            tuple(_int_list(raw, f"symmetries[{i}]")) for i, raw in enumerate(reader.list("symmetries", optional=True))
        )
        retargets = []
        for i, raw in enumerate(reader.list("retargets", optional=True)):
            item = _Reader(raw, f"retargets[{i}]")
            retargets.append((item.string("name"), tuple(item.table_list("outputs", n))))
            item.reject_unknown()
        fields = dict(
            name=reader.string("name"),
            description=reader.string("description", default=""),
            input_names=tuple(names),
            mode=mode,
            candidates=tuple(candidates),
            outputs=outputs,
            states=tuple(states),
            symmetries=symmetries,
            uniform=reader.boolean("uniform", default=True),
            kind=reader.string("kind", default="search"),
            family=reader.string("family", default=None),
            goal_inputs=tuple(_int_list(reader.value("goal_inputs", []), "goal_inputs")),
            retargets=tuple(retargets),
            monotone_basis=reader.boolean("monotone_basis", default=False),
            output_names=tuple(reader.string_list("output_names", optional=True)),
            suite_id=reader.string("suite_id", default=None),
            decoy_formulations=tuple(reader.string_list("decoy_formulations", optional=True)),
        )
        reader.reject_unknown()
        return cls(**fields)


def load_problem(path: str | Path) -> SearchProblem:
    """Read and validate a problem file (OSError / JSONDecodeError propagate to the CLI as exit 2)."""
    with open(path, encoding="utf-8") as handle:
        try:
            data = json.load(handle)
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text (problem files are JSON)") from None
    try:
        return SearchProblem.from_dict(data)
    except InputError as err:
        raise InputError(f"{path}: {err}") from None


def save_problem(problem: SearchProblem, path: str | Path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(problem.to_dict(), handle, indent=2)
        handle.write("\n")


# -- validation ------------------------------------------------------------------------------
def _validate(p: SearchProblem) -> None:
    """Refuse a self-contradictory declaration; every message names the field at fault."""
    n = p.n
    if not 1 <= n <= MAX_PROBLEM_INPUTS:
        raise InputError(f"field 'inputs': {n} inputs; 1..{MAX_PROBLEM_INPUTS} are supported")
    mask = full_mask(n)
    _unique(p.input_names, "inputs")
    if not p.name:
        raise InputError("field 'name' must not be empty")
    if p.mode not in MODES:
        raise InputError(f"field 'mode' is {p.mode!r}; choose one of {', '.join(MODES)}")
    if p.kind not in KINDS:
        raise InputError(f"field 'kind' is {p.kind!r}; choose one of {', '.join(KINDS)}")
    if not p.candidates:
        raise InputError("field 'candidates': a problem needs at least one candidate")
    _unique([c.name for c in p.candidates], "candidates")
    _unique([s.name for s in p.states], "states")
    if not p.outputs:
        raise InputError("field 'outputs': at least one output table is needed")
    for field, value in _tables(p):
        if not 0 <= value <= mask:
            raise InputError(f"field '{field}' does not fit in {1 << n} rows ({n} inputs)")
    if p.mode == "exists":
        for i, c in enumerate(p.candidates):
            if c.selected is not None:
                raise InputError(f"field 'candidates[{i}].selected' is only meaningful in first/argmax mode")
        if len(p.outputs) != 1 or p.outputs[0] != p.feasible():
            raise InputError("field 'outputs': in exists mode the output must be the OR of the verifiers")
    else:
        _validate_selection(p)
    for i, perm in enumerate(p.symmetries):
        _validate_symmetry(p, perm, f"symmetries[{i}]")
    for i, j in enumerate(p.goal_inputs):
        if not isinstance(j, int) or not 0 <= j < n:
            raise InputError(f"field 'goal_inputs[{i}]' is {j!r}, not an input index 0..{n - 1}")
    _unique([str(j) for j in p.goal_inputs], "goal_inputs")
    for i, (_, tables) in enumerate(p.retargets):
        if len(tables) != len(p.outputs):
            raise InputError(f"field 'retargets[{i}].outputs' has {len(tables)} tables; the problem has {len(p.outputs)}")
    _unique([name for name, _ in p.retargets], "retargets")
    if p.output_names and len(p.output_names) != len(p.outputs):
        raise InputError(f"field 'output_names' has {len(p.output_names)} names for {len(p.outputs)} outputs")
    if p.monotone_basis and not all(is_monotone(n, t) for t in p.outputs):
        raise InputError("field 'monotone_basis' is true but the function is not monotone")


def _tables(p: SearchProblem) -> list[tuple[str, int]]:
    found = [(f"candidates[{i}].verifier", c.verifier) for i, c in enumerate(p.candidates)]
    found += [(f"candidates[{i}].selected", c.selected) for i, c in enumerate(p.candidates) if c.selected is not None]
    found += [(f"outputs[{h}]", t) for h, t in enumerate(p.outputs)]
    found += [(f"states[{i}].table", s.table) for i, s in enumerate(p.states)]
    found += [(f"retargets[{i}].outputs[{h}]", t) for i, (_, ts) in enumerate(p.retargets) for h, t in enumerate(ts)]
    return found


def _validate_selection(p: SearchProblem) -> None:
    """first/argmax: the selection tables must pick exactly one passing candidate wherever one passes,
    and the outputs must be a function of the picked candidate (its encoding)."""
    feasible = p.feasible()
    earlier = 0
    chosen = 0
    for i, c in enumerate(p.candidates):
        field = f"candidates[{i}].selected"
        if c.selected is None and p.mode == "argmax":
            raise InputError(f"field '{field}' is required in argmax mode")
        selected = c.verifier & ~earlier if c.selected is None else c.selected
        if p.mode == "first" and selected != c.verifier & ~earlier:
            raise InputError(f"field '{field}' is not 'verifier and no earlier candidate passes'")
        if selected & ~c.verifier:
            raise InputError(f"field '{field}' selects rows where the candidate's verifier fails")
        if selected & chosen:
            raise InputError(f"field '{field}' overlaps an earlier candidate's selection")
        chosen |= selected
        earlier |= c.verifier
    if p.mode == "argmax" and chosen != feasible:
        raise InputError("field 'candidates': the selections must cover every row where some verifier passes")
    regions = [selection_table(p, i) for i in range(p.m)] + [full_mask(p.n) & ~feasible]
    for h, out in enumerate(p.outputs):
        for region in regions:
            if region and (out & region) not in (0, region):
                raise InputError(f"field 'outputs[{h}]' is not determined by the selected candidate")


def selection_table(p: SearchProblem, i: int) -> int:
    """Candidate i's "is the answer" table: declared, or derived by priority in first mode."""
    c = p.candidates[i]
    if c.selected is not None:
        return c.selected
    earlier = union(d.verifier for d in p.candidates[:i])
    return c.verifier & ~earlier


def answer_codes(p: SearchProblem) -> tuple[tuple[int, ...], tuple[int, ...] | None]:
    """The output bits each candidate answers with, and the bits for "no candidate passes".

    In exists mode a passing candidate answers (1,) and "none" is (0,). A candidate that is never
    selected gets all zeros; "none" is None when some candidate always passes.
    """
    if p.mode == "exists":
        return tuple((1,) for _ in p.candidates), (0,)

    def code(region: int) -> tuple[int, ...]:
        return tuple(1 if out & region else 0 for out in p.outputs)

    codes = tuple(code(selection_table(p, i)) for i in range(p.m))
    none = full_mask(p.n) & ~p.feasible()
    return codes, (code(none) if none else None)


def model_variables(p: SearchProblem) -> tuple[int, ...]:
    """The tables the high-level model's variables V_c stand for, in candidate order.

    ``exists``: the verifiers. ``first``/``argmax``: when each selection is "verifier and no earlier
    verifier passes" (always in ``first`` mode, and for argmax with ties broken by list order), the
    verifiers with list-order priority; otherwise the disjoint selection tables themselves, whose
    priority reproduces them.
    """
    if p.mode == "exists":
        return p.verifier_tables()
    earlier = 0
    priority = True
    for c in p.candidates:
        if c.selected is not None and c.selected != c.verifier & ~earlier:
            priority = False
        earlier |= c.verifier
    if priority:
        return p.verifier_tables()
    return tuple(c.selected if c.selected is not None else 0 for c in p.candidates)


def _validate_symmetry(p: SearchProblem, perm: tuple[int, ...], field: str) -> None:
    """A declared symmetry must permute the inputs and map the verifier set onto itself."""
    n = p.n
    if sorted(perm) != list(range(n)):
        raise InputError(f"field '{field}' is not a permutation of the {n} input indices")
    verifiers = sorted(p.verifier_tables())
    if sorted(permute_table(n, v, perm) for v in verifiers) != verifiers:
        raise InputError(f"field '{field}' does not map the candidates' verifiers onto each other")


def _unique(values: Any, field: str) -> None:
    seen = set()
    for value in values:
        if value in seen:
            raise InputError(f"field '{field}' repeats the name {value!r}")
        seen.add(value)


def _int_list(raw: Any, field: str) -> list[int]:
    if not isinstance(raw, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in raw):
        raise InputError(f"field '{field}' must be a list of integers")
    return raw


class _Reader:
    """Typed access to one JSON object, with errors that name the field (prefixed by its path)."""

    def __init__(self, data: Any, where: str = "") -> None:
        if not isinstance(data, dict):
            raise InputError(f"field '{where}' must be an object")
        self.data = data
        self.where = where
        self.read: set[str] = set()

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def reject_unknown(self) -> None:
        """Refuse a field no reader asked for: a misspelt optional field would otherwise be silently
        dropped (``symetries`` leaves Aut(P) smaller than meant). ``_comment``-style fields pass."""
        for key in self.data:
            if key not in self.read and not key.startswith("_"):
                raise InputError(
                    f"field '{self._name(key)}' is not a problem-file field (comments go in fields starting with '_')"
                )

    def value(self, key: str, default: Any) -> Any:
        self.read.add(key)
        return self.data.get(key, default)

    def _get(self, key: str, optional: bool) -> Any:
        self.read.add(key)
        if key not in self.data:
            if optional:
                return None
            raise InputError(f"field '{self._name(key)}' is missing")
        if self.data[key] is None and not optional:
            raise InputError(f"field '{self._name(key)}' is null; it needs a value")
        return self.data[key]

    def string(self, key: str, default: Any = ...) -> Any:
        value = self._get(key, default is not ...)
        if value is None:
            return None if default is ... else default
        if not isinstance(value, str):
            raise InputError(f"field '{self._name(key)}' must be a string")
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.value(key, default)
        if not isinstance(value, bool):
            raise InputError(f"field '{self._name(key)}' must be true or false")
        return value

    def list(self, key: str, optional: bool = False) -> list[Any]:
        value = self._get(key, optional)
        if value is None:
            return []
        if not isinstance(value, list):
            raise InputError(f"field '{self._name(key)}' must be a list")
        return value

    def string_list(self, key: str, optional: bool = False) -> list[str]:
        values = self.list(key, optional)
        if not all(isinstance(v, str) for v in values):
            raise InputError(f"field '{self._name(key)}' must be a list of strings")
        return values

    def table(self, key: str, n: int, optional: bool = False) -> Any:
        value = self._get(key, optional)
        if value is None:
            return None
        return parse_table(value, n, self._name(key))

    def table_list(self, key: str, n: int) -> list[int]:
        return [parse_table(v, n, f"{self._name(key)}[{h}]") for h, v in enumerate(self.list(key))]


def parse_table(value: Any, n: int, field: str) -> int:
    """A hex table with exactly the digits 2^n rows need ("wrong length" is a contradiction)."""
    digits = max(1, (1 << n) // 4)
    if not isinstance(value, str) or not value.lower().startswith("0x"):
        raise InputError(f"field '{field}' must be a hex string like '0x{'0' * digits}'")
    body = value[2:]
    try:
        bits = int(body, 16)
    except ValueError:
        raise InputError(f"field '{field}' is {value!r}, not hex") from None
    if len(body) != digits:
        raise InputError(f"field '{field}' has {len(body)} hex digits; {n} inputs need {digits}")
    if bits >> (1 << n):
        raise InputError(f"field '{field}' does not fit in {1 << n} rows ({n} inputs)")
    return bits
