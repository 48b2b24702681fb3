"""The drawing kit shared by the figures: colours by kind and relation, boxes, arrows, titles, and saving.

matplotlib is imported inside the functions, so importing this module stays light.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlgraph.errors import MlgraphError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["CARRIED", "KIND_COLOURS", "RELATION_STYLES", "TO_LEARN", "area_title", "save_figure"]

KIND_COLOURS: dict[str, tuple[str, str]] = {
    "concept": ("#d4e6f5", "#2166ac"),
    "skill": ("#d9f0d3", "#1b7837"),
    "tool": ("#fde0b6", "#b35806"),
    "role": ("#e7d4e8", "#762a83"),
    "resource": ("#f4cfcf", "#b2182b"),
}
"""Fill and edge colour of a node box, by kind (colour-blind-safe pairs from ColorBrewer)."""

RELATION_STYLES: dict[str, tuple[str, str]] = {
    "prerequisite": ("#4d4d4d", "solid"),
    "requirement": ("#762a83", "solid"),
    "progression": ("#e08214", "solid"),
    "teaches": ("#b2182b", "dashdot"),
    "related": ("#8c8c8c", "dotted"),
    "broader": ("#1b7837", "dashed"),
}
"""Line colour and style of an edge, by relation."""

CARRIED, TO_LEARN = "#7fbf7b", "#f1a340"
FONT = 7.5


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100)


def _wrap(text: str, width: int, lines: int = 2) -> str:
    return textwrap.fill(text, width, max_lines=lines, placeholder="…", break_on_hyphens=False)


def area_title(area: str | None) -> str:
    """The display title of an area id (``"deep-learning"`` -> ``"Deep learning"``), for figure labels."""
    try:
        from mlgraph.model.areas import area_title as title
    except ImportError:  # pragma: no cover - the areas module arrives with the plans work
        return (area or "other").replace("-", " ").capitalize()
    return title(area)


def _hours(value: float) -> str:
    """``12 h``, ``2.5 h``, ``1,859 h``."""
    if value >= 100:
        return f"{value:,.0f} h"
    return f"{value:.4g} h"


def _kind_handles(kinds: Iterable[str]) -> list[Any]:
    from matplotlib.patches import Patch

    present = set(kinds)
    return [
        Patch(facecolor=fill, edgecolor=edge, label=kind)
        for kind, (fill, edge) in KIND_COLOURS.items()
        if kind in present
    ]


def _box(
    ax: Axes,
    x: float,
    y: float,
    w: float,
    h: float,
    kind: str,
    text: str,
    *,
    size: float = FONT,
    bold: bool = False,
    lw: float = 0.8,
) -> None:
    """A rounded box centred on (x, y), filled by kind, with centred text."""
    from matplotlib.patches import FancyBboxPatch

    fill, edge = KIND_COLOURS.get(kind, ("#eeeeee", "#555555"))
    pad = min(w, h) * 0.12
    ax.add_patch(
        FancyBboxPatch(
            (x - w / 2 + pad, y - h / 2 + pad),
            w - 2 * pad,
            h - 2 * pad,
            boxstyle=f"round,pad={pad}",
            facecolor=fill,
            edgecolor=edge,
            linewidth=lw,
            zorder=3,
        )
    )
    ax.text(
        x,
        y,
        text,
        ha="center",
        va="center",
        fontsize=size,
        zorder=4,
        linespacing=1.1,
        fontweight="bold" if bold else "normal",
    )


def _arrow(
    ax: Axes,
    start: tuple[float, float],
    end: tuple[float, float],
    *,
    colour: str = "#4d4d4d",
    style: str = "solid",
    alpha: float = 0.6,
    lw: float = 0.7,
    rad: float = 0.0,
    head: float = 7,
) -> None:
    from matplotlib.patches import FancyArrowPatch

    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=head,
            color=colour,
            linestyle=style,
            alpha=alpha,
            linewidth=lw,
            connectionstyle=f"arc3,rad={rad}",
            zorder=2,
            shrinkA=0,
            shrinkB=0,
        )
    )


def _bare(ax: Axes) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


def _title(ax: Axes, title: str, subtitle: str | None = None, *, above: float = 0.0) -> None:
    """A bold title at the top left, and a grey subtitle under it; `above`: points taken by top tick labels."""
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold", pad=above + (19 if subtitle else 8))
    if subtitle:
        ax.annotate(
            subtitle,
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, above + 5),
            textcoords="offset points",
            fontsize=8.5,
            color="#444444",
            va="bottom",
            ha="left",
        )


def save_figure(fig: Figure, path: str | os.PathLike[str], *, dpi: int = 150) -> Path:
    """Write `fig` to `path` atomically (:func:`mlgraph.io.atomic.write_atomically`), with the permissions any
    other file gets (``0o666 & ~umask``; an existing file keeps its own).

    The format comes from the suffix (``.png``, ``.svg``, ``.pdf`` ... whatever matplotlib writes).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : str or path-like
    dpi : int
        Resolution of raster formats.

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    MlgraphError
        When the suffix is not a format matplotlib writes, or the file cannot be written (no such folder,
        no permission).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from matplotlib.figure import Figure
    >>> out = save_figure(Figure(), pathlib.Path(tempfile.mkdtemp()) / "empty.png")
    >>> out.read_bytes()[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    >>> save_figure(Figure(), "plan.docx")
    Traceback (most recent call last):
    ...
    mlgraph.errors.MlgraphError: plan.docx: cannot draw a figure to a '.docx' file (use .png, .svg or .pdf)
    """
    from mlgraph.io.atomic import write_atomically

    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    supported = fig.canvas.get_supported_filetypes()
    if fmt not in supported:
        raise MlgraphError(
            f"cannot draw a figure to a {path.suffix or 'suffix-less'!r} file", path=path, hint="use .png, .svg or .pdf"
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise MlgraphError("cannot write the figure: no such folder", path=path, hint=f"create {folder} first")
    try:
        write_atomically(
            path, lambda out: fig.savefig(out, format=fmt, dpi=dpi, bbox_inches="tight", facecolor="white")
        )
    except OSError as exc:
        raise MlgraphError(f"cannot write the figure: {exc.strerror or exc}", path=path) from exc
    return path
