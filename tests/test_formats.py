"""export() and read(): every format round-trips every field, writes are atomic, unknown formats write nothing."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mlgraph
from graph_strategies import differences, graphs
from mlgraph.errors import FormatError, MlgraphError
from mlgraph.io.formats import FORMATS, SUFFIXES, format_of

SUFFIX_OF = {"turtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld", "xml": ".rdf", "graphml": ".graphml", "json": ".json"}


@pytest.mark.parametrize("suffix", sorted(SUFFIXES))
def test_the_mini_graph_round_trips_through_every_format(
    mini: mlgraph.CompetencyGraph, tmp_path: Path, suffix: str
) -> None:
    path = mlgraph.export(mini, tmp_path / f"mini{suffix}")
    back = mlgraph.read(path)
    assert back == mini, differences(mini, back)
    assert back.sources == mini.sources
    assert back.node("ml-engineer").salaries == mini.node("ml-engineer").salaries
    assert back.edge_row("ml-engineer", "python", "requirement") == mini.edge_row(
        "ml-engineer", "python", "requirement"
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_bundled_graph_round_trips(tmp_path: Path, fmt: str) -> None:
    g = mlgraph.load()
    back = mlgraph.read(mlgraph.export(g, tmp_path / f"bundled{SUFFIX_OF[fmt]}"))
    assert back == g, differences(g, back)[:5]
    assert back.sources == g.sources


@pytest.mark.parametrize("fmt", FORMATS)
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_random_graphs_round_trip_unchanged(tmp_path: Path, fmt: str, data: st.DataObject) -> None:
    g = data.draw(graphs(xml=fmt in ("xml", "graphml")))  # control characters wherever the format carries them
    path = mlgraph.export(g, tmp_path / f"random{SUFFIX_OF[fmt]}")
    back = mlgraph.read(path)
    assert back == g, differences(g, back)
    assert back.sources == g.sources
    # list order survives too (CompetencyGraph equality already compares node records field by field)
    for node in g.nodes():
        assert back.node(node.id).aliases == node.aliases


def test_the_format_comes_from_the_suffix_or_is_named() -> None:
    assert format_of("a.TTL") == "turtle"
    assert format_of("a.owl") == "xml"
    assert format_of("a.txt", "ttl") == "turtle"
    assert format_of("a.ttl", "graphml") == "graphml"
    with pytest.raises(MlgraphError, match="one of"):
        format_of("a.ttl", "excel")


def test_format_can_override_the_suffix(mini: mlgraph.CompetencyGraph, tmp_path: Path) -> None:
    path = mlgraph.export(mini, tmp_path / "graph.txt", format="nt")
    assert path.read_text().startswith("<")
    assert mlgraph.read(path, format="nt") == mini


def test_an_unknown_format_raises_and_writes_nothing(mini: mlgraph.CompetencyGraph, tmp_path: Path) -> None:
    with pytest.raises(MlgraphError, match="cannot tell the format"):
        mlgraph.export(mini, tmp_path / "graph.xlsx")
    with pytest.raises(MlgraphError, match="unknown format"):
        mlgraph.export(mini, tmp_path / "graph.ttl", format="excel")
    with pytest.raises(MlgraphError, match="invalid base IRI"):
        mlgraph.export(mini, tmp_path / "graph.ttl", base="not an iri")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_no_partial_file_and_keeps_the_old_one(
    mini: mlgraph.CompetencyGraph, tmp_path: Path
) -> None:
    target = tmp_path / "graph.graphml"
    target.write_text("the previous export")
    bad = mlgraph.CompetencyGraph.from_records([{"id": "x", "kind": "concept", "label": "bell \x07 character"}])
    with pytest.raises(MlgraphError, match="XML cannot carry"):
        mlgraph.export(bad, target)
    assert target.read_text() == "the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]


def test_an_interrupted_export_leaves_no_partial_file(
    mini: mlgraph.CompetencyGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mlgraph.io.rdf.write

    real = mlgraph.io.rdf.write._turtle_chunks

    def interrupted(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        chunks = real(*args, **kwargs)  # type: ignore[arg-type]
        yield next(chunks)
        raise KeyboardInterrupt

    monkeypatch.setattr(mlgraph.io.rdf.write, "_turtle_chunks", interrupted)
    with pytest.raises(KeyboardInterrupt):
        mlgraph.export(mini, tmp_path / "graph.ttl")
    assert list(tmp_path.iterdir()) == []


def test_export_into_a_missing_folder_is_a_clear_error(mini: mlgraph.CompetencyGraph, tmp_path: Path) -> None:
    with pytest.raises(MlgraphError, match="cannot write into"):
        mlgraph.export(mini, tmp_path / "no" / "such" / "graph.ttl")


def test_exported_files_are_readable_by_others(mini: mlgraph.CompetencyGraph, tmp_path: Path) -> None:
    path = mlgraph.export(mini, tmp_path / "graph.json")
    assert path.stat().st_mode & 0o044  # not the 0600 of a temporary file


def test_reading_a_folder_or_a_missing_file_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="No such file"):
        mlgraph.read(tmp_path / "missing.ttl")
    folder = tmp_path / "dir.ttl"
    folder.mkdir()
    with pytest.raises(FormatError, match="folder"):
        mlgraph.read(folder)


def test_node_link_json_opens_in_networkx(mini: mlgraph.CompetencyGraph, tmp_path: Path) -> None:
    data = json.loads(mlgraph.export(mini, tmp_path / "g.json").read_text())
    G = nx.node_link_graph(data)
    assert isinstance(G, nx.MultiDiGraph)
    assert G.nodes["python"]["label"] == "Python"
    assert G.edges["python", "neural-networks", "prerequisite"]["sources"] == ["seed-a"]
    assert G.graph["sources"][0]["id"] == "seed-a"


def test_node_link_json_from_networkx_reads_back(mini: mlgraph.CompetencyGraph, tmp_path: Path) -> None:
    """A file networkx wrote from mlgraph's data (extra attributes and all) reads back."""
    data = json.loads(mlgraph.export(mini, tmp_path / "g.json").read_text())
    G = nx.node_link_graph(data)
    G.nodes["python"]["x"] = 1.5  # a layout attribute mlgraph does not know
    (tmp_path / "nx.json").write_text(json.dumps(nx.node_link_data(G)))
    assert mlgraph.read(tmp_path / "nx.json") == mini


