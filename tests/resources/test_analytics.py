"""client.analytics: every account-wide /analytics/* route, its query, and its validation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import RequestValidationError, SmartleadClient
from smartlead_async._convert import make_converter
from smartlead_async._endpoints import endpoint_rows
from smartlead_async.models import DataResult
from smartlead_async.resources import AnalyticsResource, CampaignAnalyticsResource

from ..helpers import API_KEY, sent_requests, url

START, END = dt.date(2025, 1, 1), dt.date(2025, 1, 31)
ROUTES = [
    (endpoint, method.rsplit(".", 1)[1])
    for endpoint, method in endpoint_rows({"analytics": AnalyticsResource})
]
# The reference's example answer of campaign/overall-stats.
CAMPAIGN_OVERALL: Any = {
    "ok": True,
    "data": {
        "campaign_wise_performance": [
            {
                "id": 1,
                "campaign_name": "Q1",
                "sent": 10,
                "opened": 5,
                "replied": 1,
                "open_rate": "50%",
            }
        ]
    },
}


def kwargs_for(name: str) -> dict[str, Any]:
    """The arguments each kind of route takes (filters only, or a date range)."""
    method = getattr(AnalyticsResource, name)
    params = method.__code__.co_varnames[: method.__code__.co_kwonlyargcount + 1]
    kwargs: dict[str, Any] = {"client_ids": [3, 4]}
    if "start" in params:
        kwargs |= {"start": START, "end": END, "timezone": "Europe/Paris"}
    return kwargs


def test_the_family_is_complete() -> None:
    assert len(ROUTES) == 22
    assert all(endpoint.method == "GET" for endpoint, _ in ROUTES)


@pytest.mark.parametrize(("endpoint", "name"), ROUTES, ids=[name for _, name in ROUTES])
async def test_wire_request(
    client: SmartleadClient, mock_api: aioresponses, endpoint: Any, name: str
) -> None:
    mock_api.get(url(f"/{endpoint.path}"), payload=CAMPAIGN_OVERALL)
    kwargs = kwargs_for(name)
    result = await getattr(client.analytics, name)(**kwargs)
    assert isinstance(result.data, dict)
    expected = {"client_ids": "3,4", "api_key": API_KEY}
    if "start" in kwargs:
        expected |= {
            "start_date": "2025-01-01",
            "end_date": "2025-01-31",
            "timezone": "Europe/Paris",
        }
    if "offset" in getattr(AnalyticsResource, name).__code__.co_varnames:
        expected |= {"offset": "0", "limit": "100"}
    assert sent_requests(mock_api) == [("GET", f"/api/v1/{endpoint.path}", expected, None)]


async def test_full_data_and_campaign_filters(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/analytics/overall-stats-v2"), payload={"ok": True})
    await client.analytics.overall_stats(start=START, end=END, campaign_ids=[7], full_data=True)
    ((_, _, query, _),) = sent_requests(mock_api)
    assert (query["campaign_ids"], query["full_data"]) == ("7", "true")


def test_sample_decodes_strictly() -> None:
    result = make_converter(strict=True).structure(CAMPAIGN_OVERALL, DataResult)
    assert result.ok is True


@pytest.mark.parametrize(
    ("name", "kwargs", "match"),
    [
        ("overall_stats", {"start": END, "end": START}, "after"),
        (
            "day_wise_overall_stats_by_sent_time",
            {"start": START, "end": END, "timezone": None},
            "timezone",
        ),
        (
            "lead_overall_stats",
            {"start": START, "end": END, "timezone": "Nowhere/City"},
            "timezone",
        ),
        ("campaign_list", {"client_ids": []}, "client_ids"),
        ("campaign_overall_stats", {"start": START, "end": END, "limit": 0}, "limit"),
        ("lead_overall_stats", {"start": "2025-01-01", "end": END}, "date"),
        ("overall_stats", {"start": dt.datetime(2025, 1, 1), "end": END}, "timezone-aware"),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, name: str, kwargs: dict[str, Any], match: str
) -> None:
    with pytest.raises(RequestValidationError, match=match):
        await getattr(client.analytics, name)(**kwargs)
    assert mock_api.requests == {}


async def test_aware_datetimes_are_sent_as_their_dates(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/analytics/overall-stats-v2"), payload={"ok": True})
    paris = dt.timezone(dt.timedelta(hours=1))
    await client.analytics.overall_stats(
        start=dt.datetime(2025, 1, 1, 0, 30, tzinfo=paris),
        end=dt.datetime(2025, 1, 2, tzinfo=paris),
    )
    ((_, _, query, _),) = sent_requests(mock_api)
    assert (query["start_date"], query["end_date"]) == ("2025-01-01", "2025-01-02")


async def test_campaign_analytics_hang_off_client_analytics(client: SmartleadClient) -> None:
    assert isinstance(client.analytics.campaign, CampaignAnalyticsResource)
