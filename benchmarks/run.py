"""Run every benchmark and print its figures: ``python benchmarks/run.py`` (or name some: ``run.py load``).

Each ``bench_*.py`` beside this file defines ``main() -> None`` that prints lines of the form
``name: measured (target)``. Nothing here asserts: the figures are for people and the issue notes.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    names = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    chosen = [n for n in names if not argv or n in argv]
    for name in chosen:
        print(f"== {name}")
        start = time.perf_counter()
        importlib.import_module(f"bench_{name}").main()
        print(f"   ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
