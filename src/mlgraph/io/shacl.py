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

__all__ = ["MAX_TRIPLES", "shapes_path", "validate"]

MAX_TRIPLES = 300_000
"""At most this many triples are validated (pyshacl holds several kilobytes per triple: a million-node file
would need gigabytes); ``MLGRAPH_SHACL_MAX_TRIPLES`` changes the bound."""


def _max_triples() -> int:
    import os

    text = os.environ.get("MLGRAPH_SHACL_MAX_TRIPLES", "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else MAX_TRIPLES


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
        Other shapes (a Turtle file, read behind :func:`mlgraph.io.guards.checked_file`); the bundled
        ``ontology/shapes.ttl`` by default.

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
        When pyshacl is not installed (``pip install mlgraph[shacl]``), or the data holds more than
        :data:`MAX_TRIPLES` triples (refused before validation starts, so memory stays bounded).
    FormatError
        When a shapes file is refused by the guards or is not valid Turtle.
    """
    try:
        import pyshacl
    except ImportError as exc:  # pragma: no cover - the extra is part of the test environment
        raise MlgraphError("SHACL validation needs pyshacl", hint="pip install 'mlgraph[shacl]'") from exc
    import rdflib

    limit = _max_triples()
    if not isinstance(data, rdflib.Graph):
        from mlgraph.io.rdf import to_rdf

        if len(data) + len(data.edge_rows()) > limit // 4:  # at least 4 triples per node and per edge
            _refuse(len(data) * 4 + len(data.edge_rows()) * 4, limit)
        data = to_rdf(data, store="default")
    if len(data) > limit:
        _refuse(len(data), limit)
    if not isinstance(shapes, rdflib.Graph):
        from mlgraph.io.guards import checked_file
        from mlgraph.io.rdf.parse import _rdflib_parse

        shapes = _rdflib_parse(checked_file(shapes or shapes_path(), "turtle"), "turtle")
    conforms, report_graph, report_text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=False,
    )
    return bool(conforms), report_graph, str(report_text)


def _refuse(count: int, limit: int) -> None:
    raise MlgraphError(
        f"SHACL validation is bounded to {limit:,} triples and this graph holds at least {count:,}",
        hint="validate a part of it, or raise MLGRAPH_SHACL_MAX_TRIPLES if the memory is there",
    )
