"""How alike two occupations are, from everything an imported graph says about them (O*NET above all).

A plain cosine over skill and knowledge importance finds the occupations that need the same *general* abilities
(reading, speaking, critical thinking): nearly all of them. What tells occupations apart is more specific, so
:func:`occupation_similarity` blends several *channels*, each a cosine between two roles' vectors, with weights
chosen by judgement (not fitted to any list of related occupations):

========================  ======  ============================================================================
channel                   weight  vector of a role
========================  ======  ============================================================================
work activities           0.35    O*NET detailed work activities (tf-idf: rare activities say more), plus their
                                  intermediate activities at half weight (two roles doing *similar* things)
technology                0.10    tools (tf-idf), plus their commodity groups at half weight
skills and knowledge      0.20    ``level x (1 essential, 0.5 optional)``, centred on the mean occupation so the
                                  abilities every job needs do not make every job alike
titles                    0.15    words of the title and alternate titles (tf-idf)
occupation code           0.10    1 same SOC broad group (15-201x), 0.6 same minor group (15-2xxx), 0.3 same
                                  major group (15-), else 0
interests                 0.05    RIASEC interest levels
preparation               0.05    ``1 - |job zone difference| / 4``
========================  ======  ============================================================================

Work activities weigh most because they say what the job *does*, and O*NET rates them for 923 occupations;
technology lists are long and uneven (many occupations list the same office software), so they weigh less. As a
sanity check (not a target), each occupation's ten nearest share its SOC minor group 48% of the time with the code
channel switched off (skill/knowledge ratings alone: 31%).

A channel that a pair of roles does not both have (ESCO roles have no job zone, the bundled roles no O*NET
code) is left out of that pair's blend and the other weights are rescaled. On graphs other than O*NET, every
requirement falls in one "requirements" channel (tf-idf over what the role requires), so the function still
works on the bundled graph and on ESCO.

>>> from mlgraph.model.graph import CompetencyGraph
>>> g = CompetencyGraph.from_records(
...     [{"id": t, "kind": "tool", "label": t} for t in ("python", "sql", "excel", "cad")]
...     + [{"id": r, "kind": "role", "label": r} for r in ("analyst", "scientist", "draughtsman")],
...     [{"source": r, "target": t, "relation": "requirement"} for r, ts in
...      {"analyst": ["sql", "excel"], "scientist": ["python", "sql"], "draughtsman": ["cad"]}.items() for t in ts])
>>> [o.id for o in similar_occupations(g, "analyst", top=2)]
['scientist', 'draughtsman']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mlgraph.model.graph import CompetencyGraph

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "CHANNEL_WEIGHTS",
    "DISSIMILARITY_HOURS",
    "default_hooks",
    "SimilarOccupation",
    "dissimilarity_penalty",
    "occupation_similarity",
    "similar_occupations",
    "similarity_pairs",
]

DISSIMILARITY_HOURS = 1000.0
"""Hour-equivalents :func:`dissimilarity_penalty` adds to a move between roles with nothing in common (0 for the
same role). O*NET's competencies carry no hours, so on an O*NET graph this penalty alone orders the moves."""

CHANNEL_WEIGHTS: dict[str, float] = {
    "activities": 0.35,
    "technology": 0.10,
    "ratings": 0.20,
    "titles": 0.15,
    "code": 0.10,
    "interests": 0.05,
    "preparation": 0.05,
    "requirements": 1.0,
}
"""The weight of each channel (see the module documentation); rescaled over the channels a pair shares."""

FULL_MATRIX_ROLES = 2500
"""Up to this many roles, the whole role x role matrix is computed once (50 MB at most) and every ranking reads a
row of it; above, each ranking computes its own row."""

_AREA_CHANNEL = {
    "onet-work-activities": "activities",
    "onet-technology": "technology",
    "onet-skills": "ratings",
    "onet-knowledge": "ratings",
    "onet-interests": "interests",
    "onet-preparation": "preparation",
}
_WORD = re.compile(r"[a-z][a-z0-9+#]+")
_STOP = frozenset(["and", "or", "of", "the", "for", "in", "to", "a", "an", "with", "except", "all", "other"])


@dataclass(frozen=True)
class SimilarOccupation:
    """One neighbour of a role: its id, label and similarity (0..1)."""

    id: str
    label: str
    similarity: float


