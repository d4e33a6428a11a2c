"""docs/endpoints.md is generated from the code and must not go stale."""

from __future__ import annotations

from pathlib import Path

from smartlead_async import SmartleadClient
from smartlead_async._endpoints import endpoint_of, endpoint_rows, endpoint_table, unnamed_path
from smartlead_async._reference import GRADES, NOT_CALLED
from smartlead_async.resources import RESOURCES
from smartlead_async.resources._base import deprecated_target

from .helpers import API_KEY
from .resources.reference import by_route

DOC = Path(__file__).resolve().parent.parent / "docs" / "endpoints.md"


def test_committed_table_is_current() -> None:
    assert DOC.read_text() == endpoint_table(RESOURCES), (
        "docs/endpoints.md is stale: run `python scripts/gen_endpoints.py`"
    )


def test_resource_registry_matches_the_client() -> None:
    client = SmartleadClient(API_KEY)
    for attribute, cls in RESOURCES.items():
        resource: object = client
        for part in attribute.split("."):  # sub-resources: "leads.block_list"
            resource = getattr(resource, part)
        assert type(resource) is cls


def test_every_public_resource_method_names_its_endpoint() -> None:
    for cls in RESOURCES.values():
        for name in dir(cls):
            member = getattr(cls, name)
            if not name.startswith("_") and callable(member) and not deprecated_target(member):
                assert endpoint_of(member) is not None, name


def test_no_route_is_claimed_twice() -> None:
    routes = [(e.method, e.path) for e, _ in endpoint_rows(RESOURCES)]
    assert len(routes) == len(set(routes))


def _reference_rows() -> dict[tuple[str, str, str], str | None]:
    """(host, METHOD, path with ``{}`` parameters) → audit grade, from SmartLead's route table."""
    return {
        (host, verb, path.removeprefix("/")): row["audit_grade"]
        for (host, verb, path), row in by_route().items()
    }


def test_the_grades_are_the_reference_s() -> None:
    graded = {key: grade for key, grade in _reference_rows().items() if grade is not None}
    assert graded == GRADES


def test_every_route_the_reference_names_is_called_or_said_why_not() -> None:
    declared = {(e.host, e.method, unnamed_path(e.path)) for e, _ in endpoint_rows(RESOURCES)}
    not_called = {(host, verb, path) for host, verb, path, why in NOT_CALLED if why}
    assert len(not_called) == len(NOT_CALLED)
    assert not_called.isdisjoint(declared)
    assert sorted(set(_reference_rows()) - declared) == sorted(not_called)
