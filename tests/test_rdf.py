"""RDF that others understand: the vocabulary, SKOS/ESCO alignment, SPARQL over exports, lossless reading."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

import mlgraph
from graph_strategies import differences, graphs
from mlgraph.io.rdf import from_rdf, to_rdf, write_rdf
from mlgraph.io.rdf import terms as rdf_terms
from mlgraph.model.vocab import ESCO, MLG, ONTOLOGY_IRI

BASE = rdflib.Namespace("https://w3id.org/mlgraph/")
SCHEMA = mlgraph.bundled_path() / "schema.ttl"


@pytest.fixture(scope="module")
def schema() -> rdflib.Graph:
    return rdflib.Graph().parse(SCHEMA, format="turtle")


@pytest.fixture(scope="module")
def bundled() -> mlgraph.CompetencyGraph:
    return mlgraph.load()


@pytest.fixture(scope="module")
def bundled_rdf(bundled: mlgraph.CompetencyGraph) -> rdflib.Graph:
    return to_rdf(bundled)


# ---------------------------------------------------------------- the vocabulary


def test_the_vocabulary_class_and_the_turtle_define_the_same_terms(schema: rdflib.Graph) -> None:
    namespace = str(MLG._NS)
    in_turtle = {str(s)[len(namespace) :] for s in schema.subjects() if str(s).startswith(namespace)}
    used_in_turtle = {
        str(term)[len(namespace) :] for triple in schema for term in triple if str(term).startswith(namespace)
    }
    in_class = set(MLG.__annotations__)
    assert in_turtle == in_class
    assert used_in_turtle <= in_class, "schema.ttl uses an mlg: term it does not define"
    for name in in_class:
        term = getattr(MLG, name)
        assert (term, RDF.type, None) in schema, f"mlg:{name} has no rdf:type"
        assert (term, RDFS.label, None) in schema, f"mlg:{name} has no label"
        assert (term, SKOS.definition, None) in schema, f"mlg:{name} has no definition"


def test_a_misspelt_term_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        MLG.prerequisitOf  # noqa: B018


def test_the_ontology_header(schema: rdflib.Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in schema
    assert schema.value(ONTOLOGY_IRI, DCTERMS.title) is not None
    assert schema.value(ONTOLOGY_IRI, OWL.versionIRI) is not None
    assert schema.value(ONTOLOGY_IRI, DCTERMS.license) is not None
    assert str(schema.value(ONTOLOGY_IRI, OWL.versionInfo)) == mlgraph.__version__


def test_the_schema_has_no_blank_nodes(schema: rdflib.Graph) -> None:
    assert not any(isinstance(term, rdflib.BNode) for triple in schema for term in triple)


def test_competency_classes_are_skos_concepts_and_roles_esco_occupations(schema: rdflib.Graph) -> None:
    for cls in (MLG.Skill, MLG.Tool, MLG.Concept, MLG.LearningResource, MLG.Role):
        assert (cls, RDFS.subClassOf, SKOS.Concept) in schema
    assert (MLG.Role, RDFS.subClassOf, ESCO.Occupation) in schema
    assert (MLG.prerequisiteOf, RDF.type, OWL.ObjectProperty) in schema
    assert "learned before" in str(schema.value(MLG.prerequisiteOf, SKOS.definition))
    assert (MLG.prerequisiteOf, RDF.type, OWL.TransitiveProperty) not in schema  # only direct edges are stated


# ---------------------------------------------------------------- what the export says


def test_nodes_are_skos_concepts_with_english_labels(mini: mlgraph.CompetencyGraph) -> None:
    g = to_rdf(mini)
    python = BASE["python"]
    assert (python, RDF.type, MLG.Tool) in g
    assert (python, RDF.type, SKOS.Concept) in g
    assert (python, SKOS.inScheme, BASE[""]) in g
    assert (BASE[""], RDF.type, SKOS.ConceptScheme) in g
    assert g.value(python, SKOS.prefLabel) == rdflib.Literal("Python", lang="en")
    assert set(g.objects(python, SKOS.altLabel)) == {
        rdflib.Literal("py", lang="en"),
        rdflib.Literal("Python 3", lang="en"),
    }
    assert g.value(python, SKOS.definition) == rdflib.Literal("A programming language.", lang="en")
    assert str(g.value(python, DCTERMS.identifier)) == "python"
    hours = g.value(python, MLG.effortHours)
    assert (float(hours), hours.datatype) == (100.0, rdflib.namespace.XSD.decimal)
    assert (python, DCTERMS.source, BASE["source/seed-a"]) in g
    assert str(g.value(BASE["source/seed-a"], DCTERMS.title)) == "A seed article"
    assert (BASE["ml-engineer"], RDF.type, MLG.Role) in g


def test_the_schema_travels_with_the_export(mini: mlgraph.CompetencyGraph) -> None:
    g = to_rdf(mini)
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert (MLG.Skill, RDFS.subClassOf, SKOS.Concept) in g
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) not in to_rdf(mini, schema=False)


def test_the_prerequisite_closure_is_one_sparql_property_path(
    bundled: mlgraph.CompetencyGraph, bundled_rdf: rdflib.Graph
) -> None:
    target = "pytorch" if "pytorch" in bundled else bundled.nodes(kind="tool")[0].id
    rows = bundled_rdf.query(f"SELECT DISTINCT ?before WHERE {{ ?before mlg:prerequisiteOf+ :{target} }}")
    found = sorted(str(row.before)[len(str(BASE)) :] for row in rows)
    assert found == bundled.prerequisites(target, transitive=True)
    assert found  # the bundled graph's PyTorch has prerequisites


def test_requirements_keep_importance_and_level(bundled: mlgraph.CompetencyGraph, bundled_rdf: rdflib.Graph) -> None:
    role = bundled.resolve("Machine Learning Engineer").id
    rows = bundled_rdf.query(
        f"""SELECT ?competency ?importance ?level WHERE {{
                ?r a mlg:Requirement ; rdf:subject :{role} ; rdf:predicate ?importance ; rdf:object ?competency ;
                   mlg:level ?level .
                :{role} ?importance ?competency .
            }}"""
    )
    found = {
        (str(r.competency)[len(str(BASE)) :], str(r.importance).rsplit("#related", 1)[1], int(r.level)) for r in rows
    }
    expected = {(e.target, f"{e.importance.title()}Skill", e.level) for e in bundled.requirements(role)}
    assert found == expected and found


def test_crosswalk_mappings_are_skos_matches_to_esco_and_onet(
    bundled: mlgraph.CompetencyGraph, bundled_rdf: rdflib.Graph
) -> None:
    mapped = [(n, m) for n in bundled.nodes() for m in n.mappings]
    assert mapped
    for node, m in mapped:
        predicate = SKOS[f"{m.match}Match"]
        assert (BASE[rdf_terms.encode_id(node.id)], predicate, rdflib.URIRef(m.target)) in bundled_rdf
    onet = [m for _, m in mapped if m.scheme == "onet"]
    assert all(m.target.startswith("https://www.onetonline.org/link/summary/") for m in onet)


def test_every_node_and_cited_source_is_named_no_blank_nodes(bundled_rdf: rdflib.Graph) -> None:
    assert not any(isinstance(term, rdflib.BNode) for triple in bundled_rdf for term in triple)


def test_lists_keep_their_order_and_sorted_lists_need_no_hint() -> None:
    g = mlgraph.CompetencyGraph.from_records(
        [
            {"id": "a", "kind": "concept", "label": "A", "aliases": ["zeta", "alpha", "gamma"]},
            {"id": "b", "kind": "concept", "label": "B", "aliases": ["beta", "delta"]},
        ]
    )
    out = to_rdf(g, schema=False)
    assert out.value(BASE["a"], MLG.aliasOrder) is not None
    assert out.value(BASE["b"], MLG.aliasOrder) is None
    back = from_rdf(out)
    assert back.node("a").aliases == ("zeta", "alpha", "gamma")
    assert back.node("b").aliases == ("beta", "delta")


def test_ids_that_are_not_iri_safe_round_trip() -> None:
    ids = ["c++/cli", "50%", "a#b", "café", "x<y>", "ontology", "source"]
    g = mlgraph.CompetencyGraph.from_records([{"id": i, "kind": "tool", "label": i} for i in ids])
    out = to_rdf(g, schema=False)
    subjects = {str(s) for s in out.subjects(RDF.type, MLG.Tool)}
    assert "https://w3id.org/mlgraph/c%2B%2B%2Fcli" not in subjects  # '+' needs no escape
    assert "https://w3id.org/mlgraph/c++%2Fcli" in subjects
    assert from_rdf(out) == g


# ---------------------------------------------------------------- reading RDF written by others


def read_turtle(text: str, tmp_path: Path) -> mlgraph.CompetencyGraph:
    path = tmp_path / "hand.ttl"
    path.write_text("@prefix mlg: <https://w3id.org/mlgraph/ontology#> .\n" + PREFIXES + text)
    return mlgraph.read(path)


PREFIXES = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix esco: <http://data.europa.eu/esco/model#> .
@prefix ex: <https://example.org/> .
"""


