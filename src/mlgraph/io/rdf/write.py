"""Records to triples, and triples to Turtle, N-Triples, JSON-LD and RDF/XML (see :mod:`mlgraph.io.rdf`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cache
from typing import IO, Any

from mlgraph.errors import MlgraphError
from mlgraph.io.rdf import terms as rdf_terms
from mlgraph.io.rdf.terms import (
    _ALT,
    _AUTHOR,
    _COMMENT,
    _CONCEPT,
    _CONFORMS,
    _CURRENCY,
    _DEF,
    _EDGE_PREDICATES,
    _EN,
    _ESSENTIAL,
    _ID,
    _INSCHEME,
    _IRI_OK,
    _LABEL,
    _LICENSE,
    _M,
    _MATCHES,
    _MAX,
    _MIN,
    _OBJECT,
    _ONTOLOGY,
    _OPTIONAL,
    _PREDICATE,
    _SCHEME,
    _SIMPLE_ID,
    _SOURCE,
    _STATEMENT,
    _SUBJECT,
    _TITLE,
    _TYPE,
    _URL,
    _XSD_ANYURI,
    _XSD_BOOLEAN,
    _XSD_DECIMAL,
    _XSD_DOUBLE,
    _XSD_INTEGER,
    _XSD_STRING,
    DATA_LICENSE,
    FORMATS,
    KIND_CLASSES,
    PREFIXES,
    _bind,
    check_base,
    encode_id,
)
from mlgraph.model.vocab import DEFAULT_BASE

_CORE = _M["corePartOf"]

TYPE_CHECKING = False
if TYPE_CHECKING:
    import rdflib

    from mlgraph.model.graph import CompetencyGraph

__all__ = ["to_rdf", "write_rdf"]


def _decimal(value: float) -> tuple[str, str]:
    """The lexical form and datatype of a float: an exact ``xsd:decimal`` (``xsd:double`` INF if infinite)."""
    value = float(value)
    if value != value or value in (float("inf"), float("-inf")):
        return ("NaN" if value != value else "INF" if value > 0 else "-INF"), _XSD_DOUBLE
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
        if "." not in text:
            text += ".0"
    return text, _XSD_DECIMAL


def _order_hint(values: Iterable[str]) -> str | None:
    """A JSON array of `values` when their order is not sorted-and-unique (which readers restore by sorting)."""
    values = list(values)
    if values == sorted(set(values)):
        return None
    return json.dumps(values, ensure_ascii=False)


# ---------------------------------------------------------------- records -> triples
Term = tuple[str, str, str | None]
"""``(predicate, object, kind)``: kind None for an IRI, ``"@en"`` for a language tag, else a datatype IRI."""
Block = tuple[str, list[Term]]
"""A subject and its terms."""


def _blocks(g: CompetencyGraph, base: str) -> Iterator[Block]:
    """Every triple of the graph, grouped by subject (nodes first, then qualified statements, then sources)."""
    nodes, rows, declared = g.nodes(), g.edge_rows(), list(g.sources.values())
    segment = {node.id: encode_id(node.id) for node in nodes}
    iri = {node_id: base + seg for node_id, seg in segment.items()}
    source_iri: dict[str, str] = {}

    def src(source_id: str) -> str:
        value = source_iri.get(source_id)
        if value is None:
            value = source_iri[source_id] = base + "source/" + encode_id(source_id)
        return value

    outgoing: dict[str, list[Any]] = {}
    for row in rows:
        outgoing.setdefault(row.source, []).append(row)

    yield base, [(_TYPE, _SCHEME, None), (_CONFORMS, _ONTOLOGY, None), (_LICENSE, DATA_LICENSE, None)]
    kind_terms = {kind: (_TYPE, cls, None) for kind, cls in KIND_CLASSES.items()}
    concept, in_scheme = (_TYPE, _CONCEPT, None), (_INSCHEME, base, None)
    for node in nodes:
        s = iri[node.id]
        terms: list[Term] = [
            kind_terms[node.kind],
            concept,
            in_scheme,
            (_ID, node.id, _XSD_STRING),
            (_LABEL, node.label, _EN),
        ]
        append = terms.append
        for alias in node.aliases:
            append((_ALT, alias, _EN))
        if len(node.aliases) > 1 and (hint := _order_hint(node.aliases)):
            append((_M["aliasOrder"], hint, _XSD_STRING))
        if node.description:
            append((_DEF, node.description, _EN))
        if node.area is not None:
            append((_M["area"], node.area, _XSD_STRING))
        if node.effort_hours is not None:
            append((_M["effortHours"], *_decimal(node.effort_hours)))
        if node.starting_point:
            append((_M["startingPoint"], "true", _XSD_BOOLEAN))
        for source_id in node.sources:
            append((_SOURCE, src(source_id), None))
        if len(node.sources) > 1 and (hint := _order_hint(node.sources)):
            append((_M["sourceOrder"], hint, _XSD_STRING))
        if node.resource_type is not None:
            append((_M["resourceType"], node.resource_type, _XSD_STRING))
        if node.url is not None:
            append((_URL, node.url, _XSD_ANYURI))
        for author in node.authors:
            append((_AUTHOR, author, _XSD_STRING))
        if len(node.authors) > 1 and (hint := _order_hint(node.authors)):
            append((_M["authorOrder"], hint, _XSD_STRING))
        for n, _salary in enumerate(node.salaries, 1):
            append((_M["salary"], f"{base}salary/{segment[node.id]}/{n}", None))
        for m in node.mappings:
            if target := _match_target(m):
                append((_MATCHES[m.match], target, None))
        for row in outgoing.get(node.id, ()):
            if row.relation == "requirement":
                predicate = _OPTIONAL if row.importance == "optional" else _ESSENTIAL
            else:
                predicate = _EDGE_PREDICATES[row.relation]
            append((predicate, iri[row.target], None))
            if row.relation == "broader" and row.importance != "optional":
                append((_CORE, iri[row.target], None))  # a core part: skos:broader and mlg:corePartOf
        yield s, terms

    for node in nodes:
        s = iri[node.id]
        for n, salary in enumerate(node.salaries, 1):
            terms = [(_TYPE, _M["Salary"], None), (_M["position"], str(n), _XSD_INTEGER)]
            if salary.min is not None:
                terms.append((_MIN, *_decimal(salary.min)))
            if salary.max is not None:
                terms.append((_MAX, *_decimal(salary.max)))
            terms += [
                (_CURRENCY, salary.currency, _XSD_STRING),
                (_M["period"], salary.period, _XSD_STRING),
                (_M["seniority"], salary.seniority, _XSD_STRING),
            ]
            if salary.region is not None:
                terms.append((_M["region"], salary.region, _XSD_STRING))
            if salary.basis is not None:
                terms.append((_M["basis"], salary.basis, _XSD_STRING))
            terms.append((_SOURCE, src(salary.source), None))
            yield f"{base}salary/{segment[node.id]}/{n}", terms
        for n, m in enumerate(node.mappings, 1):
            terms = [
                (_TYPE, _M["Mapping"], None),
                (_SUBJECT, s, None),
                (_PREDICATE, _MATCHES[m.match], None),
            ]
            if target := _match_target(m):
                terms.append((_OBJECT, target, None))
            terms += [(_M["position"], str(n), _XSD_INTEGER), (_M["scheme"], m.scheme, _XSD_STRING)]
            if m.uri is not None:
                terms.append((_M["targetUri"], m.uri, _XSD_ANYURI))
            if m.code is not None:
                terms.append((_M["targetCode"], m.code, _XSD_STRING))
            if m.label:
                terms.append((_M["targetLabel"], m.label, _XSD_STRING))
            yield f"{base}mapping/{segment[node.id]}/{n}", terms

    is_requirement, is_statement, level_p = (_TYPE, _M["Requirement"], None), (_TYPE, _STATEMENT, None), _M["level"]
    essential, optional = (_PREDICATE, _ESSENTIAL, None), (_PREDICATE, _OPTIONAL, None)
    predicates = {relation: (_PREDICATE, p, None) for relation, p in _EDGE_PREDICATES.items()}
    core = (_PREDICATE, _CORE, None)
    for source, target, relation, importance, level, sources in rows:
        if relation == "requirement":
            terms = [
                is_requirement,
                (_SUBJECT, iri[source], None),
                optional if importance == "optional" else essential,
                (_OBJECT, iri[target], None),
                (level_p, str(level), _XSD_INTEGER),
            ]
        elif sources:
            predicate = core if relation == "broader" and importance != "optional" else predicates[relation]
            terms = [is_statement, (_SUBJECT, iri[source], None), predicate, (_OBJECT, iri[target], None)]
        else:
            continue
        for source_id in sources:
            terms.append((_SOURCE, src(source_id), None))
        if len(sources) > 1 and (hint := _order_hint(sources)):
            terms.append((_M["sourceOrder"], hint, _XSD_STRING))
        yield f"{base}{relation}/{segment[source]}/{segment[target]}", terms

    for source in declared:
        src(source.id)
    by_id = {s.id: s for s in declared}
    for source_id, s in source_iri.items():
        terms = [(_ID, source_id, _XSD_STRING)]
        declared_source = by_id.get(source_id)
        if declared_source is not None:
            terms.insert(0, (_TYPE, _M["Source"], None))
            if declared_source.title:
                terms.append((_TITLE, declared_source.title, _XSD_STRING))
            terms.append((_M["sourceKind"], declared_source.kind, _XSD_STRING))
            if declared_source.url is not None:
                terms.append((_URL, declared_source.url, _XSD_ANYURI))
            if declared_source.note:
                terms.append((_COMMENT, declared_source.note, _XSD_STRING))
            if declared_source.license is not None:
                terms.append((_LICENSE, declared_source.license, None))
        yield s, terms


def _match_target(mapping: Any) -> str | None:
    """The IRI a mapping points to (an ESCO URI, an O*NET OnLine page), or None when it has no valid one."""
    if mapping.uri is None and mapping.code is None:
        return None
    target = mapping.target
    return target if _IRI_OK.fullmatch(target) else None


@cache
def _schema_blocks() -> tuple[Block, ...]:
    """The triples of ``ontology/schema.ttl``, grouped by subject (parsed once)."""
    from mlgraph.io.ontology import bundled_path
    from mlgraph.io.rdf.parse import _parse

    path = bundled_path() / "schema.ttl"
    grouped: dict[str, list[Term]] = {}
    for s, p, o, lang in _parse(path, "turtle"):
        kind = None if lang is None else (f"@{lang}" if lang else _XSD_STRING)
        grouped.setdefault(s, []).append((p, o, kind))
    return tuple(grouped.items())


def _all_blocks(g: CompetencyGraph, base: str, schema: bool) -> Iterator[Block]:
    if schema:
        yield from _schema_blocks()
    yield from _blocks(g, base)


# ---------------------------------------------------------------- writing text
_ESCAPES = {i: f"\\u{i:04X}" for i in [*range(0x20), 0x7F]}
_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
_DECIMAL_TOKEN = re.compile(r"[+-]?[0-9]*\.[0-9]+")
_INTEGER_TOKEN = re.compile(r"[+-]?[0-9]+")


def _quoted(text: str) -> str:
    if _NEEDS_ESCAPE.search(text):
        text = text.translate(_ESCAPES)
    return f'"{text}"'


def _ntriples_lines(blocks: Iterable[Block]) -> Iterator[str]:
    for s, terms in blocks:
        subject = f"_:{s[2:]}" if s.startswith("_:") else f"<{s}>"
        for p, o, kind in terms:
            if kind is None:
                obj = f"_:{o[2:]}" if o.startswith("_:") else f"<{o}>"
            elif kind == _XSD_STRING:
                obj = _quoted(o)
            elif kind[0] == "@":
                obj = _quoted(o) + kind
            else:
                obj = f"{_quoted(o)}^^<{kind}>"
            yield f"{subject} <{p}> {obj} .\n"


class _TurtleNames:
    """Shortens IRIs to prefixed names where Turtle's grammar allows, else ``<iri>``."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        longest_first = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.prefix_of = {namespace: prefix for prefix, namespace in longest_first}
        self.namespace = re.compile("|".join(re.escape(namespace) for _, namespace in longest_first)).match
        self.memo: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        name = self.memo.get(iri)
        if name is None:
            name = self.memo[iri] = self.shorten(iri)
        return name

    def shorten(self, iri: str) -> str:
        """``prefix:local`` when a namespace matches (the longest decides) and the rest is a valid local name."""
        if iri.startswith("_:"):
            return iri
        match = self.namespace(iri)
        if match is not None:
            local = iri[match.end() :]
            if not local or (_SIMPLE_ID.fullmatch(local) and local[-1] != "."):
                return f"{self.prefix_of[match.group()]}:{local}"
        return f"<{iri}>"


