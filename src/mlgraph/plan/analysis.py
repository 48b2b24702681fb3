"""Analyses over the whole graph: which competencies matter most, how roles group, how far a profile reaches.

These are the computations behind the notebooks in ``notebooks/``; a notebook calls them rather than
re-deriving them in cells.

- :func:`most_required` and :func:`keystones`: the competencies that the most roles need, and the ones that
  hold the prerequisite graph together (betweenness, what builds on them, how many roles' plans pass through
  them).
- :func:`role_summary`, :func:`role_similarity`, :func:`role_clusters`, :func:`role_order`: roles side by
  side, how much their requirements overlap, and the groups that overlap makes.
- :func:`profile_coverage`: for a profile, per role, the share of requirements already covered and the hours
  left.
- :func:`areas` and :func:`hours_by_area`: where the hours of a plan go, by area (math, statistics, ml, ...).

Tables are :class:`pandas.DataFrame` objects when pandas is installed (``pip install 'mlgraph[pandas]'``),
else lists of dicts with the same columns (the DataFrame's index is then the first key of each dict), as
:meth:`mlgraph.plan.learning.LearningPlan.table` does. Expensive intermediate results (every role's plan from zero,
betweenness) are cached on the graph with :meth:`~mlgraph.model.graph.CompetencyGraph.derived`.

>>> import mlgraph
>>> from mlgraph import analysis
>>> g = mlgraph.load()
>>> "python" in [row["id"] for row in analysis.most_required(g, top=5, as_records=True)]
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from mlgraph.errors import MlgraphError
from mlgraph.model.graph import CompetencyGraph
from mlgraph.plan.known import Known

if TYPE_CHECKING:
    import numpy as np

    from mlgraph.plan.learning import LearningPlan

__all__ = [
    "areas",
    "hours_by_area",
    "keystones",
    "most_required",
    "profile_coverage",
    "role_clusters",
    "role_order",
    "role_plans",
    "role_similarity",
    "role_summary",
]

KEYSTONE_COLUMNS = ("betweenness", "unlocks", "roles", "essential", "dependents")
"""The columns :func:`keystones` can rank by."""


# ---------------------------------------------------------------------------------------------- helpers


def _table(rows: list[dict[str, Any]], index: str | None, as_records: bool = False) -> Any:
    """`rows` as a DataFrame indexed by `index` (when pandas is installed and not `as_records`), else as is."""
    if as_records:
        return rows
    try:
        import pandas as pd
    except ImportError:
        return rows
    columns = list(rows[0]) if rows else [index] if index else []
    frame = pd.DataFrame(rows, columns=columns)
    return frame.set_index(index) if index else frame


def _roles(g: CompetencyGraph, roles: Iterable[str] | None) -> list[str]:
    """Role ids: the given names resolved (each must be a role), or every role of `g` in graph order."""
    if roles is None:
        ids = [n.id for n in g.nodes(kind="role")]
    else:
        ids = g.ids_of(roles)
        for node_id in ids:
            if g.node(node_id).kind != "role":
                raise MlgraphError(f"{node_id!r} is a {g.node(node_id).kind}, not a role", node_id=node_id)
    if not ids:
        raise MlgraphError("the graph has no roles", hint="roles are nodes of kind 'role'")
    return ids


def _competencies(g: CompetencyGraph) -> list[str]:
    from mlgraph.model.records import COMPETENCY_KINDS

    return [n.id for n in g.nodes() if n.kind in COMPETENCY_KINDS]


def role_plans(g: CompetencyGraph) -> dict[str, frozenset[str]]:
    """Every role's plan from zero (its essential requirements and all their prerequisites), as sets of ids.

    Cached on the graph.

    >>> import mlgraph
    >>> plans = role_plans(mlgraph.load())
    >>> "python" in plans["machine-learning-engineer"]
    True
    """

    def build(g: CompetencyGraph) -> dict[str, frozenset[str]]:
        from mlgraph.plan.learning import learning_order

        return {r.id: frozenset(learning_order(g, r.id, with_resources=False).ids) for r in g.nodes(kind="role")}

    return g.derived("analysis.role_plans", build)


def _plan_hours(g: CompetencyGraph) -> dict[str, float]:
    def build(g: CompetencyGraph) -> dict[str, float]:
        from mlgraph.plan.learning import learning_order

        return {r.id: learning_order(g, r.id, with_resources=False).total_hours for r in g.nodes(kind="role")}

    return g.derived("analysis.plan_hours", build)


# ---------------------------------------------------------------------------------------------- competencies


def most_required(
    g: CompetencyGraph, top: int | None = 10, *, importance: str | None = None, as_records: bool = False
) -> Any:
    """The competencies the most roles require.

    Parameters
    ----------
    g : CompetencyGraph
    top : int or None
        How many rows (None: every required competency).
    importance : {"essential", "optional"}, optional
        Count only requirements of this importance.
    as_records : bool
        Return a list of dicts even when pandas is installed.

    Returns
    -------
    DataFrame or list of dict
        Indexed by ``id``, with ``label``, ``kind``, ``roles`` (how many roles require it), ``essential``,
        ``optional`` and ``mean_level`` (the mean level asked, 1-5); sorted by ``roles``, then ``essential``,
        then the mean level, most first, then by id.

    Examples
    --------
    >>> import mlgraph
    >>> rows = most_required(mlgraph.load(), top=3, as_records=True)
    >>> len(rows), sorted(rows[0])
    (3, ['essential', 'id', 'kind', 'label', 'mean_level', 'optional', 'roles'])
    """
    if importance not in (None, "essential", "optional"):
        raise MlgraphError(f"importance is 'essential' or 'optional', got {importance!r}")
    counts: dict[str, list[int]] = {}  # id -> [essential, optional, sum of levels]
    for row in g.edge_rows("requirement"):
        if importance is not None and row.importance != importance:
            continue
        c = counts.setdefault(row.target, [0, 0, 0])
        c[0 if row.importance == "essential" else 1] += 1
        c[2] += row.level or 3
    rows = []
    for node_id, (essential, optional, levels) in counts.items():
        node = g.node(node_id)
        rows.append(
            {
                "id": node_id,
                "label": node.label,
                "kind": node.kind,
                "roles": essential + optional,
                "essential": essential,
                "optional": optional,
                "mean_level": round(levels / (essential + optional), 2),
            }
        )
    rows.sort(key=lambda r: (-r["roles"], -r["essential"], -r["mean_level"], r["id"]))
    return _table(rows[:top] if top is not None else rows, "id", as_records)


def _betweenness(g: CompetencyGraph) -> dict[str, float]:
    def build(g: CompetencyGraph) -> dict[str, float]:
        import networkx as nx

        return nx.betweenness_centrality(g.prerequisite_dag())

    return g.derived("analysis.betweenness", build)


def _descendant_counts(g: CompetencyGraph) -> dict[str, int]:
    def build(g: CompetencyGraph) -> dict[str, int]:
        import networkx as nx

        dag = g.prerequisite_dag()
        counts: dict[str, int] = {}
        below: dict[str, set[str]] = {}
        for node in reversed(list(nx.topological_sort(dag))):
            seen: set[str] = set()
            for s in dag.successors(node):
                seen.add(s)
                seen |= below[s]
            below[node] = seen
            counts[node] = len(seen)
        return counts

    return g.derived("analysis.descendants", build)


def keystones(g: CompetencyGraph, top: int | None = 10, *, by: str = "betweenness", as_records: bool = False) -> Any:
    """Keystone competencies: the ones many roles depend on and the prerequisite graph runs through.

    Parameters
    ----------
    g : CompetencyGraph
    top : int or None
        How many rows (None: every competency).
    by : {"betweenness", "unlocks", "roles", "essential", "dependents"}
        The column to rank by, most first. The default, betweenness, finds the competencies that the
        prerequisite chains run through (machine learning, statistics, linear algebra ...); "unlocks" finds
        the foundations nearly every plan starts from. Ties go to betweenness, then to the other columns, then
        to the id.
    as_records : bool
        Return a list of dicts even when pandas is installed.

    Returns
    -------
    DataFrame or list of dict
        Indexed by ``id``, with ``label``, ``kind``, and

        - ``unlocks``: how many roles' plans from zero include it (it is required, or a prerequisite of
          something required, transitively);
        - ``roles`` and ``essential``: how many roles require it directly, and how many as essential;
        - ``dependents``: how many competencies build on it, transitively;
        - ``betweenness``: its betweenness centrality in the prerequisite graph (normalised, 0-1): the share
          of shortest prerequisite chains that pass through it.

    Examples
    --------
    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> rows = keystones(g, top=5, as_records=True)
    >>> rows[0]["betweenness"] >= rows[-1]["betweenness"]
    True
    >>> keystones(g, by="fame")
    Traceback (most recent call last):
    ...
    mlgraph.errors.MlgraphError: cannot rank keystones by 'fame' (rank by one of betweenness, unlocks, roles, ...)
    """
    if by not in KEYSTONE_COLUMNS:
        raise MlgraphError(f"cannot rank keystones by {by!r}", hint=f"rank by one of {', '.join(KEYSTONE_COLUMNS)}")
    plans = role_plans(g)
    between = _betweenness(g)
    dependents = _descendant_counts(g)
    required = {row["id"]: row for row in most_required(g, top=None, as_records=True)}
    rows = []
    for node_id in _competencies(g):
        node = g.node(node_id)
        req = required.get(node_id, {})
        rows.append(
            {
                "id": node_id,
                "label": node.label,
                "kind": node.kind,
                "unlocks": sum(1 for ids in plans.values() if node_id in ids),
                "roles": req.get("roles", 0),
                "essential": req.get("essential", 0),
                "dependents": dependents.get(node_id, 0),
                "betweenness": round(between.get(node_id, 0.0), 4),
            }
        )
    order = [by, "betweenness", *(c for c in KEYSTONE_COLUMNS if c not in (by, "betweenness"))]
    rows.sort(key=lambda r: (*(-r[c] for c in order), r["id"]))
    return _table(rows[:top] if top is not None else rows, "id", as_records)


# ---------------------------------------------------------------------------------------------- areas


def areas(g: CompetencyGraph) -> dict[str, str]:
    """The area of every node: its ``Node.area`` (see :mod:`mlgraph.model.areas`), else its kind.

    The YAML loader sets a competency's area from its own ``area:`` key, its file's, or the stem of its file in
    ``competencies/`` (math, statistics, ml, deep-learning, mlops ...); nodes without one (roles, resources,
    nodes of a graph built in code) get their kind instead. Cached on the graph.

    >>> import mlgraph
    >>> a = areas(mlgraph.load())
    >>> a["linear-algebra"], a["docker"], a["machine-learning-engineer"]
    ('math', 'infrastructure', 'role')
    """

    def build(g: CompetencyGraph) -> dict[str, str]:
        return {n.id: n.area or n.kind for n in g.nodes()}

    return g.derived("analysis.areas", build)


def hours_by_area(
    g: CompetencyGraph, items: LearningPlan | Iterable[tuple[str, float]], *, as_records: bool = False
) -> Any:
    """Hours per area (see :func:`areas`) of a plan, or of ``(id, hours)`` pairs.

    Returns
    -------
    DataFrame or list of dict
        Indexed by ``area`` (the id), with ``title`` (e.g. "Deep learning"), ``items``, ``hours`` and ``share``
        (of all the hours, 0-1); most hours first.

    Examples
    --------
    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> rows = hours_by_area(g, mlgraph.learning_order(g, "pytorch", known=["python"]), as_records=True)
    >>> rows[0]["area"], rows[0]["title"], round(sum(r["share"] for r in rows), 2)
    ('math', 'Mathematics for ML', 1.0)
    """
    from mlgraph.plan.learning import LearningPlan

    pairs = [(s.id, s.effort_hours) for s in items.steps] if isinstance(items, LearningPlan) else list(items)
    area_of = areas(g)
    totals: dict[str, list[float]] = {}
    for node_id, hours in pairs:
        t = totals.setdefault(area_of.get(node_id) or g.node(node_id).kind, [0, 0.0])
        t[0] += 1
        t[1] += hours
    grand = sum(h for _, h in totals.values()) or 1.0
    from mlgraph.model.areas import area_title

    rows = [
        {"area": area, "title": area_title(area), "items": int(n), "hours": round(h, 2), "share": round(h / grand, 4)}
        for area, (n, h) in totals.items()
    ]
    rows.sort(key=lambda r: (-r["hours"], r["area"]))
    return _table(rows, "area", as_records)


# ---------------------------------------------------------------------------------------------- roles


def role_summary(g: CompetencyGraph, *, as_records: bool = False) -> Any:
    """Every role side by side: requirements, the plan from zero, and where it usually leads.

    Returns
    -------
    DataFrame or list of dict
        Indexed by ``id``, with ``label``, ``requirements``, ``essential``, ``plan_steps`` and ``plan_hours``
        (its plan from zero, essential requirements and their prerequisites), and ``next_roles`` (labels of
        the usual next roles, comma-separated); sorted by hours from zero.

    Examples
    --------
    >>> import mlgraph
    >>> rows = role_summary(mlgraph.load(), as_records=True)
    >>> rows[0]["plan_hours"] <= rows[-1]["plan_hours"]
    True
    """
    plans, hours = role_plans(g), _plan_hours(g)
    rows = []
    for role in _roles(g, None):
        reqs = g.requirements(role)
        rows.append(
            {
                "id": role,
                "label": g.node(role).label,
                "requirements": len(reqs),
                "essential": sum(1 for r in reqs if r.importance == "essential"),
                "plan_steps": len(plans[role]),
                "plan_hours": hours[role],
                "next_roles": ", ".join(g.node(p).label for p in g.progressions(role)),
            }
        )
    rows.sort(key=lambda r: (r["plan_hours"], r["id"]))
    return _table(rows, "id", as_records)


def _similarity_matrix(g: CompetencyGraph, roles: Sequence[str]) -> np.ndarray:
    """:func:`mlgraph.plan.ranking.role_overlap` of every two `roles`, as a symmetric array (cached per graph)."""

    def build(g: CompetencyGraph) -> np.ndarray:
        from mlgraph.plan.ranking import overlap_matrix

        sim = overlap_matrix(g, roles)
        sim.setflags(write=False)
        return sim

    return g.derived("analysis.similarity:" + ",".join(roles), build)


def role_similarity(g: CompetencyGraph, roles: Iterable[str] | None = None, *, as_records: bool = False) -> Any:
    """How much every two roles' requirements overlap, from 0 (nothing) to 1 (the same).

    The overlap is :func:`mlgraph.plan.ranking.role_overlap`: each role is a vector of the levels it asks for
    each competency (an optional requirement counts half), and the overlap of two roles is the weighted
    Jaccard index ``sum(min) / sum(max)`` of their vectors. It is symmetric, and 1 on the diagonal.

    Parameters
    ----------
    g : CompetencyGraph
    roles : iterable of str, optional
        The roles to compare (names or ids); default every role.

    Returns
    -------
    DataFrame or list of dict
        A square table indexed by role id with one column per role id.

    Examples
    --------
    >>> import mlgraph
    >>> rows = role_similarity(mlgraph.load(), ["MLE", "NLP engineer", "data analyst"], as_records=True)
    >>> [round(r["machine-learning-engineer"], 2) for r in rows][0]
    1.0
    >>> rows[1]["machine-learning-engineer"] > rows[2]["machine-learning-engineer"]
    True
    """
    ids = _roles(g, roles)
    sim = _similarity_matrix(g, ids)
    rows = [{"role": a, **{b: round(float(sim[i, j]), 4) for j, b in enumerate(ids)}} for i, a in enumerate(ids)]
    return _table(rows, "role", as_records)


def _linkage(g: CompetencyGraph, ids: Sequence[str], method: str) -> np.ndarray:
    """A hierarchical clustering of `ids` on 1 - overlap, its leaves in the optimal order."""
    from scipy.cluster.hierarchy import linkage, optimal_leaf_ordering
    from scipy.spatial.distance import squareform

    distance = squareform(1.0 - _similarity_matrix(g, ids), checks=False)
    return optimal_leaf_ordering(linkage(distance, method=method), distance)


def role_order(g: CompetencyGraph, roles: Iterable[str] | None = None, *, method: str = "average") -> list[str]:
    """Role ids in the order of a hierarchical clustering of :func:`role_similarity`: similar roles adjacent.

    The order of the dendrogram's leaves (optimally ordered); used to lay out
    :func:`mlgraph.viz.plot.plot_role_map`.

    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> order = role_order(g)
    >>> sorted(order) == sorted(r.id for r in g.nodes(kind="role"))
    True
    """
    from scipy.cluster.hierarchy import leaves_list

    ids = _roles(g, roles)
    if len(ids) < 3:
        return ids
    return [ids[i] for i in leaves_list(_linkage(g, ids, method))]


def role_clusters(
    g: CompetencyGraph,
    k: int | None = None,
    *,
    threshold: float | None = None,
    roles: Iterable[str] | None = None,
    method: str = "average",
) -> list[list[str]]:
    """Groups of roles whose requirements overlap: a hierarchical clustering of :func:`role_similarity`.

    Parameters
    ----------
    g : CompetencyGraph
    k : int, optional
        How many groups to cut the dendrogram into (default 4 when no `threshold` is given).
    threshold : float, optional
        Instead of `k`: join roles whose distance (1 - similarity, average over the groups) is below it.
    roles : iterable of str, optional
        The roles to cluster (default every role).
    method : str
        The scipy linkage method (``"average"``, ``"complete"``, ``"single"``, ...).

    Returns
    -------
    list of list of str
        The groups of role ids, largest first; within a group, in :func:`role_order`.

    Examples
    --------
    >>> import mlgraph
    >>> clusters = role_clusters(mlgraph.load(), k=4)
    >>> len(clusters)
    4
    >>> mle = next(c for c in clusters if "machine-learning-engineer" in c)
    >>> "nlp-engineer" in mle and "data-analyst" not in mle
    True
    """
    if k is not None and threshold is not None:
        raise MlgraphError("give k or threshold, not both")
    ids = _roles(g, roles)
    if k is not None and k < 1:
        raise MlgraphError(f"k is a positive number of clusters, got {k!r}")
    if len(ids) == 1:
        return [ids]
    from scipy.cluster.hierarchy import fcluster

    z = _linkage(g, ids, method)
    if threshold is not None:
        labels = fcluster(z, threshold, criterion="distance")
    else:
        labels = fcluster(z, k if k is not None else 4, criterion="maxclust")
    order = {r: i for i, r in enumerate(role_order(g, ids, method=method))}
    groups: dict[int, list[str]] = {}
    for role, label in zip(ids, labels, strict=True):
        groups.setdefault(int(label), []).append(role)
    out = [sorted(members, key=order.__getitem__) for members in groups.values()]
    out.sort(key=lambda c: (-len(c), order[c[0]]))
    return out


# ---------------------------------------------------------------------------------------------- profiles


def profile_coverage(
    g: CompetencyGraph,
    known: Known = (),
    roles: Iterable[str] | None = None,
    *,
    include_optional: bool = False,
    as_records: bool = False,
) -> Any:
    """How far a profile reaches towards every role: requirements covered and hours left.

    A requirement is covered when the plan for the role, given `known`, leaves it out: it is known at the
    level the role asks, or implied by something known (knowing PyTorch implies Python).

    Parameters
    ----------
    g : CompetencyGraph
    known : names, {name: level}, Profile or profile path
        What the learner knows, as :func:`mlgraph.learning_order` accepts it.
    roles : iterable of str, optional
        The roles to compare (default every role).
    include_optional : bool
        Count optional requirements too (by default only essential ones, as in a plan).

    Returns
    -------
    DataFrame or list of dict
        Indexed by ``id`` (the role), with ``label``, ``requirements`` (how many count), ``covered`` (how
        many of them the profile covers), ``coverage`` (their share, 0-1), ``hours_left`` and ``steps_left``
        (the plan given the profile), ``hours_from_zero`` and ``progress`` (1 - hours_left / hours_from_zero);
        nearest role (fewest hours left) first.

    Examples
    --------
    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> rows = profile_coverage(g, known=[], as_records=True)
    >>> {r["coverage"] for r in rows}
    {0.0}
    >>> own = {r.target: r.level for r in g.requirements("data analyst")}
    >>> row = next(r for r in profile_coverage(g, own, as_records=True) if r["id"] == "data-analyst")
    >>> row["coverage"], row["hours_left"]
    (1.0, 0.0)
    """
    from mlgraph.plan.known import resolve_known
    from mlgraph.plan.learning import learning_order

    levels = resolve_known(g, known)
    rows = []
    for role in _roles(g, roles):
        needed = [r.target for r in g.requirements(role) if include_optional or r.importance == "essential"]
        plan = learning_order(g, role, levels, include_optional=include_optional, with_resources=False)
        if include_optional:
            zero = learning_order(g, role, include_optional=True, with_resources=False).total_hours
        else:
            zero = _plan_hours(g)[role]
        zero = float(zero)
        left = set(plan.ids)
        covered = sum(1 for c in needed if c not in left)
        rows.append(
            {
                "id": role,
                "label": g.node(role).label,
                "requirements": len(needed),
                "covered": covered,
                "coverage": round(covered / len(needed), 4) if needed else 1.0,
                "hours_left": float(plan.total_hours),
                "steps_left": len(plan),
                "hours_from_zero": zero,
                "progress": round(1 - plan.total_hours / zero, 4) if zero else 1.0,
            }
        )
    rows.sort(key=lambda r: (r["hours_left"], -r["coverage"], r["id"]))
    return _table(rows, "id", as_records)
