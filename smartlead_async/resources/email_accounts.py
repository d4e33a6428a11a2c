"""``client.email_accounts``: sending mailboxes (catalog section 5)."""

from __future__ import annotations

import builtins

from smartlead_async._endpoints import Endpoint, calls
from smartlead_async._pagination import AsyncPager, Page
from smartlead_async._validation import require_id, require_page
from smartlead_async.models.email_accounts import EmailAccount, EmailAccountType, WarmupStatus
from smartlead_async.resources._base import Resource

__all__ = ["EmailAccountsResource"]

LIST_EMAIL_ACCOUNTS = Endpoint("GET", "email-accounts/")
GET_EMAIL_ACCOUNT = Endpoint("GET", "email-accounts/{email_account_id}/")
LIST_CAMPAIGN_EMAIL_ACCOUNTS = Endpoint("GET", "campaigns/{campaign_id}/email-accounts")

#: ``GET /email-accounts/`` serves at most 100 rows per page.
EMAIL_ACCOUNTS_MAX_LIMIT = 100


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
    ) -> AsyncPager[EmailAccount]:
        """Mailboxes of the account (``GET /email-accounts/``), 1 to 100 per page.

        ``await`` it for one page or ``async for`` over it for every mailbox. ``username``
        matches partially; ``fetch_campaigns`` adds ``campaign_ids`` to each row.
        """
        require_page(offset, limit, max_limit=EMAIL_ACCOUNTS_MAX_LIMIT)
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

        async def fetch(page_offset: int, page_limit: int) -> Page[EmailAccount]:
            spec = LIST_EMAIL_ACCOUNTS.spec(
                query={"offset": page_offset, "limit": page_limit, **filters}
            )
            rows = await self._pipeline.request(spec, tuple[EmailAccount, ...])
            return Page(items=rows, offset=page_offset, limit=page_limit)

        return AsyncPager(fetch, offset=offset, limit=limit)

    @calls(GET_EMAIL_ACCOUNT)
    async def get(
        self, email_account_id: int, *, fetch_campaigns: bool = False, fetch_tags: bool = False
    ) -> EmailAccount:
        """One mailbox by id (``GET /email-accounts/{email_account_id}/``)."""
        require_id("email_account_id", email_account_id)
        spec = GET_EMAIL_ACCOUNT.spec(
            email_account_id=email_account_id,
            query={
                "fetch_campaigns": True if fetch_campaigns else None,
                "fetch_tags": True if fetch_tags else None,
            },
        )
        return await self._pipeline.request(spec, EmailAccount)

    @calls(LIST_CAMPAIGN_EMAIL_ACCOUNTS)
    async def list_by_campaign(self, campaign_id: int) -> builtins.list[EmailAccount]:
        """Mailboxes that send for a campaign (``GET /campaigns/{campaign_id}/email-accounts``)."""
        require_id("campaign_id", campaign_id)
        spec = LIST_CAMPAIGN_EMAIL_ACCOUNTS.spec(campaign_id=campaign_id)
        return await self._pipeline.request(spec, builtins.list[EmailAccount])
