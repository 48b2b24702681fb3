"""Many moves at once: rankings of the easiest moves, the hours of every move, and how alike roles are.

:func:`rank_transitions` ranks the moves out of (or into) a role, :func:`transition_matrix` gives the hours of
every move, :func:`role_overlap` / :func:`overlap_matrix` say how alike two roles' requirements are (the one
overlap used by transitions and by :mod:`mlgraph.plan.analysis`). The hours come from
:class:`mlgraph.plan.moves.MoveIndex`, built once per graph, and equal ``transition(g, a, b).total_hours``.

Rankings take two hooks, so that graphs imported from other taxonomies (O*NET, ESCO) can add their own signals:

- ``similarity(g, from_ids, to_ids) -> array``: how alike the roles of each pair are (0..1), replacing the
  requirement overlap as the tie-break;
- ``penalty(g, from_ids, to_ids, hours) -> array``: hour-equivalents added to the hours of each move to give
  its ``score`` (e.g. a step up in O*NET job zone), by which moves are ranked.

Both receive the pairs as two equal-length lists of role ids (one side is the ranked role repeated) and
must return one float per pair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from mlgraph.errors import MlgraphError, UnknownNodeError
from mlgraph.model.graph import CompetencyGraph
from mlgraph.plan.learning import WORKING_LEVEL
from mlgraph.plan.moves import move_index

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "IMPORTANCE_WEIGHT",
    "Penalty",
    "RankedTransition",
    "RoleMatrix",
    "Similarity",
    "overlap_matrix",
    "overlap_pairs",
    "rank_transitions",
    "role_overlap",
    "transition_matrix",
]

IMPORTANCE_WEIGHT: dict[str, float] = {"essential": 1.0, "optional": 0.5}
"""Weight of a requirement in :func:`role_overlap`: an optional requirement counts half."""

Similarity = Callable[[CompetencyGraph, Sequence[str], Sequence[str]], Any]
"""``similarity(g, from_ids, to_ids)``: one value in 0..1 per pair of role ids (an array or a sequence)."""

Penalty = Callable[[CompetencyGraph, Sequence[str], Sequence[str], Any], Any]
"""``penalty(g, from_ids, to_ids, hours)``: hour-equivalents to add to each move's hours (array of floats)."""


@dataclass(frozen=True)
class RankedTransition:
    """One move in :func:`rank_transitions`.

    Attributes
    ----------
    from_, to, label : str
        The move, and the other role's label.
    total_hours : float
        Hours of the move (``transition(g, from_, to).total_hours``).
    overlap : float
        :func:`role_overlap` of the two roles, 0..1.
    score : float
        What the ranking sorts on, fewest first: the hours, plus the ``penalty`` hook's hour-equivalents if one
        was given (so without a penalty, ``score == total_hours``).
    similarity : float
        The tie-break, largest first: the ``similarity`` hook's value, else the overlap.
    """

    from_: str
    to: str
    label: str
    total_hours: float
    overlap: float
    score: float = 0.0
    similarity: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """``{"from", "to", "label", "total_hours", "overlap", "score", "similarity"}``; the label is the other
        role's."""
        return {
            "from": self.from_,
            "to": self.to,
            "label": self.label,
            "total_hours": self.total_hours,
            "overlap": self.overlap,
            "score": self.score,
            "similarity": self.similarity,
        }


class RoleMatrix(NamedTuple):
    """Hours of every move (what :func:`transition_matrix` returns when pandas is not installed):
    ``hours[i, j]`` is the move from ``roles[i]`` to ``roles[j]``."""

    roles: tuple[str, ...]
    hours: np.ndarray


def role_id(g: CompetencyGraph, name: str) -> str:
    """The id of the role `name` names; UnknownNodeError (with suggestions) when it names no role."""
    node = g.resolve(name)
    if node.kind == "role":
        return node.id
    import difflib

    roles = {r.id: r.label for r in g.nodes(kind="role")}
    near = difflib.get_close_matches(str(name).casefold(), [i.casefold() for i in roles], n=3, cutoff=0.4)
    by_label = difflib.get_close_matches(str(name).casefold(), [v.casefold() for v in roles.values()], n=3)
    ids = [i for i in roles if i.casefold() in near or roles[i].casefold() in by_label]
    raise UnknownNodeError(name, ids[:3], labels=[roles[i] for i in ids[:3]], what="role") from None


# ---------------------------------------------------------------------------------------------- overlap


