"""The API key never shows up in exceptions, reprs, logs or tracebacks."""

from __future__ import annotations

import asyncio
import json
import logging
import traceback
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote, quote_plus, unquote

import aiohttp
import pytest
from aiohttp import web
from aioresponses import aioresponses

from smartlead_async import (
    APIConnectionError,
    APIKey,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConfigurationError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimit,
    RateLimitError,
    ResponseTooLargeError,
    SmartleadClient,
    SmartleadError,
)
from smartlead_async._secrets import redact_url, scrub, scrub_bytes
from smartlead_async.testing import FakeSmartlead

from .helpers import API_KEY, BASE_URL, free_port, no_sleep, serving, url

CAMPAIGNS = url("/campaigns")


def assert_secret_free(*texts: str) -> None:
    for text in texts:
        assert API_KEY not in text
        assert API_KEY[:12] not in text


def render(error: BaseException) -> str:
    return "".join(traceback.format_exception(error)) + str(error) + repr(error)


def test_client_repr_and_key_repr_hide_the_key() -> None:
    client = SmartleadClient(API_KEY)
    assert_secret_free(repr(client), str(client), repr(client._api_key), f"{client._api_key}")
    assert client._api_key.fingerprint in repr(client)


def test_api_key_cannot_be_pickled() -> None:
    import pickle

    with pytest.raises(TypeError):
        pickle.dumps(APIKey(API_KEY))


def test_url_redaction() -> None:
    assert (
        redact_url(f"https://h/api/v1/campaigns?limit=5&api_key={API_KEY}")
        == "https://h/api/v1/campaigns?limit=5&api_key=***"
    )
    assert redact_url("https://h/x") == "https://h/x"


async def test_status_errors_and_logs_are_secret_free(
    mock_api: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="smartlead_async")
    mock_api.get(CAMPAIGNS, status=401, payload={"message": f"Invalid API Key {API_KEY}"})
    async with SmartleadClient(API_KEY, base_url=BASE_URL, max_retries=0) as sl:
        with pytest.raises(APIStatusError) as caught:
            await sl.campaigns.list()
    assert "api_key=***" in caught.value.url
    assert_secret_free(caught.value.url, caplog.text)
    assert "GET https://server.smartlead.ai/api/v1/campaigns?api_key=***" in caplog.text


async def test_connection_errors_and_their_tracebacks_are_secret_free(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="smartlead_async")
    async with SmartleadClient(API_KEY, base_url="http://127.0.0.1:9/api/v1", max_retries=1) as sl:
        sl._pipeline._jitter = lambda: 0.0
        with pytest.raises(APIConnectionError) as caught:
            await sl.campaigns.list()
    error = caught.value
    assert error.__cause__ is None
    assert error.__context__ is None
    assert_secret_free(render(error), caplog.text)
    assert "retrying" in caplog.text


@pytest.mark.parametrize(
    "exception",
    [
        TimeoutError(f"timeout for https://h/?api_key={API_KEY}"),
        # aiohttp timeouts embed the full request URL in their message.
        __import__("aiohttp").ConnectionTimeoutError(
            f"Connection timeout to host https://server.smartlead.ai/api/v1/campaigns?api_key={API_KEY}"
        ),
        __import__("aiohttp").ClientPayloadError(f"broken body for key {API_KEY}"),
    ],
)
async def test_transport_exception_messages_are_scrubbed(
    mock_api: aioresponses, exception: Exception
) -> None:
    mock_api.get(CAMPAIGNS, exception=exception)
    async with SmartleadClient(API_KEY, base_url=BASE_URL, max_retries=0) as sl:
        with pytest.raises(SmartleadError) as caught:
            await sl.campaigns.list()
    assert_secret_free(render(caught.value))
    assert type(exception).__name__ in str(caught.value)


def test_missing_key_error_does_not_echo_anything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMARTLEAD_API_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="SMARTLEAD_API_KEY"):
        SmartleadClient()


# --- The redaction matrix ------------------------------------------------------------------------
# A server (or proxy) that echoes the request URL back, in every way it might: the raw target as
# it was sent, the decoded key, re-encoded forms, in the body (JSON or HTML) and in headers. The
# key needs URL-encoding and is not ASCII, so every spelling of it differs.

ODD_KEY = "k/ey+with space&=%?#é€"
SPELLINGS = {
    "raw": ODD_KEY,
    "quote(safe='')": quote(ODD_KEY, safe=""),
    "quote": quote(ODD_KEY),
    "quote_plus": quote_plus(ODD_KEY),
}


def echo_texts(request: web.Request) -> list[str]:
    key = request.query.get("api_key", "")
    return [request.raw_path, unquote(request.raw_path), key, quote_plus(key), str(request.url)]


