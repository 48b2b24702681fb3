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
from heapq import nlargest

__all__ = ["NameIndex", "fold", "normalise"]

_NON_WORD = re.compile(r"[\W_]+")
CANDIDATES = 64
"""At most this many names are scored for one suggestion (those sharing the most trigrams with the text)."""


def normalise(text: str) -> str:
    """Case-fold and drop every space and punctuation mark."""
    return _NON_WORD.sub("", text.casefold())


def fold(text: str) -> str:
    """Case-fold and collapse runs of spaces: how names are compared as typed.

    >>> fold("  Machine   LEARNING ")
    'machine learning'
    """
    return " ".join(text.casefold().split())


_fold = fold


def _grams(key: str) -> set[str]:
    """The trigrams of a key padded with ``^`` and ``$`` (so one- and two-letter keys have some too)."""
    padded = f"^{key}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class NameIndex:
    """Maps every id, label and alias to the ids it names.

    Suggestions are bounded: with ``rapidfuzz`` installed (the ``fast`` extra) every name is scored in C; without
    it, a trigram index built on first use picks the :data:`CANDIDATES` names sharing the most trigrams with the
    text and only those are scored by :mod:`difflib`.

    Parameters
    ----------
    entries : iterable of (id, names)
        Each node id with its label and aliases.
    """

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        self._exact: dict[str, list[str]] = {}
        self._loose: dict[str, list[str]] = {}
        self._by_gram: dict[str, list[str]] | None = None
        self._keys: list[str] | None = None
        for node_id, names in entries:
            for name in (node_id, *names):
                for table, key in ((self._exact, fold(name)), (self._loose, normalise(name))):
                    if not key:
                        continue
                    ids = table.setdefault(key, [])
                    if node_id not in ids:
                        ids.append(node_id)

    def lookup(self, text: str) -> list[str]:
        """Ids that `text` names: one when it is clear, several when ambiguous, none when unknown."""
        hits = self._exact.get(fold(text))
        if hits:
            return list(hits)
        return list(self._loose.get(normalise(text), ()))

    def _grams_index(self) -> dict[str, list[str]]:
        if self._by_gram is None:
            index: dict[str, list[str]] = {}
            setdefault = index.setdefault
            for key in self._loose:
                padded = f"^{key}$"
                for i in range(len(padded) - 2):
                    setdefault(padded[i : i + 3], []).append(key)
            self._by_gram = index
        return self._by_gram

    def _near(self, key: str) -> tuple[list[tuple[float, str]], list[str]]:
        """Names scored against `key` (at most :data:`CANDIDATES`), and names that hold `key`."""
        try:
            from rapidfuzz import fuzz, process
        except ImportError:
            pass
        else:
            if self._keys is None:
                self._keys = list(self._loose)
            found = process.extract(key, self._keys, scorer=fuzz.ratio, limit=CANDIDATES, score_cutoff=50)
            holding = [k for k in self._keys if key in k] if len(key) >= 3 else []
            return [(score / 100.0, k) for k, score, _ in found], holding
        index = self._grams_index()
        counts: dict[str, int] = {}
        get = counts.get
        for gram in _grams(key):
            for k in index.get(gram, ()):
                counts[k] = get(k, 0) + 1
        candidates = nlargest(CANDIDATES, counts, key=counts.__getitem__)
        inner = len(key) - 2  # a name holding `key` shares at least its unpadded trigrams
        holding = [k for k, c in counts.items() if c >= inner and key in k] if len(key) >= 3 else []
        return [(difflib.SequenceMatcher(None, key, k).ratio(), k) for k in candidates], holding

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Ids of the nodes whose names are nearest to `text`, best first (at most `n`)."""
        key = normalise(text)
        if not key or n <= 0:
            return []
        scored, holding = self._near(key)
        keys = [k for ratio, k in sorted(scored, key=lambda t: (-t[0], len(t[1]), t[1])) if ratio >= 0.6][: n * 2]
        keys += sorted((k for k in holding if k not in keys), key=lambda k: (len(k), k))[:n]
        out: list[str] = []
        for k in keys:
            for node_id in self._loose[k]:
                if node_id not in out:
                    out.append(node_id)
        return out[:n]
