"""Packaging promises: a light import, the bundled graph found from the installed package."""

from __future__ import annotations

import subprocess
import sys

import mlgraph


def test_import_is_light() -> None:
    code = (
        "import sys, mlgraph; heavy = [m for m in ('matplotlib', 'rdflib', 'pandas', 'pyshacl', 'pydantic', "
        "'yaml') if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_bundled_graph_loads_and_is_found_as_a_package_resource() -> None:
    path = mlgraph.bundled_path()
    assert (path / "sources.yaml").is_file()
    g = mlgraph.load()
    assert g.resolve("Machine Learning Engineer").kind == "role"
    assert len(g.nodes(kind="role")) >= 1


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        mlgraph.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")
