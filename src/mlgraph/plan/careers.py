"""Routes through roles: the cheapest ways from one role to another through intermediate roles.

>>> import mlgraph
>>> [p.roles for p in career_paths(mlgraph.load(), "MLE", "MLE")]
[('machine-learning-engineer',)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mlgraph.errors import MlgraphError
from mlgraph.model.graph import CompetencyGraph
from mlgraph.plan.moves import move_index
from mlgraph.plan.ranking import role_id

__all__ = ["MAX_FULL_ROLES", "MAX_ROUTES", "NEAREST_HOPS", "CareerPath", "career_paths"]

MAX_FULL_ROLES = 300
"""Above this many roles, :func:`career_paths` keeps only each role's :data:`NEAREST_HOPS` cheapest hops (plus
the ladder and every hop into the goal) instead of the complete graph."""
NEAREST_HOPS = 30

MAX_ROUTES = 20
"""The most routes :func:`career_paths` returns (a larger `k` is refused: each route is a shortest-path search)."""

TIE_BREAK = 1e-4
"""Hours added per hop that is not a progression edge when :func:`career_paths` ranks routes: equal totals
prefer the usual ladder, and no real difference in hours (0.01 at least) is ever overturned."""


@dataclass(frozen=True)
class CareerPath:
    """A route through roles found by :func:`career_paths`.

    Attributes
    ----------
    roles : tuple of str
        Role ids, from the start to the goal.
    hours : tuple of float
        Hours of each hop (one fewer than roles).
    progressions : tuple of bool
        Whether each hop follows a progression edge (the usual ladder).
    """

    roles: tuple[str, ...]
    hours: tuple[float, ...]
    progressions: tuple[bool, ...] = field(default=())

    @property
    def total_hours(self) -> float:
        """Hours of every hop."""
        return round(sum(self.hours), 2)

    def to_dict(self) -> dict[str, Any]:
        """``{"roles", "hours", "progressions", "total_hours"}``."""
        return {
            "roles": list(self.roles),
            "hours": list(self.hours),
            "progressions": list(self.progressions),
            "total_hours": self.total_hours,
        }


def career_paths(
    g: CompetencyGraph,
    from_role: str,
    to_role: str,
    k: int = 3,
    *,
    include_optional: bool = False,
    direct: bool = True,
    progression_discount: float = 0.0,
) -> list[CareerPath]:
    """The `k` cheapest routes from one role to another through intermediate roles (Yen's algorithm).

    Every role is joined to every other by a hop weighted with the hours of the move
    (:func:`transition_matrix`); a route's hours are the sum of its hops (each hop starts from the role
    reached, not from everything learned on the way). Progression edges (the usual ladder) win ties, and
    with `progression_discount` > 0 a progression hop counts ``(1 - discount)`` of its hours when routes are
    ranked (the reported hours stay real, and routes are then sorted by the discounted figure). Above
    :data:`MAX_FULL_ROLES` roles, each role keeps only its :data:`NEAREST_HOPS` cheapest hops, its progression
    edges and its hop into the goal, so routes through an expensive intermediate hop may be missed.

    Parameters
    ----------
    g : CompetencyGraph
    from_role, to_role : str
        Roles, by any name.
    k : int
        How many routes at most (1 to :data:`MAX_ROUTES`).
    include_optional : bool
        Count the target roles' optional requirements too.
    direct : bool
        Allow the one-hop route (the direct move), usually the cheapest.
    progression_discount : float
        Share of a progression hop's hours to discount when ranking (0 <= discount < 1).

    Returns
    -------
    list of CareerPath
        Distinct simple routes, cheapest first; each with ``.roles``, ``.hours`` (per hop) and
        ``.total_hours``.

    Examples
    --------
    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> paths = career_paths(g, "Data Analyst", "Head of AI", k=3, direct=False)
    >>> [p.roles[0] for p in paths], [p.roles[-1] for p in paths]
    (['data-analyst', 'data-analyst', 'data-analyst'], ['head-of-ai', 'head-of-ai', 'head-of-ai'])
    >>> all(len(p.roles) > 2 for p in paths)
    True
    """
    import itertools

    import networkx as nx

    if not 1 <= k <= MAX_ROUTES:
        raise MlgraphError(f"k must be between 1 and {MAX_ROUTES}, got {k!r}", hint="ask for a few routes")
    if not 0 <= progression_discount < 1:
        raise MlgraphError(f"progression_discount must be in [0, 1), got {progression_discount!r}")
    a, b = role_id(g, from_role), role_id(g, to_role)
    if a == b:
        return [CareerPath((a,), ())]
    costs = move_index(g, include_optional)
    import numpy as np

    roles = costs.roles
    everyone = np.arange(len(roles))
    hours = costs.block(everyone, everyone)
    ladder = np.zeros(hours.shape, dtype=bool)
    for row in g.edge_rows("progression"):
        ladder[costs.position[row.source], costs.position[row.target]] = True
    rank = np.where(ladder, hours * (1 - progression_discount), hours + TIE_BREAK)
    keep = ~np.eye(len(roles), dtype=bool)
    if len(roles) > MAX_FULL_ROLES:
        # each role keeps its cheapest hops, the ladder, and the hops straight into the goal
        others = rank.copy()
        np.fill_diagonal(others, np.inf)
        near = np.argpartition(others, NEAREST_HOPS, axis=1)[:, :NEAREST_HOPS]
        cheap = np.zeros_like(keep)
        np.put_along_axis(cheap, near, True, axis=1)
        cheap[:, costs.position[b]] = True
        keep &= cheap | ladder
    if not direct:
        keep[costs.position[a], costs.position[b]] = False
    digraph = nx.DiGraph()
    for i, j in zip(*np.nonzero(keep), strict=True):
        digraph.add_edge(
            roles[i], roles[j], hours=round(float(hours[i, j]), 2), rank=float(rank[i, j]), progression=ladder[i, j]
        )
    out = []
    try:
        routes = nx.shortest_simple_paths(digraph, a, b, weight="rank")
        for route in itertools.islice(routes, k):
            hops = list(itertools.pairwise(route))
            out.append(
                CareerPath(
                    tuple(route),
                    tuple(digraph.edges[e]["hours"] for e in hops),
                    tuple(bool(digraph.edges[e]["progression"]) for e in hops),
                )
            )
    except nx.NetworkXNoPath:
        pass
    return out
