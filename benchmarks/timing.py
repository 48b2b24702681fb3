"""Small timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence


def best_of(fn: Callable[[], object], repeat: int = 5, number: int = 1) -> float:
    """Best wall time of `number` calls, over `repeat` rounds, in seconds per call."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def wall(cmd: Sequence[str], repeat: int = 7) -> float:
    """Median wall time of a fresh process running `cmd`, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def python_cmd(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def report(name: str, seconds: float, target: float | None = None, unit: str = "ms") -> None:
    value = seconds * 1000 if unit == "ms" else seconds
    text = f"{name}: {value:.1f} {unit}"
    if target is not None:
        limit = target * 1000 if unit == "ms" else target
        text += f"  (target <= {limit:.3g} {unit}: {'ok' if seconds <= target else 'MISSED'})"
    print(text)
