"""The notebooks in ``notebooks/`` run top to bottom, so a notebook that rots fails the suite.

Each is executed with nbclient in a fresh ``python3`` kernel from inside ``notebooks/``; the test checks that
no cell raised, that the figures came out as images, and that the notebook is stored without outputs (the
convention described in ``notebooks/README.md``). Each notebook's run time is printed (``pytest -s`` shows
it); the target is under 60 s on a fresh install, measured, not asserted.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

# notebook -> how many figures it draws
EXPECTED_FIGURES = {
    "01-tour.ipynb": 1,
    "02-learning-paths.ipynb": 2,
    "03-role-transitions.ipynb": 2,
    "04-interop.ipynb": 0,
    "05-any-job-into-ml.ipynb": 1,
}


def test_every_notebook_is_listed() -> None:
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(EXPECTED_FIGURES)


@pytest.mark.parametrize("name", sorted(EXPECTED_FIGURES))
def test_notebook_is_stored_without_outputs(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{name}: strip the outputs before committing"


@pytest.mark.parametrize("name", sorted(EXPECTED_FIGURES))
def test_notebook_runs_top_to_bottom(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(
        nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    temp = Path(tempfile.gettempdir())
    before = set(temp.glob("mlgraph-*"))
    start = time.perf_counter()
    client.execute()  # raises CellExecutionError, naming the cell, when one fails
    elapsed = time.perf_counter() - start
    print(f"\n{name}: {elapsed:.1f} s")
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == EXPECTED_FIGURES[name], f"{name}: expected {EXPECTED_FIGURES[name]} figures"
    # every code cell that should show something did
    assert all(cell.outputs for cell in nb.cells if cell.cell_type == "code")
    assert set(temp.glob("mlgraph-*")) <= before, f"{name} left temporary files behind"
