"""The campaign routes SmartLead's API reference documents beyond the original set: duplicate,
team member, client, folder, tags, spintax mode, mailboxes by tag, reallocation, prompt
templates. Bodies are the reference's documented bodies; answers its response examples."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import APIStatusError, SmartleadClient
from smartlead_async.models.campaigns import (
    CampaignTagging,
    ClientAssignment,
    DuplicatedCampaign,
    FolderMove,
    MailboxesByTagAdded,
    MailboxReallocation,
    PromptTemplateResult,
    SpintaxDistributionMode,
)

from ..helpers import (
    API_KEY,
    BASE_URL,
    WireCase,
    check_rejected,
    check_wire,
    no_sleep,
    sent_requests,
    url,
)

Call = Callable[[SmartleadClient], Any]
TEMPLATE = {
    "success": True,
    "data": {
        "template": {
            "id": 789,
            "categories": [1, 2],
            "prompt_content": "Categorise the reply into ...",
            "is_active": True,
        }
    },
}
TAGS_ADDED = {
    "ok": True,
    "message": "Tags added to campaigns successfully!",
    "campaign_ids": [101, 204],
    "tag_ids": [6, 9],
    "requested": 4,
    "added": 3,
    "already_present": 1,
}
TAGS_REMOVED = {
    "ok": True,
    "message": "Tags removed from campaigns successfully!",
    "campaign_ids": [101, 204],
    "tag_ids": [6, 9],
    "requested": 4,
    "removed": 3,
    "not_present": 1,
}
BY_TAG = {
    "ok": True,
    "result": [{"id": 99101, "email_campaign_id": 123, "email_account_id": 456}],
    "added_count": 1,
    "already_associated_count": 0,
    "tag_resolution": {
        "matched_tags": [{"id": 485775, "name": "smartservices"}],
        "resolved_account_count": 2,
        "disconnected_account_count": 1,
        "skipped_disconnected_count": 1,
    },
}

CASES: list[WireCase] = [
    WireCase(
        "duplicate",
        lambda c: c.campaigns.duplicate(123, duplicate_sub_sequence=True),
        "POST",
        "/campaigns/123/duplicate",
        {},
        {"duplicate_sub_sequence": True, "duplicate_client_label": False},
        {"ok": True, "newCampaignId": 842},
    ),
    WireCase(
        "update_team_member",
        lambda c: c.campaigns.update_team_member(123, 77),
        "POST",
        "/campaigns/123/team-member",
        {},
        {"teamMemberId": 77},
        {"success": True, "message": "Team member updated"},
    ),
    WireCase(
        "update_team_member clear",
        lambda c: c.campaigns.update_team_member(123, None),
        "POST",
        "/campaigns/123/team-member",
        {},
        {"teamMemberId": None},
        {"success": True, "message": "Team member updated"},
    ),
    WireCase(
        "assign_client",
        lambda c: c.campaigns.assign_client(123, 456, apply_client_dnc=True),
        "POST",
        "/campaigns/assign-client",
        {},
        {"campaignId": 123, "clientId": 456, "applyClientDNC": True},
        {"ok": True, "message": "success", "client": {"id": 456, "email": "client@example.com"}},
    ),
    WireCase(
        "assign_client remove",
        lambda c: c.campaigns.assign_client(123, None),
        "POST",
        "/campaigns/assign-client",
        {},
        {"campaignId": 123, "clientId": None},
        {"ok": True, "message": "success"},
    ),
    WireCase(
        "move_to_folder",
        lambda c: c.campaigns.move_to_folder([123, 124], 9),
        "POST",
        "/campaigns/update-folder",
        {},
        {"campaign_ids": [123, 124], "folder_id": 9},
        {
            "ok": True,
            "requested": 2,
            "updated": 2,
            "updated_campaign_ids": [123, 124],
            "not_found_campaign_ids": [],
        },
    ),
    WireCase(
        "add_tags",
        lambda c: c.campaigns.add_tags([101, 204], [6, 9]),
        "POST",
        "/campaigns/tags",
        {},
        {"campaignIds": [101, 204], "tagIds": [6, 9]},
        TAGS_ADDED,
    ),
    WireCase(
        "remove_tags",
        lambda c: c.campaigns.remove_tags([101, 204], [6, 9]),
        "DELETE",
        "/campaigns/tags",
        {},
        {"campaignIds": [101, 204], "tagIds": [6, 9]},
        TAGS_REMOVED,
    ),
    WireCase(
        "set_spintax_distribution_mode",
        lambda c: c.campaigns.set_spintax_distribution_mode(123, mode="random"),
        "POST",
        "/campaigns/spintax-distribution-mode",
        {},
        {"campaignId": 123, "spintaxDistributionMode": 2},
        {"ok": True},
    ),
    WireCase(
        "add_mailboxes_by_tag",
        lambda c: c.campaigns.add_mailboxes_by_tag(
            123, [485775], only_connected=True, auto_adjust_warmup=True, max_limit=True
        ),
        "POST",
        "/campaigns/123/email-accounts/by-tag",
        {"max_limit": "true"},
        {"tag_ids": [485775], "only_connected": True, "auto_adjust_warmup": True},
        BY_TAG,
    ),
    WireCase(
        "reallocate_mailboxes",
        lambda c: c.campaigns.reallocate_mailboxes(123, [2568042]),
        "POST",
        "/campaigns/123/reallocate-mailboxes",
        {},
        {"from_email_account_ids": [2568042]},
        {"ok": True, "leads_reallocated": 5, "to_email_account_ids": [2568043]},
    ),
    WireCase(
        "reallocate_mailboxes all removed",
        lambda c: c.campaigns.reallocate_mailboxes(123),
        "POST",
        "/campaigns/123/reallocate-mailboxes",
        {},
        {},
        {"ok": True, "leads_reallocated": 5, "to_email_account_ids": [2568043]},
    ),
    WireCase(
        "prompt_templates.create",
        lambda c: c.campaigns.prompt_templates.create(
            123, prompt_content="Categorise the reply into ...", category_ids=[1, 2]
        ),
        "POST",
        "/campaigns/123/prompt-template",
        {},
        {"prompt_content": "Categorise the reply into ...", "categories": [1, 2]},
        TEMPLATE,
    ),
    WireCase(
        "prompt_templates.get",
        lambda c: c.campaigns.prompt_templates.get(123),
        "GET",
        "/campaigns/123/prompt-template",
        {},
        None,
        TEMPLATE,
    ),
    WireCase(
        "prompt_templates.update",
        lambda c: c.campaigns.prompt_templates.update(
            123, 789, prompt_content="New", category_ids=[3], is_active=False
        ),
        "PATCH",
        "/campaigns/123/prompt-template/789",
        {},
        {"prompt_content": "New", "categories": [3], "is_active": False},
        {"success": True, "data": {"id": 789}},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_wire_request(
    client: SmartleadClient, mock_api: aioresponses, case: WireCase
) -> None:
    await check_wire(client, mock_api, case)


async def test_answers_decode_as_typed_models(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    by_name = {case.name: case for case in CASES}
    results: dict[str, Any] = {}
    for name in (
        "duplicate",
        "assign_client",
        "move_to_folder",
        "add_tags",
        "remove_tags",
        "add_mailboxes_by_tag",
        "reallocate_mailboxes",
        "prompt_templates.get",
    ):
        results[name] = await check_wire(client, mock_api, by_name[name])
        mock_api.requests.clear()
    duplicated = results["duplicate"]
    assert isinstance(duplicated, DuplicatedCampaign)
    assert duplicated.new_campaign_id == 842
    assigned = results["assign_client"]
    assert isinstance(assigned, ClientAssignment)
    assert assigned.client is not None
    assert assigned.client.email == "client@example.com"
    moved = results["move_to_folder"]
    assert isinstance(moved, FolderMove)
    assert moved.updated_campaign_ids == (123, 124)
    added, removed = results["add_tags"], results["remove_tags"]
    assert isinstance(added, CampaignTagging)
    assert (added.added, added.already_present, removed.removed, removed.not_present) == (
        3,
        1,
        3,
        1,
    )
    by_tag = results["add_mailboxes_by_tag"]
    assert isinstance(by_tag, MailboxesByTagAdded)
    assert by_tag.tag_resolution is not None
    assert by_tag.tag_resolution.matched_tags[0].name == "smartservices"
    assert by_tag.result[0].email_account_id == 456
    reallocated = results["reallocate_mailboxes"]
    assert isinstance(reallocated, MailboxReallocation)
    assert reallocated.to_email_account_ids == (2568043,)
    template = results["prompt_templates.get"]
    assert isinstance(template, PromptTemplateResult)
    assert template.template is not None
    assert (template.template.id, template.template.categories) == (789, (1, 2))


async def test_the_spintax_mode_takes_the_enum(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    case = CASES[8]._replace(
        call=lambda c: c.campaigns.set_spintax_distribution_mode(
            123, mode=SpintaxDistributionMode.RANDOM
        )
    )
    await check_wire(client, mock_api, case)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.campaigns.duplicate(0), "campaign_id"),
        (lambda c: c.campaigns.update_team_member(123, 0), "team_member_id"),
        (lambda c: c.campaigns.assign_client(123, None, apply_client_dnc=True), "client_id"),
        (lambda c: c.campaigns.move_to_folder(list(range(1, 202)), 9), "at most 200"),
        (lambda c: c.campaigns.move_to_folder([], 9), "campaign_ids"),
        (lambda c: c.campaigns.add_tags(list(range(1, 102)), [6]), "at most 100"),
        (lambda c: c.campaigns.remove_tags([1], list(range(1, 102))), "at most 100"),
        (lambda c: c.campaigns.set_spintax_distribution_mode(1, mode="shuffle"), "mode"),
        (lambda c: c.campaigns.add_mailboxes_by_tag(123, []), "tag_ids"),
        (lambda c: c.campaigns.reallocate_mailboxes(123, list(range(1, 102))), "at most 100"),
        (lambda c: c.campaigns.reallocate_mailboxes(123, [5, 5]), "distinct"),
        (
            lambda c: c.campaigns.prompt_templates.create(1, prompt_content=" ", category_ids=[1]),
            "prompt_content",
        ),
        (
            lambda c: c.campaigns.prompt_templates.create(1, prompt_content="x", category_ids=[]),
            "category_ids",
        ),
        (lambda c: c.campaigns.prompt_templates.update(1, 2), "at least one"),
        (lambda c: c.campaigns.prompt_templates.get(0), "campaign_id"),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)


@pytest.mark.parametrize(
    ("call", "method", "path", "retried"),
    [
        (lambda c: c.campaigns.duplicate(5), "POST", "/campaigns/5/duplicate", 0),
        (
            lambda c: c.campaigns.reallocate_mailboxes(5),
            "POST",
            "/campaigns/5/reallocate-mailboxes",
            0,
        ),
        (lambda c: c.campaigns.add_tags([5], [6]), "POST", "/campaigns/tags", 1),
        (lambda c: c.campaigns.remove_tags([5], [6]), "DELETE", "/campaigns/tags", 1),
        (lambda c: c.campaigns.move_to_folder([5], None), "POST", "/campaigns/update-folder", 1),
        (
            lambda c: c.campaigns.prompt_templates.create(5, prompt_content="x", category_ids=[1]),
            "POST",
            "/campaigns/5/prompt-template",
            0,
        ),
    ],
)
async def test_only_requests_safe_to_repeat_are_retried_after_a_5xx(
    mock_api: aioresponses, call: Call, method: str, path: str, retried: int
) -> None:
    async with SmartleadClient(API_KEY, base_url=BASE_URL, max_retries=1) as sl:
        sl._pipeline._sleep = no_sleep
        pattern = url(path)
        mock_api.add(pattern, method, status=503, body="busy")
        mock_api.add(pattern, method, payload={"ok": True, "newCampaignId": 1, "success": True})
        if retried:
            assert (await call(sl)).ok is True
        else:
            with pytest.raises(APIStatusError):
                await call(sl)
    assert len(sent_requests(mock_api)) == 1 + retried