class _Overlap:
    """Weighted requirement vectors of every role (sparse), for the overlap.

    ``sum(min(a, b))`` over two vectors is computed from thresholds: with the distinct weights
    ``v1 < v2 < ...``, ``min(a, b) = sum_j (v_j - v_(j-1)) [a >= v_j] [b >= v_j]``, so the sums of every pair are
    a few sparse products of boolean matrices (the weights are multiples of a half, so the sums are exact).
    """

    def __init__(self, g: CompetencyGraph) -> None:
        import numpy as np
        import scipy.sparse as sp

        self.roles = [r.id for r in g.nodes(kind="role")]
        self.position = {r: i for i, r in enumerate(self.roles)}
        rows = g.edge_rows("requirement")
        columns: dict[str, int] = {}
        r = [self.position[row.source] for row in rows]
        c = [columns.setdefault(row.target, len(columns)) for row in rows]
        w = [IMPORTANCE_WEIGHT.get(row.importance or "essential", 1.0) * (row.level or WORKING_LEVEL) for row in rows]
        shape = (len(self.roles), max(1, len(columns)))
        weights = sp.csr_matrix((w, (r, c)), shape=shape)
        self.sums = np.asarray(weights.sum(axis=1)).ravel()
        values = np.unique(weights.data)
        steps = np.diff(np.concatenate(([0.0], values)))
        # above[j]: roles x competencies, 1 where the weight is at least values[j]
        self.above = [(float(d), (weights >= v).astype(np.float64).tocsr()) for v, d in zip(values, steps, strict=True)]
        self.above_t = [(d, m.T.tocsr()) for d, m in self.above]
        self.asked = 0
        self.whole: np.ndarray | None = None

    def _ratio(self, low: np.ndarray, sums: np.ndarray) -> np.ndarray:
        import numpy as np

        high = sums - low
        return np.round(low / np.where(high > 0, high, 1.0), 4)  # the sums are exact (halves)

    def row(self, i: int) -> np.ndarray:
        """The overlap of role `i` with every role."""
        import numpy as np

        from mlgraph.plan.moves import CACHE_AFTER, MAX_CACHED_ROLES

        if self.whole is None and len(self.roles) <= MAX_CACHED_ROLES:
            self.asked += 1
            if self.asked > CACHE_AFTER:
                self.whole = self.matrix()
        if self.whole is not None:
            return self.whole[i]
        low = np.zeros(len(self.roles))
        for (d, m), (_, m_t) in zip(self.above, self.above_t, strict=True):
            low += d * (m[i] @ m_t).toarray().ravel()
        out = self._ratio(low, self.sums + self.sums[i])
        out[i] = 1.0
        return out

    def matrix(self) -> np.ndarray:
        """The overlap of every two roles (built in place: two roles x roles arrays at most)."""
        import numpy as np

        low_sparse = None
        for (d, m), (_, m_t) in zip(self.above, self.above_t, strict=True):
            term = (m @ m_t) * d
            low_sparse = term if low_sparse is None else low_sparse + term
        n = len(self.roles)
        low = low_sparse.toarray() if low_sparse is not None else np.zeros((n, n))
        high = self.sums[:, None] + self.sums[None, :]
        high -= low
        np.divide(low, high, out=low, where=high > 0)
        low[high <= 0] = 0.0
        del high
        np.round(low, 4, out=low)  # as row() rounds
        np.fill_diagonal(low, 1.0)
        return low


def _overlap(g: CompetencyGraph) -> _Overlap:
    return g.derived("transitions.overlap", _Overlap)


def role_overlap(g: CompetencyGraph, a: str, b: str) -> float:
    """How alike two roles' requirements are: an importance-weighted, level-aware Jaccard index, 0..1.

    Each role is a vector over competencies: ``weight(importance) * level`` for what it requires (weights in
    :data:`IMPORTANCE_WEIGHT`: essential 1, optional 0.5), 0 elsewhere. The overlap is the weighted Jaccard
    (Ruzicka) similarity ``sum(min(a, b)) / sum(max(a, b))``, rounded to 4 places: symmetric, 1.0 for roles
    with the same requirements at the same levels, 0.0 for roles sharing nothing (and for roles requiring
    nothing, unless they are the same role).

    Examples
    --------
    >>> from mlgraph import CompetencyGraph
    >>> g = CompetencyGraph.from_records(
    ...     [{"id": i, "kind": "tool", "label": i} for i in ("python", "pytorch", "docker")]
    ...     + [{"id": r, "kind": "role", "label": r} for r in ("mle", "lead")],
    ...     [{"source": "mle", "target": "python", "relation": "requirement", "level": 4},
    ...      {"source": "mle", "target": "pytorch", "relation": "requirement", "level": 3},
    ...      {"source": "mle", "target": "docker", "relation": "requirement", "level": 2, "importance": "optional"},
    ...      {"source": "lead", "target": "pytorch", "relation": "requirement", "level": 4}])
    >>> role_overlap(g, "mle", "mle")
    1.0
    >>> role_overlap(g, "mle", "lead")  # min(3, 4) / (4 + max(3, 4) + 0.5 * 2)
    0.3333
    """
    a_id, b_id = role_id(g, a), role_id(g, b)
    ov = _overlap(g)
    return float(ov.row(ov.position[a_id])[ov.position[b_id]])


