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
    """``mlgraph ARGS`` in this process (fast): exit code, standard output and error as a subprocess would give."""
    import contextlib
    import io

    out_bytes, err = io.BytesIO(), io.StringIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    saved_stdin, sys.stdin = sys.stdin, io.StringIO(stdin or "")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdin = saved_stdin
    out.flush()
    return subprocess.CompletedProcess(list(args), code, out_bytes.getvalue().decode("utf-8"), err.getvalue())


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
    assert "'SELEC'" in out.stderr and "Traceback" not in out.stderr


# ---------------------------------------------------------------- issue 16: no network, clear errors, saved files


def run_in_process(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def mini_ttl(mini: mlgraph.CompetencyGraph, tmp_path: Path) -> Path:
    return mlgraph.export(mini, tmp_path / "mini.ttl")


def test_query_refuses_service_unless_allowed(
    capsys: pytest.CaptureFixture[str], mini_ttl: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    attempts: list[object] = []
    monkeypatch.setattr(socket.socket, "connect", lambda *a: attempts.append(a))
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    code, out, err = run_in_process(capsys, "query", query, "--file", str(mini_ttl))
    assert code == 2 and out == "" and "SERVICE <http://127.0.0.1:9/sparql>" in err and "--allow-service" in err
    assert attempts == []
    lowercase = "select ?s where { service <http://127.0.0.1:9/> { ?s ?p ?o } }"
    assert run_in_process(capsys, "query", lowercase, "--file", str(mini_ttl))[0] == 2


def test_service_inside_a_string_or_comment_is_not_refused(capsys: pytest.CaptureFixture[str], mini_ttl: Path) -> None:
    query = 'SELECT ?l WHERE { ?s skos:prefLabel ?l FILTER(?l != "SERVICE FROM") } # SERVICE <x>\nLIMIT 1'
    code, out, _ = run_in_process(capsys, "query", query, "--file", str(mini_ttl))
    assert code == 0 and out.splitlines()[0] == "l"


def test_query_refuses_from_clearly(capsys: pytest.CaptureFixture[str], mini_ttl: Path) -> None:
    for clause in ("FROM <http://example.org/g>", "FROM NAMED <http://example.org/g>"):
        code, _, err = run_in_process(
            capsys, "query", f"SELECT * {clause} WHERE {{ ?s ?p ?o }}", "--file", str(mini_ttl)
        )
        assert code == 2 and "FROM and FROM NAMED are not supported" in err


def test_sparql_syntax_errors_say_where_and_what(capsys: pytest.CaptureFixture[str], mini_ttl: Path) -> None:
    code, _, err = run_in_process(capsys, "query", "SELEC ?s WHERE { ?s ?p ?o }", "--file", str(mini_ttl))
    assert code == 2 and "starts with 'SELEC'" in err and "did you mean SELECT?" in err
    code, _, err = run_in_process(capsys, "query", "SELECT ?s WHERE {\n  ?s ?p ?o", "--file", str(mini_ttl))
    assert code == 2 and "line 2, column 11" in err and "  ?s ?p ?o\n" in err and err.rstrip().endswith("^")
    assert len(err) < 600


def test_select_star_keeps_the_query_variable_order(capsys: pytest.CaptureFixture[str], mini_ttl: Path) -> None:
    query = "SELECT * WHERE { ?zafter mlg:prerequisiteOf ?before . ?before skos:prefLabel ?label }"
    code, out, _ = run_in_process(capsys, "query", query, "--file", str(mini_ttl))
    assert code == 0 and out.splitlines()[0] == "zafter\tbefore\tlabel"
    code, out, _ = run_in_process(capsys, "query", query, "--file", str(mini_ttl), "--json")
    assert json.loads(out)["head"]["vars"] == ["zafter", "before", "label"]


def test_exported_rdf_carries_the_content_licence(mini: mlgraph.CompetencyGraph) -> None:
    import rdflib
    from rdflib.namespace import DCTERMS

    rdf = mlgraph.to_rdf(mini)
    scheme = rdflib.URIRef("https://w3id.org/mlgraph/")
    assert rdf.value(scheme, DCTERMS.license) == rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert rdflib.URIRef("https://spdx.org/licenses/MIT") not in set(rdf.objects(None, DCTERMS.license))


def test_export_writes_through_devices_and_never_replaces_them(
    capsys: pytest.CaptureFixture[str], mini: mlgraph.CompetencyGraph, tmp_path: Path
) -> None:
    import os
    import stat

    code, _, _ = run_in_process(capsys, "export", "-o", "/dev/null", "--format", "nt")
    assert code == 0 and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    import threading

    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert mlgraph.export(mini, fifo) == fifo
    reader.join(10)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and b"mlg:" in received[0]
    assert [p.name for p in tmp_path.iterdir()] == ["pipe.ttl"]  # no .tmp left beside it


def test_export_through_a_symlink_replaces_its_target(mini: mlgraph.CompetencyGraph, tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    mlgraph.export(mini, link)
    assert link.is_symlink() and mlgraph.read(target) == mini
    assert target.stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
    with pytest.raises(mlgraph.MlgraphError, match="it is a folder"):
        mlgraph.export(mini, tmp_path, "json")


def test_sigterm_during_export_leaves_no_temporary_file(tmp_path: Path) -> None:
    import signal
    import time

    code = (
        "import sys, time, mlgraph, mlgraph.io.rdf.write as w\n"
        "real = w._ntriples_lines\n"
        "def slow(*a, **k):\n"
        "    for i, line in enumerate(real(*a, **k)):\n"
        "        if i == 10: print('writing', flush=True); time.sleep(30)\n"
        "        yield line\n"
        "w._ntriples_lines = slow\n"
        "g = mlgraph.CompetencyGraph.from_records([{'id': 'a', 'kind': 'tool', 'label': 'A'}])\n"
        f"mlgraph.export(g, {str(tmp_path / 'g.nt')!r})\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(20) == 128 + signal.SIGTERM
    time.sleep(0.05)
    assert list(tmp_path.iterdir()) == []


def test_import_shacl_is_bounded_and_says_so(
    capsys: pytest.CaptureFixture[str], mini_ttl: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MLGRAPH_SHACL_MAX_TRIPLES", "50")
    code, _, err = run_in_process(capsys, "import", str(mini_ttl), "--shacl")
    assert code == 1 and "SHACL validation is bounded to 50 triples" in err and "Traceback" not in err
