"""``mlgraph export``, ``import`` and ``query`` as a user types them: exit codes, output, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import mlgraph
from mlgraph.cli import main


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mlgraph", *args], capture_output=True, text=True, input=stdin, timeout=120, check=False
    )


def test_help_lists_the_interop_verbs() -> None:
    out = run("--help")
    for verb in ("export", "import", "query"):
        assert verb in out.stdout
    assert "mlg:prerequisiteOf+" in run("query", "--help").stdout


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".rdf", ".graphml", ".json"])
def test_export_then_import(
    mini: mlgraph.CompetencyGraph, mini_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    path = tmp_path / f"mini{suffix}"
    assert main(["export", "-o", str(path), "--graph", str(mini_dir)]) == 0
    assert "11 nodes, 14 edges" in capsys.readouterr().out
    assert mlgraph.read(path) == mini
    assert main(["import", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: ") and "11 nodes (2 roles" in out and "14 edges" in out


def test_export_with_a_format_a_base_and_no_schema(mini_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "graph.out"
    assert main(["export", "-o", str(path), "--format", "nt", "--base", "https://example.org/", "--no-schema",
                 "--graph", str(mini_dir)]) == 0  # fmt: skip
    text = path.read_text()
    assert "<https://example.org/python>" in text and "owl#Ontology" not in text


def test_export_to_standard_output(mini_dir: Path) -> None:
    out = run("export", "-o", "-", "--format", "ttl", "--graph", str(mini_dir))
    assert out.returncode == 0
    assert ":python a mlg:Tool, skos:Concept" in out.stdout
    assert run("export", "-o", "-", "--graph", str(mini_dir)).returncode == 2


def test_export_errors_are_clear(tmp_path: Path) -> None:
    out = run("export", "-o", str(tmp_path / "graph.xlsx"))
    assert out.returncode == 1
    assert "cannot tell the format of 'graph.xlsx'" in out.stderr and "Traceback" not in out.stderr
    assert list(tmp_path.iterdir()) == []
    out = run("export", "-o", str(tmp_path / "graph.ttl"), "--base", "no base")
    assert out.returncode == 1 and "invalid base IRI" in out.stderr
    out = run("export")
    assert out.returncode == 2 and "--output" in out.stderr


def test_import_json_summary_and_shacl(
    mini: mlgraph.CompetencyGraph, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = mlgraph.export(mini, tmp_path / "mini.ttl")
    assert main(["import", str(path), "--json", "--shacl"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["nodes"] == 11 and summary["edges_by_relation"]["requirement"] == 4
    assert summary["format"] == "turtle" and summary["shacl_conforms"] is True


def test_import_of_a_bad_file_lists_its_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "nodes": [{"id": "a", "kind": "concept", "label": "A"}],
                "edges": [{"source": "a", "target": "ghost", "relation": "prerequisite"}],
            }
        )
    )
    out = run("import", str(path))
    assert out.returncode == 1
    assert "refers to unknown id 'ghost'" in out.stderr and "Traceback" not in out.stderr
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix : <https://example.org/> .\n:a :b ")
    out = run("import", str(broken))
    assert out.returncode == 1
    assert "broken.ttl:2" in out.stderr and "not valid Turtle" in out.stderr and "Traceback" not in out.stderr


def test_query_select_prints_a_table(mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT ?before WHERE { ?before mlg:prerequisiteOf+ :pytorch } ORDER BY ?before"
    assert main(["query", query, "--graph", str(mini_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "before"
    assert lines[1:] == [":algebra", ":chain-rule", ":derivatives", ":neural-networks", ":python"]


def test_query_json_gives_sparql_results(mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = """SELECT ?competency ?level WHERE {
        ?r a mlg:Requirement ; rdf:subject :ml-engineer ; rdf:object ?competency ; mlg:level ?level }"""
    assert main(["query", query, "--json", "--graph", str(mini_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["head"]["vars"] == ["competency", "level"]
    levels = {b["competency"]["value"].rsplit("/", 1)[1]: int(b["level"]["value"]) for b in data["results"]["bindings"]}
    assert levels == {"python": 4, "pytorch": 3, "ci-cd": 2}


def test_query_ask_and_construct_over_a_file(
    mini: mlgraph.CompetencyGraph, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = mlgraph.export(mini, tmp_path / "mini.graphml")
    assert main(["query", "ASK { :python mlg:prerequisiteOf+ :pytorch }", "--file", str(path)]) == 0
    assert capsys.readouterr().out.strip() == "true"
    path = mlgraph.export(mini, tmp_path / "mini.ttl")
    construct = "CONSTRUCT { ?x a mlg:Tool } WHERE { ?x a mlg:Tool }"
    assert main(["query", construct, "--file", str(path)]) == 0
    assert "mlg:Tool" in capsys.readouterr().out


def test_query_from_standard_input(mini_dir: Path) -> None:
    out = run("query", "-", "--graph", str(mini_dir), stdin="ASK { :ml-engineer mlg:progressesTo :lead-ml-engineer }")
    assert out.returncode == 0 and out.stdout.strip() == "true"


def test_an_invalid_query_is_exit_2_without_a_traceback(mini_dir: Path) -> None:
    out = run("query", "SELEC ?x WHERE { ?x ?y ?z }", "--graph", str(mini_dir))
    assert out.returncode == 2
    assert "invalid SPARQL query" in out.stderr and "Traceback" not in out.stderr
