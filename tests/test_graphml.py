"""GraphML for Gephi, yEd, Cytoscape: primitive attributes, a label and a kind on every node, networkx opens it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings

import mlgraph
from graph_strategies import graphs
from mlgraph.io.graphml import EDGE_KEYS, JSON_FIELDS, NODE_KEYS

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


@pytest.fixture
def exported(mini: mlgraph.CompetencyGraph, tmp_path: Path) -> Path:
    return mlgraph.export(mini, tmp_path / "mini.graphml")


def test_networkx_opens_it_unchanged(mini: mlgraph.CompetencyGraph, exported: Path) -> None:
    G = nx.read_graphml(exported)
    assert G.is_directed()
    assert set(G.nodes) == set(mini)
    assert G.number_of_edges() == len(mini.edge_rows())
    assert G.nodes["pytorch"]["label"] == "PyTorch"
    assert G.nodes["pytorch"]["kind"] == "tool"
    assert G.nodes["pytorch"]["effort_hours"] == 40.0
    assert G.nodes["algebra"]["starting_point"] is True
    assert G.edges["ml-engineer", "python"]["relation"] == "requirement"
    assert G.edges["ml-engineer", "python"]["level"] == 4
    assert G.graph["sources"].startswith("[")


def test_every_node_has_a_label_and_a_kind_every_edge_a_relation(exported: Path) -> None:
    G = nx.read_graphml(exported)
    assert all("label" in d and "kind" in d for _, d in G.nodes(data=True))
    assert all("relation" in d for _, _, d in G.edges(data=True))


def test_attributes_are_primitive_with_declared_types(exported: Path) -> None:
    root = ET.parse(exported).getroot()
    declared = {k.get("attr.name"): k.get("attr.type") for k in root.findall("g:key", NS) if k.get("for") == "node"}
    assert declared == NODE_KEYS
    declared = {k.get("attr.name"): k.get("attr.type") for k in root.findall("g:key", NS) if k.get("for") == "edge"}
    assert declared == EDGE_KEYS
    assert set(NODE_KEYS.values()) | set(EDGE_KEYS.values()) <= {"string", "int", "double", "boolean"}
    G = nx.read_graphml(exported)
    for _, data in G.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())


def test_lists_are_json_text(mini: mlgraph.CompetencyGraph, exported: Path) -> None:
    G = nx.read_graphml(exported)
    assert json.loads(G.nodes["python"]["aliases"]) == ["py", "Python 3"]
    assert json.loads(G.nodes["python"]["sources"]) == ["seed-a"]
    [salary] = json.loads(G.nodes["ml-engineer"]["salaries"])
    assert salary["min"] == 70000 and salary["source"] == "seed-a"
    assert set(NODE_KEYS) >= JSON_FIELDS


def test_parallel_edges_make_a_multidigraph(tmp_path: Path) -> None:
    g = mlgraph.CompetencyGraph.from_records(
        [{"id": "a", "kind": "concept", "label": "A"}, {"id": "b", "kind": "concept", "label": "B"}],
        [
            {"source": "a", "target": "b", "relation": "prerequisite"},
            {"source": "a", "target": "b", "relation": "related"},
        ],
    )
    G = nx.read_graphml(mlgraph.export(g, tmp_path / "g.graphml"))
    assert isinstance(G, nx.MultiDiGraph)
    assert sorted(d["relation"] for _, _, d in G.edges(data=True)) == ["prerequisite", "related"]
    assert mlgraph.read(tmp_path / "g.graphml") == g


def test_attributes_added_by_other_tools_are_ignored(mini: mlgraph.CompetencyGraph, exported: Path) -> None:
    """Gephi and yEd add layout and colour attributes; the graph still reads back equal."""
    text = exported.read_text()
    text = text.replace(
        '<key id="kind"', '<key id="x" for="node" attr.name="x" attr.type="float"/>\n  <key id="kind"', 1
    )
    text = text.replace('<node id="python">', '<node id="python"><data key="x">12.5</data>', 1)
    exported.write_text(text)
    assert nx.read_graphml(exported).nodes["python"]["x"] == 12.5
    assert mlgraph.read(exported) == mini


def test_characters_xml_cannot_carry_are_refused_clearly(tmp_path: Path) -> None:
    g = mlgraph.CompetencyGraph.from_records(
        [{"id": "x", "kind": "concept", "label": "bell\x01", "aliases": ["a\x01"]}]
    )
    with pytest.raises(mlgraph.MlgraphError, match=r"node 'x' holds the character U\+0001"):
        mlgraph.export(g, tmp_path / "g.graphml")
    assert not (tmp_path / "g.graphml").exists()


def test_bad_json_in_a_list_attribute_is_reported(exported: Path) -> None:
    exported.write_text(exported.read_text().replace('["py", "Python 3"]', "py, Python 3"))
    with pytest.raises(mlgraph.GraphValidationError, match="aliases is not JSON"):
        mlgraph.read(exported)


@settings(max_examples=12, deadline=None)
@given(g=graphs())
def test_random_graphs_open_in_networkx_with_every_node_and_edge(g: mlgraph.CompetencyGraph) -> None:
    import io

    from mlgraph.io.graphml import write_graphml

    buffer = io.BytesIO()
    write_graphml(g, buffer)
    G = nx.read_graphml(io.BytesIO(buffer.getvalue()))
    assert set(G.nodes) == set(g)
    assert G.number_of_edges() == len(g.edge_rows())
    assert {n: d["label"] for n, d in G.nodes(data=True)} == {n.id: n.label for n in g.nodes()}


NETWORK_TOOLS = Path(__file__).parent / "data" / "network-tools"


def test_a_file_resaved_by_gephi_reads_back() -> None:
    """Gephi writes its own key ids, layout attributes and an empty string for every missing attribute."""
    g = mlgraph.read(NETWORK_TOOLS / "gephi.graphml")
    python = g.node("python")
    assert (python.kind, python.aliases, python.area, python.starting_point) == ("tool", ("py",), "programming", True)
    assert python.url is None and python.mappings == ()
    assert g.node("deep-learning").description == "" and g.node("deep-learning").sources == ()
    rows = {(r.source, r.target, r.relation): r for r in g.edge_rows()}
    assert rows["pytorch", "deep-learning", "broader"].importance == "optional"
    assert rows["python", "pytorch", "prerequisite"].sources == ()


def test_a_file_resaved_by_igraph_reads_back(mini: mlgraph.CompetencyGraph, exported: Path) -> None:
    """igraph renumbers nodes n0, n1 ... keeping the id as an attribute, and writes NaN for a missing number."""
    G = nx.read_graphml(exported, force_multigraph=True)
    numbers = {node: f"n{i}" for i, node in enumerate(G)}
    H = nx.relabel_nodes(G, numbers)
    for node, attrs in H.nodes(data=True):
        attrs["id"] = next(k for k, v in numbers.items() if v == node)
        attrs.setdefault("effort_hours", float("nan"))
        attrs.setdefault("description", "")
    nx.write_graphml(H, exported)
    assert '<node id="n0">' in exported.read_text()
    assert mlgraph.read(exported) == mini
