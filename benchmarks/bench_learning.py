"""Learning-order figures: the order measures of six role plans, a role's plan on the bundled and the 17,000-node
graphs, `mlgraph path` cold start."""

from __future__ import annotations

import statistics
import sys

import mlgraph
from mlgraph.plan.learning import learning_order
from mlgraph.plan.order import order_quality, plan_index
from synthetic import make_records
from timing import best_of, python_cmd, report, wall

ROLES = ("Machine Learning Engineer", "MLOps Engineer", "Data Scientist", "NLP Engineer", "AI Engineer", "Data Analyst")
MLE_MUST_HAVE = (
    "convolutional neural networks",
    "recurrent neural networks",
    "transformers",
    "clustering",
    "principal component analysis",
    "embeddings",
)


def measures(g: mlgraph.CompetencyGraph) -> None:
    """The order measures of issue 11, over the plans from zero for six roles."""
    means = []
    worst = (0, "", "")
    for role in ROLES:
        plan = learning_order(g, role)
        q = order_quality(g, plan.ids)
        means.append(q.mean_first_use_gap)
        if q.max_composite_gap >= worst[0]:
            worst = (q.max_composite_gap, str(q.worst_composite), role)
        print(
            f"  {role:26} {len(plan):3} steps {plan.total_hours:7,.0f} h {len(plan.stages):2} stages  "
            f"first-use gap mean {q.mean_first_use_gap:4.2f} (max {q.max_first_use_gap}, {q.worst_first_use})  "
            f"3+-prerequisite item after its last: max {q.max_composite_gap} ({q.worst_composite})"
        )
    print(f"mean first-use gap over the six plans: {statistics.mean(means):.2f} (target <= 5)")
    print(f"latest item with 3+ prerequisites: {worst[0]} steps after the last ({worst[1]}, {worst[2]}) (target <= 15)")
    mle = set(learning_order(g, "Machine Learning Engineer").ids)
    missing = [name for name in MLE_MUST_HAVE if g.id_of(name) not in mle]
    print(f"MLE plan holds CNNs, RNNs, transformers, clustering, PCA, embeddings: {missing if missing else 'yes'}")
    conflicts = plan_index(g).conflicts
    print(f"umbrellas that are prerequisites of their own parts: {len(conflicts)} {conflicts[:5] if conflicts else ''}")


def main() -> None:
    g = mlgraph.load()
    measures(g)
    learning_order(g, "Machine Learning Engineer")  # builds the per-graph index once
    report(
        "learning_order('Machine Learning Engineer'), bundled graph",
        best_of(lambda: learning_order(g, "Machine Learning Engineer"), repeat=20),
        0.002,
    )
    roles = [r.id for r in g.nodes(kind="role")]
    per_role = [best_of(lambda r=r: learning_order(g, r), repeat=5) for r in roles]
    report(f"  slowest of the {len(roles)} bundled roles", max(per_role), 0.002)

    nodes, edges = make_records()
    big = mlgraph.CompetencyGraph.from_records(nodes, edges)
    learning_order(big, "r0")
    sample = [f"r{i}" for i in range(0, 3000, 100)]
    times = [best_of(lambda r=r: learning_order(big, r), repeat=3) for r in sample]
    sizes = [len(learning_order(big, r)) for r in sample]
    print(f"  synthetic plans: median {statistics.median(sizes):.0f} steps, max {max(sizes)}")
    report("learning_order(role), 17,000-node synthetic graph, median of 30 roles", statistics.median(times), 0.010)
    report("  slowest of those 30 roles", max(times), 0.010)

    harsh_nodes, harsh_edges = make_records(window=200)
    harsh = mlgraph.CompetencyGraph.from_records(harsh_nodes, harsh_edges)
    learning_order(harsh, "r0")
    sizes = [len(learning_order(harsh, f"r{i}")) for i in range(0, 3000, 300)]
    t = statistics.median(best_of(lambda i=i: learning_order(harsh, f"r{i}"), repeat=2) for i in range(0, 3000, 300))
    report(f"  harsh DAG (prerequisites span the graph; plans of ~{statistics.median(sizes):.0f} steps)", t)

    base = wall(python_cmd("import networkx"))
    cmd = wall([sys.executable, "-m", "mlgraph", "path", "Machine Learning Engineer"])
    report("python -c 'import networkx' cold wall", base, unit="s")
    report("mlgraph path 'Machine Learning Engineer' cold wall", cmd, 1.5 * base, unit="s")
    print(f"ratio path / import networkx: {cmd / base:.2f} (target <= 1.5)")
