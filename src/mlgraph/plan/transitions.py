"""Role-to-role transitions: what separates two roles, what carries over, the plan between them, and its hours.

:func:`transition` answers "I am a data analyst: what separates me from an ML engineer, what carries over, what
do I learn in what order, and how long is the move?"; :func:`rank_transitions` ranks the easiest moves out of
(or into) a role; :func:`career_paths` finds the cheapest routes through intermediate roles;
:func:`transition_matrix` gives the hours of every move at once.

The rules of a transition from role A to role B:

- A stands for what it requires (essential and optional), each known at the level A requires it; names given
  in ``known`` are added (the higher level wins; a name without a level counts at every level).
- B stands for its essential requirements (also the optional ones with ``include_optional=True``).
- The plan is :func:`mlgraph.plan.learning.learning_order` for B with that knowledge: what A implies is skipped,
  prerequisites A lacks are included, and a requirement A has at a lower level costs the difference in hours.
- ``.gap`` lists B's requirements the plan still has to teach; ``.shared`` lists those A already covers.
- ``.overlap`` is the weighted Jaccard similarity of the two requirement sets (see :func:`role_overlap`).

>>> import mlgraph
>>> g = mlgraph.load()
>>> move = transition(g, "Data Scientist", "Machine Learning Engineer")
>>> "docker" in [item.id for item in move.gap]
True
>>> transition(g, "MLE", "MLE").total_hours
0.0
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from mlgraph.errors import MlgraphError, UnknownNodeError
from mlgraph.model.graph import CompetencyGraph
from mlgraph.plan.known import Known, resolve_known
from mlgraph.plan.learning import (
    WORKING_LEVEL,
    LearningPlan,
    PlanIndex,
    Step,
    hours_for,
    known_levels,
    learning_order,
)

if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sp

__all__ = [
    "IMPORTANCE_WEIGHT",
    "CareerPath",
    "RankedTransition",
    "RoleMatrix",
    "SalaryChange",
    "Transition",
    "TransitionItem",
    "career_paths",
    "rank_transitions",
    "role_overlap",
    "source_levels",
    "transition",
    "transition_matrix",
]

IMPORTANCE_WEIGHT: dict[str, float] = {"essential": 1.0, "optional": 0.5}
"""Weight of a requirement in :func:`role_overlap`: an optional requirement counts half."""

MAX_FULL_ROLES = 300
"""Above this many roles, :func:`career_paths` keeps only each role's :data:`NEAREST_HOPS` cheapest hops (plus
the ladder and every hop into the goal) instead of the complete graph."""
NEAREST_HOPS = 30

TIE_BREAK = 1e-4
"""Hours added per hop that is not a progression edge when :func:`career_paths` ranks routes: equal totals
prefer the usual ladder, and no real difference in hours (0.01 at least) is ever overturned."""


# ---------------------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class TransitionItem:
    """One requirement of the target role, in the gap or shared.

    Attributes
    ----------
    id, label, kind : str
    importance : str
        ``"essential"`` or ``"optional"`` in the target role.
    level : int
        The level the target role requires (1-5).
    current_level : int or None
        The level the source role (with what is known) has: 0 when absent; at least 3 when implied by a known
        item that needs it; None when known at every level (a name known without a level).
    hours : float
        Hours of this item's own step in the plan (0 for shared items); prerequisites are separate steps.
    """

    id: str
    label: str
    kind: str
    importance: str
    level: int
    current_level: int | None
    hours: float

    def to_dict(self) -> dict[str, Any]:
        """The item as JSON-ready data."""
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "importance": self.importance,
            "level": self.level,
            "current_level": self.current_level,
            "hours": self.hours,
        }


@dataclass(frozen=True)
class SalaryChange:
    """Salary figures of both roles from the same source, for the same currency, period, seniority, region
    and basis. Nothing is averaged: ``change_min`` and ``change_max`` compare the source's own bounds.
    """

    source: str
    currency: str
    period: str
    seniority: str
    region: str | None
    basis: str | None
    from_min: float | None
    from_max: float | None
    to_min: float | None
    to_max: float | None

    @property
    def change_min(self) -> float | None:
        """``to_min - from_min`` when the source gives both."""
        return None if self.to_min is None or self.from_min is None else self.to_min - self.from_min

    @property
    def change_max(self) -> float | None:
        """``to_max - from_max`` when the source gives both."""
        return None if self.to_max is None or self.from_max is None else self.to_max - self.from_max

    def to_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready data, with the two changes."""
        return {
            "source": self.source,
            "currency": self.currency,
            "period": self.period,
            "seniority": self.seniority,
            "region": self.region,
            "basis": self.basis,
            "from": [self.from_min, self.from_max],
            "to": [self.to_min, self.to_max],
            "change_min": self.change_min,
            "change_max": self.change_max,
        }


