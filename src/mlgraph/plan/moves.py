"""The hours of every role-to-role move as sparse arrays: the index behind rankings and the transition matrix.

:class:`MoveIndex` is built once per graph (and per ``include_optional``) and cached on it with
``g.derived``. It answers the hours of any block of moves (one row for a ranking, one column for ``into``, the
whole matrix) with sparse products, and each answer equals ``transition(g, a, b).total_hours`` to the cent.

How the hours of a move r -> s are taken apart (the rules of :func:`mlgraph.plan.learning.learning_order`):

- r stands for its requirements (essential and optional) at their levels, umbrellas expanded to their core
  parts (``expand_levels``); each competency x then has a *state* for r: 0 unknown, 1-2 known below working
  level (a weak requirement), 3 implied (a prerequisite of something r has at level 3 or more), or the level
  of a requirement (the higher of the two);
- s needs every competency of its plan from zero ``Z[s]`` (its requirements, expanded, and their
  prerequisites): each requirement at its level, the rest at working level 3;
- hours(r, s) = sum over x in Z[s] of hours(x: state -> need), in hundredths (whole numbers held in floats,
  so every sum is exact). Splitting by need and state, this is a handful of products of boolean
  roles x competencies matrices (``known @ need3.T`` and a few sparser ones) plus per-row and per-column sums.
- Closures (what a role implies, what a plan holds) are propagated as bit sets over roles, one row per
  competency, in topological order: 3,000 roles take 375 bytes a competency.
- Most competencies of a deep graph are known to nearly every role or to nearly none. A product
  ``A @ diag(w) @ B.T`` over such columns is rewritten with the complements (``A = 1 - (1 - A)``): sums per row,
  sums per column, and a product of two sparse matrices. Rows of the result come from one sparse row times a
  sparse matrix, so one ranking touches only what that role knows.
- The edge case: a requirement of s that r knows *below* level 3 but at least at the level s needs is
  covered without its prerequisites, so those are left out of the plan unless another item needs them. A
  prerequisite x of s is left out exactly when every requirement of s it reaches first (not through another
  requirement) is covered that way. ``first`` maps each candidate (s, x) to those requirements, and
  ``weak.T @ first.T`` counts, per source, how many are covered; complete counts are subtracted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mlgraph.model.graph import CompetencyGraph
from mlgraph.plan.learning import WORKING_LEVEL, PlanIndex, hours_for

if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sp

__all__ = ["MoveIndex", "move_index"]

CHUNK_CELLS = 1 << 22
"""Competencies x roles unpacked from bit sets at a time (4 MB of booleans)."""

DENSE_SHARE = 1 / 64
"""A competency goes to the dense (BLAS) part of a product when the pairs of roles it joins (after taking
complements) exceed this share of all pairs."""

CACHE_AFTER = 8
"""After this many single rankings on one index, the whole hours matrix is computed once and kept (when the
roles are at most :data:`MAX_CACHED_ROLES`), so that ranking every role costs one matrix."""
MAX_CACHED_ROLES = 6000

BLOCK_ROWS = 512
"""Source roles computed at a time when many are asked (the whole matrix): bounds the temporaries."""


def _set_bits(packed: np.ndarray, n_roles: int) -> tuple[np.ndarray, np.ndarray]:
    """``(row, role)`` of every set bit of packed bit rows, scanning bytes (most are zero) rather than bits."""
    import numpy as np

    width = packed.shape[1] if packed.ndim == 2 else 0
    flat = packed.reshape(-1)
    at = np.flatnonzero(flat)
    byte, bit = np.nonzero(np.unpackbits(flat[at][:, None], axis=1))
    pos = at[byte]
    row, col = np.divmod(pos, max(width, 1))
    role = col * 8 + bit
    keep = role < n_roles
    return row[keep], role[keep]


def _popcount_table() -> np.ndarray:
    """Bits set in each byte value."""
    import numpy as np

    return np.unpackbits(np.arange(256, dtype=np.uint8)[:, None], axis=1).sum(axis=1).astype(np.int64)


def _expand(g: CompetencyGraph, idx: PlanIndex, levels: dict[str, int | None]) -> dict[str, int | None]:
    """Umbrellas stand for their core parts (the plans' rule, when the planner has it)."""
    try:
        from mlgraph.plan.order import expand_levels
    except ImportError:  # pragma: no cover - before the hierarchy lands in the planner
        return levels
    if not getattr(idx, "parts", None):
        return levels
    return expand_levels(idx, levels)


def _topological(idx: PlanIndex) -> list[int]:
    """Node positions, every node after all of its prerequisites (and parts)."""
    preds, succs = idx.preds, idx.succs
    indegree = [len(p) for p in preds]
    ready = [i for i, d in enumerate(indegree) if d == 0]
    out: list[int] = []
    while ready:
        i = ready.pop()
        out.append(i)
        for s in succs[i]:
            indegree[s] -= 1
            if indegree[s] == 0:
                ready.append(s)
    return out


class _Bits:
    """Boolean competencies x roles matrices packed as bits (one row of ``ceil(roles / 8)`` bytes each)."""

    def __init__(self, n: int, n_roles: int) -> None:
        self.n, self.n_roles = n, n_roles
        self.width = (n_roles + 7) // 8
        self.step = max(1, CHUNK_CELLS // max(n_roles, 1))

    def tail_mask(self) -> np.ndarray:
        """A row with every role's bit set (and the padding bits of the last byte clear)."""
        import numpy as np

        return np.packbits(np.ones(self.n_roles, dtype=bool)) if self.n_roles else np.zeros(0, np.uint8)

    def empty(self) -> np.ndarray:
        import numpy as np

        return np.zeros((self.n, self.width), dtype=np.uint8)

    def of(self, comp: np.ndarray, role: np.ndarray) -> np.ndarray:
        import numpy as np

        bits = self.empty()
        np.bitwise_or.at(bits, (comp, role >> 3), (128 >> (role & 7)).astype(np.uint8))
        return bits

    def get(self, bits: np.ndarray, comp: np.ndarray, role: np.ndarray) -> np.ndarray:
        import numpy as np

        return ((bits[comp, role >> 3] >> (7 - (role & 7)).astype(np.uint8)) & 1).astype(bool)

    def closure(self, seeds: np.ndarray, topo_desc: list[int], succs: list[list[int]], avoid: Any = None) -> None:
        """Add to `seeds` (in place) every prerequisite of what it holds, per role; never entering `avoid`."""
        import numpy as np

        for x in topo_desc:
            after = succs[x]
            if not after:
                continue
            acc = seeds[after[0]] if len(after) == 1 else np.bitwise_or.reduce(seeds[after], axis=0)
            if avoid is not None:
                acc = acc & ~avoid[x]
            seeds[x] |= acc


def _closure_within(
    start: np.ndarray, n_rows: int, n: int, preds: tuple[np.ndarray, np.ndarray], within: np.ndarray, row_of: Any
) -> np.ndarray:
    """Each row's start entries and what is reachable from them through `preds` inside `within`, row by row.

    Sets are sorted flat keys ``row * n + column``; `within` is keyed by ``row_of[row] * n + column``
    (``row_of`` non-decreasing). Breadth-first over dense masks, a chunk of rows at a time.
    """
    import numpy as np

    indptr, indices = preds
    lengths = np.diff(indptr)
    step = max(1, CHUNK_CELLS // max(n, 1))
    out: list[np.ndarray] = []
    for lo in range(0, n_rows, step):
        hi = min(n_rows, lo + step)
        a, b = np.searchsorted(start, [lo * n, hi * n])
        frontier = start[a:b] - lo * n
        if not len(frontier):
            continue
        seen = np.zeros((hi - lo) * n, dtype=bool)
        seen[frontier] = True
        stamp = np.empty((hi - lo) * n, dtype=np.int32)
        first, last = int(row_of[lo]), int(row_of[hi - 1])
        i, j = np.searchsorted(within, [first * n, (last + 1) * n])
        allowed = np.zeros((last - first + 1) * n, dtype=bool)
        allowed[within[i:j] - first * n] = True
        local_rows = row_of[lo:hi] - first
        found = [frontier]
        while True:
            cols = frontier % n
            counts = lengths[cols]
            total = int(counts.sum())
            if not total:
                break
            ends = np.cumsum(counts)
            offsets = np.repeat(indptr[cols] - (ends - counts), counts) + np.arange(total)
            keys = np.repeat(frontier - cols, counts) + indices[offsets]
            keep = ~seen[keys] & allowed[local_rows[keys // n] * n + keys % n]
            keys = keys[keep]
            if not len(keys):
                break
            order = np.arange(len(keys), dtype=np.int32)  # drop repeats: each cell keeps its last writer
            stamp[keys] = order
            frontier = keys[stamp[keys] == order]
            seen[frontier] = True
            found.append(frontier)
        out.append(np.sort(np.concatenate(found)) + lo * n)
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def _find(sorted_keys: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of `keys` in `sorted_keys`, and whether each is there."""
    import numpy as np

    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=np.int64), np.zeros(len(keys), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return at, sorted_keys[at] == keys


class _Terms:
    """``cost[r, s] = row[r] + col[s] + X[r] @ Y[s]``, gathered term by term (X, Y as COO parts)."""

    def __init__(self, n_roles: int) -> None:
        import numpy as np

        self.n_roles = n_roles
        # x, y: (role, column, value or None for ones) pieces of two sparse matrices
        self.row = np.zeros(n_roles)
        self.col = np.zeros(n_roles)
        self.width = 0
        self.x: list[tuple[np.ndarray, np.ndarray, np.ndarray | None]] = []
        self.y: list[tuple[np.ndarray, np.ndarray, np.ndarray | None]] = []
        self.dense_x: list[np.ndarray] = []
        self.dense_y: list[np.ndarray] = []

    def columns(self, count: int) -> int:
        """Reserve `count` new columns of X and Y; returns the first."""
        start = self.width
        self.width += count
        return start

    def product(self, bits: _Bits, a: np.ndarray, b: np.ndarray, w: np.ndarray) -> None:
        """Add ``A @ diag(w) @ B.T`` for bit matrices A (sources) and B (targets).

        Per competency (column): where more than half the roles have it, its complement is used
        (``A = 1 - (1 - A)``), which turns into sums per row and per column; what is left is a sparse product,
        except for columns shared by many pairs either way, which go to the dense (BLAS) part.
        """
        import numpy as np

        n_roles = bits.n_roles
        live = np.flatnonzero(w != 0)
        if not len(live):
            return
        pop = _popcount_table()
        tail = bits.tail_mask()
        ca = pop[a[live]].sum(axis=1, dtype=np.int64)
        cb = pop[b[live]].sum(axis=1, dtype=np.int64)
        dense_a, dense_b = ca * 2 > n_roles, cb * 2 > n_roles
        ax = a[live] ^ np.where(dense_a[:, None], tail, 0).astype(np.uint8)  # A = dense_a + sign_a * ax
        bx = b[live] ^ np.where(dense_b[:, None], tail, 0).astype(np.uint8)
        na, nb = np.where(dense_a, n_roles - ca, ca), np.where(dense_b, n_roles - cb, cb)
        sign_a, sign_b = np.where(dense_a, -1.0, 1.0), np.where(dense_b, -1.0, 1.0)
        wl = w[live]
        self.row += float(wl[dense_a & dense_b].sum())  # the constant, kept in the row part
        for coef, mat, into in ((wl * dense_b * sign_a, ax, self.row), (wl * dense_a * sign_b, bx, self.col)):
            at = np.flatnonzero(coef != 0)
            if len(at):
                row, role = _set_bits(mat[at], n_roles)
                into += np.bincount(role, weights=coef[at][row], minlength=n_roles)
        pairs = (na > 0) & (nb > 0)
        heavy = pairs & (na * nb > n_roles * n_roles * DENSE_SHARE)
        light = pairs & ~heavy
        scale = wl * sign_a * sign_b
        if light.any():
            rows = np.flatnonzero(light)
            base = self.columns(len(rows))
            comp, role = _set_bits(ax[rows], n_roles)
            self.x.append((role.astype(np.int32), (base + comp).astype(np.int32), scale[rows][comp]))
            comp, role = _set_bits(bx[rows], n_roles)
            self.y.append((role.astype(np.int32), (base + comp).astype(np.int32), None))
        if heavy.any():
            rows = np.flatnonzero(heavy)
            self.dense_x.append(np.unpackbits(ax[rows], axis=1, count=n_roles).T * scale[rows][None, :])
            self.dense_y.append(np.unpackbits(bx[rows], axis=1, count=n_roles).T.astype(np.float64))

    def sparse(self) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        import numpy as np
        import scipy.sparse as sp

        def build(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray | None]]) -> sp.csr_matrix:
            shape = (self.n_roles, max(self.width, 1))
            if not parts:
                return sp.csr_matrix(shape)
            r = np.concatenate([p[0] for p in parts]).astype(np.int32, copy=False)
            c = np.concatenate([p[1] for p in parts]).astype(np.int32, copy=False)
            v = np.concatenate([np.ones(len(p[0])) if p[2] is None else p[2] for p in parts])
            parts.clear()  # the pieces go as the matrix comes
            m = sp.coo_matrix((v, (r, c)), shape=shape)
            del r, c, v
            out = m.tocsr()
            out.sum_duplicates()
            return out

        x = build(self.x)
        return x, build(self.y)

    def dense(self) -> tuple[np.ndarray, np.ndarray]:
        """The dense part: ``cost += X_dense @ Y_dense.T`` (roles x heavy columns each)."""
        import numpy as np

        if not self.dense_x:
            empty = np.zeros((self.n_roles, 0))
            return empty, empty
        return np.hstack(self.dense_x), np.hstack(self.dense_y)


class MoveIndex:
    """Everything the hours of moves between roles need, as arrays over roles x competencies.

    Attributes
    ----------
    roles : list of str
        Role ids in graph order; ``position`` maps them back.
    id_rank : numpy.ndarray
        Each role's rank by id (ties in rankings go to the smaller id).
    """

    def __init__(self, g: CompetencyGraph, include_optional: bool) -> None:
        import numpy as np
        import scipy.sparse as sp

        idx: PlanIndex = g.derived("learning.index", PlanIndex)
        n = len(idx.ids)
        self.n = n
        self.roles: list[str] = [r.id for r in g.nodes(kind="role")]
        self.position = {r: i for i, r in enumerate(self.roles)}
        n_roles = len(self.roles)
        self.id_rank = np.argsort(np.argsort(np.array(self.roles, dtype=str))) if n_roles else np.zeros(0, int)
        bits = _Bits(n, n_roles)
        topo_desc = _topological(idx)[::-1]
        lengths = np.fromiter((len(p) for p in idx.preds), dtype=np.int64, count=n)
        indptr = np.concatenate(([0], np.cumsum(lengths)))
        indices = np.fromiter((p for ps in idx.preds for p in ps), dtype=np.int64, count=int(indptr[-1]))

        # hours per (effort class, need, state) in hundredths; state 0 unknown
        effort = np.asarray(idx.effort, dtype=np.float64)
        uniq, self.effort_class = np.unique(effort, return_inverse=True)
        table = np.zeros((len(uniq), 6, 7), dtype=np.float64)
        for u, e in enumerate(uniq):
            for need in range(1, 6):
                for state in range(6):
                    table[u, need, state] = round(hours_for(float(e), need, state) * 100)
        self.table = table
        hx = table[self.effort_class]  # per competency: [need, state]

        # requirements per role: as a source (all, at their level) and as a target (essential, or all)
        rows = g.edge_rows("requirement")
        r_all = np.fromiter((self.position[x.source] for x in rows), dtype=np.int64, count=len(rows))
        c_all = np.fromiter((idx.index[x.target] for x in rows), dtype=np.int64, count=len(rows))
        l_all = np.fromiter((x.level or WORKING_LEVEL for x in rows), dtype=np.int64, count=len(rows))
        e_all = np.fromiter((x.importance != "optional" for x in rows), dtype=bool, count=len(rows))
        umbrellas = np.zeros(n, dtype=bool)
        umbrellas[list(getattr(idx, "parts", {}))] = True
        expand = np.zeros(n_roles, dtype=bool)
        expand[r_all[umbrellas[c_all]]] = True  # roles requiring an umbrella: it stands for its core parts

        def entries(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            plain = mask & ~expand[r_all]
            role, comp, level = [r_all[plain]], [c_all[plain]], [l_all[plain]]
            for r in np.flatnonzero(expand):
                at = mask & (r_all == r)
                levels: dict[str, int | None] = {idx.ids[c]: int(v) for c, v in zip(c_all[at], l_all[at], strict=True)}
                got = _expand(g, idx, levels)
                role.append(np.full(len(got), r, dtype=np.int64))
                comp.append(np.array([idx.index[c] for c in got], dtype=np.int64))
                level.append(np.array([v or WORKING_LEVEL for v in got.values()], dtype=np.int64))
            role_, comp_, level_ = np.concatenate(role), np.concatenate(comp), np.concatenate(level)
            order = np.argsort(role_ * n + comp_, kind="stable")
            return role_[order], comp_[order], level_[order]

        src = np.ones(len(rows), dtype=bool)
        tgt = e_all | include_optional

        s_role, s_comp, s_level = entries(src)
        t_role, t_comp, t_level = entries(tgt)

        # ---- sources: implied (closure of level >= 3), and the state of each explicit entry
        strong = s_level >= WORKING_LEVEL
        implied = bits.of(s_comp[strong], s_role[strong])
        bits.closure(implied, topo_desc, idx.succs)
        self.implied = implied
        s_implied = bits.get(implied, s_comp, s_role)
        s_state = np.where(s_implied, np.maximum(s_level, WORKING_LEVEL), s_level)
        known = implied.copy()
        np.bitwise_or.at(known, (s_comp, s_role >> 3), (128 >> (s_role & 7)).astype(np.uint8))
        weak = s_state < WORKING_LEVEL
        self.weak_keys = s_role[weak] * n + s_comp[weak]  # sorted: known below working level, not implied
        self.weak_levels = s_state[weak]
        implied_only = implied.copy()  # implied, not a requirement of the source (state 3, from the closure)
        np.bitwise_and.at(implied_only, (s_comp, s_role >> 3), (~(128 >> (s_role & 7))).astype(np.uint8))

        # ---- targets: the plan from zero, and what is needed at working level
        zero = bits.of(t_comp, t_role)
        bits.closure(zero, topo_desc, idx.succs)
        other = t_level != WORKING_LEVEL
        need3 = zero.copy()
        np.bitwise_and.at(need3, (t_comp[other], t_role[other] >> 3), (~(128 >> (t_role[other] & 7))).astype(np.uint8))

        terms = _Terms(n_roles)
        h30, h31, h32 = hx[:, 3, 0], hx[:, 3, 1], hx[:, 3, 2]
        full = _popcount_table()[need3].sum(axis=1) * 2 > n_roles  # sum over x: via the complement where dense
        terms.col += float(h30[full].sum())
        flipped = need3 ^ np.where(full[:, None], bits.tail_mask(), 0).astype(np.uint8)
        comp, role = _set_bits(flipped, n_roles)
        terms.col += np.bincount(role, weights=np.where(full[comp], -h30[comp], h30[comp]), minlength=n_roles)
        terms.product(bits, known, need3, -h30)  # known at 1 or more: no longer costs the hours from zero
        for k, h in ((1, h31), (2, h32)):
            at = s_state == k
            terms.product(bits, bits.of(s_comp[at], s_role[at]), need3, h)  # ... but weak entries cost the rest
        # requirements of the target needed at another level than working
        o_role, o_comp, o_level = t_role[other], t_comp[other], t_level[other]
        terms.col += np.bincount(o_role, weights=hx[o_comp, o_level, 0], minlength=n_roles)
        for need in (1, 2, 4, 5):
            at = o_level == need
            if at.any():
                w = hx[:, need, 3] - hx[:, need, 0]
                terms.product(bits, implied_only, bits.of(o_comp[at], o_role[at]), w)
        # an explicit entry of the source (state k) against a requirement of the target at another level
        base = terms.columns(5 * n)
        terms.x.append((s_role, base + (s_state - 1) * n + s_comp, np.ones(len(s_role))))
        for k in range(1, 6):
            terms.y.append((o_role, base + (k - 1) * n + o_comp, hx[o_comp, o_level, k] - hx[o_comp, o_level, 0]))
        self.row, self.col = terms.row, terms.col
        self.x, self.y = terms.sparse()
        self.dense_x, self.dense_y = terms.dense()
        self._rows_asked = 0
        self._whole: np.ndarray | None = None
        self.y_t, self.x_t = self.y.T.tocsr(), self.x.T.tocsr()  # for one row, one column

        # ---- the edge case: prerequisites left out behind requirements known below working level
        low = t_level < WORKING_LEVEL
        reqs = bits.of(t_comp, t_role)
        high = bits.of(t_comp[~low], t_role[~low])
        bits.closure(high, topo_desc, idx.succs, avoid=reqs)
        comp, role = _set_bits(zero & ~reqs & ~high, n_roles)
        cand_parts = [role * n + comp]
        cand_keys = np.sort(np.concatenate(cand_parts)) if cand_parts else np.zeros(0, dtype=np.int64)
        self.cand_role, self.cand_comp = np.divmod(cand_keys, n)
        self.cand_ptr = np.concatenate(([0], np.cumsum(np.bincount(self.cand_role, minlength=n_roles))))
        q_role, q_comp, q_level = t_role[low], t_comp[low], t_level[low]
        counts = lengths[q_comp]
        ends = np.cumsum(counts)
        before = indices[np.repeat(indptr[q_comp] - (ends - counts), counts) + np.arange(int(counts.sum()))]
        touches = _find(cand_keys, np.repeat(q_role, counts) * n + before)[1]
        q = np.bincount(np.repeat(np.arange(len(q_role)), counts), weights=touches, minlength=len(q_role)) > 0
        q_role, q_comp, q_level = q_role[q], q_comp[q], q_level[q]
        n_q = len(q_role)
        reached = (
            _closure_within(np.arange(n_q) * n + q_comp, n_q, n, (indptr, indices), cand_keys, q_role)
            if n_q
            else np.zeros(0, dtype=np.int64)
        )
        f_row, f_comp = np.divmod(reached, n)
        beyond = f_comp != q_comp[f_row]
        f_row, f_comp = f_row[beyond], f_comp[beyond]
        j = _find(cand_keys, q_role[f_row] * n + f_comp)[0]
        f_cols = (q_level[f_row] - 1) * n + q_comp[f_row]
        # first[j, (a - 1) * n + t]: requirement t (needed at level a <= 2) is a first requirement of candidate j
        self.first = sp.csr_matrix((np.ones(len(j)), (j, f_cols)), shape=(len(cand_keys), 2 * n))
        self.first_size = np.asarray(self.first.getnnz(axis=1), dtype=np.float64)
        self.first_t = self.first.T.tocsr()
        # weak[(a - 1) * n + t, r]: r has t below working level, at level a or more, and not implied
        w_role, w_comp = np.divmod(self.weak_keys, n)
        two = self.weak_levels == 2
        self.weak = sp.csr_matrix(
            (
                np.ones(len(w_role) + int(two.sum())),
                (np.concatenate((w_comp, n + w_comp[two])), np.concatenate((w_role, w_role[two]))),
            ),
            shape=(2 * n, n_roles),
        )
        self.weak_t = self.weak.T.tocsr()

    # ------------------------------------------------------------------ hours
    def _state(self, roles: np.ndarray, comp: np.ndarray) -> np.ndarray:
        """The state (0-3) of competency `comp` for source role `roles` where it is not above working level."""
        import numpy as np

        n = self.n
        implied = ((self.implied[comp, roles >> 3] >> (7 - (roles & 7)).astype(np.uint8)) & 1).astype(bool)
        at, hit = _find(self.weak_keys, roles * n + comp)
        weak = np.where(hit, self.weak_levels[at] if len(self.weak_levels) else 0, 0)
        return np.where(implied, WORKING_LEVEL, weak)

    def _blocked_hours(self, cand: np.ndarray, roles: np.ndarray, count: np.ndarray) -> np.ndarray:
        """Hours (hundredths) of each (candidate, source role) pair that is left out; 0 where not."""
        import numpy as np

        blocked = (count == self.first_size[cand]) & (self.first_size[cand] > 0)
        out = np.zeros(len(cand))
        if blocked.any():
            c, r = cand[blocked], roles[blocked]
            comp = self.cand_comp[c]
            out[blocked] = self.table[self.effort_class[comp], WORKING_LEVEL, self._state(r, comp)]
        return out

    def block(self, sources: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """Hours of every move ``sources[i] -> targets[j]`` (role positions), as a float array."""
        import numpy as np

        n_s, n_t = len(sources), len(targets)
        everyone = len(self.roles)
        every = np.arange(everyone)
        all_sources = n_s == everyone and bool((sources == every).all())
        all_targets = n_t == everyone and bool((targets == every).all())
        if (n_s == 1 or n_t == 1) and 1 < everyone <= MAX_CACHED_ROLES and self._whole is None:
            self._rows_asked += 1
            if self._rows_asked > CACHE_AFTER:  # many rankings: one matrix serves them all
                self._whole = self.block(every, every)
        if self._whole is not None:
            return self._whole[np.ix_(sources, targets)]
        if n_s <= BLOCK_ROWS:
            return self._compute(sources, targets, all_sources, all_targets)
        out = np.empty((n_s, n_t))  # a block of rows at a time: the products' temporaries stay small
        for lo in range(0, n_s, BLOCK_ROWS):
            out[lo : lo + BLOCK_ROWS] = self._compute(sources[lo : lo + BLOCK_ROWS], targets, False, all_targets)
        return out

    def _compute(self, sources: np.ndarray, targets: np.ndarray, all_sources: bool, all_targets: bool) -> np.ndarray:
        import numpy as np

        n_s, n_t = len(sources), len(targets)
        everyone = len(self.roles)
        if n_s == 1:
            cost = np.asarray((self.x[sources] @ self.y_t).todense()).ravel()
            cost = (cost if all_targets else cost[targets])[None, :]
            if self.dense_x.shape[1]:
                dense_y = self.dense_y if all_targets else self.dense_y[targets]  # no copy of the whole
                # einsum: no BLAS threads to wake for one row (they cost more than the product)
                cost += np.einsum("ij,j->i", dense_y, self.dense_x[sources[0]])[None, :]
        elif n_t == 1:
            cost = np.asarray((self.y[targets] @ self.x_t).todense()).ravel()
            cost = (cost if all_sources else cost[sources])[:, None]
            if self.dense_x.shape[1]:
                dense_x = self.dense_x if all_sources else self.dense_x[sources]
                cost += np.einsum("ij,j->i", dense_x, self.dense_y[targets[0]])[:, None]
        else:
            x = self.x if all_sources else self.x[sources]
            y_t = self.y_t if all_targets else self.y[targets].T.tocsr()
            cost = (x @ y_t).toarray()
            if self.dense_x.shape[1]:
                dense_x = self.dense_x if all_sources else self.dense_x[sources]
                dense_y = self.dense_y if all_targets else self.dense_y[targets]
                cost += dense_x @ dense_y.T
        cost += self.row[sources][:, None]
        cost += self.col[targets][None, :]
        # subtract what is left out behind requirements known below working level
        if all_targets:
            cand = np.arange(len(self.cand_role))
        else:
            lo, hi = self.cand_ptr[targets], self.cand_ptr[targets + 1]
            sizes = hi - lo
            cand = np.repeat(lo - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
        if len(cand):
            if n_s == 1:
                counts = (self.weak_t[sources] @ self.first_t).tocoo()  # only candidates it reaches at all
                c, count = counts.col.astype(np.int64), counts.data
                if not all_targets:
                    inside = np.zeros(len(self.cand_role), dtype=bool)
                    inside[cand] = True
                    c, count = c[inside[c]], count[inside[c]]
                r = np.full(len(c), sources[0])
            else:
                first = self.first if all_targets else self.first[cand]
                weak = self.weak if all_sources else self.weak[:, sources]
                counts = (first @ weak).tocoo()
                c, r, count = cand[counts.row], sources[counts.col], counts.data
            hours = self._blocked_hours(c, r, count)
            keep = hours != 0
            if keep.any():
                t_pos = np.full(everyone, -1, dtype=np.int64)
                t_pos[targets] = np.arange(n_t)
                s_pos = np.full(everyone, -1, dtype=np.int64)
                s_pos[sources] = np.arange(n_s)
                at = s_pos[r[keep]] * n_t + t_pos[self.cand_role[c[keep]]]
                if cost.size <= 1 << 16:  # one row or column: a bincount is much faster than subtract.at
                    cost -= np.bincount(at, weights=hours[keep], minlength=cost.size).reshape(cost.shape)
                else:
                    np.subtract.at(cost.reshape(-1), at, hours[keep])
        cost /= 100.0
        return cost


def move_index(g: CompetencyGraph, include_optional: bool = False) -> MoveIndex:
    """The :class:`MoveIndex` of `g`, built on first use and cached on the graph."""
    key = "transitions.moves.optional" if include_optional else "transitions.moves"
    return g.derived(key, lambda graph: MoveIndex(graph, include_optional))
