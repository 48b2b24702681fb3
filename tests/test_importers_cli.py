"""``mlgraph import onet|esco`` and ``--graph`` with releases and files; the real releases when ../shared has them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import mlgraph
from mlgraph.cli import main

DATA = Path(__file__).parent / "data"
ONET = DATA / "onet-mini"
ESCO = DATA / "esco-mini"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def test_import_onet_writes_any_format_with_attribution(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "onet.json"
    assert main(["import", "onet", str(ONET), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "wrote" in text and "12 roles" in text and "USDOL/ETA" in text
    g = mlgraph.read(out)
    assert g.node("onet:15-2011.00").label == "Actuaries" and "onet-29.2" in g.sources
    ttl = tmp_path / "esco.ttl"
    assert main(["import", "esco", str(ESCO), "-o", str(ttl)]) == 0
    assert "European Commission" in capsys.readouterr().out
    assert "This service uses the ESCO classification" in ttl.read_text(encoding="utf-8")


def test_import_of_an_exported_file_still_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "g.json"
    assert main(["export", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["import", str(out)]) == 0
    assert capsys.readouterr().out.startswith("ok:")


def test_transition_from_an_imported_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "onet.json"
    assert main(["import", "onet", str(ONET), "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["transition", "Actuaries", "ML engineer", "--graph", str(out), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["from"] == "onet:15-2011.00" and data["to"] == "machine-learning-engineer"
    assert "USDOL/ETA" in captured.err  # the attribution note


def test_graph_is_repeatable_and_detects_releases(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["show", "artificial intelligence engineer", "--graph", str(ONET), "--graph", str(ESCO), "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["node"]["id"] == "ai-engineer"  # ESCO's occupation merged into the bundled role by its exact mapping


def test_titles_resolve_with_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transition", "Actuarys", "ML engineer", "--graph", str(ONET)]) == 2
    assert "did you mean" in capsys.readouterr().err


def test_bad_release_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "Occupation Data.txt").write_text("Code\tTitle\n", encoding="utf-8")
    assert main(["import", "onet", str(tmp_path), "-o", str(tmp_path / "x.json")]) == 1
    err = capsys.readouterr().err
    assert "Occupation Data.txt:1" in err and "missing column" in err
    assert not (tmp_path / "x.json").exists()


# ---------------------------------------------------------------------------------------------- real releases


@pytest.mark.skipif(not (SHARED / "onet-29.2").is_dir(), reason="the O*NET 29.2 release is not in ../shared")
def test_real_onet_release() -> None:
    g = mlgraph.load_onet(SHARED / "onet-29.2")
    assert g.count_by_kind()["role"] == 1016
    for code in ("15-2051.00", "15-1252.00"):  # no ratings in 29.2: a profile all the same
        reqs = g.requirements(f"onet:{code}")
        assert any(r.importance == "essential" and r.target.startswith("onet:2.") for r in reqs)
    assert g.resolve("actuary").id == "onet:15-2011.00"


@pytest.mark.skipif(not (SHARED / "esco-1.2.0").is_dir(), reason="the ESCO 1.2.0 download is not in ../shared")
def test_real_esco_release() -> None:
    g = mlgraph.load_esco(SHARED / "esco-1.2.0")
    assert g.count_by_kind()["role"] == 3039
    assert len(g.requirements("machine learning engineer")) >= 70


def test_import_onet_without_a_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "onet", "-o", str(tmp_path / "x.json")]) == 2
    assert "needs the release FOLDER" in capsys.readouterr().err
