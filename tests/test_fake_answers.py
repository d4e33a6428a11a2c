"""The fake's answers on the product hosts (Smart Delivery, Smart Senders, Prospect) have the
shape of the reference's documented answer (``response_example``): each route is set up through
the SDK, requested raw and compared key by key.

The rule, recursively: every key of the documented example is in the fake's answer with the
same JSON kind (a documented ``null`` accepts anything, a documented number an int or a float);
arrays compare their first elements when both have one, and an empty documented array accepts
anything. Extra keys are allowed. Where the example is illustrative and the fake deliberately
differs, :data:`EXCEPTIONS` says so, with the reason."""

from __future__ import annotations

import string
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import aiohttp
import attrs
import pytest

from smartlead_async import SmartleadClient
from smartlead_async.testing import FakeSmartlead
from smartlead_async.testing.routes.table import ROUTES

from .resources.reference import host_and_path, routes
from .test_fake_prospect import DIRECTORS_US
from .test_fake_smart_delivery import END, SENDERS, START
from .test_fake_smart_senders import _domain, _order

#: What a host's setup leaves for the requests: path parameters and values to send.
Ids = dict[str, Any]
Setup = Callable[[SmartleadClient, FakeSmartlead], Awaitable[Ids]]
#: A query or body: as it is, or made from the setup's ids.
Value = Any | Callable[[Ids], Any]

PRODUCT_HOSTS = ("smart_delivery", "smart_senders", "prospect")

#: (host, key) → (the kind the fake sends there instead, why). Smart Delivery's examples show
#: ids as strings ("test_001", "folder_001", "camp_123456") where the fake numbers its rows, as
#: older clients see them (docs/api-notes.md, Smart Delivery: the SDK accepts both); the
#: campaign and sequence ids are the core host's, numbers there.
_ID = "an id: a number, the example's string is illustrative (docs/api-notes.md, Smart Delivery)"
EXCEPTIONS: dict[tuple[str, str], tuple[str, str]] = {
    **{
        ("smart_delivery", key): ("number", _ID)
        for key in (
            "id",
            "user_id",
            "folder_id",
            "spam_test_id",
            "spamTest",
            "reply_id",
            "campaign_id",
            "sequence_mapping_id",
        )
    },
    # The fake's account is no client's (docs/api-notes.md, Types on the wire: nullability).
    ("smart_delivery", "client_id"): ("null", "the account belongs to no client"),
}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def shape_differences(documented: Any, answer: Any, where: str = "$") -> dict[str, str]:
    """Where ``answer`` lacks a key of ``documented`` or holds another kind: path → what."""
    if documented is None:
        return {}
    if _kind(documented) != _kind(answer):
        return {where: f"{_kind(answer)}, documented {_kind(documented)}"}
    found: dict[str, str] = {}
    if isinstance(documented, dict):
        for key, value in documented.items():
            if key not in answer:
                found[f"{where}.{key}"] = "missing"
            else:
                found |= shape_differences(value, answer[key], f"{where}.{key}")
    elif isinstance(documented, list) and documented and answer:
        found |= shape_differences(documented[0], answer[0], f"{where}[0]")
    return found


def unfilled(documented: Any, answer: Any, where: str = "$") -> list[str]:
    """Arrays the example fills and the answer leaves empty: the rule cannot look inside them,
    so the setup must leave the fake something to answer there."""
    if isinstance(documented, dict) and isinstance(answer, dict):
        return [
            path
            for key in documented.keys() & answer.keys()
            for path in unfilled(documented[key], answer[key], f"{where}.{key}")
        ]
    if isinstance(documented, list) and isinstance(answer, list) and documented:
        return unfilled(documented[0], answer[0], f"{where}[0]") if answer else [where]
    return []


# --- setup, one helper per host ---------------------------------------------------------------


def _sent(fake: FakeSmartlead, path_end: str) -> Any:
    """The body the SDK last sent to a path ending so (to send it again raw)."""
    return [r.json for r in fake.state.requests if r.path.endswith(path_end)][-1]