def _turtle_chunks(blocks: Iterable[Block], base: str) -> Iterator[str]:
    prefixes = {"": base, **PREFIXES}
    yield "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes.items()) + "\n"
    names = _TurtleNames(prefixes)
    memo, shorten = names.memo, names.shorten
    predicate_names = {_TYPE: "a"}
    needs_escape, escapes = _NEEDS_ESCAPE.search, _ESCAPES
    separator = " ;\n    "
    out: list[str] = []
    for s, terms in blocks:
        parts: list[str] = []
        previous = None
        for p, o, kind in terms:
            if kind is None:
                obj = memo.get(o) or names(o)
            elif kind == _XSD_STRING or kind[0] == "@":
                if needs_escape(o):
                    o = o.translate(escapes)
                obj = f'"{o}"' if kind == _XSD_STRING else f'"{o}"{kind}'
            elif (
                (kind == _XSD_INTEGER and _INTEGER_TOKEN.fullmatch(o))
                or (kind == _XSD_DECIMAL and _DECIMAL_TOKEN.fullmatch(o))
                or (kind == _XSD_BOOLEAN and o in ("true", "false"))
            ):
                obj = o
            else:
                obj = f"{_quoted(o)}^^{names(kind)}"
            if p == previous:
                parts[-1] += ", " + obj
            else:
                pname = predicate_names.get(p)
                if pname is None:
                    pname = predicate_names[p] = names(p)
                parts.append(f"{pname} {obj}")
                previous = p
        out.append(shorten(s) + " " + separator.join(parts) + " .\n\n")
        if len(out) >= 2000:
            yield "".join(out)
            out.clear()
    yield "".join(out)


