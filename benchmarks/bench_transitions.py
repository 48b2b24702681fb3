"""Transition figures: the whole matrix at 3,000 roles x 14,000 competencies, one role's ranking, the bundled graph."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import mlgraph
from mlgraph.plan.transitions import rank_transitions, transition, transition_matrix
from synthetic import make_records
from timing import best_of, report


def main() -> None:
    nodes, edges = make_records()
    g = mlgraph.CompetencyGraph.from_records(nodes, edges)
    roles = len(g.nodes(kind="role"))
    competencies = len(g) - roles

    def whole_matrix() -> None:
        g._derived.clear()  # from scratch: the per-graph indexes (prerequisites, costs) are part of the cost
        transition_matrix(g)

    report(
        f"transition_matrix, {roles:,} roles x {competencies:,} competencies, from scratch",
        best_of(whole_matrix, repeat=3),
        3.0,
        unit="s",
    )
    start = time.perf_counter()
    transition_matrix(g)
    report("transition_matrix again (index cached on the graph)", time.perf_counter() - start, unit="s")
    report("rank_transitions one role (index cached)", best_of(lambda: rank_transitions(g, "r17"), repeat=9), 0.020)
    report(
        "rank_transitions one role, into=True (index cached)",
        best_of(lambda: rank_transitions(g, "r17", into=True), repeat=9),
        0.020,
    )

    bundled = mlgraph.load()
    ids = [r.id for r in bundled.nodes(kind="role")]

    def bundled_matrix() -> None:
        bundled._derived.clear()
        transition_matrix(bundled)

    report(f"transition_matrix bundled graph, {len(ids)} x {len(ids)} pairs, from scratch", best_of(bundled_matrix))

    def every_pair() -> None:
        for a in ids:
            for b in ids:
                transition(bundled, a, b, with_resources=False)

    report(f"transition() for every pair of the bundled graph ({len(ids) ** 2} calls)", best_of(every_pair, 3), 1.0)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
