"""SPARQL 1.1 servers: :func:`push` a graph into a named graph, :func:`connect` to query it where it lives.

Standard library HTTP only (``urllib``); tested against the Oxigraph server, and written to the SPARQL 1.1
Protocol, Update and Graph Store HTTP Protocol recommendations that Apache Jena Fuseki, GraphDB, Virtuoso and
others implement.
"""

from __future__ import annotations

from mlgraph.stores.push import PushReport, push
from mlgraph.stores.remote import RemoteGraph, connect
from mlgraph.stores.sparql import Endpoint

__all__ = ["Endpoint", "PushReport", "RemoteGraph", "connect", "push"]
