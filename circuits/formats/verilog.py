"""Structural Verilog: one module of 1-bit ports and ``assign`` statements over ``& | ^ ~``.

This is the subset that yosys and ABC's own Verilog reader accept and that this project reads back:
``module``, ``input``/``output``/``wire`` declarations (ANSI or not), ``assign`` with the operators
``~ ! & | ^ ~^ ^~`` and parentheses, the constants ``1'b0``/``1'b1``, comments, and escaped identifiers
(``\\a[0] ``) for names that are not plain identifiers. Each binary operator is one gate; ``~`` is free.
Vectors, ``always`` blocks, instances and several modules are refused with the line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from circuits.circuit import Circuit
from circuits.formats.builder import AND_OP, CONST0, CONST1, OR_OP, XOR_OP, CircuitBuilder, Literal, negate
from circuits.gateforms import GATE_FORMS
from circuits.formats.naming import WriterNames
from circuits.formats.netlist import Definition, Netlist, located

_KEYWORDS = frozenset(
    """always and assign begin buf bufif0 bufif1 case casex casez cmos deassign default defparam disable
    edge else end endcase endfunction endmodule endprimitive endspecify endtable endtask event for force
    forever fork function highz0 highz1 if ifnone initial inout input integer join large macromodule
    medium module nand negedge nmos nor not notif0 notif1 or output parameter pmos posedge primitive pull0
    pull1 pulldown pullup rcmos real realtime reg release repeat rnmos rpmos rtran rtranif0 rtranif1
    scalared small specify specparam strong0 strong1 supply0 supply1 table task time tran tranif0
    tranif1 tri tri0 tri1 triand trior trireg vectored wait wand weak0 weak1 while wire wor xnor xor""".split()
)
_SIMPLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]*$")

# -- writing ---------------------------------------------------------------------------------------


def _identifier(name: str) -> str:
    """A plain identifier where possible, else an escaped one (backslash, name, space)."""
    return name if _SIMPLE.match(name) and name not in _KEYWORDS else f"\\{name} "


def _writable(name: str) -> bool:
    return name.isascii() and name.isprintable() and not any(c.isspace() for c in name)


def _literal(name: str, negated: bool) -> str:
    return f"~{name}" if negated else name


def write_verilog(circuit: Circuit) -> str:
    names = WriterNames(circuit, "Verilog", _writable, distinct_ports=True)
    ident = [_identifier(names.node(node)) for node in range(circuit.num_nodes)]
    inputs = [_identifier(n) for n in names.inputs]
    outputs = [_identifier(n) for n in names.outputs]
    lines = [
        f"// written by circuits: {circuit.size} gates of basis {circuit.basis}, depth {circuit.depth}",
        f"module circuit({', '.join(inputs + outputs)});",
    ]
    if inputs:
        lines.append(f"  input {', '.join(inputs)};")
    if outputs:
        lines.append(f"  output {', '.join(outputs)};")
    wires = [ident[node] for node in range(circuit.inputs, circuit.num_nodes) if names.node(node) not in names.outputs]
    if wires:
        lines.append(f"  wire {', '.join(wires)};")
    symbols = {"AND": "&", "OR": "|", "XOR": "^"}
    for k, gate in enumerate(circuit.gates):
        form = GATE_FORMS[gate.op]
        args = [_literal(ident[gate.fanins[i]], neg) for i, neg in zip(form.fanins, form.negated_fanins)]
        if form.base == "CONST":
            expr = "1'b1" if form.negated_output else "1'b0"
        elif form.base == "BUF":
            expr = _literal(args[0], form.negated_output)
        else:
            expr = f" {symbols[form.base]} ".join(args)
            expr = f"~({expr})" if form.negated_output else expr
        lines.append(f"  assign {ident[circuit.inputs + k]} = {expr};")
    for h, out in enumerate(circuit.outputs):
        if names.needs_driver(h):
            source = ("1'b1" if out.value else "1'b0") if out.node is None else _literal(ident[out.node], out.negated)
            lines.append(f"  assign {outputs[h]} = {source};")
    lines.append("endmodule")
    return "\n".join(lines) + "\n"


# -- reading ---------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""(?P<space>[ \t\r\f\v]+|\n)
      | (?P<comment>//[^\n]*|/\*.*?\*/)
      | (?P<escaped>\\\S+)
      | (?P<ident>[A-Za-z_][A-Za-z0-9_$]*)
      | (?P<number>\d*'[bBhHdD][0-9a-fA-F_]+|\d+)
      | (?P<op>~\^|\^~|[~!&|^()=,;\[\]:])""",
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class _Token:
    """``text`` is as written, so an escaped ``\\wire`` never matches the keyword ``wire``."""

    kind: str  # "ident", "number", "op", "end"
    text: str
    line: int

    @property
    def name(self) -> str:
        """The identifier's name (an escaped identifier without its backslash)."""
        return self.text[1:] if self.text.startswith("\\") else self.text


