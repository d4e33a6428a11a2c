"""Smart Senders host routes (domain and mailbox marketplace): every answer is the host's
``{"ok": true, "data": ...}`` envelope."""

from __future__ import annotations

from smartlead_async.testing._json import JSON
from smartlead_async.testing._schema import NUMBER, STRING, Shape
from smartlead_async.testing.backend import joi
from smartlead_async.testing.backend.smart_senders import OTP_TTL, OrderedDomain
from smartlead_async.testing.routes._base import Call, Reply

#: What the reference says lies inside place-order's ``user_details`` and ``domains``: only in
#: the fields' constraint text (``addressLineTwo?`` and ``profile_pic?`` optional, the others
#: required), so the route row describes the top level and names this as its ``prose_body``.
ORDER_PARTS: dict[str, Shape] = {
    "user_details*": {
        "email*": STRING,
        "firstName*": STRING,
        "lastName*": STRING,
        "company*": STRING,
        "country*": STRING,
        "city*": STRING,
        "addressLineOne*": STRING,
        "addressLineTwo": STRING,
        "postalCode*": STRING,
        "state*": STRING,
        "phoneCc*": STRING,
        "phone*": STRING,
        "languagePreference*": STRING,
    },
    "domains*": [
        {
            "domain_name*": STRING,
            "mailbox_details*": [
                {
                    "mailbox*": STRING,
                    "first_name*": STRING,
                    "last_name*": STRING,
                    "profile_pic": STRING,
                    "parent_account_id": NUMBER,
                }
            ],
        }
    ],
}


def _ok(data: JSON) -> Reply:
    return {"ok": True, "data": data}


def _objects(value: JSON) -> list[dict[str, JSON]]:
    return [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []


def _query_vendor(call: Call) -> str | None:
    # A query value is text: the documented integer is digits (Joi's 400 otherwise).
    vendor_id = call.query.get("vendor_id")
    if vendor_id is not None and not vendor_id.isdigit():
        raise joi('"vendor_id" must be a number', "vendor_id", source="query")
    return vendor_id


def get_vendors(call: Call) -> Reply:
    return _ok([vendor.to_wire() for vendor in call.state.smart_senders.vendors.values()])


def search_domain(call: Call) -> Reply:
    rows = call.state.smart_senders.search(_query_vendor(call), call.query.get("domain_name"))
    return _ok(list[JSON](rows))


def auto_generate_mailboxes(call: Call) -> Reply:
    counts: dict[str, int] = {}
    for domain, wanted in call.object("domains").items():
        count = wanted.get("count") if isinstance(wanted, dict) else None
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise joi(f'"domains.{domain}.count" must be a positive integer', f"domains.{domain}")
        counts[domain] = count
    rows = call.state.smart_senders.suggest_mailboxes(call.text("vendor_id"), counts)
    return _ok(list[JSON](rows))


def place_order(call: Call) -> Reply:
    # With check_requests off, a row may lack what the prose_body requires: a 400, not a 500.
    domains = [
        OrderedDomain(str(row.get("domain_name", "")), _objects(row.get("mailbox_details")))
        for row in call.rows("domains")
    ]
    orders = call.state.smart_senders.place_order(
        call.number("vendor_id") or 0,
        forwarding_domain=call.text("forwarding_domain"),
        contact=call.object("user_details"),
        domains=domains,
    )
    return _ok([order.summary() for order in orders])


def get_domain_list(call: Call) -> Reply:
    return _ok([order.domain_row() for order in call.state.smart_senders.values()])


def order_details(call: Call) -> Reply:
    return _ok(call.state.smart_senders.order(call.query.get("order_id", "")).to_wire())


def auth_secret(call: Call) -> Reply:
    otp = call.state.smart_senders.issue_otp(call.query.get("email_account", ""))
    return _ok({"otp": otp, "expires_in": OTP_TTL})
