"""Write a graph into a named graph of a SPARQL 1.1 server, in one step for readers.

First the server's copy of the named graph is read (one ``CONSTRUCT``) and compared with the graph's triples.
A change of at most ``batch_size`` triples goes in ONE request: a Graph Store ``POST`` when there is only
something to add (a first push, ``replace=False``), else one SPARQL Update ``DELETE DATA ... ; INSERT DATA ...``.
A larger change goes the long way:

the triples (the RDF mapping of :mod:`mlgraph.io.rdf`, with the schema, IRIs only) are uploaded in bounded
batches into a fresh temporary named graph, by the Graph Store HTTP protocol where the server has it and by
SPARQL Update ``INSERT DATA`` otherwise; then one SPARQL Update request ``MOVE``\\ s (replace) or ``ADD``\\ s it
onto the target graph. Servers run one update request as one transaction (Oxigraph, Fuseki/TDB2 and GraphDB
do), so readers see the old graph or the new one, never half of it; when an upload fails the temporary graph is
dropped and the target graph is as it was.

A server without SPARQL Update gets the whole graph in one Graph Store ``PUT`` (replace) or ``POST`` (add):
one request, so equally all-or-nothing, but not in batches.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mlgraph.errors import StoreError
from mlgraph.stores.sparql import Endpoint, iri

if TYPE_CHECKING:
    from mlgraph.model.graph import CompetencyGraph

__all__ = ["PushReport", "push"]

BATCH_TRIPLES = 100_000
"""Triples per upload request."""
PROGRESS_FROM = 2
"""Show a progress line on a terminal from this many batches on."""


@dataclass(frozen=True)
class PushReport:
    """What :func:`push` did.

    Attributes
    ----------
    graph : str
        The named graph written.
    triples : int
        Triples sent (the graph's and the schema's).
    protocol : str
        ``"graph-store"`` or ``"update"``: how the triples were uploaded.
    batches : int
        Upload requests.
    seconds : float
        Wall time.
    added, removed : int
        Triples that were not on the server before, and triples removed from it.
    """

    graph: str
    triples: int
    protocol: str
    batches: int
    seconds: float
    added: int = 0
    removed: int = 0

    def __str__(self) -> str:
        return (
            f"pushed {self.triples:,} triples into <{self.graph}> "
            f"({self.added:,} new, {self.removed:,} removed; {self.protocol}, "
            f"{self.batches} request{'s' if self.batches != 1 else ''}, {self.seconds:.2f} s)"
        )


class _Progress:
    """A stderr progress line, drawn only on a terminal and only for pushes of several batches."""

    def __init__(self, total: int, batches: int, enabled: bool | None) -> None:
        stream = sys.stderr
        tty = bool(getattr(stream, "isatty", lambda: False)())
        self.on = (tty if enabled is None else enabled) and batches >= PROGRESS_FROM
        self.total, self.done = total, 0

    def update(self, amount: int) -> None:
        self.done += amount
        if self.on:
            sys.stderr.write(f"\rpushing {self.done:,}/{self.total:,} triples ({self.done / self.total:4.0%})")
            sys.stderr.flush()

    def close(self) -> None:
        if self.on:
            sys.stderr.write("\n")


def _ntriples(g: CompetencyGraph, base: str) -> list[bytes]:
    from mlgraph.io.rdf import write_rdf

    buffer = io.BytesIO()
    write_rdf(g, buffer, "nt", base=base, schema=True)
    data = buffer.getvalue()
    if _BLANK.search(data):
        raise StoreError("the graph's triples hold blank nodes, which a push cannot replace", endpoint=base)
    return data.splitlines(keepends=True)


def push(
    g: CompetencyGraph,
    endpoint: str | Endpoint,
    *,
    update: str | None = None,
    store: str | None = None,
    graph: str | None = None,
    replace: bool = True,
    auth: tuple[str, str] | None = None,
    base: str | None = None,
    timeout: float = 30.0,
    batch_size: int = BATCH_TRIPLES,
    progress: bool | None = None,
) -> PushReport:
    """Write `g` into a named graph of a SPARQL 1.1 server.

    Parameters
    ----------
    g : CompetencyGraph
    endpoint : str
        The server's SPARQL query URL (``http://localhost:7878/query`` for Oxigraph,
        ``http://localhost:3030/ds/sparql`` for Fuseki, ``http://localhost:7200/repositories/R`` for GraphDB).
        User info in the URL (``http://user:pw@host/...``) is used as credentials and never shown.
    update, store : str, optional
        The SPARQL Update and Graph Store URLs, when they are not where :func:`mlgraph.stores.sparql.guess_urls`
        looks. ``store`` is tried first; a 404, 405 or 501 from it switches to SPARQL Update.
    graph : str, optional
        The named graph to write (default: `base`, i.e. ``https://w3id.org/mlgraph/``).
    replace : bool
        Replace the named graph in one step (default); else add the triples to it, also in one step.
    auth : (str, str), optional
        User and password (HTTP basic), overriding the URL's user info.
    base : str, optional
        The namespace of node IRIs (default ``https://w3id.org/mlgraph/``).
    timeout : float
        Seconds to wait for each request.
    batch_size : int
        Triples per upload request.
    progress : bool, optional
        Draw a progress line on stderr (default: when stderr is a terminal and the push takes several batches).

    Returns
    -------
    PushReport

    Raises
    ------
    StoreError
        The server is unreachable, times out, answers with an HTTP error or drops the connection; the message
        names the URL (never the credentials) and the target graph is left as it was.

    Examples
    --------
    With an Oxigraph server running (``oxigraph serve --location data``):

    >>> report = mlgraph.push(mlgraph.load(), "http://localhost:7878/query")  # doctest: +SKIP
    >>> print(report)  # doctest: +SKIP
    pushed 21,412 triples into <https://w3id.org/mlgraph/> (graph-store, 1 batch, 0.35 s)
    """
    from mlgraph.io.rdf import check_base
    from mlgraph.model.vocab import DEFAULT_BASE

    start = time.perf_counter()
    ep = Endpoint.of(endpoint, update=update, store=store, auth=auth, timeout=timeout)
    base = check_base(base or DEFAULT_BASE)
    target = graph or base
    iri(target)  # refuse what cannot be written in a query before anything is sent
    batch_size = max(1, int(batch_size))
    lines = _ntriples(g, base)
    temp = f"urn:mlgraph:push:{uuid.uuid4()}"

    # Is SPARQL Update served? Dropping a graph that does not exist is a no-op that answers the question.
    has_update = ep.update is not None and ep.run_update(f"DROP SILENT GRAPH {iri(temp)}", accept_missing=True) < 300
    if not has_update:
        return _push_whole(ep, target, lines, replace, start)

    # What differs from the graph on the server? A re-push of a slightly changed graph sends only the change.
    current = ep.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri(target)} {{ ?s ?p ?o }} }}")
    their_lines = [line if line.endswith(b"\n") else line + b"\n" for line in current.splitlines(keepends=True)]
    ours, theirs = _keys(lines), _keys(their_lines)
    our_set, their_set = set(ours), set(theirs)
    inserts = [line for key, line in zip(ours, lines, strict=True) if key not in their_set]
    deletes = [line for key, line in zip(theirs, their_lines, strict=True) if key not in our_set] if replace else []
    if len(inserts) + len(deletes) <= batch_size:
        # small change: one request, one transaction on the server; only additions (a first push, --no-replace)
        # go by a Graph Store POST, which servers parse faster than an INSERT DATA
        if inserts and not deletes and ep.store is not None:
            status = ep.send_graph("POST", target, b"".join(inserts), accept_missing=True)
            if status < 300:
                return PushReport(target, len(lines), "graph-store", 1, time.perf_counter() - start, len(inserts), 0)
        parts = []
        if deletes:
            parts.append(f"DELETE DATA {{ GRAPH {iri(target)} {{\n{b''.join(deletes).decode('utf-8')}}} }}")
        if inserts:
            parts.append(f"INSERT DATA {{ GRAPH {iri(target)} {{\n{b''.join(inserts).decode('utf-8')}}} }}")
        if parts:
            ep.run_update(" ;\n".join(parts))
        return PushReport(
            target, len(lines), "update", int(bool(parts)), time.perf_counter() - start, len(inserts), len(deletes)
        )

    # large change: bounded batches into a temporary graph, then one update request swaps or adds it
    batches = [b"".join(lines[i : i + batch_size]) for i in range(0, len(lines), batch_size)]
    bar = _Progress(len(lines), len(batches), progress)
    protocol = "graph-store" if ep.store is not None else "update"
    try:
        for number, batch in enumerate(batches):
            if protocol == "graph-store":
                status = ep.send_graph("POST", temp, batch, accept_missing=number == 0)
                if status in (404, 405, 501):
                    protocol = "update"
            if protocol == "update":
                ep.run_update(f"INSERT DATA {{ GRAPH {iri(temp)} {{\n{batch.decode('utf-8')}}} }}")
            bar.update(batch.count(b"\n"))
        if replace:
            ep.run_update(f"MOVE GRAPH {iri(temp)} TO GRAPH {iri(target)}")
        else:
            ep.run_update(f"ADD GRAPH {iri(temp)} TO GRAPH {iri(target)} ;\nDROP GRAPH {iri(temp)}")
    except BaseException:
        _drop_quietly(ep, temp)
        raise
    finally:
        bar.close()
    return PushReport(
        target, len(lines), protocol, len(batches), time.perf_counter() - start, len(inserts), len(deletes)
    )


_BLANK = re.compile(rb"^_:|^<[^>]*> <[^>]*> _:", re.MULTILINE)
_DECIMAL = re.compile(rb'"(-?[0-9]+)\.0+"\^\^<http://www\.w3\.org/2001/XMLSchema#decimal>')


def _keys(lines: list[bytes]) -> list[bytes]:
    """The lines of N-Triples in a form that compares equal to the server's writing of the same triples."""
    blob = b"".join(lines)
    if b"XMLSchema#decimal" in blob:
        blob = _DECIMAL.sub(rb'"\1"^^<http://www.w3.org/2001/XMLSchema#decimal>', blob)
    keys = blob.replace(b" .\n", b"\n").splitlines()
    return [key.strip() for key in keys] if len(keys) != len(lines) else keys


def _push_whole(ep: Endpoint, target: str, lines: list[bytes], replace: bool, start: float) -> PushReport:
    """No SPARQL Update: one Graph Store request with every triple (atomic on the server, not batched)."""
    if ep.store is None:
        raise StoreError(
            "the server accepts neither SPARQL Update nor the Graph Store protocol here",
            endpoint=ep.update or ep.query,
            hint="give the update URL (update=... or --update URL)",
        )
    status = ep.send_graph("PUT" if replace else "POST", target, b"".join(lines), accept_missing=True)
    if status >= 300:
        raise StoreError(
            f"HTTP {status}: the server accepts neither SPARQL Update nor the Graph Store protocol",
            endpoint=ep.store,
            status=status,
        )
    return PushReport(target, len(lines), "graph-store", 1, time.perf_counter() - start, len(lines), 0)


def _drop_quietly(ep: Endpoint, temp: str) -> None:
    """Remove the temporary graph of a failed push, if the server still answers (its error is not the news)."""
    with contextlib.suppress(StoreError):
        ep.run_update(f"DROP SILENT GRAPH {iri(temp)}", timeout=min(ep.timeout, 5.0))
