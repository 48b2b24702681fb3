"""Taking the graph elsewhere and back: :func:`export` and :func:`read`, one format per file suffix.

============  ==============  ============================================================================
suffix        format          written by
============  ==============  ============================================================================
``.ttl``      ``turtle``      :func:`mlgraph.io.rdf.write_rdf` (with the TBox of ``ontology/schema.ttl``)
``.nt``       ``nt``          N-Triples, the same triples one per line
``.jsonld``   ``json-ld``     JSON-LD (expanded form)
``.rdf``      ``xml``         RDF/XML (``.owl`` too)
``.graphml``  ``graphml``     :func:`mlgraph.io.graphml.write_graphml`, for Gephi, yEd, Cytoscape
``.json``     ``json``        node-link JSON, as :func:`networkx.node_link_data` writes it
============  ==============  ============================================================================

Writes go to a temporary file beside the target, renamed into place when complete, so a failed export
never leaves a partial file. Reads refuse hostile files before any parser sees them: XML (RDF/XML, GraphML)
whose DOCTYPE declares more than short namespace abbreviations (entity expansion, external entities, see
:func:`refuse_xml_declarations`) and JSON-LD that names a remote context; no reader fetches anything from the
network or the local disk on a file's say-so.

>>> import mlgraph, tempfile, pathlib
>>> g = mlgraph.CompetencyGraph.from_records([{"id": "python", "kind": "tool", "label": "Python"}])
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> for name in ("g.ttl", "g.nt", "g.jsonld", "g.rdf", "g.graphml", "g.json"):
...     assert mlgraph.read(mlgraph.export(g, folder / name)) == g
>>> mlgraph.export(g, folder / "g.xlsx")
Traceback (most recent call last):
...
mlgraph.errors.MlgraphError: cannot tell the format of 'g.xlsx' from its suffix (use .ttl, .nt, .jsonld, ...)
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import IO, Any

from mlgraph.errors import FormatError, MlgraphError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import rdflib

    from mlgraph.model.graph import CompetencyGraph

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "export",
    "format_of",
    "node_link_data",
    "rdf_graph",
    "read",
    "refuse_remote_contexts",
    "refuse_xml_declarations",
    "write",
]

FORMATS: tuple[str, ...] = ("turtle", "nt", "json-ld", "xml", "graphml", "json")
"""Every format :func:`export` writes and :func:`read` reads."""
SUFFIXES: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".graphml": "graphml",
    ".json": "json",
}
"""File suffix -> format."""
_ALIASES = {
    "ttl": "turtle",
    "ntriples": "nt",
    "n-triples": "nt",
    "jsonld": "json-ld",
    "rdf": "xml",
    "rdfxml": "xml",
    "rdf/xml": "xml",
    "rdf-xml": "xml",
    "owl": "xml",
    "node-link": "json",
}
_NAMES = {"turtle": "Turtle", "nt": "N-Triples", "json-ld": "JSON-LD", "xml": "RDF/XML", "graphml": "GraphML"}


def format_of(path: str | Path, format: str | None = None) -> str:
    """The format to use for `path`: `format` when given (names and suffixes both work), else its suffix.

    Raises
    ------
    MlgraphError
        When the format is unknown.

    Examples
    --------
    >>> format_of("graph.ttl"), format_of("graph.owl"), format_of("out.data", "jsonld")
    ('turtle', 'xml', 'json-ld')
    """
    if format is not None:
        name = format.strip().lower().lstrip(".")
        name = _ALIASES.get(name, name)
        if name not in FORMATS:
            raise MlgraphError(f"unknown format {format!r}", hint="one of " + ", ".join(FORMATS))
        return name
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise MlgraphError(
            f"cannot tell the format of {Path(path).name!r} from its suffix",
            hint="use " + ", ".join(SUFFIXES) + " or name the format: " + ", ".join(FORMATS),
        )
    return SUFFIXES[suffix]


def export(
    g: CompetencyGraph,
    path: str | Path,
    format: str | None = None,
    *,
    base: str | None = None,
    schema: bool = True,
) -> Path:
    """Write `g` to `path` in `format` (taken from the suffix when None), atomically.

    Parameters
    ----------
    g : CompetencyGraph
    path : str or Path
        The file to write; its folder must exist. An existing file is replaced only once the new one is
        complete.
    format : str, optional
        One of :data:`FORMATS` (``ttl``, ``jsonld``, ``rdf`` ... are understood too).
    base : str, optional
        RDF only: the namespace of node IRIs (default ``https://w3id.org/mlgraph/``).
    schema : bool
        RDF only: include the TBox of ``ontology/schema.ttl`` (default true).

    Returns
    -------
    Path
        `path`.

    Raises
    ------
    MlgraphError
        When the format is unknown or `base` is not an absolute IRI (nothing is written), when the folder
        cannot be written, or when a text cannot be carried by the format (XML cannot carry control
        characters).
    """
    fmt = format_of(path, format)
    path = Path(path)
    if fmt in _RDF_FORMATS and base is not None:
        from mlgraph.io.rdf import check_base

        check_base(base)  # before any file is created
    _write_atomically(path, lambda out: write(g, out, fmt, base=base, schema=schema))
    return path


def write(
    g: CompetencyGraph,
    out: IO[bytes],
    format: str,
    *,
    base: str | None = None,
    schema: bool = True,
) -> None:
    """Write `g` in `format` to the binary stream `out` (standard output, a socket ...); see :func:`export`.

    >>> import io, mlgraph
    >>> g = mlgraph.CompetencyGraph.from_records([{"id": "python", "kind": "tool", "label": "Python"}])
    >>> buffer = io.BytesIO()
    >>> write(g, buffer, "nt", schema=False)
    >>> print(buffer.getvalue().decode().splitlines()[-1])
    <https://w3id.org/mlgraph/python> <http://www.w3.org/2004/02/skos/core#prefLabel> "Python"@en .
    """
    fmt = format_of("", format)
    if fmt in _RDF_FORMATS:
        from mlgraph.io.rdf import write_rdf
        from mlgraph.model.vocab import DEFAULT_BASE

        write_rdf(g, out, fmt, base=base if base is not None else DEFAULT_BASE, schema=schema)
    elif fmt == "graphml":
        from mlgraph.io.graphml import write_graphml

        write_graphml(g, out)
    else:
        out.write(json.dumps(node_link_data(g), ensure_ascii=False, indent=1).encode("utf-8"))
        out.write(b"\n")


_RDF_FORMATS = frozenset({"turtle", "nt", "json-ld", "xml"})


def _write_atomically(path: Path, write: Any) -> None:
    import tempfile

    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise MlgraphError(f"cannot write into {str(folder)!r}: {exc.strerror or exc}", path=path) from exc
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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


def _load_json(path: Path, what: str) -> Any:
    """Parse a JSON file; a syntax error is a :class:`FormatError` naming the file and line."""
    try:
        return json.loads(path.read_bytes())
    except json.JSONDecodeError as exc:
        raise FormatError(f"not valid {what}: {exc.msg}", path=path, line=exc.lineno) from exc
    except (ValueError, RecursionError) as exc:
        raise FormatError(f"not valid {what}: {exc}", path=path) from exc


def _read_node_link(path: Path) -> CompetencyGraph:
    from mlgraph.model.graph import CompetencyGraph
    from mlgraph.model.records import Node

    data = _load_json(path, "JSON")
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


def read(path: str | Path, format: str | None = None) -> CompetencyGraph:
    """Read a graph from a file written by :func:`export` (or another tool, in the same shape).

    Parameters
    ----------
    path : str or Path
    format : str, optional
        One of :data:`FORMATS`; taken from the suffix when None.

    Returns
    -------
    CompetencyGraph
        Validated, as :meth:`~mlgraph.model.graph.CompetencyGraph.from_records` validates.

    Raises
    ------
    FormatError
        When the file is missing, empty, truncated, of another format, malformed (naming the line where the
        parser gives one) or hostile (XML entities that expand or reach outside, a remote JSON-LD context).
    GraphValidationError
        When its records break a rule of the graph.
    MlgraphError
        When the format is unknown.
    """
    fmt = format_of(path, format)
    path = _checked_file(path, fmt)
    if fmt == "json":
        return _read_node_link(path)
    if fmt == "graphml":
        from mlgraph.io.graphml import read_graphml

        return read_graphml(path)
    from mlgraph.io.rdf import read_rdf

    return read_rdf(path, fmt)


def _checked_file(path: str | Path, fmt: str) -> Path:
    """`path` if it is a non-empty file that passes the guards of its format, else :class:`FormatError`."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FormatError(f"cannot read the file: {exc.strerror or exc}", path=path) from exc
    if path.is_dir():
        raise FormatError("is a folder", path=path, hint="mlgraph.load() reads an ontology folder")
    if size == 0:
        raise FormatError("the file is empty", path=path)
    if fmt == "xml":
        refuse_xml_declarations(path)
    elif fmt == "json-ld":
        refuse_remote_contexts(path)
    return path


def rdf_graph(path: str | Path, format: str | None = None) -> rdflib.Graph:
    """Every triple of a file as an :class:`rdflib.Graph` (on the Oxigraph store when installed), for SPARQL.

    RDF files are loaded as they are, their own extra triples included, behind the same guards as
    :func:`read`; GraphML and node-link JSON are read and turned into RDF with :func:`mlgraph.io.rdf.to_rdf`.

    Raises
    ------
    FormatError
        As :func:`read` does.
    """
    fmt = format_of(path, format)
    if fmt in ("graphml", "json"):
        from mlgraph.io.rdf import to_rdf

        return to_rdf(read(path, fmt))
    from mlgraph.io.rdf import load_rdflib

    return load_rdflib(_checked_file(path, fmt), fmt)


class _RootElement(Exception):
    """The parser reached the root element: the prolog is over."""


MAX_ENTITIES = 64
"""At most this many entities in an XML DOCTYPE (Protégé declares one per namespace)."""
MAX_ENTITY_LENGTH = 512
"""At most this many characters in an entity's value."""
MAX_EXPANSION = 16_000_000
"""At most this many characters from entity references in a whole file."""


def refuse_xml_declarations(path: str | Path) -> None:
    """Check an XML file's DOCTYPE; raise :class:`FormatError` unless it is absent or harmless.

    A DOCTYPE is how XML declares entities: entities built from other entities expand exponentially ("billion
    laughs"), external ones read local files or URLs. mlgraph's own files have no DOCTYPE; the only kind it
    accepts is the one Protégé and the OWL API write, short abbreviations of namespaces::

        <!DOCTYPE rdf:RDF [ <!ENTITY owl "http://www.w3.org/2002/07/owl#" > ]>

    That is: general entities with literal values (no ``&``, ``%`` or ``<``), at most :data:`MAX_ENTITIES` of
    at most :data:`MAX_ENTITY_LENGTH` characters, whose references in the file expand to at most
    :data:`MAX_EXPANSION` characters. External DTDs and entities, parameter entities, element and attribute
    declarations are refused before any parser sees the file. Expat reads only the prolog (it stops at the root
    element), so the check is cheap.

    Raises
    ------
    FormatError
        When the DOCTYPE is refused, or the file is empty or not well-formed before its root element.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "bomb.graphml"
    >>> _ = bad.write_text('<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]><graphml/>')
    >>> refuse_xml_declarations(bad)
    Traceback (most recent call last):
    ...
    mlgraph.errors.FormatError: ...bomb.graphml:1: the DOCTYPE declares an entity built from other entities, ...
    """
    import xml.parsers.expat

    path = Path(path)
    parser = xml.parsers.expat.ParserCreate()
    entities: dict[str, str] = {}
    declared_encoding: list[str] = []

    def refuse(reason: str) -> None:
        raise FormatError(
            f"the DOCTYPE {reason}, which mlgraph refuses (XML entities can expand without bound or read local "
            "files and URLs)",
            path=path,
            line=parser.CurrentLineNumber,
        )

    def doctype(name: str, system_id: str | None, public_id: str | None, has_internal_subset: bool) -> None:
        if system_id or public_id:
            refuse("names an external DTD")

    def entity(
        name: str,
        is_parameter: bool,
        value: str | None,
        base: str | None,
        system_id: str | None,
        public_id: str | None,
        notation: str | None,
    ) -> None:
        if is_parameter:
            refuse("declares a parameter entity")
        if value is None:
            refuse("declares an external entity")
        elif any(c in value for c in "&%<"):
            refuse("declares an entity built from other entities")
        elif len(value) > MAX_ENTITY_LENGTH or len(entities) >= MAX_ENTITIES:
            refuse(f"declares more than {MAX_ENTITIES} entities or one longer than {MAX_ENTITY_LENGTH} characters")
        entities[name] = value or ""

    def declaration(*_: object) -> None:
        refuse("declares elements, attributes or notations")

    def xml_decl(version: str | None, encoding: str | None, standalone: int) -> None:
        if encoding:
            declared_encoding.append(encoding)

    def root(*_: object) -> None:
        raise _RootElement

    parser.XmlDeclHandler = xml_decl
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = declaration
    parser.NotationDeclHandler = declaration
    parser.ElementDeclHandler = declaration
    parser.AttlistDeclHandler = declaration
    parser.StartElementHandler = root
    try:
        with path.open("rb") as file:
            while chunk := file.read(1 << 16):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _RootElement:
        if entities:
            _check_expansion(path, entities, declared_encoding[0] if declared_encoding else None)
        return
    except xml.parsers.expat.ExpatError as exc:
        raise FormatError(
            f"not well-formed XML: {xml.parsers.expat.errors.messages[exc.code]}", path=path, line=exc.lineno
        ) from exc
    except OSError as exc:
        raise FormatError(f"cannot read the file: {exc.strerror or exc}", path=path) from exc
    raise FormatError("not XML: no root element", path=path)  # pragma: no cover - expat raises first


def _check_expansion(path: Path, entities: dict[str, str], encoding: str | None) -> None:
    """Refuse a file whose entity references would expand to more than :data:`MAX_EXPANSION` characters."""
    import codecs

    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    try:
        text = data.decode(encoding or "utf-8", errors="replace")
    except LookupError:
        text = data.decode("utf-8", errors="replace")
    expansion = sum(text.count(f"&{name};") * len(value) for name, value in entities.items())
    if expansion > MAX_EXPANSION:
        raise FormatError(
            f"its entity references would expand to {expansion:,} characters, which mlgraph refuses "
            f"(at most {MAX_EXPANSION:,})",
            path=path,
        )


def refuse_remote_contexts(path: str | Path) -> None:
    """Check a JSON-LD file; raise :class:`FormatError` if it is not JSON or names a remote ``@context``.

    A context given by IRI (``"@context": "https://..."``, ``"@import"``) would be fetched by a JSON-LD
    processor; mlgraph's own exports use none, and mlgraph never fetches one.
    """
    path = Path(path)
    data = _load_json(path, "JSON-LD")
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if (key == "@context" and _names_remote(value)) or key == "@import":
                    raise FormatError(
                        f"the file refers to a remote JSON-LD context ({_shown(value)}), which mlgraph never fetches",
                        path=path,
                    )
                stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)


def _names_remote(context: Any) -> bool:
    if isinstance(context, str):
        return True
    if isinstance(context, list):
        return any(isinstance(c, str) for c in context)
    return False


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."
