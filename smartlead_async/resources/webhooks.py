"""``client.webhooks``: campaign webhook subscriptions (catalog section 6)."""

from __future__ import annotations

from smartlead_async._endpoints import Endpoint, calls
from smartlead_async._validation import require_id
from smartlead_async.models.webhooks import Webhook
from smartlead_async.resources._base import Resource

__all__ = ["WebhooksResource"]

LIST_WEBHOOKS = Endpoint("GET", "campaigns/{campaign_id}/webhooks")


class WebhooksResource(Resource):
    """Read the webhooks registered on a campaign."""

    @calls(LIST_WEBHOOKS)
    async def list(self, campaign_id: int) -> list[Webhook]:
        """Webhooks of a campaign (``GET /campaigns/{campaign_id}/webhooks``).

        The live API answers an array; one help-center example shows a single object, which is
        returned as a one-element list.
        """
        require_id("campaign_id", campaign_id)
        payload = await self._pipeline.request_json(LIST_WEBHOOKS.spec(campaign_id=campaign_id))
        if isinstance(payload, dict):
            payload = [payload] if payload else []
        return self._pipeline.decode(payload, list[Webhook])
