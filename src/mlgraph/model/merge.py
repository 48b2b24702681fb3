"""Merging graphs: the bundled graph, O*NET, ESCO, your own, as one graph whose shared nodes are one node.

:func:`merge` joins graphs in the order given. A node of a later graph becomes the same node as an earlier one when

1. it has the same id;
2. the crosswalk says so: both carry an *exact* mapping to the same ESCO URI or O*NET-SOC code (the bundled graph's
   ``mappings:``, and the importers' mappings of every O*NET and ESCO node to its own code or URI). Close, broad,
   narrow and related matches are kept as mappings, never merged: a broad match is not the same job;
3. it is a tool (or meets a tool) whose label or an alias equals, ignoring case, spacing and punctuation, the label
   or an alias of exactly one earlier competency: O*NET's "Python" and the bundled ``python``; an ambiguous name
   merges nothing.

The merged node keeps the first graph's id, label, kind and (where it has one) description, hours and area; it
gains every source, mapping and alias, and the other ids and labels as aliases (so ``"onet:15-2051.00"`` still
names it). Edges are re-pointed and joined by (source, target, relation) with their sources united. Facts that
disagree (a kind, a description, hours, an edge's importance or level) are never silently overwritten: the first
graph's value stays on the record and every other value is kept, with its sources, as a declared source
``merge-conflict-<n>`` that the node or edge cites.

A name must find one node (the graph's rule), so :func:`drop_shared_aliases` settles names the graphs share: an
alias that is another node's label is dropped (a label is the stronger name), and an alias several nodes carry stays
only with the node of the earliest graph, if exactly one has it. So "Machine Learning Engineer" names the bundled
role although O*NET lists it as an alternate title of three occupations.

>>> from mlgraph.model.graph import CompetencyGraph
>>> a = CompetencyGraph.from_records([{"id": "python", "kind": "tool", "label": "Python", "sources": ["editorial"]}])
>>> b = CompetencyGraph.from_records(
...     [{"id": "onet:tool:python", "kind": "tool", "label": "Python", "aliases": ["Python 3"], "sources": ["onet"]},
...      {"id": "onet:15-2011.00", "kind": "role", "label": "Actuaries"}],
...     [{"source": "onet:15-2011.00", "target": "onet:tool:python", "relation": "requirement"}])
>>> g = merge(a, b)
>>> g.resolve("onet:tool:python").id, g.node("python").aliases, g.node("python").sources
('python', ('onet:tool:python', 'Python 3'), ('editorial', 'onet'))
>>> [r.target for r in g.requirements("Actuaries")]
['python']
"""

from __future__ import annotations

from typing import Any

from mlgraph.errors import MlgraphError
from mlgraph.model.graph import CompetencyGraph
from mlgraph.model.naming import normalise
from mlgraph.model.records import EdgeRow

__all__ = ["drop_shared_aliases", "merge"]

_COMPETENCY = frozenset({"skill", "tool", "concept"})


def _crosswalk_keys(node: Any) -> list[tuple[str, str]]:
    return [(m.scheme, m.uri or m.code or "") for m in node.mappings if m.match == "exact" and (m.uri or m.code)]


def _same_family(a: str, b: str) -> bool:
    return a == b or (a in _COMPETENCY and b in _COMPETENCY)


