"""Verbs over the graph itself: ``show``, ``nodes``, ``validate``."""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import Any

from mlgraph.cli import graph_from_args, print_json

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
    return ", ".join(f"{g.node(i).label} ({i})" if g.node(i).label.casefold() != i else i for i in ids)


def _wrap(label: str, text: str) -> str:
    return textwrap.fill(
        text, width=100, initial_indent=f"{label:<14}", subsequent_indent=" " * 14, break_on_hyphens=False
    )


def cmd_show(args: argparse.Namespace) -> int:
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
    out = [f"{node.label}  [{node.kind}: {node.id}]"]
    if node.aliases:
        out.append(_wrap("aliases", ", ".join(node.aliases)))
    if node.description:
        out.append(_wrap("description", node.description))
    if node.effort_hours is not None:
        out.append(_wrap("effort", f"{node.effort_hours:g} h to working proficiency"))
    for s in node.salaries:
        span = f"{s.min:,.0f}" if s.min is not None else "?"
        span += f"-{s.max:,.0f}" if s.max is not None else "+"
        extra = ", ".join(x for x in (s.seniority, s.region, s.basis) if x)
        out.append(_wrap("salary", f"{span} {s.currency}/{s.period} ({extra}) [{s.source}]"))
    if node.kind == "role":
        for importance in ("essential", "optional"):
            reqs = g.requirements(node.id, importance=importance)
            if reqs:
                items = ", ".join(f"{g.node(r.target).label} L{r.level}" for r in reqs)
                out.append(_wrap(importance, items))
        if nxt := g.progressions(node.id):
            out.append(_wrap("next roles", _names(g, nxt)))
        before = [e.source for e in edges if e.relation == "progression" and e.target == node.id]
        if before:
            out.append(_wrap("comes from", _names(g, sorted(before))))
    else:
        if pre := g.prerequisites(node.id):
            out.append(_wrap("prerequisites", _names(g, pre)))
        if dep := g.dependents(node.id):
            out.append(_wrap("needed by", _names(g, dep)))
        roles = sorted(e.source for e in edges if e.relation == "requirement")
        if roles:
            out.append(_wrap("required by", _names(g, roles)))
    if rel := g.related(node.id):
        out.append(_wrap("related", _names(g, rel)))
    if node.kind == "resource":
        taught = sorted(e.target for e in edges if e.relation == "teaches")
        if taught:
            out.append(_wrap("teaches", _names(g, taught)))
        if node.url:
            out.append(_wrap("url", node.url))
    elif teachers := g.resources_for(node.id):
        out.append(_wrap("learn from", ", ".join(r.label for r in teachers)))
    for m in node.mappings:
        out.append(_wrap(f"{m.scheme} ({m.match})", f"{m.label} <{m.target}>".strip()))
    for src in node.sources:
        declared = g.sources.get(src)
        out.append(_wrap("source", f"{src}: {declared.title}" if declared and declared.title else src))
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

    target = args.dir or args.graph
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
