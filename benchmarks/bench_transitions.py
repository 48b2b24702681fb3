"""Transition figures on the two synthetic graphs (3,000 roles x 14,000 competencies) and the bundled graph.

- the gentle graph (``make_records``): prerequisites within areas of 300, roles drawing on one or two areas;
- the deep graph (``make_deep_records``, issue 10): 0-3 prerequisites among the 400 competencies before each,
  roles requiring 40 competencies from anywhere, so a role's plan from zero spans thousands of nodes.

For each: the index build (from scratch), one ``rank_transitions``, every role's ranking, ``transition_matrix``,
and the peak memory of a fresh process doing all of it (``ru_maxrss``, graph included).
Run ``python benchmarks/run.py transitions``, or this file with ``--one deep`` for one graph in this process.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent


def _graph(shape: str) -> object:
    import mlgraph
    from synthetic import make_deep_records, make_records

    nodes, edges = make_deep_records() if shape == "deep" else make_records()
    return mlgraph.CompetencyGraph.from_records(nodes, edges)


def one_graph(shape: str) -> None:
    """Every figure for one synthetic graph, printed; then this process's peak memory."""
    import resource

    from mlgraph.plan.moves import move_index
    from mlgraph.plan.ranking import rank_transitions, transition_matrix
    from timing import report

    def peak_mb() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    g = _graph(shape)
    graph_peak = peak_mb()
    roles = [r.id for r in g.nodes(kind="role")]  # type: ignore[attr-defined]
    label = f"{shape} graph"
    g.derived("learning.index", __import__("mlgraph.plan.learning", fromlist=["PlanIndex"]).PlanIndex)  # type: ignore[attr-defined]
    start = time.perf_counter()
    move_index(g)  # type: ignore[arg-type]
    report(f"{label}: index build (from scratch)", time.perf_counter() - start, 2.0, unit="s")
    index_peak = peak_mb()
    from mlgraph.plan import moves

    default_cache_after = moves.CACHE_AFTER
    moves.CACHE_AFTER = 10**9  # single rankings: no whole-matrix cache behind them
    times = []
    for role in roles[:5]:
        start = time.perf_counter()
        rank_transitions(g, role)  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    report(f"{label}: one rank_transitions (index built; best of 5)", min(times), 0.020)
    times = []
    for role in roles[5:10]:
        start = time.perf_counter()
        rank_transitions(g, role, into=True)  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    report(
        f"{label}: one rank_transitions into=True (best of 5; the first took {times[0] * 1000:.0f} ms)",
        min(times),
        0.020,
    )
    moves.CACHE_AFTER = default_cache_after  # every ranking: the library caches the matrix after a few, counted here
    g._derived.pop("transitions.overlap")  # type: ignore[attr-defined]
    move_index(g)._rows_asked = 0  # type: ignore[arg-type]
    start = time.perf_counter()
    for role in roles:
        rank_transitions(g, role)  # type: ignore[arg-type]
    report(f"{label}: all {len(roles):,} rankings", time.perf_counter() - start, 3.0, unit="s")
    rankings_peak = peak_mb()
    g._derived.pop("transitions.moves")  # type: ignore[attr-defined]
    start = time.perf_counter()
    transition_matrix(g)  # type: ignore[arg-type]
    report(f"{label}: transition_matrix, index included", time.perf_counter() - start, unit="s")
    peak = peak_mb()
    print(
        f"{label}: peak memory after the graph {graph_peak:,.0f} MB, the index {index_peak:,.0f} MB, "
        f"the rankings {rankings_peak:,.0f} MB"
    )
    print(
        f"{label}: peak memory (fresh process, graph included): {peak:,.0f} MB  (target <= 1,024 MB: "
        f"{'ok' if peak <= 1024 else 'MISSED'})"
    )


def bundled() -> None:
    import mlgraph
    from mlgraph.plan.ranking import transition_matrix
    from mlgraph.plan.transitions import transition
    from timing import best_of, report

    g = mlgraph.load()
    ids = [r.id for r in g.nodes(kind="role")]

    def matrix() -> None:
        g._derived.clear()
        transition_matrix(g)

    report(f"bundled graph: transition_matrix {len(ids)} x {len(ids)}, from scratch", best_of(matrix))

    def every_pair() -> None:
        for a in ids:
            for b in ids:
                transition(g, a, b, with_resources=False)

    report(f"bundled graph: transition() for every pair ({len(ids) ** 2} calls)", best_of(every_pair, 3))


def main() -> None:
    for shape in ("gentle", "deep"):
        # a fresh process per graph, so that its peak memory is its own
        subprocess.run([sys.executable, str(Path(__file__)), "--one", shape], check=True, cwd=HERE)
    bundled()


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    if sys.argv[1:2] == ["--one"]:
        one_graph(sys.argv[2])
    else:
        main()
