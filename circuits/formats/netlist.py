"""Named netlists: signals defined in any order, resolved into a Circuit in dependency order.

BLIF, bench, Verilog and ASCII AIGER may define a signal after its first use. Readers collect one
``Definition`` per signal and hand them here; this module orders them (depth-first from each
definition in file order, so a file written in order keeps its gate order), and reports undefined,
doubly defined and cyclic signals with the line that caused them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Hashable, Sequence

from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.formats.builder import CircuitBuilder, Literal


def located(source: str, line: int | None, message: str) -> InputError:
    """An InputError that starts with ``source:line:`` the way compilers report errors."""
    where = f"{source}:{line}" if line is not None else source
    return InputError(f"{where}: {message}")


@dataclass(frozen=True)
class Definition:
    """One signal: the signals it reads and how to build it from their literals."""

    line: int
    fanins: tuple[Hashable, ...]
    build: Callable[[CircuitBuilder, list[Literal]], Literal]


@dataclass(frozen=True)
class Port:
    """A declared input or output and the line that declared it."""

    key: Hashable
    name: str
    line: int


class Netlist:
    """Collects ports and definitions while a reader scans a file."""

    def __init__(self, source: str, describe: Callable[[Hashable], str] = lambda key: f"signal {key!r}") -> None:
        self.source = source
        self.describe = describe
        self.inputs: list[Port] = []
        self.outputs: list[Port] = []
        self.definitions: dict[Hashable, Definition] = {}
        self._input_keys: dict[Hashable, int] = {}

    def error(self, line: int | None, message: str) -> InputError:
        return located(self.source, line, message)

    def add_input(self, key: Hashable, name: str, line: int) -> None:
        if key in self._input_keys:
            raise self.error(line, f"{self.describe(key)} is declared as an input twice")
        self._input_keys[key] = len(self.inputs)
        self.inputs.append(Port(key, name, line))

    def add_output(self, key: Hashable, name: str, line: int) -> None:
        self.outputs.append(Port(key, name, line))

    def define(self, key: Hashable, definition: Definition) -> None:
        if key in self.definitions:
            first = self.definitions[key].line
            raise self.error(definition.line, f"{self.describe(key)} is already defined at line {first}")
        if key in self._input_keys:
            raise self.error(definition.line, f"{self.describe(key)} is an input and cannot be defined")
        self.definitions[key] = definition

    def circuit(
        self,
        basis: str | None = None,
        input_names: Sequence[str] | None = None,
        output_names: Sequence[str] | None = None,
    ) -> Circuit:
        """Resolve every definition and output into a Circuit (names default to the ports' names)."""
        builder = CircuitBuilder(len(self.inputs))
        literals: dict[Hashable, Literal] = {key: builder.input(j) for key, j in self._input_keys.items()}
        for key in self.definitions:
            self._resolve(key, builder, literals, None)
        outputs = []
        for port in self.outputs:
            outputs.append(self._resolve(port.key, builder, literals, port.line))
        return builder.circuit(
            outputs,
            input_names=input_names if input_names is not None else [p.name for p in self.inputs],
            output_names=output_names if output_names is not None else [p.name for p in self.outputs],
            basis=basis,
        )

    def _resolve(
        self, key: Hashable, builder: CircuitBuilder, literals: dict[Hashable, Literal], use_line: int | None
    ) -> Literal:
        """Build ``key`` after its fanins, iteratively (deep netlists must not hit the recursion limit)."""
        if key in literals:
            return literals[key]
        self._require(key, use_line)
        stack: list[Hashable] = [key]
        open_keys = {key}
        while stack:
            top = stack[-1]
            definition = self.definitions[top]
            pending = [f for f in definition.fanins if f not in literals]
            if not pending:
                stack.pop()
                open_keys.discard(top)
                literals[top] = definition.build(builder, [literals[f] for f in definition.fanins])
                continue
            fanin = pending[0]
            self._require(fanin, definition.line)
            if fanin in open_keys:
                raise self.error(definition.line, f"{self.describe(fanin)} depends on itself (a cycle)")
            stack.append(fanin)
            open_keys.add(fanin)
        return literals[key]

    def _require(self, key: Hashable, line: int | None) -> None:
        if key not in self.definitions and key not in self._input_keys:
            raise self.error(line, f"{self.describe(key)} is used but never defined")