async def _smart_delivery(sl: SmartleadClient, fake: FakeSmartlead) -> Ids:
    delivery = sl.smart_delivery
    empty = await delivery.folders.create(name="Q4 2025 Archive")
    # Every optional setting the example answer shows, so the answers echo them.
    test: dict[str, Any] = {
        "confirm_cost": True,
        "test_name": "Q1 placement",
        "campaign_id": 42,
        "sequence_mapping_id": 7,
        "provider_ids": ["gmail_na", "outlook_na"],
        # The sender failing SPF and rDNS first: the first rows of the reports then list
        # what it triggered.
        "sender_accounts": SENDERS[::-1],
        "description": "Across regions",
        "folder_id": (await delivery.folders.create(name="Q1 2026 Tests")).id,
        "min_time_between_emails": 5,
        "test_with_smartlead_account": False,
    }
    manual = await delivery.create_manual_test(**test)
    automated = await delivery.create_automated_test(
        **test, start=START, end=END, every_days=7, timezone="Europe/Berlin", days=[3, 0]
    )
    return {
        "folderId": empty.id,
        "spamTestId": automated.id,
        "manualId": manual.id,
        # A seed reply of the automated test, the one created last.
        "replyId": list(fake.state.smart_delivery.tests.values())[-1].replies[0].id,
        "manual": _sent(fake, "/spam-test/manual"),
        "schedule": _sent(fake, "/spam-test/schedule"),
    }


async def _smart_senders(sl: SmartleadClient, fake: FakeSmartlead) -> Ids:
    await _order(sl, _domain("acme-mail.com", "admin"))
    (order_id,) = fake.state.smart_senders
    return {"order_id": order_id, "order": _sent(fake, "/place-order")}


async def _prospect(sl: SmartleadClient, fake: FakeSmartlead) -> Ids:
    filter_id = (await sl.prospect.search_contacts(filters=DIRECTORS_US, limit=10)).filter_id
    assert filter_id is not None
    await sl.prospect.fetch_contacts(filter_id, limit=2, confirm_credits=True)
    # A limit, as the example's saved filters show one.
    await sl.prospect.searches.save(name="US directors", filters=DIRECTORS_US, limit=100)
    return {
        "filter_id": filter_id,
        "saved_id": max(fake.state.prospect),
        "search": _sent(fake, "/search-contacts"),
        "save": _sent(fake, "/search-filters/save-search"),
    }


SETUPS: dict[str, Setup] = {
    "smart_delivery": _smart_delivery,
    "smart_senders": _smart_senders,
    "prospect": _prospect,
}


@attrs.frozen
class Ask:
    """How to request one route: its path parameters (placeholder → key of the setup's ids;
    by default the placeholder's own name), query and body."""

    params: Mapping[str, str] = attrs.field(factory=dict)
    query: Value = attrs.field(factory=dict)
    body: Value = None


def _resolve(value: Value, ids: Ids) -> Any:
    return value(ids) if callable(value) else value


def _renamed(order: dict[str, Any]) -> dict[str, Any]:
    """The setup's order again, for another domain (the first one is bought)."""
    domains = [{**d, "domain_name": "fresh-mail.com"} for d in order["domains"]]
    return {**order, "domains": domains}


