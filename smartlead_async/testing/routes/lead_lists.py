"""Lead-list routes (``client.lead_lists``)."""

from __future__ import annotations

from smartlead_async.testing.backend import joi
from smartlead_async.testing.routes._base import Call, Reply, page, rows_page


def _name(call: Call) -> str:
    # The reference spells it ``listName``; the SDK sends ``list_name`` (a legacy alias).
    name = call.text("listName") or call.text("list_name")
    if not name.strip():
        raise joi('"listName" is required', "listName")
    return name


def list_lists(call: Call) -> Reply:
    offset, limit = page(call, max_limit=100, default=10)
    lists = [item.to_wire() for item in call.state.lead_lists.values()]
    return {
        "ok": True,
        "data": {"lists": rows_page(lists, offset, limit), "totalCount": len(lists)},
    }


def create(call: Call) -> Reply:
    return {"ok": True, "data": call.state.lead_lists.create(_name(call)).to_wire()}


def get(call: Call) -> Reply:
    return {"ok": True, "data": call.state.lead_lists.existing(call.id("list_id")).to_wire()}


def rename(call: Call) -> Reply:
    call.state.lead_lists.existing(call.id("list_id")).list_name = _name(call)
    return {"ok": True}


def delete(call: Call) -> Reply:
    call.state.lead_lists.delete(call.id("list_id"))
    return {"ok": True}


def import_leads(call: Call) -> Reply:
    lead_list = call.state.lead_lists.existing(call.id("list_id"))
    # ``leadList`` per the reference, ``lead_list`` as the SDK sends it today.
    rows = call.rows("leadList") or call.rows("lead_list")
    added, invalid = call.state.import_to_list(lead_list, rows)
    return {"ok": True, "data": {"upload_count": added, "invalid_email_count": invalid}}


def assign_tags(call: Call) -> Reply:
    list_ids = call.ids("listIds") or call.ids("list_ids")
    tag_ids = set(call.ids("tagIds") or call.ids("tag_ids"))
    for list_id in list_ids:
        lead_list = call.state.lead_lists.existing(list_id)
        lead_list.tag_ids = (lead_list.tag_ids | tag_ids) - set(call.ids("removeTagIds"))
    return {"ok": True}
