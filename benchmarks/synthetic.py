"""A synthetic competency graph at the scale the benchmarks promise.

``make_records()`` gives 14,000 competencies in a random prerequisite DAG and 3,000 roles with 40 requirements
each: 17,000 nodes and about 150,000 edges. The same seed always gives the same graph.

The DAG is shaped like a real curriculum, scaled up: competencies fall into areas of about 300 (the bundled
graph has about 290 in all); each has a few prerequisites drawn uniformly from earlier nodes of its own area,
and some also one from a shared foundations area (edges only go from lower to higher index, so there is no
cycle). A role requires competencies from one or two areas. ``window`` > 0 instead draws prerequisites from
the `window` nodes just before each node across the whole graph: a deliberately harsh shape whose ancestor
sets span thousands of nodes, to show how plans scale with their size.
"""

from __future__ import annotations

import random
from typing import Any

KINDS = ("skill", "tool", "concept")


def make_records(
    n_competencies: int = 14_000,
    n_roles: int = 3_000,
    requirements_per_role: int = 40,
    prerequisites_per_node: float = 2.15,
    seed: int = 0,
    area_size: int = 300,
    window: int = 0,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Nodes and edges as plain dicts, ready for ``CompetencyGraph.from_records``."""
    rng = random.Random(seed)
    n_areas = max(1, n_competencies // area_size)
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for i in range(n_competencies):
        nodes.append(
            {
                "id": f"c{i}",
                "kind": KINDS[i % 3],
                "label": f"Competency {i}",
                "aliases": [f"comp {i}"],
                "description": f"Synthetic competency number {i}.",
                "effort_hours": float(rng.randint(2, 60)),
                "sources": ["editorial"],
            }
        )
        if window:
            pool = range(max(0, i - window), i)
        else:
            area_start = (i // area_size) * area_size
            pool = range(area_start, i)
        k = min(len(pool), int(prerequisites_per_node) + (rng.random() < prerequisites_per_node % 1))
        picked = set(rng.sample(pool, k)) if k else set()
        if not window and i >= area_size and rng.random() < 0.3:
            picked.add(rng.randrange(area_size))  # a foundation from area 0
        for j in sorted(picked):
            edges.append({"source": f"c{j}", "target": f"c{i}", "relation": "prerequisite"})
    for r in range(n_roles):
        nodes.append({"id": f"r{r}", "kind": "role", "label": f"Role {r}", "sources": ["editorial"]})
        # a role draws on one or two areas, so roles overlap like real ones do
        areas = rng.sample(range(n_areas), min(n_areas, rng.choice((1, 2))))
        candidates = [j for a in areas for j in range(a * area_size, min(n_competencies, (a + 1) * area_size))]
        for j in sorted(rng.sample(candidates, min(len(candidates), requirements_per_role))):
            edges.append(_requirement(rng, r, j))
    return nodes, edges


def _requirement(rng: random.Random, role: int, competency: int) -> dict[str, Any]:
    """Role `role` requires competency `competency`: 70 % essential, level 1-5 (two draws from `rng`, in order)."""
    return {
        "source": f"r{role}",
        "target": f"c{competency}",
        "relation": "requirement",
        "importance": "essential" if rng.random() < 0.7 else "optional",
        "level": rng.randint(1, 5),
    }


def make_deep_records(
    n_competencies: int = 14_000,
    n_roles: int = 3_000,
    requirements_per_role: int = 40,
    max_prerequisites: int = 3,
    window: int = 400,
    seed: int = 0,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The "deep" graph of issue 10: each competency has 0-3 prerequisites among the `window` before it.

    Ancestor sets are long chains reaching far back, so a role's plan from zero spans thousands of nodes: the
    harsh case for transitions. Each role requires `requirements_per_role` competencies drawn from the whole
    graph (70 % essential, levels 1-5).
    """
    rng = random.Random(seed)
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for i in range(n_competencies):
        nodes.append(
            {
                "id": f"c{i}",
                "kind": KINDS[i % 3],
                "label": f"Competency {i}",
                "effort_hours": float(rng.randint(2, 60)),
            }
        )
        pool = range(max(0, i - window), i)
        k = min(len(pool), rng.randint(0, max_prerequisites))
        for j in sorted(rng.sample(pool, k)) if k else ():
            edges.append({"source": f"c{j}", "target": f"c{i}", "relation": "prerequisite"})
    for r in range(n_roles):
        nodes.append({"id": f"r{r}", "kind": "role", "label": f"Role {r}"})
        for j in sorted(rng.sample(range(n_competencies), requirements_per_role)):
            edges.append(_requirement(rng, r, j))
    return nodes, edges
