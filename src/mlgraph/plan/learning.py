"""Learning orders: what to learn, in what order, to reach skills or roles, and how long it takes.

:func:`learning_order` answers "to become X, given what I know, what do I learn in what order?";
:func:`next_best` answers "what should I learn next?"; :func:`check_order` (from :mod:`mlgraph.plan.check`)
checks a curriculum's order.

The rules of a plan:

- A role stands for its requirements (essential ones, plus optional ones with ``include_optional=True``);
  a resource stands for what it teaches; a competency stands for itself; an umbrella (deep learning,
  statistics ...) for its core parts, at ``min(level, 3)`` (see :func:`mlgraph.plan.order.expand_levels`).
- The plan holds every prerequisite of the targets, transitively, minus what is known. Knowing something
  implies knowing its prerequisites (knowing PyTorch implies Python), so those are dropped as well.
- The order is :func:`mlgraph.plan.order.plan_order`: depth-first from the goals, foundations first, each
  prerequisite just before the first item that needs it, an umbrella right after its parts; the plan reads
  in named stages (:attr:`LearningPlan.stages`, :mod:`mlgraph.plan.stages`).
- Hours: a node's ``effort_hours`` bring a learner to working proficiency (level 3). A requirement at
  another level scales them by :data:`LEVEL_FACTOR`, and an item known at a lower level than needed costs the
  difference. An item known at level 3 or more (or with no level) implies its prerequisites at working level
  (3); one known below level 3 counts for itself only.

>>> import mlgraph
>>> g = mlgraph.load()
>>> plan = learning_order(g, ["pytorch"], known=["python"])
>>> [s.id for s in plan.steps].index("neural-networks") < [s.id for s in plan.steps].index("pytorch")
True
>>> "python" in plan
False
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from mlgraph.errors import MlgraphError
from mlgraph.model.graph import CompetencyGraph
from mlgraph.plan.check import OrderIssue, OrderReport, check_order
from mlgraph.plan.known import Known, resolve_known
from mlgraph.plan.order import WORKING_LEVEL, PlanIndex, expand_levels, plan_index
from mlgraph.plan.stages import Stage, resources_for_step, stages_of

__all__ = [
    "LEVEL_FACTOR",
    "LearningPlan",
    "OrderIssue",
    "OrderReport",
    "Step",
    "Suggestion",
    "Week",
    "check_order",
    "hours_for",
    "known_levels",
    "learning_order",
    "next_best",
]

LEVEL_FACTOR: dict[int, float] = {0: 0.0, 1: 0.25, 2: 0.5, 3: 1.0, 4: 1.75, 5: 2.75}
"""Share of a node's ``effort_hours`` needed to reach each level (3, working proficiency, is 1.0).

