"""A learner's profile as a record: what they know (node id -> level) and, optionally, their goal.

Files are read by :mod:`mlgraph.io.profiles`; planning code accepts a :class:`Profile` wherever ``known=`` is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mlgraph.errors import FormatError

__all__ = ["Profile", "check_level"]


@dataclass(frozen=True)
class Profile:
    """What someone knows: node id -> level (None: known at every level).

    Attributes
    ----------
    known : dict of str to int or None
    goal : str or None
        The id of the goal the profile names, if any.
    path : str or None
        The file it was read from.
    """

    known: dict[str, int | None] = field(default_factory=dict)
    goal: str | None = None
    path: str | None = None


def check_level(value: Any, path: str, line: int | None) -> int | None:
    """A level from 1 to 5 (or None); anything else is a :class:`~mlgraph.FormatError` naming `path` and `line`."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise FormatError(f"a level is a whole number from 1 to 5, got {value!r}", path=path, line=line)
    return value
