"""Lead cursor walk, lead pushes, lead lists, mailbox tags and message fetches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import ResponseDecodeError, SmartleadClient
from smartlead_async._convert import make_converter
from smartlead_async.models import AllLeadsPage, LeadListsPage

from ..helpers import WireCase, check_rejected, check_wire, sent_requests, url

Call = Callable[[SmartleadClient], Any]
OK = {"ok": True}
LISTS = {
    "ok": True,
    "data": {
        "lists": [
            {
                "id": 3,
                "list_name": "Clay import",
                "created_at": "2025-01-01T00:00:00.000Z",
                "updated_at": "2025-01-01T00:00:00.000Z",
                "leads_count": 120,
                "active_leads_count": 80,
            }
        ],
        "totalCount": 1,
    },
}
AT = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
# The documented answers of the lead-list and push routes.
ONE_LIST = {"ok": True, "data": {"id": 3, "list_name": "Clay import", "leads_count": 0}}
IMPORTED = {"ok": True, "data": {"total_leads": 2, "imported": 2, "duplicates": 0, "blocked": 0}}
PUSHED = {"ok": True, "data": {"total_leads": 1250, "pushed": 1200, "duplicates": 50}}

CASES: list[tuple[str, Call, str, str, dict[str, str], Any, Any]] = [
    (
        "list_all",
        lambda c: c.leads.list_all(limit=2, campaign_id=5, lead_type="active", email="A@X.io"),
        "GET",
        "/leads/all",
        {"limit": "2", "campaignId": "5", "leadType": "active", "leadEmail": "A@x.io"},
        None,
        {"ok": True, "data": {"leads": [{"id": 1, "email": "a@x.io"}]}},
    ),
    (
        "campaign_overview",
        lambda c: c.leads.campaign_overview(9),
        "GET",
        "/leads/9/campaign-overview",
        {},
        None,
        {"ok": True, "data": {}},
    ),
    (
        "sequence_details",
        lambda c: c.leads.sequence_details(23, campaign_id=5),
        "GET",
        "/leads/23/sequence-details",
        {"campaignId": "5"},
        None,
        {"ok": True, "data": []},
    ),
    (
        "push_to_campaign",
        lambda c: c.leads.push_to_campaign(5, [1, 2], action="move"),
        "POST",
        "/leads/push-to-campaign",
        {},
        {"campaignId": 5, "action": "move", "leadList": {"leadIds": [1, 2]}},
        PUSHED,
    ),
    (
        "push_to_list",
        lambda c: c.leads.push_to_list(3, all_leads=True),
        "POST",
        "/leads/push-to-list",
        {},
        {"listId": 3, "action": "copy", "allLeads": True},
        OK,
    ),
    (
        "push_campaign_leads_to_list",
        lambda c: c.leads.push_campaign_leads_to_list(5, 3, lead_map_ids=[23]),
        "POST",
        "/leads/campaign/push-to-list",
        {},
        {"campaignId": 5, "listId": 3, "leadMapIds": [23]},
        OK,
    ),
    (
        "lists",
        lambda c: c.lead_lists.list(limit=10),
        "GET",
        "/lead-list/",
        {"offset": "0", "limit": "10"},
        None,
        LISTS,
    ),
    (
        "create_list",
        lambda c: c.lead_lists.create(name="Clay import"),
        "POST",
        "/lead-list/",
        {},
        {"listName": "Clay import"},
        ONE_LIST,
    ),
    ("get_list", lambda c: c.lead_lists.get(3), "GET", "/lead-list/3", {}, None, ONE_LIST),
    (
        "rename_list",
        lambda c: c.lead_lists.rename(3, name="New"),
        "PUT",
        "/lead-list/3",
        {},
        {"listName": "New"},
        OK,
    ),
    ("delete_list", lambda c: c.lead_lists.delete(3), "DELETE", "/lead-list/3", {}, None, OK),
    (
        "import_leads",
        lambda c: c.lead_lists.import_leads(3, leads=[{"email": "b@Y.io"}]),
        "POST",
        "/lead-list/3/import",
        {},
        {"leadList": [{"email": "b@y.io"}], "fileName": "smartlead-async import"},
        IMPORTED,
    ),
    (
        "assign_tags",
        lambda c: c.lead_lists.assign_tags([3], [7]),
        "POST",
        "/lead-list/assign-tags",
        {},
        {"listIds": [3], "tagIds": [7]},
        OK,
    ),
    # SmartLead's reference: tags are created with `POST /tags`; `tag-manager` only updates
    # (`id`, `name` and `color` all required).
    (
        "create_tag",
        lambda c: c.email_accounts.create_tag(name="Warm", color="#FF5733"),
        "POST",
        "/tags",
        {},
        {"name": "Warm", "color": "#FF5733"},
        {"ok": True, "data": {"id": 7, "name": "Warm", "color": "#FF5733"}},
    ),
    (
        "update_tag",
        lambda c: c.email_accounts.update_tag(7, name="Warm", color="#FF5733"),
        "POST",
        "/email-accounts/tag-manager",
        {},
        {"id": 7, "name": "Warm", "color": "#FF5733"},
        {"ok": True, "data": {"id": 7, "name": "Warm", "color": "#FF5733"}},
    ),
    (
        "add_tags",
        lambda c: c.email_accounts.add_tags([1], [7]),
        "POST",
        "/email-accounts/tag-mapping",
        {},
        {"email_account_ids": [1], "tag_ids": [7]},
        OK,
    ),
    (
        "remove_tags",
        lambda c: c.email_accounts.remove_tags([1], [7]),
        "DELETE",
        "/email-accounts/tag-mapping",
        {},
        {"email_account_ids": [1], "tag_ids": [7]},
        OK,
    ),
    (
        "tags_of",
        lambda c: c.email_accounts.tags_of(emails=["s@X.io"]),
        "POST",
        "/email-accounts/tag-list",
        {},
        {"email_ids": ["s@x.io"]},
        OK,
    ),
    (
        "fetch_messages",
        lambda c: c.email_accounts.fetch_messages(1, limit=50, include_body=True, start=AT),
        "POST",
        "/email-accounts/1/fetch-messages",
        {},
        {"limit": 50, "folder": "INBOX", "includeBody": True, "from": "2025-01-01T00:00:00+00:00"},
        OK,
    ),
    (
        "fetch_messages_many",
        lambda c: c.email_accounts.fetch_messages_multi([1, 2], limit=5),
        "POST",
        "/email-accounts/multi/fetch-messages",
        {},
        [
            {"account_id": 1, "limit": 5, "folder": "INBOX", "includeBody": False},
            {"account_id": 2, "limit": 5, "folder": "INBOX", "includeBody": False},
        ],
        OK,
    ),
]


@pytest.mark.parametrize("case", [WireCase(*case) for case in CASES], ids=[c[0] for c in CASES])
async def test_wire_request(
    client: SmartleadClient, mock_api: aioresponses, case: WireCase
) -> None:
    await check_wire(client, mock_api, case)


async def test_list_all_walks_by_cursor(client: SmartleadClient, mock_api: aioresponses) -> None:
    pattern = url("/leads/all")
    page = {"ok": True, "data": {"leads": [{"id": 10}, {"id": 11}]}}
    mock_api.get(pattern, payload=page)
    mock_api.get(pattern, payload={"ok": True, "data": {"leads": [{"id": 12}]}})
    ids = [lead.id async for lead in client.leads.list_all(limit=2)]
    assert ids == [10, 11, 12]
    cursors = sorted(q.get("lastSeenLeadId", "-") for _, _, q, _ in sent_requests(mock_api))
    assert cursors == ["-", "11"]


async def test_lead_list_answers_decode_as_typed_models(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/lead-list/3"), payload=ONE_LIST)
    mock_api.post(url("/lead-list/3/import"), payload=IMPORTED)
    mock_api.post(url("/leads/push-to-campaign"), payload=PUSHED)
    mock_api.get(url("/lead-list/"), payload=LISTS)
    lead_list = await client.lead_lists.get(3)
    assert (lead_list.id, lead_list.list_name) == (3, "Clay import")
    imported = await client.lead_lists.import_leads(3, leads=[{"email": "b@y.io"}])
    assert imported.data is not None
    assert (imported.data.imported, imported.data.duplicates) == (2, 0)
    pushed = await client.leads.push_to_campaign(5, [1], action="copy")
    assert pushed.data is not None
    assert (pushed.data.total_leads, pushed.data.pushed) == (1250, 1200)
    page = await client.lead_lists.list(limit=10)
    assert (page.total, [item.id for item in page]) == (1, [3])


@pytest.mark.parametrize("payload", [{"ok": True}, {"data": {"id": 3}}])
async def test_lead_list_get_refuses_an_answer_without_the_list(
    client: SmartleadClient, mock_api: aioresponses, payload: Any
) -> None:
    mock_api.get(url("/lead-list/3"), payload=payload)
    with pytest.raises(ResponseDecodeError):
        await client.lead_lists.get(3)


def test_samples_decode_strictly() -> None:
    strict = make_converter(strict=True)
    lists = strict.structure(LISTS, LeadListsPage)
    assert lists.data is not None
    assert (lists.data.total_count, lists.data.lists[0].leads_count) == (1, 120)
    leads = strict.structure({"ok": True, "data": {"leads": [{"id": "5"}]}}, AllLeadsPage)
    assert leads.data is not None
    assert leads.data.leads[0].id == 5


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.leads.list_all(limit=1001), "limit"),
        (lambda c: c.leads.list_all(lead_type="dormant"), "lead_type"),
        (lambda c: c.leads.push_to_campaign(5, [], action="copy"), "lead_ids"),
        (lambda c: c.leads.push_to_campaign(5, [1], action="clone"), "action"),
        (lambda c: c.leads.push_to_list(3), "either"),
        (lambda c: c.leads.push_to_list(3, lead_ids=[1], all_leads=True), "either"),
        (lambda c: c.lead_lists.import_leads(3, leads=[]), "1 to 100"),
        (lambda c: c.lead_lists.import_leads(3, leads=[{"email": "bad"}]), "email"),
        (lambda c: c.lead_lists.create(name=" "), "name"),
        (lambda c: c.email_accounts.create_tag(name="x", color="red"), "color"),
        (lambda c: c.email_accounts.update_tag(7, name="x", color="red"), "color"),
        (lambda c: c.email_accounts.fetch_messages(1, limit=501), "limit"),
        (lambda c: c.email_accounts.fetch_messages(1, start=dt.datetime(2025, 1, 1)), "aware"),
        (lambda c: c.email_accounts.fetch_messages_multi(list(range(1, 12))), "at most 10"),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)