def test_read_validates_the_content(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "nodes": [{"id": "a", "kind": "concept", "label": "A"}, {"id": "r", "kind": "role", "label": "R"}],
                "edges": [{"source": "a", "target": "r", "relation": "prerequisite"}],
            }
        )
    )
    with pytest.raises(mlgraph.GraphValidationError, match="joins a concept to a role"):
        mlgraph.read(path)


def test_a_custom_base_round_trips(mini: mlgraph.CompetencyGraph, tmp_path: Path) -> None:
    path = mlgraph.export(mini, tmp_path / "g.ttl", base="https://example.org/skills#")
    text = path.read_text()
    assert "https://example.org/skills#" in text
    assert "https://w3id.org/mlgraph/python" not in text
    assert mlgraph.read(path) == mini


def test_rdf_without_the_schema(mini: mlgraph.CompetencyGraph, tmp_path: Path) -> None:
    path = mlgraph.export(mini, tmp_path / "g.nt", schema=False)
    assert "owl#Ontology" not in path.read_text()
    assert mlgraph.read(path) == mini


def test_an_empty_graph_round_trips(tmp_path: Path) -> None:
    empty = mlgraph.CompetencyGraph.from_records([])
    for fmt in FORMATS:
        assert mlgraph.read(mlgraph.export(empty, tmp_path / f"empty{SUFFIX_OF[fmt]}")) == empty
