"""Every seed operation listed in docs/seed-operations.md names an existing SDK method."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smartlead_async import SmartleadClient

from .helpers import API_KEY

DOC = Path(__file__).resolve().parent.parent / "docs" / "seed-operations.md"
NAMES = sorted(set(re.findall(r"`client\.(\w+)\.(\w+)`", DOC.read_text())))


def test_the_konnectify_list_is_complete() -> None:
    section = DOC.read_text().split("## Konnectify actions")[1].split("##")[0]
    assert len(re.findall(r"^\| (?!Konnectify|---)", section, flags=re.M)) == 19


@pytest.mark.parametrize(("resource", "method"), NAMES)
def test_method_exists(resource: str, method: str) -> None:
    client = SmartleadClient(API_KEY)
    assert callable(getattr(getattr(client, resource), method))