Editorial: awareness takes a quarter of the way, basic use half; advanced use takes as long again
as working proficiency took, less a quarter (practice builds on what is there); expertise a further
hundred per cent. Level 0 means not known.
"""


def hours_for(effort_hours: float | None, level: int, known_level: int | None = 0) -> float:
    """Hours from `known_level` (0: nothing) to `level`, for a node of `effort_hours`.

    >>> hours_for(40, 3), hours_for(40, 4, known_level=2), hours_for(40, 2, known_level=3)
    (40.0, 50.0, 0.0)
    """
    if not effort_hours:
        return 0.0
    start = LEVEL_FACTOR[known_level or 0]
    return round(max(0.0, effort_hours * (LEVEL_FACTOR[level] - start)), 2)


# ---------------------------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Step:
    """One item of a plan.

    Attributes
    ----------
    id, label, kind : str
    effort_hours : float
        Hours for this step (level-scaled, less what is already known).
    level : int
        The level the plan takes it to (1-5; 3 is working proficiency).
    why_ids : tuple of str
        The chain from this item to the target it serves, ending with the role when the target came from one.
    resources : tuple of dict
        The bundled resources that teach it, best first: ``{"id", "label", "type", "url", "effort_hours"}``.
    area : str or None
        Its area id (see :mod:`mlgraph.model.areas`).
    umbrella : bool
        True when it has core parts (an umbrella such as deep learning), placed right after them.
    direct : bool
        True when a role (or resource) asked for it itself, rather than as a prerequisite or part.
    """

    id: str
    label: str
    kind: str
    effort_hours: float
    level: int
    why_ids: tuple[str, ...]
    _labels: dict[str, str] = field(repr=False, compare=False, default_factory=dict)
    resources: tuple[dict[str, Any], ...] = field(default=(), compare=False)
    area: str | None = None
    umbrella: bool = False
    direct: bool = False

    @property
    def why(self) -> str:
        """The chain as text, e.g. ``"chain rule -> backpropagation -> ... -> Machine Learning Engineer"``."""
        return " -> ".join(self._labels.get(i, i) for i in self.why_ids)

    @property
    def reason(self) -> str:
        """The direct reason, short: ``"for Backpropagation"``, ``"required by Data Analyst"``, or ``"goal"``."""
        if len(self.why_ids) < 2:
            return "goal"
        nxt = self._labels.get(self.why_ids[1], self.why_ids[1])
        return f"required by {nxt}" if self.direct else f"for {nxt}"

    def to_dict(self) -> dict[str, Any]:
        """The step as JSON-ready data: id, label, kind, area, effort_hours, level, why (the full chain), why_ids,
        reason (the direct one), resources (dicts, best first)."""
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "area": self.area,
            "effort_hours": self.effort_hours,
            "level": self.level,
            "why": self.why,
            "why_ids": list(self.why_ids),
            "reason": self.reason,
            "resources": [dict(r) for r in self.resources],
        }


@dataclass(frozen=True)
class Week:
    """One week of a schedule: ``(step id, label, hours this week)`` items and their total."""

    number: int
    items: tuple[tuple[str, str, float], ...]

    @property
    def hours(self) -> float:
        return round(sum(h for _, _, h in self.items), 2)


@dataclass(frozen=True)
class LearningPlan:
    """The answer of :func:`learning_order`.

    Attributes
    ----------
    targets : tuple of str
        The ids asked for (roles, competencies or resources).
    steps : tuple of Step
        In learning order.
    known : tuple of str
        The ids given as known.
    """

    targets: tuple[str, ...]
    steps: tuple[Step, ...]
    known: tuple[str, ...] = ()

    @property
    def total_hours(self) -> float:
        """Sum of the steps' hours."""
        return round(sum(s.effort_hours for s in self.steps), 2)

    def __len__(self) -> int:
        return len(self.steps)

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def __contains__(self, node_id: object) -> bool:
        return any(s.id == node_id for s in self.steps)

    @property
    def ids(self) -> list[str]:
        """The step ids, in order."""
        return [s.id for s in self.steps]

    @property
    def stages(self) -> list[Stage]:
        """The steps cut into 6-15 named stages, by area and hierarchy (see :func:`mlgraph.plan.stages.stages_of`).

        >>> import mlgraph
        >>> stages = learning_order(mlgraph.load(), "Machine Learning Engineer").stages
        >>> 6 <= len(stages) <= 15
        True
        """
        return stages_of(self.steps, {s.id for s in self.steps if s.umbrella})

    def schedule(self, hours_per_week: float) -> list[Week]:
        """Split the plan into weeks of at most `hours_per_week`, in plan order; a long step spans weeks.

        >>> import mlgraph
        >>> plan = learning_order(mlgraph.load(), ["linear algebra"])
        >>> weeks = plan.schedule(10)
        >>> round(sum(w.hours for w in weeks), 2) == plan.total_hours
        True
        >>> all(w.hours <= 10 for w in weeks)
        True
        """
        if not hours_per_week or hours_per_week <= 0:
            raise MlgraphError(f"hours per week must be positive, got {hours_per_week!r}")
        weeks: list[Week] = []
        current: list[tuple[str, str, float]] = []
        room = float(hours_per_week)
        for step in self.steps:
            left = step.effort_hours
            while left > 1e-9:
                if room <= 1e-9:
                    weeks.append(Week(len(weeks) + 1, tuple(current)))
                    current, room = [], float(hours_per_week)
                take = min(left, room)
                current.append((step.id, step.label, round(take, 2)))
                left -= take
                room -= take
        if current:
            weeks.append(Week(len(weeks) + 1, tuple(current)))
        return weeks

    def to_dict(self) -> dict[str, Any]:
        """``{"targets", "steps": [step dicts], "stages": [{"title", "hours", "steps"}], "total_hours", "known"}``."""
        return {
            "targets": list(self.targets),
            "steps": [s.to_dict() for s in self.steps],
            "stages": [stage.to_dict() for stage in self.stages],
            "total_hours": self.total_hours,
            "known": list(self.known),
        }

    def table(self) -> Any:
        """The steps as a table: a pandas DataFrame when pandas is installed, else a list of dicts."""
        rows = []
        running = 0.0
        for n, s in enumerate(self.steps, 1):
            running += s.effort_hours
            rows.append(
                {
                    "step": n,
                    "id": s.id,
                    "label": s.label,
                    "kind": s.kind,
                    "level": s.level,
                    "hours": s.effort_hours,
                    "cumulative_hours": round(running, 2),
                    "area": s.area,
                    "why": s.why,
                }
            )
        try:
            import pandas as pd
        except ImportError:
            return rows
        return pd.DataFrame(rows).set_index("step")


