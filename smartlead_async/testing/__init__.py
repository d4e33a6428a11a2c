"""Testing tools: a fake SmartLead server you can run in-process, in pytest, or standalone."""

from smartlead_async.testing._server import DEFAULT_TEST_API_KEY, FakeSmartlead
from smartlead_async.testing._state import FakeCampaign, FakeLead, FakeState, LoggedRequest

__all__ = [
    "DEFAULT_TEST_API_KEY",
    "FakeCampaign",
    "FakeLead",
    "FakeSmartlead",
    "FakeState",
    "LoggedRequest",
]
