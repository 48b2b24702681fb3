"""Reading a plan as stages, and where to learn each step.

:func:`stages_of` cuts a plan's steps, in order, into named stages. The cut follows the areas of the field
(``Node.area``, titled by :mod:`mlgraph.model.areas`) and the hierarchy:

1. consecutive steps of one area form a run;
2. the smallest run that is small (under :data:`MIN_STAGE_SHARE` of the plan's hours, or fewer than
   :data:`MIN_STAGE_STEPS` steps and under 2.5 times that share) joins a neighbour of its own area, else a
   small neighbour, else the run after it (usually a prerequisite pulled in just in time for it), the last
   one the run before; the merged run takes the area of the one with more steps; adjacent runs of one area join; repeat;
3. while there are more than :data:`MAX_STAGES`, the smallest run joins a neighbour the same way;
4. in a plan of :data:`CUT_FROM_STEPS` steps or more, while there are fewer than :data:`MIN_STAGES` and
   some run holds more than a quarter of the hours, the
   largest is cut in two near its middle, after an umbrella (a node with core parts) when there is one: the
   hierarchy gives the seam, and each half is named after the umbrella it closes (else its largest step);
5. a stage is titled by its area (see :mod:`mlgraph.model.areas`), plus the name from a cut; when another
   area holds a third of its steps or more, by both ("Programming foundations & mathematics for ML"); a
   title that comes back later gets "(continued)".

:func:`resources_for_step` ranks the bundled resources that teach an item: by type (course, book, tutorial,
website, then platforms and communities last), then the most focused first (fewest items taught), then label.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mlgraph.model.areas import area_rank, area_title
from mlgraph.model.graph import CompetencyGraph

if TYPE_CHECKING:
    from mlgraph.plan.learning import Step

__all__ = [
    "CUT_FROM_STEPS",
    "MAX_STAGES",
    "MIN_STAGES",
    "MIN_STAGE_SHARE",
    "MIN_STAGE_STEPS",
    "Stage",
    "resources_for_step",
    "stages_of",
]

MIN_STAGES = 6
MAX_STAGES = 15
MIN_STAGE_STEPS = 3
MIN_STAGE_SHARE = 0.04
CUT_FROM_STEPS = 30

RESOURCE_TYPE_ORDER = ("course", "book", "tutorial", "website", "platform", "community")


@dataclass(frozen=True)
class Stage:
    """A named part of a plan: its title, its hours and its steps, in plan order."""

    title: str
    hours: float
    steps: list[Step]

    def to_dict(self) -> dict[str, Any]:
        """``{"title", "hours", "steps": [step dicts]}``."""
        return {"title": self.title, "hours": self.hours, "steps": [s.to_dict() for s in self.steps]}


class _Run:
    __slots__ = ("area", "cut", "steps")

    def __init__(self, steps: list[Step], area: str | None, cut: str | None = None) -> None:
        self.steps = steps
        self.area = area
        self.cut = cut  # the label naming the run when it came from cutting a larger one

    @property
    def hours(self) -> float:
        return sum(s.effort_hours for s in self.steps)


def _merge(runs: list[_Run], at: int, into: int) -> None:
    """Merge run `at` into its neighbour `into`; the merged run takes the area of the one with more steps (then
    more hours)."""
    lo, hi = sorted((at, into))
    a, b = runs[at], runs[into]
    keep = a if (len(a.steps), a.hours) > (len(b.steps), b.hours) else b
    runs[lo] = _Run(runs[lo].steps + runs[hi].steps, keep.area, keep.cut)
    del runs[hi]


def _join_same_area(runs: list[_Run]) -> None:
    n = 0
    while n + 1 < len(runs):
        if runs[n].area == runs[n + 1].area and not runs[n].cut and not runs[n + 1].cut:
            _merge(runs, n + 1, n)
        else:
            n += 1


def _neighbour(runs: list[_Run], n: int, small: Callable[[_Run], bool]) -> int:
    """Where run n goes when merged: a neighbour of its own area, else a small neighbour (the next first: small
    runs of other areas gather rather than hide in a large stage of another title), else the next run (what
    it prepares), else the previous one."""
    if n > 0 and runs[n - 1].area == runs[n].area:
        return n - 1
    if n + 1 < len(runs) and small(runs[n + 1]):
        return n + 1
    if n > 0 and small(runs[n - 1]):
        return n - 1
    if n + 1 < len(runs):
        return n + 1
    return n - 1


def _cut(run: _Run, umbrellas: frozenset[str] | set[str]) -> list[_Run] | None:
    """Cut a long run in two near its middle (by hours), after an umbrella when one is there to close a part."""
    steps = run.steps
    candidates = range(MIN_STAGE_STEPS - 1, len(steps) - MIN_STAGE_STEPS)
    if not candidates:
        return None
    half, acc, middle = run.hours / 2, 0.0, 0
    for k, s in enumerate(steps):
        acc += s.effort_hours
        if acc >= half:
            middle = k
            break
    seams = [k for k in candidates if steps[k].id in umbrellas] or list(candidates)
    k = min(seams, key=lambda k: (abs(k - middle), k))

    def name(part: list[Step]) -> str:
        own = [s for s in part if s.area == run.area] or part
        closing = [s for s in own if s.id in umbrellas]
        return (closing[-1] if closing else max(own, key=lambda s: (s.effort_hours, -own.index(s)))).label

    first, second = steps[: k + 1], steps[k + 1 :]
    return [_Run(first, run.area, name(first)), _Run(second, run.area, name(second))]


def stages_of(steps: Sequence[Step], umbrellas: frozenset[str] | set[str] = frozenset()) -> list[Stage]:
    """Cut `steps` (in plan order) into named stages; `umbrellas` are the ids of nodes with core parts.

    Concatenating the stages' steps gives `steps` back.

    >>> import mlgraph
    >>> plan = mlgraph.learning_order(mlgraph.load(), "Machine Learning Engineer")
    >>> [s for stage in plan.stages for s in stage.steps] == list(plan.steps)
    True
    """
    if not steps:
        return []
    runs: list[_Run] = []
    for s in steps:
        if runs and (s.area == runs[-1].area or s.area is None):
            runs[-1].steps.append(s)
        else:
            runs.append(_Run([s], s.area))
    total = sum(s.effort_hours for s in steps) or 1.0

    def small(r: _Run) -> bool:
        share = r.hours / total
        return share < MIN_STAGE_SHARE or (len(r.steps) < MIN_STAGE_STEPS and share < 2.5 * MIN_STAGE_SHARE)

    while len(runs) > 1:
        smalls = [k for k, r in enumerate(runs) if small(r)]
        if not smalls:
            break
        n = min(smalls, key=lambda k: (runs[k].hours, len(runs[k].steps), k))
        _merge(runs, n, _neighbour(runs, n, small))
        _join_same_area(runs)
    while len(runs) > MAX_STAGES:
        n = min(range(len(runs)), key=lambda k: (runs[k].hours, k))
        _merge(runs, n, _neighbour(runs, n, small))
        _join_same_area(runs)
    while len(runs) < MIN_STAGES and len(steps) >= CUT_FROM_STEPS:
        n = max(range(len(runs)), key=lambda k: (runs[k].hours, -k))
        if runs[n].hours <= total / 4 or not (parts := _cut(runs[n], umbrellas)):
            break
        runs[n : n + 1] = parts
    stages: list[Stage] = []
    seen: dict[str, int] = {}
    for run in runs:
        title = area_title(run.area)
        counts: dict[str | None, int] = {}
        for step in run.steps:
            counts[step.area] = counts.get(step.area, 0) + 1
        other = [a for a in counts if a != run.area and 3 * counts[a] >= len(run.steps)]
        if other and not run.cut:  # two areas share the stage: say both, in the usual order
            pair = sorted([run.area, other[0]], key=area_rank)
            first, second = area_title(pair[0]), area_title(pair[1])
            title = f"{first} & {second[:1].lower()}{second[1:]}"
        seen[title] = seen.get(title, 0) + 1
        if run.cut:
            title = f"{title}: {run.cut}"
        elif seen[title] > 1:
            title = f"{title} (continued)"
        stages.append(Stage(title, round(run.hours, 2), list(run.steps)))
    return stages


def resources_for_step(g: CompetencyGraph, node_id: str) -> tuple[dict[str, Any], ...]:
    """The resources that teach `node_id`, best first, as ``{"id", "label", "type", "url", "effort_hours"}``.

    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> first = resources_for_step(g, "pytorch")[0]
    >>> sorted(first)
    ['effort_hours', 'id', 'label', 'type', 'url']
    """
    teaches = g.adjacency("teaches")
    order = {t: n for n, t in enumerate(RESOURCE_TYPE_ORDER)}

    def key(r: Any) -> tuple[int, int, str, str]:
        typ = order.get(r.resource_type or "", len(order))
        return (typ, len(teaches.get(r.id, ())), r.label.casefold(), r.id)

    return tuple(
        {"id": r.id, "label": r.label, "type": r.resource_type, "url": r.url, "effort_hours": r.effort_hours}
        for r in sorted(g.resources_for(node_id), key=key)
    )
