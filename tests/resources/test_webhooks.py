"""client.webhooks: listing a campaign's webhooks."""

from __future__ import annotations

import pytest
from aioresponses import aioresponses

from smartlead_async import NotFoundError, SmartleadClient
from smartlead_async._convert import make_converter
from smartlead_async.models import Webhook
from smartlead_async.testing import FakeSmartlead

from .. import samples
from ..helpers import API_KEY, sent_requests, url

WEBHOOKS = url("/campaigns/2180/webhooks")


def test_sample_decodes_strictly() -> None:
    webhook = make_converter(strict=True).structure(samples.WEBHOOK, Webhook)
    assert webhook.event_types == ("LEAD_CATEGORY_UPDATED",)
    assert webhook.categories == ("Interested",)


@pytest.mark.parametrize(
    ("payload", "ids"), [([samples.WEBHOOK], [44]), (samples.WEBHOOK, [44]), ([], [])]
)
async def test_list_accepts_array_or_single_object(
    client: SmartleadClient, mock_api: aioresponses, payload: object, ids: list[int]
) -> None:
    mock_api.get(WEBHOOKS, payload=payload)
    assert [w.id for w in await client.webhooks.list(2180)] == ids
    assert sent_requests(mock_api) == [
        ("GET", "/api/v1/campaigns/2180/webhooks", {"api_key": API_KEY}, None)
    ]


async def test_list_on_the_fake(fake: FakeSmartlead, fake_client: SmartleadClient) -> None:
    campaign = fake.state.add_campaign("hooks")
    fake.state.add_webhook(campaign.id, "replies", "https://x.example/h", ["EMAIL_REPLY"])
    (webhook,) = await fake_client.webhooks.list(campaign.id)
    assert (webhook.name, webhook.event_types) == ("replies", ("EMAIL_REPLY",))
    with pytest.raises(NotFoundError):
        await fake_client.webhooks.list(campaign.id + 999)
