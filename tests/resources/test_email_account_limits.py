"""The documented mailbox cool-downs surface as typed 406 errors, and are never retried.

The bodies are the ones SmartLead's reference documents: both bulk-reconnect refusals say
``ok: true`` (only the status tells them from a success), and the live reply fetch answers 406
while one runs.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import NotAcceptableError, SmartleadClient
from smartlead_async._json import JSON
from smartlead_async.errors import (
    FetchRepliesBusyError,
    ReconnectCooldownError,
    ReconnectDailyLimitError,
    ReconnectTooSoonError,
    status_error_class,
)

from ..helpers import sent_requests, url
from .reference import documented_route

RECONNECT = url("/email-accounts/reconnect-failed-email-accounts")
FETCH = url("/email-accounts/fetch-account-reply")
DAILY: dict[str, JSON] = {
    "ok": True,
    "message": "Bulk reconnect cannot be consumed more than 3 times a day.",
}
TOO_SOON: dict[str, JSON] = {
    "ok": True,
    "message": "You need to wait atleast 30 minutes before requesting a bulk reconnect, again.",
}
BUSY = {"message": "Live fetch is already in-progress. Please try later."}
Call = Callable[[SmartleadClient], Awaitable[Any]]


@pytest.mark.parametrize(
    ("body", "cls"),
    [
        (DAILY, ReconnectDailyLimitError),
        (TOO_SOON, ReconnectTooSoonError),
        ({"ok": True, "message": "Bulk reconnect is paused"}, ReconnectCooldownError),
        (BUSY, FetchRepliesBusyError),
        ("Live fetch is already in-progress. Please try later.", FetchRepliesBusyError),
        ({"ok": True, "message": "Something else"}, NotAcceptableError),
        (None, NotAcceptableError),
    ],
)
def test_406_bodies_pick_their_class(body: Any, cls: type) -> None:
    assert status_error_class(406, body) is cls
    assert issubclass(cls, NotAcceptableError)


def test_other_statuses_ignore_the_body() -> None:
    assert status_error_class(400, DAILY).__name__ == "BadRequestError"
    assert status_error_class(406) is NotAcceptableError


RECONNECTS: Call = lambda c: c.email_accounts.reconnect_failed()  # noqa: E731
FETCHES: Call = lambda c: c.email_accounts.fetch_replies_now()  # noqa: E731


@pytest.mark.parametrize(
    ("case", "cls"),
    [
        ((RECONNECT, RECONNECTS, DAILY), ReconnectDailyLimitError),
        ((RECONNECT, RECONNECTS, TOO_SOON), ReconnectTooSoonError),
        ((FETCH, FETCHES, BUSY), FetchRepliesBusyError),
    ],
)
async def test_cool_downs_raise_typed_errors_and_are_not_retried(
    client: SmartleadClient,
    mock_api: aioresponses,
    case: tuple[re.Pattern[str], Call, Any],
    cls: type[NotAcceptableError],
) -> None:
    pattern, call, body = case
    mock_api.post(pattern, status=406, payload=body, repeat=True)
    with pytest.raises(cls) as caught:
        await call(client)
    assert caught.value.status == 406
    assert caught.value.body == body
    assert len(sent_requests(mock_api)) == 1


@pytest.mark.parametrize(
    ("path", "bodies"),
    [
        ("/email-accounts/reconnect-failed-email-accounts", [DAILY, TOO_SOON]),
        ("/email-accounts/fetch-account-reply", [BUSY]),
    ],
)
def test_the_bodies_are_the_documented_ones(path: str, bodies: list[Any]) -> None:
    row = documented_route("POST", path)
    assert "406" in row["status_codes"]
    limits = " ".join(row["limits"])
    assert "30 min" in limits
    if "reconnect" in path:
        assert "3 calls per day" in limits