def overlap_pairs(g: CompetencyGraph, from_ids: Sequence[str], to_ids: Sequence[str]) -> np.ndarray:
    """:func:`role_overlap` of each pair ``(from_ids[i], to_ids[i])`` of role ids, as an array.

    The default ``similarity`` of :func:`rank_transitions`, and a building block for other similarities.

    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> overlap_pairs(g, ["data-scientist", "data-scientist"], ["data-scientist", "data-analyst"])[0]
    np.float64(1.0)
    """
    import numpy as np

    ov = _overlap(g)
    a = np.array([ov.position[r] for r in from_ids], dtype=np.int64)
    b = np.array([ov.position[r] for r in to_ids], dtype=np.int64)
    out = np.zeros(len(a))
    for i in np.unique(a):
        at = a == i
        out[at] = ov.row(int(i))[b[at]]
    return out


def overlap_matrix(g: CompetencyGraph, roles: Iterable[str] | None = None) -> np.ndarray:
    """:func:`role_overlap` of every two roles (default: every role, in graph order), as a symmetric array.

    >>> import mlgraph
    >>> m = overlap_matrix(mlgraph.load(), ["Data Scientist", "Data Analyst"])
    >>> bool((m == m.T).all()), m[0, 0]
    (True, np.float64(1.0))
    """
    import numpy as np

    ov = _overlap(g)
    ids = ov.roles if roles is None else [role_id(g, r) for r in roles]
    at = np.array([ov.position[r] for r in ids], dtype=np.int64)
    whole = ov.whole if ov.whole is not None else ov.matrix()
    return whole[np.ix_(at, at)].copy()


# ---------------------------------------------------------------------------------------------- hours


def transition_matrix(g: CompetencyGraph, roles: Iterable[str] | None = None, *, include_optional: bool = False) -> Any:
    """Hours of every move between roles, computed with sparse array products.

    Each entry equals ``transition(g, from, to, include_optional=...).total_hours`` exactly.

    Parameters
    ----------
    g : CompetencyGraph
    roles : iterable of str, optional
        The roles, by any name (default: every role, in graph order); rows and columns follow this order.
    include_optional : bool
        Count the target roles' optional requirements too.

    Returns
    -------
    pandas.DataFrame or RoleMatrix
        Rows are the source roles, columns the target roles (ids). Without pandas, a :class:`RoleMatrix`
        of the ids and a numpy array.

    Examples
    --------
    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> m = transition_matrix(g)
    >>> bool((m.to_numpy().diagonal() == 0).all())
    True
    >>> bool(m.loc["data-scientist", "machine-learning-engineer"] == mlgraph.transition(g, "DS", "MLE").total_hours)
    True
    """
    import numpy as np

    moves = move_index(g, include_optional)
    ids = moves.roles if roles is None else [role_id(g, r) for r in roles]
    distinct = list(dict.fromkeys(ids))
    positions = np.array([moves.position[r] for r in distinct], dtype=np.int64)
    hours = moves.block(positions, positions) if len(distinct) else np.zeros((0, 0))
    if len(distinct) < len(ids):
        where = {r: i for i, r in enumerate(distinct)}
        at = np.array([where[r] for r in ids], dtype=np.int64)
        hours = hours[np.ix_(at, at)]
    try:
        import pandas as pd
    except ImportError:
        return RoleMatrix(tuple(ids), hours)
    return pd.DataFrame(hours, index=pd.Index(ids, name="from"), columns=pd.Index(ids, name="to"))


