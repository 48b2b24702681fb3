"""Triples to records: the collected triples validated into a :class:`~mlgraph.model.graph.CompetencyGraph`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from mlgraph.errors import FormatError, GraphValidationError, MlgraphError, Problem
from mlgraph.io.rdf.parse import Tables, _collect, _collect_file, _rdflib_triples
from mlgraph.io.rdf.terms import (
    _ALT,
    _AUTHOR,
    _COMMENT,
    _CONFORMS,
    _CURRENCY,
    _DEF,
    _ID,
    _KIND_OF_CLASS,
    _LABEL,
    _LICENSE,
    _M,
    _MATCH_OF,
    _MAX,
    _MIN,
    _OBJECT,
    _ONTOLOGY,
    _PREDICATE,
    _RELATION_OF,
    _SOURCE,
    _STATEMENT,
    _SUBJECT,
    _TITLE,
    _TYPE,
    _URL,
    FORMATS,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    import rdflib

    from mlgraph.model.graph import CompetencyGraph

__all__ = ["from_rdf", "read_rdf"]


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
        area = self.single(_M["area"])
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
            if s in area:
                node["area"] = area[s]
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
                entry = edges.get(key)
                if entry is None:
                    edges[key] = [importance, None, ()]
                elif relation == "broader" and importance == "essential":
                    entry[0] = importance  # skos:broader and mlg:corePartOf: a core part
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
                if importance is not None and not (relation == "broader" and entry[0] == "essential"):
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
            elif relation == "broader":
                rows.append(EdgeRow(u, v, relation, importance or "essential", None, sources))
            else:
                rows.append(EdgeRow(u, v, relation, None, None, sources))
        return rows

    def sources(self, declared: list[str]) -> list[dict[str, Any]]:
        sources = []
        for s in declared:
            record = {"id": self.id_of(s)}
            fields = (
                ("title", _TITLE),
                ("kind", _M["sourceKind"]),
                ("url", _URL),
                ("note", _COMMENT),
                ("license", _LICENSE),
            )
            for field, predicate in fields:
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
        When the file is refused by the guards (too large, not a file, hostile), empty, not valid in `format`
        (naming the line where the parser gives one), or holds no mlgraph nodes.
    GraphValidationError
        When the records break a rule of the graph.

    The file passes :func:`mlgraph.io.guards.checked_file` first (size, XML entities, remote JSON-LD contexts).
    """
    from mlgraph.io.guards import checked_file

    if format not in FORMATS:
        raise MlgraphError(f"unknown RDF format {format!r}", hint="one of " + ", ".join(FORMATS))
    path = checked_file(path, format)
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
    >>> from mlgraph.io.rdf import to_rdf
    >>> g = mlgraph.CompetencyGraph.from_records([{"id": "python", "kind": "tool", "label": "Python"}])
    >>> from_rdf(to_rdf(g, base="https://example.org/")).node("python").label
    'Python'
    """
    return _assemble(*_collect(_rdflib_triples(graph)))
