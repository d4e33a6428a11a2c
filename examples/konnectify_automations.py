"""The four "popular automations" of the Konnectify integration (seed 002), as webhook handlers.

* Email Replied → Update Lead Category (Interested)
* Lead Unsubscribed → Unsubscribe Lead (from every campaign)
* Email Link Clicked → Pause Lead (follow up in another channel)
* Email Sent → Get Campaign By ID (campaign QA)

``register(dispatcher, smartlead)`` wires them into a :class:`WebhookDispatcher`; ``smartlead``
returns the client to call back with. ``examples/fastapi_service.py`` runs them end to end.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from smartlead_async import SmartleadClient
from smartlead_async.webhooks import (
    EmailLinkClicked,
    EmailReplied,
    EmailSent,
    LeadUnsubscribed,
    WebhookDispatcher,
    WebhookEvent,
)

INTERESTED = 1  # default category id of "Interested"
logger = logging.getLogger("automations")


def _ids(event: WebhookEvent) -> tuple[int, int]:
    if event.campaign_id is None or event.sl_email_lead_id is None:
        raise ValueError(f"{event.event_type} lacks campaign or lead id")
    return event.campaign_id, int(event.sl_email_lead_id)


def register(dispatcher: WebhookDispatcher, smartlead: Callable[[], SmartleadClient]) -> None:
    """Add the four automations to ``dispatcher``."""

    @dispatcher.on(EmailReplied)
    async def categorize_reply(event: WebhookEvent) -> None:
        campaign_id, lead_id = _ids(event)
        await smartlead().leads.update_category(campaign_id, lead_id, INTERESTED)

    @dispatcher.on(LeadUnsubscribed)
    async def unsubscribe_everywhere(event: WebhookEvent) -> None:
        _, lead_id = _ids(event)
        await smartlead().leads.unsubscribe(lead_id)

    @dispatcher.on(EmailLinkClicked)
    async def pause_after_click(event: WebhookEvent) -> None:
        campaign_id, lead_id = _ids(event)
        await smartlead().leads.pause(campaign_id, lead_id)

    @dispatcher.on(EmailSent)
    async def campaign_qa(event: WebhookEvent) -> None:
        campaign_id, _ = _ids(event)
        campaign = await smartlead().campaigns.get(campaign_id)
        logger.info("sent from campaign %s (%s, %s)", campaign.id, campaign.name, campaign.status)
