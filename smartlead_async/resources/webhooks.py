"""``client.webhooks``: campaign and account-level webhook subscriptions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from smartlead_async._endpoints import Endpoint, Paging, Unwrap, WhenBodyHas, calls
from smartlead_async._json import JSON
from smartlead_async._pagination import Pager, Rows
from smartlead_async._validation import (
    require_id,
    require_ids,
    require_optional_id,
    require_text,
)
from smartlead_async._window import Moment, window
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.common import OkResponse
from smartlead_async.models.webhooks import (
    GlobalWebhook,
    Webhook,
    WebhookEventType,
    WebhookSaved,
    WebhookSummary,
)
from smartlead_async.resources._base import Resource, deprecated_alias

__all__ = ["WebhooksResource"]

# The live API answers an array; one help-center example shows a single object.
LIST_WEBHOOKS = Endpoint(
    "GET",
    "campaigns/{campaign_id}/webhooks",
    Rows[Webhook],
    unwrap=Unwrap.ONE_OR_MANY,
    page=Paging(max_limit=None),
)
# Create, or update when the body carries the webhook's `id` (then safe to repeat).
SAVE_WEBHOOK = Endpoint(
    "POST",
    "campaigns/{campaign_id}/webhooks",
    WebhookSaved,
    unwrap=Unwrap.EVENT_MAPS,
    idempotent=WhenBodyHas("id"),
    acknowledged=True,
)
DELETE_WEBHOOK = Endpoint("DELETE", "campaigns/{campaign_id}/webhooks", OkResponse)
WEBHOOK_SUMMARY = Endpoint(
    "GET", "campaigns/{campaign_id}/webhooks/summary", WebhookSummary, unwrap=Unwrap.DATA_OR_BODY
)
RETRIGGER_FAILED = Endpoint(
    "POST", "campaigns/{campaign_id}/webhooks/retrigger-failed-events", OkResponse
)
CREATE_GLOBAL = Endpoint("POST", "webhook/create", GlobalWebhook)
# Documented as `{ok, data: {...}}`; older answers were the bare record.
GET_GLOBAL = Endpoint("GET", "webhook/{webhook_id}", GlobalWebhook, unwrap=Unwrap.DATA_OR_BODY)
UPDATE_GLOBAL = Endpoint("PUT", "webhook/update/{webhook_id}", GlobalWebhook, idempotent=True)
# The id travels in the body (docs/api-notes.md, Webhook subscriptions).
DELETE_GLOBAL = Endpoint("DELETE", "webhook/delete", OkResponse)
_EVENT_NAME = re.compile(r"^[A-Z][A-Z_]*$")
#: Which level an account-level webhook is attached to.
AssociationType = Literal["user", "client", "campaign"]
ASSOCIATION_TYPES: tuple[AssociationType, ...] = ("user", "client", "campaign")


def _event_types(values: Sequence[WebhookEventType | str]) -> list[JSON]:
    if isinstance(values, str) or not values:
        raise RequestValidationError("event_types must be a non-empty sequence of event names")
    names = [str(value) for value in values]
    for name in names:
        if not _EVENT_NAME.match(name):
            raise RequestValidationError(f"not an event type name: {name!r} (e.g. EMAIL_REPLY)")
    return list[JSON](names)


def _url(value: str) -> str:
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        raise RequestValidationError(f"url must be an http(s) URL, got {value!r}")
    return value


def _time_window(start: Moment, end: Moment) -> dict[str, str]:
    first, last = window(start, end, "datetime")
    return {"fromTime": first, "toTime": last}


class WebhooksResource(Resource):
    """Manage where SmartLead posts campaign events, and replay failed deliveries."""

    @calls(LIST_WEBHOOKS)
    def list(self, campaign_id: int) -> Pager[Webhook]:
        """Webhooks of a campaign (``GET /campaigns/{campaign_id}/webhooks``; one page).

        The live API answers an array; a single object is read as a one-element page.
        """
        require_id("campaign_id", campaign_id)
        return self._pipeline.pager(LIST_WEBHOOKS, campaign_id=campaign_id)

    @calls(SAVE_WEBHOOK)
    async def save(
        self,
        campaign_id: int,
        *,
        name: str,
        url: str,
        event_types: Sequence[WebhookEventType | str],
        categories: Sequence[str] = (),
        webhook_id: int | None = None,
    ) -> WebhookSaved:
        """Create a campaign webhook, or update it when ``webhook_id`` is given.

        Retried after an ambiguous failure only when ``webhook_id`` is given (an update); a create
        could be applied twice.

        ``categories`` are lead-category *names* (``"Interested"``); ``LEAD_CATEGORY_UPDATED``
        only fires for those. One client reports the API refusing an empty list, so pass at
        least one when in doubt.

        Raises:
            ResponseDecodeError: The echo does not say ``ok: true`` (or ``success: true``).
        """
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {
            "id": require_optional_id("webhook_id", webhook_id),
            "name": require_text("name", name),
            "webhook_url": _url(url),
            "event_types": _event_types(event_types),
            "categories": [require_text("category", category) for category in categories],
        }
        return await self._pipeline.call(SAVE_WEBHOOK, json=body, campaign_id=campaign_id)

    upsert = deprecated_alias("upsert", "webhooks.save", lambda self: self.save)

    @calls(DELETE_WEBHOOK)
    async def delete(self, campaign_id: int, webhook_id: int) -> OkResponse:
        """Delete a campaign webhook (the id travels in the body, not the path)."""
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {"id": require_id("webhook_id", webhook_id)}
        return await self._pipeline.call(DELETE_WEBHOOK, json=body, campaign_id=campaign_id)

    @calls(WEBHOOK_SUMMARY)
    async def summary(self, campaign_id: int, *, start: Moment, end: Moment) -> WebhookSummary:
        """Delivery counts per event type from ``start`` to ``end`` (dates or tz-aware datetimes;
        a date as ``end`` includes that whole day, UTC)."""
        require_id("campaign_id", campaign_id)
        return await self._pipeline.call(
            WEBHOOK_SUMMARY, query=_time_window(start, end), campaign_id=campaign_id
        )

    @calls(RETRIGGER_FAILED)
    async def retrigger_failed(self, campaign_id: int, *, start: Moment, end: Moment) -> OkResponse:
        """Replay failed deliveries from ``start`` to ``end`` (processed in small batches; watch
        :meth:`summary`)."""
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {**_time_window(start, end)}
        return await self._pipeline.call(RETRIGGER_FAILED, json=body, campaign_id=campaign_id)

    @calls(CREATE_GLOBAL)
    async def create_global(
        self,
        *,
        name: str,
        url: str,
        event_types: Sequence[WebhookEventType | str],
        association_type: AssociationType = "user",
        campaign_id: int | None = None,
        client_id: int | None = None,
        category_ids: Sequence[int] = (),
        force_create: bool = False,
    ) -> GlobalWebhook:
        """Create an account-, client- or campaign-level webhook (``POST /webhook/create``).

        A campaign-level hook needs ``campaign_id``, a client-level one ``client_id``.
        ``category_ids`` limits ``LEAD_CATEGORY_UPDATED`` to those lead categories (sent as
        ``category_id_map``). User-level hooks override client- and campaign-level ones for
        the same event.
        """
        if association_type not in ASSOCIATION_TYPES:
            raise RequestValidationError(f"association_type must be one of {ASSOCIATION_TYPES}")
        if association_type == "campaign" and campaign_id is None:
            raise RequestValidationError("a campaign-level webhook needs campaign_id")
        if association_type == "client" and client_id is None:
            raise RequestValidationError("a client-level webhook needs client_id")
        body: dict[str, JSON] = {
            "name": require_text("name", name),
            "webhook_url": _url(url),
            "association_type": association_type,
            "event_type_map": {str(name): True for name in _event_types(event_types)},
        }
        # Left out when not given: the reference types both as numbers, so `null` is refused.
        if campaign_id is not None:
            body["email_campaign_id"] = require_id("campaign_id", campaign_id)
        if client_id is not None:
            body["client_id"] = require_id("client_id", client_id)
        if category_ids:
            ids = require_ids("category_ids", category_ids)
            body["category_id_map"] = {str(category): True for category in ids}
        if force_create:
            body["force_create"] = True
        return await self._pipeline.call(CREATE_GLOBAL, json=body)

    @calls(GET_GLOBAL)
    async def get_global(self, webhook_id: int) -> GlobalWebhook:
        """One account-, client- or campaign-level webhook (``GET /webhook/{webhook_id}``)."""
        return await self._pipeline.call(
            GET_GLOBAL, webhook_id=require_id("webhook_id", webhook_id)
        )

    @calls(UPDATE_GLOBAL)
    async def update_global(
        self,
        webhook_id: int,
        *,
        name: str | None = None,
        url: str | None = None,
        event_types: Sequence[WebhookEventType | str] | None = None,
        categories: Sequence[str] | None = None,
    ) -> GlobalWebhook:
        """Change an account-, client- or campaign-level webhook (``PUT
        /webhook/update/{webhook_id}``); only what you pass is sent.

        The body is SmartLead's documented one, ``event_types`` and ``categories`` as arrays
        (not the ``event_type_map`` of create); the reference notes it was copied from the
        campaign-webhook page, so treat it as unconfirmed live
        (docs/api-notes.md, Webhook subscriptions).
        """
        require_id("webhook_id", webhook_id)
        body: dict[str, JSON] = {}
        if name is not None:
            body["name"] = require_text("name", name)
        if url is not None:
            body["webhook_url"] = _url(url)
        if event_types is not None:
            body["event_types"] = _event_types(event_types)
        if categories is not None:
            if isinstance(categories, str):
                raise RequestValidationError("categories must be a sequence of category names")
            body["categories"] = [require_text("category", category) for category in categories]
        if not body:
            raise RequestValidationError("update_global needs at least one field to change")
        return await self._pipeline.call(UPDATE_GLOBAL, json=body, webhook_id=webhook_id)

    @calls(DELETE_GLOBAL)
    async def delete_global(self, webhook_id: int) -> OkResponse:
        """Delete an account-, client- or campaign-level webhook (``DELETE /webhook/delete``,
        the id in the body)."""
        body: dict[str, JSON] = {"id": require_id("webhook_id", webhook_id)}
        return await self._pipeline.call(DELETE_GLOBAL, json=body)
