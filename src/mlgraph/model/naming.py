"""Names to ids: the index behind ``CompetencyGraph.resolve`` and its "did you mean".

A name matches a node by id, label or alias, first as typed (ignoring case), then ignoring spacing and
punctuation, so ``"ci/cd"``, ``"CI CD"`` and ``"ci-cd"`` all find the same node.

>>> normalise("  Machine-Learning   Engineer ")
'machinelearningengineer'
>>> idx = NameIndex([("python", ["Python", "py"]), ("cpp", ["C++"])])
>>> idx.lookup("PY")
['python']
>>> idx.lookup("c++")
['cpp']
>>> idx.suggest("pyton")
['python']
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

__all__ = ["NameIndex", "normalise"]

_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Case-fold and drop every space and punctuation mark."""
    return _NON_WORD.sub("", text.casefold())


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


class NameIndex:
    """Maps every id, label and alias to the ids it names.

    Parameters
    ----------
    entries : iterable of (id, names)
        Each node id with its label and aliases.
    """

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        self._exact: dict[str, list[str]] = {}
        self._loose: dict[str, list[str]] = {}
        for node_id, names in entries:
            for name in (node_id, *names):
                for table, key in ((self._exact, _fold(name)), (self._loose, normalise(name))):
                    if not key:
                        continue
                    ids = table.setdefault(key, [])
                    if node_id not in ids:
                        ids.append(node_id)

    def lookup(self, text: str) -> list[str]:
        """Ids that `text` names: one when it is clear, several when ambiguous, none when unknown."""
        hits = self._exact.get(_fold(text))
        if hits:
            return list(hits)
        return list(self._loose.get(normalise(text), ()))

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Ids of the nodes whose names are nearest to `text`, best first."""
        key = normalise(text)
        if not key:
            return []
        keys = difflib.get_close_matches(key, list(self._loose), n=n * 2, cutoff=0.6)
        if len(key) >= 3:
            keys += sorted((k for k in self._loose if key in k and k not in keys), key=len)[:n]
        out: list[str] = []
        for k in keys:
            for node_id in self._loose[k]:
                if node_id not in out:
                    out.append(node_id)
        return out[:n]