@dataclass(frozen=True)
class Transition:
    """The answer of :func:`transition`: the move from one role to another.

    Attributes
    ----------
    from_, to : str
        The role ids.
    gap : tuple of TransitionItem
        The target role's requirements that the source role (with what is known) does not cover at the level
        required, in plan order.
    shared : tuple of TransitionItem
        The target role's requirements that carry over.
    plan : LearningPlan
        The learning order for the gap (prerequisites the source lacks included).
    overlap : float
        :func:`role_overlap` of the two roles, 0..1.
    salary : tuple of SalaryChange
        Figures of both roles from the same source; empty when no source covers both.
    include_optional : bool
        Whether the target's optional requirements were counted.
    """

    from_: str
    to: str
    gap: tuple[TransitionItem, ...]
    shared: tuple[TransitionItem, ...]
    plan: LearningPlan
    overlap: float
    salary: tuple[SalaryChange, ...] = ()
    include_optional: bool = False

    @property
    def steps(self) -> tuple[Step, ...]:
        """The learning order, as :class:`mlgraph.plan.learning.Step` records."""
        return self.plan.steps

    @property
    def total_hours(self) -> float:
        """Hours of every step."""
        return float(self.plan.total_hours)

    @property
    def gap_hours(self) -> float:
        """Hours of the gap items' own steps (``total_hours`` less their missing prerequisites)."""
        return round(sum(item.hours for item in self.gap), 2)

    def to_dict(self) -> dict[str, Any]:
        """``{"from", "to", "overlap", "shared", "gap", "steps", "total_hours"}`` (the ``--json`` output)."""
        return {
            "from": self.from_,
            "to": self.to,
            "overlap": self.overlap,
            "shared": [item.to_dict() for item in self.shared],
            "gap": [item.to_dict() for item in self.gap],
            "steps": [s.to_dict() for s in self.steps],
            "total_hours": self.total_hours,
        }


@dataclass(frozen=True)
class RankedTransition:
    """One move in :func:`rank_transitions`: ``from_`` -> ``to``, its hours and the roles' overlap."""

    from_: str
    to: str
    label: str
    total_hours: float
    overlap: float

    def to_dict(self) -> dict[str, Any]:
        """``{"from", "to", "label", "total_hours", "overlap"}``; the label is the other role's."""
        return {
            "from": self.from_,
            "to": self.to,
            "label": self.label,
            "total_hours": self.total_hours,
            "overlap": self.overlap,
        }


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


class RoleMatrix(NamedTuple):
    """Hours of every move (what :func:`transition_matrix` returns when pandas is not installed):
    ``hours[i, j]`` is the move from ``roles[i]`` to ``roles[j]``."""

    roles: tuple[str, ...]
    hours: np.ndarray


# ---------------------------------------------------------------------------------------------- helpers


def _role_id(g: CompetencyGraph, name: str) -> str:
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


def source_levels(g: CompetencyGraph, role: str) -> dict[str, int | None]:
    """What a role stands for as the source of a move: each requirement (essential and optional) at its level.

    >>> import mlgraph
    >>> levels = source_levels(mlgraph.load(), "Data Scientist")
    >>> levels["python"], levels["r"]
    (3, 2)
    """
    return {e.target: e.level or WORKING_LEVEL for e in g.requirements(_role_id(g, role))}


def _merge(a: dict[str, int | None], b: dict[str, int | None]) -> dict[str, int | None]:
    """Knowledge from both: the higher level wins, None (every level) beats any level."""
    out = dict(a)
    for k, level in b.items():
        if k not in out:
            out[k] = level
        else:
            old = out[k]
            out[k] = None if old is None or level is None else max(old, level)
    return out


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
    a_id, b_id = _role_id(g, a), _role_id(g, b)
    if a_id == b_id:
        return 1.0
    va, vb = _weights(g, a_id), _weights(g, b_id)
    low = sum(min(w, vb.get(k, 0.0)) for k, w in va.items())
    high = sum(va.values()) + sum(vb.values()) - low
    if high <= 0:
        return 0.0
    import numpy as np

    return float(np.round(low / high, 4))  # as rank_transitions rounds its whole row


def _weights(g: CompetencyGraph, role_id: str) -> dict[str, float]:
    return {
        e.target: IMPORTANCE_WEIGHT.get(e.importance or "essential", 1.0) * (e.level or WORKING_LEVEL)
        for e in g.requirements(role_id)
    }


