"""What a learner already knows: the forms ``known=`` accepts, normalised to ``{id: level or None}``.

Planning code takes graphs and plain values, never file paths: a profile file is read by
:func:`mlgraph.io.profiles.read_profile` (``mlgraph.read_profile``), whose :class:`Profile` is accepted here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from os import PathLike

from mlgraph.errors import MlgraphError
from mlgraph.model.graph import CompetencyGraph
from mlgraph.model.profile import Profile, check_level

__all__ = ["Known", "Profile", "resolve_known"]


Known = Iterable[str] | Mapping[str, int | None] | Profile | None
"""What ``known=`` accepts: names, ``{name: level}`` or a :class:`Profile` (from ``mlgraph.read_profile``)."""


def resolve_known(g: CompetencyGraph, known: Known) -> dict[str, int | None]:
    """Normalise any accepted form of ``known=`` into ``{id: level or None}``.

    Raises
    ------
    MlgraphError
        When `known` is a file path: read it with ``mlgraph.read_profile(g, path)`` and pass the profile.
    UnknownNodeError
        When a name matches no node.

    Examples
    --------
    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> resolve_known(g, ["Python", "sql"])
    {'python': None, 'sql': None}
    >>> resolve_known(g, {"python": 2})
    {'python': 2}
    """
    if known is None:
        return {}
    if isinstance(known, Profile):
        return dict(known.known)
    if isinstance(known, PathLike) or (isinstance(known, str) and known.endswith((".yaml", ".yml"))):
        raise MlgraphError(
            f"known= got the file {str(known)!r}; planning functions take names, not files",
            hint=f"read it first: known=mlgraph.read_profile(g, {str(known)!r})",
        )
    if isinstance(known, str):
        return {g.id_of(known): None}
    if isinstance(known, Mapping):
        return {g.id_of(str(k)): check_level(v, "known", None) for k, v in known.items()}
    return {g.id_of(str(name)): None for name in known}
