"""Analyses behind the notebooks: keystones, role clusters, profile coverage, hours by area.

Every figure is checked against a computation written here from the graph's edges (or against the real
planner, ``learning_order``), never against the analysis function itself or the helpers it calls.
"""

from __future__ import annotations

import sys

import networkx as nx
import numpy as np
import pytest

import mlgraph
from mlgraph import MlgraphError, analysis
from mlgraph.plan.learning import learning_order


@pytest.fixture(scope="module")
def g() -> mlgraph.CompetencyGraph:
    return mlgraph.load()


def test_most_required_counts_requirement_edges(g: mlgraph.CompetencyGraph) -> None:
    rows = analysis.most_required(g, top=None, as_records=True)
    assert "python" in [r["id"] for r in rows[:5]]
    for row in rows:
        edges = [e for e in g.edges("requirement") if e.target == row["id"]]
        assert row["roles"] == len(edges) == row["essential"] + row["optional"]
        assert row["essential"] == sum(e.importance == "essential" for e in edges)
        assert row["mean_level"] == round(sum(e.level for e in edges) / len(edges), 2)
    assert [r["roles"] for r in rows] == sorted((r["roles"] for r in rows), reverse=True)
    essential_only = analysis.most_required(g, top=None, importance="essential", as_records=True)
    assert all(r["optional"] == 0 for r in essential_only)
    with pytest.raises(MlgraphError):
        analysis.most_required(g, importance="nice to have")


def descendants_by_hand(g: mlgraph.CompetencyGraph, node: str) -> set[str]:
    """What builds on `node` through prerequisite edges, walked here from the edge list."""
    after: dict[str, list[str]] = {}
    for e in g.edges("prerequisite"):
        after.setdefault(e.source, []).append(e.target)
    seen: set[str] = set()
    stack = list(after.get(node, ()))
    while stack:
        x = stack.pop()
        if x not in seen:
            seen.add(x)
            stack.extend(after.get(x, ()))
    return seen


def test_keystones_columns_agree_with_plans_and_the_prerequisite_graph(g: mlgraph.CompetencyGraph) -> None:
    roles = g.nodes(kind="role")
    rows = analysis.keystones(g, top=None, as_records=True)
    assert len(rows) == sum(1 for n in g.nodes() if n.is_learnable)
    plans = [set(learning_order(g, r.id, with_resources=False).ids) for r in roles]
    essential = {}
    for e in g.edges("requirement"):
        if e.importance == "essential":
            essential[e.target] = essential.get(e.target, 0) + 1
    for row in rows:
        assert row["unlocks"] == sum(row["id"] in p for p in plans), row["id"]
        assert row["essential"] == essential.get(row["id"], 0)
        assert row["dependents"] == len(descendants_by_hand(g, row["id"])), row["id"]
    # the default ranking: betweenness on the prerequisite graph, largest first
    dag = nx.DiGraph([(e.source, e.target) for e in g.edges("prerequisite")])
    dag.add_nodes_from(n.id for n in g.nodes() if n.is_learnable)
    between = {n: round(b, 4) for n, b in nx.betweenness_centrality(dag).items()}
    top = analysis.keystones(g, top=10, as_records=True)
    assert [r["betweenness"] for r in top] == sorted((r["betweenness"] for r in top), reverse=True)
    assert {r["id"]: r["betweenness"] for r in rows} == pytest.approx(between, abs=1e-4)
    assert top[0]["id"] in {n for n, b in between.items() if b == max(between.values())}
    by_unlocks = analysis.keystones(g, top=5, by="unlocks", as_records=True)
    assert by_unlocks[0]["unlocks"] == max(sum(n in p for p in plans) for n in {x for p in plans for x in p})
    with pytest.raises(MlgraphError, match="cannot rank"):
        analysis.keystones(g, by="popularity")


