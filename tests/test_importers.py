"""O*NET and ESCO importers on small fixtures in the official layouts (tests/data/onet-mini, esco-mini)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import mlgraph
from mlgraph.errors import FormatError
from mlgraph.io.importers import onet
from mlgraph.io.importers.esco import load_esco
from mlgraph.io.importers.onet import load_onet, read_onet

DATA = Path(__file__).parent / "data"
ONET = DATA / "onet-mini"
ESCO = DATA / "esco-mini"


@pytest.fixture(scope="module")
def og() -> mlgraph.CompetencyGraph:
    return read_onet(ONET)


@pytest.fixture(scope="module")
def eg() -> mlgraph.CompetencyGraph:
    return load_esco(ESCO)


def _copy(tmp_path: Path, src: Path) -> Path:
    dst = tmp_path / src.name
    shutil.copytree(src, dst)
    return dst


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _ratings(name: str, code: str, element: str) -> dict[str, list[str]]:
    out = {}
    for line in (ONET / name).read_text(encoding="utf-8").splitlines()[1:]:
        f = line.split("\t")
        if f[0] == code and f[2] == element:
            out[f[4]] = f
    return out


# ---------------------------------------------------------------------------------------------- O*NET


def test_onet_occupations_are_roles_named_by_titles(og: mlgraph.CompetencyGraph) -> None:
    assert og.count_by_kind()["role"] == 12
    actuary = og.node("onet:15-2011.00")
    assert actuary.label == "Actuaries" and actuary.area == "onet"
    assert og.resolve("actuary").id == "onet:15-2011.00"  # an alternate title
    assert actuary.mappings[0].code == "15-2011.00"
    assert "onet-29.2" in og.sources and "CC BY 4.0" in og.sources["onet-29.2"].note
    if hasattr(og.sources["onet-29.2"], "license"):  # dcterms:license in RDF
        assert og.sources["onet-29.2"].license == "https://creativecommons.org/licenses/by/4.0/"


def test_rating_rule_importance_and_level(og: mlgraph.CompetencyGraph) -> None:
    reqs = {r.target: r for r in og.requirements("onet:15-2011.00")}
    for element in ("2.A.1.e", "2.C.4.a", "2.B.1.a", "2.A.1.a"):
        rows = _ratings("Skills.txt" if element.startswith("2.A") or element.startswith("2.B") else "Knowledge.txt",
                        "15-2011.00", element)  # fmt: skip
        im, lv = float(rows["IM"][6]), float(rows["LV"][6])
        req = reqs.get(f"onet:{element}")
        if im < onet.MIN_IMPORTANCE:
            assert req is None
        else:
            assert req is not None
            assert req.importance == ("essential" if im >= onet.ESSENTIAL_IMPORTANCE else "optional")
            assert req.level == onet.onet_level(lv)


def test_not_relevant_and_suppressed_ratings_drop_the_requirement(tmp_path: Path) -> None:
    folder = _copy(tmp_path, ONET)
    rows = _ratings("Skills.txt", "15-2011.00", "2.A.1.e")  # Mathematics, essential for actuaries
    _edit(folder, "Skills.txt", "\t".join(rows["LV"]), "\t".join([*rows["LV"][:12], "Y", *rows["LV"][13:]]))
    rows_r = _ratings("Skills.txt", "15-2011.00", "2.A.2.a")  # Critical Thinking
    _edit(folder, "Skills.txt", "\t".join(rows_r["IM"]), "\t".join([*rows_r["IM"][:11], "Y", *rows_r["IM"][12:]]))
    g = read_onet(folder)
    targets = {r.target for r in g.requirements("onet:15-2011.00")}
    assert "onet:2.A.1.e" not in targets and "onet:2.A.2.a" not in targets
    assert "onet:2.A.1.e" in {r.target for r in read_onet(ONET).requirements("onet:15-2011.00")}


def test_occupation_without_ratings_gets_a_profile_and_says_where_from(og: mlgraph.CompetencyGraph) -> None:
    ds = og.node("onet:15-2051.00")  # Data Scientists: no Skills/Knowledge rows in O*NET 29.2
    reqs = og.requirements(ds.id)
    imputed = [r for r in reqs if "onet-29.2-imputed" in r.sources]
    assert imputed and all(r.target.startswith("onet:2.") for r in imputed)
    assert "Business Intelligence Analysts (15-2051.01)" in ds.description
    assert any(og.node(r.target).kind == "tool" for r in reqs)  # its own technology stays


def test_technology_tools_grouped_by_commodity_with_acronyms(og: mlgraph.CompetencyGraph) -> None:
    sql = og.resolve("SQL")
    assert sql.kind == "tool" and sql.label == "Structured query language SQL"
    assert "Hot technology" in sql.description
    commodities = [e.target for e in og.edges_of(sql.id) if e.relation == "broader"]
    assert commodities and all(og.node(c).id.startswith("onet:unspsc:") for c in commodities)


def test_hierarchy_job_zone_and_interests(og: mlgraph.CompetencyGraph) -> None:
    broader = {(e.source, e.target) for e in og.edges("broader")}
    assert ("onet:2.A.1.a", "onet:2.A.1") in broader and ("onet:2.A.1", "onet:2.A") in broader
    assert all(not e.core for e in og.edges("broader"))
    zone = {r.target: r.level for r in og.requirements("onet:15-2011.00")}[onet.JOB_ZONE_ID]
    row = next(x for x in (ONET / "Job Zones.txt").read_text().splitlines() if x.startswith("15-2011.00"))
    assert zone == int(row.split("\t")[2])
    assert og.node("onet:1.B.1.b").label == "Investigative interests"


def test_dwas_keep_their_hierarchy(og: mlgraph.CompetencyGraph) -> None:
    dwas = [n for n in og.nodes() if n.area == "onet-work-activities" and ".D" in n.id]
    assert dwas
    iwa = [e.target for e in og.edges_of(dwas[0].id) if e.relation == "broader" and e.source == dwas[0].id]
    gwa = [e.target for e in og.edges_of(iwa[0]) if e.relation == "broader" and e.source == iwa[0]]
    assert iwa[0] == dwas[0].id.rsplit(".", 1)[0] and gwa == [iwa[0].rsplit(".", 1)[0]]


def test_load_onet_is_cached_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(onet, "_MEMO", {})
    folder = _copy(tmp_path, ONET)
    first = load_onet(folder)
    assert list((tmp_path / "cache").glob("onet-*.json"))
    onet._MEMO.clear()
    again = load_onet(folder)
    assert again == first and again.sources == first.sources
    _edit(folder, "Occupation Data.txt", "\tActuaries\t", "\tActuarial Scientists\t")
    assert load_onet(folder).node("onet:15-2011.00").label == "Actuarial Scientists"


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("Skills.txt", "\tIM\tImportance\t", "\tXX\tImportance\t", "unknown scale 'XX'"),
        ("Skills.txt", "Scale ID", "Scale", "missing column(s) 'Scale ID'"),
        ("Skills.txt", "15-2011.00\tActuaries\t2.A.1.a", "99-9999.00\tActuaries\t2.A.1.a", "unknown O*NET-SOC code"),
        ("Job Zones.txt", "\t5\t", "\t9\t", "job zone '9' is not 1-5"),
    ],
)
def test_onet_bad_input_names_file_and_line(tmp_path: Path, name: str, old: str, new: str, message: str) -> None:
    folder = _copy(tmp_path, ONET)
    _edit(folder, name, old, new)
    with pytest.raises(FormatError, match=r".*" + name.replace(".", r"\.") + r":\d+: ") as info:
        load_onet(folder)
    assert message in str(info.value)
    assert info.value.line is not None and info.value.line >= 1


def test_onet_truncated_row_and_missing_file(tmp_path: Path) -> None:
    folder = _copy(tmp_path, ONET)
    text = (folder / "Knowledge.txt").read_text(encoding="utf-8")
    (folder / "Knowledge.txt").write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(FormatError, match="truncated row") as info:
        load_onet(folder)
    assert info.value.path is not None and info.value.path.endswith("Knowledge.txt")
    assert info.value.line == text[: len(text) // 2].count("\n") + 1
    (folder / "Occupation Data.txt").unlink()
    with pytest.raises(FormatError, match=r"missing file 'Occupation Data\.txt'"):
        load_onet(folder)


def test_empty_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="empty"):
        load_onet(tmp_path)
    with pytest.raises(FormatError, match="empty"):
        load_esco(tmp_path)


# ---------------------------------------------------------------------------------------------- ESCO


def test_esco_occupations_skills_and_relations(eg: mlgraph.CompetencyGraph) -> None:
    ai = eg.resolve("machine learning engineer")
    assert ai.label == "artificial intelligence engineer"  # stray spaces stripped
    assert ai.id.startswith("esco:") and ai.mappings[0].uri.endswith(ai.id.removeprefix("esco:"))
    reqs = eg.requirements(ai.id)
    assert reqs and {r.importance for r in reqs} <= {"essential", "optional"} and {r.level for r in reqs} == {3}
    assert eg.count_by_relation().get("broader", 0) > 0 and eg.count_by_relation().get("related", 0) > 0
    kinds = {n.kind for n in eg.nodes() if n.kind != "role"}
    assert kinds <= {"skill", "concept"}
    assert "European Commission" in eg.sources["esco-1.2.0"].note


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("occupationSkillRelations_en.csv", ",essential,", ",mandatory,", "unknown relationType 'mandatory'"),
        ("skills_en.csv", "skillType", "type", "missing column(s) 'skillType'"),
        ("skills_en.csv", ",knowledge,", ",hobby,", "unknown skillType 'hobby'"),
    ],
)
def test_esco_bad_input_names_file_and_line(tmp_path: Path, name: str, old: str, new: str, message: str) -> None:
    folder = _copy(tmp_path, ESCO)
    _edit(folder, name, old, new)
    with pytest.raises(FormatError, match=name.replace(".", r"\.") + r":\d+: ") as info:
        load_esco(folder)
    assert message in str(info.value)


def test_esco_truncated_record(tmp_path: Path) -> None:
    folder = _copy(tmp_path, ESCO)
    path = folder / "occupationSkillRelations_en.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines[:5], lines[5].rsplit(",", 1)[0]]) + "\n", encoding="utf-8")
    with pytest.raises(FormatError, match="truncated record") as info:
        load_esco(folder)
    assert info.value.line == 6


# ---------------------------------------------------------------------------------------------- merge


@pytest.fixture(scope="module")
def merged(og: mlgraph.CompetencyGraph, eg: mlgraph.CompetencyGraph) -> mlgraph.CompetencyGraph:
    return mlgraph.merge(mlgraph.load(), og, eg)


def test_merge_joins_crosswalk_and_tools(merged: mlgraph.CompetencyGraph) -> None:
    ds = merged.resolve("onet:15-2051.00")
    assert ds.id == "data-scientist"  # the bundled role's exact O*NET mapping
    assert {"editorial", "onet-29.2"} <= set(ds.sources) or "onet-29.2" in ds.sources
    assert merged.resolve("onet:tool:python").id == "python"
    esco_ds = [m for m in ds.mappings if m.scheme == "esco" and m.match == "exact"]
    assert esco_ds and merged.resolve(f"esco:{esco_ds[0].uri.rsplit('/', 1)[1]}").id == "data-scientist"
    # a label beats an alias: O*NET lists "Machine Learning Engineer" as an alternate title of three occupations
    assert merged.resolve("Machine Learning Engineer").id == "machine-learning-engineer"


def test_merge_keeps_conflicts_with_their_sources(merged: mlgraph.CompetencyGraph) -> None:
    conflicts = {k: s for k, s in merged.sources.items() if k.startswith("merge-conflict-")}
    assert conflicts
    ds = merged.node("data-scientist")
    cited = [c for c in ds.sources if c in conflicts]
    assert cited and "onet-29.2" in conflicts[cited[0]].note  # O*NET's description kept, not overwritten


def test_actuary_into_machine_learning_engineer(merged: mlgraph.CompetencyGraph) -> None:
    move = mlgraph.transition(merged, "onet:15-2011.00", "Machine Learning Engineer")
    carried = {i.id for i in move.shared} | {i.id for i in move.gap if i.current_level}
    assert "python" in carried  # O*NET's actuaries use Python, merged with the bundled tool
    steps = [s.id for s in move.plan.steps]
    assert steps and steps.index("python") < steps.index("pytorch")
    assert move.total_hours > 0


def test_merge_of_one_graph_is_that_graph(og: mlgraph.CompetencyGraph) -> None:
    assert mlgraph.merge(og) is og
    with pytest.raises(mlgraph.MlgraphError):
        mlgraph.merge()


# ---------------------------------------------------------------------------------------------- occupation ranking


def test_nearest_occupations_read_well(og: mlgraph.CompetencyGraph) -> None:
    from mlgraph.plan.occupations import occupation_similarity, similar_occupations

    near = [o.id for o in similar_occupations(og, "Actuaries", top=4)]
    assert set(near) <= {f"onet:{c}" for c in ("15-2041.00", "15-2021.00", "15-2051.00", "15-2051.01", "13-2051.00")}
    last = [o.id for o in similar_occupations(og, "Actuaries", top=None)][-3:]
    assert "onet:15-2041.00" not in last
    a, b = "onet:15-2011.00", "onet:25-2031.00"
    assert occupation_similarity(og, a, b) == occupation_similarity(og, b, a) < occupation_similarity(og, a, a) == 1.0


def test_rank_transitions_takes_the_occupation_hooks(og: mlgraph.CompetencyGraph) -> None:
    from mlgraph.plan.occupations import dissimilarity_penalty, similar_occupations, similarity_pairs

    rank_transitions = pytest.importorskip("mlgraph.plan.ranking").rank_transitions  # the hooks (H5)

    ranked = rank_transitions(og, "Statisticians", top=3, similarity=similarity_pairs, penalty=dissimilarity_penalty)
    assert [m.to for m in ranked] == [o.id for o in similar_occupations(og, "Statisticians", top=3)]


@pytest.mark.parametrize("suffix", ["ttl", "json", "graphml"])
def test_imports_survive_every_export_with_their_attribution(
    og: mlgraph.CompetencyGraph, eg: mlgraph.CompetencyGraph, tmp_path: Path, suffix: str
) -> None:
    for g in (og, eg):
        back = mlgraph.read(mlgraph.export(g, tmp_path / f"g.{suffix}"))
        assert back == g and back.sources == g.sources


def test_plain_rank_transitions_uses_occupation_similarity_on_imported_graphs(og: mlgraph.CompetencyGraph) -> None:
    from mlgraph.plan.occupations import similar_occupations

    ranked = mlgraph.rank_transitions(og, "Actuaries", top=3)
    assert [m.to for m in ranked] == [o.id for o in similar_occupations(og, "Actuaries", top=3)]