# ---------------------------------------------------------------------------------------------- planning


class _Knowledge:
    """What a learner knows, per node: the stated level, and working level for what a known item implies."""

    def __init__(self, idx: PlanIndex, known_levels: dict[str, int | None]) -> None:
        self.idx = idx
        known_levels = expand_levels(idx, known_levels)  # a known umbrella means its core parts
        self.known = known_levels
        index = idx.index
        # known at working level or above (or with no level): implies its prerequisites, at working level
        strong = {index[k] for k, lv in known_levels.items() if lv is None or lv >= WORKING_LEVEL}
        self.implied = idx.closure(strong)
        # known below working level: counts for itself only, and only up to its level
        self.weak = {index[k] for k, lv in known_levels.items() if lv is not None and lv < WORKING_LEVEL}

    def level(self, i: int) -> int:
        """The level node i is known at: as stated, at least 3 when implied, 6 when known without a level."""
        node_id = self.idx.ids[i]
        if node_id in self.known and self.known[node_id] is None:
            return 6
        stated = self.known.get(node_id) or 0
        return max(stated, WORKING_LEVEL) if i in self.implied else stated


def known_levels(g: CompetencyGraph, known: Known, ids: Iterable[str]) -> dict[str, int | None]:
    """The level at which each of `ids` counts as known, by the rules of :func:`learning_order`.

    0 when unknown; the stated level; at least 3 (working) for a prerequisite of something known at level 3 or
    more; None when known without a level (every level).

    >>> import mlgraph
    >>> known_levels(mlgraph.load(), {"pytorch": 4, "sql": 2}, ["pytorch", "python", "sql", "docker"])
    {'pytorch': 4, 'python': 3, 'sql': 2, 'docker': 0}
    """
    idx = plan_index(g)
    knowledge = _Knowledge(idx, resolve_known(g, known))
    out: dict[str, int | None] = {}
    for node_id in ids:
        level = knowledge.level(idx.index[g.id_of(node_id)])
        out[node_id] = None if level > 5 else level
    return out


def _expand_targets(
    g: CompetencyGraph, targets: Iterable[str] | str, include_optional: bool
) -> tuple[list[str], dict[str, int], dict[str, str]]:
    """Target ids, the level each needed competency is asked at, and the role (or resource) behind each."""
    if isinstance(targets, str):
        targets = [targets]
    target_ids = g.ids_of(targets)
    if not target_ids:
        raise MlgraphError("no target given", hint="name at least one role, skill, tool or concept")
    memo: dict[tuple[tuple[str, ...], bool], tuple[dict[str, int], dict[str, str]]] = g.derived(
        "learning.targets", lambda g: {}
    )
    key = (tuple(target_ids), include_optional)
    if key not in memo:
        if len(memo) > 4096:
            memo.clear()
        memo[key] = _expand_ids(g, target_ids, include_optional)
    levels, owner = memo[key]
    return target_ids, dict(levels), dict(owner)


def _expand_ids(
    g: CompetencyGraph, target_ids: list[str], include_optional: bool
) -> tuple[dict[str, int], dict[str, str]]:
    levels: dict[str, int] = {}
    owner: dict[str, str] = {}
    for t in target_ids:
        kind = g.node(t).kind
        if kind == "role":
            for c, importance, level in _requirements(g).get(t, ()):
                if importance == "essential" or include_optional:
                    levels[c] = max(levels.get(c, 0), level or WORKING_LEVEL)
                    owner.setdefault(c, t)
        elif kind == "resource":
            for c in g.adjacency("teaches").get(t, ()):
                levels[c] = max(levels.get(c, 0), WORKING_LEVEL)
                owner.setdefault(c, t)
        else:
            levels[t] = max(levels.get(t, 0), WORKING_LEVEL)
    # an umbrella asked for stands for its core parts (see expand_levels); they serve the same role
    idx = plan_index(g)
    expanded = expand_levels(idx, levels)
    for c in expanded.keys() - levels.keys():
        owner.setdefault(c, min(u for u in _umbrellas_of(idx, c) if u in expanded))
    return {k: v or WORKING_LEVEL for k, v in expanded.items()}, owner


