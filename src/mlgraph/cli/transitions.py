"""Verbs for career moves: ``transition``, ``nearest``, ``career``."""

from __future__ import annotations

import argparse
from typing import Any

from mlgraph.cli import graph_from_args, known_from_args, known_options, print_json
from mlgraph.cli.term import bounded_int, width
from mlgraph.plan.careers import MAX_ROUTES

MAX_TOP = 100
"""The most roles ``nearest --top`` lists."""

LEVELS_NOTE = "L1-L5: the level needed (L3 = working proficiency); now: the level the first role has (- = none)."


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
        description="Rank the other roles by the hours of the move (fewest first; ties by overlap: how alike the "
        "two roles' requirements are, from 0 to 1).",
        epilog='examples:\n  mlgraph nearest "Data Analyst"\n  mlgraph nearest MLE --into --top 5',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("role", metavar="ROLE", help="a role (any name)")
    p.add_argument(
        "--top",
        type=bounded_int(1, MAX_TOP, "--top"),
        default=10,
        metavar="N",
        help=f"how many roles, 1-{MAX_TOP} (default 10)",
    )
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
    p.add_argument(
        "--k",
        type=bounded_int(1, MAX_ROUTES, "--k"),
        default=3,
        metavar="K",
        help=f"how many routes, 1-{MAX_ROUTES} (default 3)",
    )
    p.add_argument("--no-direct", action="store_true", help="leave out the direct move")
    p.add_argument("--json", action="store_true", help="print the routes as JSON")
    p.set_defaults(handler=cmd_career)


def _level(level: int | None) -> str:
    return "any level" if level is None else ("-" if level == 0 else f"L{level}")


def _money(low: float | None, high: float | None) -> str:
    """A salary range as people write it: ``90,000-120,000``, ``90,000``, ``from 90,000``, ``up to 120,000``."""
    if low is not None and high is not None:
        return f"{low:,.0f}" if low == high else f"{low:,.0f}-{high:,.0f}"
    if low is not None:
        return f"from {low:,.0f}"
    if high is not None:
        return f"up to {high:,.0f}"
    return "no figure"


def _hours(value: float) -> str:
    """Whole or half hours, as the plans print them."""
    half = round(value * 2) / 2
    return f"{half:,.0f}" if half == int(half) else f"{half:,.1f}"


def _wrapped(items: list[str], indent: str = "  ") -> str:
    """A comma-separated list wrapped to the terminal (later lines indented by two more spaces)."""
    import textwrap

    return textwrap.fill(
        ", ".join(items),
        width=width(),
        initial_indent=indent,
        subsequent_indent=indent + ("  " if not indent else ""),
        break_on_hyphens=False,
        break_long_words=False,
    )


