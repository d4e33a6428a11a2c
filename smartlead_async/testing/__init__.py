"""Testing tools: a fake SmartLead server you can run in-process, in pytest, or standalone.

* :class:`FakeSmartlead` — the server (``async with FakeSmartlead() as fake``), with typed
  seeding (``fake.seed``) and typed state (``fake.state``);
* :class:`Faults` / :class:`FaultKind` — seeded fault injection;
* :func:`build_payload` / :func:`sign` — webhook bodies and signatures as SmartLead sends them;
* :class:`RedisServer` — a throwaway ``redis-server`` (for the shared gate and dedupe store);
* the pytest plugin (``smartlead_fake``, ``smartlead_client`` fixtures and the
  ``smartlead_fake`` marker), loaded automatically;
* ``python -m smartlead_async.testing --port 8080`` — the standalone server.

Names are imported on first use, so importing this package (as the pytest plugin does) costs
nothing until a fixture or a name is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smartlead_async.testing._faults import TRANSIENT_FAULTS, FaultKind, Faults
    from smartlead_async.testing._seed import Seeder
    from smartlead_async.testing._server import DEFAULT_TEST_API_KEY, FakeSmartlead
    from smartlead_async.testing._webhooks import (
        ACCOUNT_EVENT_TYPES,
        CAMPAIGN_EVENT_TYPES,
        EVENT_TYPES,
        LEAD_EVENT_TYPES,
        build_payload,
        sign,
    )
    from smartlead_async.testing._windows import RateWindow
    from smartlead_async.testing.backend import (
        FakeCampaign,
        FakeCampaignLead,
        FakeClient,
        FakeClientApiKey,
        FakeConversation,
        FakeEmailAccount,
        FakeGlobalWebhook,
        FakeLead,
        FakeLeadList,
        FakeSchedule,
        FakeSentEmail,
        FakeSequenceStep,
        FakeState,
        FakeTag,
        FakeWebhook,
        LoggedRequest,
        WebhookDelivery,
    )
    from smartlead_async.testing.redis_server import RedisServer

_BACKEND = "smartlead_async.testing.backend"
_WHERE = {
    "DEFAULT_TEST_API_KEY": "smartlead_async.testing._server",
    "FakeSmartlead": "smartlead_async.testing._server",
    "TRANSIENT_FAULTS": "smartlead_async.testing._faults",
    "FaultKind": "smartlead_async.testing._faults",
    "Faults": "smartlead_async.testing._faults",
    "Seeder": "smartlead_async.testing._seed",
    **dict.fromkeys(
        ("ACCOUNT_EVENT_TYPES", "CAMPAIGN_EVENT_TYPES", "EVENT_TYPES", "LEAD_EVENT_TYPES"),
        "smartlead_async.testing._webhooks",
    ),
    "build_payload": "smartlead_async.testing._webhooks",
    "sign": "smartlead_async.testing._webhooks",
    "RateWindow": "smartlead_async.testing._windows",
    "RedisServer": "smartlead_async.testing.redis_server",
    **dict.fromkeys(
        (
            "FakeCampaign",
            "FakeCampaignLead",
            "FakeClient",
            "FakeClientApiKey",
            "FakeConversation",
            "FakeEmailAccount",
            "FakeGlobalWebhook",
            "FakeLead",
            "FakeLeadList",
            "FakeSchedule",
            "FakeSentEmail",
            "FakeSequenceStep",
            "FakeState",
            "FakeTag",
            "FakeWebhook",
            "LoggedRequest",
            "WebhookDelivery",
        ),
        _BACKEND,
    ),
}

__all__ = [
    "ACCOUNT_EVENT_TYPES",
    "CAMPAIGN_EVENT_TYPES",
    "DEFAULT_TEST_API_KEY",
    "EVENT_TYPES",
    "LEAD_EVENT_TYPES",
    "TRANSIENT_FAULTS",
    "FakeCampaign",
    "FakeCampaignLead",
    "FakeClient",
    "FakeClientApiKey",
    "FakeConversation",
    "FakeEmailAccount",
    "FakeGlobalWebhook",
    "FakeLead",
    "FakeLeadList",
    "FakeSchedule",
    "FakeSentEmail",
    "FakeSequenceStep",
    "FakeSmartlead",
    "FakeState",
    "FakeTag",
    "FakeWebhook",
    "FaultKind",
    "Faults",
    "LoggedRequest",
    "RateWindow",
    "RedisServer",
    "Seeder",
    "WebhookDelivery",
    "build_payload",
    "sign",
]


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
