"""Figures of plans, transitions, roles and neighbourhoods, drawn with matplotlib.

Every function returns a :class:`matplotlib.figure.Figure` with a title and a legend (a colour bar for the
heatmap), sized for what it shows; :func:`save_figure` writes one to a file. matplotlib is imported inside the
functions, as networkx's ``nx_pylab`` does, so ``import mlgraph`` stays light. Figures are built with
:class:`matplotlib.figure.Figure` rather than pyplot: no display and no global figure list are involved, so
they work the same in scripts, servers and tests. In a notebook, run ``%matplotlib inline`` once and a
returned figure shows as an image.

- :func:`plot_learning_plan`: a plan as boxes in columns by prerequisite depth, or as a timeline by week.
- :func:`plot_transition`: what carries over from one role to another and what is left to learn, by area.
- :func:`plot_role_map`: a heatmap of the hours (or the overlap) between every two roles, similar roles
  side by side.
- :func:`plot_neighbourhood`: a node and its surroundings, what comes before it on the left and what builds
  on it on the right.

Positions come from :mod:`mlgraph.viz.layout` (no matplotlib), the drawing kit and :func:`save_figure` from
:mod:`mlgraph.viz.draw`, and the role figures from :mod:`mlgraph.viz.roles`; all are importable from here.

>>> import mlgraph
>>> from mlgraph.viz.plot import plot_learning_plan
>>> g = mlgraph.load()
>>> fig = plot_learning_plan(mlgraph.learning_order(g, "pytorch", known=["python"]), g=g)
>>> fig.axes[0].get_title(loc="left")
'Learning plan for PyTorch: ... steps, ... h'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from mlgraph.errors import MlgraphError
from mlgraph.viz.draw import (
    KIND_COLOURS,
    RELATION_STYLES,
    _arrow,
    _bare,
    _box,
    _figure,
    _hours,
    _kind_handles,
    _title,
    _wrap,
    save_figure,
)
from mlgraph.viz.layout import depth_rows, neighbourhood, neighbourhood_layout, plan_edges, weeks_of
from mlgraph.viz.roles import plot_role_map, plot_transition

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from mlgraph.model.graph import CompetencyGraph
    from mlgraph.plan.learning import LearningPlan

__all__ = [
    "KIND_COLOURS",
    "RELATION_STYLES",
    "plot_learning_plan",
    "plot_neighbourhood",
    "plot_role_map",
    "plot_transition",
    "save_figure",
]

# ---------------------------------------------------------------------------------------------- learning plans


def _plan_labels(plan: LearningPlan, g: CompetencyGraph | None, ids: Iterable[str]) -> list[str]:
    out = []
    for node_id in ids:
        if g is not None and node_id in g:
            out.append(g.node(node_id).label)
        else:
            labels = plan.steps[0]._labels if plan.steps else {}
            out.append(labels.get(node_id, node_id))
    return out


def plot_learning_plan(
    plan: LearningPlan,
    g: CompetencyGraph | None = None,
    hours_per_week: float | None = None,
    *,
    layout: str | None = None,
    arrows: bool | None = None,
    title: str | None = None,
) -> Figure:
    """Draw a learning plan: every step as a box with its hours, coloured by kind, with prerequisite arrows.

    Parameters
    ----------
    plan : LearningPlan
        From :func:`mlgraph.learning_order` (or a transition's ``.plan``).
    g : CompetencyGraph, optional
        The graph the plan was made from: its prerequisite edges between plan items are drawn as arrows, and
        its labels name the targets. Without it, the layout follows the chains in each step's ``why``.
    hours_per_week : float, optional
        Schedule the plan at this pace: the timeline counts weeks, and each box in the depth layout names its
        weeks.
    layout : {"depth", "week"}, optional
        ``"depth"``: columns by prerequisite depth (an item stands one column right of its last
        prerequisite), read left to right. ``"week"``: a timeline, one row per step in plan order, each bar
        spanning its weeks (its hours without `hours_per_week`). Default: ``"week"`` when `hours_per_week` is
        given, else ``"depth"``.
    arrows : bool, optional
        Draw the prerequisite arrows (they need `g`). Default: always in the depth layout; in the timeline
        only for plans of at most 60 steps, where they stay readable.
    title : str, optional
        Replaces the default title (the targets, steps and hours).

    Returns
    -------
    matplotlib.figure.Figure
        Sized to the plan, so that every label stays readable (a 130-step plan gives a large figure).

    Examples
    --------
    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> plan = mlgraph.learning_order(g, "pytorch", known=["python"])
    >>> fig = plot_learning_plan(plan, g=g, hours_per_week=10)
    >>> fig.axes[0].get_title(loc="left")
    'Learning plan for PyTorch: ... steps, ... h, ... weeks at 10 h a week'
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['concept', 'tool', 'prerequisite']
    """
    if layout is None:
        layout = "week" if hours_per_week else "depth"
    if layout not in ("depth", "week"):
        raise MlgraphError(f"unknown plan layout {layout!r}", hint="use 'depth' or 'week'")
    if hours_per_week is not None and hours_per_week <= 0:
        raise MlgraphError(f"hours per week must be positive, got {hours_per_week!r}")
    targets = ", ".join(_plan_labels(plan, g, plan.targets))
    if title is None:
        title = f"Learning plan for {_wrap(targets, 80, 1)}: {len(plan.steps)} steps, {_hours(plan.total_hours)}"
        if hours_per_week:
            weeks = len(plan.schedule(hours_per_week))
            title += f", {weeks} weeks at {hours_per_week:g} h a week"
    subtitle = None
    if plan.known:
        subtitle = "already known: " + _wrap(", ".join(_plan_labels(plan, g, plan.known)), 150, 1)
    if not plan.steps:
        fig = _figure(6.4, 2)
        ax = fig.add_subplot()
        _bare(ax)
        ax.text(
            0.5,
            0.5,
            "Nothing to learn: everything needed is already known.",
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
        _title(ax, title, subtitle)
        ax.legend(handles=[], title="no steps", loc="lower right", frameon=False)
        return fig
    edges = plan_edges(plan, g)
    if arrows is None:
        arrows = g is not None and (layout == "depth" or len(plan.steps) <= 60)
    elif arrows and g is None:
        raise MlgraphError("prerequisite arrows need the graph", hint="pass g=")
    if layout == "depth":
        return _plan_by_depth(plan, edges, hours_per_week, title, subtitle, arrows=arrows)
    return _plan_by_week(plan, edges, hours_per_week, title, subtitle, arrows=arrows)


def _plan_by_depth(
    plan: LearningPlan,
    edges: Sequence[tuple[str, str]],
    hours_per_week: float | None,
    title: str,
    subtitle: str | None,
    *,
    arrows: bool,
    per_line: int = 9,
) -> Figure:
    from matplotlib.lines import Line2D

    place = depth_rows(plan, edges, per_line)
    steps = {s.id: s for s in plan.steps}
    weeks = weeks_of(plan, hours_per_week) if hours_per_week else {}
    n_lines = max(line for _, line, _ in place.values()) + 1
    x_min = min(x for x, _, _ in place.values())
    x_max = max(x for x, _, _ in place.values())
    col_in, line_in = 1.5, 0.66  # inches per unit of x and per line
    width = max(7.0, 1.3 + col_in * (x_max - x_min + 1))
    height = max(3.0, 1.45 + line_in * n_lines)
    fig = _figure(width, height)
    ax = fig.add_axes((0.75 / width, 0.45 / height, 1 - 0.9 / width, 1 - 1.2 / height))
    _bare(ax)
    box_w, box_h = 0.88, 0.66
    if arrows:
        for u, v in edges:
            (x0, y0, _), (x1, y1, _) = place[u], place[v]
            # an arrow over several lines bends a little, so it does not read as a chain of short ones
            rad = 0.0 if y1 - y0 <= 1 else (0.12 if x1 >= x0 else -0.12)
            _arrow(ax, (x0, -y0 - box_h / 2), (x1, -y1 + box_h / 2), alpha=0.3, lw=0.6, head=5, rad=rad)
    for node_id, (x, line, _depth) in place.items():
        s = steps[node_id]
        detail = _hours(s.effort_hours)
        if node_id in weeks:
            first, last = weeks[node_id]
            detail += f" · wk {first}" if first == last else f" · wk {first}-{last}"
        _box(ax, x, -line, box_w, box_h, s.kind, f"{_wrap(s.label, 22)}\n{detail}", size=6.8)
    for d in sorted({d for _, _, d in place.values()}):
        first_line = min(line for _, line, dd in place.values() if dd == d)
        ax.text(x_min - 0.55, -first_line, f"depth {d}", ha="right", va="center", fontsize=6.5, color="#777777")
    ax.set_xlim(x_min - 0.5, x_max + 0.5)
    ax.set_ylim(-(n_lines - 1) - 0.5, 0.5)
    _title(ax, title, subtitle)
    handles = _kind_handles(steps[i].kind for i in steps)
    if arrows:
        handles.append(Line2D([], [], color="#4d4d4d", lw=0.8, marker="v", markersize=4, label="prerequisite"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 0), ncols=len(handles), frameon=False, fontsize=8)
    return fig


def _plan_by_week(
    plan: LearningPlan,
    edges: Sequence[tuple[str, str]],
    hours_per_week: float | None,
    title: str,
    subtitle: str | None,
    *,
    arrows: bool,
) -> Figure:
    n = len(plan.steps)
    scale = hours_per_week or 1.0
    starts: dict[str, float] = {}
    ends: dict[str, float] = {}
    running = 0.0
    for s in plan.steps:
        starts[s.id] = running / scale
        running += s.effort_hours
        ends[s.id] = running / scale
    total = running / scale
    row = {s.id: i for i, s in enumerate(plan.steps)}
    fig = _figure(11.0, max(3.0, 1.3 + 0.17 * n))
    ax = fig.add_axes((2.3 / 11.0, 0.5 / fig.get_figheight(), 1 - 2.5 / 11.0, 1 - 1.15 / fig.get_figheight()))
    if arrows:
        for u, v in edges:
            _arrow(ax, (ends[u], row[u]), (starts[v], row[v]), alpha=0.25, lw=0.5, head=4, colour="#666666")
    for s in plan.steps:
        fill, edge = KIND_COLOURS.get(s.kind, ("#eeeeee", "#555555"))
        width = ends[s.id] - starts[s.id]
        if width > 0:
            ax.barh(
                row[s.id], width, left=starts[s.id], height=0.72, color=fill, edgecolor=edge, linewidth=0.6, zorder=3
            )
        else:
            ax.plot([starts[s.id]], [row[s.id]], marker="D", markersize=3, color=edge, zorder=3)
    ax.set_yticks(range(n), [f"{s.label}  {_hours(s.effort_hours)}" for s in plan.steps], fontsize=6.5)
    ax.set_ylim(n - 0.4, -0.6)
    ax.set_xlim(0, total * 1.01 if total else 1)
    ax.tick_params(axis="x", labelsize=8, labeltop=True, top=True)
    ax.set_xlabel(f"week ({hours_per_week:g} h a week)" if hours_per_week else "hours, in plan order", fontsize=9)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6, zorder=0)
    ax.spines[["right"]].set_visible(False)
    _title(ax, title, subtitle, above=14)
    handles = _kind_handles(s.kind for s in plan.steps)
    if arrows:
        from matplotlib.lines import Line2D

        handles.append(Line2D([], [], color="#666666", lw=0.8, marker=">", markersize=4, label="prerequisite"))
    ax.legend(handles=handles, loc="upper right", fontsize=8)
    return fig


# ---------------------------------------------------------------------------------------------- neighbourhood


# flow of each relation: +1 when the edge's target comes after its source (drawn to its right), -1 when before,
# 0 for the symmetric "related"
def plot_neighbourhood(
    g: CompetencyGraph,
    node: str,
    depth: int = 1,
    *,
    relations: Iterable[str] | None = None,
    max_rows: int = 22,
) -> Figure:
    """A node and its surroundings: what comes before it on the left, what builds on it on the right.

    Prerequisites, the requirements of a role, the roles a role comes from and the resources teaching a
    competency stand to the left of the node; what needs it, the roles requiring it and the roles it leads to
    stand to the right; related nodes share its column. Boxes are coloured by kind, lines by relation; a
    requirement names its level (``L4``), dashed when optional.

    Parameters
    ----------
    g : CompetencyGraph
    node : str
        Any name :meth:`~mlgraph.model.graph.CompetencyGraph.resolve` understands.
    depth : int
        How many hops out (1: direct neighbours). With 2 or more, rings move outwards and the edges between
        consecutive rings are drawn. The walk goes on through roles only from a role (each requires dozens of
        competencies); even so, a role's second ring is most of the graph.
    relations : iterable of str, optional
        Only these relations (default every relation).
    max_rows : int
        Longest column of boxes; longer groups wrap into more columns.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import mlgraph
    >>> fig = plot_neighbourhood(mlgraph.load(), "transformers")
    >>> fig.axes[0].get_title(loc="left")
    'Neighbourhood of Transformers'
    >>> fig.axes[0].get_legend() is not None
    True
    """
    from matplotlib.lines import Line2D

    from mlgraph.model.records import RELATIONS

    if depth < 1:
        raise MlgraphError(f"depth is at least 1, got {depth!r}")
    rels = tuple(RELATIONS) if relations is None else tuple(relations)
    for rel in rels:
        if rel not in RELATIONS:
            raise MlgraphError(f"unknown relation {rel!r}", hint=f"use {', '.join(RELATIONS)}")
    centre = g.id_of(node)
    placed, edges = neighbourhood(g, centre, depth, rels)
    requirement = {(e.source, e.target): e for e in g.edges_of(centre) if e.relation == "requirement"}
    centre_node = g.node(centre)

    layout, headings = neighbourhood_layout(g, centre, placed, max_rows)
    xs = [p[0] for p in layout.values()]
    ys = [p[1] for p in layout.values()]
    width_units = max(xs) - min(xs) + 1.3
    height_units = max(ys) - min(ys) + 1.6
    fig = _figure(max(8.0, 1.45 * width_units + 0.6), max(4.5, 0.36 * height_units + 2.0))
    fw, fh = fig.get_figwidth(), fig.get_figheight()
    ax = fig.add_axes((0.3 / fw, 0.75 / fh, 1 - 0.6 / fw, 1 - 1.6 / fh))
    _bare(ax)
    box_w, box_h = 1.0, 0.82

    centre_w, centre_h = box_w * 1.35, box_h * 1.45

    def half(node_id: str) -> tuple[float, float]:
        return (centre_w / 2, centre_h / 2) if node_id == centre else (box_w / 2, box_h / 2)

    for u, v, rel in edges:
        colour, style = RELATION_STYLES[rel]
        (x0, y0), (x1, y1) = layout[u], layout[v]
        (wu, hu), (wv, hv) = half(u), half(v)
        req = requirement.get((u, v)) if rel == "requirement" else None
        if req is not None and req.importance == "optional":
            style = "dashed"
        if abs(x1 - x0) < 1e-9:  # same column: leave from the top or bottom
            sign = 1 if y1 > y0 else -1
            start, end = (x0, y0 + sign * hu), (x1, y1 - sign * hv)
        else:
            sx = 1 if x1 > x0 else -1
            # at the centre, spread the ends along its side so that arrowheads do not pile up
            if u == centre:
                y0 += max(-0.8 * hu, min(0.8 * hu, (y1 - y0) * 0.06))
            if v == centre:
                y1 += max(-0.8 * hv, min(0.8 * hv, (y0 - y1) * 0.06))
            start, end = (x0 + sx * wu, y0), (x1 - sx * wv, y1)
        _arrow(ax, start, end, colour=colour, style=style, alpha=0.5, lw=0.8, head=7)

    for node_id, (px, py) in layout.items():
        n = g.node(node_id)
        if node_id == centre:
            detail = n.kind + (f" · {_hours(n.effort_hours)}" if n.effort_hours else "")
            _box(ax, px, py, centre_w, centre_h, n.kind, f"{_wrap(n.label, 20)}\n{detail}", size=8.5, bold=True, lw=1.8)
            continue
        text = _wrap(n.label, 22)
        req = requirement.get((centre, node_id)) or requirement.get((node_id, centre))
        if req is not None:
            text += f" · L{req.level}"
        _box(ax, px, py, box_w, box_h, n.kind, text, size=6.8)

    for gx, gy, text in headings:
        ax.text(gx, gy, text, ha="center", va="bottom", fontsize=8, color="#444444", style="italic")
    ax.set_xlim(min(xs) - 0.65, max(xs) + 0.65)
    ax.set_ylim(min(ys) - 0.6, max(max(ys) + 1.3, 1.3))

    n_nodes = len(placed) - 1
    title = f"Neighbourhood of {centre_node.label}"
    subtitle = (
        f"{n_nodes} node{'s' if n_nodes != 1 else ''} within {depth} hop{'s' if depth > 1 else ''}; "
        "left: comes before it; right: builds on it"
    )
    _title(ax, title, subtitle)
    kinds = {g.node(i).kind for i in placed}
    handles = _kind_handles(kinds)
    used = list(dict.fromkeys(rel for _, _, rel in edges))
    handles += [
        Line2D([], [], color=RELATION_STYLES[r][0], linestyle=RELATION_STYLES[r][1], lw=1.2, label=r)
        for r in RELATIONS
        if r in used
    ]
    if any(
        e.importance == "optional"
        for e in requirement.values()
        if (e.source, e.target, "requirement") in {(u, v, r) for u, v, r in edges}
    ):
        handles.append(
            Line2D(
                [],
                [],
                color=RELATION_STYLES["requirement"][0],
                linestyle="dashed",
                lw=1.2,
                label="optional requirement",
            )
        )
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(0, 0), ncols=min(len(handles), 8), frameon=False, fontsize=8
    )
    return fig
