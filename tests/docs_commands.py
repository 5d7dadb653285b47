"""Reading the commands out of the README and docs/: fenced blocks, `$` lines with their shown output,
usage synopses, and the comparison of shown output with real output.

Kept apart from the test module so that its parsing can be tested on its own small examples.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
#: Every document whose commands the tests run.
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: click.Path parameters that name files a command writes, not files it reads.
OUTPUT_PARAMETERS = {"output_path", "out_dir", "db_path", "plot_path"}
#: A shown output line made only of this matches any number of real lines.
ELLIPSIS = "..."


@dataclass
class Block:
    """A fenced code block: its language tag, the line of its first content line, its lines."""

    language: str
    line: int
    lines: list[str]


@dataclass
class Shown:
    """A `$ command` line and the output shown under it."""

    document: str
    line: int
    command: str
    output: list[str] = field(default_factory=list)


def blocks(path: Path) -> list[Block]:
    found = []
    current: Block | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        fence = re.match(r"^```(\S*)\s*$", line)
        if fence and current is None:
            current = Block(fence.group(1), number + 1, [])
        elif line.startswith("```") and current is not None:
            found.append(current)
            current = None
        elif current is not None:
            current.lines.append(line)
    assert current is None, f"{path.name}: a code block opened on line {current.line - 1} is never closed"
    return found


def without_comment(command: str) -> str:
    """The command without its trailing `# comment`: a `#` that starts a word outside quotes."""
    quote = None
    for i, char in enumerate(command):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or command[i - 1].isspace()):
            return command[:i].rstrip()
    return command.rstrip()


def shown_commands(path: Path) -> list[Shown]:
    """Every `$ ` line of every block, in document order, with the lines shown below it."""
    found: list[Shown] = []
    for block in blocks(path):
        current: Shown | None = None
        for offset, line in enumerate(block.lines):
            if line.startswith("$ "):
                current = Shown(path.name, block.line + offset, without_comment(line[2:]))
                found.append(current)
            elif current is not None:
                current.output.append(line)
    return found


def synopses(path: Path) -> list[tuple[int, str]]:
    """Usage lines (`circuits ...` or `python benchmarks/...` in a block without `$` lines), each with
    its indented continuation lines joined."""
    found: list[tuple[int, str]] = []
    for block in blocks(path):
        if block.language not in ("", "text") or any(line.startswith("$ ") for line in block.lines):
            continue
        for offset, line in enumerate(block.lines):
            if line.startswith(("circuits ", "python benchmarks/")):
                found.append((block.line + offset, line.strip()))
            elif line.startswith(" ") and found and found[-1][0] >= block.line:
                number, text = found[-1]
                found[-1] = (number, text + " " + line.strip())
    return found


def steps(command: str) -> list[tuple[str, list[str], str | None]]:
    """The parts of a `&&` chain, each as (its text, argv, the file its output is redirected to)."""
    parts = []
    for part in command.split(" && "):
        argv = shlex.split(part)
        target = None
        if ">" in argv:
            at = argv.index(">")
            argv, target = argv[:at], argv[at + 1]
        parts.append((part.strip(), argv, target))
    return parts


def resolve(cli: click.Group, argv: list[str]) -> tuple[click.Command, click.Context]:
    """Parse ``argv`` (after ``circuits``) as click would, without running anything: every
    subcommand, option and argument must resolve and convert (click.UsageError otherwise)."""
    command: click.Command = cli
    path = ["circuits"]
    args = list(argv)
    while isinstance(command, click.Group) and args and not args[0].startswith("-"):
        sub = command.get_command(click.Context(command), args[0])
        if sub is None:
            raise click.UsageError(f"no such command {' '.join(path)} {args[0]}")
        path.append(args.pop(0))
        command = sub
    return command, command.make_context(" ".join(path), args)


def input_files(command: click.Command, ctx: click.Context) -> list[str]:
    """The files a parsed command will read: its click.Path parameters that are not outputs, and
    the PATH of a `file:PATH` suite."""
    found = []
    for param in command.params:
        value = ctx.params.get(param.name or "")
        if value in (None, ()) or param.name in OUTPUT_PARAMETERS:
            continue
        if isinstance(param.type, click.Path):
            found += list(value) if isinstance(value, tuple) else [value]
        elif param.name == "suite" and str(value).startswith("file:"):
            found.append(str(value)[len("file:"):])
    return found


# -- comparing shown output with real output --------------------------------------------------------
_TIMES = [
    (re.compile(r"^(\s*seconds\s+)\d+(\.\d+)?"), r"\1#"),
    (re.compile(r'"(\w*(?:seconds|rss\w*|_mb|finished_at)\w*)": [\d.e+-]+'), r'"\1": #'),
    (re.compile(r"\b\d+(\.\d+)? ?(s|ms|MB|KB|GB)\b"), r"# \2"),
    (re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?( UTC)?"), "#"),
]


def normalized(line: str) -> str:
    """A line with measured times, memory and timestamps masked, trailing blanks dropped."""
    line = line.rstrip()
    for pattern, replacement in _TIMES:
        line = pattern.sub(replacement, line)
    return line


def output_matches(shown: list[str], actual: list[str]) -> str | None:
    """None when ``actual`` agrees with ``shown``, else what differs.

    ``...`` lines in the shown output stand for any number of real lines. Between them, the shown
    lines must appear consecutively and in order; the first group starts the output and the last
    one ends it unless an ``...`` line comes before or after it.
    """
    want = [normalized(line) for line in shown]
    have = [normalized(line) for line in actual]
    while have and not have[-1]:
        have.pop()
    groups: list[list[str]] = [[]]
    for line in want:
        if line == ELLIPSIS:
            groups.append([])
        else:
            groups[-1].append(line)
    open_start, open_end = want[:1] == [ELLIPSIS], want[-1:] == [ELLIPSIS]
    position = 0
    for index, group in enumerate(groups):
        if not group:
            continue
        anchored_start = index == 0 and not open_start
        anchored_end = index == len(groups) - 1 and not open_end
        candidates = [position] if anchored_start else range(position, len(have) - len(group) + 1)
        for start in candidates:
            if have[start : start + len(group)] == group and (not anchored_end or start + len(group) == len(have)):
                position = start + len(group)
                break
        else:
            return f"shown lines not found in order:\n  " + "\n  ".join(group) + "\nreal output:\n  " + "\n  ".join(have)
    return None