def write_rdf(
    g: CompetencyGraph,
    out: IO[bytes],
    format: str = "turtle",
    *,
    base: str = DEFAULT_BASE,
    schema: bool = True,
) -> None:
    """Write `g` as RDF to the binary file `out`.

    Turtle and N-Triples are written straight from the records; JSON-LD (expanded form) and RDF/XML go through
    pyoxigraph's serializers (rdflib's when pyoxigraph is missing).

    Parameters
    ----------
    g : CompetencyGraph
    out : binary file
    format : {"turtle", "nt", "json-ld", "xml"}
    base : str
        The namespace of node IRIs.
    schema : bool
        Include the TBox of ``ontology/schema.ttl``.

    Examples
    --------
    >>> import io, mlgraph
    >>> g = mlgraph.CompetencyGraph.from_records([{"id": "python", "kind": "tool", "label": "Python"}])
    >>> buffer = io.BytesIO()
    >>> write_rdf(g, buffer, "turtle", schema=False)
    >>> print(buffer.getvalue().decode().split("\\n\\n")[2])
    :python a mlg:Tool, skos:Concept ;
        skos:inScheme : ;
        dcterms:identifier "python" ;
        skos:prefLabel "Python"@en .
    """
    check_base(base)
    if format not in FORMATS:
        raise MlgraphError(f"unknown RDF format {format!r}", hint="one of " + ", ".join(FORMATS))
    blocks = _all_blocks(g, base, schema)
    if format == "turtle":
        for chunk in _turtle_chunks(blocks, base):
            out.write(chunk.encode("utf-8"))
        return
    lines = _ntriples_lines(blocks)
    if format == "nt":
        buffer: list[str] = []
        for line in lines:
            buffer.append(line)
            if len(buffer) >= 20000:
                out.write("".join(buffer).encode("utf-8"))
                buffer.clear()
        out.write("".join(buffer).encode("utf-8"))
        return
    data = "".join(lines).encode("utf-8")
    if rdf_terms._has_oxigraph():
        import pyoxigraph as ox

        fmt = ox.RdfFormat.JSON_LD if format == "json-ld" else ox.RdfFormat.RDF_XML
        triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        ox.serialize(triples, out, fmt, prefixes={"": base, **PREFIXES})
        return
    import rdflib

    graph = rdflib.Graph()
    _bind(graph, base)
    graph.parse(data=data, format="nt")
    if format == "json-ld":
        out.write(graph.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True).encode("utf-8"))
    else:
        out.write(graph.serialize(format="pretty-xml").encode("utf-8"))


