"""Foundation figures: load() of the bundled graph, from_records at 17,000 nodes, `mlgraph show` cold start."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import mlgraph
from mlgraph.io import ontology
from synthetic import make_records
from timing import best_of, python_cmd, report, wall


def main() -> None:
    cache = tempfile.mkdtemp(prefix="mlgraph-bench-")
    os.environ["MLGRAPH_CACHE_DIR"] = cache
    try:
        mlgraph.load()  # imports done, cache written

        def fresh_load() -> None:
            ontology._MEMO.clear()
            mlgraph.load()

        report("load() bundled graph, cached parse (re-checked), after import", best_of(fresh_load, repeat=9), 0.050)

        def code_key() -> None:
            ontology._CODE = None
            ontology.code_digest()

        report(
            "   of which: hashing mlgraph's source for the cache key (once per process)", best_of(code_key, repeat=5)
        )

        def uncached() -> None:
            ontology._MEMO.clear()
            shutil.rmtree(cache, ignore_errors=True)
            mlgraph.load()

        report("load() bundled graph, first parse of the YAML (no cache)", best_of(uncached, repeat=3))
        nodes, edges = make_records()
        report(
            f"from_records {len(nodes):,} nodes, {len(edges):,} edges",
            best_of(lambda: mlgraph.CompetencyGraph.from_records(nodes, edges), repeat=3),
            2.0,
            unit="s",
        )
        mlgraph.load()
        base = wall(python_cmd("import networkx"))
        show = wall([sys.executable, "-m", "mlgraph", "show", "Machine Learning Engineer"])
        report("python -c 'import networkx' cold wall", base, unit="s")
        report("mlgraph show 'Machine Learning Engineer' cold wall", show, 1.5 * base, unit="s")
        print(f"ratio show / import networkx: {show / base:.2f} (target <= 1.5)")
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        os.environ.pop("MLGRAPH_CACHE_DIR", None)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