def _requirements(g: CompetencyGraph) -> dict[str, list[tuple[str, str | None, int | None]]]:
    """Each role's requirements as ``(competency, importance, level)``, sorted, computed once per graph."""

    def build(g: CompetencyGraph) -> dict[str, list[tuple[str, str | None, int | None]]]:
        out: dict[str, list[tuple[str, str | None, int | None]]] = {}
        for row in sorted(g.edge_rows("requirement"), key=lambda r: (r.source, r.target)):
            out.setdefault(row.source, []).append((row.target, row.importance, row.level))
        return out

    return g.derived("learning.requirements", build)


def _umbrellas_of(idx: PlanIndex, part: str) -> list[str]:
    return [idx.ids[u] for u in idx.umbrellas.get(idx.index[part], ())]


def learning_order(
    g: CompetencyGraph,
    targets: Iterable[str] | str,
    known: Known = (),
    *,
    include_optional: bool = False,
    with_resources: bool = True,
) -> LearningPlan:
    """A learning plan: every prerequisite before what needs it, known items skipped, with hours and reasons.

    Parameters
    ----------
    g : CompetencyGraph
    targets : str or iterable of str
        Roles, competencies or resources, by id or any name ``g.resolve`` understands. A role stands for its
        requirements, a resource for what it teaches.
    known : names, {name: level}, Profile or profile path
        What the learner knows. A name alone counts at every level; with a level, a requirement above it
        stays in the plan for the difference in hours. Knowing an item implies knowing its prerequisites.
    include_optional : bool
        Also plan for a role's optional requirements.
    with_resources : bool
        Attach the resources that teach each step.

    Returns
    -------
    LearningPlan
        ``.steps`` in order (each with id, label, kind, effort_hours, level, why, resources) and
        ``.total_hours``.

    Raises
    ------
    UnknownNodeError
        When a target or known name matches no node ("did you mean" in the message).

    Examples
    --------
    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> plan = learning_order(g, "Machine Learning Engineer", known=["python"])
    >>> plan.steps[0].why.endswith("Machine Learning Engineer")
    True
    >>> plan.total_hours == round(sum(s.effort_hours for s in plan.steps), 2)
    True
    """
    target_ids, levels, owner = _expand_targets(g, targets, include_optional)
    known_levels = resolve_known(g, known)
    idx = plan_index(g)
    index = idx.index
    knowledge = _Knowledge(idx, known_levels)
    implied, weak, known_level = knowledge.implied, knowledge.weak, knowledge.level

    def needed_level(i: int) -> int:
        return levels.get(idx.ids[i], WORKING_LEVEL)

    def covered(i: int) -> bool:
        """Known well enough for this plan."""
        return needed_level(i) <= known_level(i)

    if known_levels:
        # asked above the level known: stays in the plan for the difference; its prerequisites count as known
        goals = sorted(index[c] for c in levels if not covered(index[c]))
        members = idx.closure(goals, stop={i for i in implied | weak if covered(i)})
        members -= {i for i in members if covered(i)}
    else:
        goals = sorted(index[c] for c in levels)
        members = idx.closure(goals)
        known_level = _nothing_known
    parent = idx.towards(members, goals)
    records = g._records
    labels = {i: records[i].label for i in (*target_ids,)}
    for o in set(owner.values()):
        labels[o] = records[o].label
    resources = _resources(g) if with_resources else {}
    asked = set(target_ids)
    steps = []
    chains: dict[int, tuple[str, ...]] = {}

    def chain_of(i: int) -> tuple[str, ...]:
        """The why chain of member i: up the breadth-first tree to a goal, then to the role (memoised)."""
        path = []
        while i not in chains and i in parent:
            path.append(i)
            i = parent[i]
        if i not in chains:
            tail = [idx.ids[i]]
            while tail[-1] in owner:  # a part added for its umbrella: through the umbrella to the role
                tail.append(owner[tail[-1]])
            chains[i] = tuple(tail)
        for j in reversed(path):
            chains[j] = (idx.ids[j], *chains[parent[j]])
        return chains[path[0]] if path else chains[i]

    for i in idx.order(members, goals):
        node_id = idx.ids[i]
        node = records[node_id]
        chain = chain_of(i)
        direct = i not in parent and owner.get(node_id) in asked
        level = levels.get(node_id, WORKING_LEVEL)
        hours = hours_for(idx.effort[i], level, known_level(i))
        labels[node_id] = node.label
        steps.append(
            Step(
                node_id,
                node.label,
                node.kind,
                hours,
                level,
                tuple(chain),
                labels,
                resources.get(node_id, ()),
                node.area,
                i in idx.parts,
                direct,
            )
        )
    return LearningPlan(tuple(target_ids), tuple(steps), tuple(known_levels))