class _Channels:
    """Row-normalised role x feature matrices, one per channel, and the channel masks (built once per graph)."""

    def __init__(self, g: CompetencyGraph) -> None:
        import numpy as np

        roles = [n for n in g.nodes() if n.kind == "role"]
        self.ids = [n.id for n in roles]
        self.labels = [n.label for n in roles]
        self.position = {rid: i for i, rid in enumerate(self.ids)}
        n = len(roles)
        area = {node.id: node.area for node in g.nodes()}
        parents: dict[str, list[str]] = {}
        for row in g.edge_rows("broader"):
            parents.setdefault(row.source, []).append(row.target)
        entries: dict[str, dict[tuple[int, str], float]] = {}
        zone = np.full(n, np.nan)
        for row in g.edge_rows("requirement"):
            i = self.position.get(row.source)
            if i is None:
                continue
            channel = _AREA_CHANNEL.get(area.get(row.target) or "", "requirements")
            if channel == "preparation":
                zone[i] = row.level or 3
                continue
            weight = (row.level or 3) * (1.0 if row.importance != "optional" else 0.5)
            cells = entries.setdefault(channel, {})
            if channel == "ratings" or channel == "interests":
                cells[(i, row.target)] = weight
            else:
                cells[(i, row.target)] = 1.0
                for parent in parents.get(row.target, ()):
                    key = (i, "^" + parent)
                    cells[key] = max(cells.get(key, 0.0), 0.5)
        titles: dict[tuple[int, str], float] = {}
        codes: list[str | None] = [None] * n
        for i, node in enumerate(roles):
            for name in (node.label, *node.aliases):
                for word in _WORD.findall(name.casefold()):
                    if word not in _STOP:
                        titles[(i, word)] = 1.0
            codes[i] = next((m.code for m in node.mappings if m.scheme == "onet" and m.match == "exact"), None)
        entries["titles"] = titles
        self.matrices = {name: self._matrix(name, cells, n) for name, cells in entries.items() if cells}
        self.zone = zone
        self.codes = codes
        self.has_code = np.array([c is not None for c in codes])
        self.major = np.array([c[:2] if c else "" for c in codes])
        self.minor = np.array([c[:4] if c else "" for c in codes])
        self.broad = np.array([c[:6] if c else "" for c in codes])
        self._full: np.ndarray | None = None
        self._recent: list[tuple[tuple[str, ...], np.ndarray]] = []

    @staticmethod
    def _matrix(name: str, cells: dict[tuple[int, str], float], n: int) -> Any:
        import numpy as np
        import scipy.sparse as sp

        features: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for (i, feature), value in cells.items():
            rows.append(i)
            cols.append(features.setdefault(feature, len(features)))
            vals.append(value)
        m = sp.csr_matrix((vals, (rows, cols)), shape=(n, len(features)), dtype=float)
        present = np.asarray(m.getnnz(axis=1) > 0)
        if name == "ratings":
            dense = m.toarray()
            mean = dense[present].mean(axis=0) if present.any() else 0.0
            dense = np.where(present[:, None], dense - mean, 0.0)
            m = sp.csr_matrix(dense)
        elif name != "interests":
            df = np.asarray((m > 0).sum(axis=0)).ravel()
            idf = np.log((1 + present.sum()) / (1 + df)) + 1.0
            m = m @ sp.diags(idf)
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ m), present

    def positions(self, ids: Sequence[str]) -> np.ndarray:
        """Row numbers of role ids; the last few lists are remembered (a ranking passes the same list of every
        role to both hooks, role after role)."""
        import numpy as np

        key = tuple(ids)  # compared element by element: same objects compare by pointer, fast
        for seen, value in self._recent:
            if seen == key:
                return value
        value = np.fromiter(map(self.position.__getitem__, key), dtype=int, count=len(key))
        self._recent = [(key, value), *self._recent[:3]]
        return value

    def block(self, i: np.ndarray) -> np.ndarray:
        """Blended similarity of the roles `i` (rows) to every role (columns), dense."""
        import numpy as np

        n = len(self.ids)
        total = np.zeros((len(i), n))
        weight = np.zeros((len(i), n))
        for name, (m, present) in self.matrices.items():
            both = present[i][:, None] & present[None, :]
            sim = np.clip((m[i] @ m.T).toarray(), 0.0, 1.0)
            total += CHANNEL_WEIGHTS[name] * both * sim
            weight += CHANNEL_WEIGHTS[name] * both
        both = self.has_code[i][:, None] & self.has_code[None, :]
        code = np.where(
            self.broad[i][:, None] == self.broad[None, :],
            1.0,
            np.where(
                self.minor[i][:, None] == self.minor[None, :],
                0.6,
                np.where(self.major[i][:, None] == self.major[None, :], 0.3, 0.0),
            ),
        )
        total += CHANNEL_WEIGHTS["code"] * both * code
        weight += CHANNEL_WEIGHTS["code"] * both
        zi, zj = self.zone[i][:, None], self.zone[None, :]
        known = ~np.isnan(zi) & ~np.isnan(zj)
        total += CHANNEL_WEIGHTS["preparation"] * known * (1.0 - np.abs(np.nan_to_num(zi) - np.nan_to_num(zj)) / 4.0)
        weight += CHANNEL_WEIGHTS["preparation"] * known
        out = np.divide(total, weight, out=np.zeros_like(total), where=weight > 0)
        out[np.arange(len(i)), i] = 1.0
        return out

    def rows(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Blended similarity of the role pairs (i[k], j[k])."""
        import numpy as np

        unique, inverse = np.unique(i, return_inverse=True)
        if len(self.ids) <= FULL_MATRIX_ROLES:
            return np.stack([self.row(int(u)) for u in unique])[inverse, j]
        return self.block(unique)[inverse, j]

    def row(self, i: int) -> np.ndarray:
        import numpy as np

        if len(self.ids) <= FULL_MATRIX_ROLES:
            if self._full is None:
                self._full = self.block(np.arange(len(self.ids)))
            return self._full[i]
        return self.block(np.array([i]))[0]


def _channels(g: CompetencyGraph) -> _Channels:
    return g.derived("occupations.channels", _Channels)


def _role(g: CompetencyGraph, name: str) -> int:
    from mlgraph.errors import UnknownNodeError

    node = g.resolve(name)
    channels = _channels(g)
    if node.id not in channels.position:
        raise UnknownNodeError(name, [], what="role")
    return channels.position[node.id]


def similarity_pairs(g: CompetencyGraph, from_ids: Sequence[str], to_ids: Sequence[str]) -> np.ndarray:
    """Similarity of each pair ``(from_ids[k], to_ids[k])``, vectorised: the shape
    ``rank_transitions(similarity=...)`` takes.

    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> similarity_pairs(g, ["data-scientist"], ["data-scientist"]).tolist()
    [1.0]
    """

    channels = _channels(g)
    return channels.rows(channels.positions(from_ids), channels.positions(to_ids))


def dissimilarity_penalty(
    g: CompetencyGraph, from_ids: Sequence[str], to_ids: Sequence[str], hours: Any = None
) -> np.ndarray:
    """``DISSIMILARITY_HOURS * (1 - similarity)`` per pair: the ``penalty`` hook of
    :func:`mlgraph.plan.ranking.rank_transitions`, so that moves rank by hours *and* by how alike the jobs are.

    >>> import mlgraph
    >>> from mlgraph.plan.ranking import rank_transitions
    >>> g = mlgraph.load()
    >>> best = rank_transitions(g, "Data Scientist", top=1, similarity=similarity_pairs,
    ...                         penalty=dissimilarity_penalty)
    >>> best[0].to != "data-scientist"
    True
    """
    return DISSIMILARITY_HOURS * (1.0 - similarity_pairs(g, from_ids, to_ids))


def default_hooks(g: CompetencyGraph) -> tuple[Any, Any]:
    """``(similarity, penalty)`` for :func:`mlgraph.plan.ranking.rank_transitions` when the caller gives none:
    :func:`similarity_pairs` and :func:`dissimilarity_penalty` for a graph holding imported occupations (roles in
    the ``onet`` or ``esco`` area), ``(None, None)`` otherwise (the bundled graph ranks by hours and overlap).

    >>> import mlgraph
    >>> default_hooks(mlgraph.load())
    (None, None)
    """

    def imported(graph: CompetencyGraph) -> bool:
        return any(n.area in ("onet", "esco") for n in graph.nodes(kind="role"))

    if g.derived("occupations.imported", imported):
        return similarity_pairs, dissimilarity_penalty
    return None, None


def occupation_similarity(g: CompetencyGraph, a: str, b: str) -> float:
    """How alike two roles are, 0..1 (1 for the same role); see the module documentation.

    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> occupation_similarity(g, "Data Scientist", "Data Scientist")
    1.0
    >>> near, far = (occupation_similarity(g, "Data Scientist", r) for r in ("ML engineer", "Head of AI"))
    >>> near > far
    True
    """
    import numpy as np

    i, j = _role(g, a), _role(g, b)
    return round(float(_channels(g).rows(np.array([i]), np.array([j]))[0]), 4)


def similar_occupations(g: CompetencyGraph, role: str, top: int | None = 10) -> list[SimilarOccupation]:
    """The roles most like `role`, most similar first (ties by id).

    Parameters
    ----------
    g : CompetencyGraph
    role : str
        A role, by any name.
    top : int or None
        How many (None: all).

    Returns
    -------
    list of SimilarOccupation
    """
    import numpy as np

    i = _role(g, role)
    channels = _channels(g)
    sims = channels.row(i)
    order = np.lexsort((np.arange(len(sims)), -sims))
    order = order[order != i]
    if top is not None:
        order = order[: max(0, top)]
    return [SimilarOccupation(channels.ids[k], channels.labels[k], round(float(sims[k]), 4)) for k in order]
