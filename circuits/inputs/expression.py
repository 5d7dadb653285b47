"""Boolean expressions as a way to give a function: ``--expr "x0 & x1 | ~x2"``.

Grammar (loosest binding first; each binary operator is left-associative)::

    expression := xor   (("|" | "+") xor)*        OR
    xor        := and   ("^" and)*                 XOR
    and        := unary (("&" | "*") unary)*       AND
    unary      := ("~" | "!") unary | atom         NOT
    atom       := "x" DIGITS | "0" | "1" | "(" expression ")"

Variables are x0, x1, ... in the project's row convention (x_j is bit j of the row number). The
precedence is C's and Python's (NOT, AND, XOR, OR). A hand-written recursive-descent parser: the
grammar is a dozen lines, and a parser library would be a dependency for no gain in clarity. Each
sub-expression is evaluated to a truth table (an integer of 2^n bits) as it is parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from circuits.errors import InputError, quoted
from circuits.truthtable import MAX_PARSE_INPUTS, TruthTable, full_mask, input_table

_TOKEN = re.compile(r"\s*(?:(x\d+)|([01])|([~!&*^|+()]))")


@dataclass(frozen=True)
class _Token:
    kind: str  # "var", "const", or the operator character itself; "end" after the last token
    text: str
    position: int


def _tokens(text: str) -> list[_Token]:
    tokens = []
    position = 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TOKEN.match(text, position)
        if match is None:
            start = len(text) - len(text[position:].lstrip())
            raise InputError(f"expression {quoted(text)}: unexpected {quoted(text[start:start + 10])} at character {start + 1}")
        variable, constant, operator = match.groups()
        start = match.start(match.lastindex or 0)
        if variable:
            tokens.append(_Token("var", variable, start))
        elif constant:
            tokens.append(_Token("const", constant, start))
        else:
            tokens.append(_Token(operator, operator, start))
        position = match.end()
    tokens.append(_Token("end", "", len(text)))
    return tokens


def variables_of(text: str) -> int:
    """How many inputs an expression needs: one more than its highest variable index (0 if none)."""
    indices = [int(t.text[1:]) for t in _tokens(text) if t.kind == "var"]
    return max(indices, default=-1) + 1


class _Parser:
    """Parses and evaluates one expression over ``n`` inputs."""

    def __init__(self, text: str, n: int) -> None:
        self.text, self.n, self.mask = text, n, full_mask(n)
        self.tokens = _tokens(text)
        self.index = 0

    def _peek(self) -> _Token:
        return self.tokens[self.index]

    def _take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def _fail(self, expected: str) -> InputError:
        token = self._peek()
        found = "the end" if token.kind == "end" else quoted(token.text)
        return InputError(f"expression {quoted(self.text)}: expected {expected} at character {token.position + 1}, found {found}")

    def parse(self) -> int:
        value = self._or()
        if self._peek().kind != "end":
            raise self._fail("an operator (& ^ | ~) or the end")
        return value

    def _or(self) -> int:
        value = self._xor()
        while self._peek().kind in ("|", "+"):
            self._take()
            value |= self._xor()
        return value

    def _xor(self) -> int:
        value = self._and()
        while self._peek().kind == "^":
            self._take()
            value ^= self._and()
        return value

    def _and(self) -> int:
        value = self._unary()
        while self._peek().kind in ("&", "*"):
            self._take()
            value &= self._unary()
        return value

    def _unary(self) -> int:
        if self._peek().kind in ("~", "!"):
            self._take()
            return self._unary() ^ self.mask
        return self._atom()

    def _atom(self) -> int:
        token = self._peek()
        if token.kind == "var":
            self._take()
            index = int(token.text[1:])
            if index >= self.n:
                raise InputError(f"expression {quoted(self.text)}: {token.text} is not an input of a {self.n}-input function")
            return input_table(self.n, index)
        if token.kind == "const":
            self._take()
            return self.mask if token.text == "1" else 0
        if token.kind == "(":
            self._take()
            value = self._or()
            if self._peek().kind != ")":
                raise self._fail("')'")
            self._take()
            return value
        raise self._fail("a variable x0, x1, ..., 0, 1, '~' or '('")


def evaluate(text: str, n: int) -> int:
    """The truth table of expression ``text`` over ``n`` inputs."""
    try:
        return _Parser(text, n).parse()
    except RecursionError:
        raise InputError(f"expression {quoted(text)} is nested too deeply") from None


def parse_expressions(texts: Sequence[str], inputs: int | None = None) -> TruthTable:
    """One expression per output; the number of inputs is ``inputs`` or the highest variable + 1."""
    if not texts:
        raise InputError("no expression given")
    needed = max(variables_of(text) for text in texts)
    n = needed if inputs is None else inputs
    if n > MAX_PARSE_INPUTS:
        raise InputError(f"the expressions use {n} inputs; at most {MAX_PARSE_INPUTS} are supported")
    if n < needed:
        raise InputError(f"the expressions use x{needed - 1}, but --inputs says {n}")
    return TruthTable.from_bits(n, [evaluate(text, n) for text in texts])
