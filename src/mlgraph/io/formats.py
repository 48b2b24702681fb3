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

:data:`TABLE` is the one list of formats (names, titles, suffixes); :func:`format_of` reads it. Writes go
through :func:`mlgraph.io.atomic.write_atomically`, so a failed or interrupted export never leaves a partial
file. Reads pass :func:`mlgraph.io.guards.checked_file` before any parser sees the file: size, XML entity
declarations, remote JSON-LD contexts; no reader fetches anything from the network or the local disk on a
file's say-so.

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

from pathlib import Path
from typing import IO, NamedTuple

from mlgraph.errors import MlgraphError
from mlgraph.io.guards import refuse_remote_contexts, refuse_xml_declarations
from mlgraph.io.nodelink import node_link_data

TYPE_CHECKING = False
if TYPE_CHECKING:
    import rdflib

    from mlgraph.model.graph import CompetencyGraph

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "TABLE",
    "Format",
    "export",
    "format_of",
    "node_link_data",
    "rdf_graph",
    "read",
    "refuse_remote_contexts",
    "refuse_xml_declarations",
    "write",
]


class Format(NamedTuple):
    """One format mlgraph reads and writes."""

    name: str
    """The name :func:`format_of` returns."""
    title: str
    """What people call it."""
    suffixes: tuple[str, ...]
    """File suffixes, the first one preferred."""
    aliases: tuple[str, ...]
    """Other names accepted for ``--format``."""
    rdf: bool
    """True for the RDF serialisations (written by :mod:`mlgraph.io.rdf`)."""


TABLE: dict[str, Format] = {
    f.name: f
    for f in (
        Format("turtle", "Turtle", (".ttl",), ("ttl",), True),
        Format("nt", "N-Triples", (".nt",), ("ntriples", "n-triples"), True),
        Format("json-ld", "JSON-LD", (".jsonld",), ("jsonld",), True),
        Format("xml", "RDF/XML", (".rdf", ".owl"), ("rdf", "rdfxml", "rdf/xml", "rdf-xml", "owl"), True),
        Format("graphml", "GraphML", (".graphml",), (), False),
        Format("json", "node-link JSON", (".json",), ("node-link",), False),
    )
}
"""Every format, by name: the one table the rest reads."""
FORMATS: tuple[str, ...] = tuple(TABLE)
"""Every format :func:`export` writes and :func:`read` reads."""
SUFFIXES: dict[str, str] = {suffix: f.name for f in TABLE.values() for suffix in f.suffixes}
"""File suffix -> format."""
_ALIASES: dict[str, str] = {alias: f.name for f in TABLE.values() for alias in f.aliases}


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
        if name not in TABLE:
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
        complete; a device or FIFO (``/dev/null``) is written through, never replaced; a symbolic link is
        followed (see :func:`mlgraph.io.atomic.write_atomically`).
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
    from mlgraph.io.atomic import write_atomically

    fmt = format_of(path, format)
    if TABLE[fmt].rdf and base is not None:
        from mlgraph.io.rdf import check_base

        check_base(base)  # before any file is created
    return write_atomically(path, lambda out: write(g, out, fmt, base=base, schema=schema))


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
    import json

    fmt = format_of("", format)
    if TABLE[fmt].rdf:
        from mlgraph.io.rdf import write_rdf
        from mlgraph.model.vocab import DEFAULT_BASE

        write_rdf(g, out, fmt, base=base if base is not None else DEFAULT_BASE, schema=schema)
    elif fmt == "graphml":
        from mlgraph.io.graphml import write_graphml

        write_graphml(g, out)
    else:
        out.write(json.dumps(node_link_data(g), ensure_ascii=False, indent=1).encode("utf-8"))
        out.write(b"\n")


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
        When the file is missing, empty, too large, not a regular file, truncated, of another format,
        malformed (naming the line where the parser gives one) or hostile (XML entities that expand or reach
        outside, a remote JSON-LD context).
    GraphValidationError
        When its records break a rule of the graph.
    MlgraphError
        When the format is unknown.
    """
    fmt = format_of(path, format)
    if fmt == "json":
        from mlgraph.io.nodelink import read_node_link

        return read_node_link(path)
    if fmt == "graphml":
        from mlgraph.io.graphml import read_graphml

        return read_graphml(path)
    from mlgraph.io.rdf import read_rdf

    return read_rdf(path, fmt)


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
    if not TABLE[fmt].rdf:
        from mlgraph.io.rdf import to_rdf

        return to_rdf(read(path, fmt))
    from mlgraph.io.rdf import load_rdflib

    return load_rdflib(path, fmt)
