"""Role transitions: gap, carry-over, plan and hours; the matrix agreeing with every pair; rankings, routes, CLI.

The content checks at the end are what users test first on the bundled graph: the move to the same role is
empty, moving down a ladder is cheaper than moving up it, data scientist -> ML engineer is mostly deployment,
MLOps and software engineering, software engineer -> ML engineer is mostly ML and its mathematics.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import mlgraph
from mlgraph import CompetencyGraph, MlgraphError, UnknownNodeError
from mlgraph.cli import main
from mlgraph.plan.learning import hours_for, learning_order
from mlgraph.plan.transitions import (
    career_paths,
    rank_transitions,
    role_overlap,
    transition,
    transition_matrix,
)

# ---------------------------------------------------------------------------------------------- small graphs


def small_graph(**salaries: list[dict[str, Any]]) -> CompetencyGraph:
    """algebra -> calculus -> deep-learning <- python; docker alone. Roles: analyst, scientist, engineer."""
    nodes = [
        {"id": "algebra", "kind": "concept", "label": "Algebra", "effort_hours": 40},
        {"id": "calculus", "kind": "concept", "label": "Calculus", "effort_hours": 30},
        {"id": "python", "kind": "tool", "label": "Python", "effort_hours": 40},
        {"id": "deep-learning", "kind": "concept", "label": "Deep learning", "effort_hours": 20},
        {"id": "docker", "kind": "tool", "label": "Docker", "effort_hours": 10},
        {"id": "analyst", "kind": "role", "label": "Analyst", "salaries": salaries.get("analyst", [])},
        {"id": "scientist", "kind": "role", "label": "Scientist", "salaries": salaries.get("scientist", [])},
        {"id": "engineer", "kind": "role", "label": "Engineer"},
    ]
    req = "requirement"
    edges = [
        {"source": "algebra", "target": "calculus", "relation": "prerequisite"},
        {"source": "calculus", "target": "deep-learning", "relation": "prerequisite"},
        {"source": "python", "target": "deep-learning", "relation": "prerequisite"},
        {"source": "analyst", "target": "python", "relation": req, "level": 2},
        {"source": "analyst", "target": "algebra", "relation": req, "level": 3},
        {"source": "scientist", "target": "python", "relation": req, "level": 4},
        {"source": "scientist", "target": "deep-learning", "relation": req, "level": 3},
        {"source": "scientist", "target": "docker", "relation": req, "level": 2, "importance": "optional"},
        {"source": "engineer", "target": "docker", "relation": req, "level": 4},
        {"source": "engineer", "target": "python", "relation": req, "level": 3},
        {"source": "analyst", "target": "scientist", "relation": "progression"},
    ]
    return CompetencyGraph.from_records(nodes, edges)


def test_a_lower_level_does_not_cover_a_higher_one_and_the_step_costs_the_difference() -> None:
    g = small_graph()
    move = transition(g, "analyst", "scientist")
    python = next(i for i in move.gap if i.id == "python")
    assert (python.current_level, python.level) == (2, 4)
    assert python.hours == hours_for(40, 4, known_level=2) == 50.0  # 40 h * (1.75 - 0.5)
    step = next(s for s in move.steps if s.id == "python")
    assert step.effort_hours == python.hours and step.level == 4
    # algebra (known at 3) implies nothing more; calculus is a prerequisite the analyst lacks
    assert [s.id for s in move.steps] == ["calculus", "python", "deep-learning"]
    assert move.total_hours == 30 + 50 + 20
    assert [i.id for i in move.shared] == []
    assert {i.id for i in move.gap} == {"python", "deep-learning"}


def test_a_higher_level_covers_a_lower_one() -> None:
    g = small_graph()
    move = transition(g, "scientist", "engineer")
    assert [(i.id, i.current_level, i.level) for i in move.shared] == [("python", 4, 3)]
    docker = next(i for i in move.gap if i.id == "docker")
    assert (docker.current_level, docker.level, docker.hours) == (2, 4, hours_for(10, 4, known_level=2))


def test_known_items_add_to_the_source_role() -> None:
    g = small_graph()
    base = transition(g, "analyst", "scientist")
    with_python = transition(g, "analyst", "scientist", known={"python": 4})
    assert "python" not in with_python.plan and "python" in base.plan
    assert with_python.total_hours == base.total_hours - 50
    assert ("python", 4) in [(i.id, i.current_level) for i in with_python.shared]
    # a name without a level covers every level, and knowing deep learning implies its prerequisites
    assert transition(g, "analyst", "scientist", known=["deep learning", "python"]).total_hours == 0
    # a lower level than the role's own does not lower it
    assert transition(g, "analyst", "scientist", known={"algebra": 1}).total_hours == base.total_hours
    # unknown names fail like everywhere else
    with pytest.raises(UnknownNodeError, match="did you mean"):
        transition(g, "analyst", "scientist", known=["pythn"])


def test_the_move_to_the_same_role_is_empty() -> None:
    g = small_graph()
    for role in ("analyst", "scientist", "engineer"):
        for optional in (False, True):
            move = transition(g, role, role, include_optional=optional)
            assert move.gap == () and move.steps == () and move.total_hours == 0.0
            assert move.overlap == 1.0
            wanted = {r.target for r in g.requirements(role) if optional or r.importance == "essential"}
            assert {i.id for i in move.shared} == wanted


def test_moves_are_asymmetric() -> None:
    g = small_graph()
    up, down = transition(g, "analyst", "scientist"), transition(g, "scientist", "analyst")
    assert up.total_hours > down.total_hours
    assert up.overlap == down.overlap == role_overlap(g, "analyst", "scientist")
    # scientist knows deep learning at level 3: algebra is implied, python 4 covers python 2
    assert down.total_hours == 0


def test_optional_requirements_count_only_when_asked() -> None:
    g = small_graph()
    assert "docker" not in {i.id for i in transition(g, "engineer", "scientist").gap}
    assert "docker" in {i.id for i in transition(g, "analyst", "scientist", include_optional=True).gap}


def test_overlap_is_the_weighted_jaccard_of_the_requirements() -> None:
    g = small_graph()
    # analyst: python 2, algebra 3; scientist: python 4, deep-learning 3, docker 0.5 * 2
    assert role_overlap(g, "analyst", "scientist") == round(2 / (4 + 3 + 3 + 1), 4)
    assert role_overlap(g, "analyst", "engineer") == round(2 / (3 + 3 + 4), 4)


def test_salary_change_only_between_figures_of_the_same_source() -> None:
    a = [
        {"min": 50000, "max": 60000, "seniority": "entry", "source": "s1"},
        {"min": 70000, "max": 80000, "seniority": "mid", "source": "s1"},
        {"min": 55000, "source": "s2"},
    ]
    b = [
        {"min": 90000, "max": 120000, "seniority": "mid", "source": "s1"},
        {"min": 99000, "max": 130000, "seniority": "mid", "source": "s3"},
    ]
    g = small_graph(analyst=a, scientist=b)
    [change] = transition(g, "analyst", "scientist").salary
    assert (change.source, change.seniority) == ("s1", "mid")
    assert (change.change_min, change.change_max) == (20000, 40000)
    assert change.to_dict()["from"] == [70000, 80000]
    assert transition(g, "analyst", "engineer").salary == ()


def test_a_name_that_is_not_a_role_is_refused() -> None:
    g = small_graph()
    with pytest.raises(UnknownNodeError, match="no role named 'python'"):
        transition(g, "python", "engineer")
    with pytest.raises(UnknownNodeError, match="did you mean"):
        rank_transitions(g, "analist")


def test_a_requirement_held_below_working_level_needs_no_prerequisites_the_plan_does_not_otherwise_need() -> None:
    """The edge case of learning_order the matrix reproduces: knowing linear algebra at level 2 is enough for a
    role asking level 2, so algebra (its prerequisite, at working level) is left out, unless something else in
    the plan needs it."""
    nodes = [
        {"id": "algebra", "kind": "concept", "label": "Algebra", "effort_hours": 40},
        {"id": "linear-algebra", "kind": "concept", "label": "Linear algebra", "effort_hours": 30},
        {"id": "calculus", "kind": "concept", "label": "Calculus", "effort_hours": 30},
        {"id": "a", "kind": "role", "label": "A"},
        {"id": "b", "kind": "role", "label": "B"},
        {"id": "c", "kind": "role", "label": "C"},
    ]
    req = "requirement"
    edges = [
        {"source": "algebra", "target": "linear-algebra", "relation": "prerequisite"},
        {"source": "algebra", "target": "calculus", "relation": "prerequisite"},
        {"source": "a", "target": "linear-algebra", "relation": req, "level": 2},
        {"source": "b", "target": "linear-algebra", "relation": req, "level": 2},
        {"source": "c", "target": "linear-algebra", "relation": req, "level": 2},
        {"source": "c", "target": "calculus", "relation": req, "level": 3},
    ]
    g = CompetencyGraph.from_records(nodes, edges)
    assert learning_order(g, "b").ids == ["algebra", "linear-algebra"]
    assert transition(g, "a", "b").total_hours == 0
    to_c = transition(g, "a", "c")
    assert to_c.plan.ids == ["algebra", "calculus"] and to_c.total_hours == 70
    m = transition_matrix(g)
    assert (m.loc["a", "b"], m.loc["a", "c"], m.loc["b", "a"]) == (0, 70, 0)


# ---------------------------------------------------------------------------------------------- matrix = pairs


def assert_matrix_matches_pairs(g: CompetencyGraph) -> None:
    roles = [r.id for r in g.nodes(kind="role")]
    for optional in (False, True):
        m = transition_matrix(g, include_optional=optional)
        assert list(m.index) == roles and list(m.columns) == roles
        for a in roles:
            for b in roles:
                pair = transition(g, a, b, include_optional=optional, with_resources=False).total_hours
                assert m.loc[a, b] == pair, f"{a} -> {b} (optional={optional}): {m.loc[a, b]} != {pair}"


def test_matrix_equals_every_pair_on_the_bundled_graph() -> None:
    assert_matrix_matches_pairs(mlgraph.load())


@st.composite
def role_graphs(draw: st.DrawFn) -> CompetencyGraph:
    n = draw(st.integers(1, 18))
    ids = [f"c{i:02d}" for i in range(n)]
    efforts = st.sampled_from([0, 2.5, 3, 7.5, 10, 12.5, 40, 2.25, 33.3])
    nodes: list[dict[str, Any]] = [
        {"id": i, "kind": "concept", "label": f"C {i}", "effort_hours": draw(efforts)} for i in ids
    ]
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2 * n)) if pairs else []
    edges: list[dict[str, Any]] = [{"source": ids[i], "target": ids[j], "relation": "prerequisite"} for i, j in chosen]
    for r in range(draw(st.integers(1, 5))):
        nodes.append({"id": f"r{r}", "kind": "role", "label": f"Role {r}"})
        for c in draw(st.lists(st.sampled_from(ids), unique=True, max_size=8)):
            edges.append(
                {
                    "source": f"r{r}",
                    "target": c,
                    "relation": "requirement",
                    "level": draw(st.integers(1, 5)),
                    "importance": draw(st.sampled_from(["essential", "essential", "optional"])),
                }
            )
    return CompetencyGraph.from_records(nodes, edges)


@settings(max_examples=25, deadline=None)
@given(role_graphs())
def test_matrix_equals_every_pair_on_random_graphs(g: CompetencyGraph) -> None:
    assert_matrix_matches_pairs(g)


@pytest.mark.parametrize("share", [0.0, 1.0])
def test_matrix_with_every_or_no_column_dense_equals_every_pair(monkeypatch: pytest.MonkeyPatch, share: float) -> None:
    """The dense (BLAS) part of the products, used for the columns many pairs share, forced on (and off)."""
    from mlgraph.plan import moves

    monkeypatch.setattr(moves, "DENSE_SHARE", share)
    nodes, edges, sources = mlgraph.load().records()
    g = CompetencyGraph.from_records(nodes, edges, sources=sources)  # a fresh graph: nothing cached yet
    assert (moves.move_index(g).dense_x.shape[1] > 0) == (share == 0.0)
    assert_matrix_matches_pairs(g)


@settings(max_examples=15, deadline=None)
@given(role_graphs())
def test_rankings_equal_sorting_every_move_by_hand(g: CompetencyGraph) -> None:
    """Rankings against an independent computation: every move's plan, sorted by (hours, -overlap, id)."""
    roles = [r.id for r in g.nodes(kind="role")]
    for into in (False, True):
        for role in roles:
            moves = [(o, role) if into else (role, o) for o in roles if o != role]
            by_hand = sorted(
                (transition(g, a, b, with_resources=False).total_hours, -transition(g, a, b).overlap, a if into else b)
                for a, b in moves
            )
            ranked = rank_transitions(g, role, top=None, into=into)
            assert [(r.total_hours, -r.overlap, r.from_ if into else r.to) for r in ranked] == by_hand


