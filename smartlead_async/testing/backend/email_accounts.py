"""Sending mailboxes: accounts, their campaigns, tags, warmup and the bulk-reconnect cool-down.

Bulk reconnect is limited to 3 calls per 24 hours per API key; over the limit the API answers
406 with ``ok: true`` (the API description's own numbers).
"""

from __future__ import annotations

import collections
import secrets
from collections.abc import Callable, Iterable, Mapping

import attrs

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend._common import ApiError, Ids, Table, joi, now

__all__ = [
    "DEFAULT_TAG_COLOR",
    "FETCH_REPLIES_RUN_SECONDS",
    "MAILBOXES_PER_CAMPAIGN",
    "MAILBOXES_PER_CAMPAIGN_MAX_LIMIT",
    "RECONNECTS_PER_DAY",
    "FakeEmailAccount",
    "FakeTag",
    "MailboxStore",
]

RECONNECTS_PER_DAY = 3
_DAY = 86_400.0
#: Mailboxes one campaign may send from (``max_limit=true`` raises the cap).
MAILBOXES_PER_CAMPAIGN = 2_500
MAILBOXES_PER_CAMPAIGN_MAX_LIMIT = 5_000
#: A live reply fetch counts as running this long after it started (406 to a second one).
FETCH_REPLIES_RUN_SECONDS = 30 * 60.0
#: The colour ``POST /tags`` gives a tag created without one (the reference says only that a
#: default is assigned; this one is the fake's choice).
DEFAULT_TAG_COLOR = "#4CAF50"
#: Providers an OAuth mailbox may come from, and the token type its token must carry.
OAUTH_PROVIDERS = frozenset({"GMAIL", "OUTLOOK"})
OAUTH_TOKEN_TYPE = "Bearer"
#: Bulk-config keys (camelCase) → the account field or warmup key they change.
_BULK_FIELDS = {
    "messagePerDay": "message_per_day",
    "fromName": "from_name",
    "clientId": "client_id",
    "minTimeToWaitInMins": "minTimeToWaitInMins",
    "signature": "signature",
    "customTrackingDomain": "custom_tracking_domain",
}
_BULK_WARMUP = {
    "maxEmailPerDay": "max_email_per_day",
    "warmupMinCount": "warmup_min_count",
    "warmupMaxCount": "warmup_max_count",
    "replyRate": "reply_rate_percentage",
    "isRampupEnabled": "is_rampup_enabled",
    "rampupValue": "daily_rampup",
    "sendWarmupsOnlyOnWeekdays": "send_warmups_only_on_weekdays",
    "autoAdjustWarmup": "auto_adjust_warmup",
    "useCustomDomain": "use_custom_domain",
    "warmupTagIdentifier": "warmup_key_id",
    "dailyReplyLimit": "daily_reply_limit",
}
#: Warmup ranges the bulk-config route enforces (key: inclusive bounds).
_BULK_RANGES = {
    "maxEmailPerDay": (1, 250),
    "warmupMinCount": (1, 50),
    "warmupMaxCount": (1, 250),
    "replyRate": (1, 100),
    "dailyReplyLimit": (8, 80),
}
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
        #: API key → when its last live reply fetch started (fake clock).
        self._reply_fetches: dict[str, float] = {}
        #: Mailbox id → the warmup-unblock code last emailed to it (tests read it here).
        self.otps: dict[int, str] = {}
        #: Single emails sent through ``POST /send-email/initiate``, in order.
        self.sent_emails: list[dict[str, JSON]] = []

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

    def create_tag(self, name: str, color: str | None) -> FakeTag:
        """A new tag (``POST /tags``); names are unique (case-insensitive)."""
        if not name.strip():
            raise joi('"name" is not allowed to be empty', "name")
        if any(t.name.lower() == name.strip().lower() for t in self.tags.values()):
            raise ApiError(400, {"ok": False, "message": "Tag with this name already exists"})
        tag = FakeTag(self._ids(), name.strip(), color or DEFAULT_TAG_COLOR)
        self.tags[tag.id] = tag
        return tag

    def link_by_tag(
        self, campaign_id: int, tag_ids: list[int], *, only_connected: bool, max_limit: bool
    ) -> dict[str, JSON]:
        """Attach every mailbox carrying one of ``tag_ids`` to a campaign (the by-tag route)."""
        if not tag_ids:
            raise joi('"tag_ids" must contain at least 1 items', "tag_ids")
        unknown = [t for t in tag_ids if t not in self.tags]
        if unknown:
            raise ApiError(400, {"ok": False, "message": f"Invalid tag ids: {unknown}"})
        cap = MAILBOXES_PER_CAMPAIGN_MAX_LIMIT if max_limit else MAILBOXES_PER_CAMPAIGN
        linked = self.campaign_links.setdefault(campaign_id, [])
        if len(linked) >= cap:
            raise ApiError(
                400, {"ok": False, "message": f"Campaign already has {cap} email accounts"}
            )
        resolved = sorted({a for a, t in self.tagged if t in tag_ids and a in self._rows})
        disconnected = [a for a in resolved if not self._rows[a].connected]
        chosen = [a for a in resolved if not (only_connected and a in disconnected)]
        fresh = [a for a in chosen if a not in linked][: cap - len(linked)]
        linked += fresh
        return {
            "added": list[JSON](fresh),
            "already_associated_count": len(chosen) - len(fresh),
            "matched_tags": [{"id": t, "name": self.tags[t].name} for t in tag_ids],
            "resolved_account_count": len(resolved),
            "disconnected_account_count": len(disconnected),
            "skipped_disconnected_count": len(resolved) - len(chosen),
        }

    def bulk_update(self, account_ids: list[int], update: Mapping[str, JSON]) -> int:
        """Apply a bulk-config ``updateData`` to the caller's mailboxes (foreign ids are
        skipped); how many were updated."""
        if not account_ids:
            raise joi('"emailAccountIds" must contain at least 1 items', "emailAccountIds")
        for key, (low, high) in _BULK_RANGES.items():
            value = update.get(key)
            if value is not None and (not isinstance(value, int) or not low <= value <= high):
                raise joi(f'"updateData.{key}" must be within {low}..{high}', key)
        low_count, high_count = update.get("warmupMinCount"), update.get("warmupMaxCount")
        if isinstance(low_count, int) and isinstance(high_count, int) and low_count > high_count:
            raise joi(
                '"updateData.warmupMinCount" must not exceed warmupMaxCount', "warmupMinCount"
            )
        accounts = [self._rows[i] for i in account_ids if i in self._rows]
        for account in accounts:
            fields = {_BULK_FIELDS[k]: v for k, v in update.items() if k in _BULK_FIELDS}
            self.update(account, fields)
            warmup = {_BULK_WARMUP[k]: v for k, v in update.items() if k in _BULK_WARMUP}
            status = update.get("status")
            if status is not None:
                blocked = account.warmup.get("is_warmup_blocked") is True
                warmup["status"] = "INACTIVE" if blocked else status
            account.warmup = {**account.warmup, **warmup}
            tags = update.get("tags")
            if isinstance(tags, list):
                tag_ids = [t for t in tags if isinstance(t, int)]
                self.tagged = {(a, t) for a, t in self.tagged if a != account.id}
                self.tagged |= {(account.id, t) for t in tag_ids if t in self.tags}
        return len(accounts)

    def fetch_replies(self, api_key: str) -> int:
        """Start a live reply fetch for every mailbox; 406 while the last one still runs."""
        moment = self._clock()
        started = self._reply_fetches.get(api_key)
        if started is not None and moment - started < FETCH_REPLIES_RUN_SECONDS:
            raise ApiError(406, {"message": "Live fetch is already in-progress. Please try later."})
        self._reply_fetches[api_key] = moment
        return len(self._rows)

    def send_otp(self, account: FakeEmailAccount) -> str:
        """Email a new warmup-unblock code to a mailbox (kept in :attr:`otps`)."""
        code = f"{secrets.randbelow(1_000_000):06d}"
        self.otps[account.id] = code
        return code

    def verify_otp(self, account: FakeEmailAccount, otp: str) -> None:
        """Unblock a mailbox's warmup with the code last sent (used once); 400 otherwise."""
        if not otp or self.otps.get(account.id) != otp:
            raise ApiError(400, {"ok": False, "message": "Invalid or expired OTP"})
        del self.otps[account.id]
        account.warmup = {**account.warmup, "is_warmup_blocked": False}

    def save_oauth(self, fields: Mapping[str, JSON]) -> FakeEmailAccount:
        """Connect a Gmail or Outlook mailbox by OAuth token (or, with ``id``, update one)."""
        provider = fields.get("type")
        if provider not in OAUTH_PROVIDERS:
            raise joi('"type" must be one of [GMAIL, OUTLOOK]', "type")
        token = fields.get("token")
        if not isinstance(token, dict) or token.get("token_type") != OAUTH_TOKEN_TYPE:
            raise joi(f'"token.token_type" must be {OAUTH_TOKEN_TYPE}', "token.token_type")
        settings = {
            key: value
            for key, value in fields.items()
            if key not in {"id", "token", "type", "from_email", "use_whitelabel_credentials"}
            and value is not None
        }
        settings["type"] = provider
        account_id = fields.get("id")
        if isinstance(account_id, int):
            account = self.existing(account_id)
            self.update(account, settings)
            return account
        from_email = str(fields.get("from_email") or "")
        existing = self.by_email(from_email)
        if existing is not None:
            self.update(existing, settings)
            return existing
        return self.add(from_email, **settings)

    def send_single(self, fields: Mapping[str, JSON]) -> dict[str, JSON]:
        """Send one email from a mailbox named by ``fromEmail`` or ``fromEmailId``; the sent
        record (kept in :attr:`sent_emails`)."""
        by_id, by_email = fields.get("fromEmailId"), fields.get("fromEmail")
        if (by_id is None) == (by_email is None):
            raise joi('"value" must contain exactly one of [fromEmail, fromEmailId]', "fromEmail")
        sender = self._rows.get(by_id) if isinstance(by_id, int) else self.by_email(str(by_email))
        if sender is None:
            raise _not_found()
        record: dict[str, JSON] = {
            "message_id": f"msg_{self._ids()}",
            "from_email": sender.from_email,
            "to": fields.get("to"),
            "subject": fields.get("subject"),
            "body": fields.get("body"),
            "sent_at": now(),
        }
        self.sent_emails.append(record)
        return record
