"""A 2xx is success only when the body says so.

Each case is the attack on that guarantee: a proxy's HTML page, a truncated body, ``{}``, an empty
body or ``{"ok": false, ...}`` answered with status 200 must not come back as a normal result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    NotFoundError,
    OperationFailedError,
    ResponseDecodeError,
    SmartleadClient,
)
from smartlead_async.models import AddLeadsResult, OkResponse
from smartlead_async.testing import FakeSmartlead

from .helpers import API_KEY, BASE_URL, url

Call = Callable[[SmartleadClient], Awaitable[Any]]
START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
END = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
HTML = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"


class Route(NamedTuple):
    """One mutation or acknowledgement call and a success body documented for its route."""

    name: str
    call: Call
    method: str
    path: str  # below /api/v1, without the query
    documented: Any


def _schedule(c: SmartleadClient) -> Awaitable[OkResponse]:
    return c.campaigns.update_schedule(
        5,
        timezone="America/New_York",
        days_of_the_week=[1, 2],
        start_hour="09:00",
        end_hour="17:00",
        min_time_btw_emails=10,
        max_new_leads_per_day=20,
    )


ROUTES = [
    Route("campaign status", lambda c: c.campaigns.update_status(5, status="PAUSED"), "POST",
          "campaigns/5/status", {"ok": True}),
    Route("campaign delete", lambda c: c.campaigns.delete(5), "DELETE", "campaigns/5",
          {"ok": True}),
    Route("campaign settings", lambda c: c.campaigns.update_settings(5, send_as_plain_text=True),
          "POST", "campaigns/5/settings",
          {"success": True, "data": {"message": "Settings updated successfully"}}),
    Route("campaign schedule", _schedule, "POST", "campaigns/5/schedule", {"ok": True}),
    Route("save sequences", lambda c: c.campaigns.save_sequences(5, steps=[]), "POST",
          "campaigns/5/sequences", {"ok": True, "data": "success"}),
    Route("lead pause", lambda c: c.leads.pause(5, 7), "POST", "campaigns/5/leads/7/pause",
          {"ok": True, "data": "success"}),
    Route("lead resume", lambda c: c.leads.resume(5, 7), "POST", "campaigns/5/leads/7/resume",
          {"ok": True, "data": "success"}),
    Route("lead delete", lambda c: c.leads.delete_from_campaign(5, 7), "DELETE",
          "campaigns/5/leads/7", {"ok": True, "message": "success"}),
    Route("lead unsubscribe", lambda c: c.leads.unsubscribe_from_campaign(5, 7), "POST",
          "campaigns/5/leads/7/unsubscribe", {"ok": True}),
    Route("global unsubscribe", lambda c: c.leads.unsubscribe(7), "POST", "leads/7/unsubscribe",
          {"ok": True}),
    Route("lead category", lambda c: c.leads.update_category(5, 7, 1), "POST",
          "campaigns/5/leads/7/category", {"ok": True}),
    Route("lead update", lambda c: c.leads.update(5, 7, lead={"email": "a@b.io"}), "POST",
          "campaigns/5/leads/7", {"ok": True}),
    Route("block list add", lambda c: c.leads.block_list.add(entries=["spam.io"]), "POST",
          "leads/add-domain-block-list", {"uploadCount": 1, "totalDomainAdded": 1}),
    Route("block list remove", lambda c: c.leads.block_list.remove(3), "DELETE",
          "leads/delete-domain-block-list", {"ok": True}),
    Route("webhook upsert",
          lambda c: c.webhooks.save(5, name="crm", url="https://crm.example/h",
                                      event_types=["EMAIL_REPLY"], categories=["Interested"]),
          "POST", "campaigns/5/webhooks",
          {"ok": True, "id": 9, "name": "crm", "event_types": ["EMAIL_REPLY"]}),
    Route("webhook delete", lambda c: c.webhooks.delete(5, 9), "DELETE", "campaigns/5/webhooks",
          {"ok": True}),
    Route("webhook retrigger",
          lambda c: c.webhooks.retrigger_failed(5, start=START, end=END), "POST",
          "campaigns/5/webhooks/retrigger-failed-events",
          {"success": True, "retriggered_count": 5}),
    Route("email account add", lambda c: c.email_accounts.add_to_campaign(5, [1]), "POST",
          "campaigns/5/email-accounts", {"ok": True}),
    Route("email account remove", lambda c: c.email_accounts.remove_from_campaign(5, [1]),
          "DELETE", "campaigns/5/email-accounts", {"ok": True, "result": 1}),
    Route("email account update", lambda c: c.email_accounts.update(1, max_email_per_day=50),
          "POST", "email-accounts/1",
          {"ok": True, "message": "Email account updated successfully"}),
    Route("reconnect failed", lambda c: c.email_accounts.reconnect_failed(), "POST",
          "email-accounts/reconnect-failed-email-accounts",
          {"ok": True, "message": "Email account(s) added to the queue to reconnect."}),
    Route("lead list delete", lambda c: c.lead_lists.delete(3), "DELETE", "lead-list/3",
          {"ok": True, "message": "Lead list deleted successfully"}),
    Route("inbox read status", lambda c: c.inbox.mark_read(11), "PATCH",
          "master-inbox/change-read-status",
          {"success": True, "message": "Read status updated", "data": {"is_read": True}}),
    Route("inbox category", lambda c: c.inbox.update_category(11, 1), "PATCH",
          "master-inbox/update-category",
          {"success": True, "message": "Lead category updated successfully"}),
    Route("lead list create", lambda c: c.lead_lists.create(name="Q1"), "POST", "lead-list/",
          {"ok": True, "data": {"id": 500, "name": "Q1"}}),
]  # fmt: skip

NESTED = {
    "success": False,
    "error": {"code": "CAMPAIGN_ACTIVE", "message": "Cannot delete active campaign."},
}


class Wrong(NamedTuple):
    """A 200 answer that must not pass as success, and what it must raise."""

    name: str
    body: str | dict[str, Any]
    content_type: str
    error: type[Exception]
    message: str | None = None  # the server's text, when it sent one


WRONG_ANSWERS = [
    Wrong("html", HTML, "text/html", ResponseDecodeError),
    Wrong("html labelled json", HTML, "application/json", ResponseDecodeError),
    Wrong("broken json", '{"ok": true, "data": {"id"', "application/json", ResponseDecodeError),
    Wrong("empty object", {}, "application/json", ResponseDecodeError),
    Wrong("empty body", "", "application/json", ResponseDecodeError),
    Wrong("ok false", {"ok": False, "error": "x"}, "", OperationFailedError, "x"),
    Wrong("success false", {"success": False, "message": "y"}, "", OperationFailedError, "y"),
    Wrong("nested error", NESTED, "", OperationFailedError, "Cannot delete active campaign."),
]
EMPTY = ("empty object", "empty body")


def _mock(
    mocked: aioresponses, method: str, path: str, body: str | dict[str, Any], content_type: str
) -> None:
    pattern = url(f"/{path}", BASE_URL)
    if isinstance(body, dict):
        mocked.add(pattern, method, payload=body)
    else:
        mocked.add(pattern, method, body=body, content_type=content_type)


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
@pytest.mark.parametrize("wrong", WRONG_ANSWERS, ids=[w.name for w in WRONG_ANSWERS])
async def test_a_wrong_200_never_returns_normally(
    client: SmartleadClient, mock_api: aioresponses, route: Route, wrong: Wrong
) -> None:
    _mock(mock_api, route.method, route.path, wrong.body, wrong.content_type)
    with pytest.raises(wrong.error) as caught:
        await route.call(client)
    if isinstance(caught.value, OperationFailedError):
        failure = caught.value
        assert (failure.message, failure.status, failure.body) == (wrong.message, 200, wrong.body)
        assert failure.method == route.method
        assert failure.url.startswith(f"{BASE_URL}/{route.path}?")
        assert failure.url.endswith("api_key=***")
    assert API_KEY not in str(caught.value)
    assert API_KEY not in repr(caught.value.args)


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
async def test_the_documented_success_body_still_decodes(
    client: SmartleadClient, mock_api: aioresponses, route: Route
) -> None:
    _mock(mock_api, route.method, route.path, route.documented, "")
    result = await route.call(client)
    assert result is not None
    if hasattr(result, "ok"):
        assert result.ok is True


async def test_decode_error_names_the_answer_without_the_key(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    # A proxy page that echoes the request URL, key included, and runs long.
    page = f'<html><a href="{BASE_URL}/campaigns/5/status?api_key={API_KEY}">retry</a>' + "x" * 500
    _mock(mock_api, "POST", "campaigns/5/status", page, "text/html")
    with pytest.raises(ResponseDecodeError) as caught:
        await client.campaigns.update_status(5, status="PAUSED")
    text = str(caught.value)
    assert text.startswith(f"200 POST {BASE_URL}/campaigns/5/status?api_key=***")
    assert "not JSON" in text
    assert "<html><a href=" in text
    assert "api_key=***" in str(caught.value.payload)
    assert API_KEY not in text
    assert API_KEY not in str(caught.value.payload)
    assert len(str(caught.value.payload)) < 200  # an excerpt, not the page


async def test_ok_false_without_text_says_what_happened(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    # The documented "nothing changed" answer of the global unsubscribe.
    _mock(mock_api, "POST", "leads/7/unsubscribe", {"ok": False}, "")
    with pytest.raises(OperationFailedError, match="ok: false without a message") as caught:
        await client.leads.unsubscribe(7)
    assert str(caught.value).startswith("200 the API answered ok: false")


async def test_406_with_ok_true_is_still_not_acceptable(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    from smartlead_async import NotAcceptableError

    pattern = url("/email-accounts/reconnect-failed-email-accounts")
    mock_api.post(pattern, status=406, payload={"ok": True, "message": "3 calls a day"})
    with pytest.raises(NotAcceptableError, match="3 calls a day"):
        await client.email_accounts.reconnect_failed()


# --- plain text ------------------------------------------------------------------------------


async def test_plain_success_is_accepted_on_lead_delete(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    _mock(mock_api, "DELETE", "campaigns/5/leads/7", "success", "text/plain")
    result = await client.leads.delete_from_campaign(5, 7)
    assert (result.ok, result.message) == (True, "success")


@pytest.mark.parametrize("text", ["failure", "Success!", "<html>success</html>"])
async def test_other_text_is_refused_on_lead_delete(
    client: SmartleadClient, mock_api: aioresponses, text: str
) -> None:
    _mock(mock_api, "DELETE", "campaigns/5/leads/7", text, "text/plain")
    with pytest.raises(ResponseDecodeError):
        await client.leads.delete_from_campaign(5, 7)


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.name != "lead delete"], ids=lambda r: r.name
)
async def test_plain_success_is_refused_where_not_declared(
    client: SmartleadClient, mock_api: aioresponses, route: Route
) -> None:
    _mock(mock_api, route.method, route.path, "success", "text/plain")
    with pytest.raises(ResponseDecodeError):
        await route.call(client)


async def test_the_fake_answers_plain_success_and_the_sdk_reads_it(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    campaign = await fake_client.campaigns.create(name="Q1")
    await fake_client.leads.add_to_campaign(campaign.id, leads=[{"email": "ann@example.com"}])
    lead = await fake_client.leads.get_by_email(email="ann@example.com")
    result = await fake_client.leads.delete_from_campaign(campaign.id, lead.id)
    assert (result.ok, result.message) == (True, "success")
    assert fake.state.requests[-1].status == 200


# --- add leads -------------------------------------------------------------------------------

WIRE_ADD_LEADS = {
    "ok": True,
    "upload_count": 1,
    "total_leads": 1,
    "already_added_to_campaign": 0,
    "duplicate_count": 0,
    "invalid_email_count": 0,
    "invalid_emails": [],
    "unsubscribed_leads": [],
    "block_count": 0,
    "bounce_count": 0,
    "is_lead_limit_exhausted": False,
    "lead_import_stopped_count": 0,
}


@pytest.mark.parametrize(
    ("body", "content_type"),
    [({}, ""), (HTML, "text/html"), ({"ok": True}, ""), ({"ok": True, "upload_count": 1}, "")],
    ids=["empty object", "html", "ok only", "no total"],
)
async def test_add_leads_without_its_counters_is_refused(
    client: SmartleadClient, mock_api: aioresponses, body: str | dict[str, Any], content_type: str
) -> None:
    _mock(mock_api, "POST", "campaigns/12/leads", body, content_type)
    with pytest.raises(ResponseDecodeError):
        await client.leads.add_to_campaign(12, leads=[{"email": "a@b.io"}])


async def test_add_leads_wire_answer_decodes(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    _mock(mock_api, "POST", "campaigns/12/leads", WIRE_ADD_LEADS, "")
    result = await client.leads.add_to_campaign(12, leads=[{"email": "a@b.io"}])
    assert result == AddLeadsResult(upload_count=1, total_leads=1, unsubscribed_leads=[])


# --- methods that decode by hand -------------------------------------------------------------


class Read(NamedTuple):
    """A method that leaves ``Pipeline.request`` and decodes its answer by hand."""

    name: str
    call: Call
    method: str
    path: str


HAND_DECODED = [
    Read("campaigns.get", lambda c: c.campaigns.get(5), "GET", "campaigns/5"),
    Read("leads.get", lambda c: c.leads.get(7), "GET", "leads/7"),
    Read("leads.get_by_email", lambda c: c.leads.get_by_email(email="a@b.io"), "GET", "leads/"),
    Read("inbox.get", lambda c: c.inbox.get(11), "GET", "master-inbox/11"),
    Read("inbox.untracked_replies", lambda c: c.inbox.untracked_replies(), "GET",
         "master-inbox/untracked-replies"),
    Read("webhooks.list", lambda c: c.webhooks.list(5), "GET", "campaigns/5/webhooks"),
    Read("webhooks.summary", lambda c: c.webhooks.summary(5, start=START, end=END),
         "GET", "campaigns/5/webhooks/summary"),
]  # fmt: skip
#: Documented: an unknown campaign id may answer `{}` or nothing, an unknown email `{}`.
ANSWER_EMPTY = ("campaigns.get", "leads.get_by_email")


@pytest.mark.parametrize("read", HAND_DECODED, ids=[r.name for r in HAND_DECODED])
@pytest.mark.parametrize(
    "wrong",
    [w for w in WRONG_ANSWERS if w.name not in EMPTY],
    ids=[w.name for w in WRONG_ANSWERS if w.name not in EMPTY],
)
async def test_hand_decoded_reads_get_the_same_checks(
    client: SmartleadClient, mock_api: aioresponses, read: Read, wrong: Wrong
) -> None:
    _mock(mock_api, read.method, read.path, wrong.body, wrong.content_type)
    with pytest.raises(wrong.error) as caught:
        await read.call(client)
    if isinstance(caught.value, OperationFailedError):
        assert caught.value.message == wrong.message


@pytest.mark.parametrize(
    "read",
    [r for r in HAND_DECODED if r.name not in ANSWER_EMPTY],
    ids=[r.name for r in HAND_DECODED if r.name not in ANSWER_EMPTY],
)
@pytest.mark.parametrize("body", [{}, ""], ids=list(EMPTY))
async def test_hand_decoded_reads_refuse_empty_answers(
    client: SmartleadClient, mock_api: aioresponses, read: Read, body: str | dict[str, Any]
) -> None:
    _mock(mock_api, read.method, read.path, body, "application/json")
    with pytest.raises(ResponseDecodeError):
        await read.call(client)


@pytest.mark.parametrize("body", [{}, ""], ids=["empty object", "empty body"])
async def test_unknown_campaign_answered_empty_is_not_found(
    client: SmartleadClient, mock_api: aioresponses, body: str | dict[str, Any]
) -> None:
    # Documented for this route only: 200 with `{}` or an empty body for an unknown id.
    _mock(mock_api, "GET", "campaigns/5", body, "application/json")
    with pytest.raises(NotFoundError):
        await client.campaigns.get(5)


@pytest.mark.parametrize("body", [{}, ""], ids=["empty object", "empty body"])
async def test_unknown_lead_email_answered_empty_is_not_found(
    client: SmartleadClient, mock_api: aioresponses, body: str | dict[str, Any]
) -> None:
    # The route answers 200 `{}` for an unknown email; the route declaration reads an empty
    # body the same way (as on `campaigns.get`).
    _mock(mock_api, "GET", "leads/", body, "application/json")
    with pytest.raises(NotFoundError):
        await client.leads.get_by_email(email="a@b.io")


async def test_lead_by_id_empty_data_is_not_found(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    _mock(mock_api, "GET", "leads/7", {"data": []}, "")
    with pytest.raises(NotFoundError):
        await client.leads.get(7)


@pytest.mark.parametrize("flag", ["false", "False", 0, 0.0])
async def test_a_failure_flag_in_another_spelling_still_fails(
    client: SmartleadClient, mock_api: aioresponses, flag: object
) -> None:
    # Before: only the JSON boolean false counted; "false" or 0 passed as success on routes
    # whose model has no success rule of its own.
    _mock(mock_api, "POST", "campaigns/5/status", {"ok": flag, "error": "Campaign is archived"}, "")
    with pytest.raises(OperationFailedError, match="Campaign is archived"):
        await client.campaigns.update_status(5, status="PAUSED")
