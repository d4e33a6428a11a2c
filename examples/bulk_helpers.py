"""Per-item bulk helpers against the embedded fake SmartLead server.

Imports 30 leads, then pauses every lead at one company, marks another company's leads as
"Interested", looks emails up (one unknown), block-lists a batch of competitor domains and adds
three mailboxes to the campaign, printing each helper's per-item results. Per-lead helpers make
one call per lead, so they run at the key's rate (5 calls/s by default): about 4 s here.

    python examples/bulk_helpers.py
"""

from __future__ import annotations

import asyncio

from smartlead_async import SmartleadClient
from smartlead_async.testing import FakeSmartlead

INTERESTED = 1  # a default category id; sl.leads.categories() lists them


async def main() -> None:
    async with FakeSmartlead() as fake:
        mailboxes = [fake.seed.email_account(f"sdr{i}@outbound.example") for i in range(3)]
        async with SmartleadClient(fake.api_key, base_url=fake.base_url) as sl:
            campaign = await sl.campaigns.create(name="Bulk helpers")
            rows = ({"email": f"p{i}@company{i % 6}.example"} for i in range(30))
            await sl.leads.bulk_import(campaign.id, leads=rows)
            leads = [row async for row in sl.leads.list_by_campaign(campaign.id)]

            def at(company: str) -> list[int]:
                return [row.lead.id for row in leads if (row.lead.email or "").endswith(company)]

            paused = await sl.leads.pause_many(campaign.id, at("@company0.example"))
            print(f"paused {len(paused.succeeded)} leads, {len(paused.failed)} failed")

            marked = await sl.leads.update_category_many(
                campaign.id, at("@company1.example"), INTERESTED
            )
            print(f"categorised {len(marked.succeeded)} leads as Interested")

            emails = ["p7@company1.example", "who@nowhere.example"]
            found = await sl.leads.get_by_email_many(emails=emails)
            for result in found.results:
                lead = result.value
                print(f"  {result.item}: {f'lead {lead.id}' if lead else 'no lead'}")

            domains = [f"competitor{i}.example" for i in range(150)]
            blocked = await sl.leads.block_list.add_many(entries=domains)
            print(f"block-listed {len(domains)} domains in {len(blocked.results)} calls")

            added = await sl.email_accounts.add_to_campaign_many(
                campaign.id,
                [box.id for box in mailboxes],
            )
            print(f"added {len(mailboxes)} mailboxes in {len(added.results)} call(s)")


if __name__ == "__main__":
    asyncio.run(main())
