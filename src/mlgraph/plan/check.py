"""Checking a curriculum's order against the graph: items taught before their prerequisites, prerequisites left out.

:func:`check_order` is re-exported by :mod:`mlgraph.plan.learning` (and ``mlgraph.check_order``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mlgraph.model.graph import CompetencyGraph
from mlgraph.plan.known import Known, resolve_known
from mlgraph.plan.order import PlanIndex, plan_index

__all__ = ["OrderIssue", "OrderReport", "check_order"]


@dataclass(frozen=True)
class OrderIssue:
    """A problem in a curriculum's order.

    ``kind`` is ``"misplaced"`` (``prerequisite`` comes after ``item``, at ``position`` vs
    ``prerequisite_position``, 1-based), ``"missing"`` (``prerequisite`` is needed by ``item`` but absent) or
    ``"repeated"`` (``item`` at ``position`` names the node already at ``prerequisite_position``, perhaps by
    another name; ``prerequisite`` is that node's id).
    """

    kind: str
    item: str
    prerequisite: str
    position: int
    prerequisite_position: int | None = None

    def __str__(self) -> str:
        if self.kind == "repeated":
            return f"{self.item} (#{self.position}) repeats {self.prerequisite} (#{self.prerequisite_position})"
        if self.kind == "misplaced":
            return (
                f"{self.item} (#{self.position}) comes before its prerequisite "
                f"{self.prerequisite} (#{self.prerequisite_position})"
            )
        return f"{self.item} (#{self.position}) needs {self.prerequisite}, which the sequence leaves out"


@dataclass(frozen=True)
class OrderReport:
    """The answer of :func:`check_order`."""

    sequence: tuple[str, ...]
    misplaced: tuple[OrderIssue, ...]
    missing: tuple[OrderIssue, ...]
    repeated: tuple[OrderIssue, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing is out of order, missing or repeated."""
        return not self.misplaced and not self.missing and not self.repeated

    @property
    def missing_ids(self) -> list[str]:
        """Every missing prerequisite, once, in the order first needed."""
        return list(dict.fromkeys(i.prerequisite for i in self.missing))

    def to_dict(self) -> dict[str, Any]:
        def issue(i: OrderIssue) -> dict[str, Any]:
            return {k: v for k, v in vars(i).items() if v is not None}

        return {
            "ok": self.ok,
            "sequence": list(self.sequence),
            "misplaced": [issue(i) for i in self.misplaced],
            "missing": [issue(i) for i in self.missing],
            "repeated": [issue(i) for i in self.repeated],
        }


def check_order(
    g: CompetencyGraph, sequence: Iterable[str], known: Known = (), *, transitive: bool = True
) -> OrderReport:
    """Check a curriculum in a given order.

    Parameters
    ----------
    sequence : iterable of str
        Items in teaching order (ids or names). A node named twice (by any of its names) is reported as
        repeated; its first place counts.
    known : names, {name: level}, Profile or profile path
        Assumed background: never reported missing (nor are its prerequisites).
    transitive : bool
        Report prerequisites at any distance (the default), or direct ones only.

    Returns
    -------
    OrderReport
        ``.misplaced``: items placed before one of their prerequisites; ``.missing``: prerequisites that are
        nowhere in the sequence (each reported once, for the first item needing it); ``.repeated``; ``.ok``.
        Prerequisite edges only: an umbrella taught before its parts (an overview first) is fine here.

    Examples
    --------
    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> report = check_order(g, ["kubernetes", "docker"], known=["linux", "programming fundamentals"])
    >>> [str(i) for i in report.misplaced]
    ['kubernetes (#1) comes before its prerequisite docker (#2)']
    """
    names = list(sequence)
    idx = plan_index(g)
    position: dict[int, int] = {}
    repeated: list[OrderIssue] = []
    ids: list[str] = []
    for n, name in enumerate(names, 1):
        node_id = g.id_of(name)
        i = idx.index[node_id]
        if i in position:
            repeated.append(OrderIssue("repeated", str(name), node_id, n, position[i]))
        else:
            position[i] = n
            ids.append(node_id)
    background = idx.closure(idx.index[k] for k in resolve_known(g, known))
    misplaced: list[OrderIssue] = []
    missing: list[OrderIssue] = []
    reported: set[int] = set()
    for node_id in ids:
        i = idx.index[node_id]
        direct = idx.prerequisites[i]
        needs = _closure(idx, direct, background) if transitive else set(direct) - background
        for p in sorted(needs, key=lambda p: idx.ids[p]):
            if p in position:
                if position[p] > position[i]:
                    misplaced.append(OrderIssue("misplaced", node_id, idx.ids[p], position[i], position[p]))
            elif p not in reported:
                reported.add(p)
                missing.append(OrderIssue("missing", node_id, idx.ids[p], position[i]))
    return OrderReport(tuple(g.id_of(n) for n in names), tuple(misplaced), tuple(missing), tuple(repeated))


def _closure(idx: PlanIndex, start: list[int], stop: set[int]) -> set[int]:
    """`start` and their prerequisites (prerequisite edges only), not walking into `stop`."""
    seen: set[int] = set()
    stack = [i for i in start if i not in stop]
    while stack:
        i = stack.pop()
        if i not in seen:
            seen.add(i)
            stack.extend(p for p in idx.prerequisites[i] if p not in seen and p not in stop)
    return seen
