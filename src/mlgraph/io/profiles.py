"""Profiles: what a learner already knows, optionally at what level, read from a small YAML file.

A profile is accepted wherever ``known=`` is. The file::

    # what I know
    known:
      - Python                 # known: covers any level a plan asks for
      - {name: SQL, level: 2}  # known at level 2 (basic) of 5
      - statistics: 3          # the same, as a one-key mapping
    goal: Machine Learning Engineer   # optional

or simply ``known: {Python: 4, SQL: 2}``. Names are ids, labels or aliases; an unknown one is an error naming
the line, with a suggestion. An entry may say when it was learned: ``{name: pytorch, level: 3, done: 2026-12-02}``
(what :func:`add_to_profile`, ``mlgraph done`` and the explorer's download write).

:func:`add_to_profile` adds items to a profile file by editing its text, so its comments, order and layout stay as
they were, and writes it atomically.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from typing import Any, NamedTuple

from mlgraph.errors import FormatError, UnknownNodeError
from mlgraph.model.graph import CompetencyGraph
from mlgraph.model.profile import Profile, check_level

__all__ = ["ProfileChange", "add_to_profile", "profile_entry", "read_profile"]

ENTRY_KEYS = ("name", "level", "done")
"""The keys an entry written as a mapping may have."""


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
                    extra = sorted(set(entry) - set(ENTRY_KEYS))
                    if extra:
                        raise FormatError(
                            f"an entry has {', '.join(ENTRY_KEYS)}; not {', '.join(map(str, extra))}",
                            path=shown,
                            line=line,
                        )
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


# ---------------------------------------------------------------------------------------------- writing

_PLAIN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.+/-]*$")
_WORDS = frozenset({"yes", "no", "true", "false", "null", "on", "off", "y", "n"})
_KNOWN = re.compile(r"^known[ \t]*:(.*)$")


NEW_PROFILE = "# What I know: read by mlgraph (--profile FILE); `mlgraph done ITEM --profile FILE` adds to it\n"


class ProfileChange(NamedTuple):
    """What :func:`add_to_profile` did with one item: ``"added"``, ``"raised"`` (a higher level) or ``"kept"``."""

    id: str
    level: int | None
    action: str


def _scalar(text: str) -> str:
    """`text` as a YAML scalar: bare when safe, else double-quoted."""
    if _PLAIN.match(text) and text.lower() not in _WORDS:
        return text
    return json.dumps(text)


def profile_entry(node_id: str, level: int | None = None, done: datetime.date | None = None) -> str:
    """One entry of a ``known:`` list, as YAML flow text.

    >>> import datetime
    >>> profile_entry("pytorch", 4, datetime.date(2026, 12, 2))
    '{name: pytorch, level: 4, done: 2026-12-02}'
    >>> profile_entry("c++")
    '{name: c++}'
    """
    parts = [f"name: {_scalar(node_id)}"]
    if level is not None:
        parts.append(f"level: {level}")
    if done is not None:
        parts.append(f"done: {done.isoformat()}")
    return "{" + ", ".join(parts) + "}"


def _split_flow(inner: str) -> list[str]:
    """The items of a one-line flow collection's inside, split at top-level commas."""
    items, depth, start, quote = [], 0, 0, ""
    for k, ch in enumerate(inner):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(inner[start:k].strip())
            start = k + 1
    items.append(inner[start:].strip())
    return [i for i in items if i]


def _strip_comment(text: str) -> str:
    """`text` without a trailing ``# comment`` (a ``#`` after a space, outside quotes)."""
    quote = ""
    for k, ch in enumerate(text):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (k == 0 or text[k - 1] in " \t"):
            return text[:k].rstrip()
    return text.rstrip()


def _known_block(lines: list[str], path: str) -> tuple[int, int, str, bool]:
    """Where the ``known:`` block is: its key line, the line after its last item, the item indent, list or not.

    A one-line flow collection (``known: [a, b]`` or ``known: {a: 1}``) is first rewritten in block form.
    """
    key = next((n for n, line in enumerate(lines) if _KNOWN.match(line)), None)
    if key is None:
        if lines and lines[-1].strip():
            lines.append("")
        lines.append("known:")
        return len(lines) - 1, len(lines), "  ", True
    rest = _strip_comment(_KNOWN.match(lines[key]).group(1)).strip()  # type: ignore[union-attr]
    if rest:
        if rest[0] not in "[{" or rest[-1] != {"[": "]", "{": "}"}[rest[0]]:
            raise FormatError(
                "cannot add to a 'known:' written this way", path=path, line=key + 1, hint="write it as a list"
            )
        is_list = rest[0] == "["
        items = _split_flow(rest[1:-1])
        lines[key] = "known:"
        lines[key + 1 : key + 1] = [f"  - {i}" if is_list else f"  {i}" for i in items]
        return key, key + 1 + len(items), "  ", is_list
    end, indent, is_list = key + 1, None, True
    for n in range(key + 1, len(lines)):
        line = lines[n]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        starts_item = stripped.startswith("- ") or stripped == "-"
        if line[0] not in " \t" and not starts_item:
            break  # the next top-level key
        if indent is None:
            indent = line[: len(line) - len(line.lstrip())]
            is_list = starts_item
        end = n + 1
    return key, end, indent if indent is not None else "  ", is_list


