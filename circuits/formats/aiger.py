"""AIGER, ASCII (``.aag``) and binary (``.aig``): the AND-inverter graph format of ABC and the HWMCC.

Writing decomposes every gate into ANDs with complemented edges through its plain-cell form (an
ANDNOT is one AND, an OR one AND with three inverters, an XOR or XNOR three ANDs), so a written file
computes the same function, but its AND count is the circuit's ``aig`` cost only when the circuit is
an AIG already. Names go into the symbol table. Reading gives an ``aig``-basis circuit: each AND
becomes one gate whose op absorbs its complemented fanins. Latches and the properties of AIGER 1.9
(bad states, constraints, justice, fairness) are refused: this project's circuits are combinational.
"""

from __future__ import annotations

from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.formats.builder import CONST0, AND_OP, negate
from circuits.gateforms import GATE_FORMS
from circuits.formats.netlist import Definition, Netlist, located

# -- writing ---------------------------------------------------------------------------------------


class _AigWriter:
    """Lowers a circuit to AIGER literals: input j is 2(j+1), AND k is 2(inputs+k+1)."""

    def __init__(self, circuit: Circuit) -> None:
        self.inputs = circuit.inputs
        self.ands: list[tuple[int, int, int]] = []
        literal = [2 * (j + 1) for j in range(circuit.inputs)]
        for gate in circuit.gates:
            form = GATE_FORMS[gate.op]
            ins = [literal[gate.fanins[i]] ^ neg for i, neg in zip(form.fanins, form.negated_fanins)]
            if form.base == "CONST":
                out = 0
            elif form.base == "BUF":
                out = ins[0]
            elif form.base == "AND":
                out = self._and(ins[0], ins[1])
            elif form.base == "OR":
                out = self._and(ins[0] ^ 1, ins[1] ^ 1) ^ 1
            else:  # XOR: a ^ b = NOT(NOT(a & ~b) & NOT(~a & b))
                left = self._and(ins[0], ins[1] ^ 1)
                right = self._and(ins[0] ^ 1, ins[1])
                out = self._and(left ^ 1, right ^ 1) ^ 1
            literal.append(out ^ form.negated_output)
        self.outputs = [
            out.value if out.node is None else literal[out.node] ^ out.negated for out in circuit.outputs
        ]

    def _and(self, x: int, y: int) -> int:
        lhs = 2 * (self.inputs + len(self.ands) + 1)
        self.ands.append((lhs, max(x, y), min(x, y)))  # binary AIGER wants rhs0 >= rhs1
        return lhs

    def header(self, kind: str) -> str:
        return f"{kind} {self.inputs + len(self.ands)} {self.inputs} 0 {len(self.outputs)} {len(self.ands)}\n"


def _symbols_and_comment(circuit: Circuit) -> str:
    inputs = circuit.input_names or [f"x{j}" for j in range(circuit.inputs)]
    outputs = circuit.output_names or [f"y{h}" for h in range(len(circuit.outputs))]
    lines = []
    for prefix, names in (("i", inputs), ("o", outputs)):
        for k, name in enumerate(names):
            if "\n" in name or "\r" in name or not name:
                raise InputError(f"the name {name!r} cannot be written in AIGER")
            lines.append(f"{prefix}{k} {name}\n")
    lines.append(f"c\nwritten by circuits: {circuit.size} gates of basis {circuit.basis}, depth {circuit.depth}\n")
    return "".join(lines)


def write_aag(circuit: Circuit) -> str:
    aig = _AigWriter(circuit)
    body = [aig.header("aag")]
    body += [f"{2 * (j + 1)}\n" for j in range(circuit.inputs)]
    body += [f"{lit}\n" for lit in aig.outputs]
    body += [f"{lhs} {r0} {r1}\n" for lhs, r0, r1 in aig.ands]
    return "".join(body) + _symbols_and_comment(circuit)


def _varint(value: int) -> bytes:
    """AIGER's unsigned LEB128: 7 bits per byte, low first, high bit set on all but the last."""
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def write_aig(circuit: Circuit) -> bytes:
    aig = _AigWriter(circuit)
    head = aig.header("aig") + "".join(f"{lit}\n" for lit in aig.outputs)
    deltas = b"".join(_varint(lhs - r0) + _varint(r0 - r1) for lhs, r0, r1 in aig.ands)
    return head.encode("ascii") + deltas + _symbols_and_comment(circuit).encode("utf-8")


# -- reading ---------------------------------------------------------------------------------------


