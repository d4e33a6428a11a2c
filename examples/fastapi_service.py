"""A FastAPI service on smartlead-async, run end to end against the embedded fake server.

The app owns one SmartleadClient (lifespan), imports posted leads into a campaign, and receives
SmartLead webhooks into the four Konnectify automations. ``main()`` starts the fake SmartLead
server and this app (uvicorn, in-process), drives them, and prints what happened.

    python examples/fastapi_service.py
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import httpx
import uvicorn
from fastapi import Depends, FastAPI

sys.path.insert(0, str(Path(__file__).resolve().parent))

import konnectify_automations

from smartlead_async import RateLimit, SmartleadClient
from smartlead_async.integrations.fastapi import (
    get_smartlead,
    smartlead_lifespan,
    smartlead_webhook_router,
)
from smartlead_async.models import LeadInput
from smartlead_async.testing import FakeSmartlead
from smartlead_async.webhooks import WebhookDispatcher


def create_app(client_factory: Callable[[], SmartleadClient], webhook_secret: str) -> FastAPI:
    """The service: lead import endpoint plus the SmartLead webhook receiver."""
    app = FastAPI(lifespan=smartlead_lifespan(client_factory))
    hooks = WebhookDispatcher(secret=webhook_secret)
    konnectify_automations.register(hooks, lambda: app.state.smartlead)
    app.include_router(smartlead_webhook_router("/hooks/smartlead", hooks))

    @app.post("/campaigns/{campaign_id}/leads")
    async def import_leads(
        campaign_id: int,
        emails: list[str],
        smartlead: Annotated[SmartleadClient, Depends(get_smartlead)],
    ) -> dict[str, int]:
        report = await smartlead.leads.bulk_import(
            campaign_id, leads=(LeadInput(email=email) for email in emails)
        )
        return {outcome.value: count for outcome, count in report.counts.items() if count}

    return app


async def main() -> None:
    """Run the fake, the service, and a day of activity; print the outcome."""
    async with FakeSmartlead(webhook_secret="hook-secret") as fake:
        fast = [RateLimit(1000, 1.0)]  # the fake does not throttle here; keep the demo quick
        app = create_app(
            lambda: SmartleadClient(fake.api_key, base_url=fake.base_url, rate_limits=fast),
            webhook_secret="hook-secret",
        )
        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
        server = uvicorn.Server(config)
        serving = asyncio.create_task(server.serve())
        # uvicorn exposes "started" as a flag, not an event.
        while not server.started:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        service = f"http://127.0.0.1:{port}"
        try:
            campaign = fake.state.add_campaign("Konnectify automations")
            async with httpx.AsyncClient(base_url=service) as http:
                emails = [f"lead{i}@prospect.example" for i in range(6)]
                imported = await http.post(f"/campaigns/{campaign.id}/leads", json=emails)
            print(f"imported through the service: {imported.json()}")
            fake.state.add_webhook(
                campaign.id,
                "service",
                f"{service}/hooks/smartlead",
                ["EMAIL_SENT", "EMAIL_LINK_CLICK", "EMAIL_REPLY", "LEAD_UNSUBSCRIBED"],
            )
            for event, email in [
                ("EMAIL_SENT", emails[0]),
                ("EMAIL_REPLY", emails[0]),
                ("EMAIL_LINK_CLICK", emails[1]),
                ("LEAD_UNSUBSCRIBED", emails[2]),
            ]:
                (delivery,) = await fake.emit(event, campaign_id=campaign.id, lead_email=email)
                print(f"{event:<18} -> service answered {delivery.status}")
            leads = campaign.leads
            print(f"{emails[0]}: category {leads[emails[0]].lead_category_id} (1 = Interested)")
            print(f"{emails[1]}: status {leads[emails[1]].status}")
            print(f"{emails[2]}: unsubscribed={fake.state.leads[emails[2]].is_unsubscribed}")
        finally:
            server.should_exit = True
            await serving


if __name__ == "__main__":
    asyncio.run(main())