def test_many_rankings_read_one_cached_matrix_and_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    from mlgraph.plan import moves

    nodes, edges, sources = mlgraph.load().records()
    g = CompetencyGraph.from_records(nodes, edges, sources=sources)
    roles = [r.id for r in g.nodes(kind="role")]
    first = {r: rank_transitions(g, r, top=None) for r in roles[:3]}
    monkeypatch.setattr(moves, "CACHE_AFTER", 0)
    again = {r: rank_transitions(g, r, top=None) for r in roles[:3]}
    assert moves.move_index(g)._whole is not None
    assert first == again


def test_a_penalty_reorders_by_score_and_a_similarity_breaks_ties() -> None:
    g = small_graph()
    plain = rank_transitions(g, "analyst", top=None)
    assert all(r.score == r.total_hours and r.similarity == r.overlap for r in plain)

    def against(g: CompetencyGraph, a: list[str], b: list[str], hours: np.ndarray) -> np.ndarray:
        assert a == ["analyst"] * len(b) and len(hours) == len(b)
        return np.array([1000.0 if x == plain[0].to else 0.0 for x in b])

    penalised = rank_transitions(g, "analyst", top=None, penalty=against)
    assert penalised[-1].to == plain[0].to and penalised[-1].score == plain[0].total_hours + 1000
    assert [r.total_hours for r in penalised if r.to == plain[0].to] == [plain[0].total_hours]
    same = rank_transitions(g, "analyst", top=None, penalty=lambda g, a, b, h: -h)  # every score 0: ties
    assert [r.to for r in same] == [r.to for r in sorted(plain, key=lambda r: (-r.overlap, r.to))]
    flipped = rank_transitions(
        g,
        "analyst",
        top=None,
        penalty=lambda g, a, b, h: -h,
        similarity=lambda g, a, b: [float(x == "engineer") for x in b],
    )
    assert flipped[0].to == "engineer" and flipped[0].similarity == 1.0
    with pytest.raises(MlgraphError, match="2 pairs"):
        rank_transitions(g, "analyst", penalty=lambda g, a, b, h: [1.0])