def echo_headers(request: web.Request) -> dict[str, str]:
    key = request.query.get("api_key", "")
    return {
        "Location": request.raw_path,
        "X-Request-Url": str(request.url),
        "X-Debug-Key": key,
        "X-Debug-Key-Plus": quote_plus(key),
        "Retry-After": "0",
    }


class Echo:
    """Middleware for a FakeSmartlead: answers every request according to ``mode``."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.arrived = asyncio.Event()
        self.release = asyncio.Event()

    @web.middleware
    async def middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        self.arrived.set()
        mode, texts, headers = self.mode, echo_texts(request), echo_headers(request)
        if mode.isdigit():
            body = {"message": "Invalid request " + " | ".join(texts), "echo": texts}
            return web.json_response(body, status=int(mode), headers=headers)
        if mode == "html-200":
            page = "<html><body>Maintenance. You asked for " + " ".join(texts) + "</body></html>"
            return web.Response(text=page, content_type="text/html", headers=headers)
        if mode == "too-large":
            return web.Response(text=" ".join(texts) * 200, headers=headers)
        if mode == "dropped":
            assert request.transport is not None
            request.transport.abort()
            return web.Response(status=599)
        if mode in ("timeout", "cancelled"):
            await self.release.wait()
        return await handler(request)


def leaks(error: BaseException, log: str) -> list[str]:
    """Every (where, spelling) pair of the key found in what an error or the log shows."""
    shown = {
        "str": str(error),
        "repr": repr(error),
        "message": str(getattr(error, "message", "")),
        "body": repr(getattr(error, "body", None)),
        "payload": repr(getattr(error, "payload", None)),
        "headers": repr(dict(getattr(error, "headers", {}))),
        "log": log,
        "traceback+locals": "".join(
            traceback.TracebackException.from_exception(error, capture_locals=True).format()
        ),
    }
    return [
        f"{where}: {name}"
        for where, text in shown.items()
        for name, spelling in SPELLINGS.items()
        if spelling in text
    ]


async def provoke(mode: str) -> BaseException:
    """Drive one failure mode through the real stack; return what the caller gets."""
    echo = Echo(mode)
    fake = FakeSmartlead(api_keys=(ODD_KEY,))
    fake.app.middlewares.insert(0, echo.middleware)
    async with fake:
        base_url = fake.base_url if mode != "refused" else f"http://127.0.0.1:{free_port()}/api/v1"
        options: dict[str, Any] = {"max_retries": 2, "rate_limits": [RateLimit(1000, 1.0)]}
        if mode == "timeout":
            options["timeout"] = 0.05
        if mode == "too-large":
            options["max_response_bytes"] = 1024
        try:
            async with SmartleadClient(ODD_KEY, base_url=base_url, **options) as sl:
                sl._pipeline._sleep = no_sleep
                sl._pipeline._jitter = lambda: 0.0
                if mode == "cancelled":
                    async with asyncio.timeout(0.05):
                        await sl.campaigns.list()
                else:
                    await sl.campaigns.list()
        except Exception as error:
            return error
        finally:
            echo.release.set()
    raise AssertionError(f"{mode}: no error")


MODES: dict[str, type[BaseException]] = {
    "400": BadRequestError,
    "401": AuthenticationError,
    "403": PermissionDeniedError,
    "404": NotFoundError,
    "429 retried": RateLimitError,
    "500 retried": InternalServerError,
    "502 retried": InternalServerError,
    "503 retried": InternalServerError,
    "html-200": SmartleadError,
    "refused": APIConnectionError,
    "dropped": APIConnectionError,
    "timeout": APITimeoutError,
    "too-large": ResponseTooLargeError,
    "cancelled": TimeoutError,  # asyncio.timeout() around the call: a CancelledError inside
}


@pytest.mark.parametrize("mode", MODES)
async def test_no_spelling_of_the_key_survives_an_echoing_server(
    mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="smartlead_async")
    error = await provoke(mode.removesuffix(" retried"))
    assert isinstance(error, MODES[mode]), repr(error)
    assert leaks(error, caplog.text) == []
    if mode.endswith("retried"):
        assert "retrying" in caplog.text  # the INFO line carries the error's message
    if isinstance(error, APIStatusError):
        # The echo really happened (and was scrubbed), in the body and in the headers.
        assert "***" in error.message
        assert error.headers["X-Debug-Key"] == "***"
        assert error.headers["Location"] == "/api/v1/campaigns?api_key=***"
    if mode == "html-200":
        assert "***" in str(error)


def test_scrub_removes_every_spelling_and_leaves_other_text_alone() -> None:
    key = APIKey(ODD_KEY)
    lower = quote(ODD_KEY, safe="").lower()
    text = " ".join([*SPELLINGS.values(), lower, json.dumps(ODD_KEY), "ok"])
    assert scrub(text, key).split() == ["***"] * (len(SPELLINGS) + 1) + ['"***"', "ok"]
    data = text.encode()
    assert scrub_bytes(data, key) == scrub(text, key).encode()
    clean = b'{"id": 1, "name": "k"}'
    assert scrub_bytes(clean, key) is clean


async def test_a_client_accepts_an_apikey_and_sends_it(fake: FakeSmartlead) -> None:
    async with SmartleadClient(APIKey(f"  {API_KEY}\n"), base_url=fake.base_url) as sl:
        assert (await sl.campaigns.list()).items == ()
        assert sl._api_key.reveal() == API_KEY


@pytest.mark.parametrize(
    "options",
    [{"timeout": 0}, {"base_url": "ftp://x"}, {"max_retries": -1}, {"rate_limits": []}],
)
def test_option_errors_do_not_carry_the_key_in_traceback_locals(options: dict[str, Any]) -> None:
    with pytest.raises(ConfigurationError) as caught:
        SmartleadClient(ODD_KEY, **options)
    assert leaks(caught.value, "") == []


def test_a_key_of_the_wrong_type_is_refused_without_keeping_it() -> None:
    with pytest.raises(ConfigurationError, match="not bytes") as caught:
        SmartleadClient(ODD_KEY.encode())  # type: ignore[arg-type]
    rendered = "".join(
        traceback.TracebackException.from_exception(caught.value, capture_locals=True).format()
    )
    assert repr(ODD_KEY.encode()) not in rendered


async def test_cancelling_a_request_still_cancels_the_task() -> None:
    # The transport re-raises a fresh CancelledError (the original's frames hold the URL): the
    # caller must still see an ordinary cancellation, message included.
    echo = Echo("timeout")
    fake = FakeSmartlead(api_keys=(ODD_KEY,))
    fake.app.middlewares.insert(0, echo.middleware)
    async with fake, SmartleadClient(ODD_KEY, base_url=fake.base_url) as sl:
        task = asyncio.ensure_future(sl.campaigns.list())
        await echo.arrived.wait()
        task.cancel("caller gave up")
        with pytest.raises(asyncio.CancelledError) as caught:
            await task
        echo.release.set()
    assert task.cancelled()
    assert caught.value.args == ("caller gave up",)
    assert leaks(caught.value, "") == []


async def test_a_closed_callers_session_is_a_clear_error_without_the_key(
    fake: FakeSmartlead,
) -> None:
    session = aiohttp.ClientSession()
    await session.close()
    async with SmartleadClient(ODD_KEY, base_url=fake.base_url, session=session) as sl:
        with pytest.raises(ClientClosedError, match="aiohttp session") as caught:
            await sl.campaigns.list()
    assert leaks(caught.value, "") == []
    assert fake.state.requests == []


async def test_a_key_that_needs_encoding_reaches_the_server_intact() -> None:
    async with (
        FakeSmartlead(api_keys=(ODD_KEY,)) as fake,
        SmartleadClient(ODD_KEY, base_url=fake.base_url) as sl,
    ):
        assert (await sl.campaigns.list()).items == ()  # the fake answers 401 to any other key


@pytest.mark.parametrize("location", ["/api/v1/campaigns/?api_key={key}", "http://[::1/login"])
async def test_a_redirect_is_not_followed_and_leaks_nothing(location: str) -> None:
    # Before: aiohttp followed the redirect, re-encoding the key in a spelling the scrubber does
    # not know, and a malformed Location escaped as a bare ValueError whose context's frames
    # held the key.
    key = "k/ey+with space&=%?#é"
    hits: list[str] = []

    async def redirect(request: web.Request) -> web.Response:
        hits.append(request.path_qs)
        return web.Response(status=302, headers={"Location": location.format(key=key)})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", redirect)
    async with (
        serving(app) as root,
        SmartleadClient(key, base_url=f"{root}/api/v1", max_retries=0) as sl,
    ):
        with pytest.raises(APIStatusError) as caught:
            await sl.campaigns.list()
    assert caught.value.status == 302
    assert len(hits) == 1  # not followed
    error = caught.value
    sdk_frames = error.__traceback__.tb_next if error.__traceback__ else None  # not this test's
    text = "".join(
        traceback.TracebackException(type(error), error, sdk_frames, capture_locals=True).format()
    )
    text += str(caught.value) + repr(caught.value.body) + repr(dict(caught.value.headers))
    for spelling in (key, quote(key, safe=""), quote(key), quote_plus(key)):
        assert spelling not in text


def test_redact_url_never_raises() -> None:
    assert redact_url("http://[::1/login?api_key=secret&x=1") == "http://[::1/login?api_key=***&x=1"
