"""How far a learner is along a goal's plan: the share done, the hours left per stage, what comes next.

What ``mlgraph progress`` prints and the explorer's roadmap counts (the page does the same sums in the browser):
the goal's plan from zero is cut into stages (:func:`mlgraph.viz.layout.plan_stages`); the plan with what the
learner knows gives, per stage, the hours still to learn; the difference is done.

>>> import mlgraph
>>> g = mlgraph.load()
>>> p = progress(g, "Data Analyst", known=["python", "sql"])
>>> 0 < p.share_done < 1 and p.hours_left == round(sum(s.hours_left for s in p.stages), 2)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlgraph.model.graph import CompetencyGraph
    from mlgraph.plan.known import Known
    from mlgraph.plan.learning import Step

__all__ = ["Progress", "StageProgress", "progress"]


@dataclass(frozen=True)
class StageProgress:
    """One stage of the plan from zero: its hours, the hours done and left, its steps still to learn."""

    title: str
    hours: float
    hours_done: float
    hours_left: float
    steps_left: int
    steps: int


@dataclass(frozen=True)
class Progress:
    """Progress towards `goal` (an id): totals, stages in order, and the next steps of the remaining plan."""

    goal: str
    goal_label: str
    hours: float
    hours_done: float
    hours_left: float
    stages: tuple[StageProgress, ...]
    next_steps: tuple[Step, ...]

    @property
    def share_done(self) -> float:
        """Hours done over the hours of the plan from zero (0 to 1; 1 for an empty plan)."""
        return self.hours_done / self.hours if self.hours else 1.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: goal, hours, hours_done, hours_left, share_done, stages, next (step dicts)."""
        return {
            "goal": self.goal,
            "goal_label": self.goal_label,
            "hours": self.hours,
            "hours_done": self.hours_done,
            "hours_left": self.hours_left,
            "share_done": round(self.share_done, 4),
            "stages": [s.__dict__ for s in self.stages],
            "next": [s.to_dict() for s in self.next_steps],
        }


def progress(g: CompetencyGraph, goal: str, known: Known = (), *, top: int = 3) -> Progress:
    """Progress towards `goal` given what is `known`.

    Parameters
    ----------
    g : CompetencyGraph
    goal : str
        A role or competency, by any name.
    known : names, {name: level} or Profile
        What the learner knows (for a profile file, ``mlgraph.read_profile(g, path)``).
    top : int
        How many next steps to give (the first steps of the remaining plan).

    Returns
    -------
    Progress
    """
    from mlgraph.plan.learning import learning_order
    from mlgraph.viz.layout import plan_stages

    goal_id = g.id_of(goal)
    zero = learning_order(g, goal_id)
    now = learning_order(g, goal_id, known)
    left = {s.id: s.effort_hours for s in now.steps}
    stages = []
    for stage in plan_stages(zero, g):
        hours = round(sum(s.effort_hours for s in stage.steps), 2)
        still = round(sum(left.get(s.id, 0.0) for s in stage.steps), 2)
        n_left = sum(1 for s in stage.steps if s.id in left)
        stages.append(StageProgress(stage.title, hours, round(hours - still, 2), still, n_left, len(stage.steps)))
    hours_left = round(sum(s.hours_left for s in stages), 2)
    # an item the plan from zero lacks cannot appear once more is known; counted anyway, should it ever
    hours_left = round(hours_left + sum(h for i, h in left.items() if i not in zero), 2)
    total = round(zero.total_hours, 2)
    return Progress(
        goal_id,
        g.node(goal_id).label,
        total,
        round(max(0.0, total - hours_left), 2),
        hours_left,
        tuple(stages),
        tuple(now.steps[:top]),
    )
