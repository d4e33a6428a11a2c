"""The ten agency automations of seed 004, on smartlead-async, runnable against the fake.

External systems (HubSpot, Slack, Google Sheets, the website tracker) are local stubs; the
SmartLead side is real SDK calls. Each automation is one function; ``main()`` seeds the fake
server, runs all ten, and prints one line per automation.

    python examples/agency_automations.py
"""

from __future__ import annotations

import asyncio
import collections
import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping

import attrs

from smartlead_async import NotFoundError, RateLimit, SmartleadClient
from smartlead_async.models import LeadInput, SequenceStepInput, SequenceVariantInput
from smartlead_async.testing import FakeSmartlead
from smartlead_async.webhooks import EmailReplied, WebhookEvent

BATCH = 100
NOT_INTERESTED = 3


@attrs.define
class Stubs:
    """Stand-ins for the systems around SmartLead."""

    crm: dict[str, dict[str, str]] = attrs.field(factory=dict)  # HubSpot contacts by email
    slack: list[str] = attrs.field(factory=list)  # messages posted
    sheet: str = ""  # the CSV a reporting sheet would receive


# 1. Lead intake: Clay enriches rows, they go straight into a campaign.
async def intake_enriched_leads(
    sl: SmartleadClient, campaign_id: int, rows: Iterable[Mapping[str, str]]
) -> int:
    """Add enriched rows (email, first_name, company, icebreaker) to a campaign."""
    leads = [
        LeadInput(
            email=row["email"],
            first_name=row.get("first_name"),
            company_name=row.get("company"),
            custom_fields={"icebreaker": row.get("icebreaker", "")},
        )
        for row in rows
    ]
    uploaded = 0
    for start in range(0, len(leads), BATCH):
        result = await sl.leads.add_to_campaign(campaign_id, leads=leads[start : start + BATCH])
        uploaded += result.upload_count
    return uploaded


# 2. Pause campaigns whose reply rate dropped below a threshold.
async def pause_low_reply_campaigns(
    sl: SmartleadClient, *, min_sent: int = 20, min_reply_rate: float = 0.01
) -> list[int]:
    """Pause active campaigns with enough sends and too few replies; return their ids."""
    paused = []
    for campaign in await sl.campaigns.list():
        if campaign.status != "ACTIVE":
            continue
        stats = await sl.analytics.campaign.summary(campaign.id)
        if stats.sent_count >= min_sent and stats.reply_count / stats.sent_count < min_reply_rate:
            await sl.campaigns.update_status(campaign.id, status="PAUSED")
            paused.append(campaign.id)
    return paused


# 3. Route replies to the CRM (webhook handler).
async def route_reply_to_crm(sl: SmartleadClient, event: WebhookEvent, stubs: Stubs) -> None:
    """Upsert the replying lead in the CRM as a sales-qualified lead."""
    if not isinstance(event, EmailReplied) or event.lead_email is None:
        return
    try:
        company = (await sl.leads.get_by_email(email=event.lead_email)).company_name
    except NotFoundError:
        company = None
    contact = stubs.crm.setdefault(event.lead_email, {})
    contact["lifecycle_stage"] = "salesqualifiedlead"
    contact["company"] = company or ""
    contact["last_reply"] = str(event.event_timestamp or "")


