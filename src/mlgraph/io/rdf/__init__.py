"""RDF: a :class:`~mlgraph.model.graph.CompetencyGraph` as triples and back, losslessly.

:func:`to_rdf` gives an :class:`rdflib.Graph` (on the Oxigraph store when ``oxrdflib`` is installed);
:func:`from_rdf` reads one back. :func:`write_rdf` and :func:`read_rdf` stream Turtle, N-Triples, JSON-LD
and RDF/XML files without an intermediate graph, which is what :func:`mlgraph.export` and
:func:`mlgraph.read` use: Turtle and N-Triples are written directly from the records (faster than building
triple objects) and every format is parsed by ``pyoxigraph`` when it is installed, by rdflib otherwise.

The mapping (the vocabulary is ``ontology/schema.ttl``, prefix ``mlg:``; node IRIs are ``base + id``, the id
percent-encoded where it holds characters an IRI cannot, ``/`` included; every IRI is named, no blank nodes):

=====================  ==========================================================================================
record                 triples
=====================  ==========================================================================================
node                   ``<base+id> a mlg:Skill, skos:Concept ; skos:inScheme <base> ; dcterms:identifier "id"``
                       (the class is ``mlg:Role``, ``mlg:Skill``, ``mlg:Tool``, ``mlg:Concept`` or
                       ``mlg:LearningResource``: the kind)
label, aliases         ``skos:prefLabel "..."@en``, one ``skos:altLabel "..."@en`` each
description            ``skos:definition "..."@en``
effort_hours           ``mlg:effortHours 40.0`` (``xsd:decimal``)
starting_point         ``mlg:startingPoint true`` (stated only when true)
sources                ``dcterms:source <base>source/<id>`` each; the source IRI has ``dcterms:identifier``
resource_type, url     ``mlg:resourceType "book"``, ``schema:url "..."^^xsd:anyURI``
authors                ``schema:author "..."`` each
salaries               ``mlg:salary <base>salary/<id>/<n>``: ``a mlg:Salary ; mlg:position n ; schema:minValue ;
                       schema:maxValue ; schema:currency ; mlg:period ; mlg:seniority ; mlg:region ; mlg:basis ;
                       dcterms:source``
mappings               ``skos:exactMatch`` (``closeMatch``, ``broadMatch``, ``narrowMatch``, ``relatedMatch``) to
                       the ESCO URI or O*NET OnLine page, qualified by ``<base>mapping/<id>/<n> a mlg:Mapping``
                       (an ``rdf:Statement`` of that triple) with ``mlg:position``, ``mlg:scheme``,
                       ``mlg:targetUri``, ``mlg:targetCode``, ``mlg:targetLabel``
prerequisite u -> v    ``<u> mlg:prerequisiteOf <v>`` (u is learned before v; the closure of what comes before v
                       is ``?u mlg:prerequisiteOf+ <v>``; readers also accept ``<v> mlg:hasPrerequisite <u>``)
related                ``<u> skos:related <v>``
requirement            ``<role> esco:relatedEssentialSkill <c>`` (or ``esco:relatedOptionalSkill``), qualified by
                       ``<base>requirement/<role>/<c> a mlg:Requirement`` (an ``rdf:Statement`` of that triple)
                       with ``mlg:level`` and ``dcterms:source``
progression, teaches   ``<r1> mlg:progressesTo <r2>``, ``<resource> mlg:teaches <c>``
edge sources           ``<base><relation>/<u>/<v> a rdf:Statement`` of the edge's triple, with ``dcterms:source``
                       (stated only when the edge cites sources)
declared source        ``<base>source/<id> a mlg:Source ; dcterms:identifier ; dcterms:title ; mlg:sourceKind ;
                       schema:url ; rdfs:comment`` (the note)
the graph              ``<base> a skos:ConceptScheme ; dcterms:conformsTo <https://w3id.org/mlgraph/ontology>``
=====================  ==========================================================================================

RDF values are unordered, so the order of aliases, sources and authors is kept by ``mlg:aliasOrder``,
``mlg:sourceOrder`` and ``mlg:authorOrder`` (a JSON array), stated only when the order is not already sorted
and free of repeats; salaries and mappings carry ``mlg:position``. With ``schema=True`` (the default) the
TBox of ``ontology/schema.ttl`` travels along, so Protégé and reasoners see the class hierarchy.

>>> import mlgraph
>>> g = mlgraph.CompetencyGraph.from_records(
...     [{"id": "algebra", "kind": "concept", "label": "Algebra"},
...      {"id": "calculus", "kind": "concept", "label": "Calculus", "effort_hours": 60}],
...     [{"source": "algebra", "target": "calculus", "relation": "prerequisite"}])
>>> rdf = to_rdf(g)
>>> q = "SELECT ?p WHERE { ?p mlg:prerequisiteOf+ <https://w3id.org/mlgraph/calculus> }"
>>> [str(row.p) for row in rdf.query(q)]
['https://w3id.org/mlgraph/algebra']
>>> from_rdf(rdf) == g
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote, unquote

from rdflib import namespace as ns

from mlgraph.errors import FormatError, GraphValidationError, MlgraphError, Problem
from mlgraph.model.vocab import DEFAULT_BASE, ESCO, MLG, ONTOLOGY_IRI

TYPE_CHECKING = False
if TYPE_CHECKING:
    import rdflib

    from mlgraph.model.graph import CompetencyGraph

__all__ = [
    "FORMATS",
    "PREFIXES",
    "check_base",
    "encode_id",
    "from_rdf",
    "load_rdflib",
    "read_rdf",
    "to_rdf",
    "write_rdf",
]

FORMATS = ("turtle", "nt", "json-ld", "xml")
"""The RDF formats :func:`write_rdf` and :func:`read_rdf` handle."""

PREFIXES: dict[str, str] = {
    "mlg": str(MLG._NS),
    "rdf": str(ns.RDF),
    "rdfs": str(ns.RDFS),
    "owl": str(ns.OWL),
    "xsd": str(ns.XSD),
    "skos": str(ns.SKOS),
    "dcterms": str(ns.DCTERMS),
    "schema": str(ns.SDO),
    "esco": str(ESCO),
}
"""The prefixes of exported Turtle (plus the empty prefix ``:`` for the node base)."""

# ---------------------------------------------------------------- IRIs as plain strings (fast)
_TYPE, _SUBJECT, _PREDICATE, _OBJECT, _STATEMENT = (
    str(ns.RDF.type),
    str(ns.RDF.subject),
    str(ns.RDF.predicate),
    str(ns.RDF.object),
    str(ns.RDF.Statement),
)
_LABEL, _ALT, _DEF, _INSCHEME, _CONCEPT, _SCHEME, _RELATED = (
    str(ns.SKOS.prefLabel),
    str(ns.SKOS.altLabel),
    str(ns.SKOS.definition),
    str(ns.SKOS.inScheme),
    str(ns.SKOS.Concept),
    str(ns.SKOS.ConceptScheme),
    str(ns.SKOS.related),
)
_ID, _SOURCE, _TITLE, _CONFORMS = (
    str(ns.DCTERMS.identifier),
    str(ns.DCTERMS.source),
    str(ns.DCTERMS.title),
    str(ns.DCTERMS.conformsTo),
)
_COMMENT = str(ns.RDFS.comment)
_URL, _AUTHOR, _MIN, _MAX, _CURRENCY = (
    str(ns.SDO.url),
    str(ns.SDO.author),
    str(ns.SDO.minValue),
    str(ns.SDO.maxValue),
    str(ns.SDO.currency),
)
_ESSENTIAL, _OPTIONAL = str(ESCO.relatedEssentialSkill), str(ESCO.relatedOptionalSkill)
_M = {name: str(getattr(MLG, name)) for name in MLG.__annotations__}
_XSD_STRING, _XSD_DECIMAL, _XSD_INTEGER, _XSD_BOOLEAN, _XSD_DOUBLE, _XSD_ANYURI = (
    str(ns.XSD.string),
    str(ns.XSD.decimal),
    str(ns.XSD.integer),
    str(ns.XSD.boolean),
    str(ns.XSD.double),
    str(ns.XSD.anyURI),
)
_EN = "@en"
_ONTOLOGY = str(ONTOLOGY_IRI)

KIND_CLASSES: dict[str, str] = {
    "role": _M["Role"],
    "skill": _M["Skill"],
    "tool": _M["Tool"],
    "concept": _M["Concept"],
    "resource": _M["LearningResource"],
}
_KIND_OF_CLASS = {iri: kind for kind, iri in KIND_CLASSES.items()}
_MATCHES: dict[str, str] = {m: str(ns.SKOS[f"{m}Match"]) for m in ("exact", "close", "broad", "narrow", "related")}
_MATCH_OF = {iri: m for m, iri in _MATCHES.items()}
# relation -> the predicate of its direct triple (subject = the edge's source)
_EDGE_PREDICATES = {
    "prerequisite": _M["prerequisiteOf"],
    "related": _RELATED,
    "progression": _M["progressesTo"],
    "teaches": _M["teaches"],
}
# predicate -> (relation, importance, reversed)
_RELATION_OF: dict[str, tuple[str, str | None, bool]] = {
    _M["prerequisiteOf"]: ("prerequisite", None, False),
    _M["hasPrerequisite"]: ("prerequisite", None, True),
    _RELATED: ("related", None, False),
    _M["progressesTo"]: ("progression", None, False),
    _M["teaches"]: ("teaches", None, False),
    _ESSENTIAL: ("requirement", "essential", False),
    _OPTIONAL: ("requirement", "optional", False),
}

# ---------------------------------------------------------------- small codecs
_SIMPLE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
_IRI_SAFE = "-._~!$&'()*+,;=@"  # sub-delims and '@' stay; '/', ':', '#', '?', '%' and non-ASCII are encoded
_IRI_OK = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|\\^`]*")


def encode_id(node_id: str) -> str:
    """The IRI path segment for an id: the id itself, percent-encoded where needed (``/`` included).

    >>> encode_id("ci-cd"), encode_id("c++/cli"), encode_id("café")
    ('ci-cd', 'c++%2Fcli', 'caf%C3%A9')
    """
    if _SIMPLE_ID.fullmatch(node_id):
        return node_id
    return quote(node_id, safe=_IRI_SAFE)


def check_base(base: str) -> str:
    """`base` if it is an absolute IRI that node ids can be appended to, else :class:`MlgraphError`.

    >>> check_base("https://example.org/skills/")
    'https://example.org/skills/'
    >>> check_base("not an iri")
    Traceback (most recent call last):
    ...
    mlgraph.errors.MlgraphError: invalid base IRI 'not an iri' (give an absolute IRI such as https://example.org/skills/)
    """
    if not isinstance(base, str) or not _IRI_OK.fullmatch(base) or "#" in base[:-1]:
        raise MlgraphError(
            f"invalid base IRI {base!r}", hint="give an absolute IRI such as https://example.org/skills/"
        )
    return base


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

    yield base, [(_TYPE, _SCHEME, None), (_CONFORMS, _ONTOLOGY, None)]
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
            terms = [is_statement, (_SUBJECT, iri[source], None), predicates[relation], (_OBJECT, iri[target], None)]
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


def _has_oxigraph() -> bool:
    try:
        import pyoxigraph  # noqa: F401
    except ImportError:
        return False
    return True


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
    if _has_oxigraph():
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


def _bind(graph: rdflib.Graph, base: str) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("", base, override=True, replace=True)


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
        store = "Oxigraph" if _has_oxigraph() and _has_oxrdflib() else "default"
    graph = rdflib.Graph(store=store)
    _bind(graph, base)
    if store.lower() == "oxigraph":
        graph.parse(data=buffer.getvalue(), format="ox-nt")
    else:
        graph.parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    return graph


def _has_oxrdflib() -> bool:
    try:
        import oxrdflib  # noqa: F401
    except ImportError:
        return False
    return True


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
    if not _has_oxigraph():
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

    Use :func:`mlgraph.io.formats.rdf_graph`, which refuses hostile files first.

    Raises
    ------
    FormatError
        When the file is not valid in `format`.
    """
    path = Path(path)
    if _has_oxigraph() and _has_oxrdflib():
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
    if not _has_oxigraph():
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


def _local_name(iri: str) -> str:
    cut = max(iri.rfind("/"), iri.rfind("#"), iri.rfind(":"))
    return unquote(iri[cut + 1 :]) or iri


def _number(text: str | None) -> float:
    try:
        return float(text) if text is not None else float("inf")
    except ValueError:
        return float("inf")


class _Assembler:
    """Records from the collected triples: nodes, edges and sources, validated into a graph."""

    def __init__(self, tables: Tables, origin: str | None) -> None:
        self.tables = tables
        self.origin = origin
        self.problems: list[Problem] = []
        self._single: dict[str, dict[str, str]] = {}
        self._multi: dict[str, dict[str, list[tuple[str, str | None]]]] = {}
        self.ids = self.single(_ID)

    # ---- lookups, built once per predicate
    def single(self, predicate: str) -> dict[str, str]:
        """``{subject: its first object}`` for one predicate."""
        table = self._single.get(predicate)
        if table is None:
            # walking backwards, the first value of each subject is the one that stays
            table = self._single[predicate] = {s: o for s, o, _ in reversed(self.tables[predicate])}
        return table

    def multi(self, predicate: str) -> dict[str, list[tuple[str, str | None]]]:
        """``{subject: [(object, language), ...]}`` for one predicate."""
        table = self._multi.get(predicate)
        if table is None:
            table = self._multi[predicate] = {}
            for s, o, lang in self.tables[predicate]:
                values = table.get(s)
                if values is None:
                    table[s] = [(o, lang)]
                else:
                    values.append((o, lang))
        return table

    def id_of(self, iri: str) -> str:
        """The id of a node or source: its ``dcterms:identifier``, else the end of its IRI."""
        value = self.ids.get(iri)
        return value if value is not None else _local_name(iri)

    def ordered(self, values: list[str], hint_predicate: str, s: str) -> list[str]:
        """`values` in the order an ``mlg:*Order`` hint gives, when it lists exactly them; else sorted."""
        unique = sorted(set(values))
        hint = self.single(hint_predicate).get(s)
        if hint is not None:
            try:
                listed = json.loads(hint)
            except ValueError:
                listed = None
            if isinstance(listed, list) and all(isinstance(v, str) for v in listed) and sorted(set(listed)) == unique:
                return listed
        return unique

    def sources_of(self, s: str) -> list[str]:
        cited = self.multi(_SOURCE).get(s, ())
        return self.ordered([self.id_of(o) for o, _ in cited], _M["sourceOrder"], s)

    def problem(self, message: str, node_id: str | None = None) -> None:
        self.problems.append(Problem(message, self.origin, None, node_id))

    # ---- the records
    def classify(self) -> tuple[dict[str, str], list[str], list[str], list[str], list[str]]:
        """Node subjects with their kind; requirement, statement, mapping and source subjects."""
        classes: dict[str, set[str]] = {}
        requirements: list[str] = []
        statements: list[str] = []
        mappings: list[str] = []
        declared: list[str] = []
        requirement, mapping, source = _M["Requirement"], _M["Mapping"], _M["Source"]
        for s, o, lang in self.tables[_TYPE]:
            if lang is not None:
                continue
            kind = _KIND_OF_CLASS.get(o)
            if kind is not None:
                classes.setdefault(s, set()).add(kind)
            elif o == requirement:
                requirements.append(s)
            elif o == _STATEMENT:
                statements.append(s)
            elif o == mapping:
                mappings.append(s)
            elif o == source:
                declared.append(s)
        kinds: dict[str, str] = {}
        for s, found in classes.items():
            if len(found) == 1:
                kinds[s] = found.pop()
            else:
                self.problem(f"<{s}> has several kinds: {', '.join(sorted(found))}", self.id_of(s))
        unique = dict.fromkeys
        return (
            kinds,
            list(unique(requirements)),
            list(unique(statements)),
            list(unique(mappings)),
            list(unique(declared)),
        )

    def nodes(self, kinds: dict[str, str], mapping_subjects: list[str]) -> list[dict[str, Any]]:
        labels, alt, definition = self.multi(_LABEL), self.multi(_ALT), self.multi(_DEF)
        hours, starting = self.single(_M["effortHours"]), self.single(_M["startingPoint"])
        resource_type, url, authors = self.single(_M["resourceType"]), self.single(_URL), self.multi(_AUTHOR)
        cited, salaries_of = self.multi(_SOURCE), self.multi(_M["salary"])
        mappings_of = self.mappings(mapping_subjects)
        nodes = []
        for s, kind in kinds.items():
            node: dict[str, Any] = {"id": self.id_of(s), "kind": kind}
            if (label := _preferred(labels.get(s))) is not None:
                node["label"] = label
            if s in alt:
                node["aliases"] = self.ordered(_english(alt[s]), _M["aliasOrder"], s)
            if (description := _preferred(definition.get(s))) is not None:
                node["description"] = description
            if s in hours:
                node["effort_hours"] = hours[s]
            if s in starting:
                node["starting_point"] = starting[s]
            if s in cited:
                node["sources"] = self.sources_of(s)
            if s in resource_type:
                node["resource_type"] = resource_type[s]
            if s in url:
                node["url"] = url[s]
            if s in authors:
                node["authors"] = self.ordered([o for o, _ in authors[s]], _M["authorOrder"], s)
            if s in salaries_of:
                node["salaries"] = self.salaries([o for o, _ in salaries_of[s]])
            if s in mappings_of:
                node["mappings"] = [record for _, _, record in sorted(mappings_of[s], key=lambda t: t[:2])]
            nodes.append(node)
        return nodes

    def salaries(self, iris: list[str]) -> list[dict[str, Any]]:
        found = []
        source = self.single(_SOURCE)
        for iri in dict.fromkeys(iris):
            record: dict[str, Any] = {"source": self.id_of(source[iri]) if iri in source else None}
            for field, predicate in (
                ("min", _MIN),
                ("max", _MAX),
                ("currency", _CURRENCY),
                ("period", _M["period"]),
                ("seniority", _M["seniority"]),
                ("region", _M["region"]),
                ("basis", _M["basis"]),
            ):
                value = self.single(predicate).get(iri)
                if value is not None:
                    record[field] = value
            found.append((_number(self.single(_M["position"]).get(iri)), iri, record))
        return [record for _, _, record in sorted(found, key=lambda t: t[:2])]

    def mappings(self, subjects: list[str]) -> dict[str, list[tuple[float, str, dict[str, Any]]]]:
        found: dict[str, list[tuple[float, str, dict[str, Any]]]] = {}
        subject_of, predicate_of = self.single(_SUBJECT), self.single(_PREDICATE)
        for m in subjects:
            subject = subject_of.get(m)
            if subject is None:
                continue
            record: dict[str, Any] = {
                "scheme": self.single(_M["scheme"]).get(m),
                "match": _MATCH_OF.get(predicate_of.get(m, "")),
            }
            for field, predicate in (("uri", "targetUri"), ("code", "targetCode"), ("label", "targetLabel")):
                value = self.single(_M[predicate]).get(m)
                if value is not None:
                    record[field] = value
            position = _number(self.single(_M["position"]).get(m))
            found.setdefault(subject, []).append((position, m, record))
        return found

    def edges(self, kinds: dict[str, str], requirements: list[str], statements: list[str]) -> list[Any]:
        from mlgraph.model.records import EdgeRow

        node_id = {s: self.id_of(s) for s in kinds}
        edges: dict[tuple[str, str, str], list[Any]] = {}  # key -> [importance, level, sources]
        for predicate, (relation, importance, reverse) in _RELATION_OF.items():
            for s, o, lang in self.tables[predicate]:
                u = node_id.get(s)
                if u is None:
                    continue
                v = node_id.get(o) if lang is None else None
                if v is None:
                    if relation != "related":
                        shown = f"<{o}>" if lang is None else repr(o)
                        self.problem(f"{relation} edge from {u!r} points to {shown}, which is not a node", u)
                    continue
                key = (v, u, relation) if reverse else (u, v, relation)
                if key not in edges:
                    edges[key] = [importance, None, ()]
        subject_of, predicate_of, object_of = self.single(_SUBJECT), self.single(_PREDICATE), self.single(_OBJECT)
        level_of, cited = self.single(_M["level"]), self.multi(_SOURCE)
        for qualified, statement_subjects in ((True, requirements), (False, statements)):
            for q in statement_subjects:
                s, p, o = subject_of.get(q), predicate_of.get(q), object_of.get(q)
                if s is None or p not in _RELATION_OF or o is None:
                    if qualified:
                        self.problem(f"requirement <{q}> lacks its rdf:subject, rdf:predicate or rdf:object")
                    continue
                relation, importance, reverse = _RELATION_OF[p]
                u, v = node_id.get(s), node_id.get(o)
                if u is None or v is None:
                    continue
                key = (v, u, relation) if reverse else (u, v, relation)
                entry = edges.get(key)
                if entry is None:
                    if not qualified:
                        continue  # an annotation of a triple the file does not state
                    entry = edges[key] = [importance, None, ()]
                if importance is not None:
                    entry[0] = importance
                if q in level_of:
                    entry[1] = level_of[q]
                if q in cited:
                    entry[2] = tuple(self.sources_of(q))
        rows = []
        for (u, v, relation), (importance, level, sources) in edges.items():
            if relation == "requirement":
                try:
                    level = 3 if level is None else int(level)
                except ValueError:
                    self.problem(f"requirement {u} -> {v}: level {level!r} is not an integer", u)
                    continue
                if not 1 <= level <= 5:
                    self.problem(f"requirement {u} -> {v}: level {level} is not between 1 and 5", u)
                    continue
                rows.append(EdgeRow(u, v, relation, importance or "essential", level, sources))
            else:
                rows.append(EdgeRow(u, v, relation, None, None, sources))
        return rows

    def sources(self, declared: list[str]) -> list[dict[str, Any]]:
        sources = []
        for s in declared:
            record = {"id": self.id_of(s)}
            for field, predicate in (("title", _TITLE), ("kind", _M["sourceKind"]), ("url", _URL), ("note", _COMMENT)):
                value = self.single(predicate).get(s)
                if value is not None:
                    record[field] = value
            sources.append(record)
        return sources


def _preferred(values: list[tuple[str, str | None]] | None) -> str | None:
    """The English value (else one without a language, else the first)."""
    if not values:
        return None
    for wanted in ("en", ""):
        for o, lang in values:
            if lang is not None and lang.lower() == wanted:
                return o
    return values[0][0]


def _english(values: list[tuple[str, str | None]]) -> list[str]:
    tagged = [o for o, lang in values if lang is not None and lang.lower() in ("en", "")]
    return tagged or [o for o, _ in values]


def _assemble(tables: Tables, count: int, origin: str | None = None) -> CompetencyGraph:
    """Validate the collected triples into a graph."""
    from mlgraph.model.graph import CompetencyGraph

    if count == 0:
        raise FormatError("the file holds no triples", path=origin)
    assembler = _Assembler(tables, origin)
    kinds, requirements, statements, mappings, declared = assembler.classify()
    if not kinds and not any(o == _ONTOLOGY for _, o, _ in tables[_CONFORMS]):
        raise FormatError(
            "no mlgraph nodes in this file (no subject is typed mlg:Role, mlg:Skill, mlg:Tool, mlg:Concept or "
            "mlg:LearningResource)",
            path=origin,
        )
    nodes = assembler.nodes(kinds, mappings)
    rows = assembler.edges(kinds, requirements, statements)
    sources = assembler.sources(declared)
    if assembler.problems:
        raise GraphValidationError(assembler.problems)
    return CompetencyGraph.from_records(nodes, rows, sources=sources, origin=origin)


def read_rdf(path: str | Path, format: str = "turtle") -> CompetencyGraph:
    """Read a graph from an RDF file written by :func:`write_rdf` (or by hand in the same vocabulary).

    Parameters
    ----------
    path : str or Path
    format : {"turtle", "nt", "json-ld", "xml"}

    Returns
    -------
    CompetencyGraph

    Raises
    ------
    FormatError
        When the file is empty, not valid in `format` (naming the line where the parser gives one), or holds
        no mlgraph nodes.
    GraphValidationError
        When the records break a rule of the graph.

    Use :func:`mlgraph.read`, which also refuses hostile XML and JSON-LD before parsing.
    """
    if format not in FORMATS:
        raise MlgraphError(f"unknown RDF format {format!r}", hint="one of " + ", ".join(FORMATS))
    path = Path(path)
    return _assemble(*_collect_file(path, format), origin=str(path))


def from_rdf(graph: rdflib.Graph) -> CompetencyGraph:
    """The :class:`~mlgraph.model.graph.CompetencyGraph` held by an :class:`rdflib.Graph` made by :func:`to_rdf`.

    Any base IRI works: ids come from ``dcterms:identifier``.

    Raises
    ------
    FormatError
        When the graph is empty or holds no mlgraph nodes.
    GraphValidationError
        When the records break a rule of the graph.

    Examples
    --------
    >>> import mlgraph
    >>> g = mlgraph.CompetencyGraph.from_records([{"id": "python", "kind": "tool", "label": "Python"}])
    >>> from_rdf(to_rdf(g, base="https://example.org/")).node("python").label
    'Python'
    """
    return _assemble(*_collect(_rdflib_triples(graph)))
