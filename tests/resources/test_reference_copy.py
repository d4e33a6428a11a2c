"""The tests' copy of SmartLead's route table is the one the project was built from."""

from __future__ import annotations

import pytest

from .reference import COPY, ORIGIN


def test_the_copy_is_the_current_route_table() -> None:
    if not ORIGIN.is_file():
        pytest.skip("the API material the copy comes from is not beside the project")
    assert COPY.read_bytes() == ORIGIN.read_bytes(), f"copy {ORIGIN} to {COPY}"
