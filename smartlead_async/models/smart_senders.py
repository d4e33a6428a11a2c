"""Smart Senders models: marketplace vendors, domains, orders and admin-mailbox OTPs.

SmartLead documents most Smart Senders answers only as the placeholder ``{"ok": true, "data":
[]}``, so the row models below declare the few keys their routes' descriptions imply and keep
everything else in ``extra``. Mailbox passwords and OTPs are hidden in reprs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from smartlead_async._pagination import Envelope
from smartlead_async.models._base import Model, wire_name

__all__ = [
    "AdminMailboxOtp",
    "DomainOffer",
    "DomainOfferList",
    "MailboxOrder",
    "OrderContact",
    "OrderDetails",
    "OrderDomain",
    "OrderMailbox",
    "PurchasedDomain",
    "PurchasedDomainList",
    "Vendor",
    "VendorList",
]


def _redacted(value: object) -> str:
    return "None" if value is None else "'***'"


@attrs.frozen(kw_only=True)
class Vendor(Model):
    """A mailbox vendor of the marketplace (the reference shows no row; ``id`` and ``name``
    are the keys its description implies, the rest is kept in ``extra``)."""

    id: int | None = None
    name: str | None = None


@attrs.frozen(kw_only=True)
class VendorList(Model, Envelope):
    """The answer to listing vendors: ``{"ok": true, "data": [...]}``."""

    ok: bool | None = None
    data: tuple[Vendor, ...] = ()

    @property
    def page_items(self) -> tuple[Vendor, ...]:
        """The vendors."""
        return self.data


@attrs.frozen(kw_only=True)
class DomainOffer(Model):
    """A domain a vendor offers (the reference shows no row; keys beyond ``domain_name`` and
    ``price`` are kept in ``extra``)."""

    domain_name: str | None = None
    price: float | None = None


@attrs.frozen(kw_only=True)
class DomainOfferList(Model, Envelope):
    """The answer to a domain search: ``{"ok": true, "data": [...]}``."""

    ok: bool | None = None
    data: tuple[DomainOffer, ...] = ()

    @property
    def page_items(self) -> tuple[DomainOffer, ...]:
        """The domains offered."""
        return self.data


@attrs.frozen(kw_only=True)
class PurchasedDomain(Model):
    """A domain bought through Smart Senders (the reference shows no row)."""

    id: int | None = None
    domain_name: str | None = None


@attrs.frozen(kw_only=True)
class PurchasedDomainList(Model, Envelope):
    """The answer to listing purchased domains: ``{"ok": true, "data": [...]}``."""

    ok: bool | None = None
    data: tuple[PurchasedDomain, ...] = ()

    @property
    def page_items(self) -> tuple[PurchasedDomain, ...]:
        """The domains."""
        return self.data


@attrs.frozen(kw_only=True)
class MailboxOrder(Model):
    """A mailbox of an order. ``password`` is shown as ``'***'`` in reprs."""

    email: str | None = None
    password: str | None = attrs.field(default=None, repr=_redacted)


@attrs.frozen(kw_only=True)
class OrderDetails(Model):
    """Status and mailboxes of one order (``data`` of the order-details answer)."""

    order_id: str | None = None
    status: str | None = None
    domain: str | None = None
    email_accounts: tuple[MailboxOrder, ...] = ()
    created_at: dt.datetime | None = None
    expires_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class AdminMailboxOtp(Model):
    """A one-time password of an admin mailbox: a live secret, shown as ``'***'`` in reprs."""

    otp: str | None = attrs.field(default=None, repr=_redacted)
    expires_in: int | None = None


# --- request shapes of place-order ----------------------------------------------------------


@attrs.frozen(kw_only=True)
class OrderContact:
    """``user_details`` of an order: the buyer's contact and address (all but
    ``address_line_two`` required)."""

    email: str
    first_name: str = attrs.field(metadata=wire_name("firstName"))
    last_name: str = attrs.field(metadata=wire_name("lastName"))
    company: str
    country: str
    city: str
    address_line_one: str = attrs.field(metadata=wire_name("addressLineOne"))
    postal_code: str = attrs.field(metadata=wire_name("postalCode"))
    state: str
    phone_cc: str = attrs.field(metadata=wire_name("phoneCc"))
    phone: str
    language_preference: str = attrs.field(metadata=wire_name("languagePreference"))
    address_line_two: str | None = attrs.field(default=None, metadata=wire_name("addressLineTwo"))


@attrs.frozen(kw_only=True)
class OrderMailbox:
    """One mailbox to provision on an ordered domain (``mailbox`` is the local part or
    address, as the vendor's suggestions give it)."""

    mailbox: str
    first_name: str
    last_name: str
    profile_pic: str | None = None
    parent_account_id: int | None = None


@attrs.frozen(kw_only=True)
class OrderDomain:
    """One domain to buy, with the mailboxes to provision on it."""

    domain_name: str
    mailbox_details: Sequence[OrderMailbox]