def merge(*graphs: CompetencyGraph) -> CompetencyGraph:
    """One graph from several: nodes the crosswalk or an exact tool name says are the same become one node.

    Parameters
    ----------
    *graphs : CompetencyGraph
        In order of precedence: the first graph's ids, labels and values win where facts disagree (the other
        values are kept as ``merge-conflict-<n>`` sources).

    Returns
    -------
    CompetencyGraph
        Validated; ``origin`` lists the graphs' origins.

    Raises
    ------
    MlgraphError
        When no graph is given.
    GraphValidationError
        When the merged edges break a rule (e.g. a prerequisite cycle across graphs).

    Examples
    --------
    >>> from mlgraph.model.graph import CompetencyGraph
    >>> a = CompetencyGraph.from_records([{"id": "ds", "kind": "role", "label": "Data Scientist",
    ...     "mappings": [{"scheme": "onet", "code": "15-2051.00", "match": "exact"}]}])
    >>> b = CompetencyGraph.from_records([{"id": "onet:15-2051.00", "kind": "role", "label": "Data Scientists",
    ...     "mappings": [{"scheme": "onet", "code": "15-2051.00", "match": "exact"}]}])
    >>> g = merge(a, b)
    >>> len(g), g.resolve("Data Scientists").id, g.resolve("onet:15-2051.00").id
    (1, 'ds', 'ds')
    """
    if not graphs:
        raise MlgraphError("merge needs at least one graph")
    if len(graphs) == 1:
        return graphs[0]
    nodes: dict[str, dict[str, Any]] = {}
    kinds: dict[str, str] = {}
    by_key: dict[tuple[str, str], str] = {}
    by_name: dict[str, set[str]] = {}
    sources: dict[str, Any] = {}
    conflicts: list[dict[str, Any]] = []
    merged_edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    rank: dict[str, int] = {}  # node id -> index of the graph it first came from

    def conflict(title: str, note: str) -> str:
        cid = f"merge-conflict-{len(conflicts) + 1}"
        conflicts.append({"id": cid, "title": title, "kind": "other", "note": note})
        return cid

    def index(node_id: str, node: Any) -> None:
        for key in _crosswalk_keys(node):
            by_key.setdefault(key, node_id)
        if node.kind in _COMPETENCY:
            for name in (node.label, *node.aliases):
                if key2 := normalise(name):
                    by_name.setdefault(key2, set()).add(node_id)

    for gi, g in enumerate(graphs):
        for sid, source in g.sources.items():
            sources.setdefault(sid, source)
        remap: dict[str, str] = {}
        indexed: list[tuple[str, Any]] = []  # indexed once the graph is done: a graph never merges with itself
        for node in g.nodes():
            target = None
            if node.id in nodes and _same_family(kinds[node.id], node.kind):
                target = node.id
            if target is None:
                for key in _crosswalk_keys(node):
                    hit = by_key.get(key)
                    if hit is not None and _same_family(kinds[hit], node.kind):
                        target = hit
                        break
            if target is None and gi and node.kind in _COMPETENCY:
                candidates: set[str] = set()
                for name in (node.label, *node.aliases):
                    candidates |= by_name.get(normalise(name), set())
                candidates = {c for c in candidates if "tool" in (kinds[c], node.kind)}
                if len(candidates) == 1:
                    target = candidates.pop()
            if target is None:
                new_id = node.id if node.id not in nodes else f"{node.id}~{gi}"
                nodes[new_id] = node.model_dump(exclude_defaults=True)
                nodes[new_id]["id"] = new_id
                rank[new_id] = gi
                kinds[new_id] = node.kind
                remap[node.id] = new_id
                indexed.append((new_id, node))
                continue
            remap[node.id] = target
            _absorb(nodes[target], node, conflict)
            indexed.append((target, node))
        for node_id, node in indexed:
            index(node_id, node)
        for row in g.edge_rows():
            s, t = remap[row.source], remap[row.target]
            if s == t:
                continue
            key = (s, t, row.relation)
            old = merged_edges.get(key)
            if old is None:
                merged_edges[key] = {
                    "source": s,
                    "target": t,
                    "relation": row.relation,
                    "importance": row.importance,
                    "level": row.level,
                    "sources": tuple(row.sources),
                }
                continue
            extra = tuple(x for x in row.sources if x not in old["sources"])
            if (old["importance"], old["level"]) != (row.importance, row.level):
                cid = conflict(
                    f"merge conflict: {row.relation} {s} -> {t}",
                    f"{row.relation} {s} -> {t}: importance {old['importance']}, level {old['level']} "
                    f"(sources: {', '.join(old['sources']) or 'none'}) vs importance {row.importance}, level "
                    f"{row.level} (sources: {', '.join(row.sources) or 'none'}); the first is kept on the edge",
                )
                extra += (cid,)
            old["sources"] = old["sources"] + extra
    drop_shared_aliases(list(nodes.values()), rank)
    origin = " + ".join(g.origin or "graph" for g in graphs)
    return CompetencyGraph.from_records(
        list(nodes.values()),
        [  # rows already validated in their own graphs: only references, kinds and cycles are checked again
            EdgeRow(e["source"], e["target"], e["relation"], e["importance"], e["level"], e["sources"])
            for e in merged_edges.values()
        ],
        sources=[*sources.values(), *conflicts],
        origin=origin,
    )


