"""The SPARQL 1.1 protocols over HTTP, with the standard library only: query, update and the Graph Store protocol.

An :class:`Endpoint` holds the three URLs of one server (the query URL; the update and Graph Store URLs are
guessed from it for Oxigraph, Fuseki and GraphDB, or given), the credentials and the timeout. Every failure
becomes a :class:`~mlgraph.errors.StoreError` that names the URL without its credentials.

Values from users never enter a query as raw text: :func:`iri` refuses what would break out of ``<...>`` and
:func:`literal` escapes quotes, backslashes and line breaks.

>>> e = Endpoint.of("http://alice:s3cret@localhost:7878/query")
>>> e
Endpoint('http://localhost:7878/query', update='http://localhost:7878/update', store='http://localhost:7878/store')
>>> "s3cret" in repr(e) or "s3cret" in str(e.__dict__.get("query"))
False
>>> literal('say "hi" }\\n')
'"say \\\\"hi\\\\" }\\\\n"'
>>> iri("https://example.org/a>b")
Traceback (most recent call last):
...
mlgraph.errors.StoreError: https://example.org/a>b: not an IRI that can be written in a query (...)
"""

from __future__ import annotations

import base64
import http.client
import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from mlgraph.errors import StoreError

__all__ = ["Endpoint", "iri", "literal"]

# RDF 1.1 IRIREF: anything but controls, space and <>"{}|^`\
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NOT_FOUND = (404, 405, 501)  # statuses that mean "this protocol is not served here"
_SELECT_TYPES = ("application/sparql-results+json", "application/json")
_GRAPH_TYPES = ("application/n-triples", "text/plain")


def iri(text: str) -> str:
    """`text` as a SPARQL IRI term ``<...>``, or :class:`StoreError` when it holds a character an IRI cannot.

    >>> iri("https://w3id.org/mlgraph/python")
    '<https://w3id.org/mlgraph/python>'
    """
    if not isinstance(text, str) or not _IRI.fullmatch(text):
        raise StoreError(
            "not an IRI that can be written in a query",
            endpoint=str(text),
            hint="give an absolute IRI without spaces, quotes, braces or angle brackets",
        )
    return f"<{text}>"


def literal(text: str) -> str:
    """`text` as a quoted SPARQL string literal; quotes, backslashes and line breaks are escaped.

    >>> literal("c++")
    '"c++"'
    """
    return '"' + "".join(_ESCAPES.get(ch, ch) for ch in str(text)) + '"'


