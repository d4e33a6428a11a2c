"""Smart Senders (the domain and mailbox marketplace): vendors, the domains for sale, mailbox
suggestions, orders with their domains and mailboxes, and the admin mailboxes' one-time passwords.

SmartLead documents most of this host's answers only as ``{"ok": true, "data": []}``, and no
error body at all: the rows and refusals below are the fake's own, in the host's ``ok``
envelope (docs/api-notes.md, Smart Senders and Prospect).
"""

from __future__ import annotations

import datetime as dt
import itertools
import secrets
from collections.abc import Iterator, Mapping, Sequence

import attrs

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend._common import ApiError, Ids, Table, record_id

__all__ = [
    "MAILBOX_PRICE",
    "OTP_TTL",
    "SEARCH_MAX_PRICE",
    "TLD_PRICES",
    "FakeMailbox",
    "FakeOrder",
    "FakeVendor",
    "OrderedDomain",
    "SmartSendersStore",
]

#: The fake's price list: a domain's price by its top-level domain (any name under these is
#: for sale unless taken).
TLD_PRICES: dict[str, float] = {
    "com": 12.0,
    "net": 13.5,
    "org": 11.0,
    "info": 4.0,
    "co": 28.0,
    "io": 39.0,
}
#: A domain search lists only domains priced at this or less (the reference page says $15).
SEARCH_MAX_PRICE = 15.0
#: What one provisioned mailbox adds to an order (the fake's own figure).
MAILBOX_PRICE = 3.0
#: Seconds an admin-mailbox OTP lives (the reference's example answer says 300).
OTP_TTL = 300
#: When an order's domain and mailboxes come up for renewal (the reference's example: a month).
ORDER_TERM = dt.timedelta(days=30)
#: The people mailbox suggestions are named after.
_PEOPLE = (
    ("James", "Smith"),
    ("Mary", "Johnson"),
    ("John", "Williams"),
    ("Patricia", "Brown"),
    ("Robert", "Jones"),
    ("Jennifer", "Garcia"),
    ("Michael", "Miller"),
    ("Linda", "Davis"),
)


def _refuse(status: int, message: str) -> ApiError:
    """A refusal in the host's own envelope (the reference documents no error body)."""
    return ApiError(status, {"ok": False, "message": message})


def _stamp(moment: dt.datetime) -> str:
    """A time as the reference's examples write it (``2026-02-10T14:22:00Z``)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _is_domain(name: str) -> bool:
    labels = name.split(".")
    return len(labels) >= 2 and all(label and " " not in label for label in labels)


def _price(domain: str) -> float | None:
    """A domain's price (``None``: not a name the fake sells)."""
    return TLD_PRICES.get(domain.rpartition(".")[2]) if _is_domain(domain) else None


@attrs.frozen
class FakeVendor:
    """A mailbox vendor of the marketplace."""

    id: int
    name: str

    def to_wire(self) -> dict[str, JSON]:
        """The vendor row of get-vendors."""
        return {"id": self.id, "name": self.name}


@attrs.frozen
class FakeMailbox:
    """A mailbox provisioned by an order. The password is a secret: kept out of the repr."""

    email: str
    first_name: str
    last_name: str
    password: str = attrs.field(repr=False, factory=lambda: secrets.token_urlsafe(12))
    profile_pic: str | None = None
    parent_account_id: int | None = None


@attrs.frozen
class OrderedDomain:
    """One domain of a place-order request, with the mailboxes to provision on it (wire rows:
    ``mailbox``, ``first_name``, ``last_name``, optionally ``profile_pic`` and
    ``parent_account_id``)."""

    domain_name: str
    mailbox_details: Sequence[Mapping[str, JSON]]


