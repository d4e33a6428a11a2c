"""Campaign routes (``client.campaigns``): life cycle, schedule, settings, sequences, reports."""

from __future__ import annotations

import collections
import datetime as dt

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend import ApiError, FakeCampaign, FakeSchedule, joi, refuse
from smartlead_async.testing.backend.analytics import STATUS_FILTERS, counts
from smartlead_async.testing.routes._base import Call, Reply, page, rows_page


def _campaign(call: Call) -> FakeCampaign:
    return call.state.campaigns.existing(call.id("campaign_id"))


def _with_tags(call: Call, campaign: FakeCampaign) -> dict[str, JSON]:
    row = campaign.to_wire(call.state.user_id)
    if call.query.get("include_tags") == "true":
        tags = call.state.email_accounts.tags
        row["tags"] = [
            {"tag_id": t, "tag_name": tags[t].name, "tag_color": tags[t].color}
            for t in sorted(campaign.tag_ids)
            if t in tags
        ]
    return row


def list_campaigns(call: Call) -> Reply:
    client_id = call.query.get("client_id")
    return [
        _with_tags(call, c)
        for c in call.state.campaigns.values()
        if client_id is None or str(c.client_id) == client_id
    ]


def create(call: Call) -> Reply:
    campaign = call.state.campaigns.create(call.text("name", "Untitled"), call.number("client_id"))
    return {"ok": True, "id": campaign.id, "name": campaign.name, "created_at": campaign.created_at}


def get(call: Call) -> Reply:
    campaign = call.state.campaigns.get(call.id("campaign_id"))
    # The live API answers a missing campaign with 200 and an empty object.
    return _with_tags(call, campaign) if campaign else {}


def delete(call: Call) -> Reply:
    call.state.campaigns.delete(call.id("campaign_id"))
    return {"ok": True}


def update_status(call: Call) -> Reply:
    campaign = _campaign(call)
    has_senders = call.state.has_senders(campaign)
    call.state.campaigns.set_status(campaign, call.text("status"), has_senders=has_senders)
    return {"ok": True}


def update_schedule(call: Call) -> Reply:
    campaign = _campaign(call)
    nested = call.object("schedule")
    # The reference nests the schedule and names the days ``days``; the live API takes the flat
    # body with ``days_of_the_week`` (see the legacy aliases).
    values = nested or call.object()
    days = values.get("days", values.get("days_of_the_week"))
    schedule = FakeSchedule(
        timezone=str(values.get("timezone")),
        days_of_the_week=tuple(int(str(d)) for d in days) if isinstance(days, list) else (),
        start_hour=str(values.get("start_hour")),
        end_hour=str(values.get("end_hour")),
        min_time_btw_emails=int(str(values.get("min_time_btw_emails") or 10)),
        max_new_leads_per_day=int(str(values.get("max_new_leads_per_day") or 20)),
        schedule_start_time=(
            str(start) if (start := values.get("schedule_start_time")) is not None else None
        ),
    )
    call.state.campaigns.set_schedule(campaign, schedule)
    return {"ok": True}


def update_settings(call: Call) -> Reply:
    call.state.campaigns.update_settings(_campaign(call), call.object())
    return {"ok": True}


def get_sequences(call: Call) -> Reply:
    campaign = _campaign(call)
    return [step.to_wire(campaign.id) for step in campaign.sequences]


def save_sequences(call: Call) -> Reply:
    call.state.campaigns.save_sequences(_campaign(call), call.rows("sequences"))
    return {"ok": True, "data": "success"}


def _analytics_of(call: Call, campaign: FakeCampaign) -> dict[str, JSON]:
    tally = counts(campaign.statistics.values())
    statuses = collections.Counter(m.status for m in campaign.leads.values())
    sent = str(tally["sent"])
    return {
        "id": campaign.id,
        "user_id": call.state.user_id,
        "created_at": campaign.created_at,
        "status": campaign.status,
        "name": campaign.name,
        "sent_count": sent,
        "unique_sent_count": sent,
        "open_count": str(tally["opened"]),
        "unique_open_count": str(tally["opened"]),
        "click_count": str(tally["clicked"]),
        "unique_click_count": str(tally["clicked"]),
        "reply_count": str(tally["replied"]),
        "bounce_count": str(tally["bounced"]),
        "unsubscribed_count": str(tally["unsubscribed"]),
        "block_count": "0",
        "total_count": sent,
        "drafted_count": "0",
        "sequence_count": str(len(campaign.sequences)),
        "tags": [],
        "client_id": campaign.client_id,
        "parent_campaign_id": campaign.parent_campaign_id,
        "campaign_lead_stats": {
            "total": len(campaign.leads),
            "blocked": statuses["BLOCKED"],
            "stopped": statuses["STOPPED"],
            "completed": statuses["COMPLETED"],
            "inprogress": statuses["INPROGRESS"],
            "notStarted": statuses["STARTED"],
            "paused": statuses["PAUSED"],
            "interested": sum(1 for m in campaign.leads.values() if m.lead_category_id == 1),
            "revenue": 0,
        },
    }