def test_matrix_of_some_roles_keeps_their_order() -> None:
    g = mlgraph.load()
    full = transition_matrix(g)
    some = transition_matrix(g, ["MLE", "Data Scientist", "MLE"])
    ids = ["machine-learning-engineer", "data-scientist", "machine-learning-engineer"]
    assert list(some.index) == ids and list(some.columns) == ids
    assert (some.to_numpy() == full.loc[ids, ids].to_numpy()).all()


def test_matrix_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    g = small_graph()
    m = transition_matrix(g)
    assert m.roles == ("analyst", "scientist", "engineer")
    assert isinstance(m.hours, np.ndarray) and m.hours[0, 1] == transition(g, "analyst", "scientist").total_hours


# ---------------------------------------------------------------------------------------------- rankings, routes


def test_rank_transitions_orders_by_hours_then_overlap() -> None:
    g = mlgraph.load()
    m = transition_matrix(g)
    ranked = rank_transitions(g, "Data Scientist", top=None)
    assert [r.from_ for r in ranked] == ["data-scientist"] * (len(m) - 1)
    assert "data-scientist" not in [r.to for r in ranked]
    keys = [(r.total_hours, -r.overlap) for r in ranked]
    assert keys == sorted(keys)
    for r in ranked:
        assert r.total_hours == m.loc["data-scientist", r.to]
        assert r.overlap == role_overlap(g, "data-scientist", r.to)
    assert [r.to for r in rank_transitions(g, "Data Scientist", top=3)] == [r.to for r in ranked[:3]]


