"""``mlgraph search``: find nodes by the words in their names, aliases and descriptions."""

from __future__ import annotations

import argparse
from typing import Any

from mlgraph.cli import graph_from_args, print_json
from mlgraph.cli.graph import KIND_CHOICES
from mlgraph.cli.term import bounded_int, paint


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "search",
        parents=[common],
        help="find nodes by words in their names, aliases and descriptions, best first",
        description="Find nodes about some words. A word in a name or alias counts far more than one in a "
        "description, rare words more than common ones, and a node that has every word comes first. Words may be "
        'the start of a longer word ("net" finds networks).',
        epilog="examples:\n  mlgraph search vector database\n  mlgraph search deploy models --kind skill --top 5\n"
        "  mlgraph search kubernetes --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("words", nargs="+", metavar="WORD", help="what to look for")
    p.add_argument("--kind", choices=KIND_CHOICES, help="only nodes of this kind")
    p.add_argument(
        "--top", type=bounded_int(1, 200, "--top"), default=10, metavar="N", help="at most N hits, 1-200 (default 10)"
    )
    p.add_argument("--json", action="store_true", help="print the hits as JSON: [{id, label, kind, score, matched}]")
    p.set_defaults(handler=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    from mlgraph.model.search import search

    g = graph_from_args(args)
    hits = search(g, " ".join(args.words), top=args.top, kind=args.kind)
    if args.json:
        print_json([h.to_dict() for h in hits])
        return 0
    if not hits:
        print(f"nothing matches {' '.join(args.words)!r}; try fewer or other words, or `mlgraph nodes`")
        return 0
    width = max(len(h.label) for h in hits)
    id_width = max(len(h.id) for h in hits)
    for h in hits:
        where = "found in " + ", ".join(h.matched)
        print(f"{paint(h.label.ljust(width), 'bold')}  {h.kind:<8}  {h.id:<{id_width}}  {paint(where, 'dim')}")
    return 0
