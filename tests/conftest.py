"""Shared fixtures: a small ontology folder in ``tests/data/mini`` and ways to break copies of it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import mlgraph

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
