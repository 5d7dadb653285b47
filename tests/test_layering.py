"""The layering docs/design.md declares: its list of layers, every import going down it, and no
import circle anywhere.

Imports are read from the source (module level and inside functions alike), so a lazy import that
only hides a circle from the interpreter is caught too. Imports under ``if TYPE_CHECKING:`` are for
annotations only and are not dependencies.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("circuits", "sat_encoding")
TOP_MODULES = ("cli",)


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


def imported_modules(node: ast.stmt, modules: set[str]) -> set[str]:
    """The project modules an import statement runs: ``from p import m`` names module ``p.m`` when
    that is a module and ``p`` itself otherwise."""
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        return {f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules else node.module for a in node.names}
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    return set()


def module_imports(name: str, source: str, modules: set[str]) -> set[str]:
    """The project modules that module ``name`` imports anywhere in ``source``.

    Importing ``p.q.m`` first runs the packages ``p`` and ``p.q``, so those count too, except a
    package that holds the importing module (it is already being run when its modules import).
    """
    targets: set[str] = set()
    for node in runtime_nodes(ast.parse(source)):
        for target in imported_modules(node, modules):
            parts = target.split(".")
            for cut in range(1, len(parts) + 1):
                package = ".".join(parts[:cut])
                inside = name.startswith(package + ".")
                if package in modules and package != name and not (inside and cut < len(parts)):
                    targets.add(package)
    return targets


def project_imports() -> dict[str, set[str]]:
    """Module → the project modules it imports anywhere in its source."""
    paths = {module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
    paths |= {name: ROOT / f"{name}.py" for name in TOP_MODULES}
    return {name: module_imports(name, path.read_text(encoding="utf-8"), set(paths)) for name, path in paths.items()}


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


def declared_layers() -> dict[str, int]:
    """Package → its layer number, from the numbered list in docs/design.md's layering section."""
    text = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    section = text.split("## Packages and layering", 1)[1].split("\n## ", 1)[0]
    layers = {}
    for number, rest in re.findall(r"^(\d+)\. (.*)$", section, flags=re.M):
        for package in re.findall(r"`([\w.]+)`", rest.split(":")[0]):
            layers[package] = int(number)
    return layers


def package_of(module: str, layers: dict[str, int]) -> str:
    """The declared package that holds ``module``: the longest declared name it starts with."""
    holders = [p for p in layers if module == p or module.startswith(p + ".")]
    return max(holders, key=len) if holders else module


def test_design_md_declares_the_layers_lowest_first():
    layers = declared_layers()
    assert layers["circuits"] == 1 and layers["cli"] == max(layers.values())
    assert set(layers.values()) == set(range(1, max(layers.values()) + 1))


def test_every_package_has_a_declared_layer():
    layers = declared_layers()
    for module in project_imports():
        package = package_of(module, layers)
        # a module directly in circuits/ is core; one deeper belongs to a subpackage that must be declared
        nested = package == "circuits" and module.count(".") > 1
        assert package in layers and not nested, f"{module}: its package has no layer in docs/design.md"


def test_every_import_goes_down_the_declared_layers():
    layers = declared_layers()
    wrong = []
    for module, targets in project_imports().items():
        home = package_of(module, layers)
        for target in targets:
            there = package_of(target, layers)
            if there != home and layers[there] >= layers[home]:
                wrong.append(f"{module} (layer {layers[home]}) imports {target} (layer {layers[there]})")
    assert wrong == []


def test_no_import_circle_anywhere():
    assert cycles(project_imports()) == []


def test_a_lazy_import_of_a_module_counts_as_importing_its_package():
    modules = {"circuits", "circuits.formats", "circuits.formats.gateforms", "circuits.draw", "circuits.draw.dot"}
    source = (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import circuits.draw\n\n"
        "def f():\n    from circuits.formats.gateforms import X\n"
    )
    assert module_imports("circuits.draw.dot", source, modules) == {"circuits.formats", "circuits.formats.gateforms"}


def test_importing_a_submodule_by_from_names_the_submodule():
    modules = {"sat_encoding", "sat_encoding.certify", "sat_encoding.size"}
    assert module_imports("sat_encoding.size", "from sat_encoding import certify\n", modules) == {"sat_encoding.certify"}
    assert module_imports("sat_encoding.size", "from sat_encoding import VERSION\n", modules) == {"sat_encoding"}


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