def _salary_changes(g: CompetencyGraph, a: str, b: str) -> tuple[SalaryChange, ...]:
    def key(s: Any) -> tuple[Any, ...]:
        return (s.source, s.currency, s.period, s.seniority, s.region, s.basis)

    out = []
    targets = g.node(b).salaries
    for s in g.node(a).salaries:
        for t in targets:
            if key(s) == key(t):
                out.append(SalaryChange(*key(s), s.min, s.max, t.min, t.max))  # type: ignore[arg-type]
    return tuple(out)


# ---------------------------------------------------------------------------------------------- one move


def transition(
    g: CompetencyGraph,
    from_role: str,
    to_role: str,
    known: Known = (),
    *,
    include_optional: bool = False,
    with_resources: bool = True,
) -> Transition:
    """The move from one role to another: the gap, what carries over, the learning order and its hours.

    Parameters
    ----------
    g : CompetencyGraph
    from_role, to_role : str
        Roles, by id or any name ``g.resolve`` understands.
    known : names, {name: level}, Profile or profile path
        What the learner knows beyond the source role's requirements (a higher level wins).
    include_optional : bool
        Count the target role's optional requirements too (the source's always count).
    with_resources : bool
        Attach the resources that teach each step.

    Returns
    -------
    Transition
        ``.gap``, ``.shared``, ``.steps``, ``.total_hours``, ``.overlap``, ``.salary`` (changes between figures
        of the same source), ``.from_`` and ``.to``.

    Raises
    ------
    UnknownNodeError
        When a name matches no role ("did you mean" in the message).

    Examples
    --------
    >>> from mlgraph import CompetencyGraph
    >>> g = CompetencyGraph.from_records(
    ...     [{"id": "python", "kind": "tool", "label": "Python", "effort_hours": 40},
    ...      {"id": "pytorch", "kind": "tool", "label": "PyTorch", "effort_hours": 30},
    ...      {"id": "mle", "kind": "role", "label": "ML Engineer"},
    ...      {"id": "lead", "kind": "role", "label": "Lead ML Engineer"}],
    ...     [{"source": "python", "target": "pytorch", "relation": "prerequisite"},
    ...      {"source": "mle", "target": "python", "relation": "requirement", "level": 4},
    ...      {"source": "mle", "target": "pytorch", "relation": "requirement", "level": 3},
    ...      {"source": "lead", "target": "pytorch", "relation": "requirement", "level": 4}])
    >>> up = transition(g, "ML Engineer", "Lead ML Engineer")
    >>> [(i.id, i.current_level, i.level, i.hours) for i in up.gap]  # 30 h * (1.75 - 1.0)
    [('pytorch', 3, 4, 22.5)]
    >>> [i.id for i in up.shared], up.total_hours
    ([], 22.5)
    >>> down = transition(g, "lead", "mle")  # PyTorch at level 4 implies Python at working level (3)
    >>> [(i.id, i.current_level, i.hours) for i in down.gap], down.total_hours  # 40 h * (1.75 - 1.0)
    ([('python', 3, 30.0)], 30.0)
    """
    a, b = _role_id(g, from_role), _role_id(g, to_role)
    user = resolve_known(g, known)
    levels = _merge(source_levels(g, a), user)
    plan = learning_order(g, b, levels, include_optional=include_optional, with_resources=with_resources)
    plan = LearningPlan(plan.targets, plan.steps, tuple(user))
    in_plan = {s.id: s for s in plan.steps}
    position = {s.id: n for n, s in enumerate(plan.steps)}
    gap, shared = [], []
    have = known_levels(g, levels, [r.target for r in g.requirements(b)])
    for req in g.requirements(b):
        if req.importance != "essential" and not include_optional:
            continue
        node = g.node(req.target)
        level = req.level or WORKING_LEVEL
        step = in_plan.get(req.target)
        if step is not None:
            current = have[req.target] or 0
            gap.append(
                TransitionItem(
                    node.id, node.label, node.kind, req.importance or "essential", level, current, step.effort_hours
                )
            )
        else:
            current = have[req.target]
            shared.append(
                TransitionItem(node.id, node.label, node.kind, req.importance or "essential", level, current, 0.0)
            )
    gap.sort(key=lambda item: position[item.id])
    return Transition(
        a,
        b,
        tuple(gap),
        tuple(shared),
        plan,
        role_overlap(g, a, b),
        _salary_changes(g, a, b),
        include_optional,
    )


# ---------------------------------------------------------------------------------------------- all moves


