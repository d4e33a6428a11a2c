"""The main job, end to end, against the embedded fake SmartLead server (no key, no network).

Creates a campaign, bulk-imports 500 leads in concurrent 100-lead batches through the shared
rate gate (the fake enforces the documented 10 requests per 2 s strictly), walks the leads page
by page,
looks one up, gives the campaign a sender, a schedule and a two-step sequence, starts and pauses
it, and shows how errors surface.

    python examples/demo.py
"""

from __future__ import annotations

import asyncio
import time

from smartlead_async import DEFAULT_RATE_LIMITS, NotFoundError, SmartleadClient
from smartlead_async.models import LeadInput, SequenceStepInput
from smartlead_async.testing import FakeSmartlead


def leads(count: int) -> list[LeadInput]:
    rows = [
        LeadInput(
            email=f"prospect{i}@company{i % 37}.example",
            first_name=f"Prospect {i}",
            company_name=f"Company {i % 37}",
            custom_fields={"source": "demo", "score": i % 100},
        )
        for i in range(count)
    ]
    rows[10] = LeadInput(email="dup@company1.example")
    rows[11] = LeadInput(email="DUP@company1.example")  # a duplicate, dropped before sending
    rows[20] = LeadInput(email="ceo@blocked.example")  # on the global block list
    return rows


async def main() -> None:
    async with FakeSmartlead(rate_limits=DEFAULT_RATE_LIMITS) as fake:
        fake.state.block_list.add("blocked.example")
        fake.seed.email_account("sales@outbound.example")  # a connected mailbox
        started = time.perf_counter()
        async with SmartleadClient(fake.api_key, base_url=fake.base_url) as sl:
            campaign = await sl.campaigns.create(name="Demo: Q1 outbound")
            print(f"created campaign {campaign.id} ({campaign.name!r})")

            report = await sl.leads.bulk_import(campaign.id, leads=leads(500))
            counts = {outcome.value: n for outcome, n in report.counts.items() if n}
            print(
                f"imported {report.uploaded} of {report.total_rows} leads in {report.batches} "
                f"concurrent batches: {counts}"
            )

            walked = 0
            async for _row in sl.leads.list_by_campaign(campaign.id, limit=100):
                walked += 1
            page = await sl.leads.list_by_campaign(campaign.id, limit=5)
            print(f"walked {walked} leads page by page; first page has {len(page.items)} rows")

            lead = await sl.leads.get_by_email(email="prospect42@company5.example")
            print(
                f"lead {lead.id} is in campaigns {[c.campaign_id for c in lead.lead_campaign_data]}"
            )

            # START needs a sender, a schedule and a sequence, as on the live API.
            sender = await anext(aiter(sl.email_accounts.list()))
            await sl.email_accounts.add_to_campaign(campaign.id, [sender.id])
            await sl.campaigns.update_schedule(
                campaign.id,
                timezone="America/New_York",
                days_of_the_week=[1, 2, 3, 4, 5],
                start_hour="09:00",
                end_hour="17:00",
                min_time_btw_emails=10,
                max_new_leads_per_day=100,
            )
            await sl.campaigns.save_sequences(
                campaign.id,
                steps=[
                    SequenceStepInput(
                        seq_number=1,
                        subject="Quick question, {{first_name}}",
                        email_body="<p>Hi {{first_name}}, is {{company_name}} hiring?</p>",
                    ),
                    SequenceStepInput(
                        seq_number=2, delay_in_days=3, email_body="<p>Bumping this.</p>"
                    ),
                ],
            )
            await sl.campaigns.update_status(campaign.id, status="START")
            await sl.campaigns.update_status(campaign.id, status="PAUSED")
            print(f"campaign status is now {(await sl.campaigns.get(campaign.id)).status}")

            try:
                await sl.campaigns.get(999_999)
            except NotFoundError as error:
                print(f"missing campaign -> {type(error).__name__}: {error}")

        elapsed = time.perf_counter() - started
        print(
            f"{len(fake.state.requests)} requests in {elapsed:.1f} s against a strict "
            f"10-per-2-s server: {fake.state.rate_limited} answered 429"
        )


if __name__ == "__main__":
    asyncio.run(main())
