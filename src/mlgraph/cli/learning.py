"""Verbs for learners and educators: ``path``, ``next``, ``check-order``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mlgraph.cli import graph_from_args, known_from_args, known_options, print_json
from mlgraph.errors import FormatError, UnknownNodeError


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    known = known_options()

    p = subparsers.add_parser(
        "path",
        parents=[common, known],
        help="a learning plan: what to learn, in what order, and how many hours",
        description="Plan the way to one or more targets (roles, skills, tools, concepts). A role stands for its "
        "essential requirements. Every prerequisite comes before what needs it; what you know is skipped, with "
        "everything it implies. Each step shows its hours and the running total.",
        epilog='examples:\n  mlgraph path "Machine Learning Engineer"\n'
        "  mlgraph path pytorch --known python numpy --hours-per-week 10\n"
        "  mlgraph path mlops --profile me.yaml --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("targets", nargs="+", metavar="TARGET", help="a role, skill, tool or concept (any name)")
    p.add_argument("--optional", action="store_true", help="include a role's optional requirements too")
    p.add_argument("--hours-per-week", type=float, metavar="N", help="group the steps into weeks of N hours")
    p.add_argument("--json", action="store_true", help="print the plan as JSON")
    p.add_argument("--plot", metavar="FILE.png", help="also draw the plan to a PNG file")
    p.set_defaults(handler=cmd_path)

    p = subparsers.add_parser(
        "next",
        parents=[common, known],
        help="what to learn next, given what you know",
        description="Suggest items whose prerequisites you already know, ranked by how much of the goal's "
        "remaining plan builds on them (or, with no goal, of every role's plan).",
        epilog='example: mlgraph next --known python "linear algebra" --goal "ML engineer"',
    )
    p.add_argument("--goal", metavar="ROLE", help="a role (or competency) to aim for; default: every role")
    p.add_argument("--top", type=int, default=5, metavar="N", help="how many suggestions (default 5)")
    p.add_argument("--json", action="store_true", help="print the suggestions as JSON")
    p.set_defaults(handler=cmd_next)

    p = subparsers.add_parser(
        "check-order",
        parents=[common, known],
        help="check a curriculum's order: prerequisites placed late or left out",
        description="Read a curriculum, one item per line in teaching order (blank lines and # comments are "
        "skipped; a YAML list works too), and report items taught before their prerequisites and prerequisites "
        "left out. --known names assumed background. Exits 1 when anything is wrong.",
        epilog="example: mlgraph check-order course.txt --known python",
    )
    p.add_argument("file", help="the curriculum file")
    p.add_argument("--direct", action="store_true", help="check direct prerequisites only")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=cmd_check_order)


def cmd_path(args: argparse.Namespace) -> int:
    from mlgraph.plan.learning import learning_order

    g = graph_from_args(args)
    plan = learning_order(g, args.targets, known_from_args(g, args), include_optional=args.optional)
    if args.plot:
        from mlgraph.viz.plot import plot_learning_plan, save_figure

        save_figure(plot_learning_plan(plan, g=g, hours_per_week=args.hours_per_week), args.plot)
    if args.json:
        data = plan.to_dict()
        if args.hours_per_week:
            data["weeks"] = [
                {"week": w.number, "hours": w.hours, "items": [{"id": i, "hours": h} for i, _, h in w.items]}
                for w in plan.schedule(args.hours_per_week)
            ]
        print_json(data)
        return 0
    names = ", ".join(g.node(t).label for t in plan.targets)
    known = f"; known: {', '.join(g.node(k).label for k in plan.known)}" if plan.known else ""
    print(f"Learning plan for {names}: {len(plan)} steps, {plan.total_hours:,.0f} hours{known}")
    if not plan.steps:
        print("Nothing to learn: everything needed is already known.")
        return 0
    if args.hours_per_week:
        weeks = plan.schedule(args.hours_per_week)
        print(f"{len(weeks)} weeks at {args.hours_per_week:g} hours a week")
        n = 0
        while n < len(weeks):
            w = weeks[n]
            # a long step filling several whole weeks prints once: "Weeks 3-6 (10 h each)"
            last = n
            while (
                len(w.items) == 1
                and last + 1 < len(weeks)
                and len(weeks[last + 1].items) == 1
                and weeks[last + 1].items[0][0] == w.items[0][0]
                and weeks[last + 1].hours == w.hours
            ):
                last += 1
            if last > n:
                print(f"\nWeeks {w.number}-{weeks[last].number} ({w.hours:g} h each)")
            else:
                print(f"\nWeek {w.number} ({w.hours:g} h)")
            for _, label, hours in w.items:
                print(f"  - {label} ({hours:g} h)")
            n = last + 1
    else:
        running = 0.0
        width = len(str(len(plan)))
        for n, s in enumerate(plan.steps, 1):
            running += s.effort_hours
            print(f"{n:>{width}}. {s.label} [{s.kind}]  {s.effort_hours:g} h  (total {running:,.0f} h)")
            print(f"{'':>{width}}    why: {s.why}")
    if args.plot:
        print(f"\nplot written to {args.plot}")
    return 0


def cmd_next(args: argparse.Namespace) -> int:
    from mlgraph.plan.learning import next_best

    g = graph_from_args(args)
    suggestions = next_best(g, known_from_args(g, args), goal=args.goal, top=args.top)
    if args.json:
        print_json([s.to_dict() for s in suggestions])
        return 0
    goal = f" towards {g.node(args.goal).label}" if args.goal else " towards every role"
    print(f"Learn next{goal}:")
    for n, s in enumerate(suggestions, 1):
        unlocks = f"; unlocks {', '.join(g.node(u).label for u in s.unlocks)}" if s.unlocks else ""
        print(f"{n}. {s.label} [{s.kind}]  {s.effort_hours:g} h  (score {s.score}{unlocks})")
    if not suggestions:
        print("Nothing left: the goal is reached.")
    return 0


def read_curriculum(g: Any, path: str) -> list[str]:
    """Ids of a curriculum file's items, in order; an unknown name is an error naming its line."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"cannot read the curriculum: {exc}", path=path) from exc
    entries: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if line.startswith("- "):
            line = line[2:].strip()
        line = line.strip("'\"")
        if line and line != "---":
            entries.append((number, line))
    if not entries:
        raise FormatError("the curriculum lists no items", path=path, hint="one item per line, in teaching order")
    ids = []
    for number, name in entries:
        try:
            ids.append(g.id_of(name))
        except UnknownNodeError as exc:
            labels = [g.node(s).label for s in exc.suggestions]
            raise UnknownNodeError(name, exc.suggestions, labels=labels, path=path, line=number) from None
    return ids


def cmd_check_order(args: argparse.Namespace) -> int:
    from mlgraph.plan.learning import check_order

    g = graph_from_args(args)
    report = check_order(g, read_curriculum(g, args.file), known_from_args(g, args), transitive=not args.direct)
    if args.json:
        print_json(report.to_dict())
        return 0 if report.ok else 1
    if report.ok:
        print(f"ok: {len(report.sequence)} items in a valid order, no prerequisite left out")
        return 0
    if report.misplaced:
        print(f"{len(report.misplaced)} item(s) out of order:")
        for issue in report.misplaced:
            print(f"  {issue}")
    if report.missing:
        print(f"{len(report.missing_ids)} prerequisite(s) left out:")
        for issue in report.missing:
            print(f"  {g.node(issue.prerequisite).label} ({issue.prerequisite}), needed by {issue.item}")
    print("(--known NAME assumes background; --direct checks direct prerequisites only)", file=sys.stderr)
    return 1