def test_rank_transitions_into_a_role() -> None:
    g = mlgraph.load()
    m = transition_matrix(g)
    ranked = rank_transitions(g, "MLE", top=None, into=True)
    assert {r.to for r in ranked} == {"machine-learning-engineer"}
    assert [r.total_hours for r in ranked] == sorted(r.total_hours for r in ranked)
    for r in ranked:
        assert r.total_hours == m.loc[r.from_, "machine-learning-engineer"]
    zero = [r for r in ranked if r.total_hours == ranked[0].total_hours]
    assert [r.overlap for r in zero] == sorted((r.overlap for r in zero), reverse=True)  # ties: the closest first


def test_career_paths_are_distinct_simple_routes_cheapest_first() -> None:
    g = mlgraph.load()
    m = transition_matrix(g)
    paths = career_paths(g, "Data Analyst", "Head of AI", k=4)
    assert len(paths) == 4
    assert len({p.roles for p in paths}) == 4
    assert [p.total_hours for p in paths] == sorted(p.total_hours for p in paths)
    for p in paths:
        assert p.roles[0] == "data-analyst" and p.roles[-1] == "head-of-ai"
        assert len(set(p.roles)) == len(p.roles)
        assert len(p.hours) == len(p.roles) - 1 == len(p.progressions)
        assert list(p.hours) == [m.loc[u, v] for u, v in zip(p.roles, p.roles[1:], strict=False)]
        assert p.to_dict()["total_hours"] == p.total_hours
    indirect = career_paths(g, "Data Analyst", "Head of AI", k=3, direct=False)
    assert all(len(p.roles) > 2 for p in indirect)
    assert career_paths(g, "MLE", "MLE") == [career_paths(g, "MLE", "MLE")[0]]


