"""PLA files (the Berkeley espresso format) as a way to give a function with don't-cares.

What is read: ``.i N``, ``.o M``, ``.ilb``/``.ob`` (names, kept for nothing but checked for count),
``.p`` (ignored: the cubes are counted as read), ``.type f|fd|fr|fdr`` (default ``fd``, as in
espresso), ``.e``/``.end``, ``#`` comments, and one cube per line: N input characters of ``0 1 -``
then M output characters, with or without a space between. Input column j is x_j, so the first
column is x0 (the project's row convention: x_j is bit j of the row number).

What an output character means depends on the type, as in espresso: ``1`` puts the cube in the
ON-set; ``-`` (or ``2``) in the don't-care set for ``fd``/``fdr``; ``0`` in the OFF-set for
``fr``/``fdr`` and nothing for ``f``/``fd``; ``~`` never means anything. Rows in neither set are
OFF for ``f``/``fd`` and don't-care for ``fr``/``fdr``. A row both ON and don't-care is a
don't-care (espresso's rule); a row both ON and OFF is refused.
"""

from __future__ import annotations

from circuits.errors import InputError, quoted
from circuits.truthtable import MAX_PARSE_INPUTS, TruthTable, full_mask, input_table

_TYPES = ("f", "fd", "fr", "fdr")


def _cube_rows(cube: str, n: int) -> int:
    """The rows (as a bit set) an input cube like ``1-0`` covers; column j constrains x_j."""
    rows = full_mask(n)
    for j, ch in enumerate(cube):
        if ch != "-":
            rows &= input_table(n, j) if ch == "1" else ~input_table(n, j)
    return rows


def read_pla(text: str, source: str = "<pla>") -> TruthTable:
    """Parse a PLA file's text; errors name ``source`` and the line."""
    n = m = None
    kind = "fd"
    cubes: list[tuple[int, str, str]] = []

    def error(line: int, message: str) -> InputError:
        return InputError(f"{source}:{line}: {message}")

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("."):
            keyword, *values = line.split()
            if keyword in (".e", ".end"):
                break
            if keyword in (".i", ".o"):
                if len(values) != 1 or not values[0].isdigit():
                    raise error(number, f"{keyword} needs one number, got {quoted(line)}")
                if keyword == ".i":
                    n = int(values[0])
                else:
                    m = int(values[0])
            elif keyword == ".type":
                if len(values) != 1 or values[0] not in _TYPES:
                    raise error(number, f".type must be one of {', '.join(_TYPES)}, got {quoted(line)}")
                kind = values[0]
            elif keyword in (".ilb", ".ob", ".p"):
                pass
            else:
                raise error(number, f"{quoted(keyword)} is not supported (only .i .o .ilb .ob .p .type .e)")
            continue
        if n is None or m is None:
            raise error(number, "a cube comes before .i and .o")
        packed = "".join(line.split())
        if len(packed) != n + m:
            raise error(number, f"a cube needs {n} input and {m} output characters, got {quoted(line)}")
        inputs, outputs = packed[:n], packed[n:]
        if set(inputs) - set("01-"):
            raise error(number, f"input part {quoted(inputs)} may hold only 0, 1 and -")
        if set(outputs) - set("01-2~"):
            raise error(number, f"output part {quoted(outputs)} may hold only 0, 1, -, 2 and ~")
        cubes.append((number, inputs, outputs))
    if n is None or m is None:
        raise InputError(f"{source}: a PLA file needs .i and .o lines")
    if n > MAX_PARSE_INPUTS:
        raise InputError(f"{source}: {n} inputs; at most {MAX_PARSE_INPUTS} are supported")
    if m < 1:
        raise InputError(f"{source}: a PLA file needs at least one output (.o 1 or more)")
    return _table(n, m, kind, cubes, source)


def _table(n: int, m: int, kind: str, cubes: list[tuple[int, str, str]], source: str) -> TruthTable:
    on, off, dc = [0] * m, [0] * m, [0] * m
    for number, inputs, outputs in cubes:
        rows = _cube_rows(inputs, n)
        for h, ch in enumerate(outputs):
            if ch == "1":
                on[h] |= rows
            elif ch in "-2" and "d" in kind:
                dc[h] |= rows
            elif ch == "0" and "r" in kind:
                off[h] |= rows
    mask = full_mask(n)
    care = []
    for h in range(m):
        if on[h] & off[h] & ~dc[h]:
            raise InputError(f"{source}: output {h} is both 1 and 0 on some row (.type {kind})")
        specified = (on[h] | off[h]) if "r" in kind else mask
        care.append(specified & ~dc[h] & mask)
    return TruthTable.from_bits(n, on, care)
