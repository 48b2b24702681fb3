"""Figures of roles: one transition (what carries over, what is left to learn, by area) and the role map.

>>> import mlgraph
>>> g = mlgraph.load()
>>> fig = plot_transition(mlgraph.transition(g, "Data Scientist", "MLE"), g)
>>> fig.axes[0].get_title(loc="left").startswith("Data Scientist → Machine Learning Engineer")
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from mlgraph.errors import MlgraphError
from mlgraph.viz.draw import CARRIED, TO_LEARN, _figure, _hours, _title, area_title

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from mlgraph.model.graph import CompetencyGraph
    from mlgraph.plan.transitions import Transition

__all__ = ["plot_role_map", "plot_transition"]


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
    left.set_yticks(list(y), [area_title(a) for a in area_names], fontsize=8.5)
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