#: Every product-host route → how to request it once its host's setup ran.
CASES: dict[str, Ask] = {
    # Smart Delivery.
    "GET /spam-test/seed/providers": Ask(),
    "POST /spam-test/manual": Ask(body=lambda ids: ids["manual"]),
    "POST /spam-test/schedule": Ask(body=lambda ids: ids["schedule"]),
    "GET /spam-test/{spamTestId}": Ask(),
    "PUT /spam-test/{spamTestId}/stop": Ask(),
    "POST /spam-test/delete": Ask(body=lambda ids: {"spamTestIds": [ids["manualId"]]}),
    # The automated tests, as the example's first row is one.
    "POST /spam-test/report": Ask(query={"testType": "schedule"}, body={"offset": 0, "limit": 10}),
    "POST /spam-test/report/{spamTestId}/providerwise": Ask(),
    "POST /spam-test/report/{spamTestId}/groupwise": Ask(),
    "GET /spam-test/report/{spamTestId}/sender-account-wise": Ask(),
    "GET /spam-test/report/{spamTestId}/sender-accounts": Ask(),
    "GET /spam-test/report/{spamTestId}/spam-filter-details": Ask(),
    "GET /spam-test/report/{spamTestId}/dkim-details": Ask(),
    "GET /spam-test/report/{spamTestId}/spf-details": Ask(),
    "GET /spam-test/report/{spamTestId}/rdns-details": Ask(),
    "GET /spam-test/report/{spamTestId}/blacklist": Ask(),
    "GET /spam-test/report/{spamTestId}/domain-blacklist": Ask(),
    "GET /spam-test/report/{spamTestId}/email-content": Ask(),
    "GET /spam-test/report/{spamTestId}/ip-analytics": Ask(),
    "GET /spam-test/report/{spamTestId}/schedule-history": Ask(),
    "GET /spam-test/report/{spamTestId}/sender-account-wise/{replyId}/email-headers": Ask(),
    "GET /spam-test/report/mailboxes-summary": Ask(),
    "GET /spam-test/report/mailboxes-count": Ask(),
    "GET /spam-test/folder": Ask(),
    "POST /spam-test/folder": Ask(body={"name": "My Folder"}),
    "GET /spam-test/folder/{folderId}": Ask(),
    "DELETE /spam-test/folder/{folderId}": Ask(),
    # Smart Senders.
    "GET /smart-senders/get-vendors": Ask(),
    "GET /smart-senders/search-domain": Ask(
        query={"domain_name": "fresh-mail.com", "vendor_id": "1"}
    ),
    "POST /smart-senders/auto-generate-mailboxes": Ask(
        body={"vendor_id": "1", "domains": {"fresh-mail.com": {"count": 2}}}
    ),
    "POST /smart-senders/place-order": Ask(body=lambda ids: _renamed(ids["order"])),
    "GET /smart-senders/get-domain-list": Ask(),
    "GET /smart-senders/order-details": Ask(query=lambda ids: {"order_id": ids["order_id"]}),
    "GET /smart-senders/auth-secret": Ask(query={"email_account": "admin@acme-mail.com"}),
    # Prospect.
    "GET /countries": Ask(),
    "GET /states": Ask(),
    "GET /cities": Ask(),
    "GET /company": Ask(),
    "GET /domain": Ask(),
    "GET /departments": Ask(),
    "GET /levels": Ask(),
    "GET /industries": Ask(query={"withSubIndustry": "true"}),
    "GET /sub-industries": Ask(),
    "GET /revenue": Ask(),
    "GET /head-counts": Ask(),
    "GET /job-title": Ask(),
    "GET /keywords": Ask(),
    # One contact a page, so that there is a next page and its ``scroll_id``.
    "POST /search-contacts": Ask(body=lambda ids: {**ids["search"], "limit": 1}),
    "POST /get-contacts": Ask(body=lambda ids: {"filter_id": ids["filter_id"]}),
    "POST /fetch-contacts": Ask(body=lambda ids: {"filter_id": ids["filter_id"], "limit": 3}),
    "POST /search-contacts/find-emails": Ask(
        body={
            "contacts": [
                {
                    "firstName": "Ava",
                    "lastName": "Thompson",
                    "companyDomain": "acmerobotics.example",
                }
            ]
        }
    ),
    "PATCH /review-contacts/{filter_id}": Ask(body={}),
    "GET /search-filters/saved-searches": Ask(),
    "GET /search-filters/recent-searches": Ask(),
    "GET /search-filters/fetched-searches": Ask(),
    "POST /search-filters/save-search": Ask(body=lambda ids: ids["save"]),
    "PUT /search-filters/save-search/{id}": Ask(
        params={"id": "saved_id"}, body={"search_string": "Renamed"}
    ),
    "PUT /search-filters/fetched-searches/{id}": Ask(
        params={"id": "filter_id"}, body={"search_string": "Renamed"}
    ),
    "GET /search-analytics": Ask(query=lambda ids: {"filter_id": str(ids["filter_id"])}),
    "GET /reply-analytics": Ask(),
}