def _tokenize(text: str, netlist: Netlist) -> list[_Token]:
    tokens: list[_Token] = []
    pos, line = 0, 1
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise netlist.error(line, f"unexpected character {text[pos]!r}")
        kind = match.lastgroup or ""
        value = match.group()
        if kind in ("ident", "escaped", "number", "op"):
            kind = "ident" if kind == "escaped" else kind
            tokens.append(_Token(kind, value, line))
        line += value.count("\n")
        pos = match.end()
    tokens.append(_Token("end", "", line))
    return tokens


#: An expression tree: ("id", name) | ("const", literal) | ("not", expr) | ("op", op, flip, [operands])
_Expr = tuple


def _constant(token: _Token, netlist: Netlist) -> Literal:
    width, digits = token.text.split("'") if "'" in token.text else ("", token.text)
    digits = digits[1:].replace("_", "") if "'" in token.text else digits  # drop the base letter
    if digits not in ("0", "1") or width not in ("", "1"):
        raise netlist.error(token.line, f"only the 1-bit constants 1'b0 and 1'b1 are supported, not {token.text}")
    return CONST1 if digits == "1" else CONST0


class _Parser:
    """Recursive descent over the token list (expressions nest only as deep as their parentheses)."""

    _BINARY = (("|", OR_OP), ("^", XOR_OP), ("&", AND_OP))  # loosest binding first

    def __init__(self, tokens: list[_Token], netlist: Netlist) -> None:
        self.tokens = tokens
        self.pos = 0
        self.netlist = netlist

    @property
    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        if token.kind != "end":
            self.pos += 1
        return token

    def expect(self, text: str) -> _Token:
        token = self.take()
        if token.text != text or token.kind == "end":
            found = "the end of the file" if token.kind == "end" else repr(token.text)
            raise self.netlist.error(token.line, f"expected {text!r}, found {found}")
        return token

    def identifier(self) -> _Token:
        token = self.take()
        if token.kind != "ident" or token.text in _KEYWORDS:
            if token.text == "[":
                raise self.netlist.error(token.line, "vectors are not supported: declare one-bit signals")
            raise self.netlist.error(token.line, f"expected a signal name, found {token.text or 'the end'!r}")
        return token

    def expect_one_of(self, *texts: str) -> str:
        token = self.take()
        if token.text not in texts or token.kind == "end":
            found = "the end of the file" if token.kind == "end" else repr(token.text)
            raise self.netlist.error(token.line, f"expected {' or '.join(map(repr, texts))}, found {found}")
        return token.text

    def expression(self, level: int = 0) -> _Expr:
        """A chain of one operator becomes one balanced tree: ``a & b & c & d`` has depth 2."""
        if level == len(self._BINARY):
            return self.unary()
        symbol, op = self._BINARY[level]
        operands = [self.expression(level + 1)]
        flip = False
        while self.peek.text == symbol or (symbol == "^" and self.peek.text in ("~^", "^~")):
            flip ^= self.take().text in ("~^", "^~")  # a ~^ b = ~(a ^ b), and XOR is associative
            operands.append(self.expression(level + 1))
        return operands[0] if len(operands) == 1 else ("op", op, flip, operands)

    def unary(self) -> _Expr:
        token = self.take()
        if token.text in ("~", "!"):
            return ("not", self.unary())
        if token.text == "(":
            inner = self.expression()
            self.expect(")")
            return inner
        if token.kind == "number":
            return ("const", _constant(token, self.netlist))
        if token.kind == "ident" and token.text not in _KEYWORDS:
            return ("id", token.name)
        found = "the end of the file" if token.kind == "end" else repr(token.text)
        raise self.netlist.error(token.line, f"expected a signal, a constant, '~' or '(', found {found}")