# 4. Daily reporting export, one row per campaign.
async def export_daily_report(sl: SmartleadClient, stubs: Stubs) -> int:
    """Write campaign analytics as CSV (what a Sheets push would receive)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["campaign", "sent", "opened", "replied", "reply_rate"])
    campaigns = await sl.campaigns.list()
    for campaign in campaigns:
        stats = await sl.analytics.campaign.summary(campaign.id)
        rate = stats.reply_count / stats.sent_count if stats.sent_count else 0.0
        writer.writerow(
            [campaign.name, stats.sent_count, stats.open_count, stats.reply_count, f"{rate:.1%}"]
        )
    stubs.sheet = out.getvalue()
    return len(campaigns)


# 5. Website form submission → nurture campaign.
async def form_to_nurture(sl: SmartleadClient, nurture_id: int, form: Mapping[str, str]) -> bool:
    """Enrol a form submitter in the nurture campaign, tagged with its source."""
    result = await sl.leads.add_to_campaign(
        nurture_id,
        leads=[
            LeadInput(
                email=form["email"],
                first_name=form.get("first_name"),
                company_name=form.get("company"),
                custom_fields={"source": "website_form", "interest": form.get("interest", "")},
            )
        ],
    )
    return result.upload_count == 1


# 6. Cross-client block list: a "not interested" lead is blocked for every client.
async def block_not_interested(sl: SmartleadClient, campaign_ids: Iterable[int]) -> list[str]:
    """Block-list every lead categorised Not Interested in the given campaigns."""
    emails = [
        row.lead.email
        for campaign_id in campaign_ids
        async for row in sl.leads.list_by_campaign(campaign_id, lead_category_id=NOT_INTERESTED)
        if row.lead.email
    ]
    if emails:
        await sl.leads.block_list.add(entries=emails)
    return emails


# 7. Inbox health: alert Slack about mailboxes with a poor warmup reputation.
async def inbox_health_alert(sl: SmartleadClient, stubs: Stubs, *, threshold: float = 70) -> int:
    """Post one Slack line per mailbox under the reputation threshold."""
    low = [
        account
        async for account in sl.email_accounts.list()
        if account.warmup_details is not None
        and account.warmup_details.warmup_reputation is not None
        and account.warmup_details.warmup_reputation < threshold
    ]
    for account in low:
        reputation = account.warmup_details.warmup_reputation if account.warmup_details else None
        stubs.slack.append(f":warning: {account.from_email} reputation {reputation:.0f}/100")
    return len(low)


# 8. Clone a template campaign for a new client.
async def clone_campaign(
    sl: SmartleadClient, template_id: int, *, name: str, email_account_id: int
) -> int:
    """New campaign with the template's sequence and schedule, sending from the client's inbox."""
    template = await sl.campaigns.get(template_id)
    steps = await sl.campaigns.get_sequences(template_id)
    clone = await sl.campaigns.create(name=name, client_id=template.client_id)
    await sl.campaigns.save_sequences(
        clone.id,
        steps=[
            SequenceStepInput(
                seq_number=step.seq_number or index + 1,
                delay_in_days=(step.seq_delay_details.delay_in_days or 0)
                if step.seq_delay_details
                else 0,
                subject=None if step.sequence_variants else step.subject,
                email_body=None if step.sequence_variants else step.email_body,
                variants=tuple(
                    SequenceVariantInput(
                        subject=v.subject or "",
                        email_body=v.email_body or "",
                        variant_label=v.variant_label or "A",
                    )
                    for v in step.sequence_variants
                ),
            )
            for index, step in enumerate(steps)
        ],
    )
    cron = template.scheduler_cron_value
    if isinstance(cron, dict):
        await sl.campaigns.update_schedule(
            clone.id,
            timezone=str(cron["tz"]),
            days_of_the_week=[int(str(day)) for day in cron["days"] or []],  # type: ignore[union-attr]
            start_hour=str(cron["startHour"]),
            end_hour=str(cron["endHour"]),
            min_time_btw_emails=template.min_time_btwn_emails or 10,
            max_new_leads_per_day=template.max_leads_per_day or 20,
        )
    await sl.email_accounts.add_to_campaign(clone.id, [email_account_id])
    return clone.id


# 9. Send on the weekdays that get replies.
async def optimise_schedule(sl: SmartleadClient, campaign_id: int, *, keep: int = 3) -> list[int]:
    """Keep the ``keep`` weekdays with the most replies (0 = Sunday) in the schedule."""
    replies: collections.Counter[int] = collections.Counter()
    async for row in sl.analytics.campaign.statistics(campaign_id, email_status="replied"):
        if row.reply_time is not None:
            replies[(row.reply_time.weekday() + 1) % 7] += 1
    days = sorted(day for day, _ in replies.most_common(keep)) or [1, 2, 3]
    campaign = await sl.campaigns.get(campaign_id)
    cron = campaign.scheduler_cron_value if isinstance(campaign.scheduler_cron_value, dict) else {}
    await sl.campaigns.update_schedule(
        campaign_id,
        timezone=str(cron.get("tz") or "UTC"),
        days_of_the_week=days,
        start_hour=str(cron.get("startHour") or "09:00"),
        end_hour=str(cron.get("endHour") or "17:00"),
        min_time_btw_emails=campaign.min_time_btwn_emails or 10,
        max_new_leads_per_day=campaign.max_leads_per_day or 20,
    )
    return days


# 10. A known lead visits the pricing page: move them to a warm follow-up campaign.
async def warm_follow_up(sl: SmartleadClient, warm_id: int, visitor_email: str) -> bool:
    """Enrol a visitor who is a lead of some campaign and has not replied."""
    try:
        lead = await sl.leads.get_by_email(email=visitor_email)
    except NotFoundError:
        return False
    if any(c.last_reply_at for c in lead.lead_campaign_data):
        return False
    today = dt.date.today().isoformat()
    result = await sl.leads.add_to_campaign(
        warm_id,
        leads=[
            LeadInput(
                email=visitor_email,
                custom_fields={"trigger": "visited_pricing_page", "visit_date": today},
            )
        ],
    )
    return result.upload_count == 1


async def main() -> None:
    """Seed the fake with an agency's account and run the ten automations."""
    stubs = Stubs()
    async with FakeSmartlead() as fake:
        fast = [RateLimit(1000, 1.0)]  # the fake does not throttle in this demo
        async with SmartleadClient(fake.api_key, base_url=fake.base_url, rate_limits=fast) as sl:
            sender = fake.seed.email_account("sdr@agency.example")
            fake.seed.email_account("tired@agency.example", warmup_reputation="55%")
            outbound = await sl.campaigns.create(name="Outbound Q2")
            nurture = await sl.campaigns.create(name="Nurture")
            warm = await sl.campaigns.create(name="Warm follow-up")

            rows = [
                {
                    "email": f"p{i}@acme{i % 4}.example",
                    "first_name": f"P{i}",
                    "company": f"Acme {i % 4}",
                    "icebreaker": "Loved your post",
                }
                for i in range(30)
            ]
            print(f"1 intake: {await intake_enriched_leads(sl, outbound.id, rows)} leads added")

            await sl.campaigns.update_schedule(
                outbound.id,
                timezone="America/New_York",
                days_of_the_week=[1, 2, 3, 4, 5],
                start_hour="09:00",
                end_hour="17:00",
                min_time_btw_emails=10,
                max_new_leads_per_day=50,
            )
            await sl.campaigns.save_sequences(
                outbound.id,
                steps=[
                    SequenceStepInput(
                        seq_number=1,
                        subject="Hi {{first_name}}",
                        email_body="<p>{{icebreaker}}</p>",
                    )
                ],
            )
            await sl.email_accounts.add_to_campaign(outbound.id, [sender.id])
            await sl.campaigns.update_status(outbound.id, status="START")
            await fake.simulate_activity(outbound.id, open_rate=0.5, reply_rate=0.0)
            print(f"2 low reply rate: paused campaigns {await pause_low_reply_campaigns(sl)}")

            await fake.emit("EMAIL_REPLY", campaign_id=outbound.id, lead_email="p1@acme1.example")
            reply = EmailReplied(event_type="EMAIL_REPLY", sl_lead_email="p1@acme1.example")
            await route_reply_to_crm(sl, reply, stubs)
            print(f"3 CRM: {stubs.crm['p1@acme1.example']['lifecycle_stage']} for p1@acme1.example")

            print(f"4 report: {await export_daily_report(sl, stubs)} campaigns exported")

            form = {"email": "visitor@startup.example", "first_name": "Vi", "interest": "pricing"}
            print(f"5 form -> nurture: enrolled={await form_to_nurture(sl, nurture.id, form)}")

            row = (await sl.leads.list_by_campaign(outbound.id, limit=1)).items[0]
            await sl.leads.update_category(outbound.id, row.lead.id, NOT_INTERESTED)
            blocked = await block_not_interested(sl, [outbound.id])
            print(f"6 block list: {blocked}")

            print(f"7 inbox health: {await inbox_health_alert(sl, stubs)} alert(s): {stubs.slack}")

            clone_id = await clone_campaign(
                sl, outbound.id, name="Client B - Outbound", email_account_id=sender.id
            )
            clone_steps = await sl.campaigns.get_sequences(clone_id)
            print(f"8 clone: campaign {clone_id} with {len(clone_steps)} step(s)")

            print(f"9 schedule: sending days now {await optimise_schedule(sl, outbound.id)}")

            moved = await warm_follow_up(sl, warm.id, "p5@acme1.example")
            print(f"10 warm follow-up: enrolled={moved}")


if __name__ == "__main__":
    asyncio.run(main())
