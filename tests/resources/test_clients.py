"""client.clients: listing agency clients (misspelt wire keys mapped to clean names)."""

from __future__ import annotations

from aioresponses import aioresponses

from smartlead_async import SmartleadClient
from smartlead_async._convert import make_converter
from smartlead_async.models import Client
from smartlead_async.testing import FakeSmartlead

from .. import samples
from ..helpers import API_KEY, sent_requests, url

CLIENTS = url("/client/")


def test_sample_decodes_strictly_with_misspelt_keys() -> None:
    client = make_converter(strict=True).structure(samples.CLIENT, Client)
    assert client.client_permission is not None
    assert client.client_permission.permission == ("reply_master_inbox",)
    assert client.client_permission.restricted_category == ()


async def test_list(client: SmartleadClient, mock_api: aioresponses) -> None:
    mock_api.get(CLIENTS, payload=[samples.CLIENT])
    assert [c.name for c in await client.clients.list()] == ["Acme"]
    assert sent_requests(mock_api) == [("GET", "/api/v1/client/", {"api_key": API_KEY}, None)]


async def test_list_on_the_fake(fake: FakeSmartlead, fake_client: SmartleadClient) -> None:
    fake.state.add_client("Acme", "ops@acme.example")
    (acme,) = await fake_client.clients.list()
    assert acme.email == "ops@acme.example"
    assert acme.client_permission is not None
