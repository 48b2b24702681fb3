"""Reading the tables of the official O*NET and ESCO releases, with the file and line of every problem.

O*NET's text release is tab-delimited with a header row and no quoting; ESCO's CSV download is comma-separated
with quoted fields that may span lines. Both readers check the header against the columns an importer needs and
every row's width, and raise :class:`~mlgraph.errors.FormatError` naming the file and the (physical) line: a
missing file, a missing column, a truncated row. Rows come out as tuples of the needed columns, in that order.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "t.txt").write_text("A\\tB\\tC\\n1\\t2\\t3\\n", encoding="utf-8")
>>> [(line, row) for line, row in read_tsv(folder / "t.txt", ("C", "A"))]
[(2, ('3', '1'))]
>>> _ = (folder / "bad.txt").write_text("A\\tB\\n1\\n", encoding="utf-8")
>>> list(read_tsv(folder / "bad.txt", ("A",)))
Traceback (most recent call last):
...
mlgraph.errors.FormatError: ...bad.txt:2: truncated row: 1 of 2 tab-separated fields (the file may be cut short)
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Sequence
from pathlib import Path

from mlgraph.errors import FormatError

__all__ = ["read_csv", "read_tsv", "require_file"]


def require_file(folder: Path, name: str, what: str) -> Path:
    """``folder / name``, or a FormatError saying the release is incomplete."""
    path = folder / name
    if not path.is_file():
        raise FormatError(
            f"missing file {name!r} ({what})", path=folder, hint="give the unzipped folder of the official release"
        )
    return path


def _columns(path: Path, header: Sequence[str], needed: Sequence[str]) -> list[int]:
    positions = {name.strip(): i for i, name in enumerate(header)}
    missing = [c for c in needed if c not in positions]
    if missing:
        raise FormatError(
            f"missing column(s) {', '.join(repr(c) for c in missing)}",
            path=path,
            line=1,
            hint="found " + ", ".join(repr(h) for h in header[:12]),
        )
    return [positions[c] for c in needed]


def read_tsv(path: Path, needed: Sequence[str]) -> Iterator[tuple[int, tuple[str, ...]]]:
    """``(line, row)`` for every data row of an O*NET tab-delimited file; `row` holds the `needed` columns.

    Raises
    ------
    FormatError
        When the file cannot be read, lacks a needed column, or a row has fewer fields than the header.
    """
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise FormatError(f"cannot read the file: {exc.strerror or exc}", path=path) from exc
    with handle:
        try:
            first = handle.readline()
            if not first.strip():
                raise FormatError("empty file: expected a header row", path=path, line=1)
            header = first.rstrip("\r\n").split("\t")
            width = len(header)
            cols = _columns(path, header, needed)
            pick = operator.itemgetter(*cols) if len(cols) > 1 else (lambda f: (f[cols[0]],))
            strip = str.strip
            for line, text in enumerate(handle, start=2):
                text = text.rstrip("\r\n")
                if not text:
                    continue
                fields = text.split("\t")
                if len(fields) < width:
                    raise FormatError(
                        f"truncated row: {len(fields)} of {width} tab-separated fields (the file may be cut short)",
                        path=path,
                        line=line,
                    )
                yield line, tuple(map(strip, pick(fields)))
        except UnicodeDecodeError as exc:
            raise FormatError(f"not UTF-8 text: {exc.reason}", path=path) from exc


def read_csv(path: Path, needed: Sequence[str]) -> Iterator[tuple[int, tuple[str, ...]]]:
    """``(line, row)`` for every record of an ESCO CSV file (quoted fields may span lines; `line` is where the
    record starts).

    Raises
    ------
    FormatError
        When the file cannot be read or parsed, lacks a needed column, or a record has fewer fields than the
        header.
    """
    import csv

    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise FormatError(f"cannot read the file: {exc.strerror or exc}", path=path) from exc
    with handle:
        reader = csv.reader(handle)
        start = 1
        try:
            header = next(reader, None)
            if not header:
                raise FormatError("empty file: expected a header row", path=path, line=1)
            width = len(header)
            cols = _columns(path, header, needed)
            start = reader.line_num + 1
            for fields in reader:
                if not fields:
                    start = reader.line_num + 1
                    continue
                if len(fields) < width:
                    raise FormatError(
                        f"truncated record: {len(fields)} of {width} comma-separated fields "
                        "(the file may be cut short)",
                        path=path,
                        line=start,
                    )
                yield start, tuple(fields[i].strip() for i in cols)
                start = reader.line_num + 1
        except csv.Error as exc:
            raise FormatError(f"invalid CSV: {exc}", path=path, line=start) from exc
        except UnicodeDecodeError as exc:
            raise FormatError(f"not UTF-8 text: {exc.reason}", path=path) from exc
