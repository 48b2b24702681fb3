"""Figures: each plot has a title and a legend (or colour bar), lays out what it claims, and saves as a PNG."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

import mlgraph
from mlgraph import MlgraphError
from mlgraph.cli import main
from mlgraph.plan.learning import learning_order
from mlgraph.viz.plot import (
    plot_learning_plan,
    plot_neighbourhood,
    plot_role_map,
    plot_transition,
    save_figure,
)

PNG = b"\x89PNG\r\n\x1a\n"
MINI = Path(__file__).parent / "data" / "mini"


@pytest.fixture(scope="module")
def bundled() -> mlgraph.CompetencyGraph:
    return mlgraph.load()


def title(fig: Figure) -> str:
    return fig.axes[0].get_title(loc="left")


def legend_labels(fig: Figure) -> list[str]:
    legend = fig.axes[0].get_legend()
    assert legend is not None, "the figure has no legend"
    return [t.get_text() for t in legend.get_texts()]


def text_positions(fig: Figure) -> dict[str, tuple[float, float]]:
    """The first line of every text drawn in the main axes -> its position in data coordinates."""
    return {t.get_text().split("\n")[0].split(" · ")[0]: t.get_position() for t in fig.axes[0].texts}


def centre_x(fig: Figure) -> float:
    """Where the centre of a neighbourhood stands: its label is the one bold text."""
    (x, _), *others = [t.get_position() for t in fig.axes[0].texts if t.get_fontweight() == "bold"]
    assert not others
    return float(x)


def arrows(fig: Figure) -> int:
    return sum(isinstance(p, FancyArrowPatch) for p in fig.axes[0].patches)


# ---------------------------------------------------------------------------------------------- learning plans


def test_plan_by_depth_boxes_every_step_with_its_hours_and_an_arrow_per_prerequisite(
    mini: mlgraph.CompetencyGraph,
) -> None:
    plan = learning_order(mini, "ML Engineer")
    fig = plot_learning_plan(plan, g=mini)
    assert isinstance(fig, Figure)
    assert title(fig) == f"Learning plan for Machine Learning Engineer: {len(plan)} steps, {plan.total_hours:g} h"
    assert legend_labels(fig) == ["concept", "tool", "prerequisite"]
    texts = [t.get_text() for t in fig.axes[0].texts]
    for step in plan.steps:
        assert f"{step.label}\n{step.effort_hours:g} h" in texts
    members = set(plan.ids)
    expected = sum(1 for s in plan.steps for p in mini.prerequisites(s.id) if p in members)
    assert arrows(fig) == expected
    # every prerequisite is drawn above what needs it
    where = text_positions(fig)
    for s in plan.steps:
        for p in mini.prerequisites(s.id):
            if p in members:
                assert where[mini.node(p).label][1] > where[s.label][1]


def test_plan_by_week_is_a_timeline_in_weeks(mini: mlgraph.CompetencyGraph) -> None:
    plan = learning_order(mini, "ML Engineer")
    fig = plot_learning_plan(plan, g=mini, hours_per_week=10)
    weeks = len(plan.schedule(10))
    assert title(fig).endswith(f"{weeks} weeks at 10 h a week")
    ax = fig.axes[0]
    assert ax.get_xlabel() == "week (10 h a week)"
    assert ax.get_yticklabels()[0].get_text().startswith(plan.steps[0].label)
    assert ax.get_xlim()[1] == pytest.approx(plan.total_hours / 10 * 1.01)
    assert "prerequisite" in legend_labels(fig)


def test_plan_without_the_graph_has_no_arrows_and_asks_for_it_when_arrows_are_wanted(
    mini: mlgraph.CompetencyGraph,
) -> None:
    plan = learning_order(mini, "pytorch")
    fig = plot_learning_plan(plan)
    assert title(fig).startswith("Learning plan for PyTorch")
    assert arrows(fig) == 0
    assert "prerequisite" not in legend_labels(fig)
    with pytest.raises(MlgraphError, match="need the graph"):
        plot_learning_plan(plan, arrows=True)
    with pytest.raises(MlgraphError, match="layout"):
        plot_learning_plan(plan, layout="spiral")


def test_empty_plan_says_there_is_nothing_to_learn(mini: mlgraph.CompetencyGraph) -> None:
    fig = plot_learning_plan(learning_order(mini, "pytorch", known=["pytorch"]), g=mini)
    assert "Nothing to learn" in " ".join(t.get_text() for t in fig.axes[0].texts)
    assert fig.axes[0].get_legend() is not None


def test_a_big_plan_gets_a_bigger_figure_so_labels_stay_readable(bundled: mlgraph.CompetencyGraph) -> None:
    small = plot_learning_plan(learning_order(bundled, "pytorch", known=["python"]), g=bundled)
    big = plot_learning_plan(learning_order(bundled, "Machine Learning Engineer"), g=bundled)
    assert big.get_figheight() > small.get_figheight()
    assert big.get_figwidth() > small.get_figwidth()
    sizes = {t.get_fontsize() for t in big.axes[0].texts}
    assert min(sizes) >= 6.5


# ---------------------------------------------------------------------------------------------- transitions


def test_transition_splits_hours_by_area_into_carried_over_and_to_learn(bundled: mlgraph.CompetencyGraph) -> None:
    t = mlgraph.transition(bundled, "Data Scientist", "Machine Learning Engineer")
    fig = plot_transition(t, bundled)
    assert title(fig).startswith(f"Data Scientist → Machine Learning Engineer: {t.total_hours:,.0f} h to learn")
    assert legend_labels(fig) == ["carries over", "to learn"]
    left, right = fig.axes[0], fig.axes[1]
    # the "to learn" bars add up to the transition's hours; both stacks add up to the plan from zero
    learn = sum(p.get_width() for p in left.containers[1])
    assert learn == pytest.approx(t.total_hours)
    zero = learning_order(bundled, "Machine Learning Engineer").total_hours
    assert learn + sum(p.get_width() for p in left.containers[0]) == pytest.approx(zero)
    rows = len(t.gap) + len(t.shared)
    assert len(right.get_yticklabels()) == min(rows, 40)  # top=40 by default; the rest are counted
    if rows > 40:
        assert f"({rows - 40} more not shown)" in right.get_xlabel()


def test_transition_on_another_graph_needs_that_graph(mini: mlgraph.CompetencyGraph) -> None:
    t = mlgraph.transition(mini, "ML Engineer", "Lead ML Engineer")
    fig = plot_transition(t, mini)
    assert title(fig).startswith("Machine Learning Engineer → Lead ML Engineer")
    with pytest.raises(MlgraphError, match="pass the graph"):
        plot_transition(t)  # the bundled graph has no 'ml-engineer'


# ---------------------------------------------------------------------------------------------- role map


@pytest.mark.parametrize("value", ["hours", "overlap"])
def test_role_map_is_a_heatmap_over_every_role_with_a_colour_bar(bundled: mlgraph.CompetencyGraph, value: str) -> None:
    fig = plot_role_map(bundled, value)
    ax, bar = fig.axes
    n = len(bundled.nodes(kind="role"))
    assert ax.get_images()[0].get_array().shape == (n, n)
    assert len(ax.get_yticklabels()) == n
    assert bar.get_ylabel()  # the colour bar says what the colour means
    assert title(fig) in ("Hours to move between roles", "Requirement overlap between roles")


def test_role_map_puts_similar_roles_side_by_side(bundled: mlgraph.CompetencyGraph) -> None:
    fig = plot_role_map(bundled, "overlap")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert abs(labels.index("NLP Engineer") - labels.index("Machine Learning Engineer")) <= 3
    with pytest.raises(MlgraphError, match="role map value"):
        plot_role_map(bundled, "salary")


def test_role_map_hours_match_the_transition_matrix(mini: mlgraph.CompetencyGraph) -> None:
    fig = plot_role_map(mini)
    image = fig.axes[0].get_images()[0].get_array()
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    i, j = labels.index("Machine Learning Engineer"), labels.index("Lead ML Engineer")
    assert image[i, j] == mlgraph.transition(mini, "ml-engineer", "lead-ml-engineer").total_hours


# ---------------------------------------------------------------------------------------------- neighbourhoods


def test_neighbourhood_puts_what_comes_before_on_the_left_and_what_builds_on_it_on_the_right(
    mini: mlgraph.CompetencyGraph,
) -> None:
    fig = plot_neighbourhood(mini, "neural networks")
    assert title(fig) == "Neighbourhood of Neural networks"
    where = text_positions(fig)
    centre = centre_x(fig)
    assert where["Chain rule"][0] < centre and where["Python"][0] < centre  # prerequisites
    assert where["PyTorch"][0] > centre and where["TensorFlow"][0] > centre  # builds on it
    assert where["Deep Learning (book)"][0] < centre  # teaches it
    labels = legend_labels(fig)
    assert {"concept", "tool", "resource", "prerequisite", "teaches"} <= set(labels)


def test_neighbourhood_of_a_role_shows_its_requirements_with_levels(mini: mlgraph.CompetencyGraph) -> None:
    fig = plot_neighbourhood(mini, "MLE")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "Python · L4" in texts and "CI/CD · L2" in texts
    assert "optional requirement" in legend_labels(fig)
    where = text_positions(fig)
    assert where["Lead ML Engineer"][0] > centre_x(fig) > where["Python"][0]  # progression right, requirement left


def test_neighbourhood_depth_two_reaches_further_and_rejects_bad_arguments(mini: mlgraph.CompetencyGraph) -> None:
    one = plot_neighbourhood(mini, "pytorch", depth=1)
    two = plot_neighbourhood(mini, "pytorch", depth=2)
    assert "Chain rule" not in text_positions(one) and "Chain rule" in text_positions(two)
    with pytest.raises(MlgraphError, match="depth"):
        plot_neighbourhood(mini, "pytorch", depth=0)
    with pytest.raises(MlgraphError, match="unknown relation"):
        plot_neighbourhood(mini, "pytorch", relations=["friendship"])
    with pytest.raises(mlgraph.UnknownNodeError):
        plot_neighbourhood(mini, "pytroch")


# ---------------------------------------------------------------------------------------------- saving


def test_save_figure_writes_a_png_atomically(tmp_path: Path, mini: mlgraph.CompetencyGraph) -> None:
    fig = plot_neighbourhood(mini, "pytorch")
    out = tmp_path / "n.png"
    out.write_bytes(b"old")
    assert save_figure(fig, out) == out
    assert out.read_bytes().startswith(PNG)
    assert [p.name for p in tmp_path.iterdir()] == ["n.png"]  # no temporary file left behind
    svg = save_figure(fig, tmp_path / "n.svg")
    assert b"<svg" in svg.read_bytes()[:500]


def test_save_figure_errors_name_the_file(tmp_path: Path) -> None:
    fig = Figure()
    with pytest.raises(MlgraphError, match=r"\.txt"):
        save_figure(fig, tmp_path / "plan.txt")
    with pytest.raises(MlgraphError, match="no such folder"):
        save_figure(fig, tmp_path / "missing" / "plan.png")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------------- command line


def test_cli_path_plot_writes_a_png(tmp_path: Path, mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.png"
    assert main(["path", "ML Engineer", "--graph", str(mini_dir), "--plot", str(out)]) == 0
    assert out.read_bytes().startswith(PNG)
    assert f"plot written to {out}" in capsys.readouterr().out
    weekly = tmp_path / "weekly.png"
    assert main(["path", "pytorch", "--graph", str(mini_dir), "--hours-per-week", "5", "--plot", str(weekly)]) == 0
    assert weekly.read_bytes().startswith(PNG)


def test_cli_transition_plot_writes_a_png(tmp_path: Path, mini_dir: Path) -> None:
    out = tmp_path / "move.png"
    assert main(["transition", "ML Engineer", "Lead ML Engineer", "--graph", str(mini_dir), "--plot", str(out)]) == 0
    assert out.read_bytes().startswith(PNG)


def test_cli_path_plot_to_a_bad_file_is_exit_1_without_traceback(tmp_path: Path, mini_dir: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "mlgraph",
            "path",
            "pytorch",
            "--graph",
            str(mini_dir),
            "--plot",
            str(tmp_path / "x.doc"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 1
    assert "cannot draw a figure to a '.doc' file" in out.stderr
    assert "Traceback" not in out.stderr


def test_plot_and_analysis_modules_import_without_matplotlib_or_pandas() -> None:
    code = (
        "import sys, mlgraph.viz.plot, mlgraph.plan.analysis; "
        "print(','.join(m for m in ('matplotlib', 'pandas', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_figures_get_the_permissions_of_any_other_file(tmp_path: Path, mini: mlgraph.CompetencyGraph) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        out = save_figure(plot_neighbourhood(mini, "pytorch"), tmp_path / "n.png")
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # not the 0600 of a temporary file
    out.chmod(0o640)
    save_figure(plot_neighbourhood(mini, "pytorch"), out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # an existing file keeps its own


def test_transition_names_areas_by_their_titles(bundled: mlgraph.CompetencyGraph) -> None:
    fig = plot_transition(mlgraph.transition(bundled, "Data Scientist", "Machine Learning Engineer"), bundled)
    areas = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "Deep learning" in areas and "deep-learning" not in areas


def test_layout_places_plans_without_matplotlib() -> None:
    code = (
        f"import sys, mlgraph; from mlgraph.viz import layout; g = mlgraph.load({str(MINI)!r}); "
        "p = mlgraph.learning_order(g, 'ml-engineer'); "
        "rows = layout.depth_rows(p, layout.plan_edges(p, g), 9); "
        "stages = layout.plan_stages(p, g); "
        "print(len(rows) == len(p.steps), sum(len(s.steps) for s in stages) == len(p.steps), "
        "'matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "False"]
