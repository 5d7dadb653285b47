"""Circuits: a DAG of 2-input gates over n inputs, with (possibly complemented) outputs.

Nodes 0..n-1 are the inputs; gate k is node n+k and reads only earlier nodes. Simulation is
bit-parallel over the whole truth table: every node's table is one Python int of 2^n bits, so a gate
costs a few big-int operations whatever n is (n ≤ 8 means ≤ 256-bit ints).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from circuits.basis import OP_NAMES, get_basis
from circuits.errors import InputError, VerificationError
from circuits.truthtable import TruthTable, full_mask, input_table, to_hex


@dataclass(frozen=True)
class Gate:
    """A 2-input gate: ``op`` is its 4-bit table over (a, b) = fanins, a the low bit."""

    op: int
    fanins: tuple[int, int]


@dataclass(frozen=True)
class Output:
    """An output: a node, possibly complemented, or a constant (``node`` None, ``value`` 0/1)."""

    node: int | None
    negated: bool = False
    value: int = 0


def apply_op(op: int, a: int, b: int, mask: int) -> int:
    """Evaluate a gate op on two bit-parallel tables."""
    result = 0
    if op & 1:
        result |= ~(a | b)
    if op & 2:
        result |= a & ~b
    if op & 4:
        result |= ~a & b
    if op & 8:
        result |= a & b
    return result & mask


@dataclass(frozen=True)
class Circuit:
    """An immutable circuit in a named basis."""

    inputs: int
    gates: tuple[Gate, ...]
    outputs: tuple[Output, ...]
    basis: str = "b2"
    input_names: tuple[str, ...] | None = None
    output_names: tuple[str, ...] | None = None
    _tables: list[int] | None = field(default=None, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "gates", tuple(self.gates))
        object.__setattr__(self, "outputs", tuple(self.outputs))
        self.check_structure()

    # -- structure -------------------------------------------------------------------------
    def check_structure(self) -> None:
        """Reject dangling fanins, cycles, bad ops and ops outside the basis."""
        basis = get_basis(self.basis)
        for k, gate in enumerate(self.gates):
            node = self.inputs + k
            if not 0 <= gate.op <= 15:
                raise InputError(f"gate {node} has op {gate.op}, which is not a 4-bit truth table")
            if len(gate.fanins) != 2 or any(not 0 <= f < node for f in gate.fanins):
                raise InputError(f"gate {node} has fanins {list(gate.fanins)}; each must be an earlier node")
            if not basis.allows(gate.op):
                raise InputError(f"gate {node} uses {OP_NAMES[gate.op]}, which the {self.basis} basis lacks")
        for h, out in enumerate(self.outputs):
            if out.node is None:
                if out.value not in (0, 1):
                    raise InputError(f"output {h} is a constant but its value is {out.value}")
            elif not 0 <= out.node < self.num_nodes:
                raise InputError(f"output {h} refers to node {out.node}, which does not exist")
            if out.negated and not basis.free_output_negation:
                raise InputError(f"output {h} is negated, which the {self.basis} basis does not allow")
        for names, count, what in (
            (self.input_names, self.inputs, "input"),
            (self.output_names, len(self.outputs), "output"),
        ):
            if names is not None and len(names) != count:
                raise InputError(f"{len(names)} {what} names given for {count} {what}s")

    @property
    def num_nodes(self) -> int:
        return self.inputs + len(self.gates)

    @property
    def size(self) -> int:
        """Number of gates (the cost in every basis of this project)."""
        return len(self.gates)

    def levels(self) -> list[int]:
        """Level of every node: inputs 0, a gate one more than its deepest fanin."""
        level = [0] * self.num_nodes
        for k, gate in enumerate(self.gates):
            level[self.inputs + k] = 1 + max(level[f] for f in gate.fanins)
        return level

    @property
    def depth(self) -> int:
        """Longest input-to-output path, counted in gates."""
        level = self.levels()
        return max((level[o.node] for o in self.outputs if o.node is not None), default=0)

    def node_name(self, node: int) -> str:
        if node < self.inputs and self.input_names:
            return self.input_names[node]
        return f"x{node}"

    def with_inputs_permuted(self, perm: Sequence[int]) -> "Circuit":
        """The mirror image under an input permutation: the same gates, reading input ``perm[i]``
        wherever this circuit reads input i (each node's table is renamed the same way)."""
        n = self.inputs
        if sorted(perm) != list(range(n)):
            raise InputError(f"{list(perm)} is not a permutation of the {n} inputs")

        def moved(node: int) -> int:
            return perm[node] if node < n else node

        gates = tuple(Gate(g.op, (moved(g.fanins[0]), moved(g.fanins[1]))) for g in self.gates)
        outputs = tuple(o if o.node is None else Output(moved(o.node), o.negated, o.value) for o in self.outputs)
        return Circuit(n, gates, outputs, self.basis, self.input_names, self.output_names)

    # -- simulation ------------------------------------------------------------------------
    def simulate(self) -> list[int]:
        """The truth table of every node (inputs first), computed once and cached."""
        if self._tables is None:
            mask = full_mask(self.inputs)
            tables = [input_table(self.inputs, j) for j in range(self.inputs)]
            for gate in self.gates:
                tables.append(apply_op(gate.op, tables[gate.fanins[0]], tables[gate.fanins[1]], mask))
            object.__setattr__(self, "_tables", tables)
        return list(self._tables)  # type: ignore[arg-type]

    def output_tables(self) -> list[int]:
        return self.read_outputs(self.simulate())

    def read_outputs(self, tables: Sequence[int]) -> list[int]:
        """The output tables read off node tables (this circuit's, or a patched simulation of it)."""
        mask = full_mask(self.inputs)
        result = []
        for out in self.outputs:
            bits = (mask if out.value else 0) if out.node is None else tables[out.node]
            result.append(bits ^ mask if out.negated else bits)
        return result

    def computes(self, spec: TruthTable) -> bool:
        """Whether the circuit agrees with ``spec`` on every care row of every output."""
        if spec.n != self.inputs or spec.m != len(self.outputs):
            return False
        return all(spec.matches(h, bits) for h, bits in enumerate(self.output_tables()))

    def verify(self, spec: TruthTable) -> "Circuit":
        """Return self if it computes ``spec``; raise VerificationError (a bug) otherwise."""
        if not self.computes(spec):
            got = " ".join(to_hex(b, self.inputs) for b in self.output_tables())
            raise VerificationError(f"circuit computes {got}, specification is {spec.describe()}")
        return self

    # -- presentation ----------------------------------------------------------------------
    def listing(self) -> list[str]:
        """One readable line per gate and output, e.g. ``x4 = XOR(x0, x1)``."""
        lines = []
        for k, gate in enumerate(self.gates):
            a, b = (self.node_name(f) for f in gate.fanins)
            lines.append(f"{self.node_name(self.inputs + k)} = {OP_NAMES[gate.op]}({a}, {b})")
        for h, out in enumerate(self.outputs):
            name = self.output_names[h] if self.output_names else f"y{h}"
            if out.node is None:
                source = str(out.value)
            else:
                source = ("NOT " if out.negated else "") + self.node_name(out.node)
            lines.append(f"{name} = {source}")
        return lines

    # -- JSON ------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "inputs": self.inputs,
            "basis": self.basis,
            "gates": [{"op": f"0x{g.op:x}", "fanins": list(g.fanins)} for g in self.gates],
            "outputs": [
                {"node": None, "value": o.value} if o.node is None else {"node": o.node, "negated": o.negated}
                for o in self.outputs
            ],
        }
        if self.input_names:
            data["input_names"] = list(self.input_names)
        if self.output_names:
            data["output_names"] = list(self.output_names)
        return data

    @classmethod
    def from_dict(cls, data: Any) -> "Circuit":
        """Build a circuit from its JSON form; any malformed field raises InputError naming it."""
        if not isinstance(data, dict):
            raise InputError("circuit JSON must be an object")
        try:
            inputs = data["inputs"]
            raw_gates = data["gates"]
            raw_outputs = data["outputs"]
        except KeyError as missing:
            raise InputError(f"circuit JSON lacks the field {missing.args[0]!r}") from None
        if not isinstance(inputs, int) or inputs < 0:
            raise InputError("circuit JSON field 'inputs' must be a non-negative integer")
        if not isinstance(raw_gates, list) or not isinstance(raw_outputs, list):
            raise InputError("circuit JSON fields 'gates' and 'outputs' must be lists")
        gates = [_gate_from_json(g, inputs + k) for k, g in enumerate(raw_gates)]
        outputs = [_output_from_json(o, h) for h, o in enumerate(raw_outputs)]
        names_in = data.get("input_names")
        names_out = data.get("output_names")
        return cls(
            inputs,
            tuple(gates),
            tuple(outputs),
            basis=data.get("basis", "b2"),
            input_names=tuple(names_in) if names_in else None,
            output_names=tuple(names_out) if names_out else None,
        )