def area_title(area: str | None) -> str:
    """The title of an area id ("Deep learning"); a title-cased id for an area the model does not list."""
    if not area:
        return "Other"
    try:
        from mlgraph.model.areas import area_title as title
    except ImportError:  # pragma: no cover - model/areas.py not there yet
        return area.replace("-", " ").capitalize()
    return title(area)


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
    steps = len(move.steps)
    header = (
        f"{a} -> {b}: {_hours(move.total_hours)} hours, {steps} step{'s' if steps != 1 else ''} "
        f"(overlap {move.overlap:.2f}: how alike the two roles' requirements are, 0-1)"
    )
    print(_wrapped([header], indent=""))
    print(f"\nCarries over ({len(move.shared)}):")
    print(_wrapped([f"{i.label} L{i.level}" for i in move.shared]) if move.shared else "  nothing")
    print(f"\nGap ({len(move.gap)} requirements, {_hours(move.gap_hours)} h of their own):")
    for item in move.gap:
        print(
            f"  - {item.label} [{item.kind}] L{item.level} (now {_level(item.current_level)})  {_hours(item.hours)} h"
        )
    if not move.gap:
        print("  nothing: every requirement is covered")
    if move.steps:
        by_area: dict[str, float] = {}
        for s in move.steps:
            title = area_title(getattr(s, "area", None) or g.node(s.id).area)
            by_area[title] = by_area.get(title, 0.0) + s.effort_hours
        ranked = sorted(by_area.items(), key=lambda kv: (-kv[1], kv[0]))
        print("\nWhere the hours go:")
        print(_wrapped([f"{title} {_hours(h)} h" for title, h in ranked]))
        print("\nLearning order (prerequisites included):")
        digits = len(str(len(move.steps)))
        running = 0.0
        for n, s in enumerate(move.steps, 1):
            running += s.effort_hours
            hours = f"{_hours(s.effort_hours)} h  (total {_hours(running)} h)"
            line = f"{n:>{digits}}. {s.label} [{s.kind}] L{s.level}  {hours}"
            print(_wrapped([line], indent=""))
    if move.gap or move.shared:
        print("\n" + _wrapped([LEVELS_NOTE], indent=""))
    if move.salary:
        print("\nSalary (figures from the same source, never averaged):")
        for c in move.salary:
            where = ", ".join(x for x in (c.seniority, c.region, c.basis) if x and x != "any") or "any seniority"
            change = f"{_money(c.from_min, c.from_max)} -> {_money(c.to_min, c.to_max)}"
            line = f"{c.source} ({where}, {c.currency}/{c.period}): {change}"
            print(_wrapped([line], indent="  "))
    return 0


def _occupation_hooks(g: Any) -> dict[str, Any]:
    """On a graph holding imported O*NET occupations, rank by hours and by how alike the jobs are."""
    if not any(n.area == "onet" for n in g.nodes(kind="role")):
        return {}
    try:
        from mlgraph.plan.occupations import dissimilarity_penalty, similarity_pairs
    except ImportError:  # pragma: no cover - the importers are not installed
        return {}
    return {"similarity": similarity_pairs, "penalty": dissimilarity_penalty}


def cmd_nearest(args: argparse.Namespace) -> int:
    from mlgraph.plan.ranking import rank_transitions

    g = graph_from_args(args)
    hooks = _occupation_hooks(g)
    ranked = rank_transitions(g, args.role, top=args.top, into=args.into, include_optional=args.optional, **hooks)
    if args.json:
        print_json([r.to_dict() for r in ranked])
        return 0
    role = g.node(g.id_of(args.role)).label
    print(f"Easiest moves {'into' if args.into else 'from'} {role}:")
    digits = len(str(len(ranked)))
    for n, r in enumerate(ranked, 1):
        if hooks:
            detail = f"({_hours(r.total_hours)} h, similarity {r.similarity:.2f})"
            line = f"{n:>{digits}}. {r.label}  score {_hours(r.score)}  {detail}"
        else:
            line = f"{n:>{digits}}. {r.label}  {_hours(r.total_hours)} h  (overlap {r.overlap:.2f})"
        print(_wrapped([line], indent=""))
    if not ranked:
        print("  no other role")
    elif hooks:
        from mlgraph.plan.occupations import DISSIMILARITY_HOURS

        note = (
            f"score: the hours of learning for the move plus {DISSIMILARITY_HOURS:,.0f} h x (1 - similarity), "
            "where similarity (0-1) says "
            "how alike the two occupations are (work activities, tools, skills, titles, code, interests, job zone); "
            "fewest first."
        )
        print("\n" + _wrapped([note], indent=""))
    else:
        note = "h: hours of learning for the move; overlap: how alike the two roles' requirements are (0-1)."
        print("\n" + _wrapped([note], indent=""))
    return 0


def cmd_career(args: argparse.Namespace) -> int:
    from mlgraph.plan.careers import career_paths

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
        hops = " + ".join(_hours(h) for h in p.hours) or "0"
        route = " -> ".join(g.node(r).label for r in p.roles)
        print(_wrapped([f"{n}. {route}: {_hours(p.total_hours)} h ({hops})"], indent=""))
    return 0
