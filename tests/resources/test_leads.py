"""client.leads: exact wire requests, validation before sending, decoding."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import NotFoundError, Pager, RequestValidationError, SmartleadClient
from smartlead_async.models import LeadImportSettings, LeadInput, LeadStatus

from .. import samples
from ..helpers import API_KEY, sent_requests, url


async def test_add_to_campaign_sends_normalised_leads_and_settings(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.post(url("/campaigns/12/leads"), payload=samples.ADD_LEADS_RESULT)
    result = await client.leads.add_to_campaign(
        12,
        leads=[
            LeadInput(email=" Ann@Example.COM ", first_name="Ann", custom_fields={"Title": "CTO"}),
            {"email": "bob@x.io", "company_name": "X"},
        ],
        settings=LeadImportSettings(ignore_global_block_list=False, ignore_unsubscribe_list=True),
    )
    assert result.upload_count == 240
    assert result.invalid_emails == ("bad@",)
    assert sent_requests(mock_api) == [
        (
            "POST",
            "/api/v1/campaigns/12/leads",
            {"api_key": API_KEY},
            {
                "lead_list": [
                    {
                        "email": "Ann@example.com",
                        "first_name": "Ann",
                        "custom_fields": {"Title": "CTO"},
                    },
                    {"email": "bob@x.io", "company_name": "X"},
                ],
                "settings": {"ignore_global_block_list": False, "ignore_unsubscribe_list": True},
            },
        )
    ]


def lead(i: int, **extra: Any) -> dict[str, Any]:
    return {"email": f"lead{i}@example.com", **extra}


@pytest.mark.parametrize(
    ("leads", "match"),
    [
        ([], "1 to 100 leads"),
        ([lead(i) for i in range(101)], "1 to 100 leads"),
        ([lead(0), {"email": "not-an-email"}], "lead 1: email is not a valid"),
        ([{"first_name": "no email"}], "lead 0"),
        ([lead(0, custom_fields={f"f{i}": i for i in range(21)})], "21 custom fields"),
        ([lead(0, custom_fields={"nested": {"a": 1}})], "custom field 'nested'"),
        ([lead(0, firstName="camelCase")], "unknown lead fields"),
        ([{"email": "a@b..com"}], "email"),
        ([{"email": "a b@c.com"}], "email"),
        ([{"email": "a@-c.com"}], "email"),
        ([{"email": "a@c.123"}], "email"),
        ([{"email": 42}], "email"),
        ([object()], "expected LeadInput"),
        ([{"email": "a@b.co", "custom_fields": "x"}], "custom_fields must be a mapping"),
        ([{"email": None}], "lead 0"),
        ([{"email": "a@b.co", "first_name": ["x"]}], "lead 0: .*first_name"),
        ("a@b.co", "sequence"),
        ({"email": "a@b.co"}, "sequence"),
    ],
)
async def test_add_to_campaign_validates_before_sending(
    client: SmartleadClient, mock_api: aioresponses, leads: Any, match: str
) -> None:
    with pytest.raises(RequestValidationError, match=match):
        await client.leads.add_to_campaign(12, leads=leads)
    assert mock_api.requests == {}


async def test_add_to_campaign_accepts_exactly_100(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.post(
        url("/campaigns/12/leads"), payload={"ok": True, "upload_count": 100, "total_leads": 100}
    )
    result = await client.leads.add_to_campaign(12, leads=[lead(i) for i in range(100)])
    assert result.upload_count == 100
    ((_, _, _, body),) = sent_requests(mock_api)
    assert len(body["lead_list"]) == 100


async def test_list_by_campaign_awaits_one_page_with_filters(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/campaigns/7/leads"), payload=samples.CAMPAIGN_LEADS_PAGE)
    page = await client.leads.list_by_campaign(
        7, offset=10, limit=100, status=LeadStatus.INPROGRESS, email_status="is_opened"
    )
    assert page.total == 823
    assert page.items[0].lead.email == "cristiano@mufc.com"
    assert sent_requests(mock_api) == [
        (
            "GET",
            "/api/v1/campaigns/7/leads",
            {
                "offset": "10",
                "limit": "100",
                "status": "INPROGRESS",
                "emailStatus": "is_opened",
                "api_key": API_KEY,
            },
            None,
        )
    ]


async def test_list_by_campaign_sends_time_bounds_under_their_wire_names(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/campaigns/7/leads"), payload=samples.CAMPAIGN_LEADS_PAGE)
    pager = client.leads.list_by_campaign(
        7,
        created_after=dt.date(2025, 1, 2),
        last_sent_after=dt.datetime(2025, 1, 3, 9, 30, tzinfo=dt.UTC),
        event_after=dt.datetime(2025, 1, 4, tzinfo=dt.timezone(dt.timedelta(hours=2))),
    )
    assert isinstance(pager, Pager)
    page = await pager
    assert (page.offset, page.limit, page.total) == (0, 100, 823)
    ((_, _, query, _),) = sent_requests(mock_api)
    assert query == {
        "offset": "0",
        "limit": "100",
        "created_at_gt": "2025-01-02T00:00:00+00:00",
        "last_sent_time_gt": "2025-01-03T09:30:00+00:00",
        "event_time_gt": "2025-01-04T00:00:00+02:00",
        "api_key": API_KEY,
    }


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"limit": 101}, "limit"),
        ({"limit": 0}, "limit"),
        ({"offset": -1}, "offset"),
        ({"created_after": dt.datetime(2025, 1, 1)}, "created_after must be timezone-aware"),
        ({"event_after": "2025-01-01"}, "event_after must be a date"),
        ({"lead_category_id": 0}, "lead_category_id"),
    ],
)
def test_list_by_campaign_validates_paging_and_filters(
    client: SmartleadClient, kwargs: dict[str, Any], match: str
) -> None:
    with pytest.raises(RequestValidationError, match=match):
        client.leads.list_by_campaign(7, **kwargs)


async def test_get_by_email(client: SmartleadClient, mock_api: aioresponses) -> None:
    mock_api.get(url("/leads/"), payload=samples.LEAD_BY_EMAIL)
    found = await client.leads.get_by_email(email="ramesh@Five2One.com.au")
    assert found.id == 627657
    assert found.lead_campaign_data[0].campaign_id == 1
    assert sent_requests(mock_api) == [
        (
            "GET",
            "/api/v1/leads/",
            {"email": "ramesh@five2one.com.au", "api_key": API_KEY},
            None,
        )
    ]


async def test_get_by_email_raises_not_found_for_empty_object(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/leads/"), payload={})
    with pytest.raises(NotFoundError) as caught:
        await client.leads.get_by_email(email="nobody@example.com")
    assert caught.value.url.endswith("api_key=***")


async def test_get_by_email_validates_the_address(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    with pytest.raises(RequestValidationError):
        await client.leads.get_by_email(email="nobody")
    assert mock_api.requests == {}


async def test_mapping_leads_keep_their_custom_field_values(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.post(
        url("/campaigns/12/leads"), payload={"ok": True, "upload_count": 1, "total_leads": 1}
    )
    lead = {"email": "a@b.co", "custom_fields": {"Title": "CTO", "score": 5, "vip": True}}
    await client.leads.add_to_campaign(12, leads=[lead])
    ((_, _, _, body),) = sent_requests(mock_api)
    assert body["lead_list"] == [lead]
