"""Shared fixtures: a small ontology folder in ``tests/data/mini`` and ways to break copies of it."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# keep the test suite out of the user's parse cache (subprocesses inherit it); removed after the session
_CACHE = tempfile.mkdtemp(prefix="pytest-cache-of-mlgraph-")
os.environ["MLGRAPH_CACHE_DIR"] = _CACHE

import mlgraph  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _test_cache_dir() -> Iterator[None]:
    yield
    shutil.rmtree(_CACHE, ignore_errors=True)


MINI = Path(__file__).parent / "data" / "mini"


@pytest.fixture
def mini_dir() -> Path:
    return MINI


@pytest.fixture
def mini() -> mlgraph.CompetencyGraph:
    return mlgraph.load(MINI)


@pytest.fixture
def edited_copy(tmp_path: Path) -> Callable[[str, str, str], Path]:
    """Copy the mini ontology, replace `old` by `new` in one file, return the folder."""

    def make(file: str, old: str, new: str) -> Path:
        root = tmp_path / "onto"
        if not root.exists():
            shutil.copytree(MINI, root)
        path = root / file
        text = path.read_text()
        assert old in text, f"fixture text {old!r} not in {file}"
        path.write_text(text.replace(old, new, 1))
        return root

    return make
