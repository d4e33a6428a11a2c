"""Lead routes (``client.leads``): imports, listings, per-lead actions, categories, block list,
the account-wide lead walk and pushes."""

from __future__ import annotations

import csv
import io
import json

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend import FakeCampaign, joi, record_id, refuse
from smartlead_async.testing.backend.leads import LEAD_CATEGORIES
from smartlead_async.testing.routes._base import Call, Reply, page, rows_page, text_reply

_CATEGORY_IDS = {category_id for category_id, _, _ in LEAD_CATEGORIES}


def _campaign(call: Call) -> FakeCampaign:
    return call.state.campaigns.existing(call.id("campaign_id"))


def add_to_campaign(call: Call) -> Reply:
    settings = call.object("settings")
    outcome = call.state.leads.add_to_campaign(
        _campaign(call),
        call.rows("lead_list"),
        ignore_block_list=settings.get("ignore_global_block_list") is True,
        ignore_unsubscribes=settings.get("ignore_unsubscribe_list") is True,
    )
    return outcome.to_wire()


def list_by_campaign(call: Call) -> Reply:
    campaign = _campaign(call)
    offset, limit = page(call, max_limit=100)
    status = call.query.get("status")
    category = call.query.get("lead_category_id")
    by_id = {lead.id: lead for lead in call.state.leads.values()}
    rows = [
        m
        for m in campaign.leads.values()
        if (status is None or m.status == status)
        and (category is None or str(m.lead_category_id) == category)
    ]
    data: list[JSON] = [
        {
            "campaign_lead_map_id": m.map_id,
            "lead_category_id": m.lead_category_id,
            "status": m.status,
            "created_at": m.created_at,
            "lead": by_id[m.lead_id].to_wire(),
        }
        for m in rows[offset : offset + limit]
    ]
    return {"total_leads": str(len(rows)), "offset": offset, "limit": limit, "data": data}


def get(call: Call) -> Reply:
    lead = call.state.leads.by_id(call.id("lead_id"))
    return {"data": [lead.to_wire()] if lead else []}


def campaigns(call: Call) -> Reply:
    lead = call.state.leads.existing(call.id("lead_id"))
    return [
        {"id": c.id, "status": c.status, "name": c.name} for c in call.state.lead_campaigns(lead)
    ]


def unsubscribe(call: Call) -> Reply:
    call.state.leads.existing(call.id("lead_id")).is_unsubscribed = True
    return {"ok": True}


def update(call: Call) -> Reply:
    lead, _ = call.state.leads.membership(_campaign(call), call.id("lead_id"))
    call.state.leads.update(lead, call.object())
    return {"ok": True}


def delete_from_campaign(call: Call) -> Reply:
    campaign = _campaign(call)
    lead, _ = call.state.leads.membership(campaign, call.id("lead_id"))
    del campaign.leads[lead.email]
    # The live API answers the bare text "success" here.
    return text_reply("success")


def pause(call: Call) -> Reply:
    _, membership = call.state.leads.membership(_campaign(call), call.id("lead_id"))
    membership.status = "PAUSED"
    return {"ok": True, "data": "success"}


def resume(call: Call) -> Reply:
    _, membership = call.state.leads.membership(_campaign(call), call.id("lead_id"))
    membership.status = "INPROGRESS"
    return {"ok": True, "data": "success"}


def unsubscribe_from_campaign(call: Call) -> Reply:
    _, membership = call.state.leads.membership(_campaign(call), call.id("lead_id"))
    membership.status = "STOPPED"
    return {"ok": True}


def update_category(call: Call) -> Reply:
    _, membership = call.state.leads.membership(_campaign(call), call.id("lead_id"))
    category = call.field("category_id")
    custom = call.state.leads.custom_categories
    if category is not None and category not in _CATEGORY_IDS and category not in custom:
        raise refuse(400, f"Invalid category_id - {category}")
    membership.lead_category_id = call.number("category_id")
    if call.flag("pause_lead"):
        membership.status = "PAUSED"
    return {"ok": True}


def mark_complete(call: Call) -> Reply:
    campaign = _campaign(call)
    map_id = call.id("campaign_lead_map_id")
    membership = next((m for m in campaign.leads.values() if m.map_id == map_id), None)
    if membership is None:
        raise refuse(404, "Lead not found - Invalid campaign_lead_map_id.")
    membership.status = "COMPLETED"
    return {"ok": True, "status": {"isLastSequence": True, "nextSequence": None}}


def message_history(call: Call) -> Reply:
    lead, _ = call.state.leads.membership(_campaign(call), call.id("lead_id"))
    return {"history": [], "from": "sender@outbound.example", "to": lead.email}


