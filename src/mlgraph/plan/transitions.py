"""Role-to-role transitions: what separates two roles, what carries over, the plan between them, and its hours.

:func:`transition` answers "I am a data analyst: what separates me from an ML engineer, what carries over, what
do I learn in what order, and how long is the move?". Many moves at once live beside it:
:mod:`mlgraph.plan.ranking` (:func:`rank_transitions`, :func:`transition_matrix`, :func:`role_overlap`, on the
sparse index of :mod:`mlgraph.plan.moves`) and :mod:`mlgraph.plan.careers` (:func:`career_paths`).

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

from dataclasses import dataclass
from typing import Any

from mlgraph.model.graph import CompetencyGraph
from mlgraph.plan.careers import CareerPath, career_paths
from mlgraph.plan.known import Known, resolve_known
from mlgraph.plan.learning import WORKING_LEVEL, LearningPlan, Step, known_levels, learning_order
from mlgraph.plan.ranking import (
    IMPORTANCE_WEIGHT,
    RankedTransition,
    RoleMatrix,
    rank_transitions,
    role_id,
    role_overlap,
    transition_matrix,
)

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
# rank_transitions, transition_matrix, role_overlap (plan/ranking.py) and career_paths (plan/careers.py) are
# re-exported here: this module was their home before the split, and its doctests and users still import them.


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


# ---------------------------------------------------------------------------------------------- helpers


def source_levels(g: CompetencyGraph, role: str) -> dict[str, int | None]:
    """What a role stands for as the source of a move: each requirement (essential and optional) at its level.

    >>> import mlgraph
    >>> levels = source_levels(mlgraph.load(), "Data Scientist")
    >>> levels["python"], levels["r"]
    (3, 2)
    """
    return {e.target: e.level or WORKING_LEVEL for e in g.requirements(role_id(g, role))}


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
    a, b = role_id(g, from_role), role_id(g, to_role)
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
