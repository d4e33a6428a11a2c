"""Sending mailboxes: accounts, their campaigns, tags, warmup and the bulk-reconnect cool-down.

Bulk reconnect is limited to 3 calls per 24 hours per API key; over the limit the API answers
406 with ``ok: true`` (the API description's own numbers).
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterable, Mapping

import attrs

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend._common import ApiError, Ids, Table, now

__all__ = ["RECONNECTS_PER_DAY", "FakeEmailAccount", "FakeTag", "MailboxStore"]

RECONNECTS_PER_DAY = 3
_DAY = 86_400.0
#: Update-route keys that the account object reads back under another name.
_RENAMES = {
    "max_email_per_day": "message_per_day",
    "custom_tracking_url": "custom_tracking_domain",
    "bcc": "bcc_email",
    "time_to_wait_in_mins": "minTimeToWaitInMins",
    "user_name": "username",
}


def _not_found() -> ApiError:
    return ApiError(
        404, {"ok": False, "message": "Email account not found", "errorCode": "ACCOUNT_NOT_FOUND"}
    )


@attrs.define
class FakeEmailAccount:
    """A sending mailbox. ``extra`` holds every other wire key a test or update set."""

    id: int
    from_email: str
    from_name: str
    username: str
    password: str = "mailbox-password"
    smtp_host: str = "smtp.example.com"
    smtp_port: int = 465
    imap_host: str = "imap.example.com"
    imap_port: int = 993
    message_per_day: int = 40
    client_id: int | None = None
    is_smtp_success: bool = True
    is_imap_success: bool = True
    is_suspended: bool = False
    warmup_reputation: str = "100%"
    warmup: dict[str, JSON] = attrs.field(factory=lambda: {"status": "ACTIVE"})
    extra: dict[str, JSON] = attrs.field(factory=dict)
    created_at: str = attrs.field(factory=now)

    @property
    def connected(self) -> bool:
        """Whether both SMTP and IMAP last succeeded."""
        return self.is_smtp_success and self.is_imap_success

    def to_wire(self, user_id: int) -> dict[str, JSON]:
        """The account object as the list and lookup routes return it."""
        return {
            "id": self.id,
            "created_at": self.created_at,
            "updated_at": self.created_at,
            "user_id": user_id,
            "from_name": self.from_name,
            "from_email": self.from_email,
            "username": self.username,
            "password": self.password,
            "smtp_host": self.smtp_host,
            "smtp_port": self.smtp_port,
            "smtp_port_type": "SSL",
            "message_per_day": self.message_per_day,
            "imap_username": self.username,
            "imap_password": self.password,
            "imap_host": self.imap_host,
            "imap_port": self.imap_port,
            "type": "SMTP",
            "daily_sent_count": 0,
            "client_id": self.client_id,
            "is_smtp_success": self.is_smtp_success,
            "is_imap_success": self.is_imap_success,
            "is_suspended": self.is_suspended,
            "warmup_details": {
                "id": self.id,
                "warmup_reputation": self.warmup_reputation,
                **self.warmup,
            },
            **self.extra,
        }


@attrs.frozen
class FakeTag:
    """A mailbox tag."""

    id: int
    name: str
    color: str

    def to_wire(self) -> dict[str, JSON]:
        """The tag object."""
        return {"id": self.id, "name": self.name, "color": self.color}


_FIELDS = frozenset(a.name for a in attrs.fields(FakeEmailAccount)) - {"id", "extra", "warmup"}


class MailboxStore(Table[int, FakeEmailAccount]):
    """Mailboxes by id, which campaigns send from them, and their tags."""

    def __init__(self, ids: Ids, clock: Callable[[], float]) -> None:
        super().__init__()
        self._ids = ids
        self._clock = clock
        #: Campaign id → ids of the mailboxes it sends from, in the order they were added.
        self.campaign_links: dict[int, list[int]] = {}
        self.tags: dict[int, FakeTag] = {}
        #: (mailbox id, tag id) pairs.
        self.tagged: set[tuple[int, int]] = set()
        self._reconnects: dict[str, collections.deque[float]] = collections.defaultdict(
            collections.deque
        )

    def add(self, from_email: str, **fields: JSON) -> FakeEmailAccount:
        """A new mailbox; ``fields`` are wire keys (known ones land on the record)."""
        account = FakeEmailAccount(
            id=self._ids(),
            from_email=from_email,
            from_name=from_email.partition("@")[0].title(),
            username=from_email,
        )
        self.update(account, fields)
        self._rows[account.id] = account
        return account

    def update(self, account: FakeEmailAccount, fields: Mapping[str, JSON]) -> None:
        """Apply wire keys to a mailbox (update-route names are read back renamed)."""
        for key, value in fields.items():
            name = _RENAMES.get(key, key)
            if name in _FIELDS:
                setattr(account, name, value)
            else:
                account.extra[name] = value

    def existing(self, account_id: int) -> FakeEmailAccount:
        """The mailbox, or the API's 404."""
        account = self._rows.get(account_id)
        if account is None:
            raise _not_found()
        return account

    def by_email(self, from_email: str) -> FakeEmailAccount | None:
        """The mailbox sending as ``from_email``, if any."""
        return next((a for a in self._rows.values() if a.from_email == from_email), None)

    def delete(self, account_id: int) -> None:
        """Delete a mailbox and its campaign links."""
        del self._rows[self.existing(account_id).id]
        for linked in self.campaign_links.values():
            if account_id in linked:
                linked.remove(account_id)

    def known_ids(self, ids: Iterable[int]) -> list[int]:
        """``ids`` if every one is a mailbox of the account, else the API's permission error."""
        checked = []
        for account_id in ids:
            if account_id not in self._rows:
                raise ApiError(
                    400,
                    {"error": f"Email account id - {account_id} not allowed. Permission Error."},
                )
            checked.append(account_id)
        return checked

    def senders_of(self, campaign_id: int) -> list[FakeEmailAccount]:
        """The mailboxes a campaign sends from."""
        return [self._rows[i] for i in self.campaign_links.get(campaign_id, [])]

    def link(self, campaign_id: int, ids: Iterable[int]) -> list[int]:
        """Let a campaign send from more mailboxes; the ids asked for."""
        asked = self.known_ids(ids)
        linked = self.campaign_links.setdefault(campaign_id, [])
        linked += [account_id for account_id in asked if account_id not in linked]
        return asked

    def unlink(self, campaign_id: int, ids: Iterable[int]) -> int:
        """Stop a campaign sending from mailboxes; how many were removed."""
        asked = set(self.known_ids(ids))
        linked = self.campaign_links.get(campaign_id, [])
        self.campaign_links[campaign_id] = [i for i in linked if i not in asked]
        return len(linked) - len(self.campaign_links[campaign_id])

    def set_warmup(self, account: FakeEmailAccount, enabled: bool, **settings: JSON) -> None:
        """Turn warmup on or off and store its settings."""
        account.warmup = {
            **account.warmup,
            **settings,
            "status": "ACTIVE" if enabled else "INACTIVE",
        }

    def bulk_reconnect(self, api_key: str) -> int:
        """Queue every failed mailbox for reconnection (3 calls a day per key); how many."""
        calls = self._reconnects[api_key]
        moment = self._clock()
        while calls and calls[0] <= moment - _DAY:
            calls.popleft()
        if len(calls) >= RECONNECTS_PER_DAY:
            message = "Bulk reconnect API cannot be consumed more than 3 times a day"
            raise ApiError(406, {"ok": True, "message": message})
        calls.append(moment)
        return sum(1 for account in self._rows.values() if not account.connected)

    def save_tag(self, tag_id: int | None, name: str, color: str) -> FakeTag:
        """Create a tag, or update one by id (404 when the id is unknown)."""
        if tag_id is not None and tag_id not in self.tags:
            raise ApiError(404, {"error": "Tag not found"})
        tag = FakeTag(tag_id if tag_id is not None else self._ids(), name, color)
        self.tags[tag.id] = tag
        return tag

    def retag(self, account_ids: Iterable[int], tag_ids: Iterable[int], *, add: bool) -> int:
        """Add or remove tags on mailboxes (unknown tags are skipped); pairs affected."""
        pairs = {(a, t) for a in account_ids for t in tag_ids if t in self.tags}
        if add:
            self.tagged |= pairs
        else:
            self.tagged -= pairs
        return len(pairs)

    def tags_of(self, account: FakeEmailAccount) -> list[FakeTag]:
        """The tags of one mailbox."""
        return [self.tags[t] for a, t in sorted(self.tagged) if a == account.id]
