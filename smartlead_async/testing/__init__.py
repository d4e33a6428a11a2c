"""Testing tools: a fake SmartLead server you can run in-process, in pytest, or standalone.

* :class:`FakeSmartlead` — the server (``async with FakeSmartlead() as fake``);
* :class:`Faults` / :class:`FaultKind` — seeded fault injection;
* :func:`build_payload` / :func:`sign` — webhook bodies and signatures as SmartLead sends them;
* :class:`RedisServer` — a throwaway ``redis-server`` (for the shared gate and dedupe store);
* the pytest plugin (``smartlead_fake``, ``smartlead_client`` fixtures), loaded automatically;
* ``python -m smartlead_async.testing --port 8080`` — the standalone server.
"""

from smartlead_async.testing._faults import TRANSIENT_FAULTS, FaultKind, Faults
from smartlead_async.testing._server import DEFAULT_TEST_API_KEY, FakeSmartlead
from smartlead_async.testing._state import (
    FakeCampaign,
    FakeLead,
    FakeState,
    LoggedRequest,
    WebhookDelivery,
)
from smartlead_async.testing._webhooks import EVENT_TYPES, build_payload, sign
from smartlead_async.testing.redis_server import RedisServer

__all__ = [
    "DEFAULT_TEST_API_KEY",
    "EVENT_TYPES",
    "TRANSIENT_FAULTS",
    "FakeCampaign",
    "FakeLead",
    "FakeSmartlead",
    "FakeState",
    "FaultKind",
    "Faults",
    "LoggedRequest",
    "RedisServer",
    "WebhookDelivery",
    "build_payload",
    "sign",
]
