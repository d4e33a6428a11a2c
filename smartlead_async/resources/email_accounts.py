"""``client.email_accounts``: sending mailboxes."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import cast

from smartlead_async._endpoints import Endpoint, Paging, Unwrap, WhenBodyHas, calls, helper_of
from smartlead_async._json import JSON
from smartlead_async._pagination import Pager, Rows
from smartlead_async._sentinel import NOT_GIVEN, NotGiven, put_given
from smartlead_async._validation import (
    normalize_email,
    require_id,
    require_ids,
    require_int_range,
    require_optional_id,
    require_text,
)
from smartlead_async._window import Moment, moment
from smartlead_async.bulk import DEFAULT_CONCURRENCY, BulkResult, chunks, run_each, unique
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.common import DataResult, OkResponse
from smartlead_async.models.email_accounts import (
    CampaignEmailAccountsAdded,
    CampaignEmailAccountsRemoved,
    EmailAccount,
    EmailAccountSaved,
    EmailAccountType,
    MailboxTags,
    MailboxTagsList,
    Tag,
    WarmupStats,
    WarmupStatus,
)
from smartlead_async.resources._base import Resource, deprecated_alias

__all__ = ["EmailAccountsResource"]

_ALL_AT_ONCE = Paging(max_limit=None)
#: ``GET /email-accounts/`` serves at most 100 rows per page.
EMAIL_ACCOUNTS_MAX_LIMIT = 100
LIST_EMAIL_ACCOUNTS = Endpoint(
    "GET",
    "email-accounts/",
    Rows[EmailAccount],
    unwrap=Unwrap.ROWS,
    page=Paging(max_limit=EMAIL_ACCOUNTS_MAX_LIMIT),
)
GET_EMAIL_ACCOUNT = Endpoint("GET", "email-accounts/{email_account_id}/", EmailAccount)
LIST_CAMPAIGN_EMAIL_ACCOUNTS = Endpoint(
    "GET",
    "campaigns/{campaign_id}/email-accounts",
    Rows[EmailAccount],
    unwrap=Unwrap.ROWS,
    page=_ALL_AT_ONCE,
)
# Adding or removing the same mailboxes twice leaves the campaign as once.
ADD_TO_CAMPAIGN = Endpoint(
    "POST",
    "campaigns/{campaign_id}/email-accounts",
    CampaignEmailAccountsAdded,
    idempotent=True,
    acknowledged=True,
)
REMOVE_FROM_CAMPAIGN = Endpoint(
    "DELETE",
    "campaigns/{campaign_id}/email-accounts",
    CampaignEmailAccountsRemoved,
    idempotent=True,
    acknowledged=True,
)
# A create could add the mailbox twice; an update (body `id`) is safe to repeat.
SAVE_EMAIL_ACCOUNT = Endpoint(
    "POST",
    "email-accounts/save",
    EmailAccountSaved,
    idempotent=WhenBodyHas("id"),
    acknowledged=True,
)
UPDATE_EMAIL_ACCOUNT = Endpoint(
    "POST",
    "email-accounts/{email_account_id}",
    EmailAccountSaved,
    idempotent=True,
    acknowledged=True,
)
UPDATE_WARMUP = Endpoint(
    "POST",
    "email-accounts/{email_account_id}/warmup",
    EmailAccountSaved,
    idempotent=True,
    acknowledged=True,
)
WARMUP_STATS = Endpoint("GET", "email-accounts/{email_account_id}/warmup-stats", WarmupStats)
# Each call spends one of three reconnects a day: never repeated.
RECONNECT_FAILED = Endpoint(
    "POST", "email-accounts/reconnect-failed-email-accounts", OkResponse, idempotent=False
)
RECONNECT_ONE = Endpoint(
    "POST", "email-accounts/{email_account_id}/reconnect", OkResponse, weak=True
)
DELETE_EMAIL_ACCOUNT = Endpoint(
    "DELETE", "email-accounts/{email_account_id}", OkResponse, weak=True
)
SUSPEND = Endpoint(
    "PUT", "email-accounts/suspend/{email_account_id}", OkResponse, idempotent=True, weak=True
)
UNSUSPEND = Endpoint(
    "DELETE",
    "email-accounts/unsuspend/{email_account_id}",
    OkResponse,
    idempotent=True,
    weak=True,
)
SAVE_TAG = Endpoint(
    "POST", "email-accounts/tag-manager", Tag, unwrap=Unwrap.DATA, idempotent=WhenBodyHas("id")
)
ADD_TAGS = Endpoint("POST", "email-accounts/tag-mapping", OkResponse, idempotent=True)
REMOVE_TAGS = Endpoint("DELETE", "email-accounts/tag-mapping", OkResponse, idempotent=True)
# Reads that happen to be POSTs: safe to repeat.
TAGS_OF = Endpoint(
    "POST", "email-accounts/tag-list", MailboxTagsList, idempotent=True, page=_ALL_AT_ONCE
)
FETCH_MESSAGES = Endpoint(
    "POST", "email-accounts/{email_account_id}/fetch-messages", DataResult, idempotent=True
)
FETCH_MESSAGES_MULTI = Endpoint(
    "POST", "email-accounts/multi/fetch-messages", DataResult, idempotent=True
)
MAX_FETCH_MESSAGES = 500
#: Ids per call in :meth:`EmailAccountsResource.add_many_to_campaign`. The API documents no
#: maximum for ``email_account_ids``; 100 matches its other list bodies.
EMAIL_ACCOUNTS_CHUNK = 100
MAX_ACCOUNTS_PER_FETCH = 10
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class EmailAccountsResource(Resource):
    """Read sending mailboxes: the whole account's, one by id, or a campaign's."""

    @calls(LIST_EMAIL_ACCOUNTS)
    def list(
        self,
        *,
        offset: int = 0,
        limit: int = EMAIL_ACCOUNTS_MAX_LIMIT,
        client_id: int | None = None,
        username: str | None = None,
        esp: EmailAccountType | str | None = None,
        warmup_status: WarmupStatus | str | None = None,
        is_in_use: bool | None = None,
        is_smtp_success: bool | None = None,
        is_warmup_blocked: bool | None = None,
        fetch_campaigns: bool = False,
    ) -> Pager[EmailAccount]:
        """Mailboxes of the account (``GET /email-accounts/``), 1 to 100 per page.

        ``await`` it for one page or ``async for`` over it for every mailbox. ``username``
        matches partially; ``fetch_campaigns`` adds ``campaign_ids`` to each row.
        """
        if client_id is not None:
            require_id("client_id", client_id)
        filters = {
            "client_id": client_id,
            "username": username,
            "esp": str(esp) if esp is not None else None,
            "emailWarmupStatus": str(warmup_status) if warmup_status is not None else None,
            "isInUse": is_in_use,
            "isSmtpSuccess": is_smtp_success,
            "isWarmupBlocked": is_warmup_blocked,
            "fetch_campaigns": True if fetch_campaigns else None,
        }
        return self._pipeline.pager(LIST_EMAIL_ACCOUNTS, start=offset, limit=limit, query=filters)

    @calls(GET_EMAIL_ACCOUNT)
    async def get(
        self, email_account_id: int, *, fetch_campaigns: bool = False, fetch_tags: bool = False
    ) -> EmailAccount:
        """One mailbox by id (``GET /email-accounts/{email_account_id}/``)."""
        require_id("email_account_id", email_account_id)
        query = {
            "fetch_campaigns": True if fetch_campaigns else None,
            "fetch_tags": True if fetch_tags else None,
        }
        return await self._pipeline.call(
            GET_EMAIL_ACCOUNT, query=query, email_account_id=email_account_id
        )

    @calls(LIST_CAMPAIGN_EMAIL_ACCOUNTS)
    def list_by_campaign(self, campaign_id: int) -> Pager[EmailAccount]:
        """Mailboxes that send for a campaign (``GET /campaigns/{campaign_id}/email-accounts``;
        one page)."""
        require_id("campaign_id", campaign_id)
        return self._pipeline.pager(LIST_CAMPAIGN_EMAIL_ACCOUNTS, campaign_id=campaign_id)

    @calls(ADD_TO_CAMPAIGN)
    async def add_to_campaign(
        self,
        campaign_id: int,
        email_account_ids: Sequence[int],
        *,
        auto_adjust_warmup: bool | None = None,
    ) -> CampaignEmailAccountsAdded:
        """Make mailboxes send for a campaign (``POST /campaigns/{campaign_id}/email-accounts``)."""
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {
            "email_account_ids": require_ids("email_account_ids", email_account_ids)
        }
        if auto_adjust_warmup is not None:
            body["auto_adjust_warmup"] = auto_adjust_warmup
        return await self._pipeline.call(ADD_TO_CAMPAIGN, json=body, campaign_id=campaign_id)

    @helper_of(ADD_TO_CAMPAIGN)
    async def add_to_campaign_many(
        self,
        campaign_id: int,
        email_account_ids: Sequence[int],
        *,
        auto_adjust_warmup: bool | None = None,
        chunk_size: int = EMAIL_ACCOUNTS_CHUNK,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> BulkResult[tuple[int, ...], CampaignEmailAccountsAdded]:
        """Add any number of mailboxes to a campaign, ``chunk_size`` ids per call.

        Items of the result are the chunks sent (repeats dropped), so a failed chunk can be
        passed to :meth:`add_to_campaign` again.
        """
        require_id("campaign_id", campaign_id)
        require_int_range("chunk_size", chunk_size, 1, EMAIL_ACCOUNTS_CHUNK)
        ids = unique(cast("list[int]", require_ids("email_account_ids", email_account_ids)))

        async def add(chunk: tuple[int, ...]) -> CampaignEmailAccountsAdded:
            return await self.add_to_campaign(
                campaign_id, chunk, auto_adjust_warmup=auto_adjust_warmup
            )

        return await run_each(chunks(ids, chunk_size), add, concurrency=concurrency)

    add_many_to_campaign = deprecated_alias(
        "add_many_to_campaign",
        "email_accounts.add_to_campaign_many",
        lambda self: self.add_to_campaign_many,
    )

    @calls(REMOVE_FROM_CAMPAIGN)
    async def remove_from_campaign(
        self, campaign_id: int, email_account_ids: Sequence[int]
    ) -> CampaignEmailAccountsRemoved:
        """Stop mailboxes sending for a campaign (``DELETE``, ids in the body)."""
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {
            "email_account_ids": require_ids("email_account_ids", email_account_ids)
        }
        return await self._pipeline.call(REMOVE_FROM_CAMPAIGN, json=body, campaign_id=campaign_id)

    @calls(SAVE_EMAIL_ACCOUNT)
    async def save(
        self,
        *,
        from_name: str,
        from_email: str,
        username: str,
        password: str,
        smtp_host: str,
        smtp_port: int,
        imap_host: str,
        imap_port: int,
        warmup_enabled: bool = False,
        max_email_per_day: int | None = None,
        custom_tracking_url: str | None = None,
        bcc: str | None = None,
        signature: str | None = None,
        total_warmup_per_day: int | None = None,
        daily_rampup: int | None = None,
        reply_rate_percentage: int | None = None,
        client_id: int | None = None,
        email_account_id: int | None = None,
    ) -> EmailAccountSaved:
        """Create an SMTP/IMAP mailbox, or update one with ``email_account_id``.

        SmartLead verifies the credentials: failures raise ``BadRequestError`` with
        ``errorCode`` ``ACCOUNT_ALREADY_EXIST`` or ``ACCOUNT_VERIFICATION_FAILED`` in ``body``.
        Not retried after an ambiguous failure when creating (it could add the mailbox twice).
        """
        body: dict[str, JSON] = {
            "id": require_id("email_account_id", email_account_id) if email_account_id else None,
            "from_name": require_text("from_name", from_name),
            "from_email": normalize_email(from_email, field="from_email"),
            "user_name": require_text("username", username),
            "password": require_text("password", password),
            "smtp_host": require_text("smtp_host", smtp_host),
            "smtp_port": require_int_range("smtp_port", smtp_port, 1, 65535),
            "imap_host": require_text("imap_host", imap_host),
            "imap_port": require_int_range("imap_port", imap_port, 1, 65535),
            "warmup_enabled": bool(warmup_enabled),
        }
        optional: dict[str, JSON] = {
            "max_email_per_day": _optional_int("max_email_per_day", max_email_per_day, 1),
            "custom_tracking_url": custom_tracking_url,
            "bcc": bcc,
            "signature": signature,
            "total_warmup_per_day": _optional_int("total_warmup_per_day", total_warmup_per_day, 1),
            "daily_rampup": _optional_int("daily_rampup", daily_rampup, 0),
            "reply_rate_percentage": _optional_int(
                "reply_rate_percentage", reply_rate_percentage, 0, 100
            ),
            "client_id": require_optional_id("client_id", client_id),
        }
        body |= {key: value for key, value in optional.items() if value is not None}
        return await self._pipeline.call(SAVE_EMAIL_ACCOUNT, json=body)

    @calls(UPDATE_EMAIL_ACCOUNT)
    async def update(
        self,
        email_account_id: int,
        *,
        max_email_per_day: int | NotGiven = NOT_GIVEN,
        custom_tracking_url: str | NotGiven | None = NOT_GIVEN,
        bcc: str | NotGiven | None = NOT_GIVEN,
        signature: str | NotGiven | None = NOT_GIVEN,
        client_id: int | NotGiven | None = NOT_GIVEN,
        time_to_wait_in_mins: int | NotGiven = NOT_GIVEN,
    ) -> EmailAccountSaved:
        """Change a mailbox's sending settings; only the arguments you pass are sent."""
        require_id("email_account_id", email_account_id)
        body: dict[str, JSON] = {}
        put_given(body, "max_email_per_day", max_email_per_day, _at_least("max_email_per_day", 1))
        put_given(body, "custom_tracking_url", custom_tracking_url, _optional_str)
        put_given(body, "bcc", bcc, _optional_str)
        put_given(body, "signature", signature, _optional_str)
        put_given(body, "client_id", client_id, lambda v: require_optional_id("client_id", v))
        put_given(
            body,
            "time_to_wait_in_mins",
            time_to_wait_in_mins,
            _at_least("time_to_wait_in_mins", 0),
        )
        if not body:
            raise RequestValidationError("update needs at least one field to change")
        return await self._pipeline.call(
            UPDATE_EMAIL_ACCOUNT, json=body, email_account_id=email_account_id
        )

    @calls(UPDATE_WARMUP)
    async def update_warmup(
        self,
        email_account_id: int,
        *,
        enabled: bool,
        total_warmup_per_day: int | None = None,
        daily_rampup: int | None = None,
        reply_rate_percentage: int | None = None,
        warmup_key_id: str | None = None,
    ) -> EmailAccountSaved:
        """Turn warmup on or off and tune it (``POST /email-accounts/{id}/warmup``)."""
        require_id("email_account_id", email_account_id)
        body: dict[str, JSON] = {"warmup_enabled": bool(enabled)}
        optional: dict[str, JSON] = {
            "total_warmup_per_day": _optional_int("total_warmup_per_day", total_warmup_per_day, 1),
            "daily_rampup": _optional_int("daily_rampup", daily_rampup, 0),
            "reply_rate_percentage": _optional_int(
                "reply_rate_percentage", reply_rate_percentage, 0, 100
            ),
            "warmup_key_id": warmup_key_id,
        }
        body |= {key: value for key, value in optional.items() if value is not None}
        return await self._pipeline.call(
            UPDATE_WARMUP, json=body, email_account_id=email_account_id
        )

    @calls(WARMUP_STATS)
    async def warmup_stats(self, email_account_id: int) -> WarmupStats:
        """Warmup counters of a mailbox for the last 7 days."""
        require_id("email_account_id", email_account_id)
        return await self._pipeline.call(WARMUP_STATS, email_account_id=email_account_id)

    @calls(RECONNECT_FAILED)
    async def reconnect_failed(self) -> OkResponse:
        """Queue every disconnected mailbox for reconnection (asynchronous).

        Limited to 3 calls per 24 hours: the 4th raises ``NotAcceptableError`` (406, whose body
        still says ``ok: true``). With no failed mailbox the API answers 404
        (``NotFoundError``). Not retried: each call spends one of the 3.
        """
        return await self._pipeline.call(RECONNECT_FAILED, json={})

    @calls(RECONNECT_ONE)
    async def reconnect(self, email_account_id: int) -> OkResponse:
        """Reconnect one mailbox (**[weak]**: only an n8n community node documents this route)."""
        require_id("email_account_id", email_account_id)
        return await self._pipeline.call(RECONNECT_ONE, email_account_id=email_account_id)

    @calls(SAVE_TAG)
    async def save_tag(self, *, name: str, color: str, tag_id: int | None = None) -> Tag:
        """Create a mailbox tag, or change one with ``tag_id``; ``color`` is ``#RRGGBB``."""
        if not isinstance(color, str) or not _COLOR.match(color):
            raise RequestValidationError(f"color must look like #FF5733, got {color!r}")
        body: dict[str, JSON] = {"name": require_text("name", name), "color": color}
        if tag_id is not None:
            body["id"] = require_id("tag_id", tag_id)
        return await self._pipeline.call(SAVE_TAG, json=body)

    @calls(ADD_TAGS)
    async def add_tags(
        self, email_account_ids: Sequence[int], tag_ids: Sequence[int]
    ) -> OkResponse:
        """Tag mailboxes (existing mappings are skipped)."""
        body: dict[str, JSON] = {
            "email_account_ids": require_ids("email_account_ids", email_account_ids),
            "tag_ids": require_ids("tag_ids", tag_ids),
        }
        return await self._pipeline.call(ADD_TAGS, json=body)

    @calls(REMOVE_TAGS)
    async def remove_tags(
        self, email_account_ids: Sequence[int], tag_ids: Sequence[int]
    ) -> OkResponse:
        """Untag mailboxes (missing mappings are skipped)."""
        body: dict[str, JSON] = {
            "email_account_ids": require_ids("email_account_ids", email_account_ids),
            "tag_ids": require_ids("tag_ids", tag_ids),
        }
        return await self._pipeline.call(REMOVE_TAGS, json=body)

    @calls(TAGS_OF)
    def tags_of(self, *, emails: Sequence[str]) -> Pager[MailboxTags]:
        """Mailboxes and their tags, looked up by sending address (one page)."""
        if isinstance(emails, str) or not emails:
            raise RequestValidationError("emails must be a non-empty sequence")
        body: dict[str, JSON] = {"email_ids": [normalize_email(e, field="emails") for e in emails]}
        return self._pipeline.pager(TAGS_OF, json=body)

    @calls(FETCH_MESSAGES)
    async def fetch_messages(
        self,
        email_account_id: int,
        *,
        limit: int = 100,
        folder: str = "INBOX",
        include_body: bool = False,
        start: Moment | None = None,
        end: Moment | None = None,
    ) -> DataResult:
        """Read messages straight from a mailbox (proxied live; 1 to 500), optionally only those
        from ``start`` and/or until ``end`` (dates or tz-aware datetimes)."""
        require_id("email_account_id", email_account_id)
        body = _fetch_body(limit, folder, include_body, start, end)
        return await self._pipeline.call(
            FETCH_MESSAGES, json=body, email_account_id=email_account_id
        )

    @calls(FETCH_MESSAGES_MULTI)
    async def fetch_messages_multi(
        self,
        email_account_ids: Sequence[int],
        *,
        limit: int = 100,
        folder: str = "INBOX",
        include_body: bool = False,
    ) -> DataResult:
        """Read messages from up to 10 mailboxes at once; results are per mailbox."""
        ids = require_ids("email_account_ids", email_account_ids, max_count=MAX_ACCOUNTS_PER_FETCH)
        shared = _fetch_body(limit, folder, include_body, None, None)
        body: JSON = [{"account_id": account_id, **shared} for account_id in ids]
        return await self._pipeline.call(FETCH_MESSAGES_MULTI, json=body)

    fetch_messages_many = deprecated_alias(
        "fetch_messages_many",
        "email_accounts.fetch_messages_multi",
        lambda self: self.fetch_messages_multi,
    )

    @calls(DELETE_EMAIL_ACCOUNT)
    async def delete(self, email_account_id: int) -> OkResponse:
        """Delete a mailbox (**[weak]**: only one CLI documents this route)."""
        return await self._pipeline.call(
            DELETE_EMAIL_ACCOUNT, email_account_id=require_id("email_account_id", email_account_id)
        )

    @calls(SUSPEND)
    async def suspend(self, email_account_id: int) -> OkResponse:
        """Stop a mailbox sending without removing it (**[weak]**)."""
        return await self._pipeline.call(
            SUSPEND, email_account_id=require_id("email_account_id", email_account_id)
        )

    @calls(UNSUSPEND)
    async def unsuspend(self, email_account_id: int) -> OkResponse:
        """Let a suspended mailbox send again (**[weak]**; the route really is a DELETE)."""
        return await self._pipeline.call(
            UNSUSPEND, email_account_id=require_id("email_account_id", email_account_id)
        )


def _optional_int(name: str, value: int | None, low: int, high: int | None = None) -> int | None:
    return None if value is None else require_int_range(name, value, low, high)


def _fetch_body(
    limit: int,
    folder: str,
    include_body: bool,
    start: Moment | None,
    end: Moment | None,
) -> dict[str, JSON]:
    body: dict[str, JSON] = {
        "limit": require_int_range("limit", limit, 1, MAX_FETCH_MESSAGES),
        "folder": require_text("folder", folder),
        "includeBody": include_body,
    }
    if start is not None:
        body["from"] = moment("start", start, "datetime")
    if end is not None:
        body["to"] = moment("end", end, "datetime", end_of_day=True)
    return body


def _at_least(name: str, low: int) -> Callable[[int], JSON]:
    return lambda value: require_int_range(name, value, low)


def _optional_str(value: str | None) -> JSON:
    if value is not None and not isinstance(value, str):
        raise RequestValidationError(f"expected a string or None, got {value!r}")
    return value
