"""Where things go in a figure: positions and groupings, computed without matplotlib.

The figures in :mod:`mlgraph.viz.plot` draw what these functions place, and the explorer page
(:mod:`mlgraph.viz.explorer`) uses the same stages; keeping the geometry here lets it be tested, and reused, without
a drawing library.

- :func:`plan_edges`, :func:`depth_rows`, :func:`weeks_of`: a learning plan in rows by prerequisite depth, or in
  weeks.
- :func:`neighbourhood`, :func:`neighbourhood_layout`: a node and its surroundings in columns, what comes before it
  on the left.
- :func:`plan_stages`: a plan read as named stages (the plan's own ``.stages`` when the planner gives them).

>>> import mlgraph
>>> g = mlgraph.load()
>>> plan = mlgraph.learning_order(g, "pytorch", known=["python"])
>>> rows = depth_rows(plan, plan_edges(plan, g), per_line=9)
>>> min(depth for _, _, depth in rows.values())
0
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from mlgraph.model.graph import CompetencyGraph
    from mlgraph.plan.learning import LearningPlan

__all__ = [
    "FLOW",
    "KIND_ORDER",
    "SIDE_LABEL",
    "StageView",
    "depth_rows",
    "neighbourhood",
    "neighbourhood_layout",
    "plan_edges",
    "plan_stages",
    "weeks_of",
]

KIND_ORDER = ("concept", "skill", "tool", "role", "resource")
"""The order kinds are listed in, in legends and within a column."""


def plan_edges(plan: LearningPlan, g: CompetencyGraph | None) -> list[tuple[str, str]]:
    """Prerequisite edges between plan items: from `g` when given, else the chains of the steps' reasons."""
    members = set(plan.ids)
    if g is not None:
        before = g.adjacency("prerequisite", incoming=True)
        return [(u, s.id) for s in plan.steps for u in sorted(before.get(s.id, ())) if u in members]
    edges = set()
    for s in plan.steps:
        chain = [i for i in s.why_ids if i in members]
        edges.update(itertools.pairwise(chain))
    return sorted(edges)


def weeks_of(plan: LearningPlan, hours_per_week: float) -> dict[str, tuple[int, int]]:
    spans: dict[str, tuple[int, int]] = {}
    for week in plan.schedule(hours_per_week):
        for node_id, _, _ in week.items:
            first = spans.get(node_id, (week.number, week.number))[0]
            spans[node_id] = (first, week.number)
    return spans


def depth_rows(
    plan: LearningPlan, edges: Sequence[tuple[str, str]], per_line: int
) -> dict[str, tuple[float, int, int]]:
    """Place plan items in rows by depth: id -> (x, line, depth).

    An item's depth is one more than its deepest prerequisite in the plan. Within a depth, items are ordered by
    the mean x of their prerequisites and dependents (barycentre sweeps), so arrows stay short; a depth wider
    than `per_line` is staggered over several lines, in that order.
    """
    preds: dict[str, list[str]] = {}
    succs: dict[str, list[str]] = {}
    for u, v in edges:
        preds.setdefault(v, []).append(u)
        succs.setdefault(u, []).append(v)
    position = {node_id: n for n, node_id in enumerate(plan.ids)}
    depth: dict[str, int] = {}
    for node_id in plan.ids:  # plan order is topological
        depth[node_id] = 1 + max((depth[p] for p in preds.get(node_id, ()) if p in depth), default=-1)
    rows: list[list[str]] = [[] for _ in range(max(depth.values()) + 1)]
    for node_id in plan.ids:
        rows[depth[node_id]].append(node_id)

    def xs() -> dict[str, float]:
        out = {}
        for row in rows:
            lines = math.ceil(len(row) / per_line)
            step = 1.0 / lines
            for k, node_id in enumerate(row):
                out[node_id] = (k - (len(row) - 1) / 2) * step
        return out

    for sweep in range(6):
        x = xs()
        downwards = sweep % 2 == 0
        for d in range(1, len(rows)) if downwards else range(len(rows) - 2, -1, -1):
            near = preds if downwards else succs

            def key(i: str, near: dict[str, list[str]] = near, x: dict[str, float] = x) -> tuple[float, int]:
                around = [x[j] for j in near.get(i, ())]
                return (sum(around) / len(around) if around else x[i], position[i])

            rows[d].sort(key=key)
            x = xs()
    x = xs()
    out: dict[str, tuple[float, int, int]] = {}
    line = 0
    for d, row in enumerate(rows):
        lines = math.ceil(len(row) / per_line)
        for k, node_id in enumerate(row):
            out[node_id] = (x[node_id], line + k % lines, d)
        line += lines
    return out


# ---------------------------------------------------------------------------------------------- neighbourhood

# flow of each relation: +1 when the edge's target comes after its source (drawn to its right), -1 when before,
# 0 for the symmetric "related"

FLOW = {"prerequisite": 1, "progression": 1, "teaches": 1, "requirement": -1, "related": 0, "broader": 1}
SIDE_LABEL = {
    ("prerequisite", True): "learn before",
    ("prerequisite", False): "builds on it",
    ("requirement", True): "required by",
    ("requirement", False): "requires",
    ("progression", True): "comes from",
    ("progression", False): "leads to",
    ("teaches", True): "taught by",
    ("teaches", False): "teaches",
    ("related", True): "related",
    ("related", False): "related",
    ("broader", True): "its parts",
    ("broader", False): "part of",
}


