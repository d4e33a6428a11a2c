"""``client.webhooks``: campaign webhook subscriptions (catalog section 6)."""

from __future__ import annotations

import builtins
import datetime as dt
import re
from collections.abc import Sequence

from smartlead_async._endpoints import Endpoint, calls
from smartlead_async._json import JSON
from smartlead_async._validation import require_id, require_optional_id, require_text
from smartlead_async.errors import RequestValidationError, ResponseDecodeError
from smartlead_async.models.common import OkResponse
from smartlead_async.models.webhooks import (
    GlobalWebhook,
    Webhook,
    WebhookEventType,
    WebhookSaved,
    WebhookSummary,
)
from smartlead_async.resources._base import Resource

__all__ = ["WebhooksResource"]

LIST_WEBHOOKS = Endpoint("GET", "campaigns/{campaign_id}/webhooks")
UPSERT_WEBHOOK = Endpoint("POST", "campaigns/{campaign_id}/webhooks")
DELETE_WEBHOOK = Endpoint("DELETE", "campaigns/{campaign_id}/webhooks")
WEBHOOK_SUMMARY = Endpoint("GET", "campaigns/{campaign_id}/webhooks/summary")
RETRIGGER_FAILED = Endpoint("POST", "campaigns/{campaign_id}/webhooks/retrigger-failed-events")
CREATE_GLOBAL = Endpoint("POST", "webhook/create", weak=True)
GET_GLOBAL = Endpoint("GET", "webhook/{webhook_id}", weak=True)
UPDATE_GLOBAL = Endpoint("PUT", "webhook/update/{webhook_id}", weak=True)
DELETE_GLOBAL = Endpoint("DELETE", "webhook/delete/{webhook_id}", weak=True)
_EVENT_NAME = re.compile(r"^[A-Z][A-Z_]*$")
ASSOCIATION_TYPES = ("user", "client", "campaign")


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


def _iso(name: str, value: dt.datetime) -> str:
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise RequestValidationError(f"{name} must be a timezone-aware datetime")
    return value.isoformat()


def _normalise_echo(payload: JSON) -> JSON:
    # Some accounts echo {"EMAIL_REPLY": true, ...} maps instead of arrays (catalog 6.2).
    if not isinstance(payload, dict):
        return payload
    echo = dict(payload)
    for map_key, list_key in (("event_type_map", "event_types"), ("category_id_map", "categories")):
        mapping = echo.pop(map_key, None)
        if isinstance(mapping, dict):
            echo[list_key] = [key for key, enabled in mapping.items() if enabled]
    return echo


