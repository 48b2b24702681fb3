"""mlgraph: a curated knowledge graph of machine-learning-engineering competencies.

Roles, skills, tools and concepts joined by prerequisite, related, requirement and progression edges, with
the questions people ask of them: what to learn in what order, what separates two roles, how to take the graph
elsewhere.

>>> import mlgraph
>>> g = mlgraph.load()
>>> g.resolve("MLE").label
'Machine Learning Engineer'

``import mlgraph`` is light: the names below load their modules on first use, and matplotlib, rdflib, pandas
and pyshacl are imported only by the functions that need them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from mlgraph.errors import FormatError, GraphValidationError, MlgraphError, UnknownNodeError

__version__ = "0.1.0"

# public name -> module that defines it (imported on first access)
_LAZY = {
    "CompetencyGraph": "mlgraph.graph",
    "load": "mlgraph.ontology",
    "bundled_path": "mlgraph.ontology",
    "Node": "mlgraph.records",
    "Edge": "mlgraph.records",
    "Source": "mlgraph.records",
    "Mapping": "mlgraph.records",
    "Salary": "mlgraph.records",
    # learning orders
    "learning_order": "mlgraph.learning",
    "LearningPlan": "mlgraph.learning",
    "Step": "mlgraph.learning",
    "next_best": "mlgraph.learning",
    "check_order": "mlgraph.learning",
    "read_profile": "mlgraph.profile",
    # role transitions
    "transition": "mlgraph.transitions",
    "Transition": "mlgraph.transitions",
    "rank_transitions": "mlgraph.transitions",
    "career_paths": "mlgraph.transitions",
    "transition_matrix": "mlgraph.transitions",
    # RDF, GraphML, JSON
    "export": "mlgraph.formats",
    "read": "mlgraph.formats",
    "to_rdf": "mlgraph.rdf",
    "from_rdf": "mlgraph.rdf",
    "MLG": "mlgraph.vocab",
    # whole modules, imported on first use (matplotlib only inside mlgraph.plot's functions)
    "plot": None,
    "analysis": None,
}

__all__ = [
    "FormatError",
    "GraphValidationError",
    "MlgraphError",
    "UnknownNodeError",
    "__version__",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'mlgraph' has no attribute {name!r}")
    module = _LAZY[name]
    value = import_module(f"mlgraph.{name}") if module is None else getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
