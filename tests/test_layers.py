"""One-way flow: ``errors`` <- ``model`` <- ``plan``, ``model`` <- ``io``; ``viz``, ``stores``, ``cli`` on top.

Every ``import`` and ``from ... import`` of every module (at the top or inside a function) is read with :mod:`ast`,
relative imports resolved, so a lower layer that reaches up fails here with the file and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "mlgraph"

# layer -> the mlgraph subpackages (or modules) it must never import
FORBIDDEN: dict[str, frozenset[str]] = {
    "model": frozenset({"plan", "io", "viz", "stores", "cli"}),
    "plan": frozenset({"io", "viz", "stores", "cli"}),
    "io": frozenset({"plan", "viz", "stores", "cli"}),
}
MODEL_ALLOWED = frozenset({"errors", "model"})


def _imports(path: Path) -> list[tuple[int, str]]:
    """``(line, module)`` for every mlgraph module `path` imports."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return imports_of(path.read_text(encoding="utf-8"), module, is_package=path.name == "__init__.py")


def imports_of(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """``(line, module)`` for every mlgraph module imported by `source`, the text of `module`."""
    package = module.removesuffix(".__init__") if is_package else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            if node.module is None or name == "mlgraph":  # from mlgraph import x: x may be a subpackage
                found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, name))
    return [(line, name) for line, name in found if name == "mlgraph" or name.startswith("mlgraph.")]


def _layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def violations(layer: str) -> list[str]:
    out = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for line, name in _imports(path):
            target = _layer_of(name)
            if target in FORBIDDEN[layer] or (layer == "model" and target not in MODEL_ALLOWED):
                out.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {layer}/ imports {name}")
    return out


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_lower_layers_never_import_higher_ones(layer: str) -> None:
    assert violations(layer) == []


def test_the_check_sees_imports_inside_functions_and_relative_ones() -> None:
    source = "import json\nfrom ..io import formats\n\ndef f():\n    from mlgraph.viz.plot import x\n"
    source += "    import mlgraph.cli\n"
    assert imports_of(source, "mlgraph.plan.learning") == [
        (2, "mlgraph.io"),
        (5, "mlgraph.viz.plot"),
        (6, "mlgraph.cli"),
    ]
    assert imports_of("from mlgraph import plan, errors\n", "mlgraph.model.x") == [
        (1, "mlgraph.plan"),
        (1, "mlgraph.errors"),
    ]
