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

from smartlead_async import RequestValidationError
from smartlead_async._validation import normalize_email
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
            report = await sl.leads.bulk_import(campaign.id, leads=rows, batch_size=batch_size)
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


OPEN_FAULTS = [
    FaultKind.HTTP_500,
    FaultKind.MAINTENANCE_PAGE,
    FaultKind.DROP,
    FaultKind.LOST_RESPONSE,
]


@dataclasses.dataclass(frozen=True)
class RetryScenario:
    emails: list[str]
    fault_rate: float
    kinds: list[FaultKind]
    seed: int
    credits: list[int]
    resolve: bool
    batch_size: int
    concurrency: int


RETRY_SCENARIOS = st.builds(
    RetryScenario,
    emails=st.lists(EMAILS, min_size=40, max_size=300),
    fault_rate=st.sampled_from([0.0, 0.3, 0.6]),
    kinds=st.lists(st.sampled_from(OPEN_FAULTS), min_size=1, unique=True),
    seed=st.integers(0, 2**16),
    credits=st.lists(st.integers(0, 40), min_size=1, max_size=4),
    resolve=st.booleans(),
    batch_size=st.integers(5, 100),
    concurrency=st.integers(1, 4),
)


async def import_until_complete(scenario: RetryScenario) -> None:
    faults = {ADD_LEADS: Faults(scenario.fault_rate, scenario.kinds)}
    async with FakeSmartlead(api_keys=(API_KEY,), seed=scenario.seed, route_faults=faults) as fake:
        campaign = fake.state.add_campaign("until complete")
        fake.state.block_list.add("blocked.example")
        fake.state.enroll(campaign, "already@x.io")
        rows = [{"email": email} for email in scenario.emails]
        uploaded = 0
        pending = list(range(len(rows)))
        for round_number in range(12):
            # Credits run out and come back; faults stop for good after a few rounds.
            credits = scenario.credits[round_number % len(scenario.credits)]
            fake.state.lead_credits = credits if round_number < 6 else None
            if round_number == 6:
                fake.route_faults.clear()
            async with client_of(fake, max_retries=1) as sl:
                report = await sl.leads.bulk_import(
                    campaign.id,
                    leads=[rows[i] for i in pending],
                    resolve_ambiguous=scenario.resolve,
                    batch_size=scenario.batch_size,
                    concurrency=scenario.concurrency,
                )
            assert_every_row_once(report, len(pending))
            retry = {result.row for result in report.rows_to_retry()}
            assert len(retry) == report.open_count
            uploaded += report.uploaded
            pending = [pending[i] for i in sorted(retry)]
            if report.is_complete:
                break
        assert pending == []
        stored = set(campaign.leads)
    valid = set()
    for email in scenario.emails:
        try:
            valid.add(normalize_email(email).lower())
        except RequestValidationError:
            continue
    allowed = valid - {e for e in valid if e.endswith("@blocked.example")}
    # Every valid row ends stored, none skipped. The fake keys leads by email, so a lead cannot
    # be stored twice; what can go wrong is counting one as uploaded twice, or none at all.
    assert stored == allowed | {"already@x.io"}
    assert uploaded <= len(stored - {"already@x.io"})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RETRY_SCENARIOS)
def test_retrying_open_rows_until_complete_stores_every_valid_row_once(
    scenario: RetryScenario,
) -> None:
    asyncio.run(import_until_complete(scenario))