def _documented() -> dict[str, Any]:
    """The reference's example answer of every product-host route, by route key."""
    examples: dict[str, Any] = {}
    for row in routes():
        host, path = host_and_path(row)
        if host in PRODUCT_HOSTS:
            examples[f"{row['method']} {path}"] = row["response_example"]
    return examples


def test_every_product_host_route_has_a_case() -> None:
    served = {key for key, route in ROUTES.items() if route.host in PRODUCT_HOSTS}
    assert set(CASES) == served
    documented = _documented()
    assert set(CASES) <= set(documented)
    documented_keys = {key for example in documented.values() for key in _keys(example)}
    assert {key for _, key in EXCEPTIONS} <= documented_keys


def _keys(value: Any) -> set[str]:
    """Every object key inside a JSON value."""
    if isinstance(value, dict):
        return set(value).union(*(_keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value))
    return set()


def _excused(host: str, where: str, what: str) -> bool:
    """A difference :data:`EXCEPTIONS` allows: its key, and the kind the fake sends there."""
    key = where.rsplit(".", 1)[-1].removesuffix("[0]")
    excused = EXCEPTIONS.get((host, key))
    return excused is not None and what.startswith(f"{excused[0]}, ")


def _path(key: str, ask: Ask, ids: Ids) -> str:
    path = key.split(" ", 1)[1]
    names = [name for _, name, _, _ in string.Formatter().parse(path) if name]
    return path.format(**{name: ids[ask.params.get(name, name)] for name in names})


@pytest.mark.parametrize("key", sorted(CASES))
async def test_the_fake_answers_in_the_documented_shape(
    key: str, fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    host = ROUTES[key].host
    ids = await SETUPS[host](fake_client, fake)
    ask = CASES[key]
    method = key.split(" ", 1)[0]
    url = fake.base_url_for(host) + _path(key, ask, ids)
    query = {"api_key": fake.api_key, **_resolve(ask.query, ids)}
    async with (
        aiohttp.ClientSession() as http,
        http.request(method, url, params=query, json=_resolve(ask.body, ids)) as response,
    ):
        answer = await response.json()
        assert response.status < 300, answer
    documented = _documented()[key]
    found = shape_differences(documented, answer)
    assert {where: what for where, what in found.items() if not _excused(host, where, what)} == {}
    assert unfilled(documented, answer) == []


@pytest.mark.parametrize(
    ("documented", "answer", "found"),
    [
        ({"a": 1, "b": None}, {"a": 2.5, "b": [], "c": "extra"}, {}),
        ({"a": {"b": True}}, {"a": {"b": "yes"}}, {"$.a.b": "string, documented boolean"}),
        ({"a": [{"id": 1}]}, {"a": [{"ID": 1}]}, {"$.a[0].id": "missing"}),
        ({"a": []}, {"a": [1]}, {}),
        ({"a": [1]}, {"a": []}, {}),
        ([{"id": "x"}], {"id": "x"}, {"$": "object, documented array"}),
    ],
)
def test_the_shape_rule(documented: Any, answer: Any, found: dict[str, str]) -> None:
    assert shape_differences(documented, answer) == found


def test_an_exception_excuses_its_kind_on_its_host_only() -> None:
    assert _excused("smart_delivery", "$[0].spam_test_id", "number, documented string")
    assert not _excused("smart_delivery", "$[0].spam_test_id", "missing")
    assert not _excused("smart_delivery", "$.id", "boolean, documented string")
    assert not _excused("prospect", "$.id", "number, documented string")


def test_an_empty_answer_where_the_example_has_rows_is_unfilled() -> None:
    assert unfilled({"a": [{"b": [1]}], "c": []}, {"a": [{"b": []}], "c": []}) == ["$.a[0].b"]
    assert unfilled([1], []) == ["$"]
    assert unfilled({"a": [1]}, {"a": "x"}) == []  # a kind difference, reported by the rule
