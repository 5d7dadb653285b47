"""The package layering the design promises: no import circles, and the core model imports nothing of ours.

Imports are read from the source (module level and inside functions alike), so a lazy import that
only hides a circle from the interpreter is caught too. Imports under ``if TYPE_CHECKING:`` are for
annotations only and are not dependencies.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("circuits", "sat_encoding")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def runtime_nodes(tree: ast.AST):
    """Every node of ``tree`` outside ``if TYPE_CHECKING:`` blocks."""
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.If) and getattr(child.test, "id", None) == "TYPE_CHECKING":
            continue
        yield child
        yield from runtime_nodes(child)


def project_imports() -> dict[str, set[str]]:
    """Module → the project modules it imports anywhere in its source."""
    modules = {module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                candidates = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            else:
                continue
            targets.update(c for c in candidates if c in modules and c != name)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_sat_encoding_has_no_import_circle():
    graph = project_imports()
    encoder = {k: {t for t in v if t.startswith("sat_encoding")} for k, v in graph.items() if k.startswith("sat_encoding")}
    # The package's __init__ re-exports its modules; the circles that matter are among the modules.
    del encoder["sat_encoding"]
    encoder = {k: v - {"sat_encoding"} for k, v in encoder.items()}
    assert cycles(encoder) == []


def test_sat_encoding_depends_only_on_the_core_model():
    core = {"circuits.truthtable", "circuits.circuit", "circuits.basis", "circuits.errors", "circuits.npn",
            "circuits.interrupts", "circuits.lifetime",
            "circuits.canonical", "circuits.permutations", "circuits"}
    for module, targets in project_imports().items():
        if module.startswith("sat_encoding"):
            outside = {t for t in targets if not t.startswith("sat_encoding")} - core
            assert not outside, f"{module} imports {sorted(outside)}"


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
