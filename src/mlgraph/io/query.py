"""Local SPARQL over a graph or a file: no network unless asked, clear syntax errors, ``SELECT *`` in query order.

:func:`run_query` is what ``mlgraph query`` runs. Before the query reaches the engine, :func:`check_query` refuses

- ``SERVICE`` (a federated query makes HTTP requests to the named endpoint) unless ``allow_service=True``;
- ``FROM`` and ``FROM NAMED``: a local query runs over one graph (the bundled graph, ``--graph DIR`` or a file),
  and rdflib would silently ignore them;
- a query that does not start with ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE`` (after ``PREFIX`` and
  ``BASE``), naming the word it found.

Syntax errors from the engine become :class:`QueryError` with the line and column, the line itself and a caret.

>>> check_query("SELECT ?s WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
mlgraph.io.query.QueryError: the query calls SERVICE <http://example.org/sparql>, ... (pass --allow-service ...)
>>> select_order("SELECT * WHERE { ?role ?p ?skill . ?skill ?q ?area }", ["area", "p", "q", "role", "skill"])
['role', 'p', 'skill', 'q', 'area']
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

from mlgraph.errors import MlgraphError

__all__ = ["QueryError", "check_query", "run_query", "select_order"]

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

# what is not SPARQL syntax: comments, strings (long and short), IRIs; replaced by blanks of the same length so
# positions stay right
_NOISE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_VAR = re.compile(r"[?$]([A-Za-z0-9_\u00b7\u00c0-\ufffd]+)")
_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


class QueryError(MlgraphError):
    """A SPARQL query that mlgraph will not run: a syntax error (with line and column) or a refused feature."""


def _code(text: str) -> str:
    """`text` with comments, strings and IRIs blanked out (same length)."""
    return _NOISE.sub(
        lambda m: " " * len(m.group()) if m.group()[0] != "<" else "<" + " " * (len(m.group()) - 2) + ">", text
    )


def check_query(text: str, *, allow_service: bool = False) -> None:
    """Refuse what a local query must not do; see the module documentation.

    Raises
    ------
    QueryError
    """
    code = _code(text)
    words = [(m.group(), m.start()) for m in _WORD.finditer(code)]
    upper = [w.upper() for w, _ in words]
    # the query form, after the prologue (PREFIX p: <iri> and BASE <iri>)
    i = 0
    while i < len(upper) and upper[i] in ("PREFIX", "BASE"):
        i += 2 if upper[i] == "PREFIX" else 1
    if i < len(upper) and upper[i] not in FORMS:
        word = words[i][0]
        near = difflib.get_close_matches(word.upper(), FORMS, n=1, cutoff=0.5)
        line = code.count("\n", 0, words[i][1]) + 1
        raise QueryError(
            f"line {line}: the query starts with {word!r}; a query is SELECT, ASK, CONSTRUCT or DESCRIBE",
            hint=f"did you mean {near[0]}?" if near else "after any PREFIX lines",
        )
    for n, word in enumerate(upper):
        if word == "SERVICE" and not allow_service:
            start = words[n][1]
            target = text[start:].split("{", 1)[0].split(None, 1)[1:] or ["?"]
            raise QueryError(
                f"the query calls SERVICE {' '.join(target[0].split()[:2])}, which would reach out over the network; "
                "a local query never does",
                hint="pass --allow-service (allow_service=True) to let it",
            )
        if word == "FROM":
            raise QueryError(
                "FROM and FROM NAMED are not supported: a local query runs over one graph (the bundled graph, "
                "--graph DIR or --file FILE)",
                hint="drop the FROM clause and choose the data with --graph or --file",
            )


def select_order(text: str, variables: Sequence[str]) -> list[str]:
    """`variables` in the order they first appear in the query text (engines may sort ``SELECT *`` columns)."""
    wanted = set(variables)
    order: list[str] = []
    for m in _VAR.finditer(_code(text)):
        name = m.group(1)
        if name in wanted and name not in order:
            order.append(name)
    return order + [v for v in variables if v not in order]


def _syntax_error(text: str, exc: Exception) -> QueryError:
    message = " ".join(str(exc).split())
    found = _POSITION.match(str(exc))
    if found is None:
        return QueryError(f"invalid SPARQL query: {message[:300]}")
    line, column, what = int(found.group(1)), int(found.group(2)), " ".join(found.group(3).split())
    if ", [" in what:  # pyoxigraph lists character classes after the tokens: the tokens say enough
        what = what.split(", [", 1)[0] + ", or a name"
    if len(what) > 160:
        what = what[:157] + "..."
    lines = text.splitlines() or [""]
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    if len(shown) > 100:
        start = max(0, column - 50)
        shown, column = shown[start : start + 100], column - start
    return QueryError(
        f"invalid SPARQL query at line {line}, column {column}: {what}\n  {shown}\n  {' ' * (column - 1)}^"
    )


def run_query(graph: Any, text: str, *, allow_service: bool = False) -> tuple[Any, list[str], list[Any] | None]:
    """Run `text` over the rdflib `graph`: ``(result, variable names in query order, rows or None for ASK)``.

    Rows of ``SELECT *`` are reordered to the query's variable order.

    Raises
    ------
    QueryError
        When :func:`check_query` refuses the query or the engine finds a syntax error.
    """
    check_query(text, allow_service=allow_service)
    try:
        result = graph.query(text)
        rows = list(result) if result.type in ("SELECT", "CONSTRUCT", "DESCRIBE") else None
    except Exception as exc:  # rdflib and pyoxigraph raise their own parse errors
        raise _syntax_error(text, exc) from exc
    names = [str(v) for v in result.vars or ()]
    if result.type == "SELECT" and rows is not None:
        order = select_order(text, names)
        if order != names:
            position = [names.index(v) for v in order]
            rows = [tuple(row[i] for i in position) for row in rows]
            names = order
    return result, names, rows
