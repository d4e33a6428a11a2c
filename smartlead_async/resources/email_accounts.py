"""``client.email_accounts``: sending mailboxes."""

from __future__ import annotations

import base64
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Literal, cast

from smartlead_async._endpoints import Endpoint, Paging, Unwrap, WhenBodyHas, calls, helper_of
from smartlead_async._json import JSON
from smartlead_async._pagination import Pager, Rows
from smartlead_async._sentinel import NOT_GIVEN, NotGiven, put_given
from smartlead_async._validation import (
    normalize_email,
    require_confirmation,
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
    BulkConfigUpdated,
    CampaignEmailAccountsAdded,
    CampaignEmailAccountsRemoved,
    EmailAccount,
    EmailAccountSaved,
    EmailAccountType,
    EmailAttachment,
    EmailSent,
    MailboxTags,
    MailboxTagsList,
    OAuthEmailAccountSaved,
    Tag,
    WarmupStats,
    WarmupStatus,
)
from smartlead_async.resources._base import Resource, deprecated_alias, mark_deprecated

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
GET_BY_EMAIL = Endpoint("GET", "email-accounts/fetch-email-account-details", EmailAccount)
LIST_CAMPAIGN_EMAIL_ACCOUNTS = Endpoint(
    "GET",
    "campaigns/{campaign_id}/email-accounts",
    Rows[EmailAccount],
    unwrap=Unwrap.ROWS,
    page=_ALL_AT_ONCE,
)
# Adding or removing the same mailboxes twice leaves the campaign as once.
#: Mailboxes one campaign may hold (docs/api-notes.md, Email accounts) ...
MAILBOXES_PER_CAMPAIGN = 2500
#: ... and with ``max_limit`` (the raised cap).
MAILBOXES_PER_CAMPAIGN_RAISED = 5000
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
# Like `save`: a create could add the mailbox twice; an update (body `id`) is safe to repeat.
SAVE_OAUTH = Endpoint(
    "POST",
    "email-accounts/save-oauth",
    OAuthEmailAccountSaved,
    idempotent=WhenBodyHas("id"),
    acknowledged=True,
)
# Setting the same values twice leaves the mailboxes as once.
BULK_UPDATE_CONFIG = Endpoint(
    "POST", "email-accounts/bulk-update-email-account-config", BulkConfigUpdated, idempotent=True
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
# One live fetch at a time: a repeat while it runs is refused with a 406 (not retried).
FETCH_REPLIES_NOW = Endpoint(
    "POST", "email-accounts/fetch-account-reply", OkResponse, idempotent=False, acknowledged=True
)
# Each call emails a new code to the mailbox: not repeated.
SEND_UNBLOCK_OTP = Endpoint(
    "POST", "email-accounts/{email_account_id}/send-otp-email", OkResponse, acknowledged=True
)
# A code is used once: not repeated.
VERIFY_UNBLOCK_OTP = Endpoint(
    "POST", "email-accounts/{email_account_id}/verify-otp", OkResponse, acknowledged=True
)
# Sends an email: never repeated after an ambiguous failure.
SEND_EMAIL = Endpoint(
    "POST", "send-email/initiate", EmailSent, unwrap=Unwrap.DATA, acknowledged=True
)
RECONNECT_ONE = Endpoint(
    "POST", "email-accounts/{email_account_id}/reconnect", OkResponse, weak=True
)
DELETE_EMAIL_ACCOUNT = Endpoint("DELETE", "email-accounts/{email_account_id}", OkResponse)
SUSPEND = Endpoint("PUT", "email-accounts/suspend/{email_account_id}", OkResponse, idempotent=True)
UNSUSPEND = Endpoint(
    "DELETE", "email-accounts/unsuspend/{email_account_id}", OkResponse, idempotent=True
)
# A create could add the tag twice.
CREATE_TAG = Endpoint("POST", "tags", Tag, unwrap=Unwrap.DATA, acknowledged=True)
# `tag-manager` only updates an existing tag now (docs/api-notes.md, Email accounts).
UPDATE_TAG = Endpoint(
    "POST", "email-accounts/tag-manager", Tag, unwrap=Unwrap.DATA, idempotent=True
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
#: Mailboxes per tag-mapping call.
MAX_ACCOUNTS_PER_TAG_MAPPING = 25
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_WARMUP_TAG = re.compile(r"^[A-Za-z0-9_-]+$")
#: The providers an OAuth mailbox can come from.
OAuthProvider = Literal["GMAIL", "OUTLOOK"]
OAUTH_PROVIDERS: tuple[OAuthProvider, ...] = ("GMAIL", "OUTLOOK")
#: Warmup on or off, in a bulk config update.
WarmupState = Literal["ACTIVE", "INACTIVE"]
WARMUP_STATES: tuple[WarmupState, ...] = ("ACTIVE", "INACTIVE")


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

    @calls(GET_BY_EMAIL)
    async def get_by_email(
        self, *, email: str, fetch_campaigns: bool = False, fetch_tags: bool = False
    ) -> EmailAccount:
        """One mailbox by its sending address (``GET /email-accounts/fetch-email-account-details``).

        SmartLead matches ``from_email`` exactly; an unknown address raises ``NotFoundError``.
        The answer carries the mailbox password in plain text (hidden in reprs).
        """
        query = {
            "email": normalize_email(email),
            "fetch_campaigns": True if fetch_campaigns else None,
            "fetch_tags": True if fetch_tags else None,
        }
        return await self._pipeline.call(GET_BY_EMAIL, query=query)

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
        max_limit: bool = False,
    ) -> CampaignEmailAccountsAdded:
        """Make mailboxes send for a campaign (``POST /campaigns/{campaign_id}/email-accounts``).

        A campaign holds at most 2,500 mailboxes, 5,000 with ``max_limit=True`` (sent as the
        ``max_limit`` query flag SmartLead documents on its add-by-tag route): more ids than
        that in one call are refused before sending. SmartLead itself refuses a call that would
        take the campaign past its cap.
        """
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {
            "email_account_ids": require_ids(
                "email_account_ids", email_account_ids, max_count=_mailbox_cap(max_limit)
            )
        }
        if auto_adjust_warmup is not None:
            body["auto_adjust_warmup"] = auto_adjust_warmup
        query = {"max_limit": True if max_limit else None}
        return await self._pipeline.call(
            ADD_TO_CAMPAIGN, query=query, json=body, campaign_id=campaign_id
        )

    @helper_of(ADD_TO_CAMPAIGN)
    async def add_to_campaign_many(
        self,
        campaign_id: int,
        email_account_ids: Sequence[int],
        *,
        auto_adjust_warmup: bool | None = None,
        max_limit: bool = False,
        chunk_size: int = EMAIL_ACCOUNTS_CHUNK,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> BulkResult[tuple[int, ...], CampaignEmailAccountsAdded]:
        """Add mailboxes to a campaign, ``chunk_size`` ids per call.

        Items of the result are the chunks sent (repeats dropped), so a failed chunk can be
        passed to :meth:`add_to_campaign` again. More distinct ids than a campaign may hold
        (2,500; 5,000 with ``max_limit=True``) are refused before anything is sent.
        """
        require_id("campaign_id", campaign_id)
        require_int_range("chunk_size", chunk_size, 1, EMAIL_ACCOUNTS_CHUNK)
        ids = unique(cast("list[int]", require_ids("email_account_ids", email_account_ids)))
        cap = _mailbox_cap(max_limit)
        if len(ids) > cap:
            raise RequestValidationError(
                f"a campaign holds at most {cap} mailboxes, got {len(ids)} distinct ids"
            )

        async def add(chunk: tuple[int, ...]) -> CampaignEmailAccountsAdded:
            return await self.add_to_campaign(
                campaign_id, chunk, auto_adjust_warmup=auto_adjust_warmup, max_limit=max_limit
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

    @calls(SAVE_OAUTH)
    async def save_oauth(
        self,
        *,
        from_name: str,
        from_email: str,
        username: str,
        provider: OAuthProvider | EmailAccountType,
        token: Mapping[str, JSON],
        warmup_enabled: bool,
        use_whitelabel_credentials: bool,
        max_email_per_day: int | None = None,
        custom_tracking_url: str | None = None,
        bcc: str | None = None,
        time_to_wait_in_mins: int | None = None,
        signature: str | None = None,
        total_warmup_per_day: int | None = None,
        daily_rampup: int | None = None,
        reply_rate_percentage: int | None = None,
        client_id: int | None = None,
        email_account_id: int | None = None,
    ) -> OAuthEmailAccountSaved:
        """Add a Gmail or Outlook mailbox from an OAuth token, or update one with
        ``email_account_id`` (``POST /email-accounts/save-oauth``; SmartLead's page for it is
        unaudited).

        ``token`` is the provider's token object as SmartLead documents it: ``scope``,
        ``token_type`` (``"Bearer"``) and ``expiry_date`` (Unix milliseconds) are required;
        ``access_token``, ``refresh_token``, ``id_token``, ``expiry``, ``expires_in`` and
        ``ext_expires_in`` are passed on when present. Never log the token. Not retried after an
        ambiguous failure when creating.
        """
        if provider not in OAUTH_PROVIDERS:
            raise RequestValidationError(f"provider must be one of {OAUTH_PROVIDERS}")
        body: dict[str, JSON] = {
            "id": require_optional_id("email_account_id", email_account_id),
            "from_name": require_text("from_name", from_name),
            "from_email": normalize_email(from_email, field="from_email"),
            "username": require_text("username", username),
            "type": str(provider),
            "token": _oauth_token(token),
            "warmup_enabled": _flag("warmup_enabled", warmup_enabled),
            "use_whitelabel_credentials": _flag(
                "use_whitelabel_credentials", use_whitelabel_credentials
            ),
        }
        optional: dict[str, JSON] = {
            "max_email_per_day": _optional_int("max_email_per_day", max_email_per_day, 1),
            "custom_tracking_url": custom_tracking_url,
            "bcc": bcc,
            "time_to_wait_in_mins": _optional_int("time_to_wait_in_mins", time_to_wait_in_mins, 0),
            "signature": signature,
            "total_warmup_per_day": _optional_int("total_warmup_per_day", total_warmup_per_day, 1),
            "daily_rampup": _optional_int("daily_rampup", daily_rampup, 0),
            "reply_rate_percentage": _optional_int(
                "reply_rate_percentage", reply_rate_percentage, 0, 100
            ),
            "client_id": require_optional_id("client_id", client_id),
        }
        if body["id"] is None:
            del body["id"]
        body |= {key: value for key, value in optional.items() if value is not None}
        return await self._pipeline.call(SAVE_OAUTH, json=body)

    @calls(BULK_UPDATE_CONFIG)
    async def bulk_update_config(
        self,
        email_account_ids: Sequence[int],
        *,
        message_per_day: int | None = None,
        min_time_to_wait_in_mins: int | None = None,
        from_name: str | None = None,
        signature: str | None = None,
        custom_tracking_domain: str | None = None,
        warmup_status: WarmupState | WarmupStatus | None = None,
        warmup_max_email_per_day: int | None = None,
        warmup_min_count: int | None = None,
        warmup_max_count: int | None = None,
        reply_rate: int | None = None,
        rampup_enabled: bool | None = None,
        rampup_value: int | None = None,
        warmups_only_on_weekdays: bool | None = None,
        auto_adjust_warmup: bool | None = None,
        use_custom_domain: bool | None = None,
        warmup_tag_identifier: str | None = None,
        daily_reply_limit: int | None = None,
        tag_ids: Sequence[int] | None = None,
        client_id: int | None = None,
    ) -> BulkConfigUpdated:
        """Change sending and warmup settings of many mailboxes at once
        (``POST /email-accounts/bulk-update-email-account-config``); only the arguments you
        pass are sent, and SmartLead skips ids that are not yours.

        Warmup ranges as SmartLead documents them: ``warmup_max_email_per_day`` 1 to 250,
        ``warmup_min_count`` 1 to 50 (at most ``warmup_max_count``), ``warmup_max_count`` 1 to
        250, ``reply_rate`` 1 to 100, ``daily_reply_limit`` 8 to 80. ``tag_ids`` **replaces**
        each mailbox's tags. ``warmup_status`` ``ACTIVE`` on a warmup-blocked mailbox reverts to
        ``INACTIVE``.
        """
        ids = require_ids("email_account_ids", email_account_ids)
        if warmup_status is not None and warmup_status not in WARMUP_STATES:
            raise RequestValidationError(f"warmup_status must be one of {WARMUP_STATES}")
        if warmup_tag_identifier is not None and (
            not isinstance(warmup_tag_identifier, str)
            or not _WARMUP_TAG.match(warmup_tag_identifier)
        ):
            raise RequestValidationError(
                "warmup_tag_identifier takes letters, digits, '_' and '-' only, "
                f"got {warmup_tag_identifier!r}"
            )
        if (
            warmup_min_count is not None
            and warmup_max_count is not None
            and warmup_min_count > warmup_max_count
        ):
            raise RequestValidationError("warmup_min_count must not exceed warmup_max_count")
        update: dict[str, JSON] = {
            "messagePerDay": _optional_int("message_per_day", message_per_day, 1),
            "minTimeToWaitInMins": _optional_int(
                "min_time_to_wait_in_mins", min_time_to_wait_in_mins, 0
            ),
            "fromName": None if from_name is None else require_text("from_name", from_name),
            "signature": _optional_str(signature),
            "customTrackingDomain": None
            if custom_tracking_domain is None
            else require_text("custom_tracking_domain", custom_tracking_domain),
            "status": None if warmup_status is None else str(warmup_status),
            "maxEmailPerDay": _optional_int(
                "warmup_max_email_per_day", warmup_max_email_per_day, 1, 250
            ),
            "warmupMinCount": _optional_int("warmup_min_count", warmup_min_count, 1, 50),
            "warmupMaxCount": _optional_int("warmup_max_count", warmup_max_count, 1, 250),
            "replyRate": _optional_int("reply_rate", reply_rate, 1, 100),
            "isRampupEnabled": _optional_flag("rampup_enabled", rampup_enabled),
            "rampupValue": _optional_int("rampup_value", rampup_value, 0),
            "sendWarmupsOnlyOnWeekdays": _optional_flag(
                "warmups_only_on_weekdays", warmups_only_on_weekdays
            ),
            "autoAdjustWarmup": _optional_flag("auto_adjust_warmup", auto_adjust_warmup),
            "useCustomDomain": _optional_flag("use_custom_domain", use_custom_domain),
            "warmupTagIdentifier": warmup_tag_identifier,
            "dailyReplyLimit": _optional_int("daily_reply_limit", daily_reply_limit, 8, 80),
            "tags": None if tag_ids is None else require_ids("tag_ids", tag_ids),
            "clientId": require_optional_id("client_id", client_id),
        }
        changes: dict[str, JSON] = {k: v for k, v in update.items() if v is not None}
        if not changes:
            raise RequestValidationError("bulk_update_config needs at least one field to change")
        body: dict[str, JSON] = {"emailAccountIds": ids, "updateData": changes}
        return await self._pipeline.call(BULK_UPDATE_CONFIG, json=body)

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
        """Queue every disconnected mailbox for reconnection (asynchronous; the result is
        mailed to the account owner).

        Limited to 3 calls per 24 hours, at least 30 minutes apart (shared with the app's bulk
        reconnect): a 4th call raises :class:`~smartlead_async.errors.ReconnectDailyLimitError`,
        one too soon :class:`~smartlead_async.errors.ReconnectTooSoonError` (both
        ``ReconnectCooldownError``, a ``NotAcceptableError``: 406 whose body still says
        ``ok: true``). Older accounts answered 404 (``NotFoundError``) when no mailbox had
        failed. Not retried: each call spends one of the 3.
        """
        return await self._pipeline.call(RECONNECT_FAILED, json={})

    @calls(FETCH_REPLIES_NOW)
    async def fetch_replies_now(self) -> OkResponse:
        """Queue every mailbox to fetch its replies live now (``POST
        /email-accounts/fetch-account-reply``; asynchronous).

        One fetch at a time: while one started in the last 30 minutes still runs, SmartLead
        answers 406, raised as :class:`~smartlead_async.errors.FetchRepliesBusyError`. Not
        retried.
        """
        return await self._pipeline.call(FETCH_REPLIES_NOW, json={})

    @calls(SEND_UNBLOCK_OTP)
    async def send_unblock_otp(self, email_account_id: int) -> OkResponse:
        """Email a one-time code that unblocks a warmup-blocked mailbox (pass it to
        :meth:`verify_unblock_otp`). Not retried: each call sends a new code."""
        require_id("email_account_id", email_account_id)
        return await self._pipeline.call(SEND_UNBLOCK_OTP, email_account_id=email_account_id)

    @calls(VERIFY_UNBLOCK_OTP)
    async def verify_unblock_otp(self, email_account_id: int, *, otp: str) -> OkResponse:
        """Unblock a mailbox's warmup with the code :meth:`send_unblock_otp` emailed.

        The code is a secret: it travels only in the request body, and no answer, model or
        error message of the SDK repeats it.
        """
        require_id("email_account_id", email_account_id)
        if not isinstance(otp, str) or not otp.strip():
            raise RequestValidationError("otp must be a non-empty string")
        body: dict[str, JSON] = {"otp": otp.strip()}
        return await self._pipeline.call(
            VERIFY_UNBLOCK_OTP, json=body, email_account_id=email_account_id
        )

    @calls(SEND_EMAIL)
    async def send_email(
        self,
        *,
        to: str,
        subject: str,
        body: str,
        confirm_send: bool = False,
        from_email: str | None = None,
        from_email_account_id: int | None = None,
        from_name: str | None = None,
        reply_to: str | None = None,
        attachments: Sequence[EmailAttachment] = (),
    ) -> EmailSent:
        """Send one email from one of your mailboxes, outside any campaign
        (``POST /send-email/initiate``).

        This sends a real email: pass ``confirm_send=True``. Name the sending mailbox by
        ``from_email`` or by ``from_email_account_id`` (exactly one). Never retried after an
        ambiguous failure: a replay would send the email twice.
        """
        require_confirmation("confirm_send", confirm_send, "send_email sends an email")
        if (from_email is None) == (from_email_account_id is None):
            raise RequestValidationError(
                "name the sending mailbox by exactly one of from_email and from_email_account_id"
            )
        payload: dict[str, JSON] = {
            "to": normalize_email(to, field="to"),
            "subject": require_text("subject", subject),
            "body": require_text("body", body),
        }
        if from_email is not None:
            payload["fromEmail"] = normalize_email(from_email, field="from_email")
        if from_email_account_id is not None:
            payload["fromEmailId"] = require_id("from_email_account_id", from_email_account_id)
        if from_name is not None:
            payload["fromName"] = require_text("from_name", from_name)
        if reply_to is not None:
            payload["replyTo"] = normalize_email(reply_to, field="reply_to")
        if attachments:
            payload["attachments"] = [_attachment(item) for item in attachments]
        return await self._pipeline.call(SEND_EMAIL, json=payload)

    @calls(RECONNECT_ONE)
    async def reconnect(self, email_account_id: int) -> OkResponse:
        """Reconnect one mailbox (**[weak]**: only an n8n community node documents this route)."""
        require_id("email_account_id", email_account_id)
        return await self._pipeline.call(RECONNECT_ONE, email_account_id=email_account_id)

    @calls(CREATE_TAG)
    async def create_tag(self, *, name: str, color: str | None = None) -> Tag:
        """Create a mailbox tag (``POST /tags``); ``color`` is ``#RRGGBB`` (SmartLead picks one
        when it is left out). Not retried after an ambiguous failure (it could create two)."""
        body: dict[str, JSON] = {"name": require_text("name", name)}
        if color is not None:
            body["color"] = _color(color)
        return await self._pipeline.call(CREATE_TAG, json=body)

    @calls(UPDATE_TAG)
    async def update_tag(self, tag_id: int, *, name: str, color: str) -> Tag:
        """Rename or recolour a mailbox tag (``POST /email-accounts/tag-manager``, which only
        updates now); ``color`` is ``#RRGGBB``."""
        body: dict[str, JSON] = {
            "id": require_id("tag_id", tag_id),
            "name": require_text("name", name),
            "color": _color(color),
        }
        return await self._pipeline.call(UPDATE_TAG, json=body)

    async def save_tag(self, *, name: str, color: str, tag_id: int | None = None) -> Tag:
        """Deprecated: :meth:`create_tag` without ``tag_id``, :meth:`update_tag` with it
        (``tag-manager`` no longer creates tags). Removed in the next minor release."""
        new = "email_accounts.create_tag" if tag_id is None else "email_accounts.update_tag"
        warnings.warn(
            f"save_tag is deprecated; use {new} instead", DeprecationWarning, stacklevel=2
        )
        if tag_id is None:
            return await self.create_tag(name=name, color=_color(color))
        return await self.update_tag(tag_id, name=name, color=color)

    mark_deprecated(save_tag, "update_tag")

    @calls(ADD_TAGS)
    async def add_tags(
        self, email_account_ids: Sequence[int], tag_ids: Sequence[int]
    ) -> OkResponse:
        """Tag up to 25 mailboxes per call (existing mappings are skipped)."""
        body: dict[str, JSON] = {
            "email_account_ids": require_ids(
                "email_account_ids", email_account_ids, max_count=MAX_ACCOUNTS_PER_TAG_MAPPING
            ),
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
        """Delete a mailbox."""
        return await self._pipeline.call(
            DELETE_EMAIL_ACCOUNT, email_account_id=require_id("email_account_id", email_account_id)
        )

    @calls(SUSPEND)
    async def suspend(self, email_account_id: int) -> OkResponse:
        """Stop a mailbox sending without removing it."""
        return await self._pipeline.call(
            SUSPEND, email_account_id=require_id("email_account_id", email_account_id)
        )

    @calls(UNSUSPEND)
    async def unsuspend(self, email_account_id: int) -> OkResponse:
        """Let a suspended mailbox send again (the route really is a DELETE)."""
        return await self._pipeline.call(
            UNSUSPEND, email_account_id=require_id("email_account_id", email_account_id)
        )


def _optional_int(name: str, value: int | None, low: int, high: int | None = None) -> int | None:
    return None if value is None else require_int_range(name, value, low, high)


def _mailbox_cap(max_limit: bool) -> int:
    return MAILBOXES_PER_CAMPAIGN_RAISED if max_limit else MAILBOXES_PER_CAMPAIGN


def _color(value: str) -> str:
    if not isinstance(value, str) or not _COLOR.match(value):
        raise RequestValidationError(f"color must look like #FF5733, got {value!r}")
    return value


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise RequestValidationError(f"{name} must be True or False, got {value!r}")
    return value


def _optional_flag(name: str, value: object) -> bool | None:
    return None if value is None else _flag(name, value)


_TOKEN_REQUIRED = ("scope", "token_type", "expiry_date")
_TOKEN_KEYS = frozenset(
    {*_TOKEN_REQUIRED, "access_token", "refresh_token", "id_token", "expiry", "expires_in"}
    | {"ext_expires_in"}
)


def _oauth_token(token: Mapping[str, JSON]) -> dict[str, JSON]:
    # Never echo the token's values in a message: they are credentials.
    if not isinstance(token, Mapping):
        raise RequestValidationError("token must be a mapping (the provider's token object)")
    missing = [key for key in _TOKEN_REQUIRED if token.get(key) is None]
    if missing:
        raise RequestValidationError(f"token lacks {missing}")
    unknown = sorted(set(token) - _TOKEN_KEYS)
    if unknown:
        raise RequestValidationError(f"token has keys SmartLead does not take: {unknown}")
    if token["token_type"] != "Bearer":
        raise RequestValidationError("token.token_type must be 'Bearer'")
    expiry = token["expiry_date"]
    if isinstance(expiry, bool) or not isinstance(expiry, int | float) or expiry <= 0:
        raise RequestValidationError("token.expiry_date must be a Unix time in milliseconds")
    return {key: value for key, value in token.items() if value is not None}


def _attachment(item: EmailAttachment) -> JSON:
    if not isinstance(item, EmailAttachment):
        raise RequestValidationError(f"attachments take EmailAttachment objects, got {item!r}")
    if not isinstance(item.content, bytes | bytearray):
        raise RequestValidationError("an attachment's content must be bytes")
    return {
        "filename": require_text("attachment filename", item.filename),
        "content": base64.b64encode(item.content).decode("ascii"),
        "mimeType": require_text("attachment mime_type", item.mime_type),
    }


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
