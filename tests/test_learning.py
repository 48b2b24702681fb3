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
    assert nn.resources == ("deep-learning-book",)


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
        "Weeks 1-2 (20 h each)\n  - Algebra (20 h)\n\nWeek 3 (20 h)\n  - Derivatives (15 h)\n  - Chain rule (5 h)"
        in out
    )


def test_cli_path_numbered_with_running_total(mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", "pytorch", "--known", "python", "--graph", str(mini_dir)]) == 0
    out = capsys.readouterr().out
    assert "1. Algebra [concept]  40 h  (total 40 h)" in out
    assert "why: Algebra -> Derivatives" in out


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
