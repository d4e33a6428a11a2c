"""The campaign and lead routes whose bodies SmartLead's API reference corrected.

Every expected body below is the reference's documented body for the route; when the reference's
machine-readable route table is present, each case is also checked against its documented body
fields (every key sent is documented, every required one is sent).
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import SmartleadClient
from smartlead_async.models.campaigns import CreatedSubsequence, OutOfOfficeSettings
from smartlead_async.models.lead_lists import LeadList
from smartlead_async.resources import AnalyticsResource

from ..helpers import WireCase, check_rejected, check_wire
from .reference import routes as reference_routes

Call = Callable[[SmartleadClient], Any]
START, END = dt.date(2025, 1, 1), dt.date(2025, 1, 31)

# The reference's response examples of these routes.
SETTINGS_OK = {"success": True, "data": {"message": "Settings updated successfully"}}
SUBSEQUENCE = {"success": True, "subsequence_id": 456}
TEST_EMAIL = {"success": True, "message": "Test email sent successfully"}
LIST_CREATED = {
    "ok": True,
    "data": {
        "id": 500,
        "name": "Q1 2025 Enterprise Prospects",
        "created_at": "2025-12-01T10:00:00.000Z",
    },
}
LIST_RENAMED = {"ok": True, "data": {"id": 500, "name": "Q1 2025 Enterprise Prospects - Updated"}}
IMPORTED = {"ok": True, "data": {"total_leads": 2, "imported": 2, "duplicates": 0, "blocked": 0}}
TAGGED = {"ok": True, "message": "Tags updated successfully"}
PUSHED = {"ok": True, "data": {"total_leads": 1250, "pushed": 1200, "duplicates": 50}}
SEQUENCE_ANALYTICS = {"ok": True, "data": {"campaign_id": 123, "sequences": []}}
CLIENT_STATS = {"ok": True, "data": {"client_wise_performance": []}}

CASES: list[WireCase] = [
    WireCase(
        "update_settings",
        lambda c: c.campaigns.update_settings(
            5,
            name="Q1 outreach",
            force_plain_text=True,
            auto_pause_domain_leads_on_reply=True,
            ignore_ss_mailbox_sending_limit=False,
            bounce_autopause_threshold="5",
            domain_level_rate_limit=True,
            out_of_office_detection_settings=OutOfOfficeSettings(
                ignore_ooo_as_reply=True,
                auto_reactivate_ooo=True,
                reactivate_ooo_with_delay=3,
                auto_categorize_ooo=False,
            ),
            add_unsubscribe_tag=True,
            ai_categorisation_options=[1, 2],
            track_settings=[],
        ),
        "POST",
        "/campaigns/5/settings",
        {},
        {
            "track_settings": [],
            "name": "Q1 outreach",
            "force_plain_text": True,
            "auto_pause_domain_leads_on_reply": True,
            "ignore_ss_mailbox_sending_limit": False,
            "bounce_autopause_threshold": "5",
            "domain_level_rate_limit": True,
            "out_of_office_detection_settings": {
                "ignoreOOOasReply": True,
                "autoReactivateOOO": True,
                "reactivateOOOwithDelay": 3,
                "autoCategorizeOOO": False,
            },
            "add_unsubscribe_tag": True,
            "ai_categorisation_options": [1, 2],
        },
        SETTINGS_OK,
    ),
    WireCase(
        "create_subsequence",
        lambda c: c.campaigns.create_subsequence(
            5, name="No reply", condition_events=[{"type": "NO_REPLY"}]
        ),
        "POST",
        "/campaigns/create-subsequence",
        {},
        {
            "parent_campaign_id": 5,
            "subsequence_name": "No reply",
            "condition_events": [{"type": "NO_REPLY"}],
        },
        SUBSEQUENCE,
    ),
    WireCase(
        "send_test_email",
        lambda c: c.campaigns.send_test_email(
            5, 987, 321, sequence_number=2, to="Me@X.io", confirm_send=True
        ),
        "POST",
        "/campaigns/5/send-test-email",
        {},
        {
            "leadId": 987,
            "sequenceNumber": 2,
            "selectedEmailAccountId": 321,
            "customEmailAddress": "Me@x.io",
        },
        TEST_EMAIL,
    ),
    WireCase(
        "lead_lists.create",
        lambda c: c.lead_lists.create(name="Q1 2025 Enterprise Prospects"),
        "POST",
        "/lead-list/",
        {},
        {"listName": "Q1 2025 Enterprise Prospects"},
        LIST_CREATED,
    ),
    WireCase(
        "lead_lists.rename",
        lambda c: c.lead_lists.rename(500, name="Q1 2025 Enterprise Prospects - Updated"),
        "PUT",
        "/lead-list/500",
        {},
        {"listName": "Q1 2025 Enterprise Prospects - Updated"},
        LIST_RENAMED,
    ),
    WireCase(
        "lead_lists.import_leads",
        lambda c: c.lead_lists.import_leads(
            500,
            leads=[{"email": "a@x.io"}, {"email": "b@x.io", "first_name": "B"}],
            file_name="crm-export.csv",
            ignore_global_block_list=True,
        ),
        "POST",
        "/lead-list/500/import",
        {},
        {
            "leadList": [{"email": "a@x.io"}, {"email": "b@x.io", "first_name": "B"}],
            "fileName": "crm-export.csv",
            "csvSettings": {"ignoreGlobalBlockList": True},
        },
        IMPORTED,
    ),
    WireCase(
        "lead_lists.assign_tags",
        lambda c: c.lead_lists.assign_tags([500, 501], [6], [9]),
        "POST",
        "/lead-list/assign-tags",
        {},
        {"listIds": [500, 501], "tagIds": [6], "removeTagIds": [9]},
        TAGGED,
    ),
    WireCase(
        "lead_lists.list",
        lambda c: c.lead_lists.list(name="Q1", tag_ids=[6, 9], limit=10),
        "GET",
        "/lead-list/",
        {"listName": "Q1", "tagIds": "6,9", "offset": "0", "limit": "10"},
        None,
        {"ok": True, "data": {"lists": [], "totalCount": 0}},
    ),
    WireCase(
        "push_to_campaign by list",
        lambda c: c.leads.push_to_campaign(5, [1, 2], 500, action="move"),
        "POST",
        "/leads/push-to-campaign",
        {},
        {"campaignId": 5, "action": "move", "leadList": {"listId": 500, "leadIds": [1, 2]}},
        PUSHED,
    ),
    WireCase(
        "push_to_campaign all",
        lambda c: c.leads.push_to_campaign(5, all_leads=True),
        "POST",
        "/leads/push-to-campaign",
        {},
        {"campaignId": 5, "action": "copy", "leadList": {"allLeads": True}},
        PUSHED,
    ),
    WireCase(
        "sequence analytics",
        lambda c: c.analytics.campaign.sequences(5, start=START, end=END),
        "GET",
        "/campaigns/5/sequence-analytics",
        {"start_date": "2025-01-01T00:00:00+00:00", "end_date": "2025-01-31T23:59:59+00:00"},
        None,
        SEQUENCE_ANALYTICS,
    ),
    WireCase(
        "client overall stats",
        lambda c: c.analytics.client_overall_stats(start=START, end=END, client_ids=[3]),
        "GET",
        "/analytics/client/overall-stats",
        {
            "start_date": "2025-01-01",
            "end_date": "2025-01-31",
            "client_ids": "3",
            "offset": "0",
            "limit": "100",
        },
        None,
        CLIENT_STATS,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_wire_request(
    client: SmartleadClient, mock_api: aioresponses, case: WireCase
) -> None:
    await check_wire(client, mock_api, case)


def _documented() -> dict[tuple[str, str], Any]:
    rows = reference_routes()
    return {
        (row["method"], row["path"].removeprefix("/api/v1/").rstrip("/")): row
        for row in rows
        if row["host"] == "server.smartlead.ai"
    }


_TEMPLATES = {
    "/campaigns/5/settings": "campaigns/{campaign_id}/settings",
    "/campaigns/create-subsequence": "campaigns/create-subsequence",
    "/campaigns/5/send-test-email": "campaigns/{campaign_id}/send-test-email",
    "/lead-list/": "lead-list",
    "/lead-list/500": "lead-list/{id}",
    "/lead-list/500/import": "lead-list/{id}/import",
    "/lead-list/assign-tags": "lead-list/assign-tags",
    "/leads/push-to-campaign": "leads/push-to-campaign",
    "/campaigns/5/sequence-analytics": "campaigns/{campaign_id}/sequence-analytics",
    "/analytics/client/overall-stats": "analytics/client/overall-stats",
}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_case_sends_only_documented_fields(case: WireCase) -> None:
    row = _documented()[(case.method, _TEMPLATES[case.path])]
    if case.body is not None:
        fields = {f["name"] for f in row["body"] if "." not in f["name"]}
        required = {f["name"] for f in row["body"] if f["required"] and "." not in f["name"]}
        assert set(case.body) <= fields
        assert required <= set(case.body)
        for name, value in case.body.items():
            nested = {
                f["name"].split(".", 1)[1] for f in row["body"] if f["name"].startswith(f"{name}.")
            }
            if nested and isinstance(value, dict):
                assert set(value) <= nested, name
    documented_query = {q["name"] for q in row["query"]} | {"offset", "limit"}
    assert set(case.query) <= documented_query


async def test_sequence_analytics_sends_datetimes_as_given(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    start = dt.datetime(2026, 9, 1, tzinfo=dt.UTC)
    end = dt.datetime(2026, 9, 30, 12, tzinfo=dt.UTC)
    case = WireCase(
        "sequences",
        lambda c: c.analytics.campaign.sequences(5, start=start, end=end, timezone="UTC"),
        "GET",
        "/campaigns/5/sequence-analytics",
        {
            "start_date": "2026-09-01T00:00:00+00:00",
            "end_date": "2026-09-30T12:00:00+00:00",
            "time_zone": "UTC",
        },
        None,
        SEQUENCE_ANALYTICS,
    )
    await check_wire(client, mock_api, case)


def test_client_overall_stats_takes_no_campaign_filter() -> None:
    assert (
        "campaign_ids" not in inspect.signature(AnalyticsResource.client_overall_stats).parameters
    )


async def test_documented_answers_decode(client: SmartleadClient, mock_api: aioresponses) -> None:
    created = await check_wire(client, mock_api, CASES[1])
    assert isinstance(created, CreatedSubsequence)
    assert created.campaign_id == 456
    mock_api.requests.clear()
    listed = await check_wire(client, mock_api, CASES[3])
    assert isinstance(listed, LeadList)
    assert (listed.id, listed.name) == (500, "Q1 2025 Enterprise Prospects")


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.campaigns.send_test_email(5, 9), "confirm_send"),
        (lambda c: c.campaigns.send_test_email(5, 0, confirm_send=True), "lead_id"),
        (
            lambda c: c.campaigns.update_settings(
                5, out_of_office_detection_settings={"ignoreOOOasReply": True}
            ),
            "OutOfOfficeSettings",
        ),
        (lambda c: c.campaigns.update_settings(5, name=" "), "name"),
        (lambda c: c.campaigns.update_settings(5, ai_categorisation_options="x"), "list"),
        (lambda c: c.campaigns.create_subsequence(5, name=" "), "name"),
        (
            lambda c: c.lead_lists.import_leads(3, leads=[{"email": "a@x.io"}], file_name=""),
            "file_name",
        ),
        (lambda c: c.lead_lists.assign_tags(list(range(1, 12)), [1]), "at most 10"),
        (lambda c: c.lead_lists.assign_tags([1], [1], []), "remove_tag_ids"),
        (lambda c: c.leads.push_to_campaign(5), "lead_ids, list_id or all_leads"),
        (lambda c: c.leads.push_to_campaign(5, [1], all_leads=True), "all_leads"),
        (lambda c: c.leads.push_to_campaign(5, list(range(1, 10_002))), "at most 10000"),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)
