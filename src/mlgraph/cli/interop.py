"""Verbs that take the graph elsewhere and back: ``export``, ``import``, ``query``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mlgraph.cli import EXIT_ERROR, EXIT_USAGE, graph_from_args, print_json

FORMAT_HELP = "turtle (.ttl), nt (.nt), json-ld (.jsonld), xml (.rdf, .owl), graphml (.graphml), json (.json)"


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "export",
        parents=[common],
        help="write the graph as RDF (Turtle, N-Triples, JSON-LD, RDF/XML), GraphML or JSON",
        description="Write the graph to a file, in the format its suffix names (or --format): RDF for triple "
        "stores, Protégé and ESCO-aware tools, GraphML for Gephi, yEd and Cytoscape, node-link JSON for "
        "networkx. The file is replaced only once the new one is complete. Formats: " + FORMAT_HELP + ".",
        epilog="examples:\n  mlgraph export -o mlgraph.ttl\n  mlgraph export -o graph.graphml\n"
        "  mlgraph export -o - --format nt | wc -l",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write ('-': standard output)")
    p.add_argument("--format", metavar="F", help="the format, when the suffix does not say (" + FORMAT_HELP + ")")
    p.add_argument("--base", metavar="IRI", help="RDF: the namespace of node IRIs (default https://w3id.org/mlgraph/)")
    p.add_argument("--no-schema", action="store_true", help="RDF: leave out the TBox (classes and properties)")
    p.set_defaults(handler=cmd_export)

    p = subparsers.add_parser(
        "import",
        parents=[common],
        help="read and validate a file written by export (or by another tool), and summarise it",
        description="Read a graph from RDF, GraphML or JSON, validate it as mlgraph validates its own "
        "ontology, and summarise what it holds. Hostile files (XML entity bombs and external entities, remote "
        "JSON-LD contexts) are refused before parsing. Exits 1 when the file cannot be read or breaks a rule.",
        epilog="examples:\n  mlgraph import mlgraph.ttl\n  mlgraph import graph.graphml --json\n"
        "  mlgraph import mlgraph.ttl --shacl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE", help="the file to read")
    p.add_argument("--format", metavar="F", help="the format, when the suffix does not say (" + FORMAT_HELP + ")")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--shacl", action="store_true", help="also check the graph against the SHACL shapes")
    from mlgraph.cli.importers import add_release_arguments  # H6: `mlgraph import onet|esco FOLDER -o FILE`

    add_release_arguments(p)
    p.set_defaults(handler=cmd_import)

    p = subparsers.add_parser(
        "query",
        parents=[common],
        help="run a SPARQL query over the graph (or over a file)",
        description="Run a SPARQL 1.1 query over the graph as RDF (the bundled graph, --graph DIR, or --file). "
        "The prefixes mlg:, skos:, dcterms:, esco:, schema:, rdf:, rdfs:, owl:, xsd: and : (the node base) are "
        "predefined. SELECT prints a table, ASK true or false, CONSTRUCT and DESCRIBE Turtle. A prerequisite "
        "edge is ?before mlg:prerequisiteOf ?after; its closure is mlg:prerequisiteOf+.",
        epilog="examples:\n"
        "  mlgraph query 'SELECT ?pre WHERE { ?pre mlg:prerequisiteOf+ :pytorch }'\n"
        "  mlgraph query 'SELECT ?c ?level WHERE { ?r a mlg:Requirement ; rdf:subject :data-scientist ;\n"
        "                 rdf:object ?c ; mlg:level ?level }' --json\n"
        "  mlgraph query 'ASK { :python mlg:prerequisiteOf+ :pytorch }' --file mlgraph.ttl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("sparql", metavar="SPARQL", help="the query ('-': read it from standard input)")
    p.add_argument("--file", metavar="FILE", help="query this file (RDF, GraphML or JSON) instead of the graph")
    p.add_argument("--format", metavar="F", help="the format of --file, when its suffix does not say")
    p.add_argument("--json", action="store_true", help="print SPARQL 1.1 JSON results (JSON-LD for CONSTRUCT)")
    p.add_argument(
        "--allow-service",
        action="store_true",
        help="let SERVICE <endpoint> clauses query remote endpoints (refused otherwise: no network by default)",
    )
    p.set_defaults(handler=cmd_query)


def cmd_export(args: argparse.Namespace) -> int:
    from mlgraph.io.formats import export, format_of, write

    g = graph_from_args(args)
    schema = not args.no_schema
    if args.output == "-":
        if not args.format:
            print("mlgraph: error: writing to standard output needs --format", file=sys.stderr)
            return EXIT_USAGE
        write(g, sys.stdout.buffer, format_of("", args.format), base=args.base, schema=schema)
        sys.stdout.flush()
        return 0
    fmt = format_of(args.output, args.format)
    path = export(g, args.output, fmt, base=args.base, schema=schema)
    print(f"wrote {path} ({fmt}): {len(g)} nodes, {len(g.edge_rows())} edges, {len(g.sources)} declared sources")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from mlgraph.errors import GraphValidationError
    from mlgraph.io.formats import format_of, read

    if args.file in ("onet", "esco") and not Path(args.file).exists():  # H6: an O*NET or ESCO release
        from mlgraph.cli.importers import cmd_import_release

        return cmd_import_release(args)
    fmt = format_of(args.file, args.format)
    try:
        g = read(args.file, fmt)
    except GraphValidationError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in {args.file}", file=sys.stderr)
        return EXIT_ERROR
    summary: dict[str, Any] = {
        "file": str(Path(args.file)),
        "format": fmt,
        "nodes": len(g),
        "nodes_by_kind": g.count_by_kind(),
        "edges": sum(g.count_by_relation().values()),
        "edges_by_relation": g.count_by_relation(),
        "sources": len(g.sources),
    }
    report = ""
    if args.shacl:
        from mlgraph.io.shacl import validate

        conforms, _, report = validate(g)
        summary["shacl_conforms"] = conforms
    if args.json:
        print_json(summary)
    else:
        kinds = ", ".join(f"{v} {k}s" for k, v in summary["nodes_by_kind"].items())
        rels = ", ".join(f"{v} {k}" for k, v in summary["edges_by_relation"].items())
        print(
            f"ok: {summary['file']} ({fmt}): {len(g)} nodes ({kinds}); {summary['edges']} edges ({rels}); "
            f"{len(g.sources)} declared sources"
        )
        if args.shacl:
            print("SHACL: conforms" if summary["shacl_conforms"] else "SHACL: does not conform")
    if args.shacl and not summary["shacl_conforms"]:
        print(report, file=sys.stderr)
        return EXIT_ERROR
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from mlgraph.io.query import QueryError, check_query, run_query

    text = sys.stdin.read() if args.sparql == "-" else args.sparql
    try:
        check_query(text, allow_service=args.allow_service)  # before any graph is built
    except QueryError as exc:
        print(f"mlgraph: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.file:
        from mlgraph.io.formats import rdf_graph

        graph = rdf_graph(args.file, args.format)
    else:
        from mlgraph.io.rdf import to_rdf

        graph = to_rdf(graph_from_args(args))
    try:
        result, names, rows = run_query(graph, text, allow_service=args.allow_service)
    except QueryError as exc:
        print(f"mlgraph: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if result.type == "ASK":
        if args.json:
            print_json({"head": {}, "boolean": bool(result.askAnswer)})
        else:
            print("true" if result.askAnswer else "false")
        return 0
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        import rdflib

        out = rdflib.Graph()
        for prefix, namespace in graph.namespaces():
            out.bind(prefix, namespace, override=True, replace=True)
        for triple in rows or ():
            out.add(triple)
        print(out.serialize(format="json-ld" if args.json else "turtle"))
        return 0
    if args.json:
        bindings = [
            {name: _binding(value) for name, value in zip(names, row, strict=True) if value is not None}
            for row in rows or ()
        ]
        print_json({"head": {"vars": names}, "results": {"bindings": bindings}})
        return 0
    manager = graph.namespace_manager
    print("\t".join(names))
    for row in rows or ():
        print("\t".join(_shown(value, manager) for value in row))
    print(f"{len(rows or ())} row(s)", file=sys.stderr)
    return 0


def _binding(value: Any) -> dict[str, str]:
    """A term as a binding of SPARQL 1.1 JSON results."""
    from rdflib.term import BNode, Literal

    if isinstance(value, Literal):
        binding = {"type": "literal", "value": str(value)}
        if value.language:
            binding["xml:lang"] = value.language
        elif value.datatype is not None:
            binding["datatype"] = str(value.datatype)
        return binding
    if isinstance(value, BNode):
        return {"type": "bnode", "value": str(value)}
    return {"type": "uri", "value": str(value)}


def _shown(value: Any, manager: Any) -> str:
    from rdflib.term import Literal, URIRef

    if value is None:
        return ""
    if isinstance(value, URIRef):
        return value.n3(manager)
    if isinstance(value, Literal):
        return str(value)
    return value.n3()
