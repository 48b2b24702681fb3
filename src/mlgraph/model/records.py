"""Validated records: what a node, an edge and a source are.

Every way into mlgraph (YAML files, RDF, GraphML, code) produces these records, and
:class:`~mlgraph.model.graph.CompetencyGraph` is built from them. They are small frozen pydantic models; inside
the graph, work happens on plain ids.

>>> Node(id="python", kind="tool", label="Python", effort_hours=100).is_learnable
True
>>> Edge(source="python", target="pytorch", relation="prerequisite").relation
'prerequisite'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "COMPETENCY_KINDS",
    "IMPORTANCES",
    "KINDS",
    "LEVELS",
    "RELATIONS",
    "Edge",
    "EdgeRow",
    "Mapping",
    "Node",
    "Salary",
    "Source",
    "check_iri",
]

Kind = Literal["role", "skill", "tool", "concept", "resource"]
Relation = Literal["prerequisite", "related", "requirement", "progression", "teaches", "broader"]
Importance = Literal["essential", "optional"]
MatchStrength = Literal["exact", "close", "broad", "narrow", "related"]

KINDS: tuple[str, ...] = ("role", "skill", "tool", "concept", "resource")
"""Every node kind."""
COMPETENCY_KINDS: frozenset[str] = frozenset({"skill", "tool", "concept"})
"""The learnable kinds: what a role requires and a plan teaches."""
RELATIONS: tuple[str, ...] = ("prerequisite", "related", "requirement", "progression", "teaches", "broader")
"""Every edge relation. ``broader`` joins a part to its umbrella topic (``skos:broader``)."""
IMPORTANCES: tuple[str, ...] = ("essential", "optional")
LEVELS: dict[int, str] = {1: "awareness", 2: "basic", 3: "working", 4: "advanced", 5: "expert"}
"""The requirement level scale, 1-5 (documented in ``ontology/README.md``)."""


# RFC 3987 (IRI) without pyoxigraph: scheme, an optional authority (an IP literal in brackets), then path, query and
# one fragment of unreserved, sub-delim, ':', '@', '/', '?' and non-ASCII characters or %XX escapes
_UCS = "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U000efffd"
_C = rf"(?:[A-Za-z0-9\-._~!$&'()*+,;={_UCS}]|%[0-9A-Fa-f]{{2}})"
_IRI = re.compile(
    rf"[A-Za-z][A-Za-z0-9+.\-]*:"
    rf"(?://(?:(?:{_C}|:)*@)?(?:\[[0-9A-Fa-f:.]+\]|v[0-9A-Fa-f]+\.[^\]]+\]|{_C}*)(?::[0-9]*)?)?"
    rf"(?:{_C}|[:@/])*(?:\?(?:{_C}|[:@/?])*)?(?:#(?:{_C}|[:@/?])*)?"
)


@lru_cache(maxsize=65536)
def _iri_problem(value: str) -> str | None:
    try:
        from pyoxigraph import NamedNode
    except ImportError:
        return None if _IRI.fullmatch(value) else "not an absolute IRI (RFC 3987)"
    try:
        NamedNode(value)
    except ValueError as exc:
        return str(exc)
    return None


def check_iri(value: str) -> str:
    """`value` if it is an absolute IRI (RFC 3987; checked by pyoxigraph when installed), else ``ValueError``.

    >>> check_iri("http://data.europa.eu/esco/skill/abc")
    'http://data.europa.eu/esco/skill/abc'
    >>> check_iri("http://x/%zz")
    Traceback (most recent call last):
    ...
    ValueError: 'http://x/%zz' is not a valid IRI: ...
    """
    problem = _iri_problem(value)
    if problem is not None:
        raise ValueError(f"{value!r} is not a valid IRI: {problem}")
    return value


def _iri_or_none(value: str | None) -> str | None:
    return None if value is None else check_iri(value)


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Source(_Record):
    """A source that nodes and edges cite by id."""

    id: str = Field(min_length=1, description="Stable id, cited by nodes and edges.")
    title: str = Field(default="", description="Human-readable title.")
    kind: Literal["seed", "editorial", "dataset", "other"] = Field(default="other")
    url: str | None = Field(default=None, description="An absolute IRI.")
    note: str = ""
    license: str | None = Field(
        default=None, description="The licence of what the source gives, as an IRI (e.g. CC BY 4.0's URL)."
    )

    _check_url = field_validator("url", "license")(_iri_or_none)


class Mapping(_Record):
    """A crosswalk link from a node to ESCO or O*NET, with the strength of the match."""

    scheme: Literal["esco", "onet"] = Field(description="The target classification.")
    match: MatchStrength = Field(description="SKOS mapping strength.")
    uri: str | None = Field(default=None, description="ESCO concept URI.")
    code: str | None = Field(default=None, description="O*NET-SOC code, e.g. 15-2051.00.")
    label: str = Field(default="", description="The target's own label.")

    _check_uri = field_validator("uri")(_iri_or_none)

    @model_validator(mode="after")
    def _target_is_an_iri(self) -> Mapping:
        if self.uri is None and self.code is not None:
            check_iri(self.target)
        return self

    @property
    def target(self) -> str:
        """The URI of the matched concept (an O*NET code becomes its O*NET OnLine page)."""
        if self.uri:
            return self.uri
        return f"https://www.onetonline.org/link/summary/{self.code}"


class Salary(_Record):
    """One salary figure, kept with the source that gives it (never averaged across sources)."""

    min: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    max: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    currency: str = "USD"
    period: Literal["year", "month", "hour"] = "year"
    seniority: Literal["entry", "mid", "senior", "any"] = "any"
    region: str | None = None
    basis: Literal["base", "total-compensation", "average"] | None = None
    source: str = Field(min_length=1, description="The source id the figure comes from.")


class Node(_Record):
    """A role, skill, tool, concept or resource.

    Only `id`, `kind` and `label` are required; the bundled graph also requires a description, sources and,
    for learnable nodes, `effort_hours` (checked by its content tests).
    """

    id: str = Field(min_length=1, pattern=r"^\S+$", description="Stable id, kebab-case in the bundled graph.")
    kind: Kind
    label: str = Field(min_length=1, description="The name people know it by.")
    aliases: tuple[str, ...] = Field(default=(), description="Other names and abbreviations.")
    description: str = ""
    effort_hours: float | None = Field(
        default=None, ge=0, allow_inf_nan=False, description="Hours to working proficiency, prerequisites known."
    )
    sources: tuple[str, ...] = Field(default=(), description="Ids of the sources it comes from.")
    mappings: tuple[Mapping, ...] = ()
    starting_point: bool = Field(default=False, description="Learnable without any prerequisite.")
    salaries: tuple[Salary, ...] = Field(default=(), description="Roles only.")
    resource_type: str | None = Field(default=None, description="Resources only: book, course, ...")
    url: str | None = Field(default=None, description="Resources only: an absolute IRI.")
    authors: tuple[str, ...] = ()
    area: str | None = Field(
        default=None, description="The area it belongs to (math, ml, deep-learning ...); the YAML file's by default."
    )

    _check_url = field_validator("url")(_iri_or_none)

    @field_validator("label")
    @classmethod
    def _label_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("label is empty")
        return value

    @property
    def is_learnable(self) -> bool:
        """True for skills, tools and concepts."""
        return self.kind in COMPETENCY_KINDS


class Edge(_Record):
    """A typed edge. `prerequisite` u -> v means u is learned before v.

    Requirement edges (role -> competency) carry `importance` and `level`; when omitted they default to
    essential, level 3. A `broader` edge part -> umbrella uses `importance` to say whether the part is *core*
    to its umbrella (``essential``, the default) or not (``optional``); see :attr:`core`.
    """

    source: str = Field(min_length=1)
    target: str = Field(min_length=1)
    relation: Relation
    importance: Importance | None = None
    level: int | None = Field(default=None, ge=1, le=5)
    sources: tuple[str, ...] = ()

    def model_post_init(self, __context: object) -> None:
        if self.relation == "requirement":
            if self.importance is None:
                object.__setattr__(self, "importance", "essential")
            if self.level is None:
                object.__setattr__(self, "level", 3)
        elif self.relation == "broader" and self.importance is None:
            object.__setattr__(self, "importance", "essential")

    @property
    def core(self) -> bool:
        """For a `broader` edge: the part is core to its umbrella (reaching the umbrella means learning it)."""
        return self.relation == "broader" and self.importance != "optional"

    @property
    def id(self) -> str:
        """The target id: for a requirement, the competency required."""
        return self.target

    @property
    def key(self) -> tuple[str, str, str]:
        """``(source, target, relation)``: at most one edge per key."""
        return (self.source, self.target, self.relation)


class EdgeRow(NamedTuple):
    """An edge as a plain tuple: how the graph stores edges inside (cheap at 150,000 edges).

    Has the same attributes as :class:`Edge`; :meth:`record` turns it into one.
    """

    source: str
    target: str
    relation: str
    importance: str | None = None
    level: int | None = None
    sources: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        """``(source, target, relation)``."""
        return (self.source, self.target, self.relation)

    @property
    def core(self) -> bool:
        """For a `broader` edge: the part is core to its umbrella."""
        return self.relation == "broader" and self.importance != "optional"

    def record(self) -> Edge:
        """The validated-shape :class:`Edge` record (built without re-validating)."""
        return Edge.model_construct(
            source=self.source,
            target=self.target,
            relation=self.relation,
            importance=self.importance,
            level=self.level,
            sources=self.sources,
        )

    @classmethod
    def of(cls, edge: Edge) -> EdgeRow:
        """The row for an :class:`Edge` record."""
        return cls(edge.source, edge.target, edge.relation, edge.importance, edge.level, edge.sources)


def edge_rows(items: list[dict[str, object]]) -> list[EdgeRow]:
    """Validate many edge dicts at once into rows (5x faster than one :class:`Edge` each).

    Raises pydantic's ``ValidationError`` on the first bad batch; callers re-check item by item to
    describe every problem.
    """
    adapter = _edge_dicts_adapter()
    make = tuple.__new__  # EdgeRow(...) costs twice as much at 150,000 edges
    rows = []
    for d in adapter.validate_python(items):
        relation = d["relation"]
        importance, level = d.get("importance"), d.get("level")
        if relation == "requirement":
            importance = importance or "essential"
            level = level or 3
        elif relation == "broader":
            importance = importance or "essential"
        rows.append(make(EdgeRow, (d["source"], d["target"], relation, importance, level, d.get("sources", ()))))
    return rows


def trusted_edge_rows(edges: Iterable[dict[str, Any]]) -> list[EdgeRow]:
    """Edge dicts as rows without pydantic's per-edge check, for importers that built them from known-good values.

    The graph still checks every reference, kind and cycle when it is made from them.

    >>> trusted_edge_rows([{"source": "a", "target": "b", "relation": "prerequisite", "sources": ["x"]}])[0].sources
    ('x',)
    """
    return [
        EdgeRow(e["source"], e["target"], e["relation"], e.get("importance"), e.get("level"), tuple(e["sources"]))
        for e in edges
    ]


_ADAPTER: object | None = None


def _edge_dicts_adapter() -> Any:
    global _ADAPTER
    if _ADAPTER is None:
        from typing import Annotated

        from pydantic import TypeAdapter
        from typing_extensions import NotRequired, TypedDict

        class EdgeDict(TypedDict):
            __pydantic_config__ = ConfigDict(extra="forbid", str_strip_whitespace=True)  # type: ignore[misc]
            source: Annotated[str, Field(min_length=1)]
            target: Annotated[str, Field(min_length=1)]
            relation: Relation
            importance: NotRequired[Importance | None]
            level: NotRequired[Annotated[int, Field(ge=1, le=5)] | None]
            sources: NotRequired[tuple[str, ...]]

        _ADAPTER = TypeAdapter(list[EdgeDict])
    return _ADAPTER
