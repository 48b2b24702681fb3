"""Verbs over the graph itself: ``show``, ``nodes``, ``validate``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mlgraph.cli import graph_from_args, print_json
from mlgraph.cli.term import field, paint

KIND_CHOICES = ("role", "skill", "tool", "concept", "resource")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "show",
        parents=[common],
        help="show one node: what it is, its edges, where it comes from",
        description="Show a node: its description, hours, requirements or prerequisites, related nodes, "
        "resources that teach it, crosswalk mappings and sources.",
        epilog='example: mlgraph show "gradient descent"',
    )
    p.add_argument("name", help="an id, label or alias (any case)")
    p.add_argument("--json", action="store_true", help="print the node and its edges as JSON")
    p.set_defaults(handler=cmd_show)

    p = subparsers.add_parser(
        "nodes",
        parents=[common],
        help="list nodes, optionally of one kind",
        description="List nodes with their kind, label and effort hours.",
        epilog="example: mlgraph nodes --kind tool",
    )
    p.add_argument("--kind", choices=KIND_CHOICES, help="only nodes of this kind")
    p.add_argument("--json", action="store_true", help="print a JSON list of node records")
    p.set_defaults(handler=cmd_nodes)

    p = subparsers.add_parser(
        "validate",
        parents=[common],
        help="check an ontology folder and list every problem",
        description="Load a folder laid out like ontology/ (the bundled graph when DIR is omitted) and report "
        "every problem with its file and line: bad fields, duplicate or dangling ids, edges joining the wrong "
        "kinds, prerequisite cycles. Exits 1 when there is any.",
        epilog="example: mlgraph validate ontology/",
    )
    p.add_argument("dir", nargs="?", help="the folder to check (default: the bundled graph)")
    p.add_argument(
        "--shacl", action="store_true", help="also check the graph's RDF export against ontology/shapes.ttl (SHACL)"
    )
    p.set_defaults(handler=cmd_validate)


def _names(g: Any, ids: list[str]) -> str:
    return ", ".join(g.node(i).label for i in ids)


_INDENT = 16


def _field(label: str, text: str) -> str:
    return field(label, text, indent=_INDENT)


def area_title(area: str) -> str:
    """The display title of an area id ("deep-learning" -> "Deep learning")."""
    try:
        from mlgraph.model.areas import area_title as title
    except ImportError:  # pragma: no cover - until the areas table lands
        return area.replace("-", " ").capitalize()
    return title(area)


def _source_text(g: Any, source_id: str) -> str:
    """A source by its title and URL (the id when it was never declared)."""
    declared = g.sources.get(source_id)
    if declared is None or not declared.title:
        return source_id
    return f"{declared.title} <{declared.url}>" if declared.url else declared.title


def cmd_show(args: argparse.Namespace) -> int:
    from mlgraph.model.records import LEVELS

    g = graph_from_args(args)
    node = g.resolve(args.name)
    edges = g.edges_of(node.id)
    if args.json:
        print_json(
            {
                "node": node.model_dump(mode="json"),
                "edges": [e.model_dump(mode="json", exclude_none=True) for e in edges],
            }
        )
        return 0
    out = [f"{paint(node.label, 'bold')}  {paint(f'[{node.kind}: {node.id}]', 'dim')}"]
    if node.aliases:
        out.append(_field("aliases", ", ".join(node.aliases)))
    if node.area:
        out.append(_field("area", area_title(node.area)))
    if node.description:
        out.append(_field("description", node.description))
    if node.effort_hours is not None:
        out.append(_field("effort", f"{node.effort_hours:g} h to working proficiency (level 3)"))
    for s in node.salaries:
        if s.min is not None and s.max is not None:
            span = f"{s.min:,.0f}-{s.max:,.0f}"
        elif s.min is not None:
            span = f"from {s.min:,.0f}"
        else:
            span = f"up to {s.max:,.0f}" if s.max is not None else "unknown"
        extra = ", ".join(x for x in (s.seniority, s.region, s.basis) if x and x != "any")
        note = f" ({extra})" if extra else ""
        out.append(_field("salary", f"{span} {s.currency} a {s.period}{note}, from {_source_text(g, s.source)}"))
    levels_shown = False
    if node.kind == "role":
        for importance in ("essential", "optional"):
            reqs = g.requirements(node.id, importance=importance)
            if reqs:
                items = ", ".join(f"{g.node(r.target).label} L{r.level}" for r in reqs)
                out.append(_field(importance, items))
                levels_shown = True
        if nxt := g.progressions(node.id):
            out.append(_field("next roles", _names(g, nxt)))
        before = [e.source for e in edges if e.relation == "progression" and e.target == node.id]
        if before:
            out.append(_field("comes from", _names(g, sorted(before))))
    else:
        if pre := g.prerequisites(node.id):
            out.append(_field("prerequisites", _names(g, pre)))
        if dep := g.dependents(node.id):
            out.append(_field("needed by", _names(g, dep)))
        umbrellas = [e.target for e in edges if e.relation == "broader" and e.source == node.id]
        if umbrellas:
            out.append(_field("part of", _names(g, sorted(umbrellas))))
        parts = [e for e in edges if e.relation == "broader" and e.target == node.id]
        if parts:
            core = sorted(e.source for e in parts if e.core)
            other = sorted(e.source for e in parts if not e.core)
            if core:
                out.append(_field("core parts", _names(g, core)))
            if other:
                out.append(_field("other parts", _names(g, other)))
        roles = sorted(e.source for e in edges if e.relation == "requirement")
        if roles:
            out.append(_field("required by", _names(g, roles)))
    if rel := g.related(node.id):
        out.append(_field("related", _names(g, rel)))
    if node.kind == "resource":
        taught = sorted(e.target for e in edges if e.relation == "teaches")
        if taught:
            out.append(_field("teaches", _names(g, taught)))
        if node.url:
            out.append(_field("url", node.url))
    elif teachers := g.resources_for(node.id):
        out.append(_field("learn from", ", ".join(r.label for r in teachers)))
    for m in node.mappings:
        out.append(_field(f"{m.scheme.upper()} {m.match}", f"{m.label} <{m.target}>".strip()))
    for src in node.sources:
        out.append(_field("source", _source_text(g, src)))
    if levels_shown:
        scale = ", ".join(f"L{k} {v}" for k, v in LEVELS.items())
        out.append(paint(f"levels: {scale}", "dim"))
    print("\n".join(out))
    return 0


def cmd_nodes(args: argparse.Namespace) -> int:
    g = graph_from_args(args)
    nodes = g.nodes(kind=args.kind)
    if args.json:
        print_json([n.model_dump(mode="json") for n in nodes])
        return 0
    width = max((len(n.id) for n in nodes), default=2)
    for n in sorted(nodes, key=lambda n: (n.kind, n.id)):
        hours = f"{n.effort_hours:>6g} h" if n.effort_hours is not None else " " * 8
        print(f"{n.id:<{width}}  {n.kind:<8}  {hours}  {n.label}")
    print(f"{len(nodes)} nodes", file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from mlgraph.errors import GraphValidationError
    from mlgraph.io.ontology import load

    target = args.dir or (args.graph[0] if args.graph else None)  # --graph is repeatable (H6)
    try:
        g = load(target)
    except GraphValidationError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in {target or 'the bundled graph'}", file=sys.stderr)
        return 1
    kinds = ", ".join(f"{v} {k}s" for k, v in g.count_by_kind().items())
    rels = ", ".join(f"{v} {k}" for k, v in g.count_by_relation().items())
    print(f"ok: {len(g)} nodes ({kinds}); {sum(g.count_by_relation().values())} edges ({rels})")
    if getattr(args, "shacl", False):
        from mlgraph.io.shacl import validate

        conforms, _, report = validate(g)
        if not conforms:
            print(report, file=sys.stderr)
            print(f"SHACL: the RDF export of {target or 'the bundled graph'} does not conform", file=sys.stderr)
            return 1
        print("SHACL: the RDF export conforms to ontology/shapes.ttl")
    return 0
