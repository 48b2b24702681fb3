"""The catalogue of a graph as Markdown: counts by kind and relation, then every node by kind.

``python -m mlgraph.io.catalogue`` regenerates ``ontology/CATALOGUE.md`` from the bundled graph; a content test
fails when the file and the graph drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mlgraph.model.graph import CompetencyGraph

__all__ = ["catalogue", "write_catalogue"]

_SEED = re.compile(r"^(\d{3})_[0-9a-f]+\.txt$")


def _short_source(source_id: str) -> str:
    """A seed file name shortened to its number (``000_7395...txt`` -> ``000``); other ids unchanged."""
    match = _SEED.match(source_id)
    return match.group(1) if match else source_id


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _hours(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def catalogue(g: CompetencyGraph) -> str:
    """Markdown listing of every node of `g`, grouped by kind, with counts.

    Parameters
    ----------
    g : CompetencyGraph
        The graph to describe.

    Returns
    -------
    str
        Markdown: a table of node counts by kind, a table of edge counts by relation, then one section per
        kind with an ``id | label | hours | sources`` table sorted by id. Seed sources are shortened to their
        number (``000``).

    Examples
    --------
    >>> from mlgraph.model.graph import CompetencyGraph
    >>> g = CompetencyGraph.from_records(
    ...     [{"id": "git", "kind": "tool", "label": "Git", "effort_hours": 12, "sources": ["editorial"]}]
    ... )
    >>> print(catalogue(g).splitlines()[-1])
    | `git` | Git | 12 | editorial |
    """
    kinds = g.count_by_kind()
    relations = g.count_by_relation()
    lines = [
        "# Catalogue of the mlgraph ontology",
        "",
        "Generated from the graph by `python -m mlgraph.io.catalogue`; do not edit by hand.",
        f"Seed sources are shortened to their number (`000` is `000_....txt`). {len(g)} nodes, "
        f"{sum(relations.values())} edges.",
        "",
        "| kind | nodes |",
        "| --- | ---: |",
        *(f"| {kind} | {count} |" for kind, count in kinds.items()),
        "",
        "| relation | edges |",
        "| --- | ---: |",
        *(f"| {relation} | {count} |" for relation, count in sorted(relations.items())),
    ]
    for kind in kinds:
        nodes = sorted(g.nodes(kind), key=lambda node: node.id)
        lines += [
            "",
            f"## {kind} ({len(nodes)})",
            "",
            "| id | label | hours | sources |",
            "| --- | --- | ---: | --- |",
        ]
        for node in nodes:
            sources = ", ".join(_short_source(s) for s in node.sources)
            lines.append(f"| `{node.id}` | {_cell(node.label)} | {_hours(node.effort_hours)} | {sources} |")
    return "\n".join(lines) + "\n"


def write_catalogue(g: CompetencyGraph, path: str | Path) -> Path:
    """Write :func:`catalogue` of `g` to `path` (atomically, see :func:`mlgraph.io.atomic.write_atomically`)."""
    from mlgraph.io.atomic import write_atomically

    text = catalogue(g).encode("utf-8")
    return write_atomically(path, lambda out: out.write(text))


if __name__ == "__main__":
    import mlgraph

    target = Path(__file__).resolve().parents[3] / "ontology" / "CATALOGUE.md"
    print(f"wrote {write_catalogue(mlgraph.load(), target)}")
