"""Logical lines of the line-based text formats (BLIF, bench), each with its line number.

Both formats end a line's content at ``#``; BLIF also joins a line ending in ``\\`` with the next.
Readers get (line number of the first physical line, the line's whitespace-separated text), blank
lines dropped, so every error can point at the line a person sees in an editor.
"""

from __future__ import annotations

from typing import Iterator


def logical_lines(text: str, continuation: bool = False) -> Iterator[tuple[int, str]]:
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        content = raw.split("#", 1)[0].rstrip()
        if not pending:
            start = number
        if continuation and content.endswith("\\"):
            pending.append(content[:-1])
            continue
        pending.append(content)
        joined = " ".join(pending).strip()
        pending = []
        if joined:
            yield start, joined
    if pending and " ".join(pending).strip():
        yield start, " ".join(pending).strip()