@attrs.frozen
class FakeOrder:
    """One bought domain and its mailboxes.

    The reference's order details describe one ``domain`` and its ``email_accounts``, so each
    domain of a place-order request becomes an order of its own.
    """

    order_id: str
    domain_id: int
    domain: str
    vendor_id: int
    forwarding_domain: str
    contact: Mapping[str, JSON]
    mailboxes: tuple[FakeMailbox, ...]
    price: float
    status: str = "completed"
    created_at: dt.datetime = attrs.field(factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def expires_at(self) -> dt.datetime:
        """When the domain and mailboxes come up for renewal."""
        return self.created_at + ORDER_TERM

    def summary(self) -> dict[str, JSON]:
        """The order's row in the place-order answer (no secrets)."""
        return {
            "order_id": self.order_id,
            "domain": self.domain,
            "status": self.status,
            "price": self.price,
        }

    def to_wire(self) -> dict[str, JSON]:
        """``data`` of order-details, with the mailboxes' passwords as the reference shows."""
        accounts: list[JSON] = [{"email": m.email, "password": m.password} for m in self.mailboxes]
        return {
            **self.summary(),
            "email_accounts": accounts,
            "created_at": _stamp(self.created_at),
            "expires_at": _stamp(self.expires_at),
        }

    def domain_row(self) -> dict[str, JSON]:
        """The domain's row in get-domain-list."""
        return {
            "id": self.domain_id,
            "domain_name": self.domain,
            "order_id": self.order_id,
            "vendor_id": self.vendor_id,
            "forwarding_domain": self.forwarding_domain,
            "status": self.status,
            "mailbox_count": len(self.mailboxes),
            "created_at": _stamp(self.created_at),
            "expires_at": _stamp(self.expires_at),
        }


class SmartSendersStore(Table[str, FakeOrder]):
    """Orders by order id (``ORD_<n>``), and the marketplace around them.

    Attributes:
        vendors: The vendors by id (one to start with; :meth:`add_vendor` seeds more).
        taken: Domains registered elsewhere (lower-case); add to them to seed. Bought domains
            are taken too.
        balance: What the account may still spend (``None``: unlimited); orders are charged.
        otps: The last OTP issued per admin mailbox address.
    """

    def __init__(self, ids: Ids) -> None:
        super().__init__()
        self._ids = ids
        # The marketplace's own numbering: drawing vendors from the account's ids would move
        # every other record's id.
        self._vendor_ids = Ids(start=1)
        self.vendors: dict[int, FakeVendor] = {}
        self.taken: set[str] = set()
        self.balance: float | None = None
        self.otps: dict[str, str] = {}
        self.add_vendor("Fake Mailbox Vendor")

    def add_vendor(self, name: str) -> FakeVendor:
        """A new vendor."""
        vendor = FakeVendor(self._vendor_ids(), name)
        self.vendors[vendor.id] = vendor
        return vendor

    def vendor(self, vendor_id: int | str) -> FakeVendor:
        """A vendor by id (a number, or digits as auto-generate-mailboxes sends it), or a 404."""
        vendor = self.vendors.get(record_id(vendor_id))
        if vendor is None:
            raise _refuse(404, f"Vendor {vendor_id} not found")
        return vendor

    @property
    def purchased(self) -> dict[str, FakeOrder]:
        """The bought domains' orders, by domain."""
        return {order.domain: order for order in self.values()}

    def is_available(self, domain: str) -> bool:
        """Whether the fake sells ``domain`` and nobody holds it."""
        name = domain.lower()
        return _price(name) is not None and name not in self.taken and name not in self.purchased

    def search(self, vendor_id: int | str | None, domain_name: str | None) -> list[dict[str, JSON]]:
        """The searched name under each top-level domain priced at most
        :data:`SEARCH_MAX_PRICE`, the searched one first, then by price; each row says whether
        it is available. No name: nothing to search."""
        if vendor_id is not None:
            self.vendor(vendor_id)
        if not domain_name:
            return []
        wanted = domain_name.strip().lower()
        stem = wanted.rpartition(".")[0] or wanted
        rows: list[dict[str, JSON]] = []
        for tld, price in sorted(TLD_PRICES.items(), key=lambda item: item[1]):
            name = f"{stem}.{tld}"
            if price <= SEARCH_MAX_PRICE and _is_domain(name):
                rows.append(
                    {"domain_name": name, "price": price, "available": self.is_available(name)}
                )
        # Stable: the searched name first, the others still by price.
        return sorted(rows, key=lambda row: row["domain_name"] != wanted)

    def suggest_mailboxes(
        self, vendor_id: int | str, counts: Mapping[str, int]
    ) -> list[dict[str, JSON]]:
        """``count`` new mailbox names per domain, as place-order's ``domains`` rows (so a
        suggestion can be ordered as it is); names already provisioned there are skipped."""
        self.vendor(vendor_id)
        rows: list[dict[str, JSON]] = []
        for domain, count in counts.items():
            name = domain.lower()
            order = self.purchased.get(name)
            used = {m.email.partition("@")[0] for m in order.mailboxes} if order else set()
            fresh = (person for person in _people() if person[0] not in used)
            details: list[JSON] = [
                {"mailbox": local, "first_name": first, "last_name": last}
                for local, first, last in itertools.islice(fresh, count)
            ]
            rows.append({"domain_name": name, "mailbox_details": details})
        return rows

    def place_order(
        self,
        vendor_id: int | str,
        *,
        forwarding_domain: str,
        contact: Mapping[str, JSON],
        domains: Sequence[OrderedDomain],
    ) -> list[FakeOrder]:
        """Buy ``domains`` and provision their mailboxes, all or nothing: one order per domain,
        charged to :attr:`balance`. Refused (400) when a domain is not for sale or held, a
        mailbox is repeated or not on its domain, or the balance does not cover the cost."""
        vendor = self.vendor(vendor_id)
        if not _is_domain(forwarding_domain):
            raise _refuse(400, f"Invalid forwarding domain {forwarding_domain!r}")
        planned: list[tuple[str, tuple[FakeMailbox, ...], float]] = []
        for ordered in domains:
            name = ordered.domain_name.strip().lower()
            price = _price(name)
            if price is None or not self.is_available(name) or name in (p[0] for p in planned):
                raise _refuse(400, f"Domain {name} is not available")
            mailboxes = tuple(_mailbox(name, row) for row in ordered.mailbox_details)
            emails = [m.email for m in mailboxes]
            if len(set(emails)) != len(emails):
                raise _refuse(400, f"Duplicate mailbox on {name}")
            planned.append((name, mailboxes, price + MAILBOX_PRICE * len(mailboxes)))
        cost = sum(p[2] for p in planned)
        if self.balance is not None and cost > self.balance:
            raise _refuse(400, f"Insufficient balance: the order costs {cost:.2f}")
        if self.balance is not None:
            self.balance -= cost
        orders = []
        for name, mailboxes, price in planned:
            order_id = f"ORD_{self._ids()}"
            order = FakeOrder(
                order_id, self._ids(), name, vendor.id, forwarding_domain, contact, mailboxes, price
            )
            self._rows[order_id] = order
            orders.append(order)
        return orders

    def order(self, order_id: str) -> FakeOrder:
        """An order by id, or a 404."""
        order = self._rows.get(order_id)
        if order is None:
            raise _refuse(404, f"Order {order_id} not found")
        return order

    def issue_otp(self, email_account: str) -> str:
        """A fresh one-time password for a mailbox bought here (a 404 for any other)."""
        address = email_account.strip().lower()
        if not any(m.email == address for o in self.values() for m in o.mailboxes):
            raise _refuse(404, f"Email account {address} not found")
        self.otps[address] = f"{secrets.randbelow(10**6):06d}"
        return self.otps[address]


def _people() -> Iterator[tuple[str, str, str]]:
    """Mailbox names without end: ``first.last``, then ``first.last2`` and so on."""
    for round_ in itertools.count(1):
        suffix = "" if round_ == 1 else str(round_)
        for first, last in _PEOPLE:
            yield f"{first}.{last}{suffix}".lower(), first, last


def _mailbox(domain: str, row: Mapping[str, JSON]) -> FakeMailbox:
    """A mailbox row of an order: ``mailbox`` is a local part or an address on ``domain``."""
    local, at, host = str(row.get("mailbox", "")).strip().lower().partition("@")
    if not local or (at and host != domain):
        raise _refuse(400, f"Mailbox {row.get('mailbox')!r} is not on {domain}")
    parent = row.get("parent_account_id")
    picture = row.get("profile_pic")
    return FakeMailbox(
        f"{local}@{domain}",
        str(row.get("first_name", "")),
        str(row.get("last_name", "")),
        profile_pic=picture if isinstance(picture, str) else None,
        parent_account_id=parent if isinstance(parent, int) else None,
    )