def _absorb(into: dict[str, Any], node: Any, conflict: Any) -> None:
    """Fold `node` into the merged record `into` (first values win; disagreements become conflict sources)."""
    names = [node.id, node.label, *node.aliases]
    have = {into["label"].casefold(), into["id"].casefold(), *(a.casefold() for a in into.get("aliases", ()))}
    aliases = list(into.get("aliases", ()))
    for name in names:
        if name.casefold() not in have:
            aliases.append(name)
            have.add(name.casefold())
    into["aliases"] = aliases
    into["sources"] = tuple(dict.fromkeys((*into.get("sources", ()), *node.sources)))
    mappings = list(into.get("mappings", ()))
    for m in node.mappings:
        dumped = m.model_dump(exclude_defaults=True)
        if dumped not in mappings:
            mappings.append(dumped)
    into["mappings"] = mappings
    cited: list[str] = []
    where = f"{into['id']} ({node.id})"
    for field in ("kind", "description", "effort_hours", "area"):
        mine, theirs = into.get(field), getattr(node, field)
        if theirs in (None, "") or mine == theirs:
            continue
        if mine in (None, "") and field != "kind":
            into[field] = theirs
        elif field != "area":
            cited.append(
                conflict(
                    f"merge conflict: {field} of {into['id']}",
                    f"{field} of {where}: {theirs!r} (sources: {', '.join(node.sources) or 'none'}) differs from "
                    f"the kept {mine!r}",
                )
            )
    if cited:
        into["sources"] = (*into["sources"], *cited)


def drop_shared_aliases(nodes: list[dict[str, Any]], rank: dict[str, int] | None = None) -> int:
    """Make every name find one node: drop, in place, aliases that repeat (ignoring case and spacing), that are
    another node's label, or that several nodes carry (kept only by the one node of lowest `rank`, if there is
    exactly one). Returns how many aliases were dropped.

    >>> nodes = [{"id": "a", "label": "Analyst", "aliases": ["Data Analyst", "Quant", "quant"]},
    ...          {"id": "b", "label": "Data Analyst", "aliases": ["Quant", "Reporting analyst"]}]
    >>> drop_shared_aliases(nodes), nodes[0]["aliases"], nodes[1]["aliases"]
    (4, [], ['Reporting analyst'])
    """
    from mlgraph.model.naming import fold

    labels: dict[str, set[str]] = {}
    holders: dict[str, set[str]] = {}
    dropped = 0
    for node in nodes:
        labels.setdefault(fold(node["label"]), set()).add(node["id"])
    for node in nodes:
        own = fold(node["label"])
        kept: dict[str, str] = {}
        for alias in node.get("aliases") or ():
            key = fold(alias)
            if key == own or key in kept or not key:
                dropped += 1
                continue
            kept[key] = alias
        node["aliases"] = list(kept.values())
        for key in kept:
            holders.setdefault(key, set()).add(node["id"])
    drop: dict[str, set[str]] = {}
    for key, ids in holders.items():
        if key in labels:
            for node_id in ids:
                drop.setdefault(node_id, set()).add(key)
        elif len(ids) > 1:
            best = min(rank.get(i, 0) for i in ids) if rank else None
            winners = [i for i in ids if rank and rank.get(i, 0) == best]
            for node_id in ids:
                if len(winners) != 1 or node_id != winners[0]:
                    drop.setdefault(node_id, set()).add(key)
    for node in nodes:
        gone = drop.get(node["id"])
        if gone:
            before = len(node["aliases"])
            node["aliases"] = [a for a in node["aliases"] if fold(a) not in gone]
            dropped += before - len(node["aliases"])
    return dropped
