"""Files to triples: pyoxigraph's streaming parsers (rdflib's when pyoxigraph is missing), behind the guards."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mlgraph.errors import FormatError
from mlgraph.io.rdf import terms as rdf_terms
from mlgraph.io.rdf.terms import (
    _ALT,
    _AUTHOR,
    _COMMENT,
    _CONFORMS,
    _CURRENCY,
    _DEF,
    _ID,
    _LABEL,
    _LICENSE,
    _M,
    _MAX,
    _MIN,
    _OBJECT,
    _PREDICATE,
    _RELATION_OF,
    _SOURCE,
    _SUBJECT,
    _TITLE,
    _TYPE,
    _URL,
    _bind,
)
from mlgraph.model.vocab import DEFAULT_BASE, MLG

TYPE_CHECKING = False
if TYPE_CHECKING:
    import rdflib

__all__ = ["load_rdflib"]

# ---------------------------------------------------------------- triples -> records
Triple = tuple[str, str, str, str | None]
"""``(subject, predicate, object, language)``: language None when the object is an IRI or blank node (blank
nodes are written ``_:id``), ``""`` for a literal without a language tag."""
Tables = dict[str, list[tuple[str, str, str | None]]]
"""The triples mlgraph reads, by predicate: ``{predicate: [(subject, object, language), ...]}``."""

_PARSER_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "json-ld": "JSON_LD", "xml": "RDF_XML"}
_RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "json-ld": "json-ld", "xml": "xml"}
_FORMAT_NAMES = {"turtle": "Turtle", "nt": "N-Triples", "json-ld": "JSON-LD", "xml": "RDF/XML"}


def _oxigraph_quads(path: Path, format: str) -> Iterator[Any]:
    """pyoxigraph's quads of a file, its errors turned into :class:`FormatError`."""
    import pyoxigraph as ox

    fmt = getattr(ox.RdfFormat, _PARSER_FORMATS[format])
    with _parse_errors(path, format):
        yield from ox.parse(path=str(path), format=fmt, without_named_graphs=True)


@contextmanager
def _parse_errors(path: Path, format: str) -> Iterator[None]:
    """Turn a parser's SyntaxError, OSError or ValueError into a :class:`FormatError` naming file and line."""
    try:
        yield
    except SyntaxError as exc:
        message = str(exc.msg or exc)
        if "LoadDocumentCallback" in message:
            message = "it refers to a remote JSON-LD context, which mlgraph never fetches"
        raise FormatError(f"not valid {_FORMAT_NAMES[format]}: {message}", path=path, line=exc.lineno) from exc
    except (OSError, ValueError) as exc:
        raise FormatError(f"cannot read the file as {_FORMAT_NAMES[format]}: {exc}", path=path) from exc


def _parse(path: Path, format: str) -> Iterator[Triple]:
    """Every triple of an RDF file, streamed by pyoxigraph (loaded by rdflib when pyoxigraph is missing)."""
    if not rdf_terms._has_oxigraph():
        yield from _rdflib_triples(_rdflib_parse(path, format))
        return
    import pyoxigraph as ox

    literal, named, blank = ox.Literal, ox.NamedNode, ox.BlankNode
    for q in _oxigraph_quads(path, format):
        s, o = q.subject, q.object
        subject = s.value if type(s) is named else "_:" + s.value
        if type(o) is literal:
            yield subject, q.predicate.value, o.value, o.language or ""
        elif type(o) is named:
            yield subject, q.predicate.value, o.value, None
        elif type(o) is blank:
            yield subject, q.predicate.value, "_:" + o.value, None


def load_rdflib(path: str | Path, format: str = "turtle") -> rdflib.Graph:
    """An RDF file as an :class:`rdflib.Graph`, on the Oxigraph store (and parser) when ``oxrdflib`` is installed.

    The file passes :func:`mlgraph.io.guards.checked_file` first (size, XML entities, remote JSON-LD contexts),
    so no parser reads anything from the network or the local disk on the file's say-so.

    Raises
    ------
    FormatError
        When the file is refused by the guards or is not valid in `format`.
    """
    from mlgraph.io.guards import checked_file

    if format not in _RDFLIB_FORMATS:
        raise FormatError(f"unknown RDF format {format!r}", hint="one of " + ", ".join(_RDFLIB_FORMATS))
    path = checked_file(path, format)
    if rdf_terms._has_oxigraph() and rdf_terms._has_oxrdflib():
        import rdflib

        graph = rdflib.Graph(store="Oxigraph")
        _bind(graph, DEFAULT_BASE)
        with _parse_errors(path, format):
            graph.parse(str(path), format="ox-" + _RDFLIB_FORMATS[format])
        return graph
    return _rdflib_parse(path, format)


def _rdflib_parse(path: Path, format: str) -> rdflib.Graph:
    import rdflib

    graph = rdflib.Graph()
    _bind(graph, DEFAULT_BASE)
    try:
        graph.parse(str(path), format=_RDFLIB_FORMATS[format])
    except Exception as exc:  # rdflib's parsers raise many unrelated types
        line = getattr(exc, "lineno", None) or getattr(exc, "line", None)
        raise FormatError(
            f"not valid {_FORMAT_NAMES[format]}: {exc}", path=path, line=line if isinstance(line, int) else None
        ) from exc
    return graph


def _rdflib_triples(graph: rdflib.Graph) -> Iterator[Triple]:
    from rdflib.term import BNode, Literal

    def name(term: Any) -> str:
        return f"_:{term}" if isinstance(term, BNode) else str(term)

    for s, p, o in graph:
        if isinstance(o, Literal):
            yield name(s), str(p), str(o), o.language or ""
        else:
            yield name(s), str(p), name(o), None


_READ = (
    _TYPE,
    _ID,
    _LABEL,
    _ALT,
    _DEF,
    _SOURCE,
    _TITLE,
    _CONFORMS,
    _COMMENT,
    _URL,
    _AUTHOR,
    _MIN,
    _MAX,
    _CURRENCY,
    _SUBJECT,
    _PREDICATE,
    _OBJECT,
    _LICENSE,
    *(_M[n] for n in MLG.__annotations__ if n[0].islower()),
    *_RELATION_OF,
)


def _collect(triples: Iterable[Triple]) -> tuple[Tables, int]:
    """The triples mlgraph reads, by predicate, and the number of triples seen."""
    tables: Tables = {p: [] for p in _READ}
    get = tables.get
    count = 0
    for s, p, o, lang in triples:
        count += 1
        bucket = get(p)
        if bucket is not None:
            bucket.append((s, o, lang))
    return tables, count


def _collect_file(path: Path, format: str) -> tuple[Tables, int]:
    """:func:`_collect` over a file, in one loop over pyoxigraph's quads (the hot path of :func:`read_rdf`)."""
    if not rdf_terms._has_oxigraph():
        return _collect(_rdflib_triples(_rdflib_parse(path, format)))
    import pyoxigraph as ox

    literal, named, blank = ox.Literal, ox.NamedNode, ox.BlankNode
    tables: Tables = {p: [] for p in _READ}
    get = tables.get
    count = 0
    for q in _oxigraph_quads(path, format):
        count += 1
        bucket = get(q.predicate.value)
        if bucket is None:
            continue
        s, o = q.subject, q.object
        subject = s.value if type(s) is named else "_:" + s.value
        kind = type(o)
        if kind is named:
            bucket.append((subject, o.value, None))
        elif kind is literal:
            bucket.append((subject, o.value, o.language or ""))
        elif kind is blank:
            bucket.append((subject, "_:" + o.value, None))
    return tables, count
