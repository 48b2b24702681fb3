"""The one way mlgraph writes a file: complete or not at all.

:func:`write_atomically` writes into a temporary file beside the target and renames it into place once the
writer returns, so a failed, interrupted (Ctrl-C) or terminated (``SIGTERM``) write never leaves a partial file
or a stray ``.tmp``. Every writer uses it: :func:`mlgraph.export`, the catalogue, the parse cache and figures.

Targets that are not regular files are handled as a shell's ``>`` would, never replaced: a character device
(``/dev/null``, a terminal) or a FIFO is written through; a symbolic link is followed, and the file it points to
is replaced (the link stays); block devices, sockets and folders are refused.

>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "hello.txt"
>>> write_atomically(target, lambda out: out.write(b"hello\\n")).read_text()
'hello\\n'
>>> write_atomically("/dev/null", lambda out: out.write(b"gone")).is_char_device()
True
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from mlgraph.errors import MlgraphError

__all__ = ["write_atomically"]


class _Terminated(SystemExit):
    """Raised inside a write when the process receives SIGTERM, so the temporary file is removed."""


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """While active (main thread only), SIGTERM raises :class:`_Terminated` instead of killing the process."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise _Terminated(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except (ValueError, OSError):  # pragma: no cover - no signals here (embedded interpreters)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_atomically(path: str | os.PathLike[str], write: Callable[[IO[bytes]], Any]) -> Path:
    """Call ``write(out)`` with a binary file and put what it wrote at `path`, whole or not at all.

    Parameters
    ----------
    path : path
        The file to write; its folder must exist. An existing regular file is replaced only once the new one is
        complete, and keeps its permissions; a new file gets the usual ``0o666 & ~umask``.
    write : callable
        Writes the content to the binary stream it is given.

    Returns
    -------
    Path
        `path`.

    Raises
    ------
    MlgraphError
        When the folder cannot be written, or `path` is a folder, a block device or a socket.
    """
    path = Path(path)
    try:
        info = path.stat()  # follows symbolic links
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise MlgraphError(f"cannot write {str(path)!r}: {exc.strerror or exc}", path=path) from exc
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
            _write_through(path, write)
            return path
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "a block device or socket"
        raise MlgraphError(f"cannot write {str(path)!r}: it is {what}", path=path, hint="give a file name")
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    folder = target.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise MlgraphError(f"cannot write into {str(folder)!r}: {exc.strerror or exc}", path=path) from exc
    try:
        with _terminate_cleanly():
            with os.fdopen(fd, "wb") as out:
                write(out)
            if info is not None:
                mode = stat.S_IMODE(info.st_mode)
            else:
                mask = os.umask(0)
                os.umask(mask)
                mode = 0o666 & ~mask
            os.chmod(tmp, mode)
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def _write_through(path: Path, write: Callable[[IO[bytes]], Any]) -> None:
    """Write into a character device or FIFO as it is (there is nothing to replace)."""
    try:
        with path.open("wb") as out:
            write(out)
    except OSError as exc:
        raise MlgraphError(f"cannot write {str(path)!r}: {exc.strerror or exc}", path=path) from exc
