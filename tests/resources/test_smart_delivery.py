"""Smart Delivery on the wire: the 27 ``/spam-test/*`` routes of SmartLead's reference, each
sent to the Smart Delivery host with the shape the SDK declares, each answer decoded from the
reference's own example (``response_example`` in the route digest)."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
from collections.abc import Callable
from typing import Any, NamedTuple

import pytest
from aioresponses import aioresponses

from smartlead_async import NotFoundError, SmartleadClient
from smartlead_async._endpoints import endpoint_rows
from smartlead_async._hosts import DEFAULT_HOST_URLS
from smartlead_async._pagination import Page
from smartlead_async.models.smart_delivery import (
    MailboxCounts,
    PlacementReport,
    ReplyHeaders,
    SmartDeliveryMessage,
    SpamTest,
    SpamTestEmailContent,
    SpamTestFolder,
    SpamTestStatus,
    SpamTestType,
)
from smartlead_async.resources import RESOURCES
from smartlead_async.resources.smart_delivery import CREATE_AUTOMATED_TEST, CREATE_MANUAL_TEST

from ..helpers import API_KEY, check_rejected, invoke, sent_requests, url
from .reference import routes as reference_routes

ROOT = DEFAULT_HOST_URLS["smart_delivery"]
HOST = "smartdelivery.smartlead.ai"
#: The reference's example answers of the 27 routes ("METHOD /api/v1/path" → example), copied
#: from SmartLead's route digest with the digest's "…" cut-off marks dropped.
EXAMPLES_FILE = pathlib.Path(__file__).parent.parent / "samples" / "smart_delivery_examples.json"
EXAMPLES: dict[str, Any] = json.loads(EXAMPLES_FILE.read_text())
# The ids the reference's path templates are filled with.
IDS = {"{spamTestId}": "test_001", "{folderId}": "folder_001", "{replyId}": "reply_001"}
AT = dt.datetime(2026, 3, 15, 10, 0, tzinfo=dt.UTC)
UNTIL = dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.UTC)


def _clean(value: Any) -> Any:
    # The digest marks cut-off arrays with a trailing "…" element: not part of the answer.
    if isinstance(value, list):
        return [_clean(item) for item in value if item != "\u2026"]
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    return value


def _example(method: str, route: str) -> Any:
    return EXAMPLES[f"{method} /api/v1{route}"]


class Case(NamedTuple):
    """One route: the call, the request it must send, and what its documented answer reads as."""

    name: str
    call: Callable[[SmartleadClient], Any]
    method: str
    route: str  # the reference's path, below /api/v1
    query: dict[str, str]
    body: Any
    check: Callable[[Any], bool | None]  # asserts, or answers whether the result is right


MANUAL_BODY = {
    "test_name": "Manual Placement Test",
    "campaign_id": 123456,
    "sequence_mapping_id": 789012,
    "provider_ids": ["gmail_na", "outlook_na"],
    "sender_accounts": ["campaigns@example.com"],
    "spam_filters": True,
    "link_checker": True,
    "all_email_sent_without_time_gap": False,
    "is_warmup": False,
    "description": "Testing email deliverability across regions",
    "min_time_btwn_emails": 30,
    "min_time_unit": "minutes",
    "test_with_sl_account": False,
}
MANUAL_ARGS: dict[str, Any] = {
    "test_name": "Manual Placement Test",
    "campaign_id": 123456,
    "sequence_mapping_id": 789012,
    "provider_ids": ["gmail_na", "outlook_na"],
    "sender_accounts": ["campaigns@EXAMPLE.com"],
    "description": "Testing email deliverability across regions",
    "min_time_between_emails": 30,
    "test_with_smartlead_account": False,
}
AUTOMATED_ARGS: dict[str, Any] = {
    **MANUAL_ARGS,
    "test_name": "Automated Recurring Test",
    "start": AT,
    "end": UNTIL,
    "every_days": 7,
    "timezone": "Europe/Berlin",
    "days": [0, 3, 3],
}
AUTOMATED_BODY = {
    **MANUAL_BODY,
    "test_name": "Automated Recurring Test",
    "schedule_start_time": "2026-03-15T10:00:00+00:00",
    "test_end_date": "2026-06-15T10:00:00+00:00",
    "every_days": 7,
    "tz": "Europe/Berlin",
    "days": [0, 3],
}


def _first(page: Page[Any]) -> Any:
    assert len(page) >= 1
    return page[0]


def _check_test(result: SpamTest) -> bool:
    """Checks a decoded test; True, so that ``_check_test(r) and <more checks>`` reads well."""
    assert isinstance(result, SpamTest)
    assert result.id
    assert result.test_name
    assert result.test_type in (SpamTestType.MANUAL, SpamTestType.AUTOMATED)
    assert result.created_at is not None
    assert result.created_at.tzinfo is not None
    return True


def _check_message(result: SmartDeliveryMessage) -> None:
    assert isinstance(result, SmartDeliveryMessage)
    assert result.message
    assert "successfully" in result.message


def _check_folder(result: SpamTestFolder) -> None:
    assert isinstance(result, SpamTestFolder)
    assert result.id
    assert result.id.startswith("folder_")
    assert result.name


def _check_placement(field: str) -> Callable[[PlacementReport], None]:
    def check(result: PlacementReport) -> None:
        assert result.overall_total_count
        assert result.status is SpamTestStatus.COMPLETED
        assert len(result.result) == 2
        assert getattr(result.result[0], field)
        assert result.result[0].inbox_rate
        assert not result.result[0].extra

    return check


def _check_seed(flag: str) -> Callable[[Page[Any]], None]:
    def check(page: Page[Any]) -> None:
        row = _first(page)
        assert row.from_email == "campaigns@example.com"
        seed = row.seed_accounts[0]
        assert seed.email == "seed1@gmail.com"
        assert getattr(seed, flag) is not None
        assert not seed.extra

    return check


def _check_rows(**expected: Any) -> Callable[[Page[Any]], None]:
    def check(page: Page[Any]) -> None:
        row = _first(page)
        assert page.next_start is None
        for name, value in expected.items():
            assert getattr(row, name) == value, name
        assert not row.extra, row.extra

    return check


def _check_email_content(result: SpamTestEmailContent) -> None:
    assert result.spam_test == "test_001"
    assert result.subject
    assert result.html
    assert result.raw_email_content
    assert result.raw_email_content.startswith("From:")


def _check_headers(result: ReplyHeaders) -> None:
    assert result.return_path == "<campaigns@example.com>"
    assert result.received
    assert result.received[0].startswith("from mail.example.com")
    assert result.authentication_results
    # The page's typo is kept as sent, with every other header.
    assert "Reveived-Spf" in result.extra
    assert set(result.headers) == {
        "Return-Path",
        "Received",
        "Reveived-Spf",
        "Authentication-Results",
    }


def _check_counts(result: MailboxCounts) -> None:
    assert (result.inbox_count, result.total_email_count, result.failed_count) == (264, 300, 0)


CASES = [
    Case(
        "seed_providers",
        lambda c: c.smart_delivery.seed_providers(),
        "GET",
        "/spam-test/seed/providers",
        {},
        None,
        lambda page: (
            _first(page).region_id == "na-1"
            and [g.group_id for g in _first(page).groups] == ["gmail_na", "outlook_na"]
        ),
    ),
    Case(
        "create_manual_test",
        lambda c: c.smart_delivery.create_manual_test(confirm_cost=True, **MANUAL_ARGS),
        "POST",
        "/spam-test/manual",
        {},
        MANUAL_BODY,
        _check_test,
    ),
    Case(
        "create_automated_test",
        lambda c: c.smart_delivery.create_automated_test(confirm_cost=True, **AUTOMATED_ARGS),
        "POST",
        "/spam-test/schedule",
        {},
        AUTOMATED_BODY,
        lambda r: _check_test(r) and r.every_days == 7,
    ),
    Case(
        "get_test",
        lambda c: c.smart_delivery.get_test("test_001"),
        "GET",
        "/spam-test/{spamTestId}",
        {},
        None,
        lambda r: _check_test(r) and r.folder_id == "folder_12345",
    ),
    Case(
        "stop_test",
        lambda c: c.smart_delivery.stop_test("test_001"),
        "PUT",
        "/spam-test/{spamTestId}/stop",
        {},
        None,
        _check_message,
    ),
    Case(
        "delete_tests",
        lambda c: c.smart_delivery.delete_tests(["test_001", 42, "test_001"]),
        "POST",
        "/spam-test/delete",
        {},
        {"spamTestIds": ["test_001", 42]},
        _check_message,
    ),
    Case(
        "list_tests",
        lambda c: c.smart_delivery.list_tests(test_type="schedule", limit=2),
        "POST",
        "/spam-test/report",
        {"testType": "schedule"},
        {"offset": 0, "limit": 2},
        lambda page: (
            [t.spam_test_id for t in page] == ["test_001", "test_002"]
            and page.next_start == 2
            and page[1].every_days is None
            and page[0].test_type is SpamTestType.AUTOMATED
        ),
    ),
    Case(
        "reports.by_provider",
        lambda c: c.smart_delivery.reports.by_provider("test_001"),
        "POST",
        "/spam-test/report/{spamTestId}/providerwise",
        {},
        None,
        _check_placement("provider"),
    ),
    Case(
        "reports.by_region",
        lambda c: c.smart_delivery.reports.by_region("test_001"),
        "POST",
        "/spam-test/report/{spamTestId}/groupwise",
        {},
        None,
        _check_placement("region"),
    ),
    Case(
        "reports.by_sender",
        lambda c: c.smart_delivery.reports.by_sender("test_001"),
        "GET",
        "/spam-test/report/{spamTestId}/sender-account-wise",
        {},
        None,
        lambda page: (
            _first(page).details.tests_count == 12
            and _first(page).details.last_test_date
            == dt.datetime(2026, 3, 15, 14, 30, tzinfo=dt.UTC)
        ),
    ),
    Case(
        "reports.sender_accounts",
        lambda c: c.smart_delivery.reports.sender_accounts("test_001"),
        "GET",
        "/spam-test/report/{spamTestId}/sender-accounts",
        {},
        None,
        _check_rows(id="sender_001", spam_test_id="test_101", from_email="campaigns@example.com"),
    ),
    Case(
        "reports.spam_filters",
        lambda c: c.smart_delivery.reports.spam_filters("test_001"),
        "GET",
        "/spam-test/report/{spamTestId}/spam-filter-details",
        {},
        None,
        lambda page: (
            _first(page).spam_filter_details[0].reasons
            == ("High spam score", "Missing DKIM signature")
        ),
    ),
    Case(
        "reports.dkim",
        lambda c: c.smart_delivery.reports.dkim("test_001"),
        "GET",
        "/spam-test/report/{spamTestId}/dkim-details",
        {},
        None,
        _check_seed("dkim_verified"),
    ),
    Case(
        "reports.spf",
        lambda c: c.smart_delivery.reports.spf("test_001"),
        "GET",
        "/spam-test/report/{spamTestId}/spf-details",
        {},
        None,
        _check_seed("spf_verified"),
    ),
    Case(
        "reports.rdns",
        lambda c: c.smart_delivery.reports.rdns("test_001"),
        "GET",
        "/spam-test/report/{spamTestId}/rdns-details",
        {},
        None,
        _check_seed("rdns_verified"),
    ),
    Case(
        "reports.ip_blacklist",
        lambda c: c.smart_delivery.reports.ip_blacklist("test_001"),
        "GET",
        "/spam-test/report/{spamTestId}/blacklist",
        {},
        None,
        lambda page: (
            [r.total_blacklist for r in page] == [0, 1]
            and page[0].reply is not None
            and page[0].reply.from_email == "campaigns@example.com"
        ),
    ),
    Case(
        "reports.domain_blacklist",
        lambda c: c.smart_delivery.reports.domain_blacklist("test_001"),
        "GET",
        "/spam-test/report/{spamTestId}/domain-blacklist",
        {},
        None,
        _check_seed("domain_blacklisted"),
    ),
    Case(
        "reports.email_content",
        lambda c: c.smart_delivery.reports.email_content("test_001"),
        "GET",
        "/spam-test/report/{spamTestId}/email-content",
        {},
        None,
        _check_email_content,
    ),
    Case(
        "reports.sending_ips",
        lambda c: c.smart_delivery.reports.sending_ips("test_001"),
        "GET",
        "/spam-test/report/{spamTestId}/ip-analytics",
        {},
        None,
        lambda page: (
            _first(page).whois_data.reverse_dns == "mail1.example.com"
            and _first(page).blacklisted is False
        ),
    ),
    Case(
        "reports.schedule_history",
        lambda c: c.smart_delivery.reports.schedule_history("test_001"),
        "GET",
        "/spam-test/report/{spamTestId}/schedule-history",
        {},
        None,
        _check_rows(
            spam_test_id="test_001",
            test_run_no=15,
            status=SpamTestStatus.COMPLETED,
            inbox_count=184,
            tab_count=12,
            spam_count=4,
            reply_hour_interval_start=0,
            reply_hour_interval_end=24,
            adjusted_total_email_count=200,
        ),
    ),
    Case(
        "reports.reply_headers",
        lambda c: c.smart_delivery.reports.reply_headers("test_001", "reply_001"),
        "GET",
        "/spam-test/report/{spamTestId}/sender-account-wise/{replyId}/email-headers",
        {},
        None,
        _check_headers,
    ),
    Case(
        "reports.mailbox_summary",
        lambda c: c.smart_delivery.reports.mailbox_summary(),
        "GET",
        "/spam-test/report/mailboxes-summary",
        {},
        None,
        _check_rows(id="mb_001", esp="Gmail", placement_score=91.0, inbox_count=91),
    ),
    Case(
        "reports.mailbox_counts",
        lambda c: c.smart_delivery.reports.mailbox_counts(),
        "GET",
        "/spam-test/report/mailboxes-count",
        {},
        None,
        _check_counts,
    ),
    Case(
        "folders.list",
        lambda c: c.smart_delivery.folders.list(),
        "GET",
        "/spam-test/folder",
        {},
        None,
        lambda page: [f.name for f in page] == ["Q1 2026 Tests", "Q4 2025 Archive"],
    ),
    Case(
        "folders.create",
        lambda c: c.smart_delivery.folders.create(name="  My Folder "),
        "POST",
        "/spam-test/folder",
        {},
        {"name": "My Folder"},
        _check_folder,
    ),
    Case(
        "folders.get",
        lambda c: c.smart_delivery.folders.get("folder_001"),
        "GET",
        "/spam-test/folder/{folderId}",
        {},
        None,
        _check_folder,
    ),
    Case(
        "folders.delete",
        lambda c: c.smart_delivery.folders.delete("folder_001"),
        "DELETE",
        "/spam-test/folder/{folderId}",
        {},
        None,
        _check_message,
    ),
]


def _concrete(route: str) -> str:
    for template, value in IDS.items():
        route = route.replace(template, value)
    return route


def test_the_examples_are_the_digests_own() -> None:
    routes = reference_routes()  # the digest itself, where the machine has it
    digest = {
        f"{r['method']} {r['path']}": _clean(r["response_example"])
        for r in routes
        if r["host"] == HOST
    }
    assert digest == EXAMPLES


def test_the_table_covers_every_documented_smart_delivery_route() -> None:
    assert len(EXAMPLES) == 27
    assert {f"{case.method} /api/v1{case.route}" for case in CASES} == set(EXAMPLES)


def test_every_declared_smart_delivery_route_is_a_documented_one() -> None:
    # The declared templates name their ids in snake case; the reference in camelCase.
    names = {
        "{spam_test_id}": "{spamTestId}",
        "{folder_id}": "{folderId}",
        "{reply_id}": "{replyId}",
    }
    declared = set()
    for endpoint, _ in endpoint_rows(RESOURCES):
        if endpoint.host != "smart_delivery":
            continue
        path = endpoint.path
        for ours, theirs in names.items():
            path = path.replace(ours, theirs)
        declared.add(f"{endpoint.method} /api/v1/{path}")
    assert declared == set(EXAMPLES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_wire(client: SmartleadClient, mock_api: aioresponses, case: Case) -> None:
    path = _concrete(case.route)
    mock_api.add(
        url(path, ROOT),
        case.method,
        payload=_example(case.method, case.route),
    )
    result = await invoke(case.call, client)
    assert sent_requests(mock_api) == [
        (case.method, "/api/v1" + path, {**case.query, "api_key": API_KEY}, case.body)
    ]
    ((_, sent),) = list(mock_api.requests)
    assert sent.host == HOST
    assert case.check(result) is not False


async def test_the_test_list_pages_by_offset_in_the_body(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    rows = _example("POST", "/spam-test/report")
    pattern = url("/spam-test/report", ROOT)
    mock_api.post(pattern, payload=rows)
    mock_api.post(pattern, payload=rows[:1])
    seen = [t.spam_test_id async for t in client.smart_delivery.list_tests(limit=2)]
    assert seen == ["test_001", "test_002", "test_001"]
    bodies = [body for *_, body in sent_requests(mock_api)]
    assert bodies == [{"offset": 0, "limit": 2}, {"offset": 2, "limit": 2}]
    queries = [query for _, _, query, _ in sent_requests(mock_api)]
    assert queries == [{"api_key": API_KEY}] * 2  # no testType unless asked


async def test_the_blacklist_count_page_shape_reads_as_one_row(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    # The "IP Blacklist Count" page documents the same route answering one object.
    mock_api.get(
        url("/spam-test/report/7/blacklist", ROOT),
        payload={"total_blacklist": 3},
    )
    (row,) = await client.smart_delivery.reports.ip_blacklist(7)
    assert row.total_blacklist == 3
    assert row.reply is None


async def test_an_empty_test_answer_is_not_found(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/spam-test/9", ROOT), payload={})
    with pytest.raises(NotFoundError):
        await client.smart_delivery.get_test(9)


def test_creating_a_test_is_never_repeated_and_reads_are() -> None:
    assert CREATE_MANUAL_TEST.spec_idempotent({"test_name": "x"}) is False
    assert CREATE_AUTOMATED_TEST.spec_idempotent({"test_name": "x"}) is False
    rows = {
        (e.method, e.path): e.retry_safe
        for e, _ in endpoint_rows(RESOURCES)
        if e.host == "smart_delivery"
    }
    assert rows[("POST", "spam-test/report")] == "yes"
    assert rows[("POST", "spam-test/report/{spam_test_id}/providerwise")] == "yes"
    assert rows[("POST", "spam-test/folder")] == "no"


def _manual(**changes: Any) -> Callable[[SmartleadClient], Any]:
    args = {"confirm_cost": True, **MANUAL_ARGS, **changes}
    return lambda c: c.smart_delivery.create_manual_test(**args)


def _automated(**changes: Any) -> Callable[[SmartleadClient], Any]:
    args = {"confirm_cost": True, **AUTOMATED_ARGS, **changes}
    return lambda c: c.smart_delivery.create_automated_test(**args)


REJECTED: list[tuple[str, Callable[[SmartleadClient], Any], str]] = [
    ("manual without confirm", _manual(confirm_cost=False), "confirm_cost=True"),
    ("manual confirm not True", _manual(confirm_cost="yes"), "seed credits"),
    ("automated without confirm", _automated(confirm_cost=False), "confirm_cost=True"),
    ("test name", _manual(test_name="  "), "test_name"),
    ("campaign id", _manual(campaign_id=0), "campaign_id"),
    ("sequence id", _manual(sequence_mapping_id="seq_1"), "sequence_mapping_id"),
    ("no providers", _manual(provider_ids=[]), "provider_ids"),
    ("provider id as str", _manual(provider_ids="gmail_na"), "provider_ids"),
    ("provider id path", _manual(provider_ids=["a/b"]), "provider_ids"),
    ("no senders", _manual(sender_accounts=[]), "sender_accounts"),
    ("sender as str", _manual(sender_accounts="a@x.io"), "sender_accounts"),
    ("bad sender", _manual(sender_accounts=["not-an-email"]), "sender_accounts"),
    ("flag", _manual(spam_filters="yes"), "spam_filters"),
    ("gap", _manual(min_time_between_emails=0), "min_time_between_emails"),
    ("unit", _manual(min_time_unit="weeks"), "min_time_unit"),
    ("folder", _manual(folder_id="../x"), "folder_id"),
    ("extra repeats", _manual(extra_fields={"test_name": "x"}), "repeats"),
    ("naive start", _automated(start=dt.datetime(2026, 3, 15)), "timezone-aware"),
    ("backwards", _automated(start=UNTIL, end=AT), "after end"),
    ("every days", _automated(every_days=0), "every_days"),
    ("timezone", _automated(timezone="Mars/Olympus"), "timezone"),
    ("weekday 7", _automated(days=[7]), "days"),
    ("no weekdays", _automated(days=[]), "days"),
    ("test id", lambda c: c.smart_delivery.get_test(0), "spam_test_id"),
    ("test id bool", lambda c: c.smart_delivery.stop_test(True), "spam_test_id"),
    ("test id path", lambda c: c.smart_delivery.get_test("1/stop"), "spam_test_id"),
    ("delete none", lambda c: c.smart_delivery.delete_tests([]), "spam_test_ids"),
    # The wrong type is the attack.
    ("list type", lambda c: c.smart_delivery.list_tests(test_type="auto"), "test_type"),  # type: ignore[arg-type]
    ("list limit", lambda c: c.smart_delivery.list_tests(limit=101), "limit"),
    ("list offset", lambda c: c.smart_delivery.list_tests(offset=-1), "offset"),
    ("report id", lambda c: c.smart_delivery.reports.dkim(""), "spam_test_id"),
    (
        "reply id",
        lambda c: c.smart_delivery.reports.reply_headers("t1", "r?x"),
        "reply_id",
    ),
    ("folder name", lambda c: c.smart_delivery.folders.create(name=""), "name"),
    ("folder id", lambda c: c.smart_delivery.folders.delete(-1), "folder_id"),
]


@pytest.mark.parametrize(("label", "call", "match"), REJECTED, ids=[r[0] for r in REJECTED])
async def test_invalid_arguments_are_refused_before_sending(
    client: SmartleadClient,
    mock_api: aioresponses,
    label: str,
    call: Callable[[SmartleadClient], Any],
    match: str,
) -> None:
    await check_rejected(client, mock_api, call, match)


async def test_extra_fields_are_sent_verbatim(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.post(url("/spam-test/manual", ROOT), payload={"id": 5})
    created = await _manual(extra_fields={"starHour": "10:00"})(client)
    assert created.id == "5"  # numeric ids read as strings
    ((*_, body),) = sent_requests(mock_api)
    assert body == {**MANUAL_BODY, "starHour": "10:00"}