def test_hand_written_turtle_reads_with_ids_from_iris(tmp_path: Path) -> None:
    g = read_turtle(
        """
        ex:calculus a mlg:Concept ; skos:prefLabel "Calculus"@en ; mlg:hasPrerequisite ex:algebra .
        ex:algebra a mlg:Concept ; skos:prefLabel "Algebra"@en, "Algèbre"@fr .
        ex:analyst a mlg:Role ; skos:prefLabel "Analyst" ; esco:relatedOptionalSkill ex:calculus ;
            skos:related <http://example.org/not-a-node> .
        """,
        tmp_path,
    )
    assert g.prerequisites("calculus") == ["algebra"]
    assert g.node("algebra").label == "Algebra"
    [requirement] = g.requirements("analyst")
    assert (requirement.importance, requirement.level) == ("optional", 3)


def test_a_file_without_mlgraph_nodes_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(mlgraph.FormatError, match="no mlgraph nodes"):
        read_turtle("ex:a ex:b ex:c .", tmp_path)


def test_an_edge_to_something_that_is_not_a_node_is_reported(tmp_path: Path) -> None:
    with pytest.raises(mlgraph.GraphValidationError, match="not a node"):
        read_turtle('ex:a a mlg:Tool ; skos:prefLabel "A" ; mlg:prerequisiteOf ex:missing .', tmp_path)