def neighbourhood(
    g: CompetencyGraph, centre: str, depth: int, relations: Sequence[str]
) -> tuple[dict[str, tuple[int, int, str]], list[tuple[str, str, str]]]:
    """Nodes within `depth` hops: id -> (distance, column, how reached); and the edges between consecutive rings.

    An edge u -> v of a relation whose target comes after its source puts v one column right of u (left for
    requirements: a competency comes before the role requiring it); related nodes of the centre share its
    column, further rings move outwards. Unless the centre is a role, the walk does not go on through roles.
    """
    hubs = g.node(centre).kind != "role"
    placed: dict[str, tuple[int, int, str]] = {centre: (0, 0, "")}
    edges: list[tuple[str, str, str]] = []
    frontier = [centre]
    for distance in range(1, depth + 1):
        found: list[str] = []
        for x in frontier:
            if x != centre and hubs and g.node(x).kind == "role":
                continue  # a role requires dozens of competencies: do not walk through it
            col_x = placed[x][1]
            for rel in relations:
                for incoming in (True, False):
                    for y in sorted(g.adjacency(rel, incoming=incoming).get(x, ())):
                        if y in placed and placed[y][0] < distance:
                            continue
                        # from the centre, by the flow; further rings move outwards, whatever the flow
                        flow = FLOW[rel] * (-1 if incoming else 1)
                        col = flow if col_x == 0 else col_x + (1 if col_x > 0 else -1)
                        if y not in placed:
                            placed[y] = (distance, col, SIDE_LABEL[(rel, incoming)])
                            found.append(y)
                        edges.append((y, x, rel) if incoming else (x, y, rel))
        frontier = found
    return placed, sorted(set(edges))


def neighbourhood_layout(
    g: CompetencyGraph, centre: str, placed: dict[str, tuple[int, int, str]], max_rows: int
) -> tuple[dict[str, tuple[float, float]], list[tuple[float, float, str]]]:
    """Box centres for :func:`plot_neighbourhood`, and a heading (x, y, text) over each column.

    Each column is sorted by distance, how its nodes were reached, kind and label, and wraps into
    sub-columns of at most `max_rows`; columns left of the centre grow leftwards. Related nodes of the centre
    stand above and below it.
    """
    columns: dict[int, list[str]] = {}
    for node_id, (_distance, col, _how) in placed.items():
        if node_id != centre:
            columns.setdefault(col, []).append(node_id)
    kind_rank = {k: i for i, k in enumerate(KIND_ORDER)}

    def order(i: str) -> tuple[int, str, int, str]:
        node = g.node(i)
        return (placed[i][0], placed[i][2], kind_rank.get(node.kind, 9), node.label.casefold())

    layout: dict[str, tuple[float, float]] = {centre: (0.0, 0.0)}
    headings: list[tuple[float, float, str]] = []
    for side in (-1, 1):
        x = 0.0
        for col in sorted((c for c in columns if c * side > 0), key=abs):
            members = sorted(columns[col], key=order)
            n_sub = math.ceil(len(members) / max_rows)
            per = math.ceil(len(members) / n_sub)
            start = x + side * 1.45
            for k, node_id in enumerate(members):
                sub, r = divmod(k, per)
                in_sub = min(per, len(members) - sub * per)
                layout[node_id] = (start + side * sub * 1.12, (in_sub - 1) / 2 - r)
            x = start + side * (n_sub - 1) * 1.12
            hows = list(dict.fromkeys(placed[i][2] for i in members if placed[i][0] == 1))
            heading = " / ".join(hows) if hows else f"{abs(col)} steps away"
            top = max(layout[i][1] for i in members)
            headings.append(((start + x) / 2, top + 0.75, heading))
    beside = sorted(columns.get(0, []), key=order)
    above, below = beside[: len(beside) // 2], beside[len(beside) // 2 :]
    for k, node_id in enumerate(reversed(above)):
        layout[node_id] = (0.0, 1.6 + k)
    for k, node_id in enumerate(below):
        layout[node_id] = (0.0, -1.6 - k)
    return layout, headings


# ---------------------------------------------------------------------------------------------- stages


class StageView(NamedTuple):
    """A named part of a plan (the shape of :class:`mlgraph.plan.stages.Stage`): title, hours, steps in order."""

    title: str
    hours: float
    steps: list[Any]


def plan_stages(plan: LearningPlan, g: CompetencyGraph | None = None) -> list[Any]:
    """The plan's stages, each with ``.title``, ``.hours`` and ``.steps`` (in plan order).

    The planner's own ``plan.stages`` when it has them; otherwise the steps of one area (``Node.area``, titled by
    :mod:`mlgraph.model.areas`) form a stage, stages in the order their areas first come in the plan and steps in
    plan order within each. Every step is in exactly one stage.

    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> plan = mlgraph.learning_order(g, "Data Analyst")
    >>> stages = plan_stages(plan, g)
    >>> sorted(s.id for stage in stages for s in stage.steps) == sorted(plan.ids)
    True
    """
    stages = getattr(plan, "stages", None)
    if stages is not None:
        return list(stages)
    from mlgraph.viz.draw import area_title

    def area(step: Any) -> str | None:
        found = getattr(step, "area", None)
        if found is None and g is not None and step.id in g:
            found = g.node(step.id).area
        return found

    groups: dict[str | None, list[Any]] = {}
    for step in plan.steps:
        groups.setdefault(area(step), []).append(step)
    return [
        StageView(area_title(key), round(sum(s.effort_hours for s in steps), 2), steps) for key, steps in groups.items()
    ]