def _signals(expr: _Expr) -> list[str]:
    if expr[0] == "id":
        return [expr[1]]
    if expr[0] == "not":
        return _signals(expr[1])
    if expr[0] == "op":
        return [name for operand in expr[3] for name in _signals(operand)]
    return []


def _evaluate(expr: _Expr, builder: CircuitBuilder, values: dict[str, Literal]) -> Literal:
    if expr[0] == "id":
        return values[expr[1]]
    if expr[0] == "const":
        return expr[1]
    if expr[0] == "not":
        return negate(_evaluate(expr[1], builder, values))
    _, op, flip, operands = expr
    result = builder.tree(op, [_evaluate(operand, builder, values) for operand in operands])
    return negate(result) if flip else result


def _assignment_definition(line: int, expr: _Expr) -> Definition:
    fanins = tuple(dict.fromkeys(_signals(expr)))

    def build(builder: CircuitBuilder, lits: list[Literal]) -> Literal:
        return _evaluate(expr, builder, dict(zip(fanins, lits)))

    return Definition(line, fanins, build)


def read_verilog(text: str, source: str) -> Circuit:
    try:
        return _read_module(text, source)
    except RecursionError:  # the parser recurses once per parenthesis or '~'
        raise located(source, None, "an expression nests parentheses or '~' too deeply") from None


def _read_module(text: str, source: str) -> Circuit:
    netlist = Netlist(source)
    parser = _Parser(_tokenize(text, netlist), netlist)
    parser.expect("module")
    parser.identifier()
    header: list[_Token] = []
    directions: dict[str, tuple[str, int]] = {}
    if parser.peek.text == "(":
        parser.take()
        direction = None
        while parser.peek.text != ")":
            if parser.peek.text in ("input", "output"):
                direction = parser.take().text
                if parser.peek.text == "wire":
                    parser.take()
            token = parser.identifier()
            header.append(token)
            if direction:
                directions[token.name] = (direction, token.line)
            if parser.peek.text != ")":
                parser.expect(",")
        parser.take()
    parser.expect(";")
    while parser.peek.text != "endmodule":
        keyword = parser.take()
        if keyword.text in ("input", "output", "wire"):
            if keyword.text != "wire" and parser.peek.text == "wire":
                parser.take()
            while True:
                token = parser.identifier()
                if keyword.text != "wire":
                    directions[token.name] = (keyword.text, token.line)
                if keyword.text == "wire" and parser.peek.text == "=":  # wire x = expr;
                    parser.take()
                    netlist.define(token.name, _assignment_definition(token.line, parser.expression()))
                if parser.expect_one_of(",", ";") == ";":
                    break
        elif keyword.text == "assign":
            while True:
                target = parser.identifier()
                parser.expect("=")
                netlist.define(target.name, _assignment_definition(target.line, parser.expression()))
                if parser.expect_one_of(",", ";") == ";":
                    break
        elif keyword.kind == "end":
            raise netlist.error(keyword.line, "the file ends before 'endmodule'")
        else:
            raise netlist.error(keyword.line, f"{keyword.text!r} is not supported (only input, output, wire, assign)")
    parser.take()
    trailing = parser.take()
    if trailing.kind != "end":
        raise netlist.error(trailing.line, "only one module per file is supported")
    for token in header:
        if token.name not in directions:
            raise netlist.error(token.line, f"port {token.name!r} has no input or output declaration")
    declared = [t.name for t in header] + [name for name in directions if name not in {t.name for t in header}]
    for name in declared:
        direction, line = directions[name]
        (netlist.add_input if direction == "input" else netlist.add_output)(name, name, line)
    return netlist.circuit()
