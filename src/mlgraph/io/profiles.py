"""Profiles: what a learner already knows, optionally at what level, read from a small YAML file.

A profile is accepted wherever ``known=`` is. The file::

    # what I know
    known:
      - Python                 # known: covers any level a plan asks for
      - {name: SQL, level: 2}  # known at level 2 (basic) of 5
      - statistics: 3          # the same, as a one-key mapping
    goal: Machine Learning Engineer   # optional

or simply ``known: {Python: 4, SQL: 2}``. Names are ids, labels or aliases; an unknown one is an error naming
the line, with a suggestion.
"""

from __future__ import annotations

from os import PathLike
from typing import Any

from mlgraph.errors import FormatError, UnknownNodeError
from mlgraph.model.graph import CompetencyGraph
from mlgraph.model.profile import Profile, check_level

__all__ = ["read_profile"]


def read_profile(g: CompetencyGraph, path: str | PathLike[str]) -> Profile:
    """Read a profile file, resolving every name against `g`.

    Raises
    ------
    FormatError
        When the file is unreadable, not YAML, or not laid out as above.
    UnknownNodeError
        When a name matches no node; the message names the file and line and suggests the nearest names.

    Examples
    --------
    >>> import tempfile, mlgraph
    >>> g = mlgraph.load()
    >>> with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
    ...     _ = f.write("known:\\n  - python\\n  - {name: SQL, level: 2}\\n")
    >>> read_profile(g, f.name).known
    {'python': None, 'sql': 2}
    """
    from mlgraph.io.ontology import read_yaml

    shown = str(path)
    doc = read_yaml(path)
    if not isinstance(doc, dict) or "known" not in doc:
        raise FormatError("a profile needs a top-level 'known:' list or mapping", path=shown, line=1)
    entries = doc["known"]
    lines = doc.get("__lines__", {}).get("known", [])
    top_line = doc.get("__line__")
    items: list[tuple[Any, Any, int | None]] = []
    if isinstance(entries, dict):
        items = [(k, v, top_line) for k, v in entries.items() if not str(k).startswith("__")]
    elif isinstance(entries, list):
        for i, entry in enumerate(entries):
            line = lines[i] if i < len(lines) else top_line
            if isinstance(entry, dict):
                entry = {k: v for k, v in entry.items() if not str(k).startswith("__")}
                if "name" in entry:
                    items.append((entry["name"], entry.get("level"), line))
                elif len(entry) == 1:
                    ((name, level),) = entry.items()
                    items.append((name, level, line))
                else:
                    raise FormatError("write an entry as a name, {name: X, level: N} or X: N", path=shown, line=line)
            else:
                items.append((entry, None, line))
    else:
        raise FormatError("'known:' must be a list or a mapping", path=shown, line=top_line)
    known: dict[str, int | None] = {}
    for name, level, line in items:
        try:
            node_id = g.id_of(str(name))
        except UnknownNodeError as exc:
            raise UnknownNodeError(
                str(name), exc.suggestions, labels=[g.node(s).label for s in exc.suggestions], path=shown, line=line
            ) from None
        known[node_id] = check_level(level, shown, line)
    goal = doc.get("goal")
    return Profile(known, g.id_of(str(goal)) if goal else None, shown)