def overlap_by_hand(g: mlgraph.CompetencyGraph, a: str, b: str) -> float:
    """Weighted Jaccard of two roles' requirement vectors (level, halved when optional), from the edges."""
    if a == b:
        return 1.0

    def vector(role: str) -> dict[str, float]:
        return {e.target: e.level * (1.0 if e.importance == "essential" else 0.5) for e in g.requirements(role)}

    va, vb = vector(a), vector(b)
    keys = va.keys() | vb.keys()
    high = sum(max(va.get(k, 0.0), vb.get(k, 0.0)) for k in keys)
    return round(sum(min(va.get(k, 0.0), vb.get(k, 0.0)) for k in keys) / high, 4) if high else 0.0


def test_role_similarity_is_the_weighted_jaccard_of_the_requirements(g: mlgraph.CompetencyGraph) -> None:
    rows = analysis.role_similarity(g, as_records=True)
    ids = [r["role"] for r in rows]
    assert ids == [r.id for r in g.nodes(kind="role")]
    for row in rows:
        for other in ids:
            assert row[other] == pytest.approx(overlap_by_hand(g, row["role"], other), abs=1e-4)
    with pytest.raises(MlgraphError, match="not a role"):
        analysis.role_similarity(g, ["python", "MLE"])


def test_role_clusters_are_the_average_linkage_cut_of_one_minus_overlap(g: mlgraph.CompetencyGraph) -> None:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    clusters = analysis.role_clusters(g, k=4)
    assert len(clusters) == 4
    ids = [r.id for r in g.nodes(kind="role")]
    assert sorted(r for c in clusters for r in c) == sorted(ids)  # a partition
    distance = np.array([[1.0 - overlap_by_hand(g, a, b) for b in ids] for a in ids])
    labels = fcluster(linkage(squareform(distance, checks=False), method="average"), 4, criterion="maxclust")
    by_hand = {frozenset(r for r, lab in zip(ids, labels, strict=True) if lab == x) for x in set(labels)}
    assert {frozenset(c) for c in clusters} == by_hand
    assert [len(c) for c in clusters] == sorted((len(c) for c in clusters), reverse=True)
    mle = next(c for c in clusters if "machine-learning-engineer" in c)
    assert {"nlp-engineer", "computer-vision-engineer"} <= set(mle) and "data-analyst" not in mle
    # a distance threshold instead of a number of groups: small thresholds split more
    assert len(analysis.role_clusters(g, threshold=0.3)) > len(analysis.role_clusters(g, threshold=0.8))
    with pytest.raises(MlgraphError, match="not both"):
        analysis.role_clusters(g, k=3, threshold=0.5)
    with pytest.raises(MlgraphError):
        analysis.role_clusters(g, k=0)


def test_role_order_is_a_permutation_keeping_clusters_together(g: mlgraph.CompetencyGraph) -> None:
    order = analysis.role_order(g)
    assert sorted(order) == sorted(r.id for r in g.nodes(kind="role"))
    for cluster in analysis.role_clusters(g, k=4):
        positions = sorted(order.index(r) for r in cluster)
        assert positions == list(range(positions[0], positions[0] + len(cluster)))  # contiguous


def test_profile_coverage_of_nothing_is_zero_and_of_a_roles_requirements_is_complete(
    g: mlgraph.CompetencyGraph,
) -> None:
    empty = analysis.profile_coverage(g, [], as_records=True)
    assert {r["coverage"] for r in empty} == {0.0}
    for row in empty:
        zero = learning_order(g, row["id"], with_resources=False)
        assert row["hours_left"] == row["hours_from_zero"] == zero.total_hours and row["progress"] == 0.0
    for role in ("data-analyst", "machine-learning-engineer"):
        own = {e.target: e.level for e in g.requirements(role)}
        row = next(r for r in analysis.profile_coverage(g, own, as_records=True) if r["id"] == role)
        assert (row["coverage"], row["hours_left"], row["progress"]) == (1.0, 0.0, 1.0)


def test_profile_coverage_counts_the_requirements_the_real_plan_leaves_out(g: mlgraph.CompetencyGraph) -> None:
    known = {"python": 3, "sql": 2, "statistics": 3}
    for row in analysis.profile_coverage(g, known, as_records=True):
        plan = learning_order(g, row["id"], known, with_resources=False)
        needed = [e.target for e in g.requirements(row["id"]) if e.importance == "essential"]
        covered = [c for c in needed if c not in plan.ids]
        assert (row["requirements"], row["covered"]) == (len(needed), len(covered)), row["id"]
        assert (row["hours_left"], row["steps_left"]) == (plan.total_hours, len(plan))


