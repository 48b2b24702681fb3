"""A learning plan as text to keep: Markdown (a course outline by stage) and CSV (one row per step).

Both are plain strings; writing them to a file is the caller's business (``mlgraph path ... -o plan.md``).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mlgraph.model.graph import CompetencyGraph
    from mlgraph.plan.learning import LearningPlan

__all__ = ["CSV_COLUMNS", "half_hours", "half_hours_text", "plan_csv", "plan_markdown"]

CSV_COLUMNS = (
    "step",
    "stage",
    "id",
    "label",
    "kind",
    "area",
    "level",
    "hours",
    "cumulative_hours",
    "reason",
    "why",
    "resource",
    "resource_url",
)


def half_hours(hours: float) -> float:
    """Hours to the nearest half hour, halves rounded up, never 0 for a positive amount: the one rounding rule
    of every text output of a plan (JSON and CSV keep exact values).

    >>> half_hours(2.25), half_hours(2.74), half_hours(0.1), half_hours(0)
    (2.5, 2.5, 0.5, 0.0)
    """
    half = math.floor(hours * 2 + 0.5) / 2
    return 0.5 if hours > 0 and half == 0 else half


def half_hours_text(hours: float) -> str:
    """:func:`half_hours` as text, with thousands separators and no needless ``.0``.

    >>> half_hours_text(1859.0), half_hours_text(12.26)
    ('1,859', '12.5')
    """
    half = half_hours(hours)
    return f"{half:,.0f}" if half == int(half) else f"{half:,.1f}"


def plan_markdown(g: CompetencyGraph, plan: LearningPlan, known: Sequence[str] = ()) -> str:
    """The plan as a Markdown outline: a heading per stage (with hours), a numbered line per step.

    Hours are rounded to the nearest half hour, as in the CLI's text output.

    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> text = plan_markdown(g, mlgraph.learning_order(g, "pytorch", known=["python"]))
    >>> text.startswith("# Learning plan for PyTorch")
    True
    """
    names = ", ".join(g.node(t).label for t in plan.targets)
    lines = [f"# Learning plan for {names}", ""]
    summary = f"{len(plan)} steps, {half_hours_text(plan.total_hours)} hours"
    if known:
        summary += f"; known: {', '.join(known)}"
    lines += [summary + ".", ""]
    if plan.steps:
        lines += ["Levels: 1 awareness, 2 basic, 3 working, 4 advanced, 5 expert.", ""]
    n = 0
    for number, stage in enumerate(plan.stages, 1):
        lines += [f"## Stage {number}: {stage.title} ({half_hours_text(stage.hours)} h)", ""]
        for s in stage.steps:
            n += 1
            lines.append(
                f"{n}. **{s.label}** ({s.kind}, level {s.level}, {half_hours_text(s.effort_hours)} h): {s.reason}"
            )
            if s.resources:
                r = s.resources[0]
                lines.append(f"   - learn: [{r['label']}]({r['url']})" if r.get("url") else f"   - learn: {r['label']}")
        lines.append("")
    if not plan.steps:
        lines += ["Nothing to learn: everything needed is already known.", ""]
    return "\n".join(lines)


def plan_csv(plan: LearningPlan) -> str:
    """The plan as CSV, one row per step (columns :data:`CSV_COLUMNS`, exact hours), with a header row.

    >>> import mlgraph
    >>> text = plan_csv(mlgraph.learning_order(mlgraph.load(), "pytorch", known=["python"]))
    >>> text.splitlines()[0].split(",")[:4]
    ['step', 'stage', 'id', 'label']
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    running = 0.0
    n = 0
    for stage in plan.stages:
        for s in stage.steps:
            n += 1
            running += s.effort_hours
            first = s.resources[0] if s.resources else {}
            writer.writerow(
                (
                    n,
                    stage.title,
                    s.id,
                    s.label,
                    s.kind,
                    s.area or "",
                    s.level,
                    s.effort_hours,
                    round(running, 2),
                    s.reason,
                    s.why,
                    first.get("label", ""),
                    first.get("url") or "",
                )
            )
    return out.getvalue()
