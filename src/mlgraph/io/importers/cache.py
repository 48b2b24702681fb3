"""The on-disk cache of imported releases: a compact JSON file per content hash.

An O*NET release is 45 MB of text and 87,000 edges; parsing it takes seconds, reading this file a quarter of
one. The file lives in :func:`mlgraph.io.ontology.cache_dir` under a name that hashes the release files and the
importer's code (the caller's `digest`), so a changed file or a new mlgraph never reads a stale entry. Edges are
stored column by column as indexes into one string table; nodes and sources as their JSON dumps (validated in
one batch on the way back). A missing, partial or foreign file is ignored and rebuilt.
"""

from __future__ import annotations

import gc
import json
import os
import tempfile
from pathlib import Path

from mlgraph.model.graph import CompetencyGraph

__all__ = ["read_cached", "write_cached"]

_FORMAT = "mlgraph-import-cache/1"


def read_cached(file: Path, origin: str) -> CompetencyGraph | None:
    """The graph stored in `file`, or None when it is missing or unreadable."""
    from pydantic import TypeAdapter, ValidationError

    from mlgraph.model.records import EdgeRow, Node, Source

    enabled = gc.isenabled()
    gc.disable()  # 90,000 small tuples: the collector would run dozens of times for nothing
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("format") != _FORMAT:
            return None
        strings = data["strings"]
        groups = [tuple(s.split("\x1f")) if s else () for s in strings]
        levels = data["levels"]
        make = tuple.__new__
        rows = [
            make(EdgeRow, (strings[a], strings[b], strings[r], strings[i] if i >= 0 else None, lv or None, groups[s]))
            for a, b, r, i, lv, s in zip(*data["edges"], levels, data["edge_sources"], strict=True)
        ]
        nodes = TypeAdapter(list[Node]).validate_python(data["nodes"])
        sources = {s.id: s for s in TypeAdapter(list[Source]).validate_python(data["sources"])}
    except (OSError, ValueError, KeyError, TypeError, IndexError, ValidationError):
        return None
    finally:
        if enabled:
            gc.enable()
    return CompetencyGraph({n.id: n for n in nodes}, rows, sources, origin)


def write_cached(file: Path, g: CompetencyGraph) -> None:
    """Store `g` in `file` atomically; a read-only cache folder is silently skipped."""
    index: dict[str, int] = {}
    strings: list[str] = []

    def ref(text: str) -> int:
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    columns: list[list[int]] = [[], [], [], []]
    levels: list[int] = []
    edge_sources: list[int] = []
    for row in g.edge_rows():
        columns[0].append(ref(row.source))
        columns[1].append(ref(row.target))
        columns[2].append(ref(row.relation))
        columns[3].append(ref(row.importance) if row.importance is not None else -1)
        levels.append(row.level or 0)
        edge_sources.append(ref("\x1f".join(row.sources)))
    nodes, _, sources = g.records()
    data = {
        "format": _FORMAT,
        "strings": strings,
        "edges": columns,
        "levels": levels,
        "edge_sources": edge_sources,
        "nodes": [n.model_dump(mode="json", exclude_defaults=True) for n in nodes],
        "sources": [s.model_dump(mode="json") for s in sources],
    }
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, separators=(",", ":"))
        os.replace(tmp, file)
    except OSError:
        pass  # the cache only saves time
