"""``client.campaigns``: campaign endpoints (catalog section 2)."""

from __future__ import annotations

from smartlead_async._endpoints import Endpoint, calls
from smartlead_async._pipeline import not_found, success_payload
from smartlead_async._validation import require_id, require_text
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.campaigns import Campaign, CampaignStatusUpdate, CreatedCampaign
from smartlead_async.models.common import OkResponse
from smartlead_async.resources._base import Resource

__all__ = ["CampaignsResource"]

LIST_CAMPAIGNS = Endpoint("GET", "campaigns")
GET_CAMPAIGN = Endpoint("GET", "campaigns/{campaign_id}")
CREATE_CAMPAIGN = Endpoint("POST", "campaigns/create")
DELETE_CAMPAIGN = Endpoint("DELETE", "campaigns/{campaign_id}")
UPDATE_CAMPAIGN_STATUS = Endpoint("POST", "campaigns/{campaign_id}/status")


class CampaignsResource(Resource):
    """Create, read, start/pause/stop and delete campaigns."""

    @calls(LIST_CAMPAIGNS)
    async def list(
        self, *, client_id: int | None = None, include_tags: bool = False
    ) -> list[Campaign]:
        """List every campaign of the account (``GET /campaigns``; not paginated).

        Args:
            client_id: Only campaigns of this agency client.
            include_tags: Also return each campaign's tags.
        """
        if client_id is not None:
            require_id("client_id", client_id)
        spec = LIST_CAMPAIGNS.spec(
            query={"client_id": client_id, "include_tags": True if include_tags else None}
        )
        return await self._pipeline.request(spec, list[Campaign])

    @calls(GET_CAMPAIGN)
    async def get(self, campaign_id: int, *, include_tags: bool = False) -> Campaign:
        """Fetch one campaign (``GET /campaigns/{campaign_id}``).

        Raises:
            NotFoundError: No such campaign. The live API answers 404 on some accounts and 200 with
                an empty body on others; both raise this (``status`` tells which).
        """
        require_id("campaign_id", campaign_id)
        spec = GET_CAMPAIGN.spec(
            campaign_id=campaign_id, query={"include_tags": True if include_tags else None}
        )
        raw = await self._pipeline.send(spec)
        payload = success_payload(raw)
        if not payload:
            raise not_found(raw, f"Campaign {campaign_id} not found (empty response)")
        return self._pipeline.decode(payload, Campaign)

    @calls(CREATE_CAMPAIGN)
    async def create(self, name: str, *, client_id: int | None = None) -> CreatedCampaign:
        """Create a campaign in ``DRAFTED`` status (``POST /campaigns/create``).

        Not retried after an ambiguous failure (timeout, 5xx): a retry could create a duplicate.
        """
        body: dict[str, str | int | None] = {"name": require_text("name", name)}
        if client_id is not None:
            body["client_id"] = require_id("client_id", client_id)
        spec = CREATE_CAMPAIGN.spec(json=dict(body))
        return await self._pipeline.request(spec, CreatedCampaign)

    @calls(DELETE_CAMPAIGN)
    async def delete(self, campaign_id: int) -> OkResponse:
        """Delete a campaign permanently (``DELETE /campaigns/{campaign_id}``)."""
        require_id("campaign_id", campaign_id)
        return await self._pipeline.request(
            DELETE_CAMPAIGN.spec(campaign_id=campaign_id), OkResponse
        )

    @calls(UPDATE_CAMPAIGN_STATUS)
    async def update_status(
        self, campaign_id: int, status: CampaignStatusUpdate | str
    ) -> OkResponse:
        """Start, pause or stop a campaign (``POST /campaigns/{campaign_id}/status``).

        Args:
            campaign_id: The campaign.
            status: ``START``, ``PAUSED`` or ``STOPPED`` (write vocabulary; ``STOPPED`` is final).
                ``ACTIVE`` is accepted as an alias of ``START`` because reads report it that way.
        """
        require_id("campaign_id", campaign_id)
        wire_status = _status_for_write(status)
        # Setting a status is idempotent: repeating it after a lost answer changes nothing.
        spec = UPDATE_CAMPAIGN_STATUS.spec(
            campaign_id=campaign_id, json={"status": wire_status}, idempotent=True
        )
        return await self._pipeline.request(spec, OkResponse)


def _status_for_write(status: object) -> str:
    value = str(status.value if isinstance(status, CampaignStatusUpdate) else status).upper()
    if value == "ACTIVE":
        value = CampaignStatusUpdate.START.value
    allowed = {member.value for member in CampaignStatusUpdate}
    if value not in allowed:
        raise RequestValidationError(f"status must be one of {sorted(allowed)}, got {status!r}")
    return value
