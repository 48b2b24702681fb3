"""Node-link JSON, as :func:`networkx.node_link_data` writes it: nodes with their record's fields, typed edges."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mlgraph.errors import FormatError
from mlgraph.io.guards import checked_file, load_json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mlgraph.model.graph import CompetencyGraph

__all__ = ["node_link_data", "read_node_link"]


def node_link_data(g: CompetencyGraph) -> dict[str, Any]:
    """The graph as networkx's node-link data: ``networkx.node_link_graph`` builds a MultiDiGraph from it.

    Nodes carry their record's fields (those not at their default), edges ``relation`` (also their ``key``),
    and the graph attribute ``sources`` lists the declared sources.

    >>> import mlgraph, networkx as nx
    >>> g = mlgraph.CompetencyGraph.from_records(
    ...     [{"id": "a", "kind": "concept", "label": "A"}, {"id": "b", "kind": "concept", "label": "B"}],
    ...     [{"source": "a", "target": "b", "relation": "prerequisite"}])
    >>> list(nx.node_link_graph(node_link_data(g)).edges(keys=True))
    [('a', 'b', 'prerequisite')]
    """
    nodes = [n.model_dump(mode="json", exclude_defaults=True) for n in g.nodes()]
    edges = []
    for source, target, relation, importance, level, sources in g.edge_rows():
        edge: dict[str, Any] = {"source": source, "target": target, "key": relation, "relation": relation}
        if importance is not None:
            edge["importance"] = importance
        if level is not None:
            edge["level"] = level
        if sources:
            edge["sources"] = list(sources)
        edges.append(edge)
    declared = [s.model_dump(mode="json", exclude_defaults=True) for s in g.sources.values()]
    return {
        "directed": True,
        "multigraph": True,
        "graph": {"name": "mlgraph", "sources": declared},
        "nodes": nodes,
        "edges": edges,
    }


def read_node_link(path: str | Path) -> CompetencyGraph:
    """Read node-link JSON written by :func:`node_link_data` (or by ``networkx.node_link_data``), behind the guards.

    Raises
    ------
    FormatError
        When the file is refused by :func:`mlgraph.io.guards.checked_file`, is not JSON (naming the line) or not
        shaped as node-link data.
    GraphValidationError
        When the records break a rule of the graph.
    """
    from mlgraph.model.graph import CompetencyGraph
    from mlgraph.model.records import Node

    path = checked_file(path, "json")
    data = load_json(path, "JSON")
    edges = data.get("edges", data.get("links")) if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) or not isinstance(edges, list):
        raise FormatError("expected node-link JSON: an object with 'nodes' and 'edges' lists", path=path)
    known = set(Node.model_fields)
    nodes = [{k: v for k, v in n.items() if k in known} if isinstance(n, dict) else n for n in data["nodes"]]
    edge_fields = ("source", "target", "relation", "importance", "level", "sources")
    edges = [{k: e[k] for k in edge_fields if k in e} if isinstance(e, dict) else e for e in edges]
    graph = data.get("graph")
    sources = graph.get("sources", []) if isinstance(graph, dict) else []
    if not all(isinstance(item, dict) for item in [*nodes, *edges]) or not isinstance(sources, list):
        raise FormatError("expected node-link JSON: nodes and edges must be objects", path=path)
    return CompetencyGraph.from_records(nodes, edges, sources=sources, origin=str(path))
