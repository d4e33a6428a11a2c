"""The API key never shows up in exceptions, reprs, logs or tracebacks."""

from __future__ import annotations

import logging
import re
import traceback

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    APIConnectionError,
    APIStatusError,
    ConfigurationError,
    SmartleadClient,
    SmartleadError,
)
from smartlead_async._secrets import APIKey, redact_url

from .helpers import API_KEY, BASE_URL

CAMPAIGNS = re.compile(r"^https://server\.smartlead\.ai/api/v1/campaigns\?.*$")


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
