"""What the command shows on a terminal: colour and symbols, wrapping, bounded numeric options, progress.

Colour is on only when the stream is a terminal, ``NO_COLOR`` is unset (https://no-color.org) and ``TERM`` is
not ``dumb``; ``FORCE_COLOR`` turns it on for pipes. Progress goes to stderr, and only to a terminal, so piped
output and ``--json`` stay clean.

>>> bounded_int(1, 100)("5")
5
>>> bounded_float(0.5, 100, "hours a week")("nan")
Traceback (most recent call last):
...
argparse.ArgumentTypeError: hours a week must be a number from 0.5 to 100, got 'nan'
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import textwrap
import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TypeVar

__all__ = [
    "Progress",
    "bounded_float",
    "bounded_int",
    "colour_enabled",
    "field",
    "paint",
    "progress",
    "symbol",
    "width",
]

T = TypeVar("T")

_CODES = {
    "bold": "1",
    "dim": "2",
    "underline": "4",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}
_SYMBOLS = {  # unicode, ascii
    "ok": ("✓", "ok"),
    "bullet": ("•", "-"),
    "arrow": ("→", "->"),
    "warn": ("!", "!"),
    "todo": ("○", "o"),
}


def colour_enabled(stream: IO[str] | None = None) -> bool:
    """True when `stream` (stdout by default) should get ANSI colour."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(text: str, *styles: str, stream: IO[str] | None = None) -> str:
    """`text` wrapped in the ANSI codes of `styles` (``"bold"``, ``"green"`` ...) when colour is on.

    >>> paint("done", "green", "bold")  # doctest output is not a terminal
    'done'
    """
    if not styles or not colour_enabled(stream):
        return text
    codes = ";".join(_CODES[s] for s in styles)
    return f"\x1b[{codes}m{text}\x1b[0m"


def symbol(name: str, stream: IO[str] | None = None) -> str:
    """A small symbol (``ok``, ``bullet``, ``arrow``, ``warn``, ``todo``), in ASCII where unicode cannot show.

    >>> symbol("arrow") in ("→", "->")
    True
    """
    stream = stream or sys.stdout
    encoding = (getattr(stream, "encoding", None) or "ascii").lower()
    fancy, plain = _SYMBOLS[name]
    try:
        fancy.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return plain
    return fancy


def width(stream: IO[str] | None = None) -> int:
    """The width to wrap text to: the terminal's, between 60 and 120 columns (100 when not a terminal)."""
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return 100
    return max(60, min(120, shutil.get_terminal_size((100, 24)).columns))


def field(label: str, text: str, *, indent: int = 14, columns: int | None = None) -> str:
    """One ``label  text`` field, `text` wrapped under itself (never inside a hyphenated word).

    >>> print(field("aliases", "ML, machine learning", indent=10))
    aliases   ML, machine learning
    """
    return textwrap.fill(
        text,
        width=columns or width(),
        initial_indent=f"{label:<{indent - 1}} ",
        subsequent_indent=" " * indent,
        break_on_hyphens=False,
        break_long_words=False,
    )


def _number_error(what: str, low: float, high: float, value: str, whole: bool) -> argparse.ArgumentTypeError:
    kind = "a whole number" if whole else "a number"
    return argparse.ArgumentTypeError(f"{what} must be {kind} from {low:g} to {high:g}, got {value!r}")


def bounded_int(low: int, high: int, what: str = "the value") -> Callable[[str], int]:
    """An argparse ``type=`` for a whole number in ``[low, high]``; anything else exits 2 with a clear message."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise _number_error(what, low, high, value, True) from None
        if not low <= number <= high:
            raise _number_error(what, low, high, value, True)
        return number

    parse.__name__ = "whole number"  # argparse names the type in its own messages
    parse.bounds = (low, high)  # type: ignore[attr-defined]  # read by the CLI's bad-input tests
    return parse


def bounded_float(low: float, high: float, what: str = "the value") -> Callable[[str], float]:
    """An argparse ``type=`` for a finite number in ``[low, high]`` (``nan``, ``inf`` and the rest exit 2)."""

    def parse(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            raise _number_error(what, low, high, value, False) from None
        if not math.isfinite(number) or not low <= number <= high:
            raise _number_error(what, low, high, value, False)
        return number

    parse.__name__ = "number"
    parse.bounds = (low, high)  # type: ignore[attr-defined]
    return parse


class Progress:
    """A one-line progress indicator on stderr, shown only when stderr is a terminal and the work is long.

    Use as a context manager and call :meth:`update` with the amount done; nothing is drawn during the first
    half second, so quick work stays silent.

    >>> with Progress("reading", total=3) as bar:
    ...     for _ in range(3):
    ...         bar.update(1)
    """

    def __init__(self, label: str, total: int | None = None, *, stream: IO[str] | None = None) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty()) and not os.environ.get("MLGRAPH_NO_PROGRESS")
        self._start = time.monotonic()
        self._last = 0.0
        self._drawn = False

    def __enter__(self) -> Progress:
        return self

    def update(self, amount: int = 1) -> None:
        """Add `amount` to what is done and redraw at most ten times a second."""
        self.done += amount
        now = time.monotonic()
        if self.enabled and now - self._start > 0.5 and now - self._last > 0.1:
            self._last = now
            self._draw()

    def _draw(self) -> None:
        if self.total:
            share = min(1.0, self.done / self.total)
            bar = "#" * int(share * 20)
            text = f"{self.label} [{bar:<20}] {share:4.0%} ({self.done:,}/{self.total:,})"
        else:
            text = f"{self.label} ... {self.done:,}"
        self.stream.write("\r" + text[: width(self.stream) - 1])
        self.stream.flush()
        self._drawn = True

    def __exit__(self, *exc: object) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def progress(items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
    """Yield from `items`, showing a :class:`Progress` line on a terminal while it runs.

    >>> list(progress([1, 2], "counting"))
    [1, 2]
    """
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with Progress(label, total) as bar:
        for item in items:
            yield item
            bar.update(1)
