"""Learning plans: valid orders of exactly what is needed, known items skipped, hours, schedules, CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mlgraph
from mlgraph import CompetencyGraph, MlgraphError, UnknownNodeError
from mlgraph.cli import main
from mlgraph.plan.learning import check_order, hours_for, learning_order, next_best


@st.composite
def dag_problems(draw: st.DrawFn) -> tuple[list[dict], list[dict], list[str], list[str]]:
    n = draw(st.integers(2, 24))
    ids = [f"n{i:02d}" for i in range(n)]
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3 * n)) if pairs else []
    hours = draw(st.lists(st.integers(0, 50), min_size=n, max_size=n))
    nodes = [
        {"id": i, "kind": "concept", "label": f"Item {i}", "effort_hours": h} for i, h in zip(ids, hours, strict=True)
    ]
    edges = [{"source": ids[i], "target": ids[j], "relation": "prerequisite"} for i, j in chosen]
    targets = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=4, unique=True))
    known = draw(st.lists(st.sampled_from(ids), max_size=4, unique=True))
    return nodes, edges, targets, known


@settings(max_examples=60, deadline=None)
@given(dag_problems(), st.randoms(use_true_random=False))
def test_plan_is_a_valid_order_of_exactly_the_needed_closure(problem, rnd) -> None:  # type: ignore[no-untyped-def]
    nodes, edges, targets, known = problem
    g = CompetencyGraph.from_records(nodes, edges)
    plan = learning_order(g, targets, known=known)
    dag = nx.DiGraph((e["source"], e["target"]) for e in edges)
    dag.add_nodes_from(n["id"] for n in nodes)

    def closure(items: list[str]) -> set[str]:
        out = set(items)
        for i in items:
            out |= nx.ancestors(dag, i)
        return out

    ids = plan.ids
    assert len(ids) == len(set(ids)), "nothing repeats"
    assert set(ids) == closure(targets) - closure(known)
    position = {node_id: n for n, node_id in enumerate(ids)}
    for u, v in dag.edges:
        if u in position and v in position:
            assert position[u] < position[v], f"{u} must come before {v}"
    assert plan.total_hours == pytest.approx(sum(s.effort_hours for s in plan.steps))
    # deterministic: the same answer whatever order the records came in
    rnd.shuffle(nodes)
    rnd.shuffle(edges)
    again = learning_order(CompetencyGraph.from_records(nodes, edges), list(reversed(targets)), known=known)
    assert again.ids == ids


def test_role_stands_for_its_essential_requirements(mini: CompetencyGraph) -> None:
    plan = learning_order(mini, "ML Engineer")
    assert "ci-cd" not in plan  # optional
    # depth-first from the goal nothing else needs (pytorch): each prerequisite just before what needs it,
    # python (asked for, but needed by neural networks) included
    assert plan.ids == ["algebra", "derivatives", "chain-rule", "python", "neural-networks", "pytorch"]
    with_optional = learning_order(mini, "ML Engineer", include_optional=True)
    assert "ci-cd" in with_optional
    position = {s: i for i, s in enumerate(plan.ids)}
    assert position["algebra"] < position["derivatives"] < position["chain-rule"] < position["neural-networks"]
    assert position["python"] < position["neural-networks"] < position["pytorch"]


def test_why_is_the_chain_to_the_target(mini: CompetencyGraph) -> None:
    plan = learning_order(mini, "ML Engineer")
    step = next(s for s in plan.steps if s.id == "derivatives")
    assert step.why == "Derivatives -> Chain rule -> Neural networks -> PyTorch -> Machine Learning Engineer"
    assert step.resources == ()
    nn = next(s for s in plan.steps if s.id == "neural-networks")
    assert [r["id"] for r in nn.resources] == ["deep-learning-book"]
    assert set(nn.resources[0]) == {"id", "label", "type", "url", "effort_hours"}
    assert step.reason == "for Chain rule"
    assert next(s for s in plan.steps if s.id == "pytorch").reason == "required by Machine Learning Engineer"


def test_levels_scale_hours(mini: CompetencyGraph) -> None:
    plan = learning_order(mini, "ML Engineer")
    python = next(s for s in plan.steps if s.id == "python")
    assert python.level == 4 and python.effort_hours == hours_for(100, 4) == 175
    # python known at level 2 of the 4 required: the difference remains, its prerequisites count as known
    partial = learning_order(mini, "ML Engineer", known={"python": 2})
    assert next(s for s in partial.steps if s.id == "python").effort_hours == 125
    assert "python" not in learning_order(mini, "ML Engineer", known={"python": 4})
    assert "python" not in learning_order(mini, "ML Engineer", known=["python"])


def test_knowing_something_implies_its_prerequisites(mini: CompetencyGraph) -> None:
    plan = learning_order(mini, "pytorch", known=["neural networks"])
    assert plan.ids == ["pytorch"]
    assert plan.total_hours == 40


def test_everything_known_gives_an_empty_plan(mini: CompetencyGraph) -> None:
    plan = learning_order(mini, "pytorch", known=["pytorch"])
    assert plan.steps == () and plan.total_hours == 0


def test_unknown_names_suggest(mini: CompetencyGraph) -> None:
    with pytest.raises(UnknownNodeError, match="did you mean"):
        learning_order(mini, "pytroch")
    with pytest.raises(UnknownNodeError, match="did you mean"):
        learning_order(mini, "pytorch", known=["pyhton"])


def test_schedule_respects_order_and_week_size(mini: CompetencyGraph) -> None:
    plan = learning_order(mini, "ML Engineer")
    weeks = plan.schedule(12)
    assert all(w.hours <= 12 + 1e-9 for w in weeks)
    assert sum(w.hours for w in weeks) == pytest.approx(plan.total_hours)
    flat = list(dict.fromkeys(i for w in weeks for i, _, _ in w.items))
    assert flat == plan.ids
    with pytest.raises(MlgraphError):
        plan.schedule(0)


def test_table_has_running_total(mini: CompetencyGraph) -> None:
    table = learning_order(mini, "pytorch").table()
    pd = pytest.importorskip("pandas")
    assert isinstance(table, pd.DataFrame)
    assert table["cumulative_hours"].iloc[-1] == pytest.approx(table["hours"].sum())


def test_profile_file_with_levels_and_bad_names(mini: CompetencyGraph, tmp_path: Path) -> None:
    good = tmp_path / "me.yaml"
    good.write_text("known:\n  - Python\n  - {name: neural networks, level: 2}\n")
    plan = learning_order(mini, "pytorch", known=mlgraph.read_profile(mini, good))
    assert "python" not in plan and next(s for s in plan.steps if s.id == "neural-networks").effort_hours == 15
    bad = tmp_path / "bad.yaml"
    bad.write_text("known:\n  - Python\n  - pytroch\n")
    with pytest.raises(UnknownNodeError, match=r"bad\.yaml:3: no node named 'pytroch' \(did you mean 'PyTorch"):
        mlgraph.read_profile(mini, bad)
    worse = tmp_path / "worse.yaml"
    worse.write_text("known:\n  - {name: python, level: 9}\n")
    with pytest.raises(MlgraphError, match=r"worse\.yaml:2: a level is a whole number from 1 to 5"):
        mlgraph.read_profile(mini, worse)
    with pytest.raises(MlgraphError, match=r"known= got the file .*read_profile"):
        learning_order(mini, "pytorch", known=good)


def test_next_best_only_offers_what_is_ready(mini: CompetencyGraph) -> None:
    best = next_best(mini, known=["python", "algebra"], goal="pytorch")
    assert [s.id for s in best] == ["derivatives"]
    assert best[0].unlocks == ("chain-rule",)
    anywhere = next_best(mini, known=[], top=10)
    assert {s.id for s in anywhere} == {"algebra", "python"}


def test_check_order_reports_misplaced_and_missing(mini: CompetencyGraph) -> None:
    report = check_order(mini, ["python", "pytorch", "neural networks"])
    assert not report.ok
    assert [(i.item, i.prerequisite) for i in report.misplaced] == [("pytorch", "neural-networks")]
    assert report.missing_ids == ["algebra", "chain-rule", "derivatives"]
    assert check_order(mini, ["python", "neural networks", "pytorch"], known=["chain rule"]).ok


def test_bundled_plans_are_sensible() -> None:
    g = mlgraph.load()
    plan = learning_order(g, "Machine Learning Engineer")
    ids = plan.ids
    assert 50 < len(ids) < 400
    pos = {s: i for i, s in enumerate(ids)}
    assert pos["python"] < pos["pytorch"]
    assert pos["linear-algebra"] < pos["neural-networks"]
    assert pos["docker"] < pos["kubernetes"]
    assert 500 < plan.total_hours < 5000
    assert all(s.why.endswith("Machine Learning Engineer") for s in plan.steps if s.kind != "role")


# ---------------------------------------------------------------------------------------------- CLI


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mlgraph", *args], capture_output=True, text=True, check=False)


def test_cli_path_json_shape(mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", "ML Engineer", "--known", "python", "--json", "--graph", str(mini_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["targets"] == ["ml-engineer"]
    assert {"id", "label", "kind", "effort_hours", "why"} <= set(data["steps"][0])
    assert data["total_hours"] == pytest.approx(sum(s["effort_hours"] for s in data["steps"]))
    assert "python" not in [s["id"] for s in data["steps"]]


def test_cli_path_human_with_weeks(mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", "pytorch", "--hours-per-week", "20", "--graph", str(mini_dir)]) == 0
    out = capsys.readouterr().out
    assert "Learning plan for PyTorch: 6 steps, 230 hours" in out
    assert (
        "Weeks 1-2 (20 h each)\n  Stage 1: Basics\n  - Algebra (20 h)\n\nWeek 3 (20 h)\n  - Derivatives (15 h)\n"
        "  - Chain rule (5 h)" in out
    )


def test_cli_path_numbered_with_running_total(mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", "pytorch", "--known", "python", "--graph", str(mini_dir)]) == 0
    out = capsys.readouterr().out
    assert "1. Algebra [concept, L3]  40 h  (total 40 h)" in out
    assert "why: for Derivatives" in out


def test_cli_misspelt_target_and_known_exit_2(mini_dir: Path) -> None:
    for args in (["path", "pytroch"], ["path", "pytorch", "--known", "pyhton"]):
        out = run(*args, "--graph", str(mini_dir))
        assert out.returncode == 2, out.stderr
        assert "did you mean" in out.stderr and "Traceback" not in out.stderr


def test_cli_check_order_file(mini_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = tmp_path / "course.txt"
    course.write_text("# my course\npython\npytorch\n\nneural networks\n")
    assert main(["check-order", str(course), "--graph", str(mini_dir)]) == 1
    out = capsys.readouterr().out
    assert "pytorch (#2) comes before its prerequisite neural-networks (#3)" in out
    course.write_text("python\npytroch\n")
    assert main(["check-order", str(course), "--graph", str(mini_dir)]) == 2
    assert "course.txt:2: no node named 'pytroch'" in capsys.readouterr().err


def test_cli_next(mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["next", "--known", "python", "algebra", "--goal", "pytorch", "--graph", str(mini_dir)]) == 0
    assert "1. Derivatives" in capsys.readouterr().out


# ---------------------------------------------------------------------------------------------- hierarchy


def _concept(node_id: str, hours: float = 10, area: str | None = None) -> dict:
    node = {"id": node_id, "kind": "concept", "label": node_id.replace("-", " ").capitalize(), "effort_hours": hours}
    if area:
        node["area"] = area
    return node


def _edge(source: str, target: str, relation: str = "prerequisite", **extra: object) -> dict:
    return {"source": source, "target": target, "relation": relation, **extra}


@pytest.fixture(scope="module")
def tree() -> CompetencyGraph:
    """calculus -> backprop -> {cnn, rnn} (core parts of deep-learning), gans (a non-core part); deploy needs
    deep-learning; a role asks deep learning at level 4 and statistics (umbrella of mean, variance) at level 2."""
    nodes = [
        _concept("calculus", 40, "math"),
        _concept("backprop", 10, "deep-learning"),
        _concept("cnn", 20, "deep-learning"),
        _concept("rnn", 20, "deep-learning"),
        _concept("gans", 20, "llm"),
        _concept("deep-learning", 8, "deep-learning"),
        _concept("deploy", 30, "mlops"),
        _concept("mean", 4, "statistics"),
        _concept("variance", 4, "statistics"),
        _concept("statistics", 6, "statistics"),
        {"id": "dl-engineer", "kind": "role", "label": "DL engineer"},
    ]
    edges = [
        _edge("calculus", "backprop"),
        _edge("backprop", "cnn"),
        _edge("backprop", "rnn"),
        _edge("backprop", "gans"),
        _edge("deep-learning", "deploy"),
        _edge("cnn", "deep-learning", "broader"),
        _edge("rnn", "deep-learning", "broader"),
        _edge("gans", "deep-learning", "broader", importance="optional"),
        _edge("mean", "statistics", "broader"),
        _edge("variance", "statistics", "broader"),
        _edge("mean", "variance"),
        _edge("dl-engineer", "deep-learning", "requirement", importance="essential", level=4),
        _edge("dl-engineer", "statistics", "requirement", importance="essential", level=2),
    ]
    return CompetencyGraph.from_records(nodes, edges)


def test_an_umbrella_stands_for_its_core_parts(tree: CompetencyGraph) -> None:
    plan = learning_order(tree, "deep-learning")
    assert plan.ids == ["calculus", "backprop", "cnn", "rnn", "deep-learning"]  # parts first, not the non-core gans
    assert next(s for s in plan.steps if s.id == "deep-learning").umbrella
    # something that builds on the umbrella gets the parts too, the umbrella right after them
    assert learning_order(tree, "deploy").ids == ["calculus", "backprop", "cnn", "rnn", "deep-learning", "deploy"]


def test_level_rule_for_umbrellas(tree: CompetencyGraph) -> None:
    plan = learning_order(tree, "DL engineer")
    level = {s.id: s.level for s in plan.steps}
    hours = {s.id: s.effort_hours for s in plan.steps}
    # asked at 4: the parts at working level 3, the umbrella's own (tying) hours at 4
    assert level["deep-learning"] == 4 and level["cnn"] == level["rnn"] == 3
    assert hours["deep-learning"] == hours_for(8, 4) and hours["cnn"] == 20
    # asked at 2: the parts at basic level 2
    assert level["statistics"] == level["mean"] == level["variance"] == 2
    assert hours["mean"] == hours_for(4, 2) == 2
    assert next(s for s in plan.steps if s.id == "cnn").why.endswith("Deep learning -> DL engineer")


def test_a_known_umbrella_means_its_parts(tree: CompetencyGraph) -> None:
    assert learning_order(tree, "deploy", known=["deep learning"]).ids == ["deploy"]
    assert "cnn" not in learning_order(tree, "rnn", known=["deep learning"])
    # known at basic level only: the parts count at level 2, the umbrella asked at 3 is planned for the rest
    partial = learning_order(tree, "deep-learning", known={"deep-learning": 2})
    assert next(s for s in partial.steps if s.id == "cnn").effort_hours == hours_for(20, 3, 2)


@st.composite
def hierarchy_problems(draw: st.DrawFn) -> tuple[list[dict], list[dict], list[str], list[str]]:
    nodes, edges, targets, known = draw(dag_problems())
    n = len(nodes)
    areas = draw(st.lists(st.sampled_from(["math", "ml", "mlops", "data", "unlisted"]), min_size=n, max_size=n))
    for node, area in zip(nodes, areas, strict=True):
        node["area"] = area
    # broader edges go from a lower index to a higher one, like prerequisites: together they stay acyclic
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    prereq = {(e["source"], e["target"]) for e in edges}
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=n)) if pairs else []
    for i, j in chosen:
        a, b = nodes[i]["id"], nodes[j]["id"]
        if (a, b) not in prereq:
            edges.append(_edge(a, b, "broader", importance=draw(st.sampled_from(["essential", "optional"]))))
    return nodes, edges, targets, known


@settings(max_examples=50, deadline=None)
@given(hierarchy_problems(), st.randoms(use_true_random=False))
def test_plans_with_a_hierarchy_are_valid_orders(problem, rnd) -> None:  # type: ignore[no-untyped-def]
    nodes, edges, targets, known = problem
    g = CompetencyGraph.from_records(nodes, edges)
    plan = learning_order(g, targets, known=known)
    # the oracle: networkx on prerequisites plus core part -> umbrella
    dag = nx.DiGraph()
    dag.add_nodes_from(n["id"] for n in nodes)
    dag.add_edges_from(
        (e["source"], e["target"])
        for e in edges
        if e["relation"] == "prerequisite" or e.get("importance", "essential") == "essential"
    )
    assert nx.is_directed_acyclic_graph(dag)
    ids = plan.ids
    assert len(ids) == len(set(ids))
    need = set(targets).union(*(nx.ancestors(dag, t) for t in targets))
    have = set(known).union(*(nx.ancestors(dag, k) for k in known))
    assert set(ids) == need - have
    position = {node_id: n for n, node_id in enumerate(ids)}
    assert all(position[u] < position[v] for u, v in dag.edges if u in position and v in position)
    assert [s for stage in plan.stages for s in stage.steps] == list(plan.steps)
    rnd.shuffle(nodes)
    rnd.shuffle(edges)
    assert learning_order(CompetencyGraph.from_records(nodes, edges), targets[::-1], known=known).ids == ids


def test_stages_follow_areas_and_cover_the_plan(tree: CompetencyGraph) -> None:
    plan = learning_order(tree, "deploy")
    stages = plan.stages
    assert [s for stage in stages for s in stage.steps] == list(plan.steps)
    assert sum(stage.hours for stage in stages) == pytest.approx(plan.total_hours)
    data = plan.to_dict()
    assert [st["title"] for st in data["stages"]] == [stage.title for stage in stages]
    assert [s["id"] for st in data["stages"] for s in st["steps"]] == [s["id"] for s in data["steps"]]
    from mlgraph.model.areas import AREAS

    titles = set(AREAS.values())
    for stage in stages:
        for part in stage.title.split(":")[0].removesuffix(" (continued)").split(" & "):
            assert part[:1].upper() + part[1:] in titles, stage.title


# ---------------------------------------------------------------------------------------------- bundled plans

ROLES = ("Machine Learning Engineer", "MLOps Engineer", "Data Scientist", "NLP Engineer", "AI Engineer", "Data Analyst")


@pytest.fixture(scope="module")
def bundled() -> CompetencyGraph:
    return mlgraph.load()


def test_bundled_plans_keep_prerequisites_just_in_time(bundled: CompetencyGraph) -> None:
    from mlgraph.plan.order import order_quality

    gaps = []
    for role in ROLES:
        plan = learning_order(bundled, role)
        q = order_quality(bundled, plan.ids)
        gaps.append(q.mean_first_use_gap)
        assert q.max_composite_gap <= 15, f"{role}: {q.worst_composite} comes {q.max_composite_gap} steps late"
        assert 6 <= len(plan.stages) <= 15 or len(plan) < 40, f"{role}: {len(plan.stages)} stages"
    assert sum(gaps) / len(gaps) <= 5, gaps


def test_bundled_mle_plan_covers_the_field(bundled: CompetencyGraph) -> None:
    ids = set(learning_order(bundled, "Machine Learning Engineer").ids)
    for name in (
        "convolutional neural networks",
        "recurrent neural networks",
        "transformers",
        "clustering",
        "principal component analysis",
        "embeddings",
    ):
        assert bundled.id_of(name) in ids, name


def test_bundled_umbrellas_are_not_prerequisites_of_their_parts(bundled: CompetencyGraph) -> None:
    from mlgraph.plan.order import plan_index

    assert plan_index(bundled).conflicts == []


def test_resources_best_first(bundled: CompetencyGraph) -> None:
    plan = learning_order(bundled, "pytorch", known=["python"])
    taught = [s for s in plan.steps if s.resources]
    assert taught, "some step has a resource"
    teaches = bundled.adjacency("teaches")
    from mlgraph.plan.stages import RESOURCE_TYPE_ORDER

    rank = {t: n for n, t in enumerate(RESOURCE_TYPE_ORDER)}
    for s in taught:
        # courses and books before websites, platforms and communities; then the most focused first
        keys = [(rank.get(r["type"], len(rank)), len(teaches[r["id"]])) for r in s.resources]
        assert keys == sorted(keys)
        assert all(s.id in teaches[r["id"]] for r in s.resources)


def test_next_best_breaks_ties_by_plan_order(mini: CompetencyGraph) -> None:
    best = next_best(mini, known=[], goal="ML Engineer", top=2)
    plan = learning_order(mini, "ML Engineer").ids
    if best[0].score == best[1].score:
        assert plan.index(best[0].id) < plan.index(best[1].id)


def test_known_role_and_resource(mini: CompetencyGraph) -> None:
    # a role known stands for its essential requirements at their levels; a resource for what it teaches
    assert learning_order(mini, "pytorch", known=["ML Engineer"]).ids == []
    assert "neural-networks" not in learning_order(mini, "pytorch", known=["Deep Learning (book)"])


# ---------------------------------------------------------------------------------------------- CLI output


def test_cli_path_prints_stages_levels_reasons_and_resources(
    mini_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["path", "ML Engineer", "--graph", str(mini_dir)]) == 0
    out = capsys.readouterr().out
    assert "L1-L5: the level each step takes you to" in out and out.count("L1-L5") == 1
    assert "\nStage 1: " in out
    assert "why: for Chain rule" in out
    assert "learn: Deep Learning (book)" in out
    assert "[tool, L4]" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hours-per-week", "0"], "hours a week"),
        (["--hours-per-week", "-5"], "hours a week"),
        (["--hours-per-week", "nan"], "hours a week"),
        (["--hours-per-week", "inf"], "hours a week"),
        (["--hours-per-week", "1e-300"], "hours a week"),
        (["--hours-per-week", "101"], "hours a week"),
        (["--format", "pdf"], "invalid choice"),
        (["-o", "plan.txt"], ".md or .csv"),
        (["--json", "--format", "md"], "alternatives"),
    ],
)
def test_cli_path_refuses_bad_arguments_before_output(mini_dir: Path, args: list[str], message: str) -> None:
    out = run("path", "pytorch", *args, "--graph", str(mini_dir))
    assert out.returncode == 2, out.stderr
    assert out.stdout == "" and message in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("top", ["0", "-1", "101", "x"])
def test_cli_next_top_is_bounded(mini_dir: Path, top: str) -> None:
    out = run("next", "--top", top, "--graph", str(mini_dir))
    assert out.returncode == 2 and out.stdout == ""


def test_cli_weeks_are_singular_and_keep_stage_titles(mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", "chain rule", "--known", "algebra", "--hours-per-week", "30", "--graph", str(mini_dir)]) == 0
    out = capsys.readouterr().out
    assert "1 week at 30 hours a week" in out and "1 weeks" not in out
    assert "  Stage 1: " in out


def test_cli_hours_are_whole_or_half(tree: CompetencyGraph) -> None:
    from mlgraph.cli.learning import hours_text

    assert [hours_text(h) for h in (2.25, 2.76, 0.2, 1500.4)] == ["2.5 h", "3 h", "0.5 h", "1,500.5 h"]


def test_cli_repeated_profiles_merge(mini_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("known:\n  - {name: python, level: 2}\n")
    b.write_text("known:\n  - {name: python, level: 4}\n  - algebra\n")
    assert (
        main(["path", "ML Engineer", "--profile", str(a), "--profile", str(b), "--json", "--graph", str(mini_dir)]) == 0
    )
    ids = [s["id"] for s in json.loads(capsys.readouterr().out)["steps"]]
    assert "python" not in ids and "algebra" not in ids  # b's level 4 wins over a's 2; a's items stay


def test_cli_known_role_is_its_requirements(mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", "pytorch", "--known", "ML Engineer", "--graph", str(mini_dir)]) == 0
    out = capsys.readouterr().out
    assert "known: Machine Learning Engineer" in out and "Nothing to learn" in out


def test_cli_export_markdown_and_csv(mini_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv

    md, table = tmp_path / "plan.md", tmp_path / "plan.csv"
    assert main(["path", "ML Engineer", "-o", str(md), "--graph", str(mini_dir)]) == 0
    assert main(["path", "ML Engineer", "-o", str(table), "--graph", str(mini_dir)]) == 0
    assert "plan written to" in capsys.readouterr().out
    text = md.read_text()
    assert text.startswith("# Learning plan for Machine Learning Engineer") and "\n## Stage 1: " in text
    assert "[Deep Learning (book)]" not in text or "(http" in text
    rows = list(csv.DictReader(table.open()))
    assert [r["id"] for r in rows][-1] == "pytorch"
    assert float(rows[-1]["cumulative_hours"]) == pytest.approx(sum(float(r["hours"]) for r in rows))
    assert main(["path", "ML Engineer", "--format", "csv", "--graph", str(mini_dir)]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("step,stage,id,label")


def test_readme_level_table_matches_the_code() -> None:
    from mlgraph.plan.learning import LEVEL_FACTOR

    text = (Path(__file__).parents[1] / "ontology" / "README.md").read_text()
    row = next(line for line in text.splitlines() if line.startswith("| share of `effort_hours`"))
    shares = [float(cell) for cell in row.strip("|").split("|")[1:]]
    assert shares == [LEVEL_FACTOR[level] for level in range(1, 6)]


def test_check_order_reports_repeats_and_bounds_its_input(
    mini_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = check_order(mlgraph.load(mini_dir), ["python", "py", "algebra", "Python 3"])
    assert not report.ok
    assert [str(i) for i in report.repeated] == ["py (#2) repeats python (#1)", "Python 3 (#4) repeats python (#1)"]
    course = tmp_path / "course.txt"
    course.write_text("algebra\nalgebra\n")
    assert main(["check-order", str(course), "--graph", str(mini_dir)]) == 1
    assert "algebra (#2) repeats algebra (#1)" in capsys.readouterr().out
    course.write_text("x" * 5000 + "\n")
    out = run("check-order", str(course), "--graph", str(mini_dir))
    assert out.returncode == 1 and "line of 5,000 characters" in out.stderr and len(out.stderr) < 400
    out = run("check-order", "/dev/zero", "--graph", str(mini_dir))
    assert out.returncode == 1 and "larger than 1 MB" in out.stderr


def test_check_order_allows_an_overview_before_the_parts(tree: CompetencyGraph) -> None:
    report = check_order(tree, ["calculus", "backprop", "deep-learning", "cnn", "rnn"])
    assert report.ok, report.to_dict()


def test_cli_week_size_is_taken_to_the_half_hour(mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", "chain rule", "--known", "algebra", "--hours-per-week", "12.3", "--graph", str(mini_dir)]) == 0
    out = capsys.readouterr().out
    assert "2 weeks at 12.5 hours a week (12.3 taken to the half hour)" in out
