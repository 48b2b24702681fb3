"""``mlgraph push URL``: write the graph into a SPARQL server; ``--endpoint URL`` on the query verbs reads it back.

Credentials come from ``--auth-env VAR`` (the variable holds ``user:password``) or from the URL's user info; they
are never printed.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from mlgraph.errors import MlgraphError

__all__ = ["register", "remote_from_args"]

EXAMPLES = """\
examples:
  oxigraph serve --location data/ &                 a local Oxigraph server on port 7878
  mlgraph push http://localhost:7878/query          the bundled graph into <https://w3id.org/mlgraph/>
  mlgraph push http://localhost:3030/ds/sparql --auth-env FUSEKI_AUTH --named-graph https://example.org/skills
  mlgraph path "Data Analyst" --endpoint http://localhost:7878/query

The target named graph is --named-graph IRI (--graph names the INPUT graph folder, as for every verb).
Update and Graph Store URLs are guessed from the query URL (Oxigraph /query -> /update, /store; Fuseki
/ds/sparql -> /ds/update, /ds/data; GraphDB /repositories/R -> /repositories/R/statements); --update-url
and --store-url set them.
"""


def auth_from_args(args: argparse.Namespace) -> tuple[str, str] | None:
    """The ``(user, password)`` held by the variable named by ``--auth-env``, or None without the option."""
    name = getattr(args, "auth_env", None)
    if not name:
        return None
    value = os.environ.get(name)
    if value is None:
        raise MlgraphError(f"the environment variable {name} is not set", hint="it should hold user:password")
    user, sep, password = value.partition(":")
    if not sep:
        raise MlgraphError(f"the environment variable {name} does not hold user:password")
    return user, password


def remote_from_args(args: argparse.Namespace) -> Any:
    """The graph at ``--endpoint URL`` (named graph ``--named-graph IRI`` if the verb has it)."""
    from mlgraph.stores.remote import connect

    return connect(args.endpoint, graph=getattr(args, "named_graph", None), auth=auth_from_args(args))


def cmd_push(args: argparse.Namespace) -> int:
    from mlgraph.cli import graph_from_args
    from mlgraph.stores.push import push

    auth = auth_from_args(args)  # before reading the graph: a missing variable is the quicker news
    g = graph_from_args(args)
    report = push(
        g,
        args.url,
        update=args.update_url,
        store=args.store_url,
        graph=args.named_graph,
        replace=args.replace,
        auth=auth,
        timeout=args.timeout,
    )
    print(report, file=sys.stdout)
    return 0


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    from mlgraph.cli.term import bounded_float

    push = subparsers.add_parser(
        "push",
        parents=[common],
        help="write the graph into a SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB ...)",
        description="Write the graph (with the schema) into a named graph of a SPARQL 1.1 server, in one step "
        "for readers: a failed push leaves the server's graph as it was.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    push.add_argument("url", metavar="URL", help="the server's SPARQL query URL, e.g. http://localhost:7878/query")
    push.add_argument(
        "--replace",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="replace the named graph (default) or, with --no-replace, add to it",
    )
    push.add_argument("--update-url", metavar="URL", help="the SPARQL Update URL, when it is not the guessed one")
    push.add_argument("--store-url", metavar="URL", help="the Graph Store protocol URL, when not the guessed one")
    push.add_argument(
        "--timeout", type=bounded_float(0.1, 3600, "timeout"), default=30.0, metavar="S", help="seconds per request"
    )
    push.set_defaults(handler=cmd_push)