def test_profile_coverage_grows_with_what_is_known(g: mlgraph.CompetencyGraph) -> None:
    some = {r["id"]: r for r in analysis.profile_coverage(g, ["python", "sql"], as_records=True)}
    more = {r["id"]: r for r in analysis.profile_coverage(g, ["python", "sql", "statistics"], as_records=True)}
    for role, row in some.items():
        assert more[role]["hours_left"] <= row["hours_left"]
        assert more[role]["coverage"] >= row["coverage"]
        assert row["hours_left"] == learning_order(g, role, ["python", "sql"]).total_hours
    rows = list(some.values())
    assert [r["hours_left"] for r in rows] == sorted(r["hours_left"] for r in rows)  # nearest role first


def test_profile_coverage_with_optional_requirements_counts_more(g: mlgraph.CompetencyGraph) -> None:
    essential = analysis.profile_coverage(g, ["python"], roles=["MLE"], as_records=True)[0]
    everything = analysis.profile_coverage(g, ["python"], roles=["MLE"], include_optional=True, as_records=True)[0]
    assert everything["requirements"] == len(g.requirements("machine-learning-engineer"))
    assert essential["requirements"] == len(g.requirements("machine-learning-engineer", importance="essential"))


def test_areas_are_the_node_areas_or_else_the_kind(g: mlgraph.CompetencyGraph, mini: mlgraph.CompetencyGraph) -> None:
    areas = analysis.areas(g)
    assert areas == {n.id: n.area or n.kind for n in g.nodes()}
    assert areas["gradient-descent"] == "math" and areas["head-of-ai"] == "role"
    assert set(analysis.areas(mini).values()) == {"basics", "role", "resource"}
    built = mlgraph.CompetencyGraph.from_records([{"id": "x", "kind": "tool", "label": "X"}])
    assert analysis.areas(built) == {"x": "tool"}


def test_hours_by_area_adds_up_to_the_plan(g: mlgraph.CompetencyGraph) -> None:
    plan = learning_order(g, "Machine Learning Engineer")
    rows = analysis.hours_by_area(g, plan, as_records=True)
    assert sum(r["hours"] for r in rows) == pytest.approx(plan.total_hours)
    assert sum(r["items"] for r in rows) == len(plan)
    assert sum(r["share"] for r in rows) == pytest.approx(1.0, abs=1e-3)
    by_hand: dict[str, float] = {}
    for s in plan.steps:
        area = g.node(s.id).area or g.node(s.id).kind
        by_hand[area] = by_hand.get(area, 0.0) + s.effort_hours
    assert {r["area"]: r["hours"] for r in rows} == pytest.approx(by_hand)
    pairs = analysis.hours_by_area(g, [("python", 10.0), ("sql", 5.0)], as_records=True)
    assert [(r["area"], r["title"], r["hours"]) for r in pairs] == [
        ("programming", "Programming foundations", 10.0),
        ("data", "Data handling and analysis", 5.0),
    ]


def test_role_summary_lists_every_role_with_its_plan_from_zero(g: mlgraph.CompetencyGraph) -> None:
    rows = analysis.role_summary(g, as_records=True)
    assert len(rows) == len(g.nodes(kind="role"))
    row = next(r for r in rows if r["id"] == "data-analyst")
    plan = learning_order(g, "data-analyst")
    assert (row["plan_steps"], row["plan_hours"]) == (len(plan), plan.total_hours)
    assert "Data Scientist" in row["next_roles"]


def test_tables_are_dataframes_with_pandas_and_records_without(
    g: mlgraph.CompetencyGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    pd = pytest.importorskip("pandas")
    frame = analysis.most_required(g, top=3)
    assert isinstance(frame, pd.DataFrame)
    assert frame.index.name == "id" and list(frame.columns)[:2] == ["label", "kind"]
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    rows = analysis.most_required(g, top=3)
    assert isinstance(rows, list) and rows[0]["id"] == frame.index[0]
