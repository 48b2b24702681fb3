"""RDF figures on the 17,000-node synthetic graph: Turtle export and read against pyoxigraph's own dump and load.

Targets (issue "RDF and GraphML"): Turtle export <= 3x pyoxigraph's dump of the same triples; Turtle read into a
CompetencyGraph <= 4x pyoxigraph's load of the file. N-Triples and GraphML figures are for information.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pyoxigraph as ox

import mlgraph
from mlgraph.io.rdf import PREFIXES
from mlgraph.model.vocab import DEFAULT_BASE
from synthetic import make_records
from timing import best_of, report


def main() -> None:
    nodes, edges = make_records()
    g = mlgraph.CompetencyGraph.from_records(nodes, edges)
    folder = Path(tempfile.mkdtemp(prefix="mlgraph-bench-rdf-"))
    try:
        ttl = folder / "graph.ttl"
        export = best_of(lambda: mlgraph.export(g, ttl), repeat=3)
        store = ox.Store()
        store.load(path=str(ttl), format=ox.RdfFormat.TURTLE)
        triples = len(store)
        prefixes = {"": DEFAULT_BASE, **PREFIXES}

        def dump() -> None:
            store.dump(str(folder / "dump.ttl"), ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes)

        dumped = best_of(dump, repeat=3)
        print(f"synthetic graph: {len(g):,} nodes, {len(g.edge_rows()):,} edges, {triples:,} triples")
        report("Turtle export, mlgraph.export", export, unit="s")
        report("Turtle dump of the same triples, pyoxigraph Store.dump", dumped, unit="s")
        print(f"ratio export / pyoxigraph dump: {export / dumped:.2f} (target <= 3: {ok(export / dumped <= 3)})")

        def load() -> None:
            ox.Store().load(path=str(ttl), format=ox.RdfFormat.TURTLE)

        loaded = best_of(load, repeat=3)
        read = best_of(lambda: mlgraph.read(ttl), repeat=3)
        back = mlgraph.read(ttl)
        report("Turtle read into a CompetencyGraph, mlgraph.read", read, unit="s")
        report("Turtle load of the file, pyoxigraph Store.load", loaded, unit="s")
        print(f"ratio read / pyoxigraph load: {read / loaded:.2f} (target <= 4: {ok(read / loaded <= 4)})")
        parsed = best_of(lambda: sum(1 for _ in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE)), repeat=3)
        report("(for information) pyoxigraph.parse, iterating the quads in Python", parsed, unit="s")
        print(f"round trip equal: {back == g}")

        nt = folder / "graph.nt"
        report("(for information) N-Triples export", best_of(lambda: mlgraph.export(g, nt), repeat=2), unit="s")
        report("(for information) N-Triples read", best_of(lambda: mlgraph.read(nt), repeat=2), unit="s")
        graphml = folder / "graph.graphml"
        report("(for information) GraphML export", best_of(lambda: mlgraph.export(g, graphml), repeat=2), unit="s")
        report("(for information) GraphML read", best_of(lambda: mlgraph.read(graphml), repeat=1), unit="s")
        print(f"file sizes: Turtle {ttl.stat().st_size / 1e6:.1f} MB, N-Triples {nt.stat().st_size / 1e6:.1f} MB")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def ok(passed: bool) -> str:
    return "ok" if passed else "MISSED"


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
