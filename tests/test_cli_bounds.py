"""Every numeric option of every verb is bounded, and every bound is enforced with exit 2 before any output.

The table is built from the parser itself, so a verb or option added later is covered without editing this file:
an option typed plain ``int`` or ``float`` fails the first test (use ``mlgraph.cli.term.bounded_int`` or
``bounded_float``), and every bounded option is fed values just outside its range, ``nan``, ``inf`` and words.
"""

from __future__ import annotations

import argparse
import math

import pytest

from mlgraph.cli import build_parser, main


def _options() -> list[tuple[str, str, argparse.Action]]:
    parser = build_parser()
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for verb, sub in action.choices.items():
                for option in sub._actions:
                    if option.option_strings and option.type is not None:
                        found.append((verb, option.option_strings[-1], option))
    return found


OPTIONS = _options()


def test_no_numeric_option_is_unbounded() -> None:
    loose = [f"{verb} {flag}" for verb, flag, option in OPTIONS if option.type in (int, float)]
    assert not loose, f"use bounded_int/bounded_float for {loose}"


def _bad_values(option: argparse.Action) -> list[str]:
    low, high = option.type.bounds  # type: ignore[union-attr]
    whole = option.type.__name__ == "whole number"  # type: ignore[union-attr]
    step = 1 if whole else max(abs(low), abs(high), 1) * 1e-3
    values = [repr(low - step), repr(high + step), "nan", "inf", "-inf", "lots", ""]
    if whole:
        values += ["1.5", str(int(high) * 1000 + 1)]
    return [v for v in values if not (v.replace(".", "").isdigit() and low <= float(v) <= high)]


BOUNDED = [(verb, flag, option) for verb, flag, option in OPTIONS if hasattr(option.type, "bounds")]
CASES = [(verb, flag, value) for verb, flag, option in BOUNDED for value in _bad_values(option)]

# the positional arguments each verb needs to get as far as its options
POSITIONAL = {
    "show": ["python"],
    "path": ["python"],
    "transition": ["data analyst", "data scientist"],
    "career": ["data analyst", "data scientist"],
    "nearest": ["data analyst"],
    "check-order": ["course.txt"],
    "search": ["python"],
    "done": ["python"],
    "import": ["x.ttl"],
    "query": ["SELECT * WHERE { ?s ?p ?o }"],
    "push": ["http://127.0.0.1:9/"],
    "completion": ["bash"],
}


def test_the_table_covers_the_counting_options() -> None:
    flags = {flag for _, flag, _ in BOUNDED}
    assert {"--top", "--hours-per-week"} <= flags


@pytest.mark.parametrize(("verb", "flag", "value"), CASES, ids=[f"{v} {f} {x!r}" for v, f, x in CASES])
def test_out_of_range_values_exit_2_before_any_output(
    verb: str, flag: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main([verb, *POSITIONAL.get(verb, []), f"{flag}={value}"])
    out, err = capsys.readouterr()
    assert exc.value.code == 2
    assert out == ""
    assert flag in err and "error" in err


def test_bounds_are_sane() -> None:
    for verb, flag, option in BOUNDED:
        low, high = option.type.bounds  # type: ignore[union-attr]
        assert math.isfinite(low) and math.isfinite(high) and low <= high, f"{verb} {flag}"
        assert high <= 1_000_000, f"{verb} {flag}: an upper bound this large cannot protect time or memory"
