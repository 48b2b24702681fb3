"""GraphML for Gephi, yEd, Cytoscape and networkx: the graph with primitive attributes only.

Every node has ``label`` (what tools display) and ``kind`` (role, skill, tool, concept or resource: colour by
it); every edge has ``relation`` (prerequisite, related, requirement, progression or teaches) and, for
requirements, ``importance`` and ``level``. GraphML attributes are strings, numbers or booleans, so:

- list and record fields (``aliases``, ``sources``, ``authors``, ``mappings``, ``salaries``) are **JSON text**:
  ``aliases`` is ``["ML Engineer", "MLE"]``, ``salaries`` a JSON array of objects with the fields of
  :class:`~mlgraph.model.records.Salary`;
- a field at its default (no aliases, no hours, ``starting_point`` false ...) is left out;
- the graph's declared sources are the graph attribute ``sources``, a JSON array of
  :class:`~mlgraph.model.records.Source` objects.

``networkx.read_graphml`` opens the file as it is (a ``MultiDiGraph`` when two nodes share several edges).
:func:`read_graphml` reads it back into an equal :class:`~mlgraph.model.graph.CompetencyGraph`; attributes it
does not know (layout and colours that Gephi or yEd add) are ignored.

>>> import io, mlgraph
>>> g = mlgraph.CompetencyGraph.from_records(
...     [{"id": "python", "kind": "tool", "label": "Python", "aliases": ["py"]},
...      {"id": "pytorch", "kind": "tool", "label": "PyTorch"}],
...     [{"source": "python", "target": "pytorch", "relation": "prerequisite"}])
>>> buffer = io.BytesIO()
>>> write_graphml(g, buffer)
>>> import networkx as nx
>>> G = nx.read_graphml(io.BytesIO(buffer.getvalue()))
>>> G.nodes["python"]["label"], G.nodes["python"]["aliases"], G.edges["python", "pytorch"]["relation"]
('Python', '["py"]', 'prerequisite')
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import IO, Any

from mlgraph.errors import FormatError, GraphValidationError, MlgraphError, Problem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mlgraph.model.graph import CompetencyGraph

__all__ = ["EDGE_KEYS", "NODE_KEYS", "read_graphml", "write_graphml"]

NODE_KEYS: dict[str, str] = {
    "kind": "string",
    "label": "string",
    "aliases": "string",
    "description": "string",
    "area": "string",
    "effort_hours": "double",
    "starting_point": "boolean",
    "sources": "string",
    "resource_type": "string",
    "url": "string",
    "authors": "string",
    "mappings": "string",
    "salaries": "string",
}
"""Node attributes and their GraphML types (``string`` fields named in :data:`JSON_FIELDS` hold JSON)."""
EDGE_KEYS: dict[str, str] = {"relation": "string", "importance": "string", "level": "int", "sources": "string"}
"""Edge attributes and their GraphML types."""
JSON_FIELDS = frozenset({"aliases", "sources", "authors", "mappings", "salaries"})
"""Attributes written as JSON text."""

_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
# characters XML 1.0 cannot carry at all, even as character references
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
)


def _xml_text(value: str, where: str, escapes: dict[int, str] = _TEXT_ESCAPES) -> str:
    if _NOT_XML.search(value):
        bad = _NOT_XML.search(value).group()  # type: ignore[union-attr]
        raise MlgraphError(
            f"{where} holds the character U+{ord(bad):04X}, which XML cannot carry",
            hint="remove it, or export to Turtle, N-Triples or JSON instead",
        )
    return value.translate(escapes)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def write_graphml(g: CompetencyGraph, out: IO[bytes]) -> None:
    """Write `g` as GraphML to the binary file `out`.

    Raises
    ------
    MlgraphError
        When a text holds a character XML cannot carry (a control character such as U+0001).
    """
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<graphml xmlns="{_GRAPHML_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{_GRAPHML_NS} {_GRAPHML_NS}/1.0/graphml.xsd">',
        '  <key id="graph_sources" for="graph" attr.name="sources" attr.type="string"/>',
    ]
    for name, kind in NODE_KEYS.items():
        lines.append(f'  <key id="{name}" for="node" attr.name="{name}" attr.type="{kind}"/>')
    for name, kind in EDGE_KEYS.items():
        lines.append(f'  <key id="edge_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>')
    lines.append('  <graph id="mlgraph" edgedefault="directed">')
    if g.sources:
        declared = [s.model_dump(mode="json", exclude_defaults=True) for s in g.sources.values()]
        lines.append(f'    <data key="graph_sources">{_xml_text(_json(declared), "a declared source")}</data>')
    out.write(("\n".join(lines) + "\n").encode("utf-8"))

    chunk: list[str] = []
    for node in g.nodes():
        where = f"node {node.id!r}"
        data = node.model_dump(mode="json", exclude_defaults=True, exclude={"id"})
        data.setdefault("kind", node.kind)
        parts = [f'    <node id="{_xml_text(node.id, where, _ATTR_ESCAPES)}">']
        for name in NODE_KEYS:
            if name not in data:
                continue
            value = data[name]
            if name in JSON_FIELDS:
                text = _json(value)
            elif isinstance(value, bool):
                text = "true" if value else "false"
            elif isinstance(value, float):
                text = repr(value)
            else:
                text = str(value)
            parts.append(f'<data key="{name}">{_xml_text(text, where)}</data>')
        parts.append("</node>\n")
        chunk.append("".join(parts))
        if len(chunk) >= 2000:
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    for i, (source, target, relation, importance, level, sources) in enumerate(g.edge_rows()):
        where = f"{relation} edge {source} -> {target}"
        parts = [
            f'    <edge id="e{i}" source="{_xml_text(source, where, _ATTR_ESCAPES)}" '
            f'target="{_xml_text(target, where, _ATTR_ESCAPES)}">',
            f'<data key="edge_relation">{relation}</data>',
        ]
        if importance is not None:
            parts.append(f'<data key="edge_importance">{importance}</data>')
        if level is not None:
            parts.append(f'<data key="edge_level">{int(level)}</data>')
        if sources:
            parts.append(f'<data key="edge_sources">{_xml_text(_json(list(sources)), where)}</data>')
        parts.append("</edge>\n")
        chunk.append("".join(parts))
        if len(chunk) >= 2000:
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    chunk.append("  </graph>\n</graphml>\n")
    out.write("".join(chunk).encode("utf-8"))


def _present(value: Any) -> bool:
    """False for what network tools write for a missing attribute: nothing, an empty string, NaN (igraph)."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    return not (isinstance(value, float) and value != value)


