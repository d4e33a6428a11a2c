"""client.leads actions beyond add/list/lookup: exact wire requests, decoding, validation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import NotFoundError, Pager, ResponseDecodeError, SmartleadClient
from smartlead_async._convert import make_converter
from smartlead_async.models import (
    BlockListEntry,
    BlockListResult,
    Lead,
    LeadCampaign,
    LeadCategory,
    ManualCompleteResult,
    MessageHistory,
    OkResponse,
)
from smartlead_async.resources.leads import parse_csv_export

from .. import samples
from ..helpers import API_KEY, WireCase, check_rejected, check_wire, sent_requests, url

STRICT = make_converter(strict=True)
Call = Callable[[SmartleadClient], Awaitable[Any]]

CASES: list[tuple[str, Call, str, str, dict[str, str], Any, Any]] = [
    # id, call, method, path, extra query, body sent, payload answered
    ("get", lambda c: c.leads.get(423), "GET", "/leads/423", {}, None, samples.LEAD_BY_ID),
    (
        "update",
        lambda c: c.leads.update(5, 423, lead={"email": "Cristiano@MUFC.com", "first_name": "C"}),
        "POST",
        "/campaigns/5/leads/423",
        {},
        {"email": "Cristiano@mufc.com", "first_name": "C"},
        {"ok": True},
    ),
    (
        "update_category",
        lambda c: c.leads.update_category(5, 423, 1, pause_lead=True),
        "POST",
        "/campaigns/5/leads/423/category",
        {},
        {"category_id": 1, "pause_lead": True},
        {"ok": True},
    ),
    (
        "clear_category",
        lambda c: c.leads.update_category(5, 423, None),
        "POST",
        "/campaigns/5/leads/423/category",
        {},
        {"category_id": None, "pause_lead": False},
        {"ok": True},
    ),
    (
        "pause",
        lambda c: c.leads.pause(5, 423),
        "POST",
        "/campaigns/5/leads/423/pause",
        {},
        None,
        {"ok": True, "data": "success"},
    ),
    (
        "resume",
        lambda c: c.leads.resume(5, 423, delay_days=10),
        "POST",
        "/campaigns/5/leads/423/resume",
        {},
        {"resume_lead_with_delay_days": 10},
        {"ok": True, "data": "success"},
    ),
    (
        "delete_from_campaign",
        lambda c: c.leads.delete_from_campaign(5, 423),
        "DELETE",
        "/campaigns/5/leads/423",
        {},
        None,
        "success",
    ),
    (
        "unsubscribe_from_campaign",
        lambda c: c.leads.unsubscribe_from_campaign(5, 423),
        "POST",
        "/campaigns/5/leads/423/unsubscribe",
        {},
        None,
        {"ok": True},
    ),
    (
        "unsubscribe",
        lambda c: c.leads.unsubscribe(423),
        "POST",
        "/leads/423/unsubscribe",
        {},
        None,
        {"ok": True},
    ),
    (
        "mark_complete",
        lambda c: c.leads.mark_complete(5, 23),
        "POST",
        "/campaigns/5/leads/23/manual-complete",
        {},
        {},
        samples.MANUAL_COMPLETE,
    ),
    (
        "message_history",
        lambda c: c.leads.message_history(5, 423),
        "GET",
        "/campaigns/5/leads/423/message-history",
        {},
        None,
        samples.MESSAGE_HISTORY,
    ),
    (
        "campaigns",
        lambda c: c.leads.campaigns(423),
        "GET",
        "/leads/423/campaigns",
        {},
        None,
        samples.LEAD_CAMPAIGNS,
    ),
    (
        "export_csv",
        lambda c: c.leads.export_csv(5),
        "GET",
        "/campaigns/5/leads-export",
        {},
        None,
        "id,email\n1,a@x.io\n",
    ),
    (
        "categories",
        lambda c: c.leads.categories(),
        "GET",
        "/leads/fetch-categories",
        {},
        None,
        samples.LEAD_CATEGORIES,
    ),
    (
        "block_list.add",
        lambda c: c.leads.block_list.add(entries=["Spam@X.com", " Apple.COM "], client_id=3),
        "POST",
        "/leads/add-domain-block-list",
        {},
        {"domain_block_list": ["spam@x.com", "apple.com"], "client_id": 3},
        samples.BLOCK_LIST_RESULT,
    ),
    (
        "block_list.remove",
        lambda c: c.leads.block_list.remove(7),
        "DELETE",
        "/leads/delete-domain-block-list",
        {"id": "7"},
        None,
        {"ok": True},
    ),
]


@pytest.mark.parametrize("case", [WireCase(*case) for case in CASES], ids=[c[0] for c in CASES])
async def test_wire_request(
    client: SmartleadClient, mock_api: aioresponses, case: WireCase
) -> None:
    await check_wire(client, mock_api, case)


@pytest.mark.parametrize(
    ("payload", "model"),
    [
        (samples.MANUAL_COMPLETE, ManualCompleteResult),
        (samples.MESSAGE_HISTORY, MessageHistory),
        (samples.LEAD_CAMPAIGNS, list[LeadCampaign]),
        (samples.LEAD_CATEGORIES, list[LeadCategory]),
        (samples.BLOCK_LIST_RESULT, BlockListResult),
        (samples.BLOCK_LIST_ENTRIES, list[BlockListEntry]),
        ({"ok": True, "data": "success"}, OkResponse),
    ],
)
def test_samples_decode_strictly(payload: Any, model: Any) -> None:
    assert STRICT.structure(payload, model) is not None


def test_sample_values() -> None:
    history = STRICT.structure(samples.MESSAGE_HISTORY, MessageHistory)
    assert (history.from_email, history.to_email) == (
        "j_s@smartlead-outbound.com",
        "ronaldo@siu.io",
    )
    assert [item.type for item in history.history] == ["SENT", "REPLY"]
    done = STRICT.structure(samples.MANUAL_COMPLETE, ManualCompleteResult)
    assert done.status is not None
    assert done.status.next_sequence is not None
    assert done.status.next_sequence.delay_in_days == 3
    blocked = STRICT.structure(samples.BLOCK_LIST_RESULT, BlockListResult)
    assert (blocked.upload_count, blocked.total_domain_added) == (1, 1)


async def test_get_decodes_the_wrapped_lead(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/leads/423"), payload=samples.LEAD_BY_ID)
    lead = await client.leads.get(423)
    assert isinstance(lead, Lead)
    assert lead.email == "cristiano@mufc.com"


async def test_get_missing_lead_raises_not_found(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/leads/9"), payload={"data": []})
    with pytest.raises(NotFoundError) as caught:
        await client.leads.get(9)
    assert caught.value.url.endswith("api_key=***")


async def test_plain_text_success_is_ok(client: SmartleadClient, mock_api: aioresponses) -> None:
    mock_api.delete(url("/campaigns/5/leads/423"), body="success")
    result = await client.leads.delete_from_campaign(5, 423)
    assert (result.ok, result.message) == (True, "success")


async def test_block_list_pager(client: SmartleadClient, mock_api: aioresponses) -> None:
    pattern = url("/leads/get-domain-block-list")
    mock_api.get(pattern, payload=samples.BLOCK_LIST_ENTRIES)
    page = await client.leads.block_list.list(limit=1000, email_or_domain="apple")
    assert [e.email_or_domain for e in page] == ["apple.com"]
    assert page.is_last
    assert sent_requests(mock_api) == [
        (
            "GET",
            "/api/v1/leads/get-domain-block-list",
            {"offset": "0", "limit": "1000", "filter_email_or_domain": "apple", "api_key": API_KEY},
            None,
        )
    ]


async def test_campaigns_and_categories_are_one_page_pagers(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/leads/423/campaigns"), payload=samples.LEAD_CAMPAIGNS)
    mock_api.get(url("/leads/fetch-categories"), payload=samples.LEAD_CATEGORIES)
    campaigns = client.leads.campaigns(423)
    assert isinstance(campaigns, Pager)
    assert [c.id async for c in campaigns] == [2911, 5055]
    categories = await client.leads.categories()
    assert categories.is_last
    assert [c.name for c in categories] == ["Interested"]
    # One page each: no paging parameters are sent to routes that answer every row at once.
    assert [query for _, _, query, _ in sent_requests(mock_api)] == [{"api_key": API_KEY}] * 2


@pytest.mark.parametrize(
    ("payload", "counts"),
    [
        ({"uploadCount": 0, "totalDomainAdded": 0}, (0, 0)),
        ({"success": True, "message": "3 entries added to block list"}, (None, None)),
        ({"ok": True}, (None, None)),
    ],
)
async def test_block_list_add_reads_counters_or_a_success_flag(
    client: SmartleadClient, mock_api: aioresponses, payload: Any, counts: Any
) -> None:
    mock_api.post(url("/leads/add-domain-block-list"), payload=payload)
    result = await client.leads.block_list.add(entries=["rival.com"])
    assert (result.upload_count, result.total_domain_added) == counts


@pytest.mark.parametrize("payload", [{}, {"message": "done"}, {"totalDomainAdded": 1}])
async def test_block_list_add_refuses_an_answer_that_does_not_say_it_worked(
    client: SmartleadClient, mock_api: aioresponses, payload: Any
) -> None:
    mock_api.post(url("/leads/add-domain-block-list"), payload=payload)
    with pytest.raises(ResponseDecodeError, match="does not say the call succeeded"):
        await client.leads.block_list.add(entries=["rival.com"])


async def test_old_block_list_names_warn_and_keep_their_positional_arguments(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    pattern = url("/leads/add-domain-block-list")
    mock_api.post(pattern, payload=samples.BLOCK_LIST_RESULT)
    with pytest.warns(DeprecationWarning, match="use leads.block_list.add instead"):
        # deprecated_alias types every alias as returning object, not the new method's type.
        result = await client.leads.add_to_block_list(["Rival.com"], client_id=3)
    assert isinstance(result, BlockListResult)
    assert result.upload_count == 1
    assert sent_requests(mock_api) == [
        (
            "POST",
            "/api/v1/leads/add-domain-block-list",
            {"api_key": API_KEY},
            {"domain_block_list": ["rival.com"], "client_id": 3},
        )
    ]


def test_csv_export_helper() -> None:
    text = 'id,email,custom_fields\n1,a@x.io,"{""Title"": ""CTO""}"\n'
    assert parse_csv_export(text) == [
        {"id": "1", "email": "a@x.io", "custom_fields": '{"Title": "CTO"}'}
    ]


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.leads.block_list.add(entries=["not a domain"]), "block list entry"),
        (lambda c: c.leads.block_list.add(entries=["bad@"]), "block list entry"),
        (lambda c: c.leads.block_list.add(entries=[]), "non-empty"),
        (lambda c: c.leads.block_list.add(entries="apple.com"), "non-empty sequence"),
        (lambda c: c.leads.block_list.list(limit=1001), "limit"),
        (lambda c: c.leads.block_list.remove(0), "entry_id"),
        (lambda c: c.leads.resume(1, 2, delay_days=-1), "delay_days"),
        (lambda c: c.leads.update_category(1, 2, 0), "category_id"),
        (lambda c: c.leads.update(1, 2, lead={"first_name": "no email"}), "lead 0"),
        (lambda c: c.leads.pause(0, 2), "campaign_id"),
        (lambda c: c.leads.mark_complete(1, -3), "campaign_lead_map_id"),
        (lambda c: c.leads.unsubscribe("12"), "lead_id"),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)