DENSE_MIN_ROLES = 64
"""From this many roles on, the columns most pairs of roles share are multiplied as dense arrays (BLAS)."""
DENSE_SHARE = 1 / 256
"""A column goes dense when (roles using it as sources) x (roles using it as targets) exceeds this share of
all pairs."""

CHUNK_CELLS = 1 << 22
"""Rows x columns of the dense masks :func:`_closure` works with at a time (4 MB of booleans)."""


def _closure(
    start: np.ndarray,
    n_rows: int,
    n: int,
    preds: tuple[np.ndarray, np.ndarray],
    *,
    avoid: np.ndarray | None = None,
    within: np.ndarray | None = None,
    row_of: np.ndarray | None = None,
) -> np.ndarray:
    """Each row's start entries and everything reachable from them through `preds`, row by row.

    Sets are sorted flat keys ``row * n + column``. ``preds = (indptr, indices)`` lists, CSR-style, what comes
    before each column. Entries of `avoid` are never entered (nor walked past); with `within`, only its entries
    are. The masks are keyed by mask row: ``row_of[row]`` (non-decreasing), or the row itself. Rows are walked
    breadth-first a chunk at a time over dense boolean arrays, so each step costs the size of its frontier.
    """
    import numpy as np

    indptr, indices = preds
    lengths = np.diff(indptr)
    step = max(1, CHUNK_CELLS // max(n, 1))
    out: list[np.ndarray] = []
    for lo in range(0, n_rows, step):
        hi = min(n_rows, lo + step)
        a, b = np.searchsorted(start, [lo * n, hi * n])
        frontier = start[a:b] - lo * n
        if not len(frontier):
            continue
        cells = (hi - lo) * n
        seen = np.zeros(cells, dtype=bool)
        seen[frontier] = True
        stamp = np.empty(cells, dtype=np.int32)
        mask_lo, mask_hi = (lo, hi - 1) if row_of is None else (int(row_of[lo]), int(row_of[hi - 1]))
        local_rows = None if row_of is None else row_of[lo:hi] - mask_lo

        def dense(keys: np.ndarray, first: int = mask_lo, last: int = mask_hi) -> np.ndarray:
            i, j = np.searchsorted(keys, [first * n, (last + 1) * n])
            mask = np.zeros((last - first + 1) * n, dtype=bool)
            mask[keys[i:j] - first * n] = True
            return mask

        banned = dense(avoid) if avoid is not None else None
        allowed = dense(within) if within is not None else None
        found = [frontier]
        while True:
            cols = frontier % n
            counts = lengths[cols]
            total = int(counts.sum())
            if not total:
                break
            ends = np.cumsum(counts)
            offsets = np.repeat(indptr[cols] - (ends - counts), counts) + np.arange(total)
            keys = np.repeat(frontier - cols, counts) + indices[offsets]
            ok = ~seen[keys]
            if banned is not None or allowed is not None:
                mask_keys = keys if local_rows is None else local_rows[keys // n] * n + keys % n
                if banned is not None:
                    ok &= ~banned[mask_keys]
                if allowed is not None:
                    ok &= allowed[mask_keys]
            keys = keys[ok]
            if not len(keys):
                break
            # drop repeats without sorting: each cell keeps the last position written to it
            order = np.arange(len(keys), dtype=np.int32)
            stamp[keys] = order
            frontier = keys[stamp[keys] == order]
            seen[frontier] = True
            found.append(frontier)
        out.append(np.sort(np.concatenate(found)) + lo * n)
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def _find(sorted_keys: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of `keys` in `sorted_keys`, and whether each is there."""
    import numpy as np

    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=np.int64), np.zeros(len(keys), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return at, sorted_keys[at] == keys


class _MoveCosts:
    """Everything :func:`transition_matrix` needs, as arrays over roles x competencies; built once per graph.

    Hours are kept in hundredths, as whole numbers held in floats, so that sums are exact and agree to the
    cent with :func:`transition`, whose plan rounds each step to 2 decimals.

    Cost of the move r -> s (the rules of :func:`mlgraph.plan.learning.learning_order`, vectorised):

    - each competency x has, for the source r, a *state*: 0 unknown; 1-5 the level r has it at: its required
      level, or 3 (working) for a prerequisite of something r requires at level 3 or more, whichever is higher,
      as in ``learning_order`` (state 6, covered at every level, is what a name known without a level gives);
    - for the target s, ``Z[s]`` is the plan from zero: the target's requirements and all their prerequisites,
      each needed at its required level (prerequisites at level 3);
    - cost(r, s) = sum over x in Z[s] of hours(x: state -> needed level)
      = zero[s] + sum over states k of ``S_k[r] . D_k[s]`` with ``D_k = hours(k -> need) - hours(0 -> need)``:
      one product of ``S`` (roles x 6 competencies) and ``D``, sparse except for the few competencies nearly
      every pair of roles shares, which go through dense BLAS;
    - the edge case: a requirement of s that r has *below* level 3 but at least at the level s needs is
      covered without its prerequisites, so they are left out of the plan unless another item needs them.
      A prerequisite x of s is left out exactly when every requirement of s it reaches first (not through
      another requirement) is such an item. ``first`` maps each candidate (s, x) (x reaching only
      requirements below level 3) to those requirements; ``first @ weak`` counts, for every source, how many
      are covered that way, and the candidates where the count is complete are subtracted.
    """

    def __init__(self, g: CompetencyGraph, include_optional: bool) -> None:
        import numpy as np
        import scipy.sparse as sp

        idx: PlanIndex = g.derived("learning.index", PlanIndex)
        n = len(idx.ids)
        self.n = n
        self.roles: list[str] = [r.id for r in g.nodes(kind="role")]
        self.position = {r: i for i, r in enumerate(self.roles)}
        n_roles = len(self.roles)
        self.id_rank = np.argsort(np.argsort(np.array(self.roles, dtype=str)))  # for ties: the smaller id first
        # what comes before each node, CSR-style
        lengths = np.fromiter((len(p) for p in idx.preds), dtype=np.int64, count=n)
        indptr = np.concatenate(([0], np.cumsum(lengths)))
        indices = np.fromiter((p for ps in idx.preds for p in ps), dtype=np.int64, count=int(indptr[-1]))
        preds = (indptr, indices)

        # hours table per distinct effort, in hundredths: table[u, need, state]; state 6 = covered
        effort = np.asarray(idx.effort, dtype=np.float64)
        uniq, self.effort_class = np.unique(effort, return_inverse=True)
        table = np.zeros((len(uniq), 6, 7), dtype=np.float64)
        for u, e in enumerate(uniq):
            for need in range(1, 6):
                for state in range(6):
                    table[u, need, state] = round(hours_for(float(e), need, state) * 100)
        self.table = table

        # requirements as arrays sorted by (role, competency)
        rows = g.edge_rows("requirement")
        sources, targets, _, importances, levels, _ = zip(*rows, strict=True) if rows else ((),) * 6
        pos, index = self.position, idx.index
        role = np.fromiter((pos[x] for x in sources), dtype=np.int64, count=len(rows))
        comp = np.fromiter((index[x] for x in targets), dtype=np.int64, count=len(rows))
        explicit = role * n + comp
        order = np.argsort(explicit, kind="stable")
        explicit, role, comp = explicit[order], role[order], comp[order]
        level = np.fromiter((x or WORKING_LEVEL for x in levels), dtype=np.int64, count=len(rows))[order]
        essential = np.fromiter((x != "optional" for x in importances), dtype=bool, count=len(rows))[order]

        # ---- sources: the state of every competency for every role
        strong = level >= WORKING_LEVEL
        implied = _closure(explicit[strong], n_roles, n, preds)
        at, hit = _find(implied, explicit)
        codes = np.full(len(implied), WORKING_LEVEL, dtype=np.int64)  # implied: known at working level
        codes[at[strong]] = level[strong]  # a requirement at level >= 3 keeps its (higher) level
        alone = ~strong & ~hit  # below level 3 and not implied: counts at its level only
        state_keys = np.concatenate((implied, explicit[alone]))
        state_codes = np.concatenate((codes, level[alone]))
        order = np.argsort(state_keys, kind="stable")  # two sorted runs: a merge
        self.state_keys, self.state_codes = state_keys[order], state_codes[order]
        s_row, s_comp = np.divmod(self.state_keys, n)
        s_col = (self.state_codes - 1) * n + s_comp

        # ---- targets: the plan from zero, and what each source state saves on it
        tmask = essential | include_optional
        t_keys, t_role, t_comp, t_level = explicit[tmask], role[tmask], comp[tmask], level[tmask]
        zero_plan = _closure(t_keys, n_roles, n, preds)
        need = np.full(len(zero_plan), WORKING_LEVEL, dtype=np.int64)
        t_at = _find(zero_plan, t_keys)[0]
        need[t_at] = t_level
        z_row, z_comp = np.divmod(zero_plan, n)
        cls = self.effort_class[z_comp]
        from_zero = table[cls, need, 0]
        self.zero = np.bincount(z_row, weights=from_zero, minlength=n_roles)
        used = np.bincount(s_col, minlength=6 * n) > 0
        d_rows, d_cols, d_vals = [], [], []
        for k in range(1, 7):
            cols = (k - 1) * n + z_comp
            keep = np.flatnonzero(used[cols])
            vals = table[cls[keep], need[keep], k] - from_zero[keep]
            nz = vals != 0
            d_rows.append(z_row[keep][nz])
            d_cols.append(cols[keep][nz])
            d_vals.append(vals[nz])
        d_row, d_col, d_val = np.concatenate(d_rows), np.concatenate(d_cols), np.concatenate(d_vals)
        self._split(s_row, s_col, d_row, d_col, d_val)

        # ---- the edge case: prerequisites left out behind requirements known below working level
        low = t_level <= 2
        # reached from a requirement at level >= 3 without passing another requirement: never left out
        reach_high = _closure(t_keys[~low], n_roles, n, preds, avoid=t_keys)
        keep = np.ones(len(zero_plan), dtype=bool)
        keep[t_at] = False
        keep[_find(zero_plan, reach_high)[0]] = False
        cand_keys = zero_plan[keep]
        self.cand_role, self.cand_comp = np.divmod(cand_keys, n)
        self.cand_ptr = np.concatenate(([0], np.cumsum(np.bincount(self.cand_role, minlength=n_roles))))
        # only the requirements below level 3 with a candidate among their prerequisites matter
        q_role, q_comp, q_level = t_role[low], t_comp[low], t_level[low]
        counts = lengths[q_comp]
        ends = np.cumsum(counts)
        before = indices[np.repeat(indptr[q_comp] - (ends - counts), counts) + np.arange(int(counts.sum()))]
        touches = _find(cand_keys, np.repeat(q_role, counts) * n + before)[1]
        q = np.bincount(np.repeat(np.arange(len(q_role)), counts), weights=touches, minlength=len(q_role)) > 0
        q_role, q_comp, q_level = q_role[q], q_comp[q], q_level[q]
        n_q = len(q_role)
        reached = _closure(np.arange(n_q) * n + q_comp, n_q, n, preds, within=cand_keys, row_of=q_role)
        f_row, f_comp = np.divmod(reached, n)
        beyond = f_comp != q_comp[f_row]
        f_row, f_comp = f_row[beyond], f_comp[beyond]
        j = _find(cand_keys, q_role[f_row] * n + f_comp)[0]
        f_cols = (q_level[f_row] - 1) * n + q_comp[f_row]
        # first[j, (a - 1) * n + t]: requirement t (needed at level a <= 2) is a first requirement of candidate j
        self.first = sp.csr_matrix((np.ones(len(j)), (j, f_cols)), shape=(len(cand_keys), 2 * n))
        self.first_size = np.asarray(self.first.getnnz(axis=1), dtype=np.float64)
        # weak[(a - 1) * n + t, r]: r has t below working level, at level a or more, and not implied
        wk = self.state_codes <= 2
        w_role, w_comp, w_level = s_row[wk], s_comp[wk], self.state_codes[wk]
        two = w_level == 2
        self.weak = sp.csr_matrix(
            (
                np.ones(len(w_role) + int(two.sum())),
                (np.concatenate((w_comp, n + w_comp[two])), np.concatenate((w_role, w_role[two]))),
            ),
            shape=(2 * n, n_roles),
        )

        # ---- overlap: weighted requirement vectors
        weight = np.where(essential, IMPORTANCE_WEIGHT["essential"], IMPORTANCE_WEIGHT["optional"]) * level
        self.weights = sp.csr_matrix((weight, (role, comp)), shape=(n_roles, n))
        self.weight_sums = np.asarray(self.weights.sum(axis=1)).ravel()

    # transposes, for one role's row or column (built on first use)
    @cached_property
    def s_light_t(self) -> sp.csr_matrix:
        return self.s_light.T.tocsr()

    @cached_property
    def d_light_t(self) -> sp.csr_matrix:
        return self.d_light.T.tocsr()

    @cached_property
    def first_t(self) -> sp.csr_matrix:
        return self.first.T.tocsr()

    @cached_property
    def weak_t(self) -> sp.csr_matrix:
        return self.weak.T.tocsr()

    @cached_property
    def weights_csc(self) -> sp.csc_matrix:
        return self.weights.tocsc()

    def _split(
        self, s_row: np.ndarray, s_col: np.ndarray, d_row: np.ndarray, d_col: np.ndarray, d_val: np.ndarray
    ) -> None:
        """Keep ``S`` (sources x states) and ``D`` (targets x states) in two parts: dense arrays for the columns
        nearly every pair of roles shares (BLAS is fastest there), sparse matrices for the rest."""
        import numpy as np
        import scipy.sparse as sp

        n_roles, width = len(self.roles), 6 * self.n
        s_count = np.bincount(s_col, minlength=width).astype(np.float64)
        d_count = np.bincount(d_col, minlength=width).astype(np.float64)
        if n_roles >= DENSE_MIN_ROLES:
            heavy = s_count * d_count > n_roles * n_roles * DENSE_SHARE
        else:
            heavy = np.zeros(width, dtype=bool)
        h_pos = np.full(width, -1, dtype=np.int64)
        h_pos[heavy] = np.arange(int(heavy.sum()))
        s_h, d_h = heavy[s_col], heavy[d_col]
        self.s_heavy = np.zeros((n_roles, int(heavy.sum())))
        self.s_heavy[s_row[s_h], h_pos[s_col[s_h]]] = 1.0
        self.d_heavy = np.zeros((n_roles, int(heavy.sum())))
        self.d_heavy[d_row[d_h], h_pos[d_col[d_h]]] = d_val[d_h]
        # hundredths are whole numbers: float32 sums stay exact while every partial sum is below 2 ** 24
        bound = np.abs(self.d_heavy).sum(axis=1).max() if self.d_heavy.size else 0.0
        if bound < 2**24:
            self.s_heavy, self.d_heavy = self.s_heavy.astype(np.float32), self.d_heavy.astype(np.float32)
        s_l, d_l = ~s_h, ~d_h
        self.s_light = sp.csr_matrix((np.ones(int(s_l.sum())), (s_row[s_l], s_col[s_l])), shape=(n_roles, width))
        self.d_light = sp.csr_matrix((d_val[d_l], (d_row[d_l], d_col[d_l])), shape=(n_roles, width))

    # ------------------------------------------------------------------ hours
    def _blocked_hours(self, cand: np.ndarray, roles: np.ndarray, count: np.ndarray) -> np.ndarray:
        """Hours (hundredths) of each (candidate, source role) pair that is blocked; 0 where not."""
        import numpy as np

        blocked = (count == self.first_size[cand]) & (self.first_size[cand] > 0)
        out = np.zeros(len(cand))
        if blocked.any():
            c, r = cand[blocked], roles[blocked]
            comp = self.cand_comp[c]
            at, hit = _find(self.state_keys, r * self.n + comp)
            states = np.where(hit, self.state_codes[at], 0)
            out[blocked] = self.table[self.effort_class[comp], WORKING_LEVEL, states]
        return out

    def block(self, sources: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """Hours of every move ``sources[i] -> targets[j]`` (role positions), as a float array."""
        import numpy as np

        n_s, n_t = len(sources), len(targets)
        everyone = len(self.roles)
        every = np.arange(everyone)
        all_sources = n_s == everyone and bool((sources == every).all())
        all_targets = n_t == everyone and bool((targets == every).all())
        if n_s == 1:
            cost = np.asarray((self.s_light[sources] @ self.d_light_t).todense()).ravel()
            used = np.flatnonzero(self.s_heavy[sources[0]])  # no BLAS for one row: thread wake-ups cost more
            cost += self.d_heavy[:, used].sum(axis=1, dtype=np.float64)
            cost = (cost if all_targets else cost[targets])[None, :]
        elif n_t == 1:
            cost = np.asarray((self.d_light[targets] @ self.s_light_t).todense()).ravel()
            used = np.flatnonzero(self.d_heavy[targets[0]])
            cost += (self.s_heavy[:, used] * self.d_heavy[targets[0], used]).sum(axis=1, dtype=np.float64)
            cost = (cost if all_sources else cost[sources])[:, None]
        else:
            s_light = self.s_light if all_sources else self.s_light[sources]
            d_light_t = self.d_light_t if all_targets else self.d_light[targets].T.tocsr()
            cost = (s_light @ d_light_t).toarray()
            cost += self.s_heavy[sources] @ self.d_heavy[targets].T
        cost += self.zero[targets][None, :]
        # subtract what is left out behind requirements known below working level
        if all_targets:
            cand = np.arange(len(self.cand_role))
        else:
            lo, hi = self.cand_ptr[targets], self.cand_ptr[targets + 1]
            sizes = hi - lo
            cand = np.repeat(lo - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
        if len(cand):
            if n_s == 1:
                counts = (self.weak_t[sources] @ self.first_t).tocoo()  # only candidates it reaches at all
                c, count = counts.col.astype(np.int64), counts.data
                if not all_targets:
                    inside = np.zeros(len(self.cand_role), dtype=bool)
                    inside[cand] = True
                    c, count = c[inside[c]], count[inside[c]]
                r = np.full(len(c), sources[0])
            else:
                first = self.first if all_targets else self.first[cand]
                weak = self.weak if all_sources else self.weak[:, sources]
                counts = (first @ weak).tocoo()
                c, r, count = cand[counts.row], sources[counts.col], counts.data
            hours = self._blocked_hours(c, r, count)
            keep = hours != 0
            if keep.any():
                t_pos = np.full(everyone, -1, dtype=np.int64)
                t_pos[targets] = np.arange(n_t)
                s_pos = np.full(everyone, -1, dtype=np.int64)
                s_pos[sources] = np.arange(n_s)
                np.subtract.at(cost, (s_pos[r[keep]], t_pos[self.cand_role[c[keep]]]), hours[keep])
        cost /= 100.0
        return cost

    def overlaps(self, role: int) -> np.ndarray:
        """:func:`role_overlap` of `role` with every role, as an array."""
        import numpy as np

        row = self.weights[role]
        sub = self.weights_csc[:, row.indices].toarray()
        low = np.minimum(sub, row.data[None, :]).sum(axis=1)
        high = self.weight_sums + self.weight_sums[role] - low
        ratio = low / np.where(high > 0, high, 1.0)
        out = np.round(ratio, 4)  # the sums are exact (halves), and role_overlap rounds the same way
        out[role] = 1.0
        return out


def _costs(g: CompetencyGraph, include_optional: bool) -> _MoveCosts:
    key = "transitions.costs.optional" if include_optional else "transitions.costs"
    return g.derived(key, lambda graph: _MoveCosts(graph, include_optional))


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
    >>> bool(m.loc["data-scientist", "machine-learning-engineer"] == transition(g, "DS", "MLE").total_hours)
    True
    """
    import numpy as np

    costs = _costs(g, include_optional)
    ids = costs.roles if roles is None else [_role_id(g, r) for r in roles]
    distinct = list(dict.fromkeys(ids))
    positions = np.array([costs.position[r] for r in distinct], dtype=np.int64)
    hours = costs.block(positions, positions) if len(distinct) else np.zeros((0, 0))
    if len(distinct) < len(ids):
        where = {r: i for i, r in enumerate(distinct)}
        at = np.array([where[r] for r in ids], dtype=np.int64)
        hours = hours[np.ix_(at, at)]
    try:
        import pandas as pd
    except ImportError:
        return RoleMatrix(tuple(ids), hours)
    frame = pd.DataFrame(hours, index=pd.Index(ids, name="from"), columns=pd.Index(ids, name="to"))
    return frame


def rank_transitions(
    g: CompetencyGraph,
    from_role: str,
    top: int | None = 10,
    *,
    into: bool = False,
    include_optional: bool = False,
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

    Returns
    -------
    list of RankedTransition
        Each with ``.from_``, ``.to``, ``.label`` (the other role's), ``.total_hours`` and ``.overlap``.

    Examples
    --------
    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> [(m.to, m.total_hours) for m in rank_transitions(g, "Lead ML Engineer", top=1)]
    [('machine-learning-engineer', 0.0)]
    >>> rank_transitions(g, "MLE", top=1, into=True)[0].to
    'machine-learning-engineer'
    """
    import numpy as np

    role = _role_id(g, from_role)
    costs = _costs(g, include_optional)
    r = costs.position[role]
    everyone = np.arange(len(costs.roles))
    me = np.array([r])
    hours = costs.block(everyone, me)[:, 0] if into else costs.block(me, everyone)[0]
    overlap = costs.overlaps(r)
    order = np.lexsort((costs.id_rank, -overlap, hours))
    order = order[order != r]
    if top is not None:
        order = order[: max(0, top)]
    out = []
    for i in order:
        other = costs.roles[i]
        a, b = (other, role) if into else (role, other)
        out.append(RankedTransition(a, b, g.node(other).label, round(float(hours[i]), 2), float(overlap[i])))
    return out


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
        How many routes at most.
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

    if not 0 <= progression_discount < 1:
        raise MlgraphError(f"progression_discount must be in [0, 1), got {progression_discount!r}")
    a, b = _role_id(g, from_role), _role_id(g, to_role)
    if a == b:
        return [CareerPath((a,), ())]
    costs = _costs(g, include_optional)
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
        for route in itertools.islice(routes, max(0, k)):
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
