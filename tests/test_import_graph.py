"""The package's import graph: no module imports itself back, and none takes another module's private name.

Every module of ``src/tajimi_rules`` is parsed (not imported). An edge ``a -> b`` means module ``a``
imports module ``b`` somewhere, at the top or inside a function; a package counts as the module of
its ``__init__.py``; imports under ``if TYPE_CHECKING:`` are left out, since they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "tajimi_rules"


def _module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {_module_name(path): path for path in sorted((SOURCE / PACKAGE).rglob("*.py"))}


@attrs.frozen
class Import:
    """One import statement's effect: ``importer`` imports ``module`` (and from it, ``name``), at ``line``."""

    importer: str
    module: str
    name: str | None
    line: int

    def __str__(self) -> str:
        what = self.module if self.name is None else f"{self.module}.{self.name}"
        return f"{self.importer} (line {self.line}) imports {what}"


def _is_type_checking(test: ast.expr) -> bool:
    """``TYPE_CHECKING`` or ``typing.TYPE_CHECKING``."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(nodes: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement in ``nodes``, at any depth, except those only made for type checking."""
    for node in nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _statements(node.orelse)
        else:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    yield from _statements([child])
                elif isinstance(child, ast.ExceptHandler | ast.match_case):
                    yield from _statements(child.body)


def _base(importer: str, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` statement names."""
    if node.level == 0:
        return node.module or ""
    package = importer if MODULES[importer].name == "__init__.py" else importer.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def imports(importer: str) -> Iterator[Import]:
    """The intra-package imports of module ``importer``."""
    tree = ast.parse(MODULES[importer].read_text("utf-8"), str(MODULES[importer]))
    for node in _statements(tree.body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in MODULES:
                    yield Import(importer, alias.name, None, node.lineno)
            continue
        base = _base(importer, node)
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            if submodule in MODULES:
                yield Import(importer, submodule, None, node.lineno)
            elif base in MODULES:
                yield Import(importer, base, alias.name, node.lineno)


IMPORTS = tuple(found for module in MODULES for found in imports(module))


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module, or a module importing itself (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _graph(found: tuple[Import, ...]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {module: set() for module in MODULES}
    for edge in found:
        edges[edge.importer].add(edge.module)
    return edges


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_every_module_is_found():
    """The walk sees the package, its namespaces and its private modules."""
    assert {PACKAGE, f"{PACKAGE}.rules", f"{PACKAGE}._fractions", f"{PACKAGE}._cli"} <= set(MODULES)
    assert any(edge.importer == PACKAGE for edge in IMPORTS)


def test_cycles_are_found():
    """The cycle finder reports a loop through several modules and a self-import, and nothing in a tree."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"a"}, "b": set()}) == [["a"]]
    assert cycles({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_imports_are_resolved():
    """Relative, function-level and absolute imports are edges; TYPE_CHECKING imports are not."""
    modules = {edge.module for edge in IMPORTS}
    assert f"{PACKAGE}._fractions" in modules
    assert all(edge.module in MODULES and edge.importer in MODULES for edge in IMPORTS)
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from .a import A\nelse:\n    from .b import B\n"
        "def f():\n    from .c import C\n"
        "try:\n    import d\nexcept ImportError:\n    from . import e\n"
    )
    names = [alias.name for node in _statements(tree.body) for alias in node.names]
    assert names == ["TYPE_CHECKING", "B", "C", "d", "e"]


# Known exceptions, each an expected failure until its module is changed (strict: a fixed one must leave the list).
KNOWN_CYCLES: dict[str, str] = {}
KNOWN_PRIVATE: dict[str, str] = {}


def _modules(known: dict[str, str]) -> list[object]:
    return [
        pytest.param(module, marks=pytest.mark.xfail(strict=True, reason=known[module])) if module in known else module
        for module in sorted(MODULES)
    ]


CYCLES = cycles(_graph(IMPORTS))


def test_known_exceptions_name_modules():
    """Every known exception names a module that exists."""
    assert set(KNOWN_CYCLES) | set(KNOWN_PRIVATE) <= set(MODULES)


@pytest.mark.parametrize("module", _modules(KNOWN_CYCLES))
def test_module_is_on_no_import_cycle(module: str):
    """No module of the package imports itself back, directly or through others."""
    cycle = next((members for members in CYCLES if module in members), [])
    edges = [str(edge) for edge in IMPORTS if {edge.importer, edge.module} <= set(cycle)]
    assert cycle == [], "import cycle:\n" + "\n".join(edges)


@pytest.mark.parametrize("module", _modules(KNOWN_PRIVATE))
def test_module_imports_no_private_name(module: str):
    """Private names stay in their module: a private module may be imported, a private name from one may not."""
    private = [str(edge) for edge in IMPORTS if edge.importer == module and edge.name and _private(edge.name)]
    assert private == [], "private names imported from other modules:\n" + "\n".join(private)
