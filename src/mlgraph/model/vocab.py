"""The mlgraph RDF vocabulary as code: one :class:`~rdflib.term.URIRef` per term of ``ontology/schema.ttl``.

Written in the style of rdflib's own vocabularies (``rdflib.namespace.SKOS``): a misspelt term is an
``AttributeError``, not a silent new IRI. A test keeps this class and the Turtle in step, term for term.

>>> from mlgraph.model.vocab import MLG
>>> MLG.prerequisiteOf
rdflib.term.URIRef('https://w3id.org/mlgraph/ontology#prerequisiteOf')
>>> MLG.prerequisitOf
Traceback (most recent call last):
...
AttributeError: term 'prerequisitOf' not in namespace 'https://w3id.org/mlgraph/ontology#'
"""

from __future__ import annotations

from rdflib import namespace as _namespace
from rdflib.term import URIRef

__all__ = ["DEFAULT_BASE", "ESCO", "MLG", "ONTOLOGY_IRI", "ONTOLOGY_VERSION_IRI"]

DEFAULT_BASE = "https://w3id.org/mlgraph/"
"""The default namespace of node IRIs: node ``python`` is ``<https://w3id.org/mlgraph/python>``."""
ONTOLOGY_IRI = URIRef("https://w3id.org/mlgraph/ontology")
"""The ``owl:Ontology`` of ``ontology/schema.ttl``."""
ONTOLOGY_VERSION_IRI = URIRef("https://w3id.org/mlgraph/ontology/0.1.0")
"""Its ``owl:versionIRI``."""
ESCO = _namespace.Namespace("http://data.europa.eu/esco/model#")
"""The ESCO model (``esco:Occupation``, ``esco:relatedEssentialSkill`` ...)."""


class MLG(_namespace.DefinedNamespace):
    """The mlgraph ontology: ``https://w3id.org/mlgraph/ontology#``.

    Classes for the five node kinds (``Role``, ``Skill``, ``Tool``, ``Concept``, ``LearningResource``, the
    competencies under ``Competency``), qualified statements (``Requirement``, ``Mapping``) and records
    (``Salary``, ``Source``), and the properties between them. ``ontology/schema.ttl`` defines each term.
    """

    _fail = True
    _NS = _namespace.Namespace("https://w3id.org/mlgraph/ontology#")

    # classes
    Role: URIRef  # A job; aligned with esco:Occupation.
    Competency: URIRef  # A skill, tool or concept; aligned with esco:Skill.
    Skill: URIRef  # Something one does.
    Tool: URIRef  # A named product or library.
    Concept: URIRef  # A piece of knowledge.
    LearningResource: URIRef  # A book, course, platform ... that teaches competencies.
    Requirement: URIRef  # A role's requirement of a competency, qualified with its level (an rdf:Statement).
    Mapping: URIRef  # A crosswalk link to ESCO or O*NET, with scheme, code and label (an rdf:Statement).
    Salary: URIRef  # One salary figure of a role.
    Source: URIRef  # A declared source.

    # relations between nodes
    prerequisiteOf: URIRef  # A prerequisiteOf B: A is learned before B.
    hasPrerequisite: URIRef  # The inverse of prerequisiteOf.
    progressesTo: URIRef  # A usual next role.
    teaches: URIRef  # A resource teaches a competency.
    corePartOf: URIRef  # A core part of an umbrella topic (a sub-property of skos:broader).

    # node and record attributes
    area: URIRef  # The id of the node's area.
    effortHours: URIRef  # Hours to working proficiency, prerequisites known.
    startingPoint: URIRef  # Learnable without any prerequisite.
    resourceType: URIRef  # book, course, platform ...
    level: URIRef  # Required level, 1-5.
    salary: URIRef  # A role's salary figure.
    period: URIRef  # year, month or hour.
    seniority: URIRef  # entry, mid, senior or any.
    region: URIRef  # Where a salary figure applies.
    basis: URIRef  # base, total-compensation or average.
    position: URIRef  # Order of a salary or mapping within its node.
    scheme: URIRef  # esco or onet.
    targetUri: URIRef  # A mapping's ESCO URI as given.
    targetCode: URIRef  # A mapping's O*NET-SOC code.
    targetLabel: URIRef  # A mapping target's own label.
    sourceKind: URIRef  # seed, editorial, dataset or other.

    # order of multi-valued fields (JSON arrays; only where not sorted)
    aliasOrder: URIRef
    sourceOrder: URIRef
    authorOrder: URIRef
