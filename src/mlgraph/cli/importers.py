"""O*NET and ESCO on the command line: ``mlgraph import onet|esco FOLDER -o FILE`` and ``--graph`` for any verb.

``mlgraph import`` belongs to :mod:`mlgraph.cli.interop` (reading a file written by ``export``); it hands
``import onet FOLDER`` and ``import esco FOLDER`` to :func:`cmd_import_release` here, and takes its release
arguments from :func:`add_release_arguments`.

``--graph`` (repeatable) is read by :func:`graph_from_paths`:

- an ontology folder (YAML, laid out like ``ontology/``) replaces the bundled graph as the base;
- an O*NET text release, an ESCO CSV download, or a file written by ``mlgraph export`` / ``mlgraph import`` is
  merged onto the base (the bundled graph unless an ontology folder is given), with :func:`mlgraph.merge`.

So ``mlgraph transition "Actuaries" "ML engineer" --graph onet.json`` moves from an O*NET occupation to the
bundled role, and ``--graph my-ontology/ --graph onet/`` joins a custom ontology with O*NET.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["RELEASES", "add_release_arguments", "attribution_notes", "cmd_import_release", "graph_from_paths"]

RELEASES = ("onet", "esco")
"""The release kinds ``mlgraph import KIND FOLDER`` reads."""


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Nothing of its own: ``import onet|esco`` is registered by :mod:`mlgraph.cli.interop`."""


def add_release_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``mlgraph import onet|esco FOLDER -o FILE`` (added to the ``import`` verb)."""
    parser.add_argument(
        "folder", nargs="?", metavar="FOLDER", help="with FILE = onet or esco: the unzipped O*NET or ESCO release"
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="with onet/esco: write the imported graph here (any export format)"
    )
    parser.epilog = (parser.epilog or "") + (
        "\n  mlgraph import onet ../onet-29.2 -o onet.json     O*NET occupations as a graph"
        "\n  mlgraph import esco ../esco-1.2.0 -o esco.ttl     ESCO occupations as RDF"
    )


def _kind_of(folder: Path) -> str | None:
    from mlgraph.io.importers.esco import is_esco_release
    from mlgraph.io.importers.onet import is_onet_release

    if is_onet_release(folder):
        return "onet"
    if is_esco_release(folder):
        return "esco"
    return None


def _load_release(kind: str, folder: str | Path) -> Any:
    if kind == "onet":
        from mlgraph.io.importers.onet import load_onet

        return load_onet(folder)
    from mlgraph.io.importers.esco import load_esco

    return load_esco(folder)


def attribution_notes(g: Any) -> list[str]:
    """The attribution texts of the O*NET and ESCO sources a graph holds (empty for the bundled graph alone)."""
    from mlgraph.io.importers import esco, onet

    notes = []
    if onet.SOURCE_ID in g.sources:
        notes.append(onet.ATTRIBUTION)
    if esco.SOURCE_ID in g.sources:
        notes.append(esco.ATTRIBUTION)
    return notes


def graph_from_paths(paths: Sequence[str | Path] | None) -> Any:
    """The graph that one or more ``--graph`` values name (see the module documentation); the bundled graph for
    none."""
    from mlgraph.io.ontology import load

    if not paths:
        return load()
    bases, extras = [], []
    for value in paths:
        path = Path(value)
        if path.is_dir():
            kind = _kind_of(path)
            if kind is None:
                bases.append(load(path))
            else:
                extras.append(_load_release(kind, path))
        else:
            from mlgraph.io.formats import read

            extras.append(read(path))
    graphs = (bases or [load()]) + extras
    if len(graphs) == 1:
        return graphs[0]
    from mlgraph.model.merge import merge

    return merge(*graphs)


def cmd_import_release(args: argparse.Namespace) -> int:
    """``mlgraph import onet|esco FOLDER -o FILE``: read a release, write it in any export format."""
    from mlgraph.cli import EXIT_USAGE
    from mlgraph.cli.term import Progress
    from mlgraph.io.formats import export, format_of

    kind, folder = args.file, args.folder
    if not folder:
        print(f"mlgraph: error: mlgraph import {kind} needs the release FOLDER (and -o FILE)", file=sys.stderr)
        return EXIT_USAGE
    if not args.output:
        print(f"mlgraph: error: mlgraph import {kind} FOLDER needs -o FILE", file=sys.stderr)
        return EXIT_USAGE
    fmt = format_of(args.output, args.format)
    name = {"onet": "O*NET", "esco": "ESCO"}[kind]
    with Progress(f"importing {name}", total=2) as bar:
        start = time.perf_counter()
        print(f"reading the {name} release in {folder} ...", file=sys.stderr)
        g = _load_release(kind, folder)
        bar.update(1)
        print(f"writing {args.output} ({fmt}) ...", file=sys.stderr)
        path = export(g, args.output, fmt)
        bar.update(1)
    kinds = ", ".join(f"{v:,} {k}s" for k, v in g.count_by_kind().items())
    print(
        f"wrote {path} ({fmt}): {len(g):,} nodes ({kinds}), {len(g.edge_rows()):,} edges "
        f"in {time.perf_counter() - start:.1f} s"
    )
    for note in attribution_notes(g):
        print(f"note: {note}")
    return 0
