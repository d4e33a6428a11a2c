"""The pytest plugin: light until a fixture is used, and configured per test by its marker."""

from __future__ import annotations

import subprocess
import sys

import pytest

from smartlead_async import SmartleadClient
from smartlead_async.models import LeadInput
from smartlead_async.testing import FakeSmartlead


def test_importing_the_plugin_loads_none_of_the_fake() -> None:
    probe = (
        "import sys; import smartlead_async.testing.pytest_plugin; "
        "print(sorted(m for m in sys.modules if m.startswith('smartlead_async.testing')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == (
        "['smartlead_async.testing', 'smartlead_async.testing.pytest_plugin']"
    )


@pytest.mark.smartlead_fake(lead_credits=1)
async def test_the_marker_configures_the_fake(
    smartlead_fake: FakeSmartlead, smartlead_client: SmartleadClient
) -> None:
    campaign = await smartlead_client.campaigns.create(name="one credit")
    leads = [LeadInput(email="a@x.io"), LeadInput(email="b@x.io")]
    result = await smartlead_client.leads.add_to_campaign(campaign.id, leads=leads)
    assert (result.upload_count, result.is_lead_limit_exhausted) == (1, True)
    assert smartlead_fake.state.lead_credits == 0


@pytest.mark.smartlead_fake(api_keys=("class-key",), lead_credits=5)
class TestMarkersCombine:
    @pytest.mark.smartlead_fake(lead_credits=2)
    async def test_the_closest_marker_wins_per_option(self, smartlead_fake: FakeSmartlead) -> None:
        assert (smartlead_fake.api_key, smartlead_fake.state.lead_credits) == ("class-key", 2)


async def test_without_a_marker_the_fake_has_its_defaults(smartlead_fake: FakeSmartlead) -> None:
    assert (smartlead_fake.api_key, smartlead_fake.state.lead_credits) == ("test-api-key", None)


async def test_the_client_fixture_reaches_every_host_on_the_fake(
    smartlead_fake: FakeSmartlead, smartlead_client: SmartleadClient
) -> None:
    vendors = [v.name async for v in smartlead_client.smart_senders.vendors()]
    countries = [c.id async for c in smartlead_client.prospect.lookups.countries(limit=2)]
    assert (vendors, countries) == (["Fake Mailbox Vendor"], [1, 2, 3, 4, 5])  # pages of two
    assert {r.host for r in smartlead_fake.state.requests} == {"smart_senders", "prospect"}
