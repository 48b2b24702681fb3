"""Analyses behind the notebooks: keystones, role clusters, profile coverage, hours by area."""

from __future__ import annotations

import sys

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


def test_keystones_columns_agree_with_plans_and_the_prerequisite_graph(g: mlgraph.CompetencyGraph) -> None:
    import networkx as nx

    roles = len(g.nodes(kind="role"))
    rows = analysis.keystones(g, top=None, as_records=True)
    assert len(rows) == sum(1 for n in g.nodes() if n.is_learnable)
    dag = g.prerequisite_dag()
    for row in rows:
        assert row["essential"] <= row["unlocks"] <= roles  # an essential requirement is always in the plan
        assert row["dependents"] == len(nx.descendants(dag, row["id"]))
    by_id = {r["id"]: r for r in rows}
    plans = [set(learning_order(g, r.id).ids) for r in g.nodes(kind="role")]
    assert by_id["linear-algebra"]["unlocks"] == sum("linear-algebra" in p for p in plans)
    # the default ranking: betweenness, so the hubs of the prerequisite graph come first
    top = analysis.keystones(g, top=10, as_records=True)
    assert [r["betweenness"] for r in top] == sorted((r["betweenness"] for r in top), reverse=True)
    assert "machine-learning" in [r["id"] for r in top]
    by_unlocks = analysis.keystones(g, top=5, by="unlocks", as_records=True)
    assert by_unlocks[0]["unlocks"] == max(r["unlocks"] for r in rows)
    with pytest.raises(MlgraphError, match="cannot rank"):
        analysis.keystones(g, by="popularity")


def test_role_similarity_is_the_transitions_overlap_symmetric_with_ones_on_the_diagonal(
    g: mlgraph.CompetencyGraph,
) -> None:
    from mlgraph.plan.transitions import role_overlap

    rows = analysis.role_similarity(g, as_records=True)
    ids = [r["role"] for r in rows]
    for row in rows:
        assert row[row["role"]] == 1.0
        for other in ids:
            assert 0.0 <= row[other] <= 1.0
            assert row[other] == next(r for r in rows if r["role"] == other)[row["role"]]
    assert rows[0][ids[1]] == role_overlap(g, ids[0], ids[1])
    with pytest.raises(MlgraphError, match="not a role"):
        analysis.role_similarity(g, ["python", "MLE"])


def test_role_clusters_group_the_specialist_engineers_with_the_ml_engineer(g: mlgraph.CompetencyGraph) -> None:
    clusters = analysis.role_clusters(g, k=4)
    assert len(clusters) == 4
    everyone = sorted(r.id for r in g.nodes(kind="role"))
    assert sorted(r for c in clusters for r in c) == everyone  # a partition
    mle = next(c for c in clusters if "machine-learning-engineer" in c)
    assert {"nlp-engineer", "computer-vision-engineer"} <= set(mle)
    assert "data-analyst" not in mle
    analysts = next(c for c in clusters if "data-analyst" in c)
    assert "statistician" in analysts
    assert len(clusters[0]) >= len(clusters[-1])
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
    assert all(r["hours_left"] == r["hours_from_zero"] and r["progress"] == 0.0 for r in empty)
    for role in ("data-analyst", "machine-learning-engineer"):
        own = {e.target: e.level for e in g.requirements(role)}
        row = next(r for r in analysis.profile_coverage(g, own, as_records=True) if r["id"] == role)
        assert (row["coverage"], row["hours_left"], row["progress"]) == (1.0, 0.0, 1.0)


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


def test_areas_come_from_the_ontology_files_or_else_the_kind(
    g: mlgraph.CompetencyGraph, mini: mlgraph.CompetencyGraph
) -> None:
    areas = analysis.areas(g)
    assert areas["gradient-descent"] == "math"
    assert areas["hypothesis-testing"] == "statistics"
    assert areas["head-of-ai"] == "role"
    assert set(analysis.areas(mini).values()) == {"basics", "role", "resource"}
    built = mlgraph.CompetencyGraph.from_records([{"id": "x", "kind": "tool", "label": "X"}])
    assert analysis.areas(built) == {"x": "tool"}


def test_hours_by_area_adds_up_to_the_plan(g: mlgraph.CompetencyGraph) -> None:
    plan = learning_order(g, "Machine Learning Engineer")
    rows = analysis.hours_by_area(g, plan, as_records=True)
    assert sum(r["hours"] for r in rows) == pytest.approx(plan.total_hours)
    assert sum(r["items"] for r in rows) == len(plan)
    assert sum(r["share"] for r in rows) == pytest.approx(1.0, abs=1e-3)
    pairs = analysis.hours_by_area(g, [("python", 10.0), ("sql", 5.0)], as_records=True)
    assert [(r["area"], r["hours"]) for r in pairs] == [("programming", 10.0), ("data", 5.0)]


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
