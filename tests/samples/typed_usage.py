"""User code as the README writes it, checked by ``mypy --strict`` (``make typecheck``).

Not a test module: it is type-checked, and imported by ``tests/test_typed_usage.py`` so that the
patterns also run. If a change to the SDK makes this file fail to type-check, the README's
examples fail for users in the same way.
"""

from __future__ import annotations

import os
from typing import Annotated

from fastapi import Depends, FastAPI

from smartlead_async import SmartleadClient
from smartlead_async.integrations.fastapi import (
    ModelResponse,
    get_smartlead,
    smartlead_lifespan,
    smartlead_webhook_router,
)
from smartlead_async.models import Campaign
from smartlead_async.webhooks import (
    EmailBounced,
    EmailReplied,
    WebhookDispatcher,
    WebhookEvent,
)

hooks = WebhookDispatcher(secret=os.environ.get("SMARTLEAD_WEBHOOK_SECRET", "secretkey"))
replies: list[str] = []
bounces: list[bool] = []
others: list[str] = []


@hooks.on(EmailReplied)
async def on_reply(event: EmailReplied) -> None:
    # Fields only EmailReplied has: the handler's parameter is the class it was registered for.
    if event.reply_message is not None and event.reply_message.text is not None:
        replies.append(event.reply_message.text)


@hooks.on(EmailBounced)
async def on_bounce(event: EmailBounced) -> None:
    bounces.append(bool(event.is_sender_originated_bounce))


@hooks.on("*")
async def on_anything_else(event: WebhookEvent) -> None:
    others.append(str(event.event_type))


app = FastAPI(lifespan=smartlead_lifespan())  # one client for the app
app.include_router(smartlead_webhook_router("/hooks/smartlead", hooks))
Smartlead = Annotated[SmartleadClient, Depends(get_smartlead)]


@app.get("/campaigns")
async def campaigns(sl: Smartlead) -> ModelResponse:
    return ModelResponse(await sl.campaigns.list())


@app.get("/campaigns/{campaign_id}")
async def campaign(campaign_id: int, sl: Smartlead) -> ModelResponse:
    return ModelResponse(await sl.campaigns.get(campaign_id))


def round_trip(campaign: Campaign) -> Campaign:
    """A model travels as plain JSON data and back."""
    return Campaign.from_dict(campaign.to_dict())
