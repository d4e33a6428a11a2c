"""Property: whatever the input mix, fault kinds and batch size, every row is accounted once.

Each example runs a real import against the fake server with seeded faults and, sometimes, too
few lead credits (the import then stops and counts the rest as not sent). Rows are drawn from a
small pool, so duplicates, block-listed domains, leads already in the campaign and invalid rows
occur together in the same batches.
"""

from __future__ import annotations

import asyncio
import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartlead_async.bulk import RowOutcome
from smartlead_async.testing import FakeSmartlead, FaultKind, Faults

from .helpers import API_KEY
from .test_bulk_import import ADD_LEADS, assert_every_row_once, client_of

EMAILS = st.one_of(
    st.integers(0, 60).map(lambda i: f"lead{i}@x.io"),
    st.integers(0, 60).map(lambda i: f"LEAD{i}@X.IO"),  # same leads, other case
    st.integers(0, 5).map(lambda i: f"ceo{i}@blocked.example"),
    st.sampled_from(["already@x.io", "not-an-email", "a@b", ""]),
)
RECOVERABLE = [FaultKind.HTTP_500, FaultKind.HTTP_503, FaultKind.DROP, FaultKind.LOST_RESPONSE]


@dataclasses.dataclass(frozen=True)
class Scenario:
    emails: list[str]
    batch_size: int
    fault_rate: float
    kinds: list[FaultKind]
    seed: int
    credits: int | None


SCENARIOS = st.builds(
    Scenario,
    emails=st.lists(EMAILS, max_size=250),
    batch_size=st.integers(1, 100),
    fault_rate=st.sampled_from([0.0, 0.1, 0.3]),
    kinds=st.lists(st.sampled_from(RECOVERABLE), min_size=1, unique=True),
    seed=st.integers(0, 2**16),
    credits=st.one_of(st.none(), st.integers(0, 150)),
)


async def run_import(scenario: Scenario) -> None:
    emails, batch_size, credits = scenario.emails, scenario.batch_size, scenario.credits
    faults = {ADD_LEADS: Faults(scenario.fault_rate, scenario.kinds)}
    seed = scenario.seed
    async with FakeSmartlead(api_keys=(API_KEY,), seed=seed, route_faults=faults) as fake:
        campaign = fake.state.add_campaign("property")
        fake.state.block_list.add("blocked.example")
        fake.state.enroll(campaign, "already@x.io")
        fake.state.lead_credits = credits
        before = set(campaign.leads)
        rows = [{"email": email} for email in emails]
        async with client_of(fake, max_retries=30) as sl:
            report = await sl.leads.bulk_import(campaign.id, rows, batch_size=batch_size)  # type: ignore[arg-type]
        added = set(campaign.leads) - before
    assert_every_row_once(report, len(emails))
    counts = report.counts
    assert counts[RowOutcome.FAILED] == 0  # 30 retries outlast a 30 % fault rate here
    # What the fake stored is exactly what the report says landed: nothing lost or invented.
    preexisting = int("already@x.io" in {e.strip().lower() for e in emails})
    landed = counts[RowOutcome.UPLOADED] + counts[RowOutcome.ALREADY_IN_CAMPAIGN]
    assert len(added) == landed - preexisting


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SCENARIOS)
def test_every_row_accounted_once_under_faults(scenario: Scenario) -> None:
    asyncio.run(run_import(scenario))
