"""Smart Senders (``client.smart_senders``): every route on the wire, on its own host.

Expected requests come from the reference's documented query and body fields; the answers are the
reference's response examples (most are the placeholder ``{"ok": true, "data": []}``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import attrs
import pytest
from aioresponses import aioresponses

from smartlead_async import SmartleadClient
from smartlead_async.models.smart_senders import (
    OrderDomain,
    OrderMailbox,
)
from smartlead_async.resources.smart_senders import PLACE_ORDER

from ..helpers import API_KEY, check_rejected, invoke, order_contact, sent_requests, url
from .reference import routes as reference_routes

ROOT = "https://smart-senders.smartlead.ai/api/v1"
Call = Callable[[SmartleadClient], Any]

#: The reference's response examples, verbatim (checked against routes.json when it is present).
PLACEHOLDER = {"ok": True, "data": []}
EXAMPLES: dict[tuple[str, str], Any] = {
    ("GET", "/api/v1/smart-senders/get-vendors"): PLACEHOLDER,
    ("GET", "/api/v1/smart-senders/search-domain"): PLACEHOLDER,
    ("POST", "/api/v1/smart-senders/auto-generate-mailboxes"): PLACEHOLDER,
    ("POST", "/api/v1/smart-senders/place-order"): PLACEHOLDER,
    ("GET", "/api/v1/smart-senders/get-domain-list"): PLACEHOLDER,
    ("GET", "/api/v1/smart-senders/order-details"): {
        "ok": True,
        "data": {
            "order_id": "ORD_12345",
            "status": "completed",
            "domain": "sales-outreach.com",
            "email_accounts": [
                {"email": "john.smith@sales-outreach.com", "password": "encrypted_password_hash"},
                {
                    "email": "alice.johnson@sales-outreach.com",
                    "password": "encrypted_password_hash",
                },
            ],
            "created_at": "2026-02-10T14:22:00Z",
            "expires_at": "2026-03-10T14:22:00Z",
        },
    },
    ("GET", "/api/v1/smart-senders/auth-secret"): {
        "ok": True,
        "data": {"otp": "847192", "expires_in": 300},
    },
}

CONTACT, CONTACT_WIRE = order_contact("Buyer@Acme.io")
ORDER = [
    OrderDomain(
        domain_name="acme-mail.com",
        mailbox_details=[
            OrderMailbox(mailbox="ada", first_name="Ada", last_name="Lovelace"),
            OrderMailbox(
                mailbox="sales",
                first_name="Sam",
                last_name="Sales",
                profile_pic="https://acme.io/sam.png",
                parent_account_id=77,
            ),
        ],
    )
]
ORDER_WIRE = [
    {
        "domain_name": "acme-mail.com",
        "mailbox_details": [
            {"mailbox": "ada", "first_name": "Ada", "last_name": "Lovelace"},
            {
                "mailbox": "sales",
                "first_name": "Sam",
                "last_name": "Sales",
                "profile_pic": "https://acme.io/sam.png",
                "parent_account_id": 77,
            },
        ],
    }
]


class Case(NamedTuple):
    name: str
    call: Call
    method: str
    path: str  # below /api/v1 of the Smart Senders host
    query: dict[str, str]
    body: Any
    check: Callable[[Any], None]


def _empty_page(page: Any) -> None:
    assert list(page) == []
    assert page.is_last


def _order(order: Any) -> None:
    assert order.order_id == "ORD_12345"
    assert order.status == "completed"
    assert order.domain == "sales-outreach.com"
    assert [m.email for m in order.email_accounts] == [
        "john.smith@sales-outreach.com",
        "alice.johnson@sales-outreach.com",
    ]
    assert order.email_accounts[0].password == "encrypted_password_hash"
    assert "encrypted_password_hash" not in repr(order)
    assert order.expires_at.isoformat() == "2026-03-10T14:22:00+00:00"


def _otp(otp: Any) -> None:
    assert (otp.otp, otp.expires_in) == ("847192", 300)
    assert "847192" not in repr(otp)


def _placeholder(answer: Any) -> None:
    assert answer.ok is True
    assert answer.data == []


CASES = [
    Case(
        "vendors",
        lambda c: c.smart_senders.vendors(),
        "GET",
        "/smart-senders/get-vendors",
        {},
        None,
        _empty_page,
    ),
    Case(
        "search_domain",
        lambda c: c.smart_senders.search_domain(7, domain_name=" Acme-Mail.COM "),
        "GET",
        "/smart-senders/search-domain",
        {"domain_name": "acme-mail.com", "vendor_id": "7"},
        None,
        _empty_page,
    ),
    Case(
        "auto_generate_mailboxes",
        lambda c: c.smart_senders.auto_generate_mailboxes(
            1, domains={"example.com": 3, "acme-mail.com": 2}
        ),
        "POST",
        "/smart-senders/auto-generate-mailboxes",
        {},
        # vendor_id travels as a string on this route only.
        {"vendor_id": "1", "domains": {"example.com": {"count": 3}, "acme-mail.com": {"count": 2}}},
        _placeholder,
    ),
    Case(
        "place_order",
        lambda c: c.smart_senders.place_order(
            3,
            forwarding_domain="acme.io",
            user_details=CONTACT,
            domains=ORDER,
            confirm_cost=True,
        ),
        "POST",
        "/smart-senders/place-order",
        {},
        {
            "vendor_id": 3,
            "forwarding_domain": "acme.io",
            "user_details": CONTACT_WIRE,
            "domains": ORDER_WIRE,
        },
        _placeholder,
    ),
    Case(
        "domains",
        lambda c: c.smart_senders.domains(),
        "GET",
        "/smart-senders/get-domain-list",
        {},
        None,
        _empty_page,
    ),
    Case(
        "order",
        lambda c: c.smart_senders.order("ORD_12345"),
        "GET",
        "/smart-senders/order-details",
        {"order_id": "ORD_12345"},
        None,
        _order,
    ),
    Case(
        "admin_otp",
        lambda c: c.smart_senders.admin_otp(email_account="admin@Sales-Outreach.com"),
        "GET",
        "/smart-senders/auth-secret",
        {"email_account": "admin@sales-outreach.com"},
        None,
        _otp,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_route_on_the_wire(
    client: SmartleadClient, mock_api: aioresponses, case: Case
) -> None:
    pattern = url(case.path, ROOT)
    mock_api.add(pattern, case.method, payload=EXAMPLES[(case.method, "/api/v1" + case.path)])
    result = await invoke(case.call, client)
    assert sent_requests(mock_api) == [
        (case.method, "/api/v1" + case.path, {**case.query, "api_key": API_KEY}, case.body)
    ]
    (sent,) = [str(requested) for _, requested in mock_api.requests]
    assert sent.startswith(ROOT + "/smart-senders/")
    case.check(result)


def test_the_table_covers_every_documented_route() -> None:
    assert {(c.method, "/api/v1" + c.path) for c in CASES} == set(EXAMPLES)


def test_the_examples_are_the_references() -> None:
    routes = reference_routes()
    documented = {
        (r["method"], r["path"]): r["response_example"]
        for r in routes
        if r["host"] == "smart-senders.smartlead.ai"
    }
    assert documented == EXAMPLES


async def test_rows_keep_undocumented_keys(client: SmartleadClient, mock_api: aioresponses) -> None:
    # The reference documents only an empty placeholder: whatever a row carries is kept.
    payload = {"ok": True, "data": [{"id": 4, "name": "Vendor A", "price_per_mailbox": 3.5}]}
    mock_api.get(url("/smart-senders/get-vendors", ROOT), payload=payload)
    (vendor,) = await client.smart_senders.vendors()
    assert (vendor.id, vendor.name) == (4, "Vendor A")
    assert vendor.extra == {"price_per_mailbox": 3.5}


def test_place_order_is_never_retried() -> None:
    assert PLACE_ORDER.retry_safe == "no"


def _order_call(**overrides: Any) -> Call:
    arguments: dict[str, Any] = {
        "forwarding_domain": "acme.io",
        "user_details": CONTACT,
        "domains": ORDER,
        "confirm_cost": True,
    }
    arguments.update(overrides)
    vendor = arguments.pop("vendor_id", 3)
    return lambda c: c.smart_senders.place_order(vendor, **arguments)


REJECTED: list[tuple[str, Call, str]] = [
    ("order_unconfirmed", _order_call(confirm_cost=False), "confirm_cost=True"),
    ("order_confirm_truthy", _order_call(confirm_cost="yes"), "confirm_cost=True"),
    ("order_bad_vendor", _order_call(vendor_id=0), "vendor_id"),
    ("order_no_domains", _order_call(domains=[]), "domains"),
    ("order_bad_forwarding", _order_call(forwarding_domain="acme"), "forwarding_domain"),
    ("order_contact_dict", _order_call(user_details={"email": "a@b.io"}), "OrderContact"),
    (
        "order_blank_contact_field",
        _order_call(user_details=attrs.evolve(CONTACT, city=" ")),
        "user_details.city",
    ),
    (
        "order_bad_contact_email",
        _order_call(user_details=attrs.evolve(CONTACT, email="nobody")),
        "user_details.email",
    ),
    (
        "order_no_mailboxes",
        _order_call(domains=[OrderDomain(domain_name="acme-mail.com", mailbox_details=[])]),
        "mailbox_details",
    ),
    (
        "order_blank_mailbox",
        _order_call(
            domains=[
                OrderDomain(
                    domain_name="acme-mail.com",
                    mailbox_details=[OrderMailbox(mailbox="", first_name="A", last_name="B")],
                )
            ]
        ),
        "mailbox_details.mailbox",
    ),
    (
        "order_bad_parent",
        _order_call(
            domains=[
                OrderDomain(
                    domain_name="acme-mail.com",
                    mailbox_details=[
                        OrderMailbox(
                            mailbox="a", first_name="A", last_name="B", parent_account_id=-1
                        )
                    ],
                )
            ]
        ),
        "parent_account_id",
    ),
    (
        "generate_no_domains",
        lambda c: c.smart_senders.auto_generate_mailboxes(1, domains={}),
        "domains",
    ),
    (
        "generate_zero_count",
        lambda c: c.smart_senders.auto_generate_mailboxes(1, domains={"example.com": 0}),
        "example.com",
    ),
    (
        "generate_bad_domain",
        lambda c: c.smart_senders.auto_generate_mailboxes(1, domains={"localhost": 2}),
        "not a domain",
    ),
    (
        "search_bad_vendor",
        lambda c: c.smart_senders.search_domain("7", domain_name="acme.io"),  # type: ignore[arg-type]  # the wrong type is the attack
        "vendor_id",
    ),
    (
        "search_no_domain",
        lambda c: c.smart_senders.search_domain(7, domain_name=""),
        "domain_name",
    ),
    ("order_no_id", lambda c: c.smart_senders.order(" "), "order_id"),
    ("otp_bad_email", lambda c: c.smart_senders.admin_otp(email_account="admin"), "email_account"),
]


@pytest.mark.parametrize(("name", "call", "match"), REJECTED, ids=[r[0] for r in REJECTED])
async def test_invalid_arguments_send_nothing(
    client: SmartleadClient, mock_api: aioresponses, name: str, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)
