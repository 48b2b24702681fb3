"""A graph that lives in a SPARQL server: :func:`connect` gives one that every query function accepts.

How it works, honestly: a :class:`RemoteGraph` *is* a :class:`~mlgraph.model.graph.CompetencyGraph` whose
records are read from the server on first use, in one ``CONSTRUCT`` of the named graph (N-Triples, parsed by the
RDF reader of :mod:`mlgraph.io.rdf`), and kept for the life of the connection: names, nodes, learning orders,
transitions and exports are then answered by the same code as for a local graph, so the answers are the same.
What SPARQL does well runs on the server: the closure of what comes before a competency
(``?u mlg:prerequisiteOf+ ?v``, :meth:`RemoteGraph.prerequisites` with ``transitive=True``) and any query of
your own (:meth:`RemoteGraph.select`, values bound safely); their results are cached per connection too.
RDF keeps no order, so the nodes of a remote graph come in the order of their IRIs, not in the order of the
files the graph was made from: listings (``nodes()``, exports) hold the same items in that order.
:meth:`RemoteGraph.refresh` drops every cache, so the next question sees the server's current graph.

Thread-safe: threads may share one connection; the first read is done once, under a lock.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from typing import Any

from mlgraph.errors import FormatError, StoreError
from mlgraph.model.graph import CompetencyGraph
from mlgraph.stores.sparql import Endpoint, iri, literal

__all__ = ["RemoteGraph", "connect"]

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CLOSURE = """\
SELECT DISTINCT ?id WHERE {{ GRAPH {graph} {{
  ?v dcterms:identifier {target} .
  ?u (mlg:prerequisiteOf|^mlg:hasPrerequisite)+ ?v .
  ?u dcterms:identifier ?id .
}} }}"""


_LOCAL_STATE = frozenset(vars(CompetencyGraph({}, [])))
"""The attributes a CompetencyGraph sets in its constructor: what the first read of a RemoteGraph provides."""


class RemoteGraph(CompetencyGraph):
    """A :class:`~mlgraph.model.graph.CompetencyGraph` read from a named graph of a SPARQL server.

    Make one with :func:`connect`. Every method of a local graph works (the records are read once, on first
    use); :meth:`prerequisites` with ``transitive=True`` and :meth:`select` run on the server.
    """

    def __init__(self, endpoint: Endpoint, graph: str) -> None:
        # no super().__init__: the local state arrives with the first read (see __getattr__)
        object.__setattr__(self, "endpoint", endpoint)
        object.__setattr__(self, "graph_iri", graph)
        object.__setattr__(self, "_lock", threading.RLock())
        object.__setattr__(self, "_loaded", False)
        object.__setattr__(self, "_server_cache", {})

    # ------------------------------------------------------------------ the local snapshot
    def __getattr__(self, name: str) -> Any:
        # only called for attributes not set yet: the CompetencyGraph state before the first read (other names,
        # such as the probes of Jupyter or copy, fail at once without reading the server)
        if name not in _LOCAL_STATE:
            raise AttributeError(name)
        with self._lock:
            if not self._loaded:
                self._install(self.fetch())
        try:
            return self.__dict__[name]
        except KeyError:
            raise AttributeError(name) from None

    def _install(self, snapshot: CompetencyGraph) -> None:
        self.__dict__.update(vars(snapshot))
        self.__dict__["origin"] = f"{self.endpoint.query} <{self.graph_iri}>"
        self.__dict__["_loaded"] = True

    def fetch(self) -> CompetencyGraph:
        """Read the whole remote graph into a new local :class:`~mlgraph.model.graph.CompetencyGraph` (one query).

        Raises
        ------
        StoreError
            When the server fails, or the named graph is empty or holds no mlgraph nodes.
        """
        from mlgraph.io.rdf import read_rdf

        data = self.endpoint.construct(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri(self.graph_iri)} {{ ?s ?p ?o }} }}"
        )
        if not data.strip():
            raise StoreError(
                f"the named graph <{self.graph_iri}> is empty or missing",
                endpoint=self.endpoint.query,
                hint="push a graph first (mlgraph push URL), or give the right graph IRI",
            )
        handle, path = tempfile.mkstemp(suffix=".nt", prefix="mlgraph-remote-")
        try:
            with os.fdopen(handle, "wb") as out:
                # RDF is unordered: sorted lines make the node order the same on every read, whatever the server
                out.writelines(sorted(data.splitlines(keepends=True)))
            graph = read_rdf(path, "nt")
        except FormatError as exc:
            raise StoreError(
                f"the named graph <{self.graph_iri}> is not an mlgraph graph: {exc.message}",
                endpoint=self.endpoint.query,
            ) from None
        finally:
            os.unlink(path)
        graph.origin = f"{self.endpoint.query} <{self.graph_iri}>"
        return graph

    def to_local(self) -> CompetencyGraph:
        """A local :class:`~mlgraph.model.graph.CompetencyGraph` with this connection's records (no new read
        when they were read already)."""
        with self._lock:
            if not self._loaded:
                self._install(self.fetch())
            return CompetencyGraph(dict(self._records), list(self._edges), dict(self.sources), self.origin)

    def refresh(self) -> None:
        """Forget every cached answer: the next question reads the server's current graph.

        Questions running in other threads while `refresh` runs may see the old graph or the new one.
        """
        snapshot = self.fetch()
        with self._lock:
            self._server_cache.clear()
            self._install(snapshot)

    def __repr__(self) -> str:
        state = f"{len(self)} nodes" if self._loaded else "not read yet"
        return f"<RemoteGraph <{self.graph_iri}> at {self.endpoint.query} ({state})>"

    def __reduce__(self) -> Any:
        raise TypeError("a RemoteGraph cannot be pickled: use .to_local()")

    def derived(self, key: str, build: Any) -> Any:
        """As :meth:`CompetencyGraph.derived`, built once even when threads ask at the same time."""
        try:
            return self._derived[key]
        except KeyError:
            with self._lock:
                return super().derived(key, build)

    # ------------------------------------------------------------------ on the server
    def _cached(self, key: tuple[Any, ...], run: Any) -> Any:
        try:
            return self._server_cache[key]
        except KeyError:
            value = run()
            with self._lock:
                return self._server_cache.setdefault(key, value)

    def prerequisites(self, name: str, *, transitive: bool = False) -> list[str]:
        """Ids of what must be learned before `name`, sorted; with `transitive`, computed by the server with the
        property path ``mlg:prerequisiteOf+``."""
        if not transitive:
            return super().prerequisites(name)
        node_id = self.id_of(name)
        query = _with_values(_CLOSURE.format(graph=iri(self.graph_iri), target=literal(node_id)), "")
        return self._cached(("closure", node_id), lambda: sorted({row["id"] for row in self.endpoint.select(query)}))

    def select(self, query: str, **bindings: str) -> list[dict[str, str]]:
        """Run a SELECT query on the server; each ``name=value`` binds ``?name`` to the string `value`.

        Values are bound with a ``VALUES`` block of escaped literals, so no value can change the query. Rows are
        ``{variable: value}`` dicts, cached per connection.

        Examples
        --------
        >>> remote.select(  # doctest: +SKIP
        ...     "SELECT ?label WHERE { GRAPH ?g { ?n dcterms:identifier ?id ; skos:prefLabel ?label } }", id="python")
        [{'label': 'Python'}]
        """
        values = ""
        if bindings:
            names = list(bindings)
            for name in names:
                if not _VARIABLE.fullmatch(name):
                    raise StoreError(f"{name!r} is not a SPARQL variable name", endpoint=self.endpoint.query)
            cells = " ".join(literal(bindings[n]) for n in names)
            values = "VALUES (" + " ".join("?" + n for n in names) + ") { (" + cells + ") }\n"
        text = _with_values(query, values)
        return [dict(row) for row in self._cached(("select", text), lambda: self.endpoint.select(text))]


def _with_values(query: str, values: str) -> str:
    """`query` with the common prefixes declared and `values` placed at the start of its outer WHERE group."""
    from mlgraph.io.rdf import PREFIXES

    declared = {m.group(1) for m in re.finditer(r"PREFIX\s+([A-Za-z0-9_-]*):", query, re.IGNORECASE)}
    head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p not in declared)
    if values:
        match = re.search(r"WHERE\s*\{", query, re.IGNORECASE)
        if match is None:
            raise StoreError("bindings need a query with a WHERE clause", endpoint="query")
        query = query[: match.end()] + "\n" + values + query[match.end() :]
    return head + query


def connect(
    endpoint: str,
    *,
    graph: str | None = None,
    auth: tuple[str, str] | None = None,
    timeout: float = 30,
) -> RemoteGraph:
    """A graph held by a SPARQL server, for every query function.

    Nothing is read until the first question; the records are then read in one query and cached on the
    connection (:meth:`RemoteGraph.refresh` reads again, :meth:`RemoteGraph.to_local` gives a plain local graph).

    Parameters
    ----------
    endpoint : str
        The server's SPARQL query URL; user info in it is used as credentials and never shown.
    graph : str, optional
        The named graph (default ``https://w3id.org/mlgraph/``, where :func:`mlgraph.push` writes).
    auth : (str, str), optional
        User and password (HTTP basic).
    timeout : float
        Seconds to wait for each request.

    Returns
    -------
    RemoteGraph

    Examples
    --------
    >>> remote = mlgraph.connect("http://localhost:7878/query")  # doctest: +SKIP
    >>> mlgraph.learning_order(remote, "Data Analyst").total_hours  # doctest: +SKIP
    412.0
    """
    from mlgraph.model.vocab import DEFAULT_BASE

    ep = Endpoint.of(endpoint, auth=auth, timeout=timeout)
    target = graph or DEFAULT_BASE
    iri(target)
    return RemoteGraph(ep, target)
