"""SPARQL servers: push and connect against a real Oxigraph server started for the session, its protocols switched
off one at a time by a loopback proxy, and fake servers that fail in every way a network can."""

from __future__ import annotations

import base64
import http.server
import io
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import mlgraph
from mlgraph.errors import StoreError
from mlgraph.io.rdf import write_rdf
from mlgraph.stores.sparql import Endpoint, iri, literal


# ---------------------------------------------------------------- the server
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _oxigraph() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The query URL of an Oxigraph server on a free loopback port, stopped after the session."""
    binary = _oxigraph()
    if binary is None:
        pytest.skip("the oxigraph server binary is missing: pip install oxigraph (it is in the test extra)")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).close()
            break
        except (urllib.error.URLError, ConnectionError, OSError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"oxigraph serve did not start: {proc.stderr.read().decode()[-500:]}")
            time.sleep(0.05)
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _named() -> str:
    return f"https://example.org/test/{uuid.uuid4()}"


def _count(url: str, graph: str) -> int:
    rows = Endpoint.of(url).select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"])


def _temp_graphs(url: str) -> list[str]:
    rows = Endpoint.of(url).select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return [r["g"] for r in rows if r["g"].startswith("urn:mlgraph:push:")]


HOSTILE = 'Quote " brace } angle > hash # and\nnewline \\ backslash'


def _small(extra_label: str = "Algebra") -> mlgraph.CompetencyGraph:
    return mlgraph.CompetencyGraph.from_records(
        [
            {"id": "algebra", "kind": "concept", "label": extra_label, "effort_hours": 10},
            {"id": "calculus", "kind": "concept", "label": "Calculus", "effort_hours": 20, "aliases": [HOSTILE]},
            {"id": "ml", "kind": "skill", "label": "Machine learning", "effort_hours": 30},
            {"id": "analyst", "kind": "role", "label": "Analyst"},
        ],
        [
            {"source": "algebra", "target": "calculus", "relation": "prerequisite"},
            {"source": "calculus", "target": "ml", "relation": "prerequisite"},
            {"source": "analyst", "target": "ml", "relation": "requirement", "importance": "essential", "level": 3},
        ],
    )


@pytest.fixture(scope="module")
def bundled() -> mlgraph.CompetencyGraph:
    return mlgraph.load()


# ---------------------------------------------------------------- push and connect
def test_push_then_connect_gives_the_same_answers(server: str, bundled: mlgraph.CompetencyGraph) -> None:
    named = _named()
    report = mlgraph.push(bundled, server, graph=named)
    assert report.graph == named and report.triples > 1000
    remote = mlgraph.connect(server, graph=named)
    assert "not read yet" in repr(remote)
    assert isinstance(remote, mlgraph.CompetencyGraph) and len(remote) == len(bundled)
    assert remote.to_local() == bundled
    assert remote.resolve("MLE").id == bundled.resolve("MLE").id
    roles = [n.id for n in bundled.nodes("role")][::5]
    for role in roles:
        assert mlgraph.learning_order(remote, role).to_dict() == mlgraph.learning_order(bundled, role).to_dict()
    assert mlgraph.transition(remote, roles[0], roles[-1]).plan.to_dict() == (
        mlgraph.transition(bundled, roles[0], roles[-1]).plan.to_dict()
    )
    assert repr(mlgraph.rank_transitions(remote, roles[0])) == repr(mlgraph.rank_transitions(bundled, roles[0]))
    competency = max(
        (n.id for n in bundled.nodes("skill")), key=lambda n: len(bundled.prerequisites(n, transitive=True))
    )
    assert remote.prerequisites(competency, transitive=True) == bundled.prerequisites(competency, transitive=True)
    # the same triples (RDF keeps no order: a remote graph lists its nodes in IRI order)
    out_remote, out_local = io.BytesIO(), io.BytesIO()
    write_rdf(remote, out_remote, "nt")
    write_rdf(bundled, out_local, "nt")
    assert sorted(out_remote.getvalue().splitlines()) == sorted(out_local.getvalue().splitlines())


def test_a_sparql_query_runs_in_the_server(server: str) -> None:
    named = _named()
    mlgraph.push(_small(), server, graph=named)
    remote = mlgraph.connect(server, graph=named)
    query = "SELECT ?label WHERE { GRAPH " + iri(named) + " { ?n dcterms:identifier ?id ; skos:prefLabel ?label } }"
    rows = remote.select(query, id="ml")
    assert rows == [{"label": "Machine learning"}]
    assert remote.prerequisites("ml", transitive=True) == ["algebra", "calculus"]


def test_replace_swaps_the_graph_and_no_replace_adds(server: str) -> None:
    named = _named()
    mlgraph.push(_small(), server, graph=named)
    smaller = mlgraph.CompetencyGraph.from_records([{"id": "python", "kind": "tool", "label": "Python"}])
    mlgraph.push(smaller, server, graph=named)
    assert set(mlgraph.connect(server, graph=named)) == {"python"}
    report = mlgraph.push(_small(), server, graph=named, replace=False)
    assert report.removed == 0
    assert set(mlgraph.connect(server, graph=named)) == {"python", "algebra", "calculus", "ml", "analyst"}


def test_repushing_sends_only_the_change_and_refresh_sees_it(server: str) -> None:
    named = _named()
    mlgraph.push(_small(), server, graph=named)
    remote = mlgraph.connect(server, graph=named)
    assert remote.node("algebra").label == "Algebra"
    report = mlgraph.push(_small("Linear algebra"), server, graph=named)
    assert (report.added, report.removed) == (1, 1)
    assert remote.node("algebra").label == "Algebra"  # cached on the connection
    remote.refresh()
    assert remote.node("algebra").label == "Linear algebra"
    assert remote.to_local() == _small("Linear algebra")


def _chain(n: int) -> mlgraph.CompetencyGraph:
    nodes = [{"id": f"n{i}", "kind": "concept", "label": f"N {i}", "effort_hours": i + 1} for i in range(n)]
    edges = [{"source": f"n{i}", "target": f"n{i + 1}", "relation": "prerequisite"} for i in range(n - 1)]
    return mlgraph.CompetencyGraph.from_records(nodes, edges)


@pytest.mark.parametrize("batch_size", [1_000_000, 150])
def test_readers_never_see_half_a_graph(server: str, batch_size: int) -> None:
    named = _named()
    small, large = _small(), _chain(120)
    mlgraph.push(small, server, graph=named)
    sizes = {_count(server, named)}
    seen: set[int] = set()
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            seen.add(_count(server, named))

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for graph in (large, small, large):
            report = mlgraph.push(graph, server, graph=named, batch_size=batch_size)
            sizes.add(_count(server, named))
    finally:
        stop.set()
        watcher.join()
    assert report.batches > (5 if batch_size == 150 else 0)
    assert seen <= sizes and len(sizes) == 2
    assert _temp_graphs(server) == []


def test_eight_threads_on_one_connection_agree_with_one(server: str, bundled: mlgraph.CompetencyGraph) -> None:
    named = _named()
    mlgraph.push(bundled, server, graph=named)
    roles = [n.id for n in bundled.nodes("role")][:2]
    one = mlgraph.connect(server, graph=named)
    alone = {r: mlgraph.learning_order(one, r).to_dict() for r in roles}
    closure = one.prerequisites("python", transitive=True)
    shared = mlgraph.connect(server, graph=named)

    def answers(offset: int) -> tuple[dict[str, object], list[str]]:
        order = roles[offset % 2 :] + roles[: offset % 2]
        return {r: mlgraph.learning_order(shared, r).to_dict() for r in order}, shared.prerequisites(
            "python", transitive=True
        )

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(answers, range(8)))
    assert all(plans == alone and found == closure for plans, found in results)
    assert closure == bundled.prerequisites("python", transitive=True)


# ---------------------------------------------------------------- protocols switched off
class _Proxy(http.server.ThreadingHTTPServer):
    """Forwards to Oxigraph, except: paths in `off` answer 405; the `drop_at`-th upload is cut off."""

    daemon_threads = True

    def __init__(self, upstream: str, off: tuple[str, ...] = (), drop_at: int | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.upstream = upstream.rsplit("/", 1)[0]
        self.off, self.drop_at, self.uploads = off, drop_at, 0
        self.seen: list[str] = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/query"

    def __enter__(self) -> _Proxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    server: _Proxy

    def log_message(self, *args: object) -> None:
        pass

    def _forward(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        path = self.path.split("?")[0]
        self.server.seen.append(f"{self.command} {path}")
        if path in self.server.off:
            self.send_response(405)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.command == "POST" and path in ("/store", "/update") and b"DROP SILENT" not in body:
            self.server.uploads += 1
            if self.server.uploads == self.server.drop_at:
                self.connection.shutdown(socket.SHUT_RDWR)
                self.connection.close()
                return
        headers = {k: v for k, v in self.headers.items() if k in ("Content-Type", "Accept", "Authorization")}
        req = urllib.request.Request(
            self.server.upstream + self.path, data=body or None, method=self.command, headers=headers
        )
        try:
            with urllib.request.urlopen(req, timeout=30) as reply:
                status, ctype, data = reply.status, reply.headers.get("Content-Type", ""), reply.read()
        except urllib.error.HTTPError as exc:
            status, ctype, data = exc.code, exc.headers.get("Content-Type", ""), exc.read()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = _forward


@pytest.mark.parametrize("batch_size", [1_000_000, 5])
def test_push_falls_back_to_update_without_graph_store(server: str, batch_size: int) -> None:
    named = _named()
    with _Proxy(server, off=("/store",)) as proxy:
        report = mlgraph.push(_small(), proxy.url, graph=named, batch_size=batch_size)
        assert report.protocol == "update"
        assert mlgraph.connect(proxy.url, graph=named).to_local() == _small()
    assert _temp_graphs(server) == []


@pytest.mark.parametrize("replace", [True, False])
def test_push_falls_back_to_graph_store_without_update(server: str, replace: bool) -> None:
    named = _named()
    mlgraph.push(
        mlgraph.CompetencyGraph.from_records([{"id": "python", "kind": "tool", "label": "Python"}]), server, graph=named
    )
    with _Proxy(server, off=("/update",)) as proxy:
        report = mlgraph.push(_small(), proxy.url, graph=named, replace=replace)
        assert report.protocol == "graph-store"
        assert "PUT /store" in proxy.seen if replace else "POST /store" in proxy.seen
        ids = set(mlgraph.connect(proxy.url, graph=named))
    assert ids == ({"algebra", "calculus", "ml", "analyst"} | (set() if replace else {"python"}))


def test_neither_protocol_is_a_clear_error(server: str) -> None:
    with _Proxy(server, off=("/update", "/store")) as proxy, pytest.raises(StoreError, match="neither"):
        mlgraph.push(_small(), proxy.url, graph=_named())


@pytest.mark.parametrize("drop_at", [1, 2, 4])
def test_a_connection_dropped_mid_push_leaves_the_old_graph(server: str, drop_at: int) -> None:
    named = _named()
    mlgraph.push(_small(), server, graph=named)
    before = _count(server, named)
    big = mlgraph.CompetencyGraph.from_records(
        [{"id": f"n{i}", "kind": "concept", "label": f"N {i}"} for i in range(40)]
    )
    with _Proxy(server, drop_at=drop_at) as proxy, pytest.raises(StoreError, match="closed the connection") as err:
        mlgraph.push(big, proxy.url, graph=named, batch_size=50)
    assert str(proxy.url.rsplit("/", 1)[0]) in str(err.value)
    assert _count(server, named) == before
    assert mlgraph.connect(server, graph=named).to_local() == _small()
    assert _temp_graphs(server) == []


# ---------------------------------------------------------------- fake servers
class _Fake:
    """A loopback TCP server that answers every connection with `reply` (None: say nothing, hold it open)."""

    def __init__(self, reply: bytes | None) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.reply, self.requests = reply, []
        self.closed = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://alice:s3cr3t@127.0.0.1:{self.sock.getsockname()[1]}/query"

    def _serve(self) -> None:
        while not self.closed.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    self.requests.append(conn.recv(65536))
                except OSError:
                    continue
                if self.reply is None:
                    self.closed.wait(5)
                else:
                    conn.sendall(self.reply)

    def __enter__(self) -> _Fake:
        return self

    def __exit__(self, *exc: object) -> None:
        self.closed.set()
        self.sock.close()


def _http(status: str, ctype: str, body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    return head.encode() + body


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (None, "no answer within 0.5 s"),
        (b"", "closed the connection"),
        (_http("500 Internal Server Error", "text/plain", b"disk full"), "HTTP 500 Internal Server Error: disk full"),
        (_http("200 OK", "text/html", b"<html>hello</html>"), "not SPARQL JSON results"),
        (_http("401 Unauthorized", "text/plain", b"who are you, alice:s3cr3t?"), "HTTP 401"),
        (b"garbage\r\n\r\n", "HTTP"),
    ],
)
def test_faults_are_clear_errors_naming_the_endpoint_without_credentials(reply: bytes | None, message: str) -> None:
    with _Fake(reply) as fake:
        start = time.monotonic()
        remote = mlgraph.connect(fake.url, timeout=0.5)
        with pytest.raises(StoreError) as err:
            remote.select("SELECT * WHERE { ?s ?p ?o }")
        assert time.monotonic() - start < 3
        text = str(err.value)
        assert message in text and fake.url.replace("alice:s3cr3t@", "") in text
        assert "s3cr3t" not in text and "s3cr3t" not in repr(remote) and "s3cr3t" not in repr(remote.endpoint)
        if fake.requests and fake.requests[0]:
            expected = base64.b64encode(b"alice:s3cr3t")
            assert b"Authorization: Basic " + expected in fake.requests[0]


def test_a_dead_endpoint_is_a_clear_error() -> None:
    url = f"http://127.0.0.1:{_free_port()}/query"
    with pytest.raises(StoreError, match="cannot connect") as err:
        mlgraph.push(_small(), url)
    assert url.rsplit("/", 1)[0] in str(err.value)
    remote = mlgraph.connect(url)
    assert "not read yet" in repr(remote) and not hasattr(remote, "_repr_html_")  # no network for probes
    with pytest.raises(StoreError, match="cannot connect"):
        len(remote)


def test_a_push_that_times_out_says_so() -> None:
    with _Fake(None) as fake, pytest.raises(StoreError, match=r"no answer within 0\.3 s"):
        mlgraph.push(_small(), fake.url, timeout=0.3)


def test_an_empty_named_graph_says_so(server: str) -> None:
    with pytest.raises(StoreError, match="empty or missing"):
        mlgraph.connect(server, graph=_named()).resolve("python")


# ---------------------------------------------------------------- injection
def test_values_can_never_change_a_query(server: str) -> None:
    named = _named()
    mlgraph.push(_small(), server, graph=named)
    remote = mlgraph.connect(server, graph=named)
    attack = 'ml" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o #\n>'
    query = "SELECT ?label WHERE { GRAPH " + iri(named) + " { ?n dcterms:identifier ?id ; skos:prefLabel ?label } }"
    assert remote.select(query, id=attack) == []
    assert remote.select(query, id="ml") == [{"label": "Machine learning"}]
    assert remote.resolve(HOSTILE).id == "calculus"
    assert remote.node("calculus").aliases == (HOSTILE,)
    with pytest.raises(StoreError):
        remote.select(query, **{"id} } DROP ALL #": "x"})
    for bad in ("https://example.org/a> { } DROP ALL", "https://example.org/a b", 'urn:x"'):
        with pytest.raises(StoreError, match="not an IRI"):
            mlgraph.push(_small(), server, graph=bad)
        with pytest.raises(StoreError, match="not an IRI"):
            mlgraph.connect(server, graph=bad)
    assert _count(server, named) > 0
    assert literal('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'


# ---------------------------------------------------------------- CLI
def test_cli_push_and_query_verbs_with_endpoint(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    from mlgraph.cli import main

    named, mini = _named(), str(Path(__file__).parent / "data" / "mini")
    assert main(["push", server, "--graph", mini, "--named-graph", named]) == 0
    assert f"into <{named}>" in capsys.readouterr().out
    remote = ["--endpoint", server, "--named-graph", named]
    for verb in (
        ["show", "ml-engineer"],
        ["path", "ml-engineer", "--json"],
        ["transition", "ml-engineer", "lead-ml-engineer"],
    ):
        assert main([*verb, "--graph", mini]) == 0
        local = capsys.readouterr().out
        assert main([*verb, *remote]) == 0
        assert capsys.readouterr().out == local
    assert main(["push", server, "--graph", mini, "--named-graph", named, "--no-replace"]) == 0
    assert "(0 new, 0 removed" in capsys.readouterr().out


def test_cli_credentials_are_never_printed(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from mlgraph.cli import main

    monkeypatch.setenv("H7_AUTH", "bob:hunter2")
    url = f"http://127.0.0.1:{_free_port()}/query"
    assert main(["push", url, "--auth-env", "H7_AUTH"]) == 1
    assert main(["show", "python", "--endpoint", url.replace("//", "//carol:pa55@")]) == 1
    err = capsys.readouterr().err
    assert "cannot connect" in err and url in err
    assert "hunter2" not in err and "pa55" not in err and "carol" not in err
    assert main(["push", url, "--auth-env", "H7_NOT_SET"]) == 1
    assert "H7_NOT_SET is not set" in capsys.readouterr().err
