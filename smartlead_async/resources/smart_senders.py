"""``client.smart_senders``: domains and mailboxes to buy from the marketplace.

Served by its own host, with its own base URL (``SmartleadClient(host_urls=...)``) and rate
gate (docs/api-notes.md, Authentication). Paths repeat the ``smart-senders/`` segment below the
host's ``/api/v1`` base. Most answers are documented only as ``{"ok": true, "data": []}``; the
row models keep every key they do not declare in ``extra``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from smartlead_async._convert import CONVERTER, to_wire
from smartlead_async._endpoints import Endpoint, Paging, Unwrap, calls
from smartlead_async._hosts import Host
from smartlead_async._json import JSON
from smartlead_async._pagination import Pager
from smartlead_async._request import QueryValue
from smartlead_async._validation import (
    normalize_email,
    require_confirmation,
    require_id,
    require_int_range,
    require_text,
)
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.common import OkResponse
from smartlead_async.models.smart_senders import (
    AdminMailboxOtp,
    DomainOffer,
    DomainOfferList,
    OrderContact,
    OrderDetails,
    OrderDomain,
    OrderMailbox,
    PurchasedDomain,
    PurchasedDomainList,
    Vendor,
    VendorList,
)
from smartlead_async.resources._base import Resource

__all__ = ["SmartSendersResource"]

_HOST: Host = "smart_senders"
_ALL_AT_ONCE = Paging(max_limit=None)
GET_VENDORS = Endpoint(
    "GET", "smart-senders/get-vendors", VendorList, page=_ALL_AT_ONCE, host=_HOST
)
SEARCH_DOMAIN = Endpoint(
    "GET", "smart-senders/search-domain", DomainOfferList, page=_ALL_AT_ONCE, host=_HOST
)
# Suggestions only (nothing is bought), but a POST: not repeated after an ambiguous failure.
AUTO_GENERATE_MAILBOXES = Endpoint(
    "POST", "smart-senders/auto-generate-mailboxes", OkResponse, host=_HOST
)
# Spends money: never repeated (docs/api-notes.md, Retries and idempotency).
PLACE_ORDER = Endpoint(
    "POST", "smart-senders/place-order", OkResponse, idempotent=False, host=_HOST
)
GET_DOMAIN_LIST = Endpoint(
    "GET", "smart-senders/get-domain-list", PurchasedDomainList, page=_ALL_AT_ONCE, host=_HOST
)
GET_ORDER_DETAILS = Endpoint(
    "GET", "smart-senders/order-details", OrderDetails, unwrap=Unwrap.DATA, host=_HOST
)
GET_ADMIN_OTP = Endpoint(
    "GET", "smart-senders/auth-secret", AdminMailboxOtp, unwrap=Unwrap.DATA, host=_HOST
)

#: Mailboxes to suggest per domain: the reference shows ``{"count": 3}`` and no bound.
_MAX_SUGGESTED_PER_DOMAIN = 100


class SmartSendersResource(Resource):
    """Smart Senders: domains and mailboxes to buy from SmartLead's marketplace.

    Access to the host is arranged through SmartLead's support. :meth:`place_order` spends
    money and asks for ``confirm_cost=True``; :meth:`admin_otp` answers a live one-time password
    (hidden in reprs).
    """

    @calls(GET_VENDORS)
    def vendors(self) -> Pager[Vendor]:
        """The active mailbox vendors and their ids (one page: the route is not paged)."""
        return self._pipeline.pager(GET_VENDORS)

    @calls(SEARCH_DOMAIN)
    def search_domain(self, vendor_id: int, *, domain_name: str) -> Pager[DomainOffer]:
        """Check whether ``domain_name`` is available at a vendor (one page).

        SmartLead says the answer lists domains priced at $15 or less. ``vendor_id`` is an integer
        here (but a string on :meth:`auto_generate_mailboxes`, which the SDK converts).
        """
        query: dict[str, QueryValue | None] = {
            "domain_name": _domain("domain_name", domain_name),
            "vendor_id": require_id("vendor_id", vendor_id),
        }
        return self._pipeline.pager(SEARCH_DOMAIN, query=query)

    @calls(AUTO_GENERATE_MAILBOXES)
    async def auto_generate_mailboxes(
        self, vendor_id: int, *, domains: Mapping[str, int]
    ) -> OkResponse:
        """Suggest mailbox addresses: ``domains`` maps each domain to how many to suggest.

        Sent as ``{"vendor_id": "<id>", "domains": {"example.com": {"count": 3}}}``: this route
        takes ``vendor_id`` as a string, unlike the others. The suggestions are in ``data`` as
        sent (the reference documents only an empty placeholder). Nothing is bought.
        """
        if not isinstance(domains, Mapping) or not domains:
            raise RequestValidationError("domains must map at least one domain to a count")
        wire_domains: dict[str, JSON] = {
            _domain("domains", domain): {
                "count": require_int_range(
                    f"domains[{domain!r}]", count, 1, _MAX_SUGGESTED_PER_DOMAIN
                )
            }
            for domain, count in domains.items()
        }
        body: dict[str, JSON] = {
            "vendor_id": str(require_id("vendor_id", vendor_id)),
            "domains": wire_domains,
        }
        return await self._pipeline.call(AUTO_GENERATE_MAILBOXES, json=body)

    @calls(PLACE_ORDER)
    async def place_order(
        self,
        vendor_id: int,
        *,
        forwarding_domain: str,
        user_details: OrderContact,
        domains: Sequence[OrderDomain],
        confirm_cost: bool = False,
    ) -> OkResponse:
        """**Buy** domains and provision their mailboxes through a vendor: this spends money.

        Refused before sending unless ``confirm_cost=True``; never retried. ``forwarding_domain``
        is where the bought domains forward visitors; each :class:`OrderDomain` names its
        mailboxes (:class:`OrderMailbox`).
        """
        require_confirmation(
            "confirm_cost", confirm_cost, "place_order buys domains and mailboxes (it spends money)"
        )
        if not isinstance(user_details, OrderContact):
            raise RequestValidationError("user_details must be an OrderContact")
        for field in attrs.fields(OrderContact):
            if field.name != "address_line_two":
                require_text(f"user_details.{field.name}", getattr(user_details, field.name))
        normalize_email(user_details.email, field="user_details.email")
        contact = to_wire(CONVERTER, user_details)
        if isinstance(domains, str) or not isinstance(domains, Sequence) or not domains:
            raise RequestValidationError("domains must be a non-empty sequence of OrderDomain")
        body: dict[str, JSON] = {
            "vendor_id": require_id("vendor_id", vendor_id),
            "forwarding_domain": _domain("forwarding_domain", forwarding_domain),
            "user_details": contact,
            "domains": [_order_domain(domain) for domain in domains],
        }
        return await self._pipeline.call(PLACE_ORDER, json=body)

    @calls(GET_DOMAIN_LIST)
    def domains(self) -> Pager[PurchasedDomain]:
        """The domains bought through Smart Senders (one page: the route is not paged)."""
        return self._pipeline.pager(GET_DOMAIN_LIST)

    @calls(GET_ORDER_DETAILS)
    async def order(self, order_id: str) -> OrderDetails:
        """Status and mailboxes of one order (ids look like ``ORD_12345``).

        The answer carries the mailboxes' passwords; they are hidden in reprs.
        """
        query = {"order_id": require_text("order_id", order_id)}
        return await self._pipeline.call(GET_ORDER_DETAILS, query=query)

    @calls(GET_ADMIN_OTP)
    async def admin_otp(self, *, email_account: str) -> AdminMailboxOtp:
        """The current one-time password of an admin mailbox (a live secret, hidden in reprs)."""
        query = {"email_account": normalize_email(email_account, field="email_account")}
        return await self._pipeline.call(GET_ADMIN_OTP, query=query)


def _domain(name: str, value: str) -> str:
    text = require_text(name, value).lower()
    labels = text.split(".")
    if len(labels) < 2 or not all(labels) or any(" " in label for label in labels):
        raise RequestValidationError(f"{name}: {value!r} is not a domain name")
    return text


def _order_domain(domain: object) -> JSON:
    if not isinstance(domain, OrderDomain):
        raise RequestValidationError("domains must hold OrderDomain items")
    mailboxes = domain.mailbox_details
    if isinstance(mailboxes, str) or not isinstance(mailboxes, Sequence) or not mailboxes:
        raise RequestValidationError(
            f"domain {domain.domain_name!r}: mailbox_details must be a non-empty sequence"
        )
    rows: list[JSON] = []
    for mailbox in mailboxes:
        if not isinstance(mailbox, OrderMailbox):
            raise RequestValidationError("mailbox_details must hold OrderMailbox items")
        for field in ("mailbox", "first_name", "last_name"):
            require_text(f"mailbox_details.{field}", getattr(mailbox, field))
        if mailbox.parent_account_id is not None:
            require_id("parent_account_id", mailbox.parent_account_id)
        rows.append(to_wire(CONVERTER, mailbox))
    return {"domain_name": _domain("domain_name", domain.domain_name), "mailbox_details": rows}
