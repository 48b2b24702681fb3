"""Each rule a graph must obey is refused with an error that names the file, the line and the id."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mlgraph
from mlgraph import CompetencyGraph, FormatError, GraphValidationError


def concept(i: str, **kw: object) -> dict[str, object]:
    return {"id": i, "kind": "concept", "label": i.title(), **kw}


def edge(s: str, t: str, rel: str = "prerequisite", **kw: object) -> dict[str, object]:
    return {"source": s, "target": t, "relation": rel, **kw}


def problems_of(nodes: list[dict[str, object]], edges: list[dict[str, object]]) -> str:
    with pytest.raises(GraphValidationError) as info:
        CompetencyGraph.from_records(nodes, edges)
    assert isinstance(info.value, mlgraph.MlgraphError)
    return str(info.value)


def test_duplicate_id() -> None:
    assert "duplicate id 'a'" in problems_of([concept("a"), concept("a")], [])


def test_dangling_reference_suggests_nearest() -> None:
    msg = problems_of([concept("linear-algebra"), concept("b")], [edge("linear-algebr", "b")])
    assert "unknown id 'linear-algebr'" in msg
    assert "did you mean 'linear-algebra'" in msg


def test_unknown_kind() -> None:
    msg = problems_of([{"id": "a", "kind": "gadget", "label": "A"}], [])
    assert "node 'a'" in msg and "kind" in msg


def test_unknown_relation() -> None:
    msg = problems_of([concept("a"), concept("b")], [edge("a", "b", "likes")])
    assert "relation" in msg and "likes" in msg


def test_prerequisite_cycle_names_its_nodes() -> None:
    msg = problems_of([concept("a"), concept("b"), concept("c")], [edge("a", "b"), edge("b", "c"), edge("c", "a")])
    assert "prerequisite cycle: a -> b -> c -> a" in msg


def test_empty_label() -> None:
    assert "label" in problems_of([{"id": "a", "kind": "concept", "label": "   "}], [])


def test_negative_hours() -> None:
    msg = problems_of([concept("a", effort_hours=-3)], [])
    assert "effort_hours" in msg and "-3" in msg


def test_requirement_must_start_at_a_role() -> None:
    msg = problems_of([concept("a"), concept("b")], [edge("a", "b", "requirement")])
    assert "requirement goes from a role to a competency" in msg


def test_prerequisite_may_not_touch_a_role() -> None:
    role = {"id": "r", "kind": "role", "label": "R"}
    msg = problems_of([role, concept("a")], [edge("a", "r")])
    assert "never a role" in msg


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(GraphValidationError) as info:
        CompetencyGraph.from_records([concept("a"), concept("a")], [edge("a", "x"), edge("a", "y")])
    assert len(info.value.problems) == 3


def test_undeclared_source_is_free_text_in_code_but_an_error_in_files(edited_copy) -> None:  # type: ignore[no-untyped-def]
    g = CompetencyGraph.from_records([concept("a", sources=["my notes"])])
    assert g.node("a").sources == ("my notes",)
    root = edited_copy("competencies/basics.yaml", "sources: [seed-a]", "sources: [seed-zz]")
    with pytest.raises(
        GraphValidationError, match=r"basics\.yaml:\d+: node 'python' cites undeclared source 'seed-zz'"
    ):
        mlgraph.load(root)


def test_file_errors_name_file_and_line(edited_copy) -> None:  # type: ignore[no-untyped-def]
    root = edited_copy("competencies/basics.yaml", "prerequisites: [derivatives]", "prerequisites: [derivativs]")
    with pytest.raises(GraphValidationError) as info:
        mlgraph.load(root)
    problem = info.value.problems[0]
    assert problem.path is not None and problem.path.endswith("basics.yaml")
    assert problem.line == 22  # the line of "prerequisites: [derivativs]"
    assert "did you mean 'derivatives'" in str(info.value)


def test_duplicate_across_files_names_both_places(edited_copy) -> None:  # type: ignore[no-untyped-def]
    root = edited_copy("roles.yaml", "id: lead-ml-engineer\n    kind: role", "id: python\n    kind: role")
    with pytest.raises(
        GraphValidationError, match=r"roles\.yaml:\d+: duplicate id 'python' \(first defined at .*basics\.yaml:\d+\)"
    ):
        mlgraph.load(root)


def test_misspelt_field_is_named_with_a_suggestion(edited_copy) -> None:  # type: ignore[no-untyped-def]
    root = edited_copy("competencies/basics.yaml", "effort_hours: 15", "efort_hours: 15")
    with pytest.raises(
        GraphValidationError,
        match=r"basics\.yaml:\d+: node 'derivatives': unknown field 'efort_hours'; did you mean 'effort_hours'",
    ):
        mlgraph.load(root)


def test_yaml_syntax_error_names_the_line(edited_copy) -> None:  # type: ignore[no-untyped-def]
    root = edited_copy("competencies/basics.yaml", "label: Chain rule", "label: [Chain rule")
    with pytest.raises(FormatError, match=r"basics\.yaml:\d+: invalid YAML"):
        mlgraph.load(root)


def test_missing_directory_is_a_format_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FormatError, match="not a directory"):
        mlgraph.load(tmp_path / "nope")


def test_requirement_level_out_of_range(edited_copy) -> None:  # type: ignore[no-untyped-def]
    root = edited_copy("roles.yaml", "importance: essential, level: 4,", "importance: essential, level: 7,")
    with pytest.raises(GraphValidationError, match=r"roles\.yaml:\d+: .*requires 'python'.*level"):
        mlgraph.load(root)


def test_yaml_alias_bomb_is_refused_promptly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "bomb"
    root.mkdir()
    levels = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    (root / "bomb.yaml").write_text("\n".join(levels) + "\nnodes: [*a8]\n")
    with pytest.raises(FormatError, match=r"bomb\.yaml.*aliases .* are not allowed"):
        mlgraph.load(root)


# ---------------------------------------------------------------- numbers, IRIs and names (issues 10 and 16)


def test_non_finite_hours_in_a_file_name_file_line_and_id(edited_copy) -> None:  # type: ignore[no-untyped-def]
    root = edited_copy("competencies/basics.yaml", "effort_hours: 40", "effort_hours: 1e400")
    with pytest.raises(GraphValidationError, match="finite") as info:
        mlgraph.load(root)
    problem = info.value.problems[0]
    assert (Path(problem.path or "").name, problem.line, problem.node_id) == ("basics.yaml", 2, "algebra")


@pytest.mark.parametrize("value", [float("inf"), float("nan"), "1e400", "-inf"])
def test_non_finite_numbers_are_refused(value: object) -> None:
    assert "finite" in problems_of([concept("a", effort_hours=value)], [])
    role = {"id": "r", "kind": "role", "label": "R", "salaries": [{"min": value, "source": "s"}]}
    assert "node 'r'" in problems_of([role], [])


BAD_IRIS = ["http://x/%zz", "urn:a#b#c", "http://[::1", "not an iri", "relative/path", "http://x/<y>", "http://x/\x01"]


@pytest.mark.parametrize("iri", BAD_IRIS)
def test_invalid_iris_are_refused_where_records_are_made(iri: str) -> None:
    mapping = {"scheme": "esco", "match": "exact", "uri": iri}
    assert "not a valid IRI" in problems_of([concept("a", mappings=[mapping])], [])
    resource = {"id": "book", "kind": "resource", "label": "Book", "url": iri}
    assert "node 'book'" in problems_of([resource], [])
    with pytest.raises(mlgraph.MlgraphError, match="not a valid IRI"):
        CompetencyGraph.from_records([concept("a")], sources=[{"id": "s", "url": iri}])
    with pytest.raises(mlgraph.MlgraphError, match="invalid base IRI"):
        mlgraph.to_rdf(CompetencyGraph.from_records([concept("a")]), base=iri + "/")


def test_an_onet_code_must_make_a_valid_iri() -> None:
    mapping = {"scheme": "onet", "match": "exact", "code": "15-2051 .00"}
    assert "not a valid IRI" in problems_of([concept("a", mappings=[mapping])], [])


@pytest.mark.parametrize(
    "iri", ["http://data.europa.eu/esco/skill/abc", "https://example.org/a?b=c&d=e#f", "http://x/café", "urn:isbn:1"]
)
def test_valid_iris_are_kept(iri: str) -> None:
    g = CompetencyGraph.from_records([concept("a", mappings=[{"scheme": "esco", "match": "close", "uri": iri}])])
    assert g.node("a").mappings[0].uri == iri


def test_the_iri_check_without_pyoxigraph(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from mlgraph.model import records

    real_import = builtins.__import__

    def no_pyoxigraph(name: str, *args: object, **kwargs: object) -> object:
        if name == "pyoxigraph":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pyoxigraph)
    records._iri_problem.cache_clear()
    try:
        for iri in BAD_IRIS:
            assert records._iri_problem(iri) is not None, iri
        for iri in ("http://[::1]/a", "https://example.org/a?b=c&d=e#f", "mailto:x@y", "http://x/é"):
            assert records._iri_problem(iri) is None, iri
    finally:
        records._iri_problem.cache_clear()


def test_aliases_must_find_one_node() -> None:
    msg = problems_of([concept("a", aliases=["alpha", "Alpha", "alpha "]), concept("b")], [])
    assert "node 'a': alias 'alpha' is listed twice" in msg and "'Alpha'" not in msg  # case variants are fine
    assert "repeats its label" in problems_of([concept("a", aliases=["A"])], [])
    msg = problems_of([concept("a", aliases=["Shared"]), concept("b", aliases=["shared"])], [])
    assert "node 'a': alias 'Shared' also names 'b'" in msg and "node 'b': alias 'shared' also names 'a'" in msg
    msg = problems_of([concept("a", aliases=["B"]), concept("b")], [])  # another node's label
    assert "alias 'B' also names 'b'" in msg


def test_an_alias_clash_in_files_names_the_file_and_line(edited_copy) -> None:  # type: ignore[no-untyped-def]
    root = edited_copy("competencies/basics.yaml", "aliases: [NN, ANN]", "aliases: [NN, ANN, py]")
    with pytest.raises(GraphValidationError, match="alias 'py' also names 'python'") as info:
        mlgraph.load(root)
    assert {p.line for p in info.value.problems} == {23, 31}


@pytest.mark.parametrize("rapidfuzz", [True, False])
def test_suggestions_among_many_names_stay_relevant(monkeypatch: pytest.MonkeyPatch, rapidfuzz: bool) -> None:
    import sys

    from mlgraph.model.naming import NameIndex

    if not rapidfuzz:
        monkeypatch.setitem(sys.modules, "rapidfuzz", None)  # the trigram index and difflib

    names = [(f"skill-{i:05d}-{w}", [f"Skill {i} {w}"]) for i, w in enumerate(["alpha", "beta", "gamma"] * 3000)]
    index = NameIndex([*names, ("linear-algebra", ["Linear Algebra"]), ("large-language-models", ["LLMs"])])
    assert index.suggest("linear-algebr")[0] == "linear-algebra"
    assert index.suggest("large-languge-models")[0] == "large-language-models"
    assert index.suggest("skill-00041-gama")[0] == "skill-00041-gamma"
    assert index.suggest("") == [] and index.suggest("zzzzqqq") == []


@settings(max_examples=60, deadline=None)
@given(iri=st.from_regex(r"[a-z][a-z0-9+.\-]{0,5}:[^\s]{0,12}", fullmatch=True))
def test_a_scheme_shaped_text_is_refused_or_survives_every_format(iri: str) -> None:
    """Whatever looks like an IRI either fails at the record or exports and reads back (never half-way)."""
    import tempfile

    try:
        g = CompetencyGraph.from_records([concept("a", mappings=[{"scheme": "esco", "match": "exact", "uri": iri}])])
    except GraphValidationError:
        return
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".nt", ".rdf", ".jsonld"):
            assert mlgraph.read(mlgraph.export(g, Path(folder) / f"g{suffix}", schema=False)) == g