def add_to_profile(
    g: CompetencyGraph,
    path: str | PathLike[str],
    items: Mapping[str, int | None],
    *,
    done: datetime.date | None = None,
) -> list[ProfileChange]:
    """Add `items` (name -> level or None) to the profile at `path`, keeping its comments, order and layout.

    The file's text is edited, not re-written from data: new entries go after the last entry of its ``known:``
    list (``{name: id, level: N, done: date}``), an item known at a lower level has its own line raised, and an
    item already known at that level (or at every level) is left alone. A missing file is created. The file is
    written atomically (:func:`mlgraph.io.atomic.write_atomically`) and keeps its permissions.

    Parameters
    ----------
    g : CompetencyGraph
        Names are resolved against it (ids are written).
    path : path
    items : mapping of str to int or None
        What to add; a level from 1 to 5, or None for "known" without a level.
    done : datetime.date, optional
        The date written with each added item (default: today).

    Returns
    -------
    list of ProfileChange
        One per item, in the order given.

    Raises
    ------
    FormatError
        When the file is not a profile :func:`read_profile` reads, or its ``known:`` cannot be extended.
    UnknownNodeError
        When an item matches no node.

    Examples
    --------
    >>> import datetime, pathlib, tempfile, mlgraph
    >>> g = mlgraph.load()
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "me.yaml"
    >>> _ = path.write_text("# my profile\\nknown:\\n  - python  # since school\\n")
    >>> add_to_profile(g, path, {"PyTorch": 3}, done=datetime.date(2026, 12, 2))
    [ProfileChange(id='pytorch', level=3, action='added')]
    >>> print(path.read_text(), end="")
    # my profile
    known:
      - python  # since school
      - {name: pytorch, level: 3, done: 2026-12-02}
    """
    from mlgraph.io.atomic import write_atomically
    from mlgraph.io.ontology import read_yaml

    path = Path(path)
    shown = str(path)
    done = done or datetime.date.today()
    wanted: dict[str, int | None] = {}
    for name, level in items.items():
        wanted[g.id_of(str(name))] = check_level(level, "the item list", None)
    if path.exists():
        current = read_profile(g, path)
        text = path.read_text(encoding="utf-8")
        doc = read_yaml(path)
        lines_of = doc.get("__lines__", {}).get("known", []) if isinstance(doc, dict) else []
        entries = doc.get("known") if isinstance(doc, dict) else None
    else:
        current, text, lines_of, entries = (
            Profile({}),
            "# What I know: read by mlgraph (--profile), added to by `mlgraph done`\n",
            [],
            None,
        )
    # the line of each known id, when the entries are a list of one-line items
    line_of: dict[str, int] = {}
    if isinstance(entries, list):
        for k, entry in enumerate(entries):
            name = entry.get("name") if isinstance(entry, dict) else entry
            if isinstance(entry, dict) and name is None and len([x for x in entry if not str(x).startswith("__")]) == 1:
                name = next(x for x in entry if not str(x).startswith("__"))
            if name is not None and k < len(lines_of):
                line_of.setdefault(g.id_of(str(name)), lines_of[k] - 1)
    lines = text.split("\n")
    trailing_newline = text.endswith("\n")
    if trailing_newline:
        lines.pop()
    changes: list[ProfileChange] = []
    appended: list[tuple[str, int | None]] = []
    for node_id, level in wanted.items():
        if node_id in current.known:
            old = current.known[node_id]
            if old is None or (level is not None and old >= level):
                changes.append(ProfileChange(node_id, old, "kept"))
                continue
            n = line_of.get(node_id)
            line = lines[n] if n is not None and n < len(lines) else ""
            match = re.match(r"^(\s*-\s+)(.*)$", line)
            if match and _strip_comment(match.group(2)).strip():
                body = match.group(2)
                comment = body[len(_strip_comment(body)) :]
                lines[n] = match.group(1) + profile_entry(node_id, level, done) + comment  # type: ignore[index]
                changes.append(ProfileChange(node_id, level, "raised"))
                continue
            raise FormatError(
                f"{node_id!r} is in the profile, but not on a line of its own that can be raised",
                path=shown,
                hint="edit its level by hand",
            )
        appended.append((node_id, level))
        changes.append(ProfileChange(node_id, level, "added"))
    if appended:
        _key, end, indent, is_list = _known_block(lines, shown)
        new = [
            f"{indent}- {profile_entry(i, lv, done)}" if is_list else f"{indent}{_scalar(i)}:{f' {lv}' if lv else ''}"
            for i, lv in appended
        ]
        lines[end:end] = new
    out = "\n".join(lines) + "\n"
    if out != text:
        write_atomically(path, lambda f: f.write(out.encode("utf-8")))
    return changes
