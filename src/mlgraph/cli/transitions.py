"""Verbs for career moves: ``transition``, ``nearest``, ``career``."""

from __future__ import annotations

import argparse
from typing import Any

from mlgraph.cli import graph_from_args, known_from_args, known_options, print_json


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    known = known_options()
    optional = argparse.ArgumentParser(add_help=False)
    optional.add_argument("--optional", action="store_true", help="count the target role's optional requirements")

    p = subparsers.add_parser(
        "transition",
        parents=[common, known, optional],
        help="the move from one role to another: the gap, what carries over, the plan and its hours",
        description="Compare two roles. The first role stands for everything it requires, at the levels it "
        "requires; --known and --profile add what else you know. Shows what carries over, the gap (the second "
        "role's essential requirements not covered at the level needed), the learning order with hours, and the "
        "salary change where one source gives figures for both roles.",
        epilog='examples:\n  mlgraph transition "Data Scientist" "ML Engineer"\n'
        '  mlgraph transition "software engineer" MLE --known pytorch --json',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("source", metavar="FROM", help="the role you are in (any name)")
    p.add_argument("target", metavar="TO", help="the role you want (any name)")
    p.add_argument("--json", action="store_true", help="print the move as JSON")
    p.add_argument("--plot", metavar="FILE.png", help="also draw the move to a PNG file")
    p.set_defaults(handler=cmd_transition)

    p = subparsers.add_parser(
        "nearest",
        parents=[common, optional],
        help="the roles easiest to move to from a role (or, with --into, into it)",
        description="Rank the other roles by the hours of the move (fewest first; ties by overlap).",
        epilog='examples:\n  mlgraph nearest "Data Analyst"\n  mlgraph nearest MLE --into --top 5',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("role", metavar="ROLE", help="a role (any name)")
    p.add_argument("--top", type=int, default=10, metavar="N", help="how many roles (default 10)")
    p.add_argument("--into", action="store_true", help="rank who can most easily move into ROLE instead")
    p.add_argument("--json", action="store_true", help="print the ranking as JSON")
    p.set_defaults(handler=cmd_nearest)

    p = subparsers.add_parser(
        "career",
        parents=[common, optional],
        help="the cheapest routes from one role to another through intermediate roles",
        description="Find the K cheapest routes between two roles; every hop is a role-to-role move weighted by "
        "its hours, and the usual ladder (progression edges) wins ties.",
        epilog='example: mlgraph career "Data Analyst" "Head of AI" --k 3',
    )
    p.add_argument("source", metavar="FROM", help="the role you are in (any name)")
    p.add_argument("target", metavar="TO", help="the role you want (any name)")
    p.add_argument("--k", type=int, default=3, metavar="K", help="how many routes (default 3)")
    p.add_argument("--no-direct", action="store_true", help="leave out the direct move")
    p.add_argument("--json", action="store_true", help="print the routes as JSON")
    p.set_defaults(handler=cmd_career)


def _level(level: int | None) -> str:
    return "any level" if level is None else ("-" if level == 0 else f"L{level}")


def _money(value: float | None) -> str:
    return "?" if value is None else f"{value:,.0f}"


def cmd_transition(args: argparse.Namespace) -> int:
    from mlgraph.plan.transitions import transition

    g = graph_from_args(args)
    move = transition(g, args.source, args.target, known_from_args(g, args), include_optional=args.optional)
    if args.plot:
        from mlgraph.viz.plot import plot_transition, save_figure

        save_figure(plot_transition(move, g), args.plot)
    if args.json:
        print_json(move.to_dict())
        return 0
    a, b = g.node(move.from_).label, g.node(move.to).label
    print(f"{a} -> {b}: {move.total_hours:,.0f} hours, {len(move.steps)} steps (overlap {move.overlap:.2f})")
    print(f"\nCarries over ({len(move.shared)}):")
    if move.shared:
        print("  " + ", ".join(f"{i.label} L{i.level}" for i in move.shared))
    else:
        print("  nothing")
    print(f"\nGap ({len(move.gap)} requirements, {move.gap_hours:,.0f} h of their own):")
    for item in move.gap:
        print(f"  - {item.label} [{item.kind}] L{item.level} (now {_level(item.current_level)})  {item.hours:g} h")
    if not move.gap:
        print("  nothing: every requirement is covered")
    if move.steps:
        print("\nLearning order (prerequisites included):")
        width = len(str(len(move.steps)))
        running = 0.0
        for n, s in enumerate(move.steps, 1):
            running += s.effort_hours
            print(f"{n:>{width}}. {s.label} [{s.kind}] L{s.level}  {s.effort_hours:g} h  (total {running:,.0f} h)")
    if move.salary:
        print("\nSalary (figures from the same source, never averaged):")
        for c in move.salary:
            where = ", ".join(x for x in (c.seniority, c.region, c.basis) if x and x != "any") or "any seniority"
            print(
                f"  {c.source} ({where}, {c.currency}/{c.period}): "
                f"{_money(c.from_min)}-{_money(c.from_max)} -> {_money(c.to_min)}-{_money(c.to_max)}"
            )
    return 0


def cmd_nearest(args: argparse.Namespace) -> int:
    from mlgraph.plan.transitions import rank_transitions

    g = graph_from_args(args)
    ranked = rank_transitions(g, args.role, top=args.top, into=args.into, include_optional=args.optional)
    if args.json:
        print_json([r.to_dict() for r in ranked])
        return 0
    role = g.node(g.id_of(args.role)).label
    print(f"Easiest moves {'into' if args.into else 'from'} {role}:")
    for n, r in enumerate(ranked, 1):
        print(f"{n:>2}. {r.label}  {r.total_hours:,.0f} h  (overlap {r.overlap:.2f})")
    if not ranked:
        print("  no other role")
    return 0


def cmd_career(args: argparse.Namespace) -> int:
    from mlgraph.plan.transitions import career_paths

    g = graph_from_args(args)
    paths = career_paths(
        g, args.source, args.target, k=args.k, include_optional=args.optional, direct=not args.no_direct
    )
    if args.json:
        print_json([p.to_dict() for p in paths])
        return 0
    if not paths:
        print("No route found.")
        return 0
    print(f"Cheapest routes from {g.node(paths[0].roles[0]).label} to {g.node(paths[0].roles[-1]).label}:")
    for n, p in enumerate(paths, 1):
        hops = " + ".join(f"{h:,.0f}" for h in p.hours) or "0"
        print(f"{n}. {' -> '.join(g.node(r).label for r in p.roles)}: {p.total_hours:,.0f} h ({hops})")
    return 0
