"""The lead routes SmartLead's API reference documents beyond the original set: campaign-lead
search (cursor pager), bulk message history, lead-category CRUD, lead CRM (contested) and the push
between lists. Bodies are the reference's documented bodies; answers its response examples."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import SmartleadClient
from smartlead_async._endpoints import endpoint_of
from smartlead_async.models.crm import LeadNote, LeadTag, LeadTask
from smartlead_async.models.leads import FoundCampaignLead, LeadCategory, LeadHistoryByLead
from smartlead_async.resources.crm import LeadCrmResource

from ..helpers import API_KEY, WireCase, check_rejected, check_wire, sent_requests, url

Call = Callable[[SmartleadClient], Any]


def hit(map_id: int) -> dict[str, Any]:
    """One search hit, as the reference's example shows it."""
    return {
        "id": map_id,
        "current_seq_num": 1,
        "status": "INPROGRESS",
        "email_account_id": 321,
        "spintax_modulo_index": 0,
        "email_lead": {
            "id": 55501,
            "email": "john.doe@acme.com",
            "first_name": "John",
            "last_name": "Doe",
            "custom_fields": {},
            "esp_domain_type": 1,
        },
        "email_account": {"username": "sender@yourdomain.com"},
    }


SEARCH = {"leads": [hit(987654)], "lastSeenEclmId": 987654, "count": 1}
CATEGORY = {
    "ok": True,
    "data": {
        "id": 789,
        "name": "Follow Up Next Quarter",
        "user_id": 12345,
        "sentiment_type": "positive",
        "colour_code": "#4CAF50",
        "created_at": "2025-11-20T14:22:00.000Z",
    },
}
UPDATED_CATEGORY = {
    "ok": True,
    "data": {
        "id": 789,
        "name": "Follow Up In Q1",
        "user_id": 12345,
        "sentiment_type": None,
        "colour_code": "#FFC107",
        "created_at": "2025-11-20T14:22:00.000Z",
    },
}
NOTES = {
    "ok": True,
    "data": [
        {
            "id": 456,
            "lead_id": 123,
            "note_message": "Spoke with lead, interested in enterprise plan",
            "created_by": "John Doe",
            "created_at": "2025-12-01T10:30:00.000Z",
        }
    ],
}
TASKS = {
    "ok": True,
    "data": [
        {
            "id": 789,
            "lead_id": 123,
            "name": "Follow up on enterprise proposal",
            "description": "Send pricing breakdown for 50-seat plan",
            "priority": "HIGH",
            "due_date": "2025-12-15T09:00:00Z",
            "status": "pending",
            "created_at": "2025-12-01T10:00:00.000Z",
        }
    ],
}
TAGS = {
    "ok": True,
    "data": [
        {"id": 1, "tag_mapping_id": 789, "name": "VIP", "color": "#FF5733"},
        {"id": 2, "tag_mapping_id": 790, "name": "Enterprise", "color": "#4CAF50"},
    ],
}
HISTORY = {
    "data": {
        "789": [{"subject": "Email 1", "sent_at": "2025-01-15T10:00:00Z"}],
        "790": [{"subject": "Email 1", "sent_at": "2025-01-15T10:05:00Z"}],
    }
}