def read_graphml(path: str | Path) -> CompetencyGraph:
    """Read a GraphML file written by :func:`write_graphml` (or re-saved since by Gephi, yEd, igraph ...).

    What network tools write back reads: attributes are found by name whatever their key ids, an empty value
    (or igraph's NaN) is an absent attribute, igraph's renumbered nodes keep their ``id`` attribute, and
    attributes mlgraph does not know (layout, colours, sizes) are ignored.

    The file is refused before parsing when its DOCTYPE declares entities that could expand or reach outside
    (see :func:`mlgraph.io.guards.checked_file`).

    Returns
    -------
    CompetencyGraph

    Raises
    ------
    FormatError
        When the file is empty, not well-formed XML (naming the line), not GraphML, hostile, or holds an
        attribute that is not valid JSON where JSON is expected.
    GraphValidationError
        When the records break a rule of the graph.
    """
    import xml.etree.ElementTree as ET

    import networkx as nx

    from mlgraph.io.guards import checked_file
    from mlgraph.model.graph import CompetencyGraph

    path = checked_file(path, "graphml")
    try:
        G = nx.read_graphml(path, force_multigraph=True)
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise FormatError(f"not well-formed XML: {exc}", path=path, line=line) from exc
    except (nx.NetworkXError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise FormatError(f"not valid GraphML: {exc}", path=path) from exc
    except OSError as exc:
        raise FormatError(f"cannot read the file: {exc}", path=path) from exc
    if not isinstance(G, nx.MultiDiGraph) and not G.is_directed():
        raise FormatError("the GraphML graph is undirected; mlgraph edges have a direction", path=path)

    problems: list[Problem] = []

    def decode(value: Any, name: str, where: str) -> Any:
        if name not in JSON_FIELDS or not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            problems.append(Problem(f"{where}: {name} is not JSON text: {value[:60]!r}", str(path)))
            return None

    # igraph numbers nodes n0, n1 ... and keeps the original id as the attribute "id" (or "name")
    renamed = {}
    for node_id, attrs in G.nodes(data=True):
        original = next((attrs[k] for k in ("id", "name") if _present(attrs.get(k))), None)
        renamed[node_id] = str(original) if original is not None else node_id
    nodes = []
    for node_id, attrs in G.nodes(data=True):
        where = f"node {renamed[node_id]!r}"
        record = {"id": renamed[node_id]}
        for name in NODE_KEYS:
            if _present(attrs.get(name)):
                record[name] = decode(attrs[name], name, where)
        nodes.append(record)
    edges = []
    for u, v, attrs in G.edges(data=True):
        u, v = renamed[u], renamed[v]
        record = {"source": u, "target": v}
        for name in EDGE_KEYS:
            if _present(attrs.get(name)):
                record[name] = decode(attrs[name], name, f"edge {u} -> {v}")
        edges.append(record)
    declared = G.graph.get("sources")
    sources = decode(declared if _present(declared) else "[]", "sources", "the graph")
    if problems:
        raise GraphValidationError(problems)
    if not isinstance(sources, list):
        raise FormatError("the graph attribute 'sources' is not a JSON array", path=path)
    return CompetencyGraph.from_records(nodes, edges, sources=sources, origin=str(path))
