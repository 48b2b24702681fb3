"""The ``mlgraph`` command: thin verbs over the library.

Each verb module (``mlgraph.cli.graph``, ``mlgraph.cli.learning`` ...) defines ``register(subparsers, common)``;
this module builds the parser, runs the verb, and turns every :class:`~mlgraph.errors.MlgraphError` into a
one-line message on stderr and a non-zero exit code, without a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import Any

from mlgraph.errors import MlgraphError, UnknownNodeError

__all__ = ["EXIT_ERROR", "EXIT_USAGE", "graph_from_args", "known_from_args", "known_options", "main", "print_json"]

EXIT_ERROR = 1
"""Exit code for invalid content or files."""
EXIT_USAGE = 2
"""Exit code for unknown names and bad arguments (as argparse uses)."""

# each helper module registers its verbs; a module not written yet is skipped
VERB_MODULES = (
    "graph",
    "search",
    "learning",
    "transitions",
    "progress",
    "explore",
    "interop",
    "importers",
    "stores",
    "shell",
)

DESCRIPTION = """\
mlgraph answers questions about a curated graph of machine-learning-engineering competencies:
roles (Data Analyst, Machine Learning Engineer, Head of AI ...), the skills, tools and concepts they need,
what to learn before what, and how long it takes.

Names can be ids, labels or aliases, in any case: "Machine Learning Engineer", "ml engineer", "MLE".
"""

EPILOG_TAIL = """\
Every verb takes --graph to use another graph, and --help for its own options and more examples.
Colour only on a terminal (NO_COLOR=1 turns it off). Shell completion: eval "$(mlgraph completion bash)".
Exit codes: 0 ok, 1 invalid content or file, 2 unknown name or bad arguments.
"""


def verb_examples(subparsers: Any, per_verb: int = 2) -> list[str]:
    """The first `per_verb` example commands from each verb's own help, in registration order."""
    lines = []
    for action in subparsers._choices_actions:  # the verbs with their help, in order
        sub = subparsers.choices[action.dest]
        found = [
            line.strip().removeprefix("example:").strip()
            for line in (sub.epilog or "").splitlines()
            if line.strip().removeprefix("example:").strip().startswith("mlgraph ")
        ]
        lines += [f"  {cmd}" for cmd in found[:per_verb]]
    return lines


def print_json(data: Any) -> None:
    """Print `data` as indented JSON on stdout."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def graph_from_args(args: argparse.Namespace) -> Any:
    """Load the graph named by ``--graph`` (the bundled graph when absent)."""
    if getattr(args, "endpoint", None):  # H7: a graph in a SPARQL server (mlgraph.cli.stores)
        from mlgraph.cli.stores import remote_from_args

        return remote_from_args(args)
    from mlgraph.cli.importers import attribution_notes, graph_from_paths  # H6: repeatable, merged

    paths = getattr(args, "graph", None)
    g = graph_from_paths(paths)
    for note in attribution_notes(g) if paths else ():
        print(f"note: {note}", file=sys.stderr)
    return g


def known_options() -> argparse.ArgumentParser:
    """The ``--known NAME ...`` and ``--profile FILE`` options, as a parent parser for verbs that take them."""
    known = argparse.ArgumentParser(add_help=False)
    known.add_argument(
        "--known", nargs="+", action="extend", default=[], metavar="NAME", help="what you already know (names)"
    )
    known.add_argument(
        "--profile",
        action="append",
        metavar="FILE",
        help="a YAML profile of what you know, optionally with levels (see README); repeatable: profiles and "
        "--known merge, an item named twice counts at its higher level",
    )
    return known


def known_from_args(g: Any, args: argparse.Namespace) -> dict[str, int | None]:
    """What every ``--profile`` and ``--known`` say is known, merged, as ``{id: level or None}``.

    An item named twice counts at its higher level (a name without a level counts at every level).
    """
    from mlgraph.io.profiles import read_profile
    from mlgraph.plan.known import merge_levels, resolve_known

    sources = [resolve_known(g, read_profile(g, path)) for path in args.profile or ()]
    sources.append(resolve_known(g, args.known))
    known: dict[str, int | None] = {}
    for each in sources:
        for node_id, level in each.items():
            known[node_id] = merge_levels(known[node_id], level) if node_id in known else level
    return known


def build_parser() -> argparse.ArgumentParser:
    """The full ``mlgraph`` argument parser, with every verb registered."""
    parser = argparse.ArgumentParser(
        prog="mlgraph",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from mlgraph import __version__

    parser.add_argument("--version", action="version", version=f"mlgraph {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--graph",
        action="append",
        metavar="FILE|DIR",
        help="use another graph: an ontology folder (instead of the bundled graph), or an O*NET release, ESCO "
        "download or exported file (merged onto it); repeatable",
    )
    common.add_argument(
        "--endpoint", metavar="URL", help="use the graph in this SPARQL server (its query URL; see `mlgraph push`)"
    )
    common.add_argument(
        "--auth-env", metavar="VAR", help="read the server's credentials 'user:password' from the variable VAR"
    )
    common.add_argument(
        "--named-graph", metavar="IRI", help="the named graph in the server (default https://w3id.org/mlgraph/)"
    )
    subparsers = parser.add_subparsers(dest="verb", metavar="VERB", title="verbs")
    for name in VERB_MODULES:
        try:
            module = import_module(f"mlgraph.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"mlgraph.cli.{name}":
                raise
            continue
        module.register(subparsers, common)
    parser.epilog = "examples:\n" + "\n".join(verb_examples(subparsers)) + "\n\n" + EPILOG_TAIL
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``mlgraph`` command and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int | None] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return handler(args) or 0
    except UnknownNodeError as exc:
        print(f"mlgraph: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except MlgraphError as exc:
        print(f"mlgraph: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