def analytics(call: Call) -> Reply:
    return _analytics_of(call, _campaign(call))


def analytics_by_date(call: Call) -> Reply:
    campaign = _campaign(call)
    try:
        start = dt.date.fromisoformat(call.query["start_date"])
        end = dt.date.fromisoformat(call.query["end_date"])
    except ValueError:
        raise joi('"start_date" must be a valid date', "start_date", source="query") from None
    if not 0 <= (end - start).days <= 30:
        raise refuse(
            400, "Invalid start_date & end_date range. Date difference should be max of 30days."
        )
    return _analytics_of(call, campaign) | {"start_date": str(start), "end_date": str(end)}


def statistics(call: Call) -> Reply:
    campaign = _campaign(call)
    offset, limit = page(call, max_limit=1000)
    wanted = STATUS_FILTERS.get(call.query.get("email_status", ""))
    rows = [row.to_wire() for row in campaign.statistics.values() if wanted is None or wanted(row)]
    return {
        "total_stats": str(len(rows)),
        "offset": offset,
        "limit": limit,
        "data": rows_page(rows, offset, limit),
    }


def create_subsequence(call: Call) -> Reply:
    parent_id = call.number("parent_campaign_id") or 0
    # The reference names it ``subsequence_name``; the SDK sends ``name`` (a legacy alias).
    name = call.text("subsequence_name") or call.text("name") or "Subsequence"
    child = call.state.campaigns.create_subsequence(parent_id, name)
    return {"ok": True, "id": child.id, "name": child.name, "created_at": child.created_at}


def update_lead_email_account(call: Call) -> Reply:
    campaign = call.state.campaigns.get(call.number("email_campaign_id") or 0)
    lead = call.state.leads.by_id(call.number("email_lead_id") or 0)
    if campaign is None or lead is None or lead.email not in campaign.leads:
        raise refuse(404, "Lead not found in campaign")
    if call.number("email_account_id") not in call.state.email_accounts.campaign_links.get(
        campaign.id, []
    ):
        raise refuse(400, "Email account is not a sender of this campaign")
    return {"ok": True}


def send_test_email(call: Call) -> Reply:
    campaign = _campaign(call)
    # The reference's ``sequenceNumber`` / ``customEmailAddress``, or the SDK's legacy spellings.
    step = call.field("sequenceNumber") or call.field("seq_number")
    to = call.text("customEmailAddress") or call.text("to")
    if step not in {s.seq_number for s in campaign.sequences}:
        raise refuse(400, f"Invalid seq_number - {step}")
    return {"ok": True, "message": f"Test email sent to {to}"}


def lead_statistics(call: Call) -> Reply:
    campaign = _campaign(call)
    offset, limit = page(call, max_limit=100)
    rows: list[JSON] = [
        {
            "lead_email": row.lead_email,
            "lead_name": row.lead_name,
            "sent_count": 1,
            "open_count": row.open_count,
            "click_count": row.click_count,
            "reply_count": 1 if row.reply_time else 0,
        }
        for row in campaign.statistics.values()
    ]
    more = offset + limit < len(rows)
    return {"data": rows_page(rows, offset, limit), "hasMore": more, "skip": offset, "limit": limit}


def mailbox_statistics(call: Call) -> Reply:
    campaign = _campaign(call)
    offset, limit = page(call, max_limit=20)
    if bool(call.query.get("start_date")) != bool(call.query.get("end_date")):
        raise joi('"start_date" and "end_date" go together', "start_date", source="query")
    tally = counts(campaign.statistics.values())
    # The fake does not track which mailbox sent what: the first sender gets it all.
    rows: list[JSON] = [
        {
            "email_account_id": account.id,
            "from_email": account.from_email,
            **{
                f"{name}_count": tally[key] if i == 0 else 0
                for name, key in (
                    ("sent", "sent"),
                    ("open", "opened"),
                    ("click", "clicked"),
                    ("reply", "replied"),
                    ("bounce", "bounced"),
                )
            },
        }
        for i, account in enumerate(call.state.email_accounts.senders_of(campaign.id))
    ]
    return {"ok": True, "data": rows_page(rows, offset, limit)}


def sequence_analytics(call: Call) -> Reply:
    campaign = _campaign(call)
    by_step = collections.defaultdict(list)
    for row in campaign.statistics.values():
        by_step[row.sequence_number].append(row)
    data: list[JSON] = [
        {"seq_number": step, **counts(rows)} for step, rows in sorted(by_step.items())
    ]
    return {"ok": True, "data": data}


