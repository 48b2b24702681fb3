"""The explorer: one self-contained HTML page to search the graph, follow a roadmap and compare roles.

:func:`explore` builds the page: search any node by name or alias and read its card (description, hours by
level, prerequisites and what it unlocks, roles that need it, resources, sources); the goal's plan as a roadmap
of stages, each step a box with its hours, prerequisite arrows on hover or focus, optional items marked; a role
view (what carries over from one role to another, the gap and its hours); progress, ticked in the page and kept
in the browser, downloadable as a profile YAML that ``mlgraph --profile`` reads.

The page works offline: the data, the script (plain JavaScript) and the styles are inside the file; nothing is
fetched when it is viewed. Large graphs' data is embedded gzip-compressed (see :data:`COMPRESS_ABOVE`). In
Jupyter, the returned :class:`Explorer` displays inline.

>>> import mlgraph
>>> page = explore(mlgraph.load(), goal="Data Analyst")
>>> page.html.startswith("<!doctype html>") and "cdn" not in page.html.lower()
True
"""

from __future__ import annotations

import base64
import gzip
import html as html_lib
import json
import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlgraph.model.graph import CompetencyGraph
    from mlgraph.plan.known import Known

__all__ = ["COMPRESS_ABOVE", "Explorer", "explore", "page_html"]

COMPRESS_ABOVE = 600_000
"""Data larger than this (characters of JSON) is embedded gzip-compressed, in base64 (a 10,000-node graph: 3x
smaller); browsers since 2023 unpack it themselves."""


def _asset(name: str) -> str:
    return resources.files("mlgraph.viz").joinpath("page", name).read_text(encoding="utf-8")


def page_html(data: dict[str, Any], title: str | None = None) -> str:
    """The page for explorer `data` (from :func:`mlgraph.viz.explorer_data.explorer_data`), as one HTML string."""
    from mlgraph import __version__

    payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    if len(payload) > COMPRESS_ABOVE:  # large graphs: gzip, unpacked by the browser (DecompressionStream)
        packed = base64.b64encode(gzip.compress(payload.encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")
        data_type, encoding, payload = "application/octet-stream", ' data-encoding="gzip+base64"', packed
    else:
        data_type, encoding = "application/json", ""
        payload = payload.replace("</", "<\\/").replace("<!--", "<\\!--")  # cannot end the script element
    title = title or "mlgraph explorer"
    page = _asset("explorer.html")
    parts = {
        "__TITLE__": html_lib.escape(title),
        "__VERSION__": html_lib.escape(__version__),
        "__CSS__": _asset("explorer.css"),
        "__JS__": _asset("explorer.js"),
        "__DATA_TYPE__": data_type,
        "__DATA_ENCODING__": encoding,
    }
    for key, value in parts.items():
        page = page.replace(key, value)
    return page.replace("__DATA__", payload)  # last: the data may hold any of the other markers


class Explorer:
    """An explorer page: ``.html`` (the page), ``.save(path)``, and inline display in Jupyter."""

    def __init__(self, html: str, data: dict[str, Any]) -> None:
        self.html = html
        self.data = data

    def __repr__(self) -> str:
        n_plans = len(self.data.get("plans", ()))
        return (
            f"<Explorer of {self.data.get('name')!r}: {len(self.data.get('id', ()))} nodes, "
            f"{n_plans} roadmap{'s' if n_plans != 1 else ''}, {len(self.html.encode()) / 1024:,.0f} KB>"
        )

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to `path` (atomically, with the usual permissions); returns the path."""
        from mlgraph.io.atomic import write_atomically

        data = self.html.encode("utf-8")
        return write_atomically(path, lambda out: out.write(data))

    def _repr_html_(self) -> str:
        """The page in an iframe, so that its script and styles stay apart from the notebook's."""
        doc = html_lib.escape(self.html, quote=True)
        return (
            f'<iframe srcdoc="{doc}" title="mlgraph explorer" '
            'style="width:100%;height:780px;border:1px solid #ccc;border-radius:6px"></iframe>'
        )


def explore(
    g: CompetencyGraph,
    goal: str | Iterable[str] | None = None,
    known: Known = None,
    path: str | os.PathLike[str] | None = None,
    *,
    title: str | None = None,
    name: str | None = None,
) -> Explorer:
    """Build the explorer page for `g`; with `path`, also write it there.

    Parameters
    ----------
    g : CompetencyGraph
    goal : str or iterable of str, optional
        The role(s) or competencies to draw roadmaps for. Default: the profile's goal, else every role (on graphs
        of at most 30 roles; the role view and search work on any graph).
    known : names, {name: level} or Profile, optional
        What the learner knows (``mlgraph.read_profile(g, path)`` for a file): the roadmaps skip it and the
        downloaded profile keeps it.
    path : path, optional
        Write the page here (an ``.html`` file).
    title : str, optional
        The page title (default: the goal's roadmap).
    name : str, optional
        The graph's name, which keys the ticks kept in the browser (default: its folder's name).

    Returns
    -------
    Explorer
        ``.html``, ``.save(path)``; shows inline in Jupyter.

    Examples
    --------
    >>> import mlgraph, tempfile, pathlib
    >>> g = mlgraph.load()
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "explore.html"
    >>> page = explore(g, goal="Machine Learning Engineer", known=["python"], path=out)
    >>> out.stat().st_size < 1_000_000
    True
    """
    from mlgraph.viz.explorer_data import explorer_data

    goals = [goal] if isinstance(goal, str) else list(goal or ())
    data = explorer_data(g, goals, known, name=name)
    if title is None:
        labels = [data["label"][p["goal"]] for p in data["plans"]]
        title = f"Roadmap to {labels[0]}" if len(labels) == 1 else "mlgraph explorer"
    page = Explorer(page_html(data, title), data)
    if path is not None:
        page.save(path)
    return page
