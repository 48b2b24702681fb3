"""Finding nodes by the words people type: labels, aliases and descriptions, ranked.

:meth:`CompetencyGraph.resolve` answers "which node is this name"; :func:`search` answers "which nodes are about
these words". A word in the label or an alias weighs far more than a word in the description, rarer words weigh
more than common ones (an inverse document frequency), and an exact name match comes first.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mlgraph.model.graph import CompetencyGraph

__all__ = ["SearchHit", "search"]

_WORD = re.compile(r"[a-z0-9]+(?:[+#]+)?")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "how",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "what",
        "with",
    ]
)


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.casefold()) if w not in _STOP]


def _stem(word: str) -> str:
    """A light plural/verb-ending fold, so "networks" finds "network" and "testing" finds "test"."""
    for suffix in ("ing", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class SearchHit:
    """One node that matches a search, with its score and where the words were found."""

    id: str
    label: str
    kind: str
    score: float
    matched: tuple[str, ...]
    """The fields that matched: ``name``, ``alias``, ``description``."""

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "score": round(self.score, 3),
            "matched": list(self.matched),
        }


_Index = tuple[dict[str, list[tuple[str, str]]], dict[str, int], list[str]]


def _index(g: CompetencyGraph) -> _Index:
    def build(g: CompetencyGraph) -> _Index:
        postings: dict[str, list[tuple[str, str]]] = {}
        for node in g.nodes():
            seen: set[tuple[str, str]] = set()
            fields = [("name", node.label), *(("alias", a) for a in node.aliases), ("description", node.description)]
            for name, text in fields:
                for word in _words(text):
                    key = (_stem(word), name)
                    if key not in seen:
                        seen.add(key)
                        postings.setdefault(key[0], []).append((node.id, name))
        frequency = {word: len({n for n, _ in hits}) for word, hits in postings.items()}
        return postings, frequency, sorted(postings)

    return g.derived("search.index", build)


def _expand(word: str, vocabulary: list[str]) -> list[tuple[str, float]]:
    """`word` itself, and (at a lower weight) the indexed words it begins, for words of 3+ letters: "net" finds
    "network"."""
    found = [(word, 1.0)]
    if len(word) >= 3:
        start = bisect.bisect_left(vocabulary, word)
        for other in vocabulary[start : start + 50]:
            if not other.startswith(word):
                break
            if other != word:
                found.append((other, 0.6))
    return found


_FIELD_WEIGHT = {"name": 10.0, "alias": 6.0, "description": 1.0}


def search(g: CompetencyGraph, query: str, *, top: int = 10, kind: str | None = None) -> list[SearchHit]:
    """Nodes about the words of `query`, best first.

    Parameters
    ----------
    g : CompetencyGraph
    query : str
        Free text: ``"vector database"``, ``"deploy models"``.
    top : int
        At most this many hits (1 or more).
    kind : str, optional
        Only nodes of this kind (``role``, ``skill``, ``tool``, ``concept``, ``resource``).

    Returns
    -------
    list of SearchHit
        Empty when no word matches. Ties are broken by label, so the order is stable.

    Raises
    ------
    ValueError
        When `top` is below 1.

    Examples
    --------
    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> search(g, "gradient descent", top=1)[0].id
    'gradient-descent'
    >>> [h.kind for h in search(g, "engineer", kind="role", top=3)]
    ['role', 'role', 'role']
    """
    if top < 1:
        raise ValueError(f"top must be 1 or more, got {top}")
    words = [_stem(w) for w in _words(query)]
    if not words:
        return []
    postings, frequency, vocabulary = _index(g)
    total = max(1, len(g))
    scores: dict[str, float] = {}
    matched: dict[str, set[str]] = {}
    hit_words: dict[str, set[str]] = {}
    for word in dict.fromkeys(words):
        best: dict[str, float] = {}
        for form, factor in _expand(word, vocabulary):
            idf = math.log(1 + total / (1 + frequency.get(form, 0)))
            for node_id, name in postings.get(form, ()):
                weight = _FIELD_WEIGHT[name] * idf * factor
                if weight > best.get(node_id, 0.0):
                    best[node_id] = weight
                matched.setdefault(node_id, set()).add(name)
        for node_id, weight in best.items():
            scores[node_id] = scores.get(node_id, 0.0) + weight
            hit_words.setdefault(node_id, set()).add(word)
    phrase = " ".join(_words(query))
    hits = []
    for node_id, score in scores.items():
        node = g.node(node_id)
        if kind is not None and node.kind != kind:
            continue
        coverage = len(hit_words[node_id]) / len(set(words))
        score *= coverage**2  # every word found beats some words found often
        names = [" ".join(_words(n)) for n in (node.label, *node.aliases)]
        if phrase in names:
            score += 100.0
        elif any(phrase in n for n in names):
            score += 20.0
        score += 1.0 / (1 + len(_words(node.label)))  # the shorter name first among equals
        order = ("name", "alias", "description")
        hits.append(SearchHit(node_id, node.label, node.kind, score, tuple(f for f in order if f in matched[node_id])))
    hits.sort(key=lambda h: (-h.score, h.label.casefold(), h.id))
    return hits[:top]
