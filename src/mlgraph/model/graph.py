"""`CompetencyGraph`: the one graph every query, command and exporter works on.

It keeps the validated node records and the edges as plain rows with per-relation adjacency (cheap at
150,000 edges), and hands out a :class:`networkx.MultiDiGraph` with :meth:`CompetencyGraph.to_networkx` and
the prerequisite :class:`networkx.DiGraph` with :meth:`CompetencyGraph.prerequisite_dag`. Every method that
takes a node accepts its id or any name :meth:`CompetencyGraph.resolve` understands.

>>> g = CompetencyGraph.from_records(
...     [{"id": "python", "kind": "tool", "label": "Python", "aliases": ["py"]},
...      {"id": "pytorch", "kind": "tool", "label": "PyTorch"},
...      {"id": "ml-engineer", "kind": "role", "label": "ML Engineer"}],
...     [{"source": "python", "target": "pytorch", "relation": "prerequisite"},
...      {"source": "ml-engineer", "target": "pytorch", "relation": "requirement", "level": 4}])
>>> g.resolve("PY").id
'python'
>>> g.prerequisites("PyTorch")
['python']
>>> [(r.target, r.importance, r.level) for r in g.requirements("ml engineer")]
[('pytorch', 'essential', 4)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from mlgraph.errors import GraphValidationError, Problem, UnknownNodeError
from mlgraph.model.naming import NameIndex

__all__ = ["CompetencyGraph"]

T = TypeVar("T")

TYPE_CHECKING = False
if TYPE_CHECKING:
    import networkx as nx

    from mlgraph.model.records import Edge, EdgeRow, Node, Source
    from mlgraph.model.validation import Locations


def _as_records(items: Iterable[Any], model: type, what: str) -> list[Any]:
    """Validate dicts (or pass records through) into `model` instances, collecting every problem."""
    from pydantic import ValidationError

    from mlgraph.model.validation import describe_pydantic_error

    out = []
    problems: list[Problem] = []
    for i, item in enumerate(items):
        if isinstance(item, model):
            out.append(item)
            continue
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            ident = item.get("id") if isinstance(item, Mapping) else None
            if ident is None and isinstance(item, Mapping) and "source" in item:
                ident = f"{item.get('source')} -> {item.get('target')}"
            name = f"{what} {ident!r}" if ident else f"{what} #{i}"
            problems += [
                Problem(line, node_id=str(ident) if ident else None) for line in describe_pydantic_error(exc, name)
            ]
    if problems:
        raise GraphValidationError(problems)
    return out


def _as_node_records(items: Iterable[Any]) -> list[Node]:
    """Nodes as records: dicts validated in one batch (item by item only to explain errors)."""
    from pydantic import TypeAdapter, ValidationError

    from mlgraph.model.records import Node

    items = list(items)
    if all(isinstance(i, Node) for i in items):
        return items
    try:
        return TypeAdapter(list[Node]).validate_python(items)
    except ValidationError:
        return _as_records(items, Node, "node")  # raises, describing every bad node


def _as_edge_rows(items: Iterable[Any]) -> list[EdgeRow]:
    """Edges as rows: records converted, dicts validated in one batch (item by item only to explain errors)."""
    from pydantic import ValidationError

    from mlgraph.model.records import Edge, EdgeRow, edge_rows

    items = list(items)
    records = (Edge, EdgeRow)
    dicts = [i for i in items if not isinstance(i, records)]
    try:
        validated = edge_rows(dicts) if dicts else []
    except ValidationError:
        _as_records(dicts, Edge, "edge")  # raises, describing every bad edge
        raise
    if len(dicts) == len(items):
        return validated
    rest = iter(validated)
    return [EdgeRow.of(i) if isinstance(i, Edge) else i if isinstance(i, EdgeRow) else next(rest) for i in items]


class CompetencyGraph:
    """Roles, skills, tools, concepts and resources joined by typed edges.

    Build one with :meth:`from_records` or :func:`mlgraph.load`; do not call the constructor directly.

    Attributes
    ----------
    sources : dict of str to Source
        The declared sources (empty for a graph built in code without them).
    origin : str or None
        Where the graph was read from, if from files.
    """

    def __init__(
        self,
        records: dict[str, Node],
        edges: list[EdgeRow],
        sources: dict[str, Source] | None = None,
        origin: str | None = None,
    ) -> None:
        self._records = records
        self._edges = edges
        self.sources: dict[str, Source] = dict(sources or {})
        self.origin = origin
        self._index: NameIndex | None = None
        self._dag: nx.DiGraph | None = None
        self._edge_index: dict[tuple[str, str, str], EdgeRow] | None = None
        # (relation, incoming) -> node -> neighbours: the adjacency, built per relation on first use
        self._adjacency: dict[tuple[str, bool], dict[str, list[str]]] = {}
        self._derived: dict[str, Any] = {}

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_records(
        cls,
        nodes: Iterable[Node | Mapping[str, Any]],
        edges: Iterable[Edge | Mapping[str, Any]] = (),
        *,
        sources: Iterable[Source | Mapping[str, Any]] | None = None,
        locations: Locations | None = None,
        strict_sources: bool = False,
        origin: str | None = None,
    ) -> CompetencyGraph:
        """Build a validated graph from node and edge records (or plain dicts).

        Parameters
        ----------
        nodes : iterable of Node or dict
            Each needs at least ``id``, ``kind`` and ``label``.
        edges : iterable of Edge or dict
            Each needs at least ``source``, ``target`` and ``relation``.
        sources : iterable of Source or dict, optional
            Declared sources. A cited source that is not declared is kept as free text, unless
            `strict_sources` is true.
        locations : mapping, optional
            Where each record was written, so that errors name the file and line.
        strict_sources : bool
            Treat an undeclared source as an error (the YAML loader does).
        origin : str, optional
            Where the records come from, shown by ``repr``.

        Returns
        -------
        CompetencyGraph

        Raises
        ------
        GraphValidationError
            Listing every problem: invalid fields, duplicate ids, dangling references, edges joining the wrong
            kinds, prerequisite cycles.

        Examples
        --------
        >>> g = CompetencyGraph.from_records([{"id": "a", "kind": "concept", "label": "A"}])
        >>> len(g)
        1
        >>> CompetencyGraph.from_records([{"id": "a", "kind": "concept", "label": "A"}],
        ...     [{"source": "a", "target": "b", "relation": "prerequisite"}])
        Traceback (most recent call last):
        ...
        mlgraph.errors.GraphValidationError: invalid graph: prerequisite edge a -> b refers to unknown id 'b'
        """
        from mlgraph.model.records import Source
        from mlgraph.model.validation import check

        node_records: list[Node] = _as_node_records(nodes)
        rows = _as_edge_rows(edges)
        source_records: list[Source] = _as_records(sources or (), Source, "source")
        declared = {s.id: s for s in source_records}
        check(
            node_records,
            rows,
            declared_sources=declared if strict_sources else None,
            locations=locations,
        )
        return cls({n.id: n for n in node_records}, rows, declared, origin)

    # ------------------------------------------------------------------ nodes and names
    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._records

    def __repr__(self) -> str:
        kinds = self.count_by_kind()
        parts = ", ".join(f"{k}={v}" for k, v in kinds.items())
        where = f" from {self.origin}" if self.origin else ""
        return f"<CompetencyGraph {len(self)} nodes ({parts}), {len(self._edges)} edges{where}>"

    def count_by_kind(self) -> dict[str, int]:
        """Number of nodes of each kind, in the order of :data:`mlgraph.model.records.KINDS`."""
        from mlgraph.model.records import KINDS

        counts = dict.fromkeys(KINDS, 0)
        for node in self._records.values():
            counts[node.kind] += 1
        return {k: v for k, v in counts.items() if v}

    def count_by_relation(self) -> dict[str, int]:
        """Number of edges of each relation."""
        counts: dict[str, int] = {}
        for edge in self._edges:
            counts[edge.relation] = counts.get(edge.relation, 0) + 1
        return counts

    def nodes(self, kind: str | None = None) -> list[Node]:
        """Node records, in the order they were given, optionally of one `kind` only.

        >>> g = CompetencyGraph.from_records([{"id": "a", "kind": "concept", "label": "A"},
        ...                                   {"id": "r", "kind": "role", "label": "R"}])
        >>> [n.id for n in g.nodes(kind="role")]
        ['r']
        """
        if kind is None:
            return list(self._records.values())
        from mlgraph.model.records import KINDS

        if kind not in KINDS:
            raise UnknownNodeError(kind, [k for k in KINDS if k.startswith(kind[:1])], what="kind")
        return [n for n in self._records.values() if n.kind == kind]

    def edges(self, relation: str | None = None) -> list[Edge]:
        """Edge records, in the order they were given, optionally of one `relation` only."""
        if relation is not None:
            from mlgraph.model.records import RELATIONS

            if relation not in RELATIONS:
                raise UnknownNodeError(relation, [r for r in RELATIONS if r.startswith(relation[:1])], what="relation")
        return [row.record() for row in self.edge_rows(relation)]

    def edge_rows(self, relation: str | None = None) -> list[EdgeRow]:
        """Edges as plain :class:`~mlgraph.model.records.EdgeRow` tuples (fast; for algorithms over large graphs)."""
        if relation is None:
            return list(self._edges)
        return [row for row in self._edges if row.relation == relation]

    def _name_index(self) -> NameIndex:
        if self._index is None:
            self._index = NameIndex((n.id, (n.label, *n.aliases)) for n in self._records.values())
        return self._index

    def resolve(self, text: str) -> Node:
        """The node that `text` names: its id, label or an alias, ignoring case, spacing and punctuation.

        Raises
        ------
        UnknownNodeError
            When nothing matches (with ``.suggestions``, and "did you mean" in the message) or when the name is
            ambiguous (the message lists the candidates).

        Examples
        --------
        >>> g = CompetencyGraph.from_records([{"id": "ci-cd", "kind": "skill", "label": "CI/CD"}])
        >>> g.resolve("ci cd").id
        'ci-cd'
        >>> g.resolve("cicf")
        Traceback (most recent call last):
        ...
        mlgraph.errors.UnknownNodeError: no node named 'cicf' (did you mean 'CI/CD (ci-cd)'?)
        """
        if text in self._records:
            return self._records[text]
        index = self._name_index()
        hits = index.lookup(str(text))
        if len(hits) == 1:
            return self._records[hits[0]]
        if hits:
            raise UnknownNodeError(text, hits, labels=[self._records[h].label for h in hits], ambiguous=True)
        near = index.suggest(str(text))
        raise UnknownNodeError(text, near, labels=[self._records[h].label for h in near])

    def node(self, name: str) -> Node:
        """The node record for an id (or any name :meth:`resolve` understands)."""
        return self.resolve(name)

    def id_of(self, name: str) -> str:
        """The id of the node that `name` names."""
        if name in self._records:
            return name
        return self.resolve(name).id

    def ids_of(self, names: Iterable[str]) -> list[str]:
        """Ids for several names, without repeats, in the given order."""
        return list(dict.fromkeys(self.id_of(n) for n in names))

    # ------------------------------------------------------------------ edges
    def _neighbours(self, node_id: str, relation: str, *, incoming: bool) -> list[str]:
        return list(self.adjacency(relation, incoming=incoming).get(node_id, ()))

    def adjacency(self, relation: str, *, incoming: bool = False) -> dict[str, list[str]]:
        """``{node: [neighbours]}`` over one relation (targets, or sources when `incoming`); cached, read-only."""
        table = self._adjacency.get((relation, incoming))
        if table is None:
            out: dict[str, list[str]] = {}
            inc: dict[str, list[str]] = {}
            for row in self._edges:
                if row.relation == relation:
                    out.setdefault(row.source, []).append(row.target)
                    inc.setdefault(row.target, []).append(row.source)
            self._adjacency[(relation, False)], self._adjacency[(relation, True)] = out, inc
            table = inc if incoming else out
        return table

    def prerequisites(self, name: str, *, transitive: bool = False) -> list[str]:
        """Ids of what must be learned before `name` (direct only unless `transitive`), sorted.

        >>> g = CompetencyGraph.from_records(
        ...     [{"id": x, "kind": "concept", "label": x} for x in "abc"],
        ...     [{"source": "a", "target": "b", "relation": "prerequisite"},
        ...      {"source": "b", "target": "c", "relation": "prerequisite"}])
        >>> g.prerequisites("c"), g.prerequisites("c", transitive=True)
        (['b'], ['a', 'b'])
        """
        node_id = self.id_of(name)
        if transitive:
            import networkx as nx

            dag = self.prerequisite_dag()
            return sorted(nx.ancestors(dag, node_id)) if node_id in dag else []
        return sorted(self._neighbours(node_id, "prerequisite", incoming=True))

    def dependents(self, name: str) -> list[str]:
        """Ids of what directly needs `name` as a prerequisite, sorted."""
        return sorted(self._neighbours(self.id_of(name), "prerequisite", incoming=False))

    def related(self, name: str) -> list[str]:
        """Ids of nodes related to `name` (the relation is symmetric), sorted."""
        node_id = self.id_of(name)
        both = self._neighbours(node_id, "related", incoming=False) + self._neighbours(
            node_id, "related", incoming=True
        )
        return sorted(set(both))

    def requirements(self, role: str, *, importance: str | None = None) -> list[Edge]:
        """The requirement edges of a role (each with ``.target``, ``.importance``, ``.level``).

        Parameters
        ----------
        role : str
            A role's id or name.
        importance : {"essential", "optional"}, optional
            Only requirements of this importance.
        """
        role_id = self.id_of(role)
        edges = [
            self._edge(role_id, t, "requirement") for t in self._neighbours(role_id, "requirement", incoming=False)
        ]
        if importance is not None:
            edges = [e for e in edges if e.importance == importance]
        return edges

    def progressions(self, role: str) -> list[str]:
        """Ids of the usual next roles after `role`."""
        return sorted(self._neighbours(self.id_of(role), "progression", incoming=False))

    def resources_for(self, name: str) -> list[Node]:
        """Resources that teach `name`, ordered by label."""
        teachers = self._neighbours(self.id_of(name), "teaches", incoming=True)
        return sorted((self._records[r] for r in teachers), key=lambda n: n.label.casefold())

    def edges_of(self, name: str) -> list[Edge]:
        """Every edge touching `name`, outgoing then incoming."""
        node_id = self.id_of(name)
        from mlgraph.model.records import RELATIONS

        out = [self._edge(node_id, v, rel) for rel in RELATIONS for v in self._neighbours(node_id, rel, incoming=False)]
        inc = [self._edge(u, node_id, rel) for rel in RELATIONS for u in self._neighbours(node_id, rel, incoming=True)]
        return out + inc

    def _edge(self, source: str, target: str, relation: str) -> Edge:
        return self.edge_row(source, target, relation).record()

    def edge_row(self, source: str, target: str, relation: str) -> EdgeRow:
        """The row of one edge, by its ids and relation (KeyError when absent)."""
        if self._edge_index is None:
            self._edge_index = {row.key: row for row in self._edges}
        return self._edge_index[(source, target, relation)]

    def derived(self, key: str, build: Callable[[CompetencyGraph], T]) -> T:
        """A structure computed from the graph once and cached on it (the graph never changes).

        Query modules keep their indexes here, e.g. ``g.derived("learning.index", PlanIndex)``.
        """
        try:
            return self._derived[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._derived[key] = build(self)
            return value

    # ------------------------------------------------------------------ views
    def prerequisite_dag(self) -> nx.DiGraph:
        """The prerequisite edges as a :class:`networkx.DiGraph` over every competency (read-only, cached)."""
        if self._dag is None:
            import networkx as nx

            from mlgraph.model.records import COMPETENCY_KINDS

            dag = nx.DiGraph()
            dag.add_nodes_from(n.id for n in self._records.values() if n.kind in COMPETENCY_KINDS)
            dag.add_edges_from((row.source, row.target) for row in self._edges if row.relation == "prerequisite")
            self._dag = nx.freeze(dag)
        return self._dag

    def to_networkx(self) -> nx.MultiDiGraph:
        """A copy as a networkx MultiDiGraph with every attribute.

        Nodes carry kind, label, effort_hours, aliases, description, sources ...; every edge carries
        ``relation`` (also its key). A ``prerequisite`` edge u -> v means u is learned before v.

        >>> g = CompetencyGraph.from_records(
        ...     [{"id": "a", "kind": "concept", "label": "A"}, {"id": "b", "kind": "concept", "label": "B"}],
        ...     [{"source": "a", "target": "b", "relation": "prerequisite"}])
        >>> G = g.to_networkx()
        >>> list(G.edges(data="relation"))
        [('a', 'b', 'prerequisite')]
        """
        import networkx as nx

        G = nx.MultiDiGraph()
        for node in self._records.values():
            G.add_node(node.id, **node.model_dump(exclude={"id"}, mode="json"))
        for row in self._edges:
            attrs = {"relation": row.relation, "sources": list(row.sources)}
            if row.importance is not None:
                attrs.update(importance=row.importance, level=row.level)
            G.add_edge(row.source, row.target, key=row.relation, **attrs)
        return G

    def records(self) -> tuple[list[Node], list[Edge], list[Source]]:
        """The node, edge and source records the graph was built from (for exporters)."""
        return list(self._records.values()), self.edges(), list(self.sources.values())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CompetencyGraph):
            return NotImplemented
        return self._records == other._records and sorted(self._edges, key=lambda e: e.key) == sorted(
            other._edges, key=lambda e: e.key
        )

    __hash__ = None  # type: ignore[assignment]
