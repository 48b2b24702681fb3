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

import importlib.abc
import importlib.util
import sys
from importlib import import_module
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

from mlgraph.errors import FormatError, GraphValidationError, MlgraphError, UnknownNodeError

__version__ = "0.1.0"

# public name -> module that defines it (imported on first access)
_LAZY = {
    "CompetencyGraph": "mlgraph.model.graph",
    "load": "mlgraph.io.ontology",
    "bundled_path": "mlgraph.io.ontology",
    "Node": "mlgraph.model.records",
    "Edge": "mlgraph.model.records",
    "Source": "mlgraph.model.records",
    "Mapping": "mlgraph.model.records",
    "Salary": "mlgraph.model.records",
    # learning orders
    "learning_order": "mlgraph.plan.learning",
    "LearningPlan": "mlgraph.plan.learning",
    "Step": "mlgraph.plan.learning",
    "next_best": "mlgraph.plan.learning",
    "check_order": "mlgraph.plan.learning",
    "Stage": "mlgraph.plan.stages",
    "order_quality": "mlgraph.plan.order",
    "plan_markdown": "mlgraph.plan.export",
    "plan_csv": "mlgraph.plan.export",
    "AREAS": "mlgraph.model.areas",
    "read_profile": "mlgraph.io.profiles",
    "Profile": "mlgraph.model.profile",
    # role transitions
    "transition": "mlgraph.plan.transitions",
    "Transition": "mlgraph.plan.transitions",
    "rank_transitions": "mlgraph.plan.ranking",
    "career_paths": "mlgraph.plan.careers",
    "transition_matrix": "mlgraph.plan.ranking",
    "role_overlap": "mlgraph.plan.ranking",
    "overlap_matrix": "mlgraph.plan.ranking",
    # RDF, GraphML, JSON
    "export": "mlgraph.io.formats",
    "read": "mlgraph.io.formats",
    "to_rdf": "mlgraph.io.rdf",
    "from_rdf": "mlgraph.io.rdf",
    "MLG": "mlgraph.model.vocab",
    "search": "mlgraph.model.search",
    "read_rdf": "mlgraph.io.rdf",
    # the explorer page
    "explore": "mlgraph.viz.explorer",
    "load_rdflib": "mlgraph.io.rdf",
    # O*NET and ESCO (H6)
    "load_onet": "mlgraph.io.importers.onet",
    "load_esco": "mlgraph.io.importers.esco",
    "merge": "mlgraph.model.merge",
    # SPARQL servers
    "push": "mlgraph.stores.push",
    "connect": "mlgraph.stores.remote",
    "RemoteGraph": "mlgraph.stores.remote",
    "StoreError": "mlgraph.errors",
}

# whole modules, imported on first use (matplotlib only inside the drawing functions)
_MODULES = {
    "plot": "mlgraph.viz.plot",
    "analysis": "mlgraph.plan.analysis",
}

# Modules that moved when the package was split into subpackages: the old import paths keep working.
_MOVED = {
    "mlgraph.records": "mlgraph.model.records",
    "mlgraph.vocab": "mlgraph.model.vocab",
    "mlgraph.graph": "mlgraph.model.graph",
    "mlgraph.naming": "mlgraph.model.naming",
    "mlgraph.validation": "mlgraph.model.validation",
    "mlgraph.learning": "mlgraph.plan.learning",
    "mlgraph.transitions": "mlgraph.plan.transitions",
    "mlgraph.analysis": "mlgraph.plan.analysis",
    "mlgraph.formats": "mlgraph.io.formats",
    "mlgraph.graphml": "mlgraph.io.graphml",
    "mlgraph.rdf": "mlgraph.io.rdf",
    "mlgraph.shacl": "mlgraph.io.shacl",
    "mlgraph.catalogue": "mlgraph.io.catalogue",
    "mlgraph.plot": "mlgraph.viz.plot",
    "mlgraph.profile": "mlgraph.io.profiles",
}

__all__ = [
    "FormatError",
    "GraphValidationError",
    "MlgraphError",
    "UnknownNodeError",
    "__version__",
    *_LAZY,
    *_MODULES,
]


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        value = import_module(_MODULES[name])
    elif name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module 'mlgraph' has no attribute {name!r}")
    globals()[name] = value
    return value


class _MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves ``import mlgraph.rdf`` (and the other old flat paths) with the module's new home."""

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> ModuleSpec | None:
        if fullname not in _MOVED:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec: ModuleSpec) -> ModuleType:
        return import_module(_MOVED[spec.name])

    def exec_module(self, module: ModuleType) -> None:
        return None  # already executed under its new name


if not any(isinstance(finder, _MovedModules) for finder in sys.meta_path):
    sys.meta_path.append(_MovedModules())


def __dir__() -> list[str]:
    return sorted(__all__)
