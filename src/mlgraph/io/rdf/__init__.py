"""RDF: a :class:`~mlgraph.model.graph.CompetencyGraph` as triples and back, losslessly.

:func:`to_rdf` gives an :class:`rdflib.Graph` (on the Oxigraph store when ``oxrdflib`` is installed);
:func:`from_rdf` reads one back. :func:`write_rdf` and :func:`read_rdf` stream Turtle, N-Triples, JSON-LD
and RDF/XML files without an intermediate graph, which is what :func:`mlgraph.export` and
:func:`mlgraph.read` use: Turtle and N-Triples are written directly from the records (faster than building
triple objects) and every format is parsed by ``pyoxigraph`` when it is installed, by rdflib otherwise.

The mapping (the vocabulary is ``ontology/schema.ttl``, prefix ``mlg:``; node IRIs are ``base + id``, the id
percent-encoded where it holds characters an IRI cannot, ``/`` included; every IRI is named, no blank nodes):

=====================  ==========================================================================================
record                 triples
=====================  ==========================================================================================
node                   ``<base+id> a mlg:Skill, skos:Concept ; skos:inScheme <base> ; dcterms:identifier "id"``
                       (the class is ``mlg:Role``, ``mlg:Skill``, ``mlg:Tool``, ``mlg:Concept`` or
                       ``mlg:LearningResource``: the kind)
label, aliases         ``skos:prefLabel "..."@en``, one ``skos:altLabel "..."@en`` each
description            ``skos:definition "..."@en``
area                   ``mlg:area "deep-learning"``
effort_hours           ``mlg:effortHours 40.0`` (``xsd:decimal``)
starting_point         ``mlg:startingPoint true`` (stated only when true)
sources                ``dcterms:source <base>source/<id>`` each; the source IRI has ``dcterms:identifier``
resource_type, url     ``mlg:resourceType "book"``, ``schema:url "..."^^xsd:anyURI``
authors                ``schema:author "..."`` each
salaries               ``mlg:salary <base>salary/<id>/<n>``: ``a mlg:Salary ; mlg:position n ; schema:minValue ;
                       schema:maxValue ; schema:currency ; mlg:period ; mlg:seniority ; mlg:region ; mlg:basis ;
                       dcterms:source``
mappings               ``skos:exactMatch`` (``closeMatch``, ``broadMatch``, ``narrowMatch``, ``relatedMatch``) to
                       the ESCO URI or O*NET OnLine page, qualified by ``<base>mapping/<id>/<n> a mlg:Mapping``
                       (an ``rdf:Statement`` of that triple) with ``mlg:position``, ``mlg:scheme``,
                       ``mlg:targetUri``, ``mlg:targetCode``, ``mlg:targetLabel``
prerequisite u -> v    ``<u> mlg:prerequisiteOf <v>`` (u is learned before v; the closure of what comes before v
                       is ``?u mlg:prerequisiteOf+ <v>``; readers also accept ``<v> mlg:hasPrerequisite <u>``)
related                ``<u> skos:related <v>``
broader part -> umb.   ``<part> skos:broader <umbrella>``, and ``<part> mlg:corePartOf <umbrella>`` when the part is
                       core (``mlg:corePartOf rdfs:subPropertyOf skos:broader``; ``skos:broader`` alone: not core)
requirement            ``<role> esco:relatedEssentialSkill <c>`` (or ``esco:relatedOptionalSkill``), qualified by
                       ``<base>requirement/<role>/<c> a mlg:Requirement`` (an ``rdf:Statement`` of that triple)
                       with ``mlg:level`` and ``dcterms:source``
progression, teaches   ``<r1> mlg:progressesTo <r2>``, ``<resource> mlg:teaches <c>``
edge sources           ``<base><relation>/<u>/<v> a rdf:Statement`` of the edge's triple, with ``dcterms:source``
                       (stated only when the edge cites sources)
declared source        ``<base>source/<id> a mlg:Source ; dcterms:identifier ; dcterms:title ; mlg:sourceKind ;
                       schema:url ; rdfs:comment`` (the note)
the graph              ``<base> a skos:ConceptScheme ; dcterms:conformsTo <https://w3id.org/mlgraph/ontology> ;
                       dcterms:license <https://creativecommons.org/licenses/by/4.0/>`` (the content is CC BY 4.0)
=====================  ==========================================================================================

RDF values are unordered, so the order of aliases, sources and authors is kept by ``mlg:aliasOrder``,
``mlg:sourceOrder`` and ``mlg:authorOrder`` (a JSON array), stated only when the order is not already sorted
and free of repeats; salaries and mappings carry ``mlg:position``. With ``schema=True`` (the default) the
TBox of ``ontology/schema.ttl`` travels along, so Protégé and reasoners see the class hierarchy.

>>> import mlgraph
>>> g = mlgraph.CompetencyGraph.from_records(
...     [{"id": "algebra", "kind": "concept", "label": "Algebra"},
...      {"id": "calculus", "kind": "concept", "label": "Calculus", "effort_hours": 60}],
...     [{"source": "algebra", "target": "calculus", "relation": "prerequisite"}])
>>> rdf = to_rdf(g)
>>> q = "SELECT ?p WHERE { ?p mlg:prerequisiteOf+ <https://w3id.org/mlgraph/calculus> }"
>>> [str(row.p) for row in rdf.query(q)]
['https://w3id.org/mlgraph/algebra']
>>> from_rdf(rdf) == g
True
"""

from __future__ import annotations

from mlgraph.io.rdf.assemble import from_rdf, read_rdf
from mlgraph.io.rdf.parse import load_rdflib
from mlgraph.io.rdf.terms import FORMATS, KIND_CLASSES, PREFIXES, check_base, encode_id
from mlgraph.io.rdf.write import to_rdf, write_rdf

__all__ = [
    "FORMATS",
    "KIND_CLASSES",
    "PREFIXES",
    "check_base",
    "encode_id",
    "from_rdf",
    "load_rdflib",
    "read_rdf",
    "to_rdf",
    "write_rdf",
]