def top_level_analytics_by_date(call: Call) -> Reply:
    campaign = _campaign(call)
    tally = counts(campaign.statistics.values())
    positive = sum(1 for m in campaign.leads.values() if m.lead_category_id in (1, 2))
    return {
        "id": campaign.id,
        "name": campaign.name,
        "status": campaign.status,
        "start_date": call.query.get("start_date"),
        "end_date": call.query.get("end_date"),
        "total_count": str(len(campaign.leads)),
        "sent_count": str(tally["sent"]),
        "open_count": str(tally["opened"]),
        "click_count": str(tally["clicked"]),
        "reply_count": str(tally["replied"]),
        "positive_reply_count": str(positive),
        "bounce_count": str(tally["bounced"]),
        "unsubscribed_count": str(tally["unsubscribed"]),
    }


def all_leads_activities(call: Call) -> Reply:
    offset, limit = page(call, max_limit=1000)
    events: list[JSON] = [
        {"campaign_id": c.id, "lead_email": row.lead_email, "type": kind, "time": moment}
        for c in call.state.campaigns.values()
        for row in c.statistics.values()
        for kind, moment in (
            ("SENT", row.sent_time),
            ("OPEN", row.open_time),
            ("REPLY", row.reply_time),
        )
        if moment
    ]
    more = offset + limit < len(events)
    return {
        "data": rows_page(events, offset, limit),
        "pagination": {"has_more": more, "offset": offset, "limit": limit},
    }


def _retag(call: Call, *, add: bool) -> Reply:
    campaign_ids, tag_ids = call.ids("campaignIds"), call.ids("tagIds")
    changed, skipped = call.state.campaigns.retag(
        campaign_ids, tag_ids, call.state.email_accounts.tags, add=add
    )
    verb = "added to" if add else "removed from"
    return {
        "ok": True,
        "message": f"Tags {verb} campaigns successfully!",
        "campaign_ids": list[JSON](dict.fromkeys(campaign_ids)),
        "tag_ids": list[JSON](dict.fromkeys(tag_ids)),
        "requested": changed + skipped,
        ("added" if add else "removed"): changed,
        ("already_present" if add else "not_present"): skipped,
    }


def add_tags(call: Call) -> Reply:
    return _retag(call, add=True)


def remove_tags(call: Call) -> Reply:
    return _retag(call, add=False)


def move_to_folder(call: Call) -> Reply:
    asked = call.ids("campaign_ids")
    moved = call.state.campaigns.move_to_folder(asked, call.number("folder_id"))
    return {
        "ok": True,
        "requested": len(asked),
        "updated": len(moved),
        "updated_campaign_ids": list[JSON](moved),
        "not_found_campaign_ids": [i for i in asked if i not in moved],
    }


def assign_client(call: Call) -> Reply:
    campaign = call.state.campaigns.get(call.number("campaignId") or 0)
    if campaign is None:
        raise ApiError(500, {"message": "Invalid campaign Id!"})
    client = call.state.assign_client(campaign, call.number("clientId"))
    return {
        "ok": True,
        "message": "success",
        "client": None if client is None else {"id": client.id, "email": client.email},
    }


def duplicate(call: Call) -> Reply:
    copy = call.state.duplicate_campaign(
        call.id("campaign_id"),
        sub_sequences=call.flag("duplicate_sub_sequence"),
        client_label=call.flag("duplicate_client_label"),
    )
    return {"ok": True, "newCampaignId": copy.id}


def update_team_member(call: Call) -> Reply:
    _campaign(call).team_member_id = call.number("teamMemberId")
    return {"success": True, "message": "Team member updated"}


def set_spintax_mode(call: Call) -> Reply:
    call.state.campaigns.set_spintax_mode(
        call.number("campaignId") or 0, call.number("spintaxDistributionMode") or 0
    )
    return {"ok": True}


def reallocate_mailboxes(call: Call) -> Reply:
    asked = (
        call.ids("from_email_account_ids") if "from_email_account_ids" in call.object() else None
    )
    if asked is not None and (not 1 <= len(asked) <= 100 or len(set(asked)) != len(asked)):
        raise joi(
            '"from_email_account_ids" must hold 1 to 100 distinct ids', "from_email_account_ids"
        )
    moved, attached = call.state.reallocate(_campaign(call), asked)
    return {"ok": True, "leads_reallocated": moved, "to_email_account_ids": list[JSON](attached)}


def _template_answer(template: dict[str, JSON] | None) -> Reply:
    return {"success": True, "data": {"template": None if template is None else dict(template)}}


def create_prompt_template(call: Call) -> Reply:
    campaign = _campaign(call)
    return _template_answer(
        call.state.campaigns.save_prompt_template(campaign, None, call.object())
    )


def get_prompt_template(call: Call) -> Reply:
    return _template_answer(_campaign(call).prompt_template)


def update_prompt_template(call: Call) -> Reply:
    template = call.state.campaigns.save_prompt_template(
        _campaign(call), call.id("template_id"), call.object()
    )
    return {"success": True, "data": {"id": template["id"]}}
