"""The one error hierarchy of mlgraph.

Every failure that a user can cause (a bad file, an unknown name, an invalid graph) raises a subclass of
:class:`MlgraphError`, whose message names the file, line or id at fault and, where one helps, a suggestion.

>>> from mlgraph.errors import MlgraphError, UnknownNodeError
>>> issubclass(UnknownNodeError, MlgraphError)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "FormatError",
    "GraphValidationError",
    "MlgraphError",
    "Problem",
    "StoreError",
    "UnknownNodeError",
]


class MlgraphError(Exception):
    """Root of every error mlgraph raises on purpose.

    Parameters
    ----------
    message : str
        What went wrong, in words a user can act on.
    path : str or Path, optional
        The file at fault.
    line : int, optional
        The 1-based line in `path`, where the format allows.
    node_id : str, optional
        The id at fault.
    hint : str, optional
        A suggestion, printed after the message.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        node_id: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.node_id = node_id
        self.hint = hint
        super().__init__(self._render())

    def _render(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        text = where + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class FormatError(MlgraphError, ValueError):
    """A file could not be read: wrong format, truncated, malformed, hostile or unreadable."""


class StoreError(MlgraphError):
    """A SPARQL server could not be read or written: unreachable, timed out, an HTTP error or a reply that is not
    SPARQL. The message names the endpoint (never its credentials); a failed push leaves the server's graph as it was.

    Attributes
    ----------
    endpoint : str
        The URL at fault, without user info.
    status : int or None
        The HTTP status, when the server answered.
    """

    def __init__(self, message: str, *, endpoint: str, status: int | None = None, hint: str | None = None) -> None:
        self.endpoint = endpoint
        self.status = status
        super().__init__(f"{endpoint}: {message}", hint=hint)


class UnknownNodeError(MlgraphError, LookupError):
    """A name matched no node (or several).

    Attributes
    ----------
    name : str
        The name as given.
    suggestions : list of str
        Ids of the nearest nodes, best first (may be empty).
    """

    def __init__(
        self,
        name: str,
        suggestions: Sequence[str] = (),
        *,
        labels: Sequence[str] = (),
        ambiguous: bool = False,
        path: str | Path | None = None,
        line: int | None = None,
        what: str = "node",
    ) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        shown = [
            f"{lab} ({sid})" if lab and lab != sid else sid for sid, lab in zip(self.suggestions, labels, strict=False)
        ]
        shown += self.suggestions[len(shown) :]
        if ambiguous:
            message = f"{name!r} is ambiguous: it names {len(shown)} {what}s"
            hint = "use one of the ids: " + ", ".join(shown)
        else:
            message = f"no {what} named {name!r}"
            hint = (
                ("did you mean " + " or ".join(repr(s) for s in shown[:3]) + "?")
                if shown
                else ("`mlgraph nodes` lists every node")
            )
        super().__init__(message, path=path, line=line, node_id=name, hint=hint)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a graph: where, which id, and what.

    >>> str(Problem("duplicate id 'python'", path="ontology/a.yaml", line=3, node_id="python"))
    "ontology/a.yaml:3: duplicate id 'python'"
    """

    message: str
    path: str | None = None
    line: int | None = None
    node_id: str | None = None

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class GraphValidationError(MlgraphError, ValueError):
    """The graph's content breaks a rule: duplicate or dangling ids, cycles, bad values ...

    Attributes
    ----------
    problems : list of Problem
        Every problem found, in file order; the message shows the first few.
    """

    MAX_SHOWN = 20

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        first = self.problems[0]
        lines = [str(p) for p in self.problems[: self.MAX_SHOWN]]
        more = len(self.problems) - len(lines)
        if more > 0:
            lines.append(f"... and {more} more")
        head = "invalid graph: " if len(self.problems) == 1 else f"invalid graph, {len(self.problems)} problems:\n  "
        super().__init__(head + "\n  ".join(lines), node_id=first.node_id)
        # keep the first problem's location reachable as attributes, but not repeated in the message
        self.path, self.line = first.path, first.line