def _per_pair(values: Any, count: int, what: str) -> np.ndarray:
    import numpy as np

    out = np.asarray(values, dtype=np.float64).reshape(-1)
    if out.shape != (count,):
        raise MlgraphError(f"the {what} hook returned {out.size} values for {count} pairs")
    if not np.isfinite(out).all():
        raise MlgraphError(f"the {what} hook returned a value that is not finite", hint="return finite floats")
    return out


def rank_transitions(
    g: CompetencyGraph,
    from_role: str,
    top: int | None = 10,
    *,
    into: bool = False,
    include_optional: bool = False,
    similarity: Similarity | None = None,
    penalty: Penalty | None = None,
) -> list[RankedTransition]:
    """The other roles ranked by the hours of the move, fewest first (ties: larger overlap, then id).

    Parameters
    ----------
    g : CompetencyGraph
    from_role : str
        A role, by any name.
    top : int or None
        How many (None: all).
    into : bool
        Rank the moves *into* `from_role` instead: who can most easily become it.
    include_optional : bool
        Count the target roles' optional requirements too.
    similarity : callable, optional
        ``similarity(g, from_ids, to_ids) -> array`` of 0..1 per pair: the tie-break (largest first) in place of
        the requirement overlap; reported as ``.similarity``.
    penalty : callable, optional
        ``penalty(g, from_ids, to_ids, hours) -> array`` of hour-equivalents per pair, added to the hours to
        give ``.score``, by which the moves are ranked.

    Returns
    -------
    list of RankedTransition
        Each with ``.from_``, ``.to``, ``.label`` (the other role's), ``.total_hours``, ``.overlap``,
        ``.score`` and ``.similarity``.

    Examples
    --------
    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> [(m.to, m.total_hours) for m in rank_transitions(g, "Lead ML Engineer", top=1)]
    [('machine-learning-engineer', 0.0)]
    >>> rank_transitions(g, "MLE", top=1, into=True)[0].to
    'machine-learning-engineer'

    A penalty of 500 hours per step up a ladder of levels kept outside the graph:

    >>> import numpy as np
    >>> rung = {r.id: 1 + ("lead" in r.id or "head" in r.id) for r in g.nodes(kind="role")}
    >>> def step_up(g, a, b, hours):
    ...     return 500.0 * np.maximum(0, np.array([rung[x] for x in b]) - np.array([rung[x] for x in a]))
    >>> best = rank_transitions(g, "MLE", top=3, penalty=step_up)
    >>> all(m.score == m.total_hours + 500.0 * (rung[m.to] > rung[m.from_]) for m in best)
    True
    """
    import numpy as np

    if top is not None and top < 0:
        raise MlgraphError(f"top must be 0 or more (or None for all), got {top!r}")
    if similarity is None and penalty is None:  # H6: imported occupations (O*NET, ESCO) rank by how alike they are
        from mlgraph.plan.occupations import default_hooks

        similarity, penalty = default_hooks(g)
    role = role_id(g, from_role)
    moves = move_index(g, include_optional)
    r = moves.position[role]
    everyone = np.arange(len(moves.roles))
    me = np.array([r])
    hours = moves.block(everyone, me)[:, 0] if into else moves.block(me, everyone)[0]
    hours = np.round(hours, 2)
    ov = _overlap(g)
    overlap = ov.row(ov.position[role])
    if ov.roles != moves.roles:  # pragma: no cover - both follow graph order
        overlap = overlap[[ov.position[x] for x in moves.roles]]
    score, similar = hours, overlap
    if penalty is not None or similarity is not None:
        keep = everyone != r
        others = [x for x in moves.roles if x != role]
        a_ids, b_ids = (others, [role] * len(others)) if into else ([role] * len(others), others)
        if penalty is not None:
            score = hours.copy()
            score[keep] += _per_pair(penalty(g, a_ids, b_ids, hours[keep]), len(others), "penalty")
        if similarity is not None:
            similar = overlap.copy()
            similar[keep] = _per_pair(similarity(g, a_ids, b_ids), len(others), "similarity")
    order = np.lexsort((moves.id_rank, -similar, score))
    order = order[order != r]
    if top is not None:
        order = order[:top]
    out = []
    for i in order:
        other = moves.roles[i]
        a, b = (other, role) if into else (role, other)
        out.append(
            RankedTransition(
                a,
                b,
                g.node(other).label,
                float(hours[i]),
                float(overlap[i]),
                round(float(score[i]), 2),
                float(similar[i]),
            )
        )
    return out
