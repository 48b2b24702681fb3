"""Progress verbs: ``done`` ticks items off in a profile file, ``progress`` shows how far a goal is.

The profile file is the one ``path``, ``next`` and ``transition`` read with ``--profile``, and the one the explorer
page downloads.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import textwrap
from typing import Any

from mlgraph.cli import EXIT_USAGE, graph_from_args, print_json


def _hours(hours: float) -> str:
    """``12.5 h``, ``1,859 h``: to the nearest half hour."""
    half = round(hours * 2) / 2
    if hours > 0 and half == 0:
        half = 0.5
    return f"{half:,.0f} h" if half == int(half) else f"{half:,.1f} h"


def _wrap(text: str) -> str:
    return textwrap.fill(text, 100)


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    from mlgraph.cli.term import bounded_int

    p = subparsers.add_parser(
        "done",
        parents=[common],
        help="tick items off: add them to your profile file with today's date",
        description=_wrap(
            "Add what you have learned to a profile file (created if missing), with today's date and "
            "optionally a level. The file's comments and order are kept; it is written atomically. An item already "
            "known at that level is left as it is; one known at a lower level is raised."
        ),
        epilog="examples:\n  mlgraph done python numpy --profile me.yaml\n"
        "  mlgraph done pytorch --level 4 --profile me.yaml\n"
        '  mlgraph progress --profile me.yaml --goal "Machine Learning Engineer"',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("items", nargs="+", metavar="ITEM", help="a skill, tool or concept (any name)")
    p.add_argument("--profile", metavar="FILE", required=True, help="the profile file to add to")
    p.add_argument(
        "--level",
        type=bounded_int(1, 5, "level"),
        metavar="N",
        help="the level reached, 1-5 (1 awareness, 2 basic, 3 working, 4 advanced, 5 expert); default: known",
    )
    p.set_defaults(handler=cmd_done)

    p = subparsers.add_parser(
        "progress",
        parents=[common],
        help="how far you are towards a goal: share done, hours left per stage, what is next",
        description=_wrap(
            "Compare the goal's plan from zero with the plan given your profile: the share of hours done, "
            "the hours left in each stage, and the next three items to learn."
        ),
        epilog='examples:\n  mlgraph progress --profile me.yaml --goal "Data Scientist"\n'
        "  mlgraph progress --profile me.yaml --json     (the goal written in the profile)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--profile", metavar="FILE", required=True, help="your profile file (see `mlgraph done`)")
    p.add_argument("--goal", metavar="ROLE", help="a role or competency (default: the profile's goal:)")
    p.add_argument("--json", action="store_true", help="print the progress as JSON")
    p.set_defaults(handler=cmd_progress)


def cmd_done(args: argparse.Namespace) -> int:
    from mlgraph.cli.term import paint, symbol
    from mlgraph.io.profiles import add_to_profile

    g = graph_from_args(args)
    changes = add_to_profile(g, args.profile, dict.fromkeys(args.items, args.level), done=datetime.date.today())
    for change in changes:
        label = g.node(change.id).label
        level = f" (level {change.level})" if change.level else ""
        if change.action == "kept":
            print(f"{symbol('bullet')} {label}: already in {args.profile}{level}")
        else:
            verb = "added to" if change.action == "added" else "raised in"
            print(f"{paint(symbol('ok'), 'green')} {label}{level}: {verb} {args.profile}")
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    from mlgraph.cli.term import paint, symbol
    from mlgraph.io.profiles import read_profile
    from mlgraph.viz.progress import progress

    g = graph_from_args(args)
    profile = read_profile(g, args.profile)
    goal = args.goal or profile.goal
    if goal is None:
        print(
            f"mlgraph progress: error: no goal: give --goal ROLE, or write `goal: ROLE` in {args.profile}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    p = progress(g, goal, profile)
    if args.json:
        print_json(p.to_dict())
        return 0
    print(
        paint(f"Progress towards {p.goal_label}: {p.share_done:.0%} done", "bold")
        + f" ({_hours(p.hours_done)} of {_hours(p.hours)}), {_hours(p.hours_left)} left"
    )
    if p.stages:
        width = max(len(s.title) for s in p.stages)
        print(f"\n  {'stage':<{width}}  {'done':>5}  {'left':>9}  steps left")
        for s in p.stages:
            share = s.hours_done / s.hours if s.hours else 1.0
            mark = paint(symbol("ok"), "green") if s.steps_left == 0 else symbol("todo")
            print(f"{mark} {s.title:<{width}}  {share:>5.0%}  {_hours(s.hours_left):>9}  {s.steps_left} of {s.steps}")
    if p.next_steps:
        print("\nNext:")
        for n, step in enumerate(p.next_steps, 1):
            first = step.resources[0] if step.resources else None
            where = ""
            if isinstance(first, dict):
                where = f"  (learn it with: {first.get('label') or first.get('id')})"
            print(f"  {n}. {step.label}, {_hours(step.effort_hours)}, to level {step.level}{where}")
    else:
        print(f"\n{paint(symbol('ok'), 'green')} Nothing left to learn for {p.goal_label}.")
    return 0
