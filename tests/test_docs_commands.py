"""Every command shown in the README and in docs/ runs, and the deterministic part of the output shown
under it is what it prints today (times, memory and timestamps masked), so a stale sample fails here.

Commands run in process through click's CliRunner, in one temporary directory per document (holding
a copy of examples/), with the result store in a temporary cache directory. The few commands that
cannot run within CI's budget are listed in NOT_RUN with the reason; they are still parsed by click
(every option and argument resolves) and the files they read must exist. Usage synopses must name
only options the command has; Python blocks are executed; JSON blocks must load.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from docs_commands import (
    DOCUMENTS,
    ROOT,
    Shown,
    blocks,
    input_files,
    output_matches,
    resolve,
    shown_commands,
    steps,
    synopses,
    without_comment,
)

from circuits.circuit import Circuit
from circuits.problems.model import SearchProblem
from cli import cli

#: Shown commands that are parsed and checked but not run, and why.
NOT_RUN = {
    'pip install -e ".[dev]"': "CI's first step runs exactly this install; every test runs inside it",
    'python -m pytest -q -n 2 -m "slow or not slow"': "the test suite itself; CI runs exactly this command",
    "circuits study --timeout 60 --out study-full": "the full study: over an hour on 2 cores",
    "circuits study --timeout 60 --out study-full --no-local": "the full study: over an hour on 2 cores",
    "circuits study --problems path4,tri4 --basis b2 --timeout 300": "up to 5 minutes of SAT per job",
    "circuits study --problems pm4 --problem-file examples/run3-ring5.json --json": (
        "minutes of enumeration for run3-ring5; tests/test_examples.py runs a short study of the file"
    ),
    "circuits study --problem-file examples/run3-ring5.json --out run3-out": (
        "minutes of enumeration; tests/test_examples.py runs a short study of the file"
    ),
    "circuits bench npn4 --jobs 2": "a minute of CPU; tests/test_knuth.py checks the same table",
    "circuits bench all4 --jobs 2": (
        "20 CPU minutes; tests/test_soundness.py solves every member of 37 classes against the plain encoding"
    ),
    "circuits bench npn4 --resume": "continues the npn4 run above",
    "circuits bench problems --timeout 60 --json": "the study's hardest functions at 60 s each: half an hour",
    "circuits bench random:20:5:1 --db r.sqlite": "its shown output needs a Ctrl-C; tests/test_interrupts.py sends one",
    "circuits solve 0xf2a74de452e6b438": "runs until Ctrl-C, as shown; tests/test_interrupts.py sends one",
}
#: Shown commands that run, each in a directory of its own, in a test marked slow.
SLOW = {
    "circuits study --quick --out study-out": "the quick study: a few minutes on 2 cores",
    "circuits solve 0xfee8e880 --timeout 30 --json": "majority of 5: about 8 CPU seconds",
    "circuits bench random:10:4:1 --objective depth --scheduler local --jobs 2": "starts a Dask cluster",
}


def document_id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory as a user's clone would be for the commands: examples/ present, cache private."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


def check_parses(argv: list[str], where: str) -> None:
    """A command that is not run must still parse, and the files it reads must exist by now."""
    if argv[0] == "circuits":
        try:
            command, ctx = resolve(cli, argv[1:])
        except click.UsageError as err:
            pytest.fail(f"{where}: {' '.join(argv)}: {err.format_message()}")
        for name in input_files(command, ctx):
            assert Path(name).exists(), f"{where}: {' '.join(argv)} reads {name}, which no earlier command makes"
    elif argv[:2] == ["pip", "install"]:
        assert (ROOT / "pyproject.toml").exists()
    elif argv[:3] == ["python", "-m", "pytest"]:
        assert (ROOT / "tests").is_dir()
    else:
        pytest.fail(f"{where}: no check known for {' '.join(argv)}")


def run_circuits(argv: list[str], where: str) -> str:
    assert argv[0] == "circuits", f"{where}: only `circuits` commands are run in process: {' '.join(argv)}"
    stdin = None
    if "<" in argv:  # `circuits solve - < FILE`: the file is the command's standard input
        at = argv.index("<")
        stdin = Path(argv[at + 1]).read_text(encoding="utf-8")
        argv = argv[:at] + argv[at + 2:]
    check_parses(argv, where)
    result = CliRunner().invoke(cli, argv[1:], input=stdin)
    if result.exit_code != 0:
        detail = result.stderr or repr(result.exception)
        pytest.fail(f"{where}: {' '.join(argv)} exited {result.exit_code}: {detail}")
    return result.stdout


def run_shown(shown: Shown, skip: set[str]) -> None:
    """Run (or, for listed commands, parse) every step of one shown command; compare its output."""
    where = f"{shown.document}:{shown.line}"
    printed: list[str] = []
    ran = False
    for text, argv, target in steps(shown.command):
        if text in NOT_RUN or text in skip:
            check_parses(argv, where)
            continue
        output = run_circuits(argv, where)
        ran = True
        if target is not None:
            Path(target).write_text(output, encoding="utf-8")
        else:
            printed += output.splitlines()
    if ran and shown.output:
        problem = output_matches(shown.output, printed)
        assert problem is None, f"{where}: the output shown for `{shown.command}` is stale; {problem}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=document_id)
def test_every_shown_command_runs_as_shown(document: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace(tmp_path, monkeypatch)
    for shown in shown_commands(document):
        run_shown(shown, skip=set(SLOW))


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(SLOW))
def test_slow_shown_commands_run_as_shown(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace(tmp_path, monkeypatch)
    shown = [s for document in DOCUMENTS for s in shown_commands(document) if s.command == command]
    assert shown, f"{command!r} is listed in SLOW but no document shows it"
    run_shown(shown[0], skip=set())


def test_the_lists_of_commands_not_run_are_current() -> None:
    texts = {text for document in DOCUMENTS for s in shown_commands(document) for text, _, _ in steps(s.command)}
    texts |= {text for line in fresh_machine_lines() for text, _, _ in steps(without_comment(line))}
    assert set(NOT_RUN) <= texts, f"listed but no longer shown: {set(NOT_RUN) - texts}"
    assert set(SLOW) <= texts, f"listed but no longer shown: {set(SLOW) - texts}"
    assert not set(NOT_RUN) & set(SLOW)


def fresh_machine_lines() -> list[str]:
    """The command lines of the README's 'Two commands for a fresh machine' section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Two commands for a fresh machine", 1)[1].split("\n## ", 1)[0]
    lines: list[str] = []
    for chunk in section.split("```")[1::2]:
        lines += [line for line in chunk.splitlines() if line.strip()]
    return lines


