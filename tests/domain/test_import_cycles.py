"""The domain's modules import one another one way only: no module imports, directly or
lazily inside a function, a module that imports it back."""

from __future__ import annotations

from pathlib import Path

from tests.import_graph import Import, is_within, package_imports


def import_cycles(imports: list[Import], package: str) -> list[list[str]]:
    """Each cycle among the modules of `package`, as the chain of modules that closes it."""
    edges: dict[str, set[str]] = {}
    for item in imports:
        if is_within(item.target, package) and item.target != item.module:
            edges.setdefault(item.module, set()).add(item.target)
    cycles, done = [], set()

    def visit(module: str, chain: list[str]) -> None:
        if module in chain:
            cycles.append([*chain[chain.index(module):], module])
            return
        if module in done:
            return
        for target in sorted(edges.get(module, ())):
            visit(target, [*chain, module])
        done.add(module)

    for module in sorted(edges):
        visit(module, [])
    return cycles


def test_no_module_of_the_domain_imports_one_that_imports_it_back():
    cycles = import_cycles(package_imports("desktop.domain"), "desktop.domain")
    assert not cycles, "import cycles in desktop/domain:\n" + "\n".join(
        " → ".join(cycle) for cycle in cycles)


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path: Path):
    package = tmp_path / "desktop" / "domain"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "store.py").write_text("from desktop.domain import vault\n")
    (package / "vault.py").write_text(
        "def copy():\n    from desktop.domain import store  # store imports this module\n")
    (package / "scales.py").write_text("import desktop.domain.vault\n")

    cycles = import_cycles(package_imports("desktop.domain", root=tmp_path), "desktop.domain")

    assert len(cycles) == 1
    assert set(cycles[0]) == {"desktop.domain.store", "desktop.domain.vault"}
