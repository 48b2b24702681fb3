"""The rules every graph obeys, checked at load and in ``from_records``.

:func:`find_problems` returns every problem at once (so ``mlgraph validate`` can list them all);
:func:`check` raises :class:`~mlgraph.errors.GraphValidationError` when there is any.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import networkx as nx

from mlgraph.errors import GraphValidationError, Problem
from mlgraph.model.naming import NameIndex, fold
from mlgraph.model.records import COMPETENCY_KINDS, Edge, EdgeRow, Node

__all__ = ["Locations", "check", "find_problems", "prerequisite_cycle"]

Locations = Mapping[tuple[str, ...], tuple[str, int | None]]
"""Where each record was written: ``("node", id)`` (``("node", id, "2")`` for its second definition ...) or
``("edge", source, target, relation)`` -> ``(path, line)``."""

# what each relation may join: (allowed source kinds, allowed target kinds)
_ENDPOINTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "prerequisite": (COMPETENCY_KINDS, COMPETENCY_KINDS),
    "requirement": (frozenset({"role"}), COMPETENCY_KINDS),
    "progression": (frozenset({"role"}), frozenset({"role"})),
    "teaches": (frozenset({"resource"}), COMPETENCY_KINDS),
    "broader": (COMPETENCY_KINDS, COMPETENCY_KINDS),
}
_RULE_TEXT = {
    "prerequisite": "a prerequisite joins two competencies (skill, tool or concept), never a role or resource",
    "requirement": "a requirement goes from a role to a competency",
    "progression": "a progression goes from a role to a role",
    "teaches": "'teaches' goes from a resource to a competency",
    "broader": "'broader' goes from a competency to the competency it is part of",
}


def prerequisite_cycle(edges: Iterable[Edge | EdgeRow], relation: str = "prerequisite") -> list[str] | None:
    """The nodes of one cycle of `relation` edges (prerequisite, or broader), in order, or None when there is none.

    >>> e = [Edge(source=a, target=b, relation="prerequisite") for a, b in [("x", "y"), ("y", "z"), ("z", "x")]]
    >>> prerequisite_cycle(e)
    ['x', 'y', 'z']
    """
    dag = nx.DiGraph((e.source, e.target) for e in edges if e.relation == relation)
    if nx.is_directed_acyclic_graph(dag):
        return None
    cycle = nx.find_cycle(dag)
    nodes = [u for u, _ in cycle]
    start = nodes.index(min(nodes))
    return nodes[start:] + nodes[:start]


def find_problems(
    nodes: Sequence[Node],
    edges: Sequence[Edge | EdgeRow],
    *,
    declared_sources: Iterable[str] | None = None,
    locations: Locations | None = None,
) -> list[Problem]:
    """Every rule the records break, as a list of :class:`~mlgraph.errors.Problem`.

    Parameters
    ----------
    nodes, edges : sequences of records
    declared_sources : iterable of str, optional
        When given, every cited source must be one of these (the YAML loader passes ``sources.yaml``);
        when None, any source is kept as free text.
    locations : mapping, optional
        Where each record was written, so each problem names its file and line.
    """
    where = locations or {}
    problems: list[Problem] = []

    def add(message: str, key: tuple[str, ...], node_id: str) -> None:
        path, line = where.get(key, (None, None))
        problems.append(Problem(message, path, line, node_id))

    kinds: dict[str, str] = {}
    occurrences: dict[str, int] = {}
    for node in nodes:
        if node.id in kinds:
            seen = occurrences[node.id] = occurrences[node.id] + 1
            first = where.get(("node", node.id))
            before = f" (first defined at {first[0]}:{first[1]})" if first else ""
            add(f"duplicate id {node.id!r}{before}", ("node", node.id, str(seen)), node.id)
            continue
        kinds[node.id] = node.kind
        occurrences[node.id] = 1
    problems += _name_problems(nodes, where)
    known_sources = set(declared_sources) if declared_sources is not None else None
    index: NameIndex | None = None

    def dangling(node_id: str) -> str:
        nonlocal index
        if index is None:
            index = NameIndex((n.id, (n.label, *n.aliases)) for n in nodes)
        near = index.lookup(node_id) or index.suggest(node_id)
        return f"; did you mean {near[0]!r}?" if near else ""

    if known_sources is not None:
        for node in nodes:
            for src in node.sources:
                if src not in known_sources:
                    add(f"node {node.id!r} cites undeclared source {src!r}", ("node", node.id), node.id)
            for salary in node.salaries:
                if salary.source not in known_sources:
                    add(f"salary of {node.id!r} cites undeclared source {salary.source!r}", ("node", node.id), node.id)

    seen_edges: set[tuple[str, str, str]] = set()
    for edge in edges:
        s, t, relation = edge.source, edge.target, edge.relation
        ends = (s, t, relation)
        rule = _ENDPOINTS.get(relation)
        ok = (
            ends not in seen_edges
            and s in kinds
            and t in kinds
            and s != t
            and (rule is None or (kinds[s] in rule[0] and kinds[t] in rule[1]))
            and (known_sources is None or all(src in known_sources for src in edge.sources))
        )
        if ok:
            seen_edges.add(ends)
            continue
        # the slow path: say exactly what is wrong
        key = ("edge", *ends)
        label = f"{relation} edge {s} -> {t}"
        if ends in seen_edges:
            add(f"duplicate {label}", key, s)
            continue
        seen_edges.add(ends)
        missing = [end for end in (s, t) if end not in kinds]
        for end in missing:
            add(f"{label} refers to unknown id {end!r}{dangling(end)}", key, end)
        if missing:
            continue
        if s == t:
            add(f"{label} joins a node to itself", key, s)
            continue
        if rule and (kinds[s] not in rule[0] or kinds[t] not in rule[1]):
            add(f"{label} joins a {kinds[s]} to a {kinds[t]}: {_RULE_TEXT[relation]}", key, s)
        for src in edge.sources:
            if known_sources is not None and src not in known_sources:
                add(f"{label} cites undeclared source {src!r}", key, s)

    for relation in ("prerequisite", "broader"):
        cycle = prerequisite_cycle((e for e in edges if e.source in kinds and e.target in kinds), relation)
        if cycle:
            path, line = where.get(("node", cycle[0]), (None, None))
            text = f"{relation} cycle: " + " -> ".join([*cycle, cycle[0]])
            problems.append(Problem(text, path, line, cycle[0]))
    return problems


def _name_problems(nodes: Sequence[Node], where: Locations) -> list[Problem]:
    """Aliases listed twice or repeating the node's label (as written), or naming another node too (ignoring case
    and spacing: a name must find one node)."""
    problems: list[Problem] = []
    owners: dict[str, dict[str, bool]] = {}  # folded name -> {node id: named by an alias}

    def add(message: str, node_id: str) -> None:
        path, line = where.get(("node", node_id), (None, None))
        problems.append(Problem(message, path, line, node_id))

    for node in nodes:
        owners.setdefault(fold(node.label), {}).setdefault(node.id, False)
        seen: set[str] = set()
        for alias in node.aliases:
            if alias == node.label:  # SKOS: prefLabel and altLabel are disjoint
                add(f"node {node.id!r}: alias {alias!r} repeats its label", node.id)
            elif alias in seen:  # the same text twice (case variants are fine: they are distinct labels)
                add(f"node {node.id!r}: alias {alias!r} is listed twice", node.id)
            else:
                owners.setdefault(fold(alias), {}).setdefault(node.id, True)
            seen.add(alias)
    for named in owners.values():
        if len(named) > 1 and any(named.values()):
            ids = sorted(named)
            for node_id in ids:
                if named[node_id]:
                    others = ", ".join(repr(i) for i in ids if i != node_id)
                    aliases = _node(nodes, node_id).aliases
                    shown = next(a for a in aliases if owners.get(fold(a)) is named)
                    add(f"node {node_id!r}: alias {shown!r} also names {others}: a name must find one node", node_id)
    return problems


def _node(nodes: Sequence[Node], node_id: str) -> Node:
    return next(n for n in nodes if n.id == node_id)


def check(
    nodes: Sequence[Node],
    edges: Sequence[Edge | EdgeRow],
    *,
    declared_sources: Iterable[str] | None = None,
    locations: Locations | None = None,
) -> None:
    """Raise :class:`~mlgraph.errors.GraphValidationError` listing every problem, if there is any."""
    problems = find_problems(nodes, edges, declared_sources=declared_sources, locations=locations)
    if problems:
        raise GraphValidationError(problems)


def describe_pydantic_error(exc: object, what: str) -> list[str]:
    """Plain-language lines for a pydantic ``ValidationError`` about one record (`what` names it)."""
    import difflib

    from pydantic import ValidationError

    from mlgraph.model.records import Edge, Node

    assert isinstance(exc, ValidationError)
    fields = set(Node.model_fields) | set(Edge.model_fields)
    lines = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            near = difflib.get_close_matches(str(err["loc"][-1]), fields, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            lines.append(f"{what}: unknown field {loc!r}{hint}")
        elif err["type"] == "missing":
            lines.append(f"{what}: missing required field {loc!r}")
        else:
            lines.append(f"{what}: {loc}: {err['msg']} (got {err.get('input')!r})")
    return lines
