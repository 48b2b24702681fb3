"""SHACL validation of exported RDF against the shapes that ship in ``ontology/shapes.ttl``.

The shapes say what a faithful export holds: every node one English ``skos:prefLabel``, a definition, an id,
exactly one kind and non-negative ``mlg:effortHours``; every requirement a role, an ESCO importance property,
a competency and a level from 1 to 5, qualifying a triple the graph states; mappings, salaries and sources
well formed; each relation joining the right kinds. :func:`validate` runs pyshacl (the ``shacl`` extra) and
returns its result as it is: ``(conforms, report_graph, report_text)``.

>>> import mlgraph
>>> g = mlgraph.CompetencyGraph.from_records(
...     [{"id": "python", "kind": "tool", "label": "Python", "description": "A language.",
...       "effort_hours": 80, "sources": ["editorial"]}])
>>> conforms, report, text = validate(g)
>>> conforms
True
"""

from __future__ import annotations

from pathlib import Path

from mlgraph.errors import MlgraphError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import rdflib

    from mlgraph.model.graph import CompetencyGraph

__all__ = ["shapes_path", "validate"]


def shapes_path() -> Path:
    """The bundled shapes file, ``ontology/shapes.ttl`` (inside the installed package or the source tree)."""
    from mlgraph.io.ontology import bundled_path

    return bundled_path() / "shapes.ttl"


def validate(
    data: CompetencyGraph | rdflib.Graph,
    *,
    shapes: str | Path | rdflib.Graph | None = None,
) -> tuple[bool, rdflib.Graph, str]:
    """Validate a graph, or RDF already in an :class:`rdflib.Graph`, against the SHACL shapes.

    Parameters
    ----------
    data : CompetencyGraph or rdflib.Graph
        A CompetencyGraph is exported first (with the TBox, on rdflib's in-memory store).
    shapes : path or rdflib.Graph, optional
        Other shapes; the bundled ``ontology/shapes.ttl`` by default.

    Returns
    -------
    conforms : bool
    report_graph : rdflib.Graph
        The SHACL validation report as RDF.
    report_text : str
        The same, for people.

    Raises
    ------
    MlgraphError
        When pyshacl is not installed (``pip install mlgraph[shacl]``).
    """
    try:
        import pyshacl
    except ImportError as exc:  # pragma: no cover - the extra is part of the test environment
        raise MlgraphError("SHACL validation needs pyshacl", hint="pip install 'mlgraph[shacl]'") from exc
    import rdflib

    if not isinstance(data, rdflib.Graph):
        from mlgraph.io.rdf import to_rdf

        data = to_rdf(data, store="default")
    if not isinstance(shapes, rdflib.Graph):
        shapes = rdflib.Graph().parse(str(shapes or shapes_path()), format="turtle")
    conforms, report_graph, report_text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=False,
    )
    return bool(conforms), report_graph, str(report_text)