def _nothing_known(i: int) -> int:
    return 0


def _resources(g: CompetencyGraph) -> dict[str, tuple[dict[str, Any], ...]]:
    """Every taught item's resources, best first, computed once per graph."""
    return g.derived(
        "learning.resources", lambda g: {c: resources_for_step(g, c) for c in g.adjacency("teaches", incoming=True)}
    )


# ---------------------------------------------------------------------------------------------- next best


@dataclass(frozen=True)
class Suggestion:
    """An item to learn next: its prerequisites are all known.

    ``score`` is how much of the goals' remaining plans builds on it (itself plus every plan item that needs
    it, counted per goal); ``goals`` are the goal ids whose plans contain it.
    """

    id: str
    label: str
    kind: str
    effort_hours: float
    score: int
    goals: tuple[str, ...]
    unlocks: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: every field, tuples as lists."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}


def next_best(g: CompetencyGraph, known: Known = (), goal: str | None = None, top: int = 5) -> list[Suggestion]:
    """What to learn next: items whose prerequisites are all known, ranked by how much they bring goals closer.

    Parameters
    ----------
    known : names, {name: level}, Profile or profile path
    goal : str, optional
        A role or competency. Without one, every role is a goal and an item scores for each role it serves.
    top : int
        How many suggestions.

    Examples
    --------
    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> best = next_best(g, known=["python", "algebra"], goal="Machine Learning Engineer", top=3)
    >>> len(best)
    3
    >>> all(set(g.prerequisites(s.id)) <= set(g.prerequisites("python", transitive=True)) | {"python", "algebra"}
    ...     for s in best)
    True
    """
    known_levels = resolve_known(g, known)
    goals = [g.id_of(goal)] if goal else [r.id for r in g.nodes(kind="role")]
    idx = plan_index(g)
    known_closure = idx.closure(idx.index[k] for k in expand_levels(idx, known_levels))
    score: dict[int, int] = {}
    served: dict[int, list[str]] = {}
    position: dict[int, int] = {}
    for goal_id in goals:
        ordered = [idx.index[s] for s in learning_order(g, goal_id, known_levels, with_resources=False).ids]
        for n, i in enumerate(ordered):
            position[i] = min(position.get(i, n), n)
        plan = set(ordered)
        for i in plan:
            if all(p in known_closure for p in idx.preds[i]):
                below = len(_descendants_within(idx, i, plan))
                score[i] = score.get(i, 0) + 1 + below
                served.setdefault(i, []).append(goal_id)
    # ties: the item that comes first in the plans (their order: foundations first, just in time)
    ranked = sorted(score, key=lambda i: (-score[i], position[i], idx.ids[i]))[:top]
    out = []
    for i in ranked:
        node = g.node(idx.ids[i])
        unlocks = tuple(idx.ids[s] for s in idx.succs[i] if all(p in known_closure or p == i for p in idx.preds[s]))
        out.append(
            Suggestion(node.id, node.label, node.kind, node.effort_hours or 0.0, score[i], tuple(served[i]), unlocks)
        )
    return out


def _descendants_within(idx: PlanIndex, start: int, members: set[int]) -> set[int]:
    seen: set[int] = set()
    stack = [s for s in idx.succs[start] if s in members]
    while stack:
        i = stack.pop()
        if i not in seen:
            seen.add(i)
            stack.extend(s for s in idx.succs[i] if s in members and s not in seen)
    return seen