def test_the_fresh_machine_commands_are_what_ci_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = fresh_machine_lines()
    assert len(lines) == 2, lines
    install, tests = lines
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").replace(" -q -e ", " -e ")  # CI installs quietly
    first = install.partition(" && ")[0]
    assert first in ci and tests in ci, "the README's install and test commands must be the ones CI runs"
    workspace(tmp_path, monkeypatch)
    for text, argv, _ in steps(install) + steps(tests):
        assert text in NOT_RUN or text in SLOW, f"{text!r}: run it here or list it with a reason"
        check_parses(argv, "README.md, fresh machine")


@pytest.mark.parametrize("document", DOCUMENTS, ids=document_id)
def test_usage_synopses_name_real_options(document: Path) -> None:
    for line, text in synopses(document):
        where = f"{document.name}:{line}"
        if text.startswith("python "):
            script = ROOT / text.split()[1]
            assert script.exists(), f"{where}: {script.name} does not exist"
            usage = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True, cwd=ROOT)
            assert usage.returncode == 0, f"{where}: {script.name} --help failed: {usage.stderr[-500:]}"
            for option in options_in(text):
                assert option in usage.stdout, f"{where}: {script.name} has no option {option}"
            continue
        words = text.replace("[", " ").replace("]", " ").replace("(", " ").replace(")", " ").split()
        command: click.Command = cli
        path = []
        for name in words[1:]:
            if not isinstance(command, click.Group) or name not in command.commands:
                break
            command = command.commands[name]
            path.append(name)
        assert path, f"{where}: {text[:40]}... names no command"
        known = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
        for option in options_in(text):
            assert option in known, f"{where}: {' '.join(['circuits', *path])} has no option {option}"


