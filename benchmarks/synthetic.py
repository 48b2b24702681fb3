"""A synthetic competency graph at the scale the benchmarks promise.

``make_records()`` gives 14,000 competencies in a random prerequisite DAG (edges only from lower to higher
index, so no cycles; a few prerequisites each) and 3,000 roles with 40 requirements each: 17,000 nodes and
about 150,000 edges. The same seed always gives the same graph.
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
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Nodes and edges as plain dicts, ready for ``CompetencyGraph.from_records``."""
    rng = random.Random(seed)
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
        if i:
            # a few prerequisites among the nearest earlier nodes keeps chains long, like a real curriculum
            k = min(i, int(prerequisites_per_node) + (rng.random() < prerequisites_per_node % 1))
            window = range(max(0, i - 200), i)
            for j in rng.sample(window, k):
                edges.append({"source": f"c{j}", "target": f"c{i}", "relation": "prerequisite"})
    for r in range(n_roles):
        nodes.append({"id": f"r{r}", "kind": "role", "label": f"Role {r}", "sources": ["editorial"]})
        # roles cluster around a region of the curriculum, so they overlap like real roles do
        centre = rng.randrange(n_competencies)
        picked: set[int] = set()
        while len(picked) < requirements_per_role:
            picked.add(min(n_competencies - 1, max(0, int(rng.gauss(centre, 400)))))
        for j in sorted(picked):
            edges.append(
                {
                    "source": f"r{r}",
                    "target": f"c{j}",
                    "relation": "requirement",
                    "importance": "essential" if rng.random() < 0.7 else "optional",
                    "level": rng.randint(1, 5),
                }
            )
    return nodes, edges
