"""The structure plans are computed on, and the order of a plan.

:class:`PlanIndex` holds a graph's prerequisite edges as integer adjacency lists, with the hierarchy folded
in: a *core* part of an umbrella (``part -broader-> umbrella``, core) comes before the umbrella, exactly like
a prerequisite, so whatever needs an umbrella needs its core parts, and an umbrella is placed after them.

:func:`plan_order` is the order of a plan: a depth-first walk from the goals (as Metacademy builds its
plans), foundations first. Goals are taken by area in the usual order of study
(:data:`mlgraph.model.areas.AREAS`), then by id; an item's prerequisites are visited in the same order and
each is placed right after its own prerequisites, so every item comes just before the first item that needs
it, an umbrella right after its parts, and the items of one area stay together. A goal that something
else in the plan needs is placed just before that, like any prerequisite. The result is a topological
order of the members, the same whatever order the graph's records came in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from mlgraph.model.areas import FOUNDATION_AREAS, area_rank
from mlgraph.model.graph import CompetencyGraph

__all__ = ["WORKING_LEVEL", "OrderQuality", "PlanIndex", "expand_levels", "order_quality", "plan_index", "plan_order"]

COMPOSITE = 3
"""An item with this many prerequisites (or parts) in a plan is placed right after the last of them."""

GATHER_SPAN = 4
"""A run of one area moves back over at most this many steps to join the previous run of its area."""

WORKING_LEVEL = 3
"""Working proficiency: the level ``effort_hours`` are counted for, and the level prerequisites are needed at."""


class PlanIndex:
    """Integer-indexed prerequisite structure of a graph, built once per graph (see :func:`plan_index`).

    Attributes
    ----------
    ids, index : list of str, dict
        Node ids by position and back.
    preds, succs : list of list of int
        What comes right before / after each node: its prerequisites and, for an umbrella, its core parts.
    prerequisites : list of list of int
        The prerequisite edges alone (for checking a curriculum, where an overview may precede the parts).
    parts : dict of int to list of int
        The core parts of each umbrella.
    conflicts : list of (str, str)
        ``(part, umbrella)`` core edges left out because the umbrella is (transitively) a prerequisite of the
        part, which the hierarchy agreement forbids (content to fix).
    """

    def __init__(self, g: CompetencyGraph) -> None:
        nodes = g.nodes()
        self.ids: list[str] = [n.id for n in nodes]
        self.index: dict[str, int] = {node_id: i for i, node_id in enumerate(self.ids)}
        self.effort: list[float] = [n.effort_hours or 0.0 for n in nodes]
        self.area: list[str | None] = [n.area for n in nodes]
        self.rank: list[tuple[int, str]] = [(area_rank(n.area), n.id) for n in nodes]
        self.preds: list[list[int]] = [[] for _ in nodes]
        self.succs: list[list[int]] = [[] for _ in nodes]
        for row in g.edge_rows("prerequisite"):
            u, v = self.index[row.source], self.index[row.target]
            self.preds[v].append(u)
            self.succs[u].append(v)
        self.prerequisites: list[list[int]] = [list(ps) for ps in self.preds]  # prerequisite edges only
        self.parts: dict[int, list[int]] = {}
        self.conflicts: list[tuple[str, str]] = []
        for row in sorted(g.edge_rows("broader"), key=lambda r: (r.target, r.source)):
            if not row.core:
                continue
            part, umbrella = self.index[row.source], self.index[row.target]
            if umbrella in self.closure([part]):  # the umbrella is needed before its own part: a cycle
                self.conflicts.append((row.source, row.target))
                continue
            self.preds[umbrella].append(part)
            self.succs[part].append(umbrella)
            self.parts.setdefault(umbrella, []).append(part)
        ids = self.ids
        for lists in (self.preds, self.succs, self.prerequisites):
            for adj in lists:
                adj.sort(key=ids.__getitem__)  # by id: nothing depends on the order records came in
        rank = self.rank
        # the walk's visiting order, computed once: prerequisites by (area, id), reversed for a stack
        # the latest area an item's prerequisites reach: items resting on earlier areas only are visited first
        reach = [r[0] for r in rank]
        for i in self._topological():
            for p in self.preds[i]:
                reach[i] = max(reach[i], reach[p])
        walk = [(reach[i], *rank[i]) for i in range(len(rank))]
        self.preds_walk: list[list[int]] = [sorted(ps, key=walk.__getitem__, reverse=True) for ps in self.preds]
        self.succs_walk: list[list[int]] = [sorted(ss, key=rank.__getitem__) for ss in self.succs]
        self.umbrellas: dict[int, list[int]] = {}
        for umbrella, parts in self.parts.items():
            for part in parts:
                self.umbrellas.setdefault(part, []).append(umbrella)
        self.resources: dict[str, tuple[str, ...]] = {
            node_id: tuple(r.id for r in g.resources_for(node_id)) for node_id in g.adjacency("teaches", incoming=True)
        }

    def _topological(self) -> list[int]:
        """Every node, prerequisites (and parts) before what needs them (Kahn's algorithm)."""
        indegree = [len(ps) for ps in self.preds]
        queue = [i for i, d in enumerate(indegree) if d == 0]
        for i in queue:
            for s in self.succs[i]:
                indegree[s] -= 1
                if indegree[s] == 0:
                    queue.append(s)
        return queue

    def closure(self, start: Iterable[int], stop: set[int] | frozenset[int] = frozenset()) -> set[int]:
        """`start` and all their prerequisites, not walking into (nor past) nodes in `stop`."""
        seen: set[int] = set()
        stack = [i for i in start if i not in stop]
        preds = self.preds
        while stack:
            i = stack.pop()
            if i in seen:
                continue
            seen.add(i)
            stack.extend(p for p in preds[i] if p not in seen and p not in stop)
        return seen

    def order(self, members: set[int], goals: Sequence[int] = ()) -> list[int]:
        """The members in plan order (see :func:`plan_order`)."""
        return plan_order(self, members, goals)

    def towards(self, members: set[int], goals: Sequence[int]) -> dict[int, int]:
        """For each member, the next member on a shortest path towards one of `goals` (a breadth-first tree)."""
        parent: dict[int, int] = {}
        frontier = sorted((g for g in goals if g in members), key=self.rank.__getitem__)
        seen = set(frontier)
        preds = self.preds
        while frontier:
            nxt = []
            for i in frontier:
                for p in preds[i]:
                    if p in members and p not in seen:
                        seen.add(p)
                        parent[p] = i
                        nxt.append(p)
            frontier = nxt
        return parent


def plan_index(g: CompetencyGraph) -> PlanIndex:
    """The :class:`PlanIndex` of `g`, built on first use and cached on the graph."""
    return g.derived("learning.index", PlanIndex)


def expand_levels(idx: PlanIndex, levels: Mapping[str, int | None]) -> dict[str, int | None]:
    """`levels` with every umbrella's core parts added, recursively: the level rule of the hierarchy.

    An umbrella asked (or known) at level L stands for its core parts at ``min(L, 3)``: basic use of deep
    learning is basic use of its parts, and advanced command of it is working command of every part plus the
    umbrella's own (integrating) hours at the higher level. ``None`` (known at every level) passes down as is.
    A part keeps the higher of its own level and the one passed down.

    >>> import mlgraph
    >>> g = mlgraph.CompetencyGraph.from_records(
    ...     [{"id": i, "kind": "concept", "label": i, "effort_hours": 5} for i in ("dl", "cnn", "rnn")],
    ...     [{"source": p, "target": "dl", "relation": "broader"} for p in ("cnn", "rnn")])
    >>> expand_levels(plan_index(g), {"dl": 4, "rnn": 4})
    {'dl': 4, 'rnn': 4, 'cnn': 3}
    """
    out: dict[str, int | None] = dict(levels)
    ids, index, parts = idx.ids, idx.index, idx.parts
    stack = [(index[k], v) for k, v in levels.items() if index[k] in parts]
    while stack:
        umbrella, level = stack.pop()
        passed = None if level is None else min(level, WORKING_LEVEL)
        for p in parts[umbrella]:
            pid = ids[p]
            had = out.get(pid, 0)
            if had is None:
                continue
            new = None if passed is None else max(had, passed)
            if pid in out and new == had:
                continue
            out[pid] = new
            if p in parts:
                stack.append((p, new))
    return out


def plan_order(idx: PlanIndex, members: set[int], goals: Sequence[int] = ()) -> list[int]:
    """A topological order of `members`: depth-first from `goals`, foundations and each area's items first.

    The walk starts from the members nothing else in the plan needs (the goals that are not also
    prerequisites: those come just in time), from the goals in the foundation areas
    (:data:`~mlgraph.model.areas.FOUNDATION_AREAS`: programming, mathematics, statistics, data) and from the
    umbrellas asked for (a whole topic, in its area's place). These, and the prerequisites of each item, are
    visited by area in the usual order, then id (prerequisites resting only on earlier areas first); an item
    is placed as soon as its prerequisites are. A composite (an item with :data:`COMPOSITE` or more
    prerequisites or parts in the plan) is placed right after the last of them, even before a goal asks for
    it. Last, a run of one area moves back to the previous run of that area over at most
    :data:`GATHER_SPAN` steps, when nothing in between is needed by it.
    """
    rank = idx.rank
    preds_walk, succs_walk = idx.preds_walk, idx.succs_walk
    placed: set[int] = set()
    out: list[int] = []
    # for composites: how many of each member's prerequisites (and parts) in the plan are not placed yet
    waiting: dict[int, int] = {}
    needed: set[int] = set()  # members something else in the plan needs
    for i in members:
        inside = [p for p in idx.preds[i] if p in members]
        waiting[i] = len(inside)
        needed.update(inside)
    composite = {i for i, n in waiting.items() if n >= COMPOSITE}

    def place(node: int) -> None:
        placed.add(node)
        out.append(node)
        ready = [node]
        while ready:
            done = ready.pop()
            for s in succs_walk[done]:
                if s in waiting:
                    waiting[s] -= 1
                    # a composite whose last prerequisite this was comes right after it
                    if waiting[s] == 0 and s in composite and s not in placed:
                        placed.add(s)
                        out.append(s)
                        ready.append(s)

    # start from what nothing else in the plan needs: a goal that is also a prerequisite comes just in time
    # ... except the foundations (Python, mathematics, statistics, data), which open the plan when asked for
    tops = [i for i in members if i not in needed]
    # ... and the umbrellas asked for (a whole topic, read as one block in its area's place)
    opening = {i for i in goals if i in members and (idx.area[i] in FOUNDATION_AREAS or i in idx.parts)}
    tops += sorted(opening.difference(tops))
    roots = sorted(tops, key=rank.__getitem__)
    roots += sorted(members.difference(roots), key=rank.__getitem__)
    for root in roots:
        if root in placed:
            continue
        # iterative depth-first walk: (node, its prerequisites still to visit, last to visit first)
        stack = [(root, [p for p in preds_walk[root] if p in members])]
        entered = {root}
        while stack:
            node, todo = stack[-1]
            while todo and (todo[-1] in placed or todo[-1] in entered):
                todo.pop()
            if todo:
                p = todo.pop()
                entered.add(p)
                stack.append((p, [q for q in preds_walk[p] if q in members]))
                continue
            stack.pop()
            if node not in placed:  # else placed meanwhile as a composite
                place(node)
    return _gather_areas(idx, out)


def _gather_areas(idx: PlanIndex, order: list[int]) -> list[int]:
    """Move each run of one area back to join the previous run of that area, when nothing in between is
    needed by it and at most :data:`GATHER_SPAN` steps lie in between: the order stays valid, an area's items
    stay together, and no item moves far from the first item that needs it."""
    area, preds = idx.area, idx.preds
    runs: list[list[int]] = []
    for i in order:
        if runs and area[runs[-1][0]] == area[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    n = 1
    while n < len(runs):
        here = area[runs[n][0]]
        j = next((k for k in range(n - 1, -1, -1) if area[runs[k][0]] == here), None)
        if j is not None and j < n - 1:
            between = {i for run in runs[j + 1 : n] for i in run}
            if len(between) <= GATHER_SPAN and not any(p in between for i in runs[n] for p in preds[i]):
                runs[j].extend(runs.pop(n))
                continue
        n += 1
    return [i for run in runs for i in run]


class OrderQuality(NamedTuple):
    """How well a plan's order keeps prerequisites just in time (see :func:`order_quality`)."""

    mean_first_use_gap: float
    max_first_use_gap: int
    worst_first_use: str | None
    max_composite_gap: int
    worst_composite: str | None


def order_quality(g: CompetencyGraph, ids: Sequence[str]) -> OrderQuality:
    """Measures of a plan's order, over the items in `ids` (in plan order).

    - *first-use gap* of an item: steps from it to the first plan item that needs it (as a prerequisite, or
      as one of an umbrella's core parts); items nothing in the plan needs are left out. Mean and max.
    - *composite gap* of an item with 3 or more prerequisites (or parts) in the plan: steps from the last of
      them to the item. Max, and the item.

    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> from mlgraph.plan.learning import learning_order
    >>> q = order_quality(g, learning_order(g, "Data Analyst").ids)
    >>> q.mean_first_use_gap >= 1 and q.max_composite_gap >= 0
    True
    """
    idx = plan_index(g)
    pos = {idx.index[i]: n for n, i in enumerate(ids)}
    gaps: list[tuple[int, str]] = []
    late: list[tuple[int, str]] = []
    for i, n in pos.items():
        users = [pos[s] for s in idx.succs[i] if s in pos]
        if users:
            gaps.append((min(users) - n, idx.ids[i]))
        before = [pos[p] for p in idx.preds[i] if p in pos]
        if len(before) >= 3:
            late.append((n - max(before), idx.ids[i]))
    worst = max(gaps, default=(0, None))
    worst_late = max(late, default=(0, None))
    mean = sum(gap for gap, _ in gaps) / len(gaps) if gaps else 0.0
    return OrderQuality(round(mean, 3), worst[0], worst[1], worst_late[0], worst_late[1])
