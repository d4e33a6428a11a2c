"""Every seed operation listed in docs/seed-operations.md names an existing SDK method."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smartlead_async import SmartleadClient
from smartlead_async.resources._base import deprecated_target

from .helpers import API_KEY

DOC = Path(__file__).resolve().parent.parent / "docs" / "seed-operations.md"
NAMES = sorted(set(re.findall(r"`client\.([\w.]+)`", DOC.read_text())))


def test_the_konnectify_list_is_complete() -> None:
    section = DOC.read_text().split("## Konnectify actions")[1].split("##")[0]
    assert len(re.findall(r"^\| (?!Konnectify|---)", section, flags=re.M)) == 19


def test_the_doc_names_methods() -> None:
    assert len(NAMES) > 20


@pytest.mark.parametrize("dotted", NAMES)
def test_method_exists_under_its_current_name(dotted: str) -> None:
    target: object = SmartleadClient(API_KEY)
    for part in dotted.split("."):  # sub-resources too: analytics.campaign.by_date
        target = getattr(target, part)
    assert callable(target)
    # A deprecated alias still works, but the map must show the name to use.
    assert deprecated_target(getattr(target, "__func__", target)) is None, dotted
