"""Packaging promises: a light import, the bundled graph found from the installed package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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


# ---------------------------------------------------------------- the parse cache (issue 10 item 4)


def _cached_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("graph-*.json"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from mlgraph.io import ontology

    folder = tmp_path / "cache"
    monkeypatch.setenv("MLGRAPH_CACHE_DIR", str(folder))
    monkeypatch.setattr(ontology, "_MEMO", {})
    return folder


def test_the_test_suite_keeps_out_of_the_users_cache() -> None:
    import os

    import platformdirs

    from mlgraph.io.ontology import cache_dir

    assert cache_dir() == Path(os.environ["MLGRAPH_CACHE_DIR"])
    assert cache_dir() != Path(platformdirs.user_cache_dir("mlgraph", appauthor=False))


def test_the_cache_lives_where_the_platform_expects(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import platformdirs

    from mlgraph.io.ontology import cache_dir

    monkeypatch.delenv("MLGRAPH_CACHE_DIR")
    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda name, appauthor=None: str(tmp_path / name))
    assert cache_dir() == tmp_path / "mlgraph"
    monkeypatch.setenv("MLGRAPH_NO_CACHE", "1")
    assert cache_dir() is None


def test_the_cache_key_holds_the_code(cache: Path, mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mlgraph.io import ontology

    first = mlgraph.load(mini_dir)
    assert len(_cached_files(cache)) == 1
    monkeypatch.setattr(ontology, "_MEMO", {})
    monkeypatch.setattr(ontology, "_CODE", "edited-rules")  # what an edit to an editable install does
    assert mlgraph.load(mini_dir) == first
    assert len(_cached_files(cache)) == 2


def test_what_is_read_back_is_checked(cache: Path, mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from mlgraph.io import ontology

    good = mlgraph.load(mini_dir)
    (file,) = _cached_files(cache)
    header, body = file.read_bytes().split(b"\n", 1)
    data = json.loads(body)
    data["edges"].append(["python", "no-such-node", "prerequisite", None, None, ["editorial"]])
    meta = json.loads(header)
    meta["counts"][1] += 1
    file.write_bytes(json.dumps(meta).encode() + b"\n" + json.dumps(data).encode())  # an edited body
    monkeypatch.setattr(ontology, "_MEMO", {})
    assert mlgraph.load(mini_dir) == good  # the edited cache is rebuilt, not served
    file.write_text("{not json")
    monkeypatch.setattr(ontology, "_MEMO", {})
    assert mlgraph.load(mini_dir) == good
    assert json.loads(file.read_bytes().split(b"\n", 1)[0])["counts"] == [len(good), len(good.edge_rows())]
