"""The ``mlgraph`` command as a user types it: help that teaches, clear errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mlgraph.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mlgraph", *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_help_lists_verbs_and_examples() -> None:
    out = run("--help")
    assert out.returncode == 0
    for verb in ("show", "nodes", "validate"):
        assert verb in out.stdout
    assert "example" in out.stdout


def test_show_a_node(mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "ml engineer", "--graph", str(mini_dir)]) == 0
    out = capsys.readouterr().out
    assert "Machine Learning Engineer" in out
    assert "Python L4" in out
    assert "70,000-90,000 USD/year" in out
    assert "seed-a: A seed article" in out


def test_show_json(mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "pytorch", "--json", "--graph", str(mini_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["node"]["id"] == "pytorch"
    keys = {(e["source"], e["target"], e["relation"]) for e in data["edges"]}
    assert ("neural-networks", "pytorch", "prerequisite") in keys
    assert ("ml-engineer", "pytorch", "requirement") in keys


def test_unknown_name_is_exit_2_with_did_you_mean_and_no_traceback(mini_dir: Path) -> None:
    out = run("show", "pytroch", "--graph", str(mini_dir))
    assert out.returncode == 2
    assert "did you mean" in out.stderr and "pytorch" in out.stderr
    assert "Traceback" not in out.stderr


def test_nodes_json_by_kind(mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nodes", "--kind", "role", "--json", "--graph", str(mini_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(n["id"] for n in data) == ["lead-ml-engineer", "ml-engineer"]


def test_validate_good_and_bad(mini_dir: Path, edited_copy, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert main(["validate", str(mini_dir)]) == 0
    assert capsys.readouterr().out.startswith("ok: 11 nodes")
    bad = edited_copy("competencies/basics.yaml", "prerequisites: [algebra]", "prerequisites: [chain-rule]")
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "prerequisite cycle: chain-rule -> derivatives -> chain-rule" in err
    assert "basics.yaml" in err


def test_bad_yaml_exit_1_without_traceback(edited_copy) -> None:  # type: ignore[no-untyped-def]
    bad = edited_copy("roles.yaml", "label: Lead ML Engineer", "label: [Lead")
    out = run("show", "python", "--graph", str(bad))
    assert out.returncode == 1
    assert "roles.yaml" in out.stderr and "invalid YAML" in out.stderr
    assert "Traceback" not in out.stderr
