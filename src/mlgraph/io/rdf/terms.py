"""The RDF vocabulary as plain strings, and the codecs shared by the writer and the reader.

IRIs are kept as ``str`` (not rdflib terms) because the writer and the reader handle hundreds of thousands of
triples; :mod:`mlgraph.model.vocab` holds the same terms as rdflib ``URIRef`` for users.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import namespace as ns

from mlgraph.errors import MlgraphError
from mlgraph.model.vocab import ESCO, MLG, ONTOLOGY_IRI

TYPE_CHECKING = False
if TYPE_CHECKING:
    import rdflib

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
_BROADER = str(ns.SKOS.broader)
_LICENSE = str(ns.DCTERMS.license)
DATA_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
"""The licence of the graph's content (CC BY 4.0), stated on every export as ``dcterms:license``."""
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
    "broader": _BROADER,
}
# predicate -> (relation, importance, reversed)
_RELATION_OF: dict[str, tuple[str, str | None, bool]] = {
    _M["prerequisiteOf"]: ("prerequisite", None, False),
    _M["hasPrerequisite"]: ("prerequisite", None, True),
    _RELATED: ("related", None, False),
    _M["progressesTo"]: ("progression", None, False),
    _M["teaches"]: ("teaches", None, False),
    _BROADER: ("broader", "optional", False),
    _M["corePartOf"]: ("broader", "essential", False),
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
    from mlgraph.model.records import _iri_problem

    if not isinstance(base, str) or _iri_problem(base) is not None or "#" in base[:-1]:
        raise MlgraphError(
            f"invalid base IRI {base!r}", hint="give an absolute IRI such as https://example.org/skills/"
        )
    return base


def _has_oxigraph() -> bool:
    try:
        import pyoxigraph  # noqa: F401
    except ImportError:
        return False
    return True


def _has_oxrdflib() -> bool:
    try:
        import oxrdflib  # noqa: F401
    except ImportError:
        return False
    return True


def _bind(graph: rdflib.Graph, base: str) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("", base, override=True, replace=True)
