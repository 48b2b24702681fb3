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
    assert "70,000-90,000 USD a year" in out
    assert "A seed article" in out and "seed-a" not in out  # sources by title, not by file name
    assert "levels: L1 awareness" in out  # L4 is explained where it appears


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


def test_help_shows_an_example_for_every_verb(capsys: pytest.CaptureFixture[str]) -> None:
    from mlgraph.cli import build_parser

    parser = build_parser()
    text = parser.format_help()
    examples = text.split("examples:", 1)[1]
    verbs = next(a for a in parser._actions if a.dest == "verb").choices
    missing = [v for v in verbs if f"mlgraph {v}" not in examples]
    assert not missing, f"no example in `mlgraph --help` for {missing}"


def test_search_ranks_names_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "neural", "net", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["id"] == "neural-networks"
    assert all("name" in h["matched"] or "alias" in h["matched"] for h in hits[:3])
    assert main(["search", "k8s"]) == 0
    assert capsys.readouterr().out.startswith("Kubernetes")
    assert main(["search", "zzzqqq"]) == 0
    assert "nothing matches" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["search", "x", "--top", "0"],
        ["search", "x", "--top", "-1"],
        ["search", "x", "--top", "1e9"],
        ["search", "x", "--kind", "animal"],
    ],
)
def test_search_refuses_bad_arguments(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 2
    assert "error:" in capsys.readouterr().err


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_name_every_verb(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    for verb in ("show", "path", "search", "completion"):
        assert verb in script
    assert "hours-per-week" in script


def test_bash_completion_completes_verbs_and_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["completion", "bash"])
    script = tmp_path / "c.sh"
    script.write_text(capsys.readouterr().out)
    probe = (
        f"source {script}; COMP_WORDS=(mlgraph sea); COMP_CWORD=1; _mlgraph_complete; echo ${{COMPREPLY[@]}}; "
        "COMP_WORDS=(mlgraph path --hours); COMP_CWORD=2; _mlgraph_complete; echo ${COMPREPLY[@]}"
    )
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "search" and out[1] == "--hours-per-week"


def test_colour_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from mlgraph.cli.term import paint

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert paint("x", "bold", stream=Tty()) == "\x1b[1mx\x1b[0m"
    assert paint("x", "bold", stream=io.StringIO()) == "x"  # piped
    monkeypatch.setenv("NO_COLOR", "1")
    assert paint("x", "bold", stream=Tty()) == "x"