def test_career_paths_prefer_the_ladder_on_ties() -> None:
    g = small_graph()
    # analyst -> scientist is a progression; with a discount it ranks first even against a cheaper hop
    paths = career_paths(g, "analyst", "scientist", k=2, progression_discount=0.9)
    assert paths[0].roles == ("analyst", "scientist") and paths[0].progressions == (True,)


# ---------------------------------------------------------------------------------------------- CLI


def test_cli_transition_human(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transition", "Data Scientist", "ML Engineer"]) == 0
    out = capsys.readouterr().out
    move = transition(mlgraph.load(), "data-scientist", "machine-learning-engineer")
    assert out.startswith(f"Data Scientist -> Machine Learning Engineer: {move.total_hours:,.0f} hours")
    assert "Carries over" in out and "Gap" in out and "Docker" in out and "Learning order" in out


def test_cli_transition_json_shape(mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transition", "MLE", "lead ml engineer", "--json", "--graph", str(mini_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["from", "to", "overlap", "shared", "gap", "steps", "total_hours"]
    assert (data["from"], data["to"]) == ("ml-engineer", "lead-ml-engineer")
    assert [i["id"] for i in data["gap"]] == ["pytorch"] and data["gap"][0]["current_level"] == 3
    assert [s["id"] for s in data["steps"]] == ["pytorch"]
    assert data["total_hours"] == data["steps"][0]["effort_hours"] > 0
    assert isinstance(data["shared"], list) and 0 < data["overlap"] < 1


def test_cli_transition_with_known_and_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text("known:\n  - {name: docker, level: 4}\n")
    assert main(["transition", "DS", "MLE", "--json"]) == 0
    base = json.loads(capsys.readouterr().out)["total_hours"]
    assert main(["transition", "DS", "MLE", "--json", "--profile", str(profile), "--known", "kubernetes"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total_hours"] < base
    assert {"docker", "kubernetes"} <= {i["id"] for i in data["shared"]}


def test_cli_nearest_and_career(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nearest", "Data Analyst", "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Easiest moves from Data Analyst:")
    assert [line[:3] for line in out.splitlines()[1:4]] == ["1. ", "2. ", "3. "] and "4. " not in out
    assert "overlap: how alike" in out
    assert main(["nearest", "MLE", "--into", "--json"]) == 0
    ranked = json.loads(capsys.readouterr().out)
    assert len(ranked) == 10 and {r["to"] for r in ranked} == {"machine-learning-engineer"}
    assert main(["career", "Data Analyst", "Head of AI", "--k", "2"]) == 0
    out = capsys.readouterr().out
    assert "1. Data Analyst -> " in out and "2. Data Analyst -> " in out and "Head of AI:" in out
    assert main(["career", "Data Analyst", "Head of AI", "--k", "2", "--json", "--no-direct"]) == 0
    assert all(len(p["roles"]) > 2 for p in json.loads(capsys.readouterr().out))


@pytest.mark.parametrize(
    "args",
    [
        ("transition", "data scientst", "MLE"),
        ("nearest", "data scientst"),
        ("career", "MLE", "data scientst"),
    ],
)
def test_cli_unknown_role_is_exit_2_with_did_you_mean(
    args: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(list(args)) == 2
    err = capsys.readouterr().err
    assert "did you mean" in err and "Data Scientist" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "args",
    [
        ("nearest", "MLE", "--top", "0"),
        ("nearest", "MLE", "--top", "-1"),
        ("nearest", "MLE", "--top", "101"),
        ("career", "MLE", "DS", "--k", "0"),
        ("career", "MLE", "DS", "--k", "-3"),
        ("career", "MLE", "DS", "--k", "100000"),
    ],
)
def test_cli_counts_out_of_bounds_are_exit_2(args: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(list(args))
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and "must be a whole number from 1 to" in err


def test_career_paths_refuses_a_k_it_cannot_serve() -> None:
    with pytest.raises(MlgraphError, match="between 1 and 20"):
        career_paths(small_graph(), "analyst", "scientist", k=100_000)


def test_cli_transition_text_reads_well(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from mlgraph.cli import transitions as verbs

    salary = {"source": "survey", "currency": "EUR", "period": "year", "min": 160000}
    g = small_graph(analyst=[salary], scientist=[salary])
    monkeypatch.setattr(verbs, "graph_from_args", lambda args: g)
    monkeypatch.setattr(verbs, "width", lambda: 40)
    assert main(["transition", "analyst", "scientist"]) == 0
    out = capsys.readouterr().out
    text = " ".join(out.split())
    assert "from 160,000 -> from 160,000" in text and "?" not in text
    assert "L3 = working proficiency" in text and "how alike" in text
    assert "Where the hours go:" in out and all(len(line) <= 80 for line in out.splitlines())


def test_cli_a_non_role_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transition", "python", "MLE"]) == 2
    assert "no role named 'python'" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------- content checks

ENGINEERING_AREAS = {"programming", "infrastructure", "mlops"}
"""Software engineering, deployment and MLOps: the competency files of ``ontology/competencies``."""
ML_AREAS = {"ml", "deep-learning", "math", "statistics", "frameworks", "data"}
"""Machine learning and its mathematics (with the data-science tools, pandas and NumPy, in `data`)."""


def areas() -> dict[str, str]:
    """Competency id -> the file (area) of the bundled ontology that defines it."""
    out = {}
    for path in sorted((mlgraph.bundled_path() / "competencies").glob("*.yaml")):
        for node in yaml.safe_load(path.read_text(encoding="utf-8")).get("nodes", []):
            out[node["id"]] = path.stem
    return out


def hours_by_area(move: Any) -> Counter[str]:
    where = areas()
    shares: Counter[str] = Counter()
    for s in move.steps:
        shares[where.get(s.id, "other")] += s.effort_hours
    return shares


@pytest.fixture(scope="module")
def bundled() -> CompetencyGraph:
    return mlgraph.load()


def test_the_move_to_the_same_role_is_empty_for_every_bundled_role(bundled: CompetencyGraph) -> None:
    for role in bundled.nodes(kind="role"):
        move = transition(bundled, role.id, role.id)
        assert move.total_hours == 0 and not move.gap and not move.steps, role.id


@pytest.mark.parametrize(
    ("lower", "upper"),
    [
        ("machine-learning-engineer", "lead-machine-learning-engineer"),
        ("data-analyst", "data-scientist"),
    ],
)
def test_moving_down_a_ladder_is_cheaper_than_moving_up(bundled: CompetencyGraph, lower: str, upper: str) -> None:
    up, down = transition(bundled, lower, upper), transition(bundled, upper, lower)
    assert down.total_hours < up.total_hours, f"{upper} -> {lower} {down.total_hours} h, up {up.total_hours} h"


def test_data_scientist_to_ml_engineer_is_mostly_deployment_mlops_and_engineering(bundled: CompetencyGraph) -> None:
    move = transition(bundled, "data-scientist", "machine-learning-engineer")
    shares = hours_by_area(move)
    engineering = sum(shares[a] for a in ENGINEERING_AREAS) / move.total_hours
    assert engineering > 0.6, dict(shares)
    # and what carries over is the modelling: statistics, ML, the maths
    assert {"statistics", "machine-learning", "linear-algebra"} <= {i.id for i in move.shared}


def test_software_engineer_to_ml_engineer_is_mostly_ml_and_its_mathematics(bundled: CompetencyGraph) -> None:
    move = transition(bundled, "software-engineer", "machine-learning-engineer")
    shares = hours_by_area(move)
    ml = sum(shares[a] for a in ML_AREAS) / move.total_hours
    assert ml > 0.6, dict(shares)
    assert {"git", "software-engineering-principles"} <= {i.id for i in move.shared}


def test_cli_nearest_on_onet_occupations_ranks_by_score_and_says_what_it_is(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("mlgraph.plan.occupations")
    from mlgraph.cli import transitions as verbs
    from mlgraph.io.importers.onet import read_onet
    from mlgraph.plan.occupations import dissimilarity_penalty, similarity_pairs

    g = read_onet(Path(__file__).parent / "data" / "onet-mini")
    monkeypatch.setattr(verbs, "graph_from_args", lambda args: g)
    role = g.nodes(kind="role")[0].id
    assert main(["nearest", role, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    expected = rank_transitions(g, role, similarity=similarity_pairs, penalty=dissimilarity_penalty)
    assert [r["to"] for r in shown] == [r.to for r in expected]
    assert [r["score"] for r in shown] == sorted(r["score"] for r in shown)
    assert main(["nearest", role]) == 0
    assert "score: the hours of learning for the move plus" in " ".join(capsys.readouterr().out.split())


def test_matrix_computed_a_block_of_rows_at_a_time_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from mlgraph.plan import moves

    g = mlgraph.load()
    whole = transition_matrix(g).to_numpy()
    monkeypatch.setattr(moves, "BLOCK_ROWS", 3)
    fresh = CompetencyGraph.from_records(*g.records()[:2], sources=g.records()[2])
    assert (transition_matrix(fresh).to_numpy() == whole).all()
