"""Prospect, a campaign and a placement test in one run: the SDK's four hosts, on the fake.

Finds US directors with Prospect, spends credits to reveal their emails, adds them to a new
campaign, then checks where the campaign's first email lands with a Smart Delivery test before
anything is sent for real. One client reaches all four hosts (``host_urls=`` points the product
hosts at the fake; live, the defaults need no setting).

    python examples/product_hosts.py
"""

from __future__ import annotations

import asyncio

from smartlead_async import SmartleadClient
from smartlead_async.models import LeadInput
from smartlead_async.models.prospect import ContactFilters
from smartlead_async.testing import FakeSmartlead


async def main() -> None:
    """Run the workflow against a fresh fake and print what each host answered."""
    async with FakeSmartlead() as fake:
        sender = fake.seed.email_account("ops@outbound.example")
        async with SmartleadClient(
            fake.api_key, base_url=fake.base_url, host_urls=fake.host_urls
        ) as sl:
            directors = ContactFilters(title=["Director"], country=["United States"])
            found = await sl.prospect.search_contacts(filters=directors, limit=25)
            assert found.filter_id is not None
            print(f"prospect: {found.total_count} US directors match")
            # Revealing emails spends credits, so the SDK wants it said out loud.
            fetched = await sl.prospect.fetch_contacts(
                found.filter_id, limit=25, confirm_credits=True
            )
            emails = [contact.email for contact in fetched.contacts if contact.email]
            print(f"prospect: {len(emails)} emails revealed")

            campaign = await sl.campaigns.create(name="US directors")
            added = await sl.leads.add_to_campaign(
                campaign.id, leads=[LeadInput(email=email) for email in emails]
            )
            print(f"core: {added.upload_count} leads added to campaign {campaign.id}")

            # A placement test sends to seed mailboxes: it too must be confirmed.
            test = await sl.smart_delivery.create_manual_test(
                confirm_cost=True,
                test_name="US directors, first touch",
                campaign_id=campaign.id,
                sequence_mapping_id=1,
                provider_ids=["gmail_na", "outlook_na"],
                sender_accounts=[sender.from_email],
            )
            assert test.id is not None
            report = await sl.smart_delivery.reports.by_provider(test.id)
            for row in report.result:
                rates = f"inbox {row.inbox_rate}% spam {row.spam_rate}%"
                print(f"smart delivery: {row.provider} {rates}")


if __name__ == "__main__":
    asyncio.run(main())
