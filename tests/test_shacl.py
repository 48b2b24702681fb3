"""The shipped SHACL shapes: exports conform, broken graphs do not, and the report says why."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SKOS

import mlgraph
from mlgraph.cli import main
from mlgraph.io.rdf import to_rdf
from mlgraph.io.shacl import shapes_path, validate
from mlgraph.model.vocab import ESCO, MLG

BASE = rdflib.Namespace("https://w3id.org/mlgraph/")
DECIMAL = rdflib.namespace.XSD.decimal


def test_the_shapes_ship_in_the_ontology_folder() -> None:
    path = shapes_path()
    assert path.parent == mlgraph.bundled_path()
    assert "shape" in path.name
    shapes = rdflib.Graph().parse(path)
    assert len(shapes) > 50


def test_the_mini_export_conforms(mini: mlgraph.CompetencyGraph) -> None:
    conforms, report, text = validate(mini)
    assert conforms, text
    assert isinstance(report, rdflib.Graph)


def test_the_bundled_export_conforms() -> None:
    conforms, _, text = validate(mlgraph.load())
    assert conforms, text[:3000]


@pytest.fixture
def data(mini: mlgraph.CompetencyGraph) -> rdflib.Graph:
    return to_rdf(mini, store="default")


def assert_breaks(data: rdflib.Graph, *phrases: str) -> None:
    conforms, _, text = validate(data)
    assert not conforms
    for phrase in phrases:
        assert phrase in text, text


def test_a_concept_without_a_preflabel_does_not_conform(data: rdflib.Graph) -> None:
    data.remove((BASE["algebra"], SKOS.prefLabel, None))
    assert_breaks(data, "exactly one English skos:prefLabel", "algebra")


def test_two_english_labels_do_not_conform(data: rdflib.Graph) -> None:
    data.add((BASE["algebra"], SKOS.prefLabel, rdflib.Literal("Algebra again", lang="en")))
    assert_breaks(data, "exactly one English skos:prefLabel")


def test_negative_hours_do_not_conform(data: rdflib.Graph) -> None:
    data.set((BASE["python"], MLG.effortHours, rdflib.Literal("-3.0", datatype=DECIMAL)))
    assert_breaks(data, "non-negative")


def test_a_missing_definition_or_kind_does_not_conform(data: rdflib.Graph) -> None:
    data.remove((BASE["python"], SKOS.definition, None))
    data.remove((BASE["pytorch"], RDF.type, MLG.Tool))
    assert_breaks(data, "has a definition", "exactly one kind")


def test_invalid_requirement_qualifiers_do_not_conform(data: rdflib.Graph) -> None:
    requirement = BASE["requirement/ml-engineer/python"]
    data.set((requirement, MLG.level, rdflib.Literal(7)))
    assert_breaks(data, "level, an integer from 1")
    data.set((requirement, MLG.level, rdflib.Literal(4)))
    data.set((requirement, RDF.predicate, SKOS.related))
    assert_breaks(data, "importance is esco:relatedEssentialSkill")


def test_a_requirement_that_qualifies_no_stated_triple_does_not_conform(data: rdflib.Graph) -> None:
    data.remove((BASE["ml-engineer"], ESCO.relatedEssentialSkill, BASE["python"]))
    assert_breaks(data, "qualifies a triple the graph does not state")


def test_a_prerequisite_from_a_role_does_not_conform(data: rdflib.Graph) -> None:
    data.add((BASE["ml-engineer"], MLG.prerequisiteOf, BASE["python"]))
    assert_breaks(data, "prerequisite joins two competencies")


def test_validate_shacl_on_the_command_line(mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(mini_dir), "--shacl"]) == 0
    assert "conforms" in capsys.readouterr().out


def test_broader_parts_and_areas_conform_and_a_role_as_part_does_not() -> None:
    g = mlgraph.CompetencyGraph.from_records(
        [
            {"id": "cnn", "kind": "concept", "label": "CNN", "description": "d", "sources": ["s"], "area": "dl"},
            {"id": "dl", "kind": "concept", "label": "DL", "description": "d", "sources": ["s"]},
        ],
        [{"source": "cnn", "target": "dl", "relation": "broader"}],
    )
    assert validate(g)[0]
    data = to_rdf(g, store="default")
    data.set((BASE["dl"], RDF.type, MLG.Role))
    data.remove((BASE["dl"], RDF.type, MLG.Concept))
    conforms, _, text = validate(data)
    assert not conforms and "umbrella" in text
    data = to_rdf(g, store="default")
    data.remove((BASE["cnn"], SKOS.broader, BASE["dl"]))  # a core part must be stated as skos:broader too
    conforms, _, text = validate(data)
    assert not conforms and "stated as skos:broader too" in text