class _Cursor:
    """Reads an AIGER file line by line, and the binary AND section byte by byte."""

    def __init__(self, data: bytes, source: str) -> None:
        self.data = data
        self.source = source
        self.pos = 0
        self.line = 0
        self.in_binary = False

    def fail(self, message: str) -> InputError:
        if self.in_binary:
            return located(self.source, None, f"byte {self.pos}: {message}")
        return located(self.source, self.line, message)

    def at_end(self) -> bool:
        return self.pos >= len(self.data)

    def read_line(self, what: str) -> str:
        if self.at_end():
            self.line += 1
            raise self.fail(f"the file ends where {what} was expected")
        end = self.data.find(b"\n", self.pos)
        end = len(self.data) if end < 0 else end
        raw = self.data[self.pos : end]
        self.pos = end + 1
        self.line += 1
        try:
            return raw.decode("utf-8").rstrip("\r")
        except UnicodeDecodeError:
            raise self.fail("this line is not text") from None

    def numbers(self, what: str, count: int) -> list[int]:
        text = self.read_line(what)
        fields = text.split()
        if len(fields) != count or not all(f.isdigit() for f in fields):
            raise self.fail(f"expected {what} ({count} unsigned integer{'s' if count > 1 else ''}), got {text!r}")
        return [int(f) for f in fields]

    def varint(self) -> int:
        value, shift = 0, 0
        while True:
            if self.at_end():
                raise self.fail("the file ends inside the binary AND section")
            byte = self.data[self.pos]
            self.pos += 1
            value |= (byte & 0x7F) << shift
            if not byte & 0x80:
                return value
            shift += 7


def read_aiger(data: bytes, source: str) -> Circuit:
    """Read ASCII or binary AIGER (told apart by the header's ``aag``/``aig``)."""
    cursor = _Cursor(data, source)
    header = cursor.read_line("the header 'aag M I L O A'").split()
    if not header or header[0] not in ("aag", "aig"):
        raise cursor.fail("not an AIGER file: the header must start with 'aag' or 'aig'")
    if not 6 <= len(header) <= 10 or not all(f.isdigit() for f in header[1:]):
        raise cursor.fail("the header must be 'aag M I L O A' with unsigned integers")
    binary = header[0] == "aig"
    max_var, n_in, n_latch, n_out, n_and = (int(f) for f in header[1:6])
    if n_latch:
        raise cursor.fail("latches are not supported: circuits here are combinational")
    if any(int(f) for f in header[6:]):
        raise cursor.fail("bad-state, constraint, justice and fairness properties are not supported")
    if max_var < n_in + n_and:
        raise cursor.fail(f"M = {max_var} is less than I + A = {n_in + n_and}")

    netlist = Netlist(source, describe=lambda lit: f"literal {lit}")
    netlist.define(0, Definition(cursor.line, (), lambda b, lits: CONST0))

    def check_literal(lit: int) -> int:
        if lit > 2 * max_var + 1:
            raise cursor.fail(f"literal {lit} exceeds 2M+1 = {2 * max_var + 1}")
        if lit & 1 and lit not in netlist.definitions:  # a complement is defined by its positive literal
            netlist.define(lit, Definition(cursor.line, (lit - 1,), lambda b, lits: negate(lits[0])))
        return lit

    for j in range(n_in):
        lit = 2 * (j + 1) if binary else cursor.numbers("an input literal", 1)[0]
        if lit < 2 or lit & 1:
            raise cursor.fail(f"input literal {lit} must be even and at least 2")
        netlist.add_input(check_literal(lit), f"x{j}", cursor.line)
    for h in range(n_out):
        netlist.add_output(check_literal(cursor.numbers("an output literal", 1)[0]), f"y{h}", cursor.line)
    cursor.in_binary = binary
    for k in range(n_and):
        if binary:
            lhs = 2 * (n_in + k + 1)
            delta0 = cursor.varint()
            delta1 = cursor.varint()
            if delta0 > lhs or delta1 > lhs - delta0 or delta0 == 0:
                raise cursor.fail(f"AND {k} has deltas {delta0}, {delta1} that do not fit its literal {lhs}")
            rhs0, rhs1 = lhs - delta0, lhs - delta0 - delta1
        else:
            lhs, rhs0, rhs1 = cursor.numbers("an AND line 'lhs rhs0 rhs1'", 3)
            if lhs < 2 or lhs & 1:
                raise cursor.fail(f"AND output literal {lhs} must be even and at least 2")
        fanins = (check_literal(rhs0), check_literal(rhs1))
        netlist.define(check_literal(lhs), Definition(cursor.line, fanins, lambda b, lits: b.gate(AND_OP, *lits)))
    cursor.in_binary = False
    input_names, output_names = _read_symbols(cursor, n_in, n_out)
    return netlist.circuit(basis="aig", input_names=input_names, output_names=output_names)


def _read_symbols(cursor: _Cursor, n_in: int, n_out: int) -> tuple[list[str], list[str]]:
    """The symbol table (``i3 name``, ``o0 name``) up to the comment section."""
    names = {"i": [f"x{j}" for j in range(n_in)], "o": [f"y{h}" for h in range(n_out)]}
    while not cursor.at_end():
        line = cursor.read_line("a symbol")
        if not line.strip():
            continue
        if line == "c" or line.startswith("c "):
            break
        kind, _, rest = line.partition(" ")
        if kind[:1] not in names or not kind[1:].isdigit() or not rest:
            raise cursor.fail(f"expected a symbol like 'i0 name' or 'o0 name', got {line!r}")
        index = int(kind[1:])
        if index >= len(names[kind[0]]):
            raise cursor.fail(f"symbol {kind} names a port that does not exist")
        names[kind[0]][index] = rest
    return names["i"], names["o"]
