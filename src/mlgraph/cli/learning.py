"""Verbs for learners and educators: ``path``, ``next``, ``check-order``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mlgraph.cli import EXIT_USAGE, graph_from_args, known_from_args, known_options, print_json
from mlgraph.errors import FormatError, UnknownNodeError

LEVELS_NOTE = "L1-L5: the level each step takes you to (1 awareness, 2 basic, 3 working, 4 advanced, 5 expert)"
HOURS_PER_WEEK = (0.5, 100.0)
TOP = (1, 100)
EXPORT_FORMATS = ("md", "csv")
MAX_CURRICULUM_BYTES = 1_000_000
"""A curriculum file larger than this is refused (a course outline is a few kilobytes)."""
MAX_NAME_CHARS = 200
"""A curriculum line longer than this is refused, and echoed only in part."""


def hours_text(hours: float, unit: str = "h") -> str:
    """Hours as people read them: to the nearest half hour (never 0 for a positive amount), with thousands.

    The one rounding rule of the text output (JSON keeps exact values).

    >>> hours_text(12.26), hours_text(0.1), hours_text(1859.0), hours_text(0), hours_text(1, "hours")
    ('12.5 h', '0.5 h', '1,859 h', '0 h', '1 hours')
    """
    from mlgraph.plan.export import half_hours_text

    return f"{half_hours_text(hours)} {unit}"


def plural(n: float, word: str) -> str:
    """``"1 week"``, ``"3 weeks"``.

    >>> plural(1, "week"), plural(2, "step")
    ('1 week', '2 steps')
    """
    return f"{n:g} {word}" if n == 1 else f"{n:g} {word}s"


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    from mlgraph.cli.term import bounded_float, bounded_int

    known = known_options()

    p = subparsers.add_parser(
        "path",
        parents=[common, known],
        help="a learning plan: what to learn, in what order, and how many hours",
        description="Plan the way to one or more targets (roles, skills, tools, concepts). A role stands for its "
        "essential requirements, an umbrella topic (deep learning, statistics ...) for its core parts. Every "
        "prerequisite comes just before what needs it; what you know is skipped, with everything it implies. "
        "The plan is printed in stages, each step with its hours, level, reason and a place to learn it. "
        "--known takes skills, tools, concepts, roles (their requirements) and resources (what they teach).",
        epilog='examples:\n  mlgraph path "Machine Learning Engineer"\n'
        "  mlgraph path pytorch --known python numpy --hours-per-week 10\n"
        '  mlgraph path "MLOps Engineer" --known "Data Scientist" --json\n'
        '  mlgraph path "Data Analyst" -o plan.md',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("targets", nargs="+", metavar="TARGET", help="a role, skill, tool or concept (any name)")
    p.add_argument("--optional", action="store_true", help="include a role's optional requirements too")
    p.add_argument(
        "--hours-per-week",
        type=bounded_float(*HOURS_PER_WEEK, "hours a week"),
        metavar="N",
        help=f"group the steps into weeks of N hours ({HOURS_PER_WEEK[0]:g} to {HOURS_PER_WEEK[1]:g})",
    )
    p.add_argument("--json", action="store_true", help="print the plan as JSON (exact hours, full reasons)")
    p.add_argument("--format", choices=EXPORT_FORMATS, help="print the plan as Markdown or CSV")
    p.add_argument("-o", "--output", metavar="FILE", help="write the plan to FILE (.md or .csv) instead")
    p.add_argument("--plot", metavar="FILE.png", help="also draw the plan to a PNG file")
    p.set_defaults(handler=cmd_path)

    p = subparsers.add_parser(
        "next",
        parents=[common, known],
        help="what to learn next, given what you know",
        description="Suggest items whose prerequisites you already know, ranked by how much of the goal's "
        "remaining plan builds on them (or, with no goal, of every role's plan); ties follow the plan's order.",
        epilog='example: mlgraph next --known python "linear algebra" --goal "ML engineer"',
    )
    p.add_argument("--goal", metavar="ROLE", help="a role (or competency) to aim for; default: every role")
    p.add_argument(
        "--top",
        type=bounded_int(*TOP, "--top"),
        default=5,
        metavar="N",
        help=f"how many suggestions ({TOP[0]}-{TOP[1]}, default 5)",
    )
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


class UsageError(Exception):
    """A bad combination of options: reported on stderr with exit code 2, before any output."""


def _export_format(args: argparse.Namespace) -> str | None:
    """The export format asked for by --format or by the suffix of -o; a usage error when they disagree."""
    fmt = args.format
    if args.output:
        suffix = Path(args.output).suffix.lower().lstrip(".")
        suffix = {"markdown": "md"}.get(suffix, suffix)
        if suffix not in EXPORT_FORMATS and not fmt:
            raise UsageError(f"-o {args.output}: name a .md or .csv file, or give --format md|csv")
        if fmt and suffix in EXPORT_FORMATS and suffix != fmt:
            raise UsageError(f"-o {args.output} does not match --format {fmt}")
        fmt = fmt or suffix
    if fmt and args.json:
        raise UsageError("--json and --format/-o are alternatives: give one")
    return fmt


def cmd_path(args: argparse.Namespace) -> int:
    from mlgraph.plan.export import plan_csv, plan_markdown
    from mlgraph.plan.learning import learning_order

    try:
        fmt = _export_format(args)
    except UsageError as exc:
        print(f"mlgraph path: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    g = graph_from_args(args)
    plan = learning_order(g, args.targets, known_from_args(g, args), include_optional=args.optional)
    given = _given_names(g, args)
    if args.plot:
        from mlgraph.viz.plot import plot_learning_plan, save_figure

        save_figure(plot_learning_plan(plan, g=g, hours_per_week=args.hours_per_week), args.plot)
    if args.json:
        data = plan.to_dict()
        if args.hours_per_week:
            data["hours_per_week"] = args.hours_per_week
            data["weeks"] = [
                {"week": w.number, "hours": w.hours, "items": [{"id": i, "hours": h} for i, _, h in w.items]}
                for w in plan.schedule(args.hours_per_week)
            ]
        print_json(data)
        return 0
    if fmt:
        text = plan_markdown(g, plan, known=given) if fmt == "md" else plan_csv(plan)
        if args.output:
            _write_atomically(Path(args.output), text)
            print(f"plan written to {args.output} ({plural(len(plan), 'step')}, {hours_text(plan.total_hours)})")
        else:
            sys.stdout.write(text)
        return 0
    names = ", ".join(g.node(t).label for t in plan.targets)
    known = f"; known: {', '.join(given)}" if given else ""
    print(f"Learning plan for {names}: {plural(len(plan), 'step')}, {hours_text(plan.total_hours, 'hours')}{known}")
    if not plan.steps:
        print("Nothing to learn: everything needed is already known.")
        return 0
    stages = plan.stages
    print(f"{plural(len(stages), 'stage')}. {LEVELS_NOTE}.")
    if args.hours_per_week:
        _print_weeks(plan, args.hours_per_week)
    else:
        running = 0.0
        width = len(str(len(plan)))
        n = 0
        for number, stage in enumerate(stages, 1):
            print(f"\nStage {number}: {stage.title} ({hours_text(stage.hours)})")
            for s in stage.steps:
                n += 1
                running += s.effort_hours
                print(
                    f"{n:>{width}}. {s.label} [{s.kind}, L{s.level}]  {hours_text(s.effort_hours)}"
                    f"  (total {hours_text(running)})"
                )
                print(f"{'':>{width}}    why: {s.reason}")
                if s.resources:
                    r = s.resources[0]
                    where = f" <{r['url']}>" if r.get("url") else ""
                    print(f"{'':>{width}}    learn: {r['label']}{where}")
    if args.plot:
        print(f"\nplot written to {args.plot}")
    return 0


def _print_weeks(plan: Any, asked: float) -> None:
    """The schedule, with each stage's title where the stage starts; the week is taken to the half hour, as
    every figure in the text is (JSON schedules use the exact figure)."""
    from mlgraph.plan.export import half_hours

    hours_per_week = half_hours(asked)
    weeks = plan.schedule(hours_per_week)
    note = f" ({asked:g} taken to the half hour)" if hours_per_week != asked else ""
    print(f"{plural(len(weeks), 'week')} at {hours_text(hours_per_week, 'hours')} a week{note}")
    stage_of = {s.id: (n, stage.title) for n, stage in enumerate(plan.stages, 1) for s in stage.steps}
    shown: set[int] = set()
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
            print(f"\nWeeks {w.number}-{weeks[last].number} ({hours_text(w.hours)} each)")
        else:
            print(f"\nWeek {w.number} ({hours_text(w.hours)})")
        for step_id, label, hours in w.items:
            number, title = stage_of[step_id]
            if number not in shown:
                shown.add(number)
                print(f"  Stage {number}: {title}")
            print(f"  - {label} ({hours_text(hours)})")
        n = last + 1


def _given_names(g: Any, args: argparse.Namespace) -> list[str]:
    """What the user said they know, as labels (a role stays one name rather than its requirements)."""
    names = [g.node(g.id_of(k)).label for k in args.known]
    names += [f"profile {p}" for p in (args.profile or [])]
    return list(dict.fromkeys(names))


def _write_atomically(path: Path, text: str) -> None:
    """Write the exported plan whole or not at all (the one atomic writer of :mod:`mlgraph.io.atomic`)."""
    from mlgraph.io.atomic import write_atomically

    write_atomically(path, lambda out: out.write(text.encode("utf-8")))


def cmd_next(args: argparse.Namespace) -> int:
    from mlgraph.plan.learning import next_best

    g = graph_from_args(args)
    suggestions = next_best(g, known_from_args(g, args), goal=args.goal, top=args.top)
    if args.json:
        print_json([s.to_dict() for s in suggestions])
        return 0
    goal = f" towards {g.node(args.goal).label}" if args.goal else " towards every role"
    print(f"Learn next{goal}:")
    if not suggestions:
        print("Nothing left: the goal is reached.")
        return 0
    print("(score: how many items of the remaining plans build on it, itself included)")
    for n, s in enumerate(suggestions, 1):
        unlocks = f"; unlocks {', '.join(g.node(u).label for u in s.unlocks)}" if s.unlocks else ""
        print(f"{n}. {s.label} [{s.kind}]  {hours_text(s.effort_hours)}  (score {s.score}{unlocks})")
    return 0


def read_curriculum(g: Any, path: str) -> list[str]:
    """A curriculum file's item names, in order (repeats kept: the check reports them); an unknown name is an
    error naming its line. Files over :data:`MAX_CURRICULUM_BYTES` and lines over :data:`MAX_NAME_CHARS` are
    refused."""
    try:
        with open(path, "rb") as stream:  # a device or FIFO is read up to the bound, never whole
            data = stream.read(MAX_CURRICULUM_BYTES + 1)
    except OSError as exc:
        raise FormatError(f"cannot read the curriculum: {exc.strerror or exc}", path=path) from exc
    if len(data) > MAX_CURRICULUM_BYTES:
        raise FormatError(
            f"the curriculum is larger than {MAX_CURRICULUM_BYTES // 1_000_000} MB",
            path=path,
            hint="one item per line, in teaching order",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError(f"not UTF-8 text (byte {exc.start})", path=path) from exc
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
        if len(name) > MAX_NAME_CHARS:
            raise FormatError(
                f"line of {len(name):,} characters: {name[:60]!r}...", path=path, line=number, hint="one name a line"
            )
        try:
            ids.append(g.id_of(name))
        except UnknownNodeError as exc:
            labels = [g.node(s).label for s in exc.suggestions]
            raise UnknownNodeError(name, exc.suggestions, labels=labels, path=path, line=number) from None
    return [name for _, name in entries]


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
    if report.repeated:
        print(f"{len(report.repeated)} item(s) repeated:")
        for issue in report.repeated:
            print(f"  {issue}")
    if report.missing:
        print(f"{len(report.missing_ids)} prerequisite(s) left out:")
        for issue in report.missing:
            print(f"  {g.node(issue.prerequisite).label} ({issue.prerequisite}), needed by {issue.item}")
    print("(--known NAME assumes background; --direct checks direct prerequisites only)", file=sys.stderr)
    return 1
