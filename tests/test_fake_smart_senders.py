"""Smart Senders against the fake, through the SDK's real methods: vendors, the domains
for sale, mailbox suggestions, orders (charged to a balance) with their domains and mailboxes,
and the admin-mailbox OTP; the secrets stay out of the SDK's reprs."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from smartlead_async import SmartleadClient
from smartlead_async.errors import BadRequestError, NotFoundError, RequestValidationError
from smartlead_async.models.smart_senders import OrderDomain, OrderMailbox
from smartlead_async.testing import FakeSmartlead
from smartlead_async.testing.backend.smart_senders import MAILBOX_PRICE, TLD_PRICES

from .helpers import order_contact

#: CONTACT_WIRE is CONTACT's wire form, for requests the SDK would not send.
CONTACT, CONTACT_WIRE = order_contact("buyer@acme.io")


def _domain(name: str, *mailboxes: str) -> OrderDomain:
    return OrderDomain(
        domain_name=name,
        mailbox_details=[
            OrderMailbox(mailbox=m, first_name=m.title(), last_name="Sender") for m in mailboxes
        ],
    )


async def _order(sl: SmartleadClient, *domains: OrderDomain, vendor_id: int = 1) -> Any:
    return await sl.smart_senders.place_order(
        vendor_id,
        forwarding_domain="acme.io",
        user_details=CONTACT,
        domains=list(domains),
        confirm_cost=True,
    )


def _rows(data: object) -> list[dict[str, Any]]:
    """``data`` of an answer the SDK passes through as sent: a list of objects."""
    assert isinstance(data, list)
    assert all(isinstance(row, dict) for row in data)
    return data


async def _raw(fake: FakeSmartlead, method: str, path: str, **kwargs: Any) -> tuple[int, Any]:
    """A request the SDK would not send, straight to the Smart Senders host."""
    url = f"{fake.base_url_for('smart_senders')}/smart-senders/{path}"
    params = {"api_key": fake.api_key, **kwargs.pop("params", {})}
    async with (
        aiohttp.ClientSession() as http,
        http.request(method, url, params=params, **kwargs) as response,
    ):
        return response.status, await response.json()


async def test_vendors_are_listed_and_seeded(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    added = fake.state.smart_senders.add_vendor("Second Vendor")
    vendors = [(v.id, v.name) async for v in fake_client.smart_senders.vendors()]
    assert vendors == [(1, "Fake Mailbox Vendor"), (added.id, "Second Vendor")]
    assert [r.host for r in fake.state.requests] == ["smart_senders"]


async def test_a_domain_search_lists_the_domains_for_sale_up_to_15_dollars(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    fake.state.smart_senders.taken.add("acme-mail.net")
    offers = list(await fake_client.smart_senders.search_domain(1, domain_name="Acme-Mail.com"))
    cheap = sorted((p, tld) for tld, p in TLD_PRICES.items() if p <= 15)
    # The searched name first, then the other cheap top-level domains by price.
    assert [o.domain_name for o in offers] == ["acme-mail.com"] + [
        f"acme-mail.{tld}" for _, tld in cheap if tld != "com"
    ]
    assert offers[0].price == TLD_PRICES["com"]
    assert all(o.price is not None and o.price <= 15 for o in offers)
    available = {o.domain_name: o.extra["available"] for o in offers}
    assert available["acme-mail.com"] is True
    assert available["acme-mail.net"] is False  # taken
    # An expensive top-level domain is not offered, even when searched for.
    searched = await fake_client.smart_senders.search_domain(1, domain_name="acme-mail.io")
    assert "acme-mail.io" not in [o.domain_name for o in searched]
    with pytest.raises(NotFoundError, match="Vendor 99 not found"):
        await fake_client.smart_senders.search_domain(99, domain_name="acme.com")
    assert fake.state.requests[0].query == {"domain_name": "acme-mail.com", "vendor_id": "1"}


async def test_search_domain_queries_are_checked(fake: FakeSmartlead) -> None:
    status, body = await _raw(fake, "GET", "search-domain", params={"vendor_id": "one"})
    assert (status, body["message"]) == (400, '"vendor_id" must be a number')
    status, body = await _raw(fake, "GET", "search-domain", params={"domain": "acme.com"})
    assert (status, body["message"]) == (400, '"domain" is not allowed')
    # Both parameters are optional in the reference: without a name there is nothing to search.
    assert await _raw(fake, "GET", "search-domain") == (200, {"ok": True, "data": []})


async def test_mailbox_suggestions_can_be_ordered_as_they_are(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sl = fake_client
    suggested = await sl.smart_senders.auto_generate_mailboxes(
        1, domains={"acme-mail.com": 3, "acme-mail.org": 1}
    )
    assert fake.state.requests[0].json == {
        "vendor_id": "1",
        "domains": {"acme-mail.com": {"count": 3}, "acme-mail.org": {"count": 1}},
    }
    assert suggested.ok is True
    first, second = _rows(suggested.data)
    assert (first["domain_name"], second["domain_name"]) == ("acme-mail.com", "acme-mail.org")
    assert len(second["mailbox_details"]) == 1
    assert [m["mailbox"] for m in first["mailbox_details"]] == [
        "james.smith",
        "mary.johnson",
        "john.williams",
    ]
    assert first["mailbox_details"][0] == {
        "mailbox": "james.smith",
        "first_name": "James",
        "last_name": "Smith",
    }
    assert fake.state.smart_senders == {}  # suggesting buys nothing

    await _order(sl, _domain("acme-mail.com", "james.smith", "mary.johnson"))
    again = await sl.smart_senders.auto_generate_mailboxes(1, domains={"acme-mail.com": 2})
    (row,) = _rows(again.data)
    # The provisioned names are not suggested again.
    assert [m["mailbox"] for m in row["mailbox_details"]] == ["john.williams", "patricia.brown"]
    with pytest.raises(NotFoundError):
        await sl.smart_senders.auto_generate_mailboxes(42, domains={"acme-mail.com": 1})


async def test_auto_generate_takes_the_vendor_as_a_string_as_documented(
    fake: FakeSmartlead,
) -> None:
    status, body = await _raw(
        fake, "POST", "auto-generate-mailboxes", json={"vendor_id": 1, "domains": {}}
    )
    assert (status, body["message"]) == (400, '"vendor_id" must be a string')
    status, body = await _raw(
        fake,
        "POST",
        "auto-generate-mailboxes",
        json={"vendor_id": "1", "domains": {"acme.com": {"count": 0}}},
    )
    assert status == 400
    assert body["validation"]["keys"] == ["domains.acme.com"]


async def test_an_order_buys_its_domains_and_provisions_their_mailboxes(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sl = fake_client
    store = fake.state.smart_senders
    store.balance = 100.0
    answer = await _order(
        sl, _domain("acme-mail.com", "ada", "sales@acme-mail.com"), _domain("Acme-Mail.org", "ops")
    )
    assert answer.ok is True
    # Each domain is an order of its own: order-details describes one domain.
    ids = [row["order_id"] for row in _rows(answer.data)]
    assert [store[i].domain for i in ids] == ["acme-mail.com", "acme-mail.org"]
    assert all(str(i).startswith("ORD_") for i in ids)
    cost = TLD_PRICES["com"] + TLD_PRICES["org"] + 3 * MAILBOX_PRICE
    assert store.balance == pytest.approx(100.0 - cost)
    first = store[str(ids[0])]
    assert [m.email for m in first.mailboxes] == ["ada@acme-mail.com", "sales@acme-mail.com"]
    assert (first.vendor_id, first.forwarding_domain) == (1, "acme.io")
    assert first.contact == {**CONTACT_WIRE}

    bought = [d async for d in sl.smart_senders.domains()]
    assert [(d.id, d.domain_name) for d in bought] == [
        (o.domain_id, o.domain) for o in store.values()
    ]
    assert bought[0].extra["order_id"] == ids[0]
    assert bought[0].extra["mailbox_count"] == 2

    details = await sl.smart_senders.order(str(ids[0]))
    assert (details.order_id, details.status, details.domain) == (
        ids[0],
        "completed",
        "acme-mail.com",
    )
    assert [m.email for m in details.email_accounts] == ["ada@acme-mail.com", "sales@acme-mail.com"]
    assert [m.password for m in details.email_accounts] == [m.password for m in first.mailboxes]
    assert details.created_at is not None
    assert details.expires_at is not None
    assert details.expires_at > details.created_at
    for mailbox in first.mailboxes:
        assert mailbox.password not in repr(details)
        assert mailbox.password not in repr(first)  # the fake's record hides it too

    # Bought domains are taken now.
    offer = (await sl.smart_senders.search_domain(1, domain_name="acme-mail.com"))[0]
    assert offer.extra["available"] is False
    with pytest.raises(NotFoundError, match="ORD_0 not found"):
        await sl.smart_senders.order("ORD_0")


async def test_orders_are_refused_whole(fake: FakeSmartlead, fake_client: SmartleadClient) -> None:
    sl = fake_client
    store = fake.state.smart_senders
    store.taken.add("taken-mail.com")
    refusals = [
        ((_domain("fresh-mail.com", "a"), _domain("taken-mail.com", "b")), "taken-mail.com"),
        ((_domain("fresh-mail.io", "a"), _domain("fresh-mail.io", "b")), "fresh-mail.io"),
        ((_domain("fresh-mail.xyz", "a"),), "fresh-mail.xyz is not available"),
        ((_domain("fresh-mail.com", "a", "A"),), "Duplicate mailbox"),
        ((_domain("fresh-mail.com", "a@other.com"),), "is not on fresh-mail.com"),
    ]
    for domains, match in refusals:
        with pytest.raises(BadRequestError, match=match):
            await _order(sl, *domains)
    with pytest.raises(NotFoundError, match="Vendor 9 not found"):
        await _order(sl, _domain("fresh-mail.com", "a"), vendor_id=9)
    store.balance = TLD_PRICES["com"]  # not enough for the mailbox too
    with pytest.raises(BadRequestError, match="Insufficient balance"):
        await _order(sl, _domain("fresh-mail.com", "a"))
    assert dict(store) == {}
    assert store.balance == TLD_PRICES["com"]
    assert [d async for d in sl.smart_senders.domains()] == []


async def test_an_unconfirmed_order_never_reaches_the_fake(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    with pytest.raises(RequestValidationError, match="confirm_cost=True"):
        await fake_client.smart_senders.place_order(
            1,
            forwarding_domain="acme.io",
            user_details=CONTACT,
            domains=[_domain("acme-mail.com", "ada")],
        )
    assert fake.state.requests == []
    assert fake.state.smart_senders == {}


async def test_the_order_s_inner_keys_are_checked_as_the_reference_lists_them(
    fake: FakeSmartlead,
) -> None:
    mailbox = {"mailbox": "ada", "first_name": "Ada", "last_name": "L"}
    order = {
        "vendor_id": 1,
        "forwarding_domain": "acme.io",
        "user_details": CONTACT_WIRE,
        "domains": [{"domain_name": "acme-mail.com", "mailbox_details": [mailbox]}],
    }
    contact = {k: v for k, v in CONTACT_WIRE.items() if k != "city"}
    bad_mailbox = {**mailbox, "nickname": "A"}
    cases = [
        ({**order, "user_details": contact}, '"user_details.city" is required'),
        (
            {
                **order,
                "domains": [{"domain_name": "acme-mail.com", "mailbox_details": [bad_mailbox]}],
            },
            '"domains[0].mailbox_details[0].nickname" is not allowed',
        ),
        ({**order, "vendor_id": "1"}, '"vendor_id" must be an integer'),
        (
            {k: v for k, v in order.items() if k != "forwarding_domain"},
            '"forwarding_domain" is required',
        ),
    ]
    for body, message in cases:
        status, answer = await _raw(fake, "POST", "place-order", json=body)
        assert (status, answer["message"]) == (400, message)
    assert fake.state.smart_senders == {}
    # addressLineTwo is the one optional contact key.
    with_line_two = {**order, "user_details": {**CONTACT_WIRE, "addressLineTwo": "Suite 2"}}
    status, answer = await _raw(fake, "POST", "place-order", json=with_line_two)
    assert (status, answer["ok"]) == (200, True)


async def test_the_admin_otp_is_issued_for_a_bought_mailbox_and_hidden_in_reprs(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    sl = fake_client
    await _order(sl, _domain("acme-mail.com", "admin"))
    otp = await sl.smart_senders.admin_otp(email_account="Admin@Acme-Mail.com")
    assert otp.otp == fake.state.smart_senders.otps["admin@acme-mail.com"]
    assert otp.otp is not None
    assert (len(otp.otp), otp.expires_in) == (6, 300)
    assert otp.otp not in repr(otp)
    # The SDK lower-cases the domain only; the fake matches the address without regard to case.
    assert fake.state.requests[-1].query == {"email_account": "Admin@acme-mail.com"}
    with pytest.raises(NotFoundError, match="not found"):
        await sl.smart_senders.admin_otp(email_account="nobody@acme-mail.com")
    status, answer = await _raw(fake, "GET", "auth-secret")
    assert (status, answer["message"]) == (400, '"email_account" is required')


async def test_unchecked_requests_skip_the_order_s_inner_keys_too() -> None:
    # check_requests=False turns off the checks of the inner keys too.
    async with FakeSmartlead(check_requests=False) as fake:
        contact = {k: v for k, v in CONTACT_WIRE.items() if k != "city"}
        mailbox = {"mailbox": "ada", "first_name": "Ada", "last_name": "L", "nickname": "A"}
        order = {
            "vendor_id": 1,
            "forwarding_domain": "acme.io",
            "user_details": contact,
            "domains": [{"domain_name": "acme-mail.com", "mailbox_details": [mailbox]}],
        }
        status, answer = await _raw(fake, "POST", "place-order", json=order)
        assert (status, answer["ok"]) == (200, True)
        # A row without the keys the prose_body requires is refused, not a server error.
        status, answer = await _raw(fake, "POST", "place-order", json={**order, "domains": [{}]})
    assert (status, answer["ok"]) == (400, False)