def _split_user_info(url: str) -> tuple[str, tuple[str, str] | None]:
    """The URL without ``user:password@`` and the credentials it held."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(
            "not an HTTP(S) URL of a SPARQL endpoint",
            endpoint=_redact(url),
            hint="e.g. http://localhost:7878/query (Oxigraph) or http://localhost:3030/ds/sparql (Fuseki)",
        )
    if parts.username is None and parts.password is None:
        return url, None
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if parts.port is not None:
        netloc += f":{parts.port}"
    clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    user = urllib.parse.unquote(parts.username or "")
    return clean, (user, urllib.parse.unquote(parts.password or ""))


def _redact(url: str) -> str:
    """`url` with any user info replaced by ``***`` (for messages about URLs that failed to parse)."""
    return re.sub(r"//[^/@]*@", "//***@", str(url))


def guess_urls(query: str) -> tuple[str | None, str | None]:
    """The update and Graph Store URLs that usually go with a query URL.

    ====================================  ===============================  =========================================
    query URL                             update                           Graph Store
    ====================================  ===============================  =========================================
    ``.../query`` (Oxigraph)              ``.../update``                   ``.../store``
    ``.../ds/sparql``, ``/ds/query``      ``.../ds/update``                ``.../ds/data``
    (Fuseki)
    ``.../repositories/R`` (GraphDB)      ``.../repositories/R/statements``  ``.../repositories/R/rdf-graphs/service``
    anything else                         the same URL                     none (SPARQL Update only)
    ====================================  ===============================  =========================================

    >>> guess_urls("http://localhost:3030/ds/sparql")
    ('http://localhost:3030/ds/update', 'http://localhost:3030/ds/data')
    >>> guess_urls("http://localhost:7200/repositories/skills")
    ('http://localhost:7200/repositories/skills/statements', 'http://localhost:7200/repositories/skills/rdf-graphs/service')
    """
    parts = urllib.parse.urlsplit(query)
    path = parts.path.rstrip("/")

    def at(new_path: str) -> str:
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, new_path, "", ""))

    head, _, last = path.rpartition("/")
    if re.search(r"/repositories/[^/]+$", path):
        return at(path + "/statements"), at(path + "/rdf-graphs/service")
    if last == "query" and head.count("/") == 0 and not head:
        return at("/update"), at("/store")  # Oxigraph serves /query, /update and /store at the root
    if last in ("query", "sparql"):
        return at(head + "/update"), at(head + "/data")
    return query, None


@dataclass(frozen=True)
class Endpoint:
    """The URLs of one SPARQL server, its credentials and timeout.

    Build one with :meth:`of`. The credentials are kept out of ``repr`` and of every message.
    """

    query: str
    update: str | None = None
    store: str | None = None
    auth: tuple[str, str] | None = field(default=None, repr=False, compare=False)
    timeout: float = 30.0

    @classmethod
    def of(
        cls,
        url: str,
        *,
        update: str | None = None,
        store: str | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float = 30.0,
    ) -> Endpoint:
        """The endpoint at the query URL `url` (user info in the URL is taken as the credentials).

        Parameters
        ----------
        url : str
            The SPARQL query URL.
        update, store : str, optional
            The SPARQL Update and Graph Store URLs; guessed by :func:`guess_urls` when not given.
        auth : (str, str), optional
            User and password for HTTP basic authentication (overrides the URL's user info).
        timeout : float
            Seconds to wait for the server on each request.
        """
        if isinstance(url, Endpoint):
            return url
        query, from_url = _split_user_info(url)
        guessed_update, guessed_store = guess_urls(query)
        if update is not None:
            update, update_auth = _split_user_info(update)
            from_url = from_url or update_auth
        if store is not None:
            store, _ = _split_user_info(store)
        return cls(
            query,
            update if update is not None else guessed_update,
            store if store is not None or update is not None else guessed_store,
            tuple(auth) if auth is not None else from_url,  # type: ignore[arg-type]
            float(timeout),
        )

    def __repr__(self) -> str:
        return f"Endpoint({self.query!r}, update={self.update!r}, store={self.store!r})"

    # ------------------------------------------------------------------ HTTP
    def _headers(self, extra: dict[str, str]) -> dict[str, str]:
        headers = {"User-Agent": "mlgraph", **extra}
        if self.auth is not None:
            token = base64.b64encode(f"{self.auth[0]}:{self.auth[1]}".encode()).decode("ascii")
            headers["Authorization"] = "Basic " + token
        return headers

    def request(
        self,
        method: str,
        url: str,
        *,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        accept_missing: bool = False,
        timeout: float | None = None,
    ) -> tuple[int, str, bytes]:
        """Send one request and return ``(status, content type, body)``.

        Raises :class:`StoreError` naming `url` for a refused or dropped connection, a timeout, or an HTTP error
        (404, 405 and 501 are returned instead when `accept_missing`, so callers can fall back to another
        protocol).
        """
        wait = self.timeout if timeout is None else timeout
        req = urllib.request.Request(url, data=data, method=method, headers=self._headers(headers or {}))
        try:
            with urllib.request.urlopen(req, timeout=wait) as reply:
                return reply.status, reply.headers.get_content_type(), reply.read()
        except urllib.error.HTTPError as exc:
            body = exc.read()[:300].decode("utf-8", "replace").strip()
            exc.close()
            if accept_missing and exc.code in _NOT_FOUND:
                return exc.code, "", b""
            hint = "check the credentials (--auth-env VAR or user info in the URL)" if exc.code in (401, 403) else None
            detail = f": {' '.join(body.split())[:200]}" if body and exc.code not in (401, 403) else ""
            raise StoreError(
                f"HTTP {exc.code} {exc.reason}{detail}", endpoint=url, status=exc.code, hint=hint
            ) from None
        except TimeoutError:
            raise StoreError(f"no answer within {wait:g} s", endpoint=url, hint="a larger timeout may help") from None
        except (http.client.RemoteDisconnected, http.client.IncompleteRead, ConnectionError) as exc:
            raise StoreError(
                f"the server closed the connection ({type(exc).__name__})", endpoint=url, hint="is it a SPARQL server?"
            ) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise StoreError(f"no answer within {wait:g} s", endpoint=url) from None
            text = getattr(reason, "strerror", None) or str(reason)
            raise StoreError(f"cannot connect ({text})", endpoint=url, hint="is the server running?") from None
        except http.client.HTTPException as exc:
            raise StoreError(f"not an HTTP reply ({type(exc).__name__})", endpoint=url) from None
        except OSError as exc:
            raise StoreError(f"cannot connect ({exc.strerror or exc})", endpoint=url) from None

    # ------------------------------------------------------------------ SPARQL
    def select(self, query: str) -> list[dict[str, str]]:
        """Run a SELECT query and return its rows as ``{variable: value}`` (unbound variables left out)."""
        body = urllib.parse.urlencode({"query": query}).encode("utf-8")
        _, ctype, data = self.request(
            "POST",
            self.query,
            data=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json",
            },
        )
        try:
            if ctype not in _SELECT_TYPES:
                raise ValueError(ctype)
            parsed: Any = json.loads(data)
            rows = parsed["results"]["bindings"]
            return [{name: cell["value"] for name, cell in row.items()} for row in rows]
        except (ValueError, KeyError, TypeError, AttributeError):
            raise StoreError(
                f"the reply is not SPARQL JSON results (content type {ctype or 'none'})",
                endpoint=self.query,
                hint="is this the server's SPARQL query URL?",
            ) from None

    def construct(self, query: str) -> bytes:
        """Run a CONSTRUCT query and return the triples as N-Triples bytes."""
        body = urllib.parse.urlencode({"query": query}).encode("utf-8")
        _, ctype, data = self.request(
            "POST",
            self.query,
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/n-triples"},
        )
        if ctype not in _GRAPH_TYPES:
            raise StoreError(
                f"the reply is not N-Triples (content type {ctype or 'none'})",
                endpoint=self.query,
                hint="is this the server's SPARQL query URL?",
            )
        return data

    def run_update(self, text: str, *, accept_missing: bool = False, timeout: float | None = None) -> int:
        """Send a SPARQL Update; returns the HTTP status (404/405/501 only when `accept_missing`)."""
        if self.update is None:
            return 404
        status, _, _ = self.request(
            "POST",
            self.update,
            data=text.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"},
            accept_missing=accept_missing,
            timeout=timeout,
        )
        return status

    def store_url(self, graph: str) -> str:
        """The Graph Store URL of the named graph `graph` (``?graph=`` indirect identification)."""
        if self.store is None:
            raise StoreError("no Graph Store URL", endpoint=self.query)
        joiner = "&" if "?" in self.store else "?"
        return self.store + joiner + urllib.parse.urlencode({"graph": graph})

    def send_graph(self, method: str, graph: str, ntriples: bytes, *, accept_missing: bool = False) -> int:
        """PUT (replace) or POST (add) N-Triples into a named graph by the Graph Store protocol; the HTTP status."""
        status, _, _ = self.request(
            method,
            self.store_url(graph),
            data=ntriples,
            headers={"Content-Type": "application/n-triples"},
            accept_missing=accept_missing,
        )
        return status