def _gate_from_json(raw: Any, node: int) -> Gate:
    if not isinstance(raw, dict) or "op" not in raw or "fanins" not in raw:
        raise InputError(f"gate {node} must be an object with 'op' and 'fanins'")
    op = raw["op"]
    try:
        value = int(op, 16) if isinstance(op, str) else int(op)
    except ValueError:
        raise InputError(f"gate {node} has op {op!r}, not a hex truth table like '0x6'") from None
    fanins = raw["fanins"]
    if not isinstance(fanins, list) or len(fanins) != 2 or not all(isinstance(f, int) for f in fanins):
        raise InputError(f"gate {node} must have exactly two integer fanins")
    return Gate(value, (fanins[0], fanins[1]))


def _output_from_json(raw: Any, h: int) -> Output:
    if not isinstance(raw, dict) or "node" not in raw:
        raise InputError(f"output {h} must be an object with a 'node' field")
    node = raw["node"]
    if node is None:
        return Output(None, False, int(raw.get("value", 0)))
    if not isinstance(node, int):
        raise InputError(f"output {h} has node {node!r}, not an integer")
    return Output(node, bool(raw.get("negated", False)))


def constant_or_literal_output(n: int, bits: int, care: int, negation_free: bool) -> Output | None:
    """An output that needs no gate: a constant or an input (complemented where that is free)."""
    mask = full_mask(n)
    if bits & care == 0:
        return Output(None, False, 0)
    if (bits ^ mask) & care == 0:
        return Output(None, False, 1)
    for j in range(n):
        table = input_table(n, j)
        if (table ^ bits) & care == 0:
            return Output(j, False)
        if negation_free and (table ^ mask ^ bits) & care == 0:
            return Output(j, True)
    return None


def circuit_from_gates(
    n: int, gates: Sequence[tuple[int, int, int]], outputs: Sequence[Output], basis: str = "b2"
) -> Circuit:
    """Convenience constructor from (op, a, b) triples."""
    return Circuit(n, tuple(Gate(op, (a, b)) for op, a, b in gates), tuple(outputs), basis)
