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

__all__ = ["Known", "Profile", "merge_levels", "resolve_known"]


Known = Iterable[str] | Mapping[str, int | None] | Profile | None
"""What ``known=`` accepts: names, ``{name: level}`` or a :class:`Profile` (from ``mlgraph.read_profile``)."""


def resolve_known(g: CompetencyGraph, known: Known) -> dict[str, int | None]:
    """Normalise any accepted form of ``known=`` into ``{id: level or None}``.

    A role named as known stands for its essential requirements at their levels (having done the job);
    a resource for what it teaches, at working level (3). A name given twice keeps its higher level.

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
    >>> resolve_known(g, ["Data Analyst"])["sql"] >= 3
    True
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
        known = [known]
    if isinstance(known, Mapping):
        pairs = [(g.id_of(str(k)), check_level(v, "known", None)) for k, v in known.items()]
    else:
        pairs = [(g.id_of(str(name)), None) for name in known]
    out: dict[str, int | None] = {}
    for node_id, level in pairs:
        for item, at in _stands_for(g, node_id, level):
            out[item] = merge_levels(out[item], at) if item in out else at
    return out


def merge_levels(a: int | None, b: int | None) -> int | None:
    """The higher of two known levels; None (known at every level) is the highest.

    >>> merge_levels(2, 4), merge_levels(None, 3), merge_levels(3, None)
    (4, None, None)
    """
    if a is None or b is None:
        return None
    return max(a, b)


def _stands_for(g: CompetencyGraph, node_id: str, level: int | None) -> list[tuple[str, int | None]]:
    """A role known stands for its essential requirements at their levels; a resource for what it teaches at
    working level (3); anything else for itself."""
    kind = g.node(node_id).kind
    if kind == "role":
        return [
            (r.target, r.level or 3)
            for r in sorted(g.requirements(node_id), key=lambda r: r.target)
            if r.importance == "essential"
        ]
    if kind == "resource":
        return [(c, 3) for c in sorted(g.adjacency("teaches").get(node_id, ()))]
    return [(node_id, level)]
