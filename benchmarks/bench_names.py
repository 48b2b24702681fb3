"""Names at scale: "did you mean" for a dangling id among 48,000 names (issue 10: a difflib scan took 0.4 s each)."""

from __future__ import annotations

import difflib
import random
import sys
import time
from pathlib import Path

from mlgraph.model.naming import NameIndex, normalise
from timing import best_of, report

WORDS = [
    "data",
    "model",
    "learning",
    "deep",
    "neural",
    "network",
    "vision",
    "language",
    "graph",
    "cloud",
    "stream",
    "query",
    "feature",
    "time",
    "series",
    "search",
    "ranking",
    "privacy",
    "fairness",
    "kernel",
    "tensor",
    "vector",
    "index",
    "batch",
    "online",
    "agent",
    "retrieval",
    "prompt",
    "token",
]


def _names(count: int, seed: int = 7) -> list[tuple[str, list[str]]]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        words = rng.sample(WORDS, 3)
        out.append((f"{'-'.join(words)}-{i}", [" ".join(words).title() + f" {i}"]))
    return out


def main() -> None:
    entries = _names(24_000)  # an id and a label each: 48,000 names
    start = time.perf_counter()
    index = NameIndex(entries)
    report("NameIndex of 48,000 names (ids and labels)", time.perf_counter() - start, unit="s")
    rng = random.Random(1)
    typos, expected = [], []
    for node_id, _ in rng.sample(entries, 50):
        cut = rng.randrange(1, len(node_id) - 1)
        typos.append(node_id[:cut] + node_id[cut + 1 :])  # one letter dropped
        expected.append(node_id)

    def suggest_all() -> None:
        for typo in typos:
            index.suggest(typo)

    try:
        import rapidfuzz  # noqa: F401

        how = "with rapidfuzz"
    except ImportError:
        how = "without rapidfuzz"
    index.suggest("warm-up")
    report(f"suggest() for a dangling id among 48,000 names, {how}", best_of(suggest_all, repeat=3) / len(typos), 0.02)
    saved = sys.modules.get("rapidfuzz")
    sys.modules["rapidfuzz"] = None  # type: ignore[assignment]
    try:
        plain = NameIndex(entries)
        start = time.perf_counter()
        plain.suggest("warm-up")
        report("   trigram index built on the first suggestion (no rapidfuzz)", time.perf_counter() - start, unit="s")
        per = best_of(lambda: [plain.suggest(t) for t in typos], repeat=3) / len(typos)
        report("suggest() among 48,000 names, trigram index and difflib (no rapidfuzz)", per, 0.05)
    finally:
        if saved is None:
            del sys.modules["rapidfuzz"]
        else:
            sys.modules["rapidfuzz"] = saved
    found = sum(index.suggest(t)[:1] == [e] for t, e in zip(typos, expected, strict=True))
    print(f"the intended id is the first suggestion for {found}/{len(typos)} one-letter typos")
    keys = [normalise(n) for e in entries for n in (e[0], *e[1])]
    start = time.perf_counter()
    for typo in typos[:3]:
        difflib.get_close_matches(normalise(typo), keys, n=6, cutoff=0.6)
    report("the old difflib scan, for comparison", (time.perf_counter() - start) / 3)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
