"""Progress from the command line: `done` edits a profile file in place, `progress` reads it back."""

from __future__ import annotations

import datetime
import json
import stat
from pathlib import Path

import pytest

import mlgraph
from mlgraph.cli import main
from mlgraph.errors import FormatError
from mlgraph.io.profiles import add_to_profile, read_profile

TODAY = datetime.date.today().isoformat()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_done_creates_the_profile_then_adds_below_the_last_item_keeping_comments_and_order(
    tmp_path: Path, mini_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "me.yaml"
    code, out, _ = run(capsys, "done", "Python", "--profile", str(path), "--graph", str(mini_dir))
    assert code == 0 and "Python: added to" in out
    assert f"- {{name: python, done: {TODAY}}}" in path.read_text()
    path.write_text(
        "# my learning log\n"
        "goal: ml-engineer   # where I am going\n"
        "known:\n"
        "  - python        # since school\n"
        "  # maths, one day\n"
        "  - {name: algebra, level: 2}\n"
        "\n"
        "# notes at the end stay at the end\n"
    )
    code, out, _ = run(
        capsys, "done", "pytorch", "chain rule", "--level", "4", "--profile", str(path), "--graph", str(mini_dir)
    )
    assert code == 0
    assert path.read_text() == (
        "# my learning log\n"
        "goal: ml-engineer   # where I am going\n"
        "known:\n"
        "  - python        # since school\n"
        "  # maths, one day\n"
        "  - {name: algebra, level: 2}\n"
        f"  - {{name: pytorch, level: 4, done: {TODAY}}}\n"
        f"  - {{name: chain-rule, level: 4, done: {TODAY}}}\n"
        "\n"
        "# notes at the end stay at the end\n"
    )
    g = mlgraph.load(mini_dir)
    assert read_profile(g, path).known == {"python": None, "algebra": 2, "pytorch": 4, "chain-rule": 4}


def test_done_raises_a_lower_level_in_place_and_keeps_what_is_known_well_enough(
    tmp_path: Path, mini: mlgraph.CompetencyGraph
) -> None:
    path = tmp_path / "me.yaml"
    path.write_text("known:\n- python\n- {name: algebra, level: 2}   # school\n- pytorch: 3\n")
    day = datetime.date(2026, 1, 5)
    changes = add_to_profile(mini, path, {"algebra": 4, "python": 5, "PyTorch": 2}, done=day)
    assert [(c.id, c.action) for c in changes] == [("algebra", "raised"), ("python", "kept"), ("pytorch", "kept")]
    assert path.read_text() == (
        "known:\n- python\n- {name: algebra, level: 4, done: 2026-01-05}   # school\n- pytorch: 3\n"
    )


def test_done_turns_a_one_line_list_or_mapping_into_block_form(tmp_path: Path, mini: mlgraph.CompetencyGraph) -> None:
    day = datetime.date(2026, 1, 5)
    listed = tmp_path / "a.yaml"
    listed.write_text("known: [python, {name: algebra, level: 2}]  # short\ngoal: ml-engineer\n")
    add_to_profile(mini, listed, {"pytorch": None}, done=day)
    assert listed.read_text() == (
        "known:\n  - python\n  - {name: algebra, level: 2}\n  - {name: pytorch, done: 2026-01-05}\ngoal: ml-engineer\n"
    )
    mapped = tmp_path / "b.yaml"
    mapped.write_text("known: {python: 4}\n")
    add_to_profile(mini, mapped, {"algebra": 2}, done=day)
    assert read_profile(mini, mapped).known == {"python": 4, "algebra": 2}
    odd = tmp_path / "c.yaml"
    odd.write_text("known: python\n")
    with pytest.raises(FormatError):
        add_to_profile(mini, odd, {"algebra": 2})


def test_done_keeps_the_file_permissions_and_leaves_it_alone_on_an_unknown_item(
    tmp_path: Path, mini_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "me.yaml"
    path.write_text("known:\n  - python\n")
    path.chmod(0o640)
    assert run(capsys, "done", "algebra", "--profile", str(path), "--graph", str(mini_dir))[0] == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    before = path.read_text()
    code, out, err = run(capsys, "done", "algebra", "pytroch", "--profile", str(path), "--graph", str(mini_dir))
    assert code == 2 and out == "" and "pytorch" in err  # the suggestion
    assert path.read_text() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["me.yaml"]  # no temporary file left


def test_progress_reports_share_done_stages_and_next_items_and_path_reads_the_same_file(
    tmp_path: Path, mini_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    g = mlgraph.load(mini_dir)
    path = tmp_path / "me.yaml"
    path.write_text("goal: ml-engineer\nknown:\n  - algebra\n")
    code, out, _ = run(capsys, "progress", "--profile", str(path), "--graph", str(mini_dir), "--json")
    before = json.loads(out)
    zero = mlgraph.learning_order(g, "ml-engineer")
    assert before["hours"] == zero.total_hours
    assert before["hours_done"] == pytest.approx(
        zero.total_hours - mlgraph.learning_order(g, "ml-engineer", ["algebra"]).total_hours
    )
    assert sum(s["hours_left"] for s in before["stages"]) == pytest.approx(before["hours_left"])
    first = before["next"][0]["id"]
    assert run(capsys, "done", first, "--profile", str(path), "--graph", str(mini_dir))[0] == 0
    after = json.loads(run(capsys, "progress", "--profile", str(path), "--graph", str(mini_dir), "--json")[1])
    assert after["share_done"] > before["share_done"]
    assert first not in [s["id"] for s in after["next"]]
    code, out, _ = run(capsys, "path", "ml-engineer", "--profile", str(path), "--graph", str(mini_dir), "--json")
    assert first not in [s["id"] for s in json.loads(out)["steps"]]
    code, text, _ = run(capsys, "progress", "--profile", str(path), "--graph", str(mini_dir))
    assert code == 0 and text.startswith("Progress towards Machine Learning Engineer: ")
    assert "Next:" in text and "1. " in text


def test_progress_needs_a_goal(tmp_path: Path, mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "me.yaml"
    path.write_text("known:\n  - algebra\n")
    code, out, err = run(capsys, "progress", "--profile", str(path), "--graph", str(mini_dir))
    assert code == 2 and out == "" and "--goal" in err


def test_a_profile_entry_with_an_unknown_key_is_an_error_naming_the_line(
    tmp_path: Path, mini: mlgraph.CompetencyGraph
) -> None:
    path = tmp_path / "me.yaml"
    path.write_text("known:\n  - python\n  - {name: algebra, levle: 2}\n")
    with pytest.raises(FormatError, match="levle") as info:
        read_profile(mini, path)
    assert ":3" in str(info.value)