class WebhooksResource(Resource):
    """Manage where SmartLead posts campaign events, and replay failed deliveries."""

    @calls(LIST_WEBHOOKS)
    async def list(self, campaign_id: int) -> builtins.list[Webhook]:
        """Webhooks of a campaign (``GET /campaigns/{campaign_id}/webhooks``).

        The live API answers an array; one help-center example shows a single object, which is
        returned as a one-element list.
        """
        require_id("campaign_id", campaign_id)
        payload = await self._pipeline.request_json(LIST_WEBHOOKS.spec(campaign_id=campaign_id))
        if isinstance(payload, dict):
            # A lone object is one webhook; `{}` is not "no webhooks" (that is `[]`) and fails.
            payload = [payload]
        return self._pipeline.decode(payload, builtins.list[Webhook])

    @calls(UPSERT_WEBHOOK)
    async def upsert(
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
        spec = UPSERT_WEBHOOK.spec(
            campaign_id=campaign_id, json=body, idempotent=webhook_id is not None
        )
        payload = await self._acknowledged_json(spec)
        return self._pipeline.decode(_normalise_echo(payload), WebhookSaved)

    @calls(DELETE_WEBHOOK)
    async def delete(self, campaign_id: int, webhook_id: int) -> OkResponse:
        """Delete a campaign webhook (the id travels in the body, not the path)."""
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {"id": require_id("webhook_id", webhook_id)}
        spec = DELETE_WEBHOOK.spec(campaign_id=campaign_id, json=body)
        return await self._pipeline.request(spec, OkResponse)

    @calls(WEBHOOK_SUMMARY)
    async def summary(
        self, campaign_id: int, *, from_time: dt.datetime, to_time: dt.datetime
    ) -> WebhookSummary:
        """Delivery counts per event type over a time window."""
        require_id("campaign_id", campaign_id)
        spec = WEBHOOK_SUMMARY.spec(
            campaign_id=campaign_id,
            query={"fromTime": _iso("from_time", from_time), "toTime": _iso("to_time", to_time)},
        )
        payload = await self._pipeline.request_json(spec)
        data = payload.get("data", payload) if isinstance(payload, dict) else payload
        if not data:
            raise ResponseDecodeError(
                f"the webhook summary is empty: {payload!r}",
                payload=payload,
                expected="WebhookSummary",
            )
        return self._pipeline.decode(data, WebhookSummary)

    @calls(RETRIGGER_FAILED)
    async def retrigger_failed(
        self, campaign_id: int, *, from_time: dt.datetime, to_time: dt.datetime
    ) -> OkResponse:
        """Replay failed deliveries of a window (processed in small batches; watch
        :meth:`summary`)."""
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {
            "fromTime": _iso("from_time", from_time),
            "toTime": _iso("to_time", to_time),
        }
        spec = RETRIGGER_FAILED.spec(campaign_id=campaign_id, json=body)
        return await self._pipeline.request(spec, OkResponse)

    @calls(CREATE_GLOBAL)
    async def create_global(
        self,
        *,
        name: str,
        url: str,
        event_types: Sequence[WebhookEventType | str],
        association_type: str = "user",
        campaign_id: int | None = None,
        client_id: int | None = None,
    ) -> GlobalWebhook:
        """Create an account-, client- or campaign-level webhook (**[weak]**: newer docs only)."""
        if association_type not in ASSOCIATION_TYPES:
            raise RequestValidationError(f"association_type must be one of {ASSOCIATION_TYPES}")
        body: dict[str, JSON] = {
            "name": require_text("name", name),
            "webhook_url": _url(url),
            "association_type": association_type,
            "event_type_map": {str(name): True for name in _event_types(event_types)},
            "email_campaign_id": require_optional_id("campaign_id", campaign_id),
            "client_id": require_optional_id("client_id", client_id),
        }
        return await self._pipeline.request(CREATE_GLOBAL.spec(json=body), GlobalWebhook)

    @calls(GET_GLOBAL)
    async def get_global(self, webhook_id: int) -> GlobalWebhook:
        """One account-level webhook (**[weak]**)."""
        spec = GET_GLOBAL.spec(webhook_id=require_id("webhook_id", webhook_id))
        return await self._pipeline.request(spec, GlobalWebhook)

    @calls(UPDATE_GLOBAL)
    async def update_global(
        self, webhook_id: int, *, name: str, url: str, event_types: Sequence[WebhookEventType | str]
    ) -> GlobalWebhook:
        """Change an account-level webhook (**[weak]**)."""
        body: dict[str, JSON] = {
            "name": require_text("name", name),
            "webhook_url": _url(url),
            "event_type_map": {str(name): True for name in _event_types(event_types)},
        }
        spec = UPDATE_GLOBAL.spec(
            webhook_id=require_id("webhook_id", webhook_id), json=body, idempotent=True
        )
        return await self._pipeline.request(spec, GlobalWebhook)

    @calls(DELETE_GLOBAL)
    async def delete_global(self, webhook_id: int) -> OkResponse:
        """Delete an account-level webhook (**[weak]**)."""
        spec = DELETE_GLOBAL.spec(webhook_id=require_id("webhook_id", webhook_id))
        return await self._pipeline.request(spec, OkResponse)
