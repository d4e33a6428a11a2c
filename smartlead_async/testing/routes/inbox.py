"""Master-inbox routes (``client.inbox``): views, one conversation, replies, lead actions."""

from __future__ import annotations

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend import joi
from smartlead_async.testing.backend.inbox import INBOX_MAX_LIMIT, FakeConversation
from smartlead_async.testing.routes._base import Call, Reply


def _row(call: Call, map_id: int, with_history: bool) -> dict[str, JSON]:
    campaign, membership, convo = call.state.inbox.find(call.state.campaigns, map_id)
    lead = call.state.leads[convo.email]
    row: dict[str, JSON] = {
        "email_lead_map_id": map_id,
        "email_lead_id": lead.id,
        "lead_email": lead.email,
        "lead_first_name": lead.fields.get("first_name"),
        "lead_last_name": lead.fields.get("last_name"),
        "lead_status": membership.status,
        "lead_category_id": membership.lead_category_id,
        "email_campaign_id": campaign.id,
        "email_campaign_name": campaign.name,
        "last_reply_time": convo.last_reply_time,
        "has_new_unread_email": convo.unread,
        "is_important": False,
        "is_archived": False,
        "is_snoozed": False,
        "team_member_id": convo.team_member_id,
        "revenue": convo.revenue,
    }
    if with_history:
        row["email_history"] = list(convo.sent_replies)
    return row


def _view(call: Call, view: str) -> Reply:
    offset = call.field("offset")
    limit = call.field("limit")
    offset = 0 if offset is None else offset
    limit = INBOX_MAX_LIMIT if limit is None else limit
    if not isinstance(offset, int) or offset < 0:
        raise joi('"offset" must be greater than or equal to 0', "offset")
    if not isinstance(limit, int) or not 1 <= limit <= INBOX_MAX_LIMIT:
        raise joi(f'"limit" must be less than or equal to {INBOX_MAX_LIMIT}', "limit")
    campaigns = call.object("filters").get("campaignId")
    wanted = campaigns if isinstance(campaigns, list) else [campaigns] if campaigns else None
    map_ids = call.state.inbox.view(view, [c for c in wanted or [] if isinstance(c, int)] or None)
    with_history = call.query.get("fetch_message_history") == "true"
    rows: list[JSON] = [_row(call, m, with_history) for m in map_ids[offset : offset + limit]]
    return {"ok": True, "data": rows, "offset": offset, "limit": limit}


def replies(call: Call) -> Reply:
    return _view(call, "inbox-replies")


def unread(call: Call) -> Reply:
    return _view(call, "unread-replies")


def snoozed(call: Call) -> Reply:
    return _view(call, "snoozed")


def important(call: Call) -> Reply:
    return _view(call, "important")


def scheduled(call: Call) -> Reply:
    return _view(call, "scheduled")


def reminders(call: Call) -> Reply:
    return _view(call, "reminders")


def archived(call: Call) -> Reply:
    return _view(call, "archived")


def sent(call: Call) -> Reply:
    return _view(call, "sent")


def get(call: Call) -> Reply:
    return {"ok": True, "data": _row(call, call.id("email_lead_map_id"), True)}


def untracked_replies(call: Call) -> Reply:
    return {"ok": True, "data": {"success": True, "message": "ok", "data": {"replies": []}}}


def _conversation(call: Call) -> FakeConversation:
    _, _, convo = call.state.inbox.find(call.state.campaigns, call.number("email_lead_map_id") or 0)
    return convo


def _done(action: str) -> Reply:
    return {"ok": True, "message": f"{action} done"}


def update_revenue(call: Call) -> Reply:
    _conversation(call).revenue = float(str(call.field("revenue") or 0))
    return _done("update-revenue")


def update_category(call: Call) -> Reply:
    map_id = call.number("email_lead_map_id") or 0
    _, membership, _ = call.state.inbox.find(call.state.campaigns, map_id)
    membership.lead_category_id = call.number("category_id")
    return _done("update-category")


def resume_lead(call: Call) -> Reply:
    map_id = call.number("email_lead_map_id") or 0
    _, membership, _ = call.state.inbox.find(call.state.campaigns, map_id)
    membership.status = "INPROGRESS"
    return _done("resume-lead")


def mark_read(call: Call) -> Reply:
    _conversation(call).unread = not call.flag("read_status")
    return _done("change-read-status")


def _lead_id(call: Call, convo: FakeConversation) -> int:
    return call.state.leads[convo.email].id


def create_task(call: Call) -> Reply:
    convo = _conversation(call)
    convo.tasks.append(call.object())
    call.state.crm.add_task(_lead_id(call, convo), call.object())
    return _done("create-task")


def create_note(call: Call) -> Reply:
    convo = _conversation(call)
    convo.notes.append(call.text("note_message"))
    call.state.crm.add_note(_lead_id(call, convo), call.text("note_message"))
    return _done("create-note")


def set_reminder(call: Call) -> Reply:
    _conversation(call).reminders.append(call.object())
    return _done("set-reminder")


def push_to_subsequence(call: Call) -> Reply:
    _conversation(call)
    return _done("push-to-subsequence")


def assign_team_member(call: Call) -> Reply:
    _conversation(call).team_member_id = call.number("team_member_id")
    return _done("update-team-member")


def block_domains(call: Call) -> Reply:
    domains = [str(d) for d in call.items("domains")]
    if not domains:
        raise joi('"domains" must contain at least 1 items', "domains")
    call.state.leads.block(domains)
    return {"ok": True, "message": "Domains blocked"}


def reply(call: Call) -> Reply:
    campaign = call.state.campaigns.existing(call.id("campaign_id"))
    call.state.inbox.reply(campaign.id, call.text("email_stats_id"), call.text("email_body"))
    return {"ok": True, "message": "Reply added to the queue, will be sent out soon"}


def forward(call: Call) -> Reply:
    call.state.campaigns.existing(call.id("campaign_id"))
    return {"ok": True, "message": "Email forwarded"}


def assigned_to_me(call: Call) -> Reply:
    return _view(call, "assigned-me")


def custom_view(call: Call) -> Reply:
    return _view(call, "views")


def create_saved_view(call: Call) -> Reply:
    limited = call.field("limitedAccess")
    view = call.state.inbox.save_view(
        call.text("name"), call.object("filters"), limited is not False
    )
    return {"success": True, "data": dict(view)}


def reply_status(call: Call) -> Reply:
    return {"ok": True, "data": call.state.inbox.reply_status(call.query.get("message_id", ""))}


def ignore_reply(call: Call) -> Reply:
    ignore = call.flag("ignore_reply")
    updated = call.state.inbox.ignore_reply(call.text("id"), ignore)
    message = "Reply ignored successfully" if ignore else "Reply counted again successfully"
    return {"ok": True, "message": message, "data": {"success": True, "updated": updated}}


def associate_untracked(call: Call) -> Reply:
    map_id = call.number("leadMapId") or 0
    message_id = call.state.inbox.associate_untracked(
        call.state.campaigns,
        call.number("emailCampaignId") or 0,
        map_id,
        call.text("untrackedReplyId"),
    )
    # "sucess" is SmartLead's own spelling (docs/api-notes.md, Verbatim quirks).
    return {
        "sucess": True,
        "message": "Untracked reply associated to lead successfully",
        "data": {"leadMapId": map_id, "swMessageId": message_id},
    }