CASES: list[WireCase] = [
    WireCase(
        "search_by_campaign",
        lambda c: c.leads.search_by_campaign(
            123,
            search_text="john acme",
            limit=25,
            lead_statuses=["INPROGRESS", "PAUSED"],
            email_statuses=["is_opened"],
            lead_category_ids=[-1, 4],
            email_account_ids=[321],
            esp_domain_types=[0, 2],
            seg_types=[10],
            sequence_numbers=[1, 999],
            seq_schedule_type="AUTO",
            status_filter="active",
            field_set="active_table",
            deleted_email_addresses=["gone@acme.com"],
            manual_completion_seq_ids=[55],
            include_sender_bounce=True,
        ),
        "POST",
        "/campaigns/123/leads/filter",
        {},
        {
            "limit": 25,
            "searchText": "john acme",
            "leadStatuses": ["INPROGRESS", "PAUSED"],
            "emailStatuses": ["is_opened"],
            "leadCategoryIds": [-1, 4],
            "emailAccountIds": [321],
            "espDomainTypes": [0, 2],
            "segTypes": [10],
            "sequenceNumbers": [1, 999],
            "seqScheduleType": "AUTO",
            "statusFilter": "active",
            "fieldSet": "active_table",
            "deletedEmailAddresses": ["gone@acme.com"],
            "filterLeadsForManualCompletion": True,
            "filterManualSeqIds": [55],
            "includeSenderBounce": True,
        },
        {"leads": [hit(1)], "lastSeenEclmId": 1, "count": 1},
    ),
    WireCase(
        "search_by_campaign after",
        lambda c: c.leads.search_by_campaign(123, start_after=987653, limit=10),
        "POST",
        "/campaigns/123/leads/filter",
        {},
        {"limit": 10, "lastSeenLeadId": 987653},
        SEARCH,
    ),
    WireCase(
        "message_history_for_leads",
        lambda c: c.leads.message_history_for_leads(
            123, [789, 790], event_after=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        ),
        "POST",
        "/campaigns/123/message-history-for-leads/bbfbdsFGHlBr76ruhjvh6fhHL",
        {"event_time_gt": "2025-01-01T00:00:00+00:00"},
        {"lead_ids": [789, 790]},
        HISTORY,
    ),
    WireCase(
        "lead_categories.create",
        lambda c: c.leads.lead_categories.create(
            name=" Follow Up Next Quarter ", sentiment_type="positive", colour_code="#4CAF50"
        ),
        "POST",
        "/leads/categories",
        {},
        {"name": "Follow Up Next Quarter", "sentiment_type": "positive", "colour_code": "#4CAF50"},
        CATEGORY,
    ),
    WireCase(
        "lead_categories.update",
        lambda c: c.leads.lead_categories.update(
            789, name="Follow Up In Q1", sentiment_type=None, colour_code="#FFC107"
        ),
        "PATCH",
        "/leads/categories/789",
        {},
        {"name": "Follow Up In Q1", "sentiment_type": None, "colour_code": "#FFC107"},
        UPDATED_CATEGORY,
    ),
    WireCase(
        "lead_categories.delete",
        lambda c: c.leads.lead_categories.delete(789),
        "DELETE",
        "/leads/categories/789",
        {},
        None,
        {"ok": True, "message": "Lead category deleted successfully"},
    ),
    WireCase(
        "crm.notes",
        lambda c: c.leads.crm.notes(123),
        "GET",
        "/crm/leads/notes/123",
        {},
        None,
        NOTES,
    ),
    WireCase(
        "crm.tasks",
        lambda c: c.leads.crm.tasks(123),
        "GET",
        "/crm/leads/tasks/123",
        {},
        None,
        TASKS,
    ),
    WireCase(
        "crm.tags",
        lambda c: c.leads.crm.tags(123),
        "GET",
        "/crm/leads/tags",
        {"leadId": "123"},
        None,
        TAGS,
    ),
    WireCase(
        "crm.add_tags",
        lambda c: c.leads.crm.add_tags(123, [1, 2]),
        "POST",
        "/crm/leads/tags",
        {},
        {"leadId": 123, "tagIds": [1, 2]},
        {"ok": True, "message": "Tags added to lead successfully"},
    ),
    WireCase(
        "crm.remove_tag",
        lambda c: c.leads.crm.remove_tag(789),
        "DELETE",
        "/crm/leads/tags/789",
        {},
        None,
        {"ok": True, "message": "Tag removed from lead successfully"},
    ),
    WireCase(
        "lead_lists.push_leads from list",
        lambda c: c.lead_lists.push_leads(501, 500, action="move"),
        "POST",
        "/leads/leads/push-between-lists",
        {},
        {"action": "move", "toListId": 501, "fromListId": 500},
        {"ok": True, "data": {"total_leads_moved": 1250}},
    ),
    WireCase(
        "lead_lists.push_leads by id",
        lambda c: c.lead_lists.push_leads(501, lead_ids=[1, 2]),
        "POST",
        "/leads/leads/push-between-lists",
        {},
        {"action": "copy", "toListId": 501, "leadIds": [1, 2]},
        {"ok": True, "data": {"total_leads_moved": 2}},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_wire_request(
    client: SmartleadClient, mock_api: aioresponses, case: WireCase
) -> None:
    await check_wire(client, mock_api, case)


async def test_search_walks_by_the_answers_cursor(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    # The answer's `lastSeenEclmId` goes back as `lastSeenLeadId`; a short page ends the walk.
    pattern = url("/campaigns/123/leads/filter")
    mock_api.post(pattern, payload={"leads": [hit(1), hit(2)], "lastSeenEclmId": 2, "count": 3})
    mock_api.post(pattern, payload={"leads": [hit(3)], "lastSeenEclmId": 3, "count": 3})
    found = [
        lead async for lead in client.leads.search_by_campaign(123, limit=2, search_text="doe")
    ]
    assert [lead.id for lead in found] == [1, 2, 3]
    assert all(isinstance(lead, FoundCampaignLead) for lead in found)
    assert found[0].email_lead is not None
    assert found[0].email_lead.email == "john.doe@acme.com"
    path = "/api/v1/campaigns/123/leads/filter"
    query = {"api_key": API_KEY}
    assert sent_requests(mock_api) == [
        ("POST", path, query, {"limit": 2, "searchText": "doe"}),
        ("POST", path, query, {"limit": 2, "lastSeenLeadId": 2, "searchText": "doe"}),
    ]


async def test_answers_decode_as_typed_models(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    by_name = {case.name: case for case in CASES}
    page = await check_wire(client, mock_api, by_name["search_by_campaign after"])
    assert (page.total, page.next_start) == (1, None)
    mock_api.requests.clear()
    history = await check_wire(client, mock_api, by_name["message_history_for_leads"])
    assert isinstance(history, LeadHistoryByLead)
    assert history.data["789"][0].subject == "Email 1"
    mock_api.requests.clear()
    category = await check_wire(client, mock_api, by_name["lead_categories.create"])
    assert isinstance(category, LeadCategory)
    assert (category.id, category.colour_code, category.user_id) == (789, "#4CAF50", 12345)
    mock_api.requests.clear()
    notes = await check_wire(client, mock_api, by_name["crm.notes"])
    assert isinstance(notes[0], LeadNote)
    mock_api.requests.clear()
    tasks = await check_wire(client, mock_api, by_name["crm.tasks"])
    assert isinstance(tasks[0], LeadTask)
    assert tasks[0].priority == "HIGH"
    mock_api.requests.clear()
    tags = await check_wire(client, mock_api, by_name["crm.tags"])
    assert [(t.id, t.tag_mapping_id) for t in tags] == [(1, 789), (2, 790)]
    assert isinstance(tags[0], LeadTag)
    mock_api.requests.clear()
    moved = await check_wire(client, mock_api, by_name["lead_lists.push_leads from list"])
    assert moved.data is not None
    assert moved.data.total_leads_moved == 1250


def test_the_crm_routes_are_marked_contested() -> None:
    for name in ("notes", "tasks", "tags", "add_tags", "remove_tag"):
        method = getattr(LeadCrmResource, name)
        endpoint = endpoint_of(method)
        assert endpoint is not None
        assert endpoint.weak, name
        assert "[weak]" in (method.__doc__ or ""), name


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.leads.search_by_campaign(0), "campaign_id"),
        (lambda c: c.leads.search_by_campaign(1, limit=101), "limit"),
        (lambda c: c.leads.search_by_campaign(1, lead_statuses=["DONE"]), "lead_statuses"),
        (lambda c: c.leads.search_by_campaign(1, email_statuses=["opened"]), "email_statuses"),
        (lambda c: c.leads.search_by_campaign(1, lead_category_ids=[-2]), "lead_category_ids"),
        (lambda c: c.leads.search_by_campaign(1, esp_domain_types=[3]), "esp_domain_types"),
        (lambda c: c.leads.search_by_campaign(1, seg_types=[11]), "seg_types"),
        (lambda c: c.leads.search_by_campaign(1, sequence_numbers=[1000]), "sequence_numbers"),
        (lambda c: c.leads.search_by_campaign(1, seq_schedule_type="SOON"), "seq_schedule_type"),
        (lambda c: c.leads.search_by_campaign(1, status_filter="done"), "status_filter"),
        (lambda c: c.leads.search_by_campaign(1, field_set="wide"), "field_set"),
        (
            lambda c: c.leads.search_by_campaign(
                1, field_set="active_table", status_filter="replied"
            ),
            "lastSeenReplyTime",
        ),
        (
            lambda c: c.leads.search_by_campaign(1, deleted_email_addresses=["x" * 321]),
            "320",
        ),
        (lambda c: c.leads.message_history_for_leads(1, []), "lead_ids"),
        (
            lambda c: c.leads.message_history_for_leads(
                1,
                event_after=dt.datetime(2025, 1, 1),
            ),
            "timezone-aware",
        ),
        (lambda c: c.leads.lead_categories.create(name=" "), "name"),
        (lambda c: c.leads.lead_categories.create(name="x" * 256), "255"),
        (lambda c: c.leads.lead_categories.create(name="x", sentiment_type="meh"), "sentiment"),
        (lambda c: c.leads.lead_categories.create(name="x", colour_code="red"), "colour_code"),
        (lambda c: c.leads.lead_categories.update(789), "at least one"),
        (lambda c: c.leads.lead_categories.delete(0), "category_id"),
        (lambda c: c.leads.crm.notes(0), "lead_id"),
        (lambda c: c.leads.crm.tags(0), "lead_id"),
        (lambda c: c.leads.crm.add_tags(1, []), "tag_ids"),
        (lambda c: c.leads.crm.remove_tag(0), "tag_mapping_id"),
        (lambda c: c.lead_lists.push_leads(501), "from_list_id or lead_ids"),
        (lambda c: c.lead_lists.push_leads(501, 500, [1]), "from_list_id or lead_ids"),
        (lambda c: c.lead_lists.push_leads(501, 500, action="clone"), "action"),
        (lambda c: c.lead_lists.push_leads(501, lead_ids=list(range(1, 10_002))), "at most"),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)
