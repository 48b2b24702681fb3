"""The ``explore`` verb: write the explorer page (search, roadmap with progress, role comparison) to one HTML file."""

from __future__ import annotations

import argparse
import textwrap
from typing import Any

from mlgraph.cli import graph_from_args


def _wrap(text: str) -> str:
    return textwrap.fill(text, 100)


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "explore",
        parents=[common],
        help="write a self-contained HTML page: search, roadmap with progress, role comparison",
        description=_wrap(
            "Write one HTML file that works offline (open it in any browser): search every node by name "
            "or alias and read its card; the roadmap of your goal in stages, with prerequisite arrows and ticks "
            "kept in the browser; a comparison of any two roles. Its 'Download my profile' button saves a YAML file "
            "that --profile reads (mlgraph path, next, progress, done)."
        ),
        epilog='examples:\n  mlgraph explore --goal "Machine Learning Engineer" -o roadmap.html\n'
        "  mlgraph explore --profile me.yaml -o me.html        (the goal and known items of the profile)\n"
        "  mlgraph explore --graph onet-29.2/ -o all.html      (O*NET merged in: search and roles at scale)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--goal", nargs="+", action="extend", default=[], metavar="ROLE", help="role(s) to draw roadmaps for"
    )
    p.add_argument("--profile", metavar="FILE", help="what you know (and your goal:), as `mlgraph done` writes it")
    p.add_argument("-o", "--output", metavar="FILE.html", required=True, help="the HTML file to write")
    p.add_argument("--title", help="the page title")
    p.set_defaults(handler=cmd_explore)


def cmd_explore(args: argparse.Namespace) -> int:
    from mlgraph.io.profiles import read_profile
    from mlgraph.viz.explorer import explore

    g = graph_from_args(args)
    known = read_profile(g, args.profile) if args.profile else None
    page = explore(g, goal=args.goal, known=known, path=args.output, title=args.title)
    n_plans = len(page.data["plans"])
    print(
        f"explorer written to {args.output} ({len(page.html.encode()) / 1024:,.0f} KB, {len(page.data['id']):,} nodes, "
        f"{n_plans} roadmap{'s' if n_plans != 1 else ''}): open it in a browser"
    )
    return 0
