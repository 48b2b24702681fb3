"""The CompetencyGraph API that queries, commands and notebooks share."""

from __future__ import annotations

import pytest

import mlgraph
from mlgraph import CompetencyGraph, UnknownNodeError


@pytest.mark.parametrize("text", ["python", "Python", "PYTHON", "py", "python 3", "Python-3", "  python   3 "])
def test_resolve_by_id_label_alias_ignoring_case_spacing_punctuation(mini: CompetencyGraph, text: str) -> None:
    node = mini.resolve(text)
    assert (node.id, node.kind, node.label) == ("python", "tool", "Python")


def test_resolve_punctuation_heavy_names(mini: CompetencyGraph) -> None:
    assert mini.resolve("ci cd").id == "ci-cd"
    assert mini.resolve("CI/CD").id == "ci-cd"
    assert mini.resolve("mle").id == "ml-engineer"


def test_unknown_name_suggests(mini: CompetencyGraph) -> None:
    with pytest.raises(UnknownNodeError) as info:
        mini.resolve("pytroch")
    assert info.value.suggestions[0] == "pytorch"
    assert "did you mean" in str(info.value) and "PyTorch" in str(info.value)
    assert isinstance(info.value, mlgraph.MlgraphError)


def test_ambiguous_name_lists_candidates() -> None:
    g = CompetencyGraph.from_records(
        [
            {"id": "spark-streaming", "kind": "tool", "label": "Spark"},
            {"id": "apache-spark", "kind": "tool", "label": "spark"},
        ]
    )
    with pytest.raises(UnknownNodeError, match="ambiguous") as info:
        g.resolve("SPARK")
    assert set(info.value.suggestions) == {"spark-streaming", "apache-spark"}


def test_nodes_by_kind_and_counts(mini: CompetencyGraph) -> None:
    assert {n.id for n in mini.nodes(kind="role")} == {"ml-engineer", "lead-ml-engineer"}
    assert len(mini.nodes()) == len(mini) == 11
    assert mini.count_by_kind() == {"role": 2, "skill": 1, "tool": 3, "concept": 4, "resource": 1}
    with pytest.raises(UnknownNodeError, match="kind"):
        mini.nodes(kind="rol")


def test_prerequisites_direct_and_transitive(mini: CompetencyGraph) -> None:
    assert mini.prerequisites("neural networks") == ["chain-rule", "python"]
    assert mini.prerequisites("pytorch", transitive=True) == [
        "algebra",
        "chain-rule",
        "derivatives",
        "neural-networks",
        "python",
    ]
    assert mini.dependents("neural-networks") == ["pytorch", "tensorflow"]


def test_requirements_carry_importance_and_level(mini: CompetencyGraph) -> None:
    reqs = {r.target: (r.importance, r.level) for r in mini.requirements("ML Engineer")}
    assert reqs == {"python": ("essential", 4), "pytorch": ("essential", 3), "ci-cd": ("optional", 2)}
    assert [r.id for r in mini.requirements("mle", importance="optional")] == ["ci-cd"]


def test_related_is_symmetric(mini: CompetencyGraph) -> None:
    assert mini.related("pytorch") == ["tensorflow"]
    assert mini.related("tf") == ["pytorch"]


def test_progressions_and_resources(mini: CompetencyGraph) -> None:
    assert mini.progressions("ml-engineer") == ["lead-ml-engineer"]
    assert [r.id for r in mini.resources_for("neural networks")] == ["deep-learning-book"]


def test_edges_cite_sources(mini: CompetencyGraph) -> None:
    by_key = {e.key: e for e in mini.edges()}
    assert by_key[("python", "neural-networks", "prerequisite")].sources == ("seed-a",)
    assert by_key[("chain-rule", "neural-networks", "prerequisite")].sources == ("editorial",)


def test_to_networkx_has_relation_on_every_edge_and_node_attributes(mini: CompetencyGraph) -> None:
    G = mini.to_networkx()
    assert G.number_of_nodes() == len(mini)
    assert all(d["relation"] == k for _, _, k, d in G.edges(keys=True, data=True))
    assert G.has_edge("chain-rule", "neural-networks", key="prerequisite")
    assert G.nodes["python"]["kind"] == "tool"
    assert G.nodes["python"]["effort_hours"] == 100
    assert G.nodes["python"]["aliases"] == ["py", "Python 3"]
    assert G.nodes["ml-engineer"]["salaries"][0]["min"] == 70000
    # a copy: editing it leaves the graph alone
    G.remove_node("python")
    assert "python" in mini


def test_from_records_needs_only_the_essentials() -> None:
    g = CompetencyGraph.from_records(
        [{"id": "r", "kind": "role", "label": "R"}, {"id": "s", "kind": "skill", "label": "S"}],
        [{"source": "r", "target": "s", "relation": "requirement"}],
    )
    (req,) = g.requirements("r")
    assert (req.importance, req.level) == ("essential", 3)


def test_equality_ignores_order(mini: CompetencyGraph) -> None:
    nodes, edges, sources = mini.records()
    again = CompetencyGraph.from_records(reversed(nodes), reversed(edges), sources=sources)
    assert again == mini