def export_csv(call: Call) -> Reply:
    campaign = _campaign(call)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["id", "campaign_lead_map_id", "status", "email", "first_name", "custom_fields"]
    )
    for email, membership in campaign.leads.items():
        lead = call.state.leads[email]
        writer.writerow(
            [
                lead.id,
                membership.map_id,
                membership.status,
                email,
                lead.fields.get("first_name") or "",
                json.dumps(lead.fields.get("custom_fields") or {}),
            ]
        )
    return text_reply(out.getvalue(), "text/csv")


def categories(call: Call) -> Reply:
    built_in: list[JSON] = [
        {"id": i, "created_at": "2022-01-01T00:00:00.000Z", "name": name, "sentiment_type": kind}
        for i, name, kind in LEAD_CATEGORIES
    ]
    return built_in + [dict(c) for c in call.state.leads.custom_categories.values()]


def create_category(call: Call) -> Reply:
    category = call.state.leads.save_category(None, call.object(), call.state.user_id)
    return {"ok": True, "data": dict(category)}


def update_category_definition(call: Call) -> Reply:
    category = call.state.leads.save_category(
        call.id("category_id"), call.object(), call.state.user_id
    )
    return {"ok": True, "data": dict(category)}


def delete_category(call: Call) -> Reply:
    category_id = call.id("category_id")
    call.state.leads.delete_category(category_id)
    for campaign in call.state.campaigns.values():
        for membership in campaign.leads.values():
            if membership.lead_category_id == category_id:
                membership.lead_category_id = None
    return {"ok": True, "message": "Lead category deleted successfully"}


def add_to_block_list(call: Call) -> Reply:
    entries = [str(entry) for entry in call.items("domain_block_list")]
    if not entries:
        raise joi('"domain_block_list" must contain at least 1 items', "domain_block_list")
    added = call.state.leads.block(entries)
    return {"uploadCount": added, "totalDomainAdded": added}


def block_list(call: Call) -> Reply:
    offset, limit = page(call, max_limit=1000, default=100)
    needle = call.query.get("filter_email_or_domain", "").lower()
    rows: list[JSON] = [
        entry.to_wire()
        for entry in call.state.leads.block_entries()
        if needle in entry.email_or_domain
    ]
    return rows_page(rows, offset, limit)


def remove_from_block_list(call: Call) -> Reply:
    call.state.leads.unblock(record_id(call.query.get("id", "")))
    return {"ok": True}


def get_by_email(call: Call) -> Reply:
    email = call.query.get("email", "").strip().lower()
    lead = call.state.leads.get(email)
    if lead is None:
        return {}
    wire = lead.to_wire()
    wire["id"] = str(lead.id)  # this route serialises the id as a string
    wire["created_at"] = lead.created_at
    wire["lead_campaign_data"] = [
        {
            "campaign_id": c.id,
            "campaign_name": c.name,
            "campaign_lead_map_id": c.leads[email].map_id,
            "lead_category_id": c.leads[email].lead_category_id,
            "last_sent_at": None,
            "last_reply_at": None,
            "last_activity_at": None,
            "client_id": c.client_id,
            "client_email": None,
        }
        for c in call.state.lead_campaigns(lead)
    ]
    return wire


def list_all(call: Call) -> Reply:
    _, limit = page(call, max_limit=1000)
    after = int(call.query.get("lastSeenLeadId", "0"))
    campaign_id = call.query.get("campaignId")
    members = call.state.campaigns.existing(int(campaign_id)).leads if campaign_id else None
    email = call.query.get("leadEmail", "").lower()
    picked = [
        lead
        for lead in sorted(call.state.leads.values(), key=lambda lead: lead.id)
        if lead.id > after
        and (not email or lead.email == email)
        and (members is None or lead.email in members)
    ][:limit]
    rows: list[JSON] = [lead.to_wire() for lead in picked]
    return {"ok": True, "data": {"leads": rows}}


def campaign_overview(call: Call) -> Reply:
    lead = call.state.leads.existing(call.id("lead_id"))
    data: list[JSON] = [
        {
            "campaign_id": c.id,
            "campaign_name": c.name,
            "status": c.leads[lead.email].status,
            "statistics": row.to_wire() if (row := c.statistics.get(lead.email)) else None,
        }
        for c in call.state.lead_campaigns(lead)
    ]
    return {"ok": True, "data": data}


def sequence_details(call: Call) -> Reply:
    campaign = call.state.campaigns.get(record_id(call.query.get("campaignId", "")))
    if campaign is None:
        raise refuse(400, '"campaignId" is required')
    map_id = call.id("campaign_lead_map_id")
    email = next((e for e, m in campaign.leads.items() if m.map_id == map_id), None)
    if email is None:
        raise refuse(404, "Lead not found")
    row = campaign.statistics.get(email)
    data: dict[str, JSON] = {
        "status": campaign.leads[email].status,
        "current_sequence_number": row.sequence_number if row else 0,
        "sequence_count": len(campaign.sequences),
    }
    return {"ok": True, "data": data}


