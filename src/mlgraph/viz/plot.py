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

>>> import mlgraph
>>> from mlgraph.viz.plot import plot_learning_plan
>>> g = mlgraph.load()
>>> fig = plot_learning_plan(mlgraph.learning_order(g, "pytorch", known=["python"]), g=g)
>>> fig.axes[0].get_title(loc="left")
'Learning plan for PyTorch: ... steps, ... h'
"""

from __future__ import annotations

import itertools
import math
import os
import tempfile
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlgraph.errors import MlgraphError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from mlgraph.model.graph import CompetencyGraph
    from mlgraph.plan.learning import LearningPlan
    from mlgraph.plan.transitions import Transition

__all__ = [
    "KIND_COLOURS",
    "RELATION_STYLES",
    "plot_learning_plan",
    "plot_neighbourhood",
    "plot_role_map",
    "plot_transition",
    "save_figure",
]

KIND_COLOURS: dict[str, tuple[str, str]] = {
    "concept": ("#d4e6f5", "#2166ac"),
    "skill": ("#d9f0d3", "#1b7837"),
    "tool": ("#fde0b6", "#b35806"),
    "role": ("#e7d4e8", "#762a83"),
    "resource": ("#f4cfcf", "#b2182b"),
}
"""Fill and edge colour of a node box, by kind (colour-blind-safe pairs from ColorBrewer)."""

RELATION_STYLES: dict[str, tuple[str, str]] = {
    "prerequisite": ("#4d4d4d", "solid"),
    "requirement": ("#762a83", "solid"),
    "progression": ("#e08214", "solid"),
    "teaches": ("#b2182b", "dashdot"),
    "related": ("#8c8c8c", "dotted"),
}
"""Line colour and style of an edge, by relation."""

CARRIED, TO_LEARN = "#7fbf7b", "#f1a340"
FONT = 7.5


# ---------------------------------------------------------------------------------------------- helpers


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100)


def _wrap(text: str, width: int, lines: int = 2) -> str:
    return textwrap.fill(text, width, max_lines=lines, placeholder="…", break_on_hyphens=False)


def _hours(value: float) -> str:
    """``12 h``, ``2.5 h``, ``1,859 h``."""
    if value >= 100:
        return f"{value:,.0f} h"
    return f"{value:.4g} h"


def _kind_handles(kinds: Iterable[str]) -> list[Any]:
    from matplotlib.patches import Patch

    present = set(kinds)
    return [
        Patch(facecolor=fill, edgecolor=edge, label=kind)
        for kind, (fill, edge) in KIND_COLOURS.items()
        if kind in present
    ]


def _box(
    ax: Axes,
    x: float,
    y: float,
    w: float,
    h: float,
    kind: str,
    text: str,
    *,
    size: float = FONT,
    bold: bool = False,
    lw: float = 0.8,
) -> None:
    """A rounded box centred on (x, y), filled by kind, with centred text."""
    from matplotlib.patches import FancyBboxPatch

    fill, edge = KIND_COLOURS.get(kind, ("#eeeeee", "#555555"))
    pad = min(w, h) * 0.12
    ax.add_patch(
        FancyBboxPatch(
            (x - w / 2 + pad, y - h / 2 + pad),
            w - 2 * pad,
            h - 2 * pad,
            boxstyle=f"round,pad={pad}",
            facecolor=fill,
            edgecolor=edge,
            linewidth=lw,
            zorder=3,
        )
    )
    ax.text(
        x,
        y,
        text,
        ha="center",
        va="center",
        fontsize=size,
        zorder=4,
        linespacing=1.1,
        fontweight="bold" if bold else "normal",
    )


def _arrow(
    ax: Axes,
    start: tuple[float, float],
    end: tuple[float, float],
    *,
    colour: str = "#4d4d4d",
    style: str = "solid",
    alpha: float = 0.6,
    lw: float = 0.7,
    rad: float = 0.0,
    head: float = 7,
) -> None:
    from matplotlib.patches import FancyArrowPatch

    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=head,
            color=colour,
            linestyle=style,
            alpha=alpha,
            linewidth=lw,
            connectionstyle=f"arc3,rad={rad}",
            zorder=2,
            shrinkA=0,
            shrinkB=0,
        )
    )


def _bare(ax: Axes) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


def _title(ax: Axes, title: str, subtitle: str | None = None, *, above: float = 0.0) -> None:
    """A bold title at the top left, and a grey subtitle under it; `above`: points taken by top tick labels."""
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold", pad=above + (19 if subtitle else 8))
    if subtitle:
        ax.annotate(
            subtitle,
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, above + 5),
            textcoords="offset points",
            fontsize=8.5,
            color="#444444",
            va="bottom",
            ha="left",
        )


def save_figure(fig: Figure, path: str | os.PathLike[str], *, dpi: int = 150) -> Path:
    """Write `fig` to `path` atomically (a temporary file in the same folder, then renamed over `path`).

    The format comes from the suffix (``.png``, ``.svg``, ``.pdf`` ... whatever matplotlib writes).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : str or path-like
    dpi : int
        Resolution of raster formats.

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    MlgraphError
        When the suffix is not a format matplotlib writes, or the file cannot be written (no such folder,
        no permission).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from matplotlib.figure import Figure
    >>> out = save_figure(Figure(), pathlib.Path(tempfile.mkdtemp()) / "empty.png")
    >>> out.read_bytes()[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    >>> save_figure(Figure(), "plan.docx")
    Traceback (most recent call last):
    ...
    mlgraph.errors.MlgraphError: plan.docx: cannot draw a figure to a '.docx' file (use .png, .svg or .pdf)
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    supported = fig.canvas.get_supported_filetypes()
    if fmt not in supported:
        raise MlgraphError(
            f"cannot draw a figure to a {path.suffix or 'suffix-less'!r} file", path=path, hint="use .png, .svg or .pdf"
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise MlgraphError("cannot write the figure: no such folder", path=path, hint=f"create {folder} first")
    tmp_name = None
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{path.name}.", suffix=path.suffix, delete=False) as tmp:
            tmp_name = tmp.name
            fig.savefig(tmp, format=fmt, dpi=dpi, bbox_inches="tight", facecolor="white")
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise MlgraphError(f"cannot write the figure: {exc.strerror or exc}", path=path) from exc
    finally:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)
    return path


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


def _plan_edges(plan: LearningPlan, g: CompetencyGraph | None) -> list[tuple[str, str]]:
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


def _weeks_of(plan: LearningPlan, hours_per_week: float) -> dict[str, tuple[int, int]]:
    spans: dict[str, tuple[int, int]] = {}
    for week in plan.schedule(hours_per_week):
        for node_id, _, _ in week.items:
            first = spans.get(node_id, (week.number, week.number))[0]
            spans[node_id] = (first, week.number)
    return spans


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
    edges = _plan_edges(plan, g)
    if arrows is None:
        arrows = g is not None and (layout == "depth" or len(plan.steps) <= 60)
    elif arrows and g is None:
        raise MlgraphError("prerequisite arrows need the graph", hint="pass g=")
    if layout == "depth":
        return _plan_by_depth(plan, edges, hours_per_week, title, subtitle, arrows=arrows)
    return _plan_by_week(plan, edges, hours_per_week, title, subtitle, arrows=arrows)


def _depth_rows(
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

    place = _depth_rows(plan, edges, per_line)
    steps = {s.id: s for s in plan.steps}
    weeks = _weeks_of(plan, hours_per_week) if hours_per_week else {}
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


# ---------------------------------------------------------------------------------------------- transitions


def _graph_for(g: CompetencyGraph | None, ids: Iterable[str]) -> CompetencyGraph:
    if g is None:
        from mlgraph.io.ontology import load

        g = load()
    missing = [i for i in ids if i not in g]
    if missing:
        raise MlgraphError(
            f"{missing[0]!r} is not in the graph",
            node_id=missing[0],
            hint="pass the graph the result was computed on as g=",
        )
    return g


def plot_transition(t: Transition, g: CompetencyGraph | None = None, *, top: int = 40) -> Figure:
    """Draw a role transition: what carries over against what is left to learn, in hours by area.

    Left: the target role's plan from zero, split by area (see :func:`mlgraph.plan.analysis.areas`) into the hours
    the source role already covers (carried over) and the hours of the transition's plan (to learn, missing
    prerequisites included). Right: the target role's requirements, one bar each: those to learn with the
    hours of their own step and the level change, then those that carry over with the hours they save.

    Parameters
    ----------
    t : Transition
        From :func:`mlgraph.transition`.
    g : CompetencyGraph, optional
        The graph `t` was computed on (default: the bundled graph).
    top : int
        At most this many requirements listed on the right (the rest are counted).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> fig = plot_transition(mlgraph.transition(g, "Data Scientist", "MLE"), g)
    >>> fig.axes[0].get_title(loc="left").startswith("Data Scientist → Machine Learning Engineer")
    True
    """
    from mlgraph.plan.analysis import hours_by_area
    from mlgraph.plan.learning import hours_for, learning_order

    g = _graph_for(g, (t.from_, t.to, *t.plan.ids))
    zero = learning_order(g, t.to, include_optional=t.include_optional, with_resources=False)
    zero_by = {r["area"]: r["hours"] for r in hours_by_area(g, zero, as_records=True)}
    learn_by = {r["area"]: r["hours"] for r in hours_by_area(g, t.plan, as_records=True)}
    area_names = sorted(zero_by, key=lambda a: (-zero_by[a], a))
    learn = [learn_by.get(a, 0.0) for a in area_names]
    carried = [max(0.0, zero_by[a] - learn_by.get(a, 0.0)) for a in area_names]
    a_label, b_label = g.node(t.from_).label, g.node(t.to).label

    saved = {i.id: hours_for(g.node(i.id).effort_hours, i.level) for i in t.shared}
    rows = sorted(t.gap, key=lambda i: (-i.hours, i.label)) + sorted(t.shared, key=lambda i: (-saved[i.id], i.label))
    shown = rows[:top]
    n_rows = max(len(area_names), len(shown))
    fig = _figure(12.5, max(4.8, 1.9 + 0.22 * n_rows))
    left = fig.add_axes((0.12, 0.11, 0.33, 0.74))
    right = fig.add_axes((0.66, 0.11, 0.31, 0.74))

    y = range(len(area_names))
    left.barh(y, carried, color=CARRIED, edgecolor="#1b7837", linewidth=0.5, label="carries over", zorder=3)
    left.barh(y, learn, left=carried, color=TO_LEARN, edgecolor="#b35806", linewidth=0.5, label="to learn", zorder=3)
    for i, (c, h) in enumerate(zip(carried, learn, strict=True)):
        if h:
            left.text(c + h, i, f" {h:,.0f}", va="center", fontsize=7, color="#7f3b08")
    left.set_yticks(list(y), area_names, fontsize=8.5)
    left.set_ylim(len(area_names) - 0.4, -0.6)
    left.set_xlim(0, max((c + h for c, h in zip(carried, learn, strict=True)), default=1) * 1.12)
    left.set_xlabel(f"hours of the {b_label} plan from zero ({_hours(zero.total_hours)}), by area", fontsize=8.5)
    left.tick_params(axis="x", labelsize=8)
    left.grid(axis="x", color="#e5e5e5", zorder=0)
    left.spines[["top", "right"]].set_visible(False)
    left.legend(loc="lower right", fontsize=8)

    gap_ids = {i.id for i in t.gap}
    ry = range(len(shown))
    hours = [i.hours if i.id in gap_ids else saved[i.id] for i in shown]
    colours = [TO_LEARN if i.id in gap_ids else CARRIED for i in shown]
    right.barh(ry, hours, color=colours, edgecolor="#555555", linewidth=0.4, zorder=3)
    labels = []
    for item in shown:
        if item.id in gap_ids:
            was = f"L{item.current_level}" if item.current_level else "new"
            labels.append(f"{item.label}  ({was} → L{item.level})")
        else:
            labels.append(f"{item.label}  (L{item.level})")
    right.set_yticks(list(ry), labels, fontsize=7.5)
    right.set_ylim(len(shown) - 0.4, -0.6)
    for i, (h, item) in enumerate(zip(hours, shown, strict=True)):
        if h:
            colour = "#7f3b08" if item.id in gap_ids else "#1b7837"
            right.text(h, i, f" {h:g}", va="center", fontsize=7, color=colour)
    right.set_xlim(0, max(hours, default=1) * 1.18 or 1)
    more = len(rows) - len(shown)
    right.set_xlabel(
        "hours to learn it, or saved by already knowing it" + (f" ({more} more not shown)" if more else ""),
        fontsize=8.5,
    )
    right.tick_params(axis="x", labelsize=8)
    right.grid(axis="x", color="#e5e5e5", zorder=0)
    right.spines[["top", "right"]].set_visible(False)
    right.set_title(
        f"{b_label} requirements: {len(t.gap)} to learn, {len(t.shared)} carried over", loc="left", fontsize=9
    )

    needs = "essential and optional" if t.include_optional else "essential"
    title = f"{a_label} → {b_label}: {_hours(t.total_hours)} to learn"
    subtitle = (
        f"{len(t.shared)} of {len(t.shared) + len(t.gap)} {needs} requirements carry over; requirement overlap "
        f"{t.overlap:.0%}; {len(t.plan.steps)} steps, missing prerequisites included"
    )
    _title(left, title, subtitle)
    return fig


# ---------------------------------------------------------------------------------------------- role map


def _compact(value: float) -> str:
    if value >= 1000:
        return f"{value / 1000:.1f}k"
    return f"{value:.0f}"


def plot_role_map(
    g: CompetencyGraph,
    value: str = "hours",
    *,
    roles: Iterable[str] | None = None,
    clusters: int | None = 4,
    include_optional: bool = False,
) -> Figure:
    """A heatmap over every two roles: the hours of the move (row to column), or their requirement overlap.

    Roles are ordered by a hierarchical clustering of their requirements (:func:`mlgraph.plan.analysis.role_order`),
    so similar roles sit side by side and groups show as blocks.

    Parameters
    ----------
    g : CompetencyGraph
    value : {"hours", "overlap"}
        ``"hours"``: :func:`mlgraph.transition_matrix`, the hours to move from the row's role to the column's
        (asymmetric: moving down a ladder is cheaper than up). ``"overlap"``:
        :func:`mlgraph.plan.analysis.role_similarity` (symmetric, 0-100 %).
    roles : iterable of str, optional
        The roles to show (default every role).
    clusters : int or None
        Outline this many groups of similar roles (:func:`mlgraph.plan.analysis.role_clusters`); None for none.
    include_optional : bool
        For hours: count the target roles' optional requirements too.

    Returns
    -------
    matplotlib.figure.Figure
        With a colour bar for the scale.

    Examples
    --------
    >>> import mlgraph
    >>> fig = plot_role_map(mlgraph.load(), "overlap")
    >>> fig.axes[0].get_title(loc="left")
    'Requirement overlap between roles'
    >>> fig.axes[1].get_ylabel()
    'overlap of requirements (%)'
    """
    import numpy as np

    from mlgraph.plan.analysis import role_clusters, role_order, role_similarity

    if value not in ("hours", "overlap"):
        raise MlgraphError(f"unknown role map value {value!r}", hint="use 'hours' or 'overlap'")
    order = role_order(g, roles)
    labels = [g.node(r).label for r in order]
    if value == "hours":
        from mlgraph.plan.transitions import transition_matrix

        table = transition_matrix(g, order, include_optional=include_optional)
        matrix = np.asarray(table.values if hasattr(table, "values") else table.hours, dtype=float)
        cmap, bar_label = "YlOrRd", "hours to move from the row's role to the column's"
        title = "Hours to move between roles"
        subtitle = "row: the role you have; column: the role you want; ordered so that similar roles sit together"
        text = [[_compact(v) for v in row] for row in matrix]
    else:
        rows = role_similarity(g, order, as_records=True)
        matrix = np.array([[row[r] for r in order] for row in rows]) * 100
        cmap, bar_label = "PuBuGn", "overlap of requirements (%)"
        title = "Requirement overlap between roles"
        subtitle = "weighted Jaccard index of the levels each role requires (optional ones count half)"
        text = [[f"{v:.0f}" for v in row] for row in matrix]
    n = len(order)
    side = max(4.5, 0.48 * n + 2.6)
    fig = _figure(side + 1.6, side + 0.4)
    ax = fig.add_axes(
        (2.3 / (side + 1.6), 2.2 / (side + 0.4), (side - 2.5) / (side + 1.6), (side - 2.9) / (side + 0.4))
    )
    masked = np.ma.masked_where(np.eye(n, dtype=bool), matrix) if value == "hours" else matrix
    image = ax.imshow(masked, cmap=cmap, aspect="auto", vmin=0)
    vmax = float(np.nanmax(matrix)) if n else 1.0
    for i in range(n):
        for j in range(n):
            if i == j and value == "hours":
                ax.text(j, i, "\u2013", ha="center", va="center", fontsize=7, color="#999999")
                continue
            dark = matrix[i, j] > 0.6 * vmax
            ax.text(j, i, text[i][j], ha="center", va="center", fontsize=6.5, color="white" if dark else "#222222")
    ax.set_xticks(range(n), labels, rotation=55, ha="right", rotation_mode="anchor", fontsize=8)
    ax.set_yticks(range(n), labels, fontsize=8)
    if value == "hours":
        ax.set_xlabel("to", fontsize=9)
        ax.set_ylabel("from", fontsize=9)
    ax.tick_params(length=0)
    if clusters and n > 2:
        group = {r: k for k, members in enumerate(role_clusters(g, clusters, roles=order)) for r in members}
        for i in range(1, n):
            if group[order[i]] != group[order[i - 1]]:
                ax.axhline(i - 0.5, color="#333333", lw=1.2)
                ax.axvline(i - 0.5, color="#333333", lw=1.2)
        subtitle += f"; lines part {clusters} groups of similar roles"
    cax = fig.add_axes((1 - 1.15 / (side + 1.6), 2.2 / (side + 0.4), 0.22 / (side + 1.6), (side - 2.9) / (side + 0.4)))
    bar = fig.colorbar(image, cax=cax)
    bar.set_label(bar_label, fontsize=8.5)
    bar.ax.tick_params(labelsize=7.5)
    _title(ax, title, subtitle)
    return fig


# ---------------------------------------------------------------------------------------------- neighbourhood

# flow of each relation: +1 when the edge's target comes after its source (drawn to its right), -1 when before,
# 0 for the symmetric "related"
_FLOW = {"prerequisite": 1, "progression": 1, "teaches": 1, "requirement": -1, "related": 0}
_SIDE_LABEL = {
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
}


def _neighbourhood(
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
                        flow = _FLOW[rel] * (-1 if incoming else 1)
                        col = flow if col_x == 0 else col_x + (1 if col_x > 0 else -1)
                        if y not in placed:
                            placed[y] = (distance, col, _SIDE_LABEL[(rel, incoming)])
                            found.append(y)
                        edges.append((y, x, rel) if incoming else (x, y, rel))
        frontier = found
    return placed, sorted(set(edges))


def _neighbourhood_layout(
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
    kind_rank = {k: i for i, k in enumerate(KIND_COLOURS)}

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
    placed, edges = _neighbourhood(g, centre, depth, rels)
    requirement = {(e.source, e.target): e for e in g.edges_of(centre) if e.relation == "requirement"}
    centre_node = g.node(centre)

    layout, headings = _neighbourhood_layout(g, centre, placed, max_rows)
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
