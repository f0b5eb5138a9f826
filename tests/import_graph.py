"""The imports of Casefile's own modules, read with ast (never imported): at module level and
inside functions alike, since a lazy import binds the layers as much as an eager one."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Import:
    """One import statement's target, as seen in the module that makes it."""

    module: str  # the importing module, dotted (desktop.domain.db)
    target: str  # the module imported, dotted (desktop.domain.models, PySide6.QtCore)
    line: int
    lazy: bool  # made inside a function: when it is first called, not when the module loads

    def __str__(self) -> str:
        return f"{self.module} (line {self.line}) imports {self.target}"


def module_name(path: Path, root: Path = ROOT) -> str:
    """The dotted name of the module in `path` (a package's __init__ is the package)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(package: str, root: Path = ROOT) -> dict[str, Path]:
    """Every module of `package` (desktop, desktop.domain, …) by dotted name."""
    folder = root.joinpath(*package.split("."))
    return {module_name(path, root): path for path in sorted(folder.rglob("*.py"))}


def _base(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The module a `from … import` names, with relative imports resolved."""
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    parent = parts if is_package else parts[:-1]
    parent = parent[: len(parent) - (node.level - 1)]
    return ".".join([*parent, *([node.module] if node.module else [])])


def imports_of(module: str, path: Path, known: set[str]) -> list[Import]:
    """What the module in `path` imports; `from pkg import name` is pkg.name when that is one of
    the `known` modules, else pkg."""
    found: list[Import] = []
    is_package = path.name == "__init__.py"

    def visit(node: ast.AST, lazy: bool) -> None:
        if isinstance(node, ast.Import):
            found.extend(Import(module, alias.name, node.lineno, lazy) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _base(module, is_package, node)
            names = (f"{base}.{alias.name}" for alias in node.names)
            targets = dict.fromkeys(name if name in known else base for name in names)
            found.extend(Import(module, target, node.lineno, lazy) for target in targets)
        lazy = lazy or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        for child in ast.iter_child_nodes(node):
            visit(child, lazy)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), lazy=False)
    return found


def package_imports(package: str, root: Path = ROOT) -> list[Import]:
    """Every import made by the modules of `package`, in module order."""
    found = modules(package, root)
    known = set(found)
    return [item for name, path in found.items() for item in imports_of(name, path, known)]


def is_within(module: str, package: str) -> bool:
    """Whether `module` is `package` or inside it."""
    return module == package or module.startswith(package + ".")