def push_to_campaign(call: Call) -> Reply:
    campaign = call.state.campaigns.existing(call.number("campaignId") or 0)
    # The reference's ``leadList`` is ``{listId, leadIds, allLeads}``; the SDK sends the id array.
    lead_list = call.field("leadList")
    ids = (
        [i for i in lead_list if isinstance(i, int)]
        if isinstance(lead_list, list)
        else call.object("leadList").get("leadIds")
    )
    if not isinstance(ids, list) or not ids:
        raise refuse(400, "no leads given")
    moved = call.state.push_to_campaign(
        campaign, [i for i in ids if isinstance(i, int)], move=call.text("action") == "move"
    )
    return {"ok": True, "data": {"pushed": moved}}


def push_to_list(call: Call) -> Reply:
    lead_list = call.state.lead_lists.existing(call.field("listId"))
    if call.flag("allLeads"):
        emails = list(call.state.leads)
    else:
        ids = call.ids("leadIds")
        if not ids:
            raise refuse(400, "no leads given")
        emails = [lead.email for lead in call.state.leads.by_ids(ids)]
    call.state.lead_lists.add(lead_list, emails)
    return {"ok": True, "data": {"pushed": len(emails)}}


def push_campaign_leads_to_list(call: Call) -> Reply:
    campaign = call.state.campaigns.existing(call.number("campaignId") or 0)
    lead_list = call.state.lead_lists.existing(call.field("listId"))
    wanted = set(call.ids("leadMapIds"))
    emails = [
        email
        for email, membership in campaign.leads.items()
        if call.flag("allLeads") or membership.map_id in wanted
    ]
    call.state.lead_lists.add(lead_list, emails)
    return {"ok": True, "data": {"pushed": len(emails)}}


def search_in_campaign(call: Call) -> Reply:
    campaign = call.state.campaigns.existing(call.id("campaign_id"))
    rows, count = call.state.search_campaign_leads(campaign, call.object())
    last = rows[-1]["id"] if rows else None
    return {"leads": list[JSON](rows), "lastSeenEclmId": last, "count": count}


def push_between_lists(call: Call) -> Reply:
    lists = call.state.lead_lists
    to_list = lists.existing(call.field("toListId"))
    from_id = call.field("fromListId")
    from_list = None if from_id is None else lists.existing(from_id)
    ids = call.ids("leadIds")
    emails = [lead.email for lead in call.state.leads.by_ids(ids)] if ids else None
    moved = lists.push_between(emails, from_list, to_list, action=call.text("action"))
    return {"ok": True, "data": {"total_leads_moved": moved}}


def _crm_lead(call: Call, lead_id: int | None) -> int:
    if lead_id is None or call.state.leads.by_id(lead_id) is None:
        raise refuse(404, "Lead not found - Invalid lead_id.")
    return lead_id


def crm_notes(call: Call) -> Reply:
    lead_id = _crm_lead(call, call.id("lead_id"))
    return {"ok": True, "data": [dict(n) for n in call.state.crm.notes.get(lead_id, [])]}


def crm_tasks(call: Call) -> Reply:
    lead_id = _crm_lead(call, call.id("lead_id"))
    return {"ok": True, "data": [dict(t) for t in call.state.crm.tasks.get(lead_id, [])]}


def crm_tags(call: Call) -> Reply:
    asked = call.query.get("leadId")
    lead_id = _crm_lead(call, int(asked)) if asked and asked.isdigit() else None
    tags = call.state.email_accounts.tags
    rows: list[JSON] = [
        {
            "id": tag_id,
            "tag_mapping_id": mapping_id,
            "name": tags[tag_id].name,
            "color": tags[tag_id].color,
        }
        for mapping_id, tag_id in call.state.crm.tags_of(lead_id)
        if tag_id in tags
    ]
    return {"ok": True, "data": rows}


def crm_add_tags(call: Call) -> Reply:
    lead_id = _crm_lead(call, call.number("leadId"))
    call.state.crm.tag(lead_id, call.ids("tagIds"), call.state.email_accounts.tags)
    return {"ok": True, "message": "Tags added to lead successfully"}


def crm_remove_tag(call: Call) -> Reply:
    call.state.crm.untag(call.id("tag_mapping_id"))
    return {"ok": True, "message": "Tag removed from lead successfully"}


def message_history_for_leads(call: Call) -> Reply:
    asked = call.ids("lead_ids") if "lead_ids" in call.object() else None
    try:
        history = call.state.sent_history(_campaign(call), asked, call.query.get("event_time_gt"))
    except ValueError:
        raise joi('"event_time_gt" must be an ISO date', "event_time_gt", source="query") from None
    return {"data": history}