def test_a_bad_level_is_reported(tmp_path: Path) -> None:
    with pytest.raises(mlgraph.GraphValidationError, match="level 7"):
        read_turtle(
            """
            ex:r a mlg:Role ; skos:prefLabel "R" ; esco:relatedEssentialSkill ex:c .
            ex:c a mlg:Skill ; skos:prefLabel "C" .
            ex:q a mlg:Requirement ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ex:r ;
                <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> esco:relatedEssentialSkill ;
                <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ex:c ; mlg:level 7 .
            """,
            tmp_path,
        )


# ---------------------------------------------------------------- the writer against two parsers


TTL = pyoxigraph.RdfFormat.TURTLE


def canonical(graph: rdflib.Graph) -> set[tuple[str, str, str]]:
    """Triples as pyoxigraph writes terms (a plain literal is an xsd:string), for comparing parsers."""
    out = set()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal):
            datatype = None if o.language else (o.datatype or rdflib.namespace.XSD.string)
            term = str(
                pyoxigraph.Literal(str(o), language=o.language, datatype=datatype and pyoxigraph.NamedNode(datatype))
            )
        else:
            term = f"<{o}>"
        out.add((str(s), str(p), term))
    return out


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(g=graphs())
def test_turtle_and_ntriples_mean_the_same_to_rdflib_and_to_pyoxigraph(g: mlgraph.CompetencyGraph) -> None:
    """The hand-written Turtle is checked by a second, independent parser (rdflib's own)."""
    turtle, ntriples = io.BytesIO(), io.BytesIO()
    write_rdf(g, turtle, "turtle", schema=False)
    write_rdf(g, ntriples, "nt", schema=False)
    by_rdflib = canonical(rdflib.Graph().parse(data=turtle.getvalue(), format="turtle"))
    assert by_rdflib == canonical(rdflib.Graph().parse(data=ntriples.getvalue(), format="nt"))
    by_pyoxigraph = {
        (q.subject.value, q.predicate.value, str(q.object)) for q in pyoxigraph.parse(turtle.getvalue(), format=TTL)
    }
    assert by_rdflib == by_pyoxigraph
    assert from_rdf(rdflib.Graph().parse(data=turtle.getvalue(), format="turtle")) == g


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".rdf"])
def test_without_pyoxigraph_rdflib_reads_and_writes(
    mini: mlgraph.CompetencyGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    monkeypatch.setattr(rdf_terms, "_has_oxigraph", lambda: False)
    path = mlgraph.export(mini, tmp_path / f"g{suffix}")
    back = mlgraph.read(path)
    assert back == mini, differences(mini, back)
    assert back.sources == mini.sources
    assert from_rdf(to_rdf(mini)) == mini


def test_to_rdf_on_either_store(mini: mlgraph.CompetencyGraph) -> None:
    for store in ("Oxigraph", "default"):
        g = to_rdf(mini, store=store)
        assert from_rdf(g) == mini
        assert bool(g.query("ASK { :python mlg:prerequisiteOf+ :pytorch }"))


def test_an_invalid_base_is_refused(mini: mlgraph.CompetencyGraph) -> None:
    with pytest.raises(mlgraph.MlgraphError, match="invalid base IRI"):
        to_rdf(mini, base="relative/path/")


def test_broader_is_skos_broader_and_core_parts_are_mlg_core_part_of() -> None:
    g = mlgraph.CompetencyGraph.from_records(
        [
            {"id": "cnn", "kind": "concept", "label": "CNN", "area": "deep-learning"},
            {"id": "dl", "kind": "concept", "label": "Deep learning", "area": "deep-learning"},
            {"id": "cv", "kind": "concept", "label": "Computer vision"},
        ],
        [
            {"source": "cnn", "target": "dl", "relation": "broader"},
            {"source": "cnn", "target": "cv", "relation": "broader", "importance": "optional", "sources": ["x"]},
        ],
    )
    rdf = to_rdf(g)
    cnn, dl, cv = BASE["cnn"], BASE["dl"], BASE["cv"]
    assert {(cnn, SKOS.broader, dl), (cnn, MLG.corePartOf, dl), (cnn, SKOS.broader, cv)} <= set(rdf)
    assert (cnn, MLG.corePartOf, cv) not in rdf
    assert str(rdf.value(cnn, MLG.area)) == "deep-learning" and rdf.value(cv, MLG.area) is None
    assert bool(rdf.query("ASK { :cnn skos:broader+ :dl . mlg:corePartOf rdfs:subPropertyOf skos:broader }"))
    back = from_rdf(rdf)
    assert back == g, differences(g, back)
    assert {(r.target, r.core) for r in back.edge_rows() if r.relation == "broader"} == {("dl", True), ("cv", False)}