def options_in(text: str) -> list[str]:
    words = text.replace("[", " ").replace("]", " ").replace("|", " ").replace("(", " ").replace(")", " ").split()
    return [w.split("=")[0].rstrip(".,") for w in words if w.startswith("-") and len(w) > 1]


@pytest.mark.parametrize("document", DOCUMENTS, ids=document_id)
def test_python_blocks_run(document: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace(tmp_path, monkeypatch)
    for block in blocks(document):
        if block.language == "python":
            namespace: dict[str, Any] = {"__name__": "docs_block"}
            exec(compile("\n".join(block.lines), f"{document.name}:{block.line}", "exec"), namespace)


@pytest.mark.parametrize("document", DOCUMENTS, ids=document_id)
def test_json_blocks_load(document: Path) -> None:
    for block in blocks(document):
        if block.language != "json":
            continue
        data = json.loads("\n".join(block.lines))
        if "gates" in data:
            Circuit.from_dict(data)
        if "candidates" in data:
            SearchProblem.from_dict(data)


# -- the reader itself ------------------------------------------------------------------------------
def test_comments_are_cut_outside_quotes_only() -> None:
    assert without_comment("circuits solve 0x96   # full adder") == "circuits solve 0x96"
    assert without_comment('echo "a # b"  # c') == 'echo "a # b"'
    assert without_comment("circuits bench file:x#y") == "circuits bench file:x#y"


def test_chains_and_redirections_are_split() -> None:
    assert steps("circuits a b > out.json && circuits c") == [
        ("circuits a b > out.json", ["circuits", "a", "b"], "out.json"),
        ("circuits c", ["circuits", "c"], None),
    ]


def test_output_comparison() -> None:
    real = ["function   0x6", "seconds    0.024  (solver auto)", "  x2 = XOR(x0, x1)", "  y0 = x2", ""]
    assert output_matches(["function   0x6", "seconds    9.999  (solver auto)", "...", "  y0 = x2"], real) is None
    assert output_matches(["...", "  x2 = XOR(x0, x1)", "..."], real) is None
    assert output_matches(["function   0x6", "..."], real) is None
    assert output_matches(["function   0x6"], real) is not None  # the rest of the output is not shown
    assert output_matches(["...", "  x2 = AND(x0, x1)", "..."], real) is not None
    assert output_matches(["  y0 = x2", "...", "  x2 = XOR(x0, x1)"], real) is not None
    assert output_matches(["...", '"seconds": 1.5,'], ['"seconds": 0.02471,']) is None
    assert output_matches(["took 3.0 s, 30.4 MB"], ["took 0.2 s, 31.0 MB"]) is None
    assert output_matches(["size 5"], ["size 6"]) is not None


def test_blocks_and_synopses_are_read(tmp_path: Path) -> None:
    page = tmp_path / "page.text"
    page.write_text(
        "text\n```\ncircuits draw FILE [--format F]\n               [-o FILE]\n```\n"
        "```\n$ circuits solve 0x8   # AND\nline one\n$ circuits solve 0x6\n```\n"
    )
    assert synopses(page) == [(3, "circuits draw FILE [--format F] [-o FILE]")]
    shown = shown_commands(page)
    assert [(s.line, s.command, s.output) for s in shown] == [
        (7, "circuits solve 0x8", ["line one"]),
        (9, "circuits solve 0x6", []),
    ]