def to_rdf(
    g: CompetencyGraph,
    *,
    base: str = DEFAULT_BASE,
    schema: bool = True,
    store: str | None = None,
) -> rdflib.Graph:
    """The graph as an :class:`rdflib.Graph`, on the Oxigraph store when ``oxrdflib`` is installed.

    Parameters
    ----------
    g : CompetencyGraph
    base : str
        The namespace of node IRIs (default ``https://w3id.org/mlgraph/``): node ``python`` becomes
        ``<https://w3id.org/mlgraph/python>``.
    schema : bool
        Include the TBox of ``ontology/schema.ttl`` (classes, properties, the ``owl:Ontology`` header).
    store : str, optional
        The rdflib store: ``"Oxigraph"`` (fast SPARQL; the default when ``oxrdflib`` is installed) or
        ``"default"`` (rdflib's in-memory store, which pyshacl prefers).

    Returns
    -------
    rdflib.Graph
        With the prefixes ``mlg:``, ``skos:``, ``dcterms:``, ``esco:`` ... bound, so SPARQL queries can use them.

    Raises
    ------
    MlgraphError
        When `base` is not an absolute IRI.

    Examples
    --------
    >>> import mlgraph, rdflib
    >>> g = mlgraph.CompetencyGraph.from_records([{"id": "python", "kind": "tool", "label": "Python"}])
    >>> rdf = to_rdf(g, base="https://example.org/", schema=False)
    >>> rdf.value(rdflib.URIRef("https://example.org/python"), rdflib.namespace.SKOS.prefLabel)
    rdflib.term.Literal('Python', lang='en')
    """
    import io

    import rdflib

    buffer = io.BytesIO()
    write_rdf(g, buffer, "nt", base=base, schema=schema)
    if store is None:
        store = "Oxigraph" if rdf_terms._has_oxigraph() and rdf_terms._has_oxrdflib() else "default"
    graph = rdflib.Graph(store=store)
    _bind(graph, base)
    if store.lower() == "oxigraph":
        graph.parse(data=buffer.getvalue(), format="ox-nt")
    else:
        graph.parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    return graph
