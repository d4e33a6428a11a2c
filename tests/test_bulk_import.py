"""bulk_import: every row accounted once, lazy input, faults, limits, ambiguous counters."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Unpack

import pytest

from smartlead_async import RateLimit, RequestValidationError, SmartleadClient
from smartlead_async._attribution import SentRow, attribute
from smartlead_async.bulk import ImportReport, RowOutcome
from smartlead_async.models import AddLeadsResult, LeadInput, LeadRow
from smartlead_async.testing import FakeSmartlead, FaultKind, Faults

from .helpers import API_KEY, ClientSettings, lead_list

FAST = [RateLimit(10_000, 1.0)]
ADD_LEADS = "POST /campaigns/{campaign_id}/leads"


def client_of(fake: FakeSmartlead, **options: Unpack[ClientSettings]) -> SmartleadClient:
    settings: ClientSettings = {"rate_limits": FAST, "max_retries": 5, **options}
    client = SmartleadClient(API_KEY, base_url=fake.base_url, **settings)

    async def no_wait(_seconds: float) -> None:
        return None

    client._pipeline._sleep = no_wait  # retries without real waiting
    return client


def assert_every_row_once(report: ImportReport, total: int) -> None:
    counts = report.counts
    assert sum(counts.values()) == total
    assert report.total_rows == total
    listed = [r.row for rows in report.rows.values() for r in rows]
    listed += [r.row for batch in report.ambiguous for r in batch.rows]
    assert len(listed) == len(set(listed))


async def test_every_outcome_is_counted_exactly() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("import")
        fake.state.block_list.add("blocked.example")
        fake.state.enroll(campaign, "already@x.io")
        other = fake.state.add_campaign("other")
        fake.state.enroll(other, "gone@x.io")
        fake.state.leads["gone@x.io"].is_unsubscribed = True
        rows: list[LeadRow] = [{"email": f"lead{i}@x.io"} for i in range(250)]
        rows += [
            {"email": "LEAD1@X.io"},  # duplicate of row 1
            {"email": "not-an-email"},
            {"first_name": "no email"},
            {"email": "ceo@blocked.example"},
            {"email": "already@x.io"},
            {"email": "gone@x.io"},
            {"email": "ok@x.io", "custom_fields": {f"f{i}": i for i in range(21)}},
        ]
        async with client_of(fake) as sl:
            report = await sl.leads.bulk_import(campaign.id, leads=rows, batch_size=100)
    counts = report.counts
    assert counts[RowOutcome.UPLOADED] == 250
    assert counts[RowOutcome.DUPLICATE_IN_INPUT] == 1
    assert counts[RowOutcome.INVALID] == 3
    assert_every_row_once(report, len(rows))
    # The last batch mixed blocked, already-added and unsubscribed rows: the unsubscribed one is
    # named by the API; blocked and already-added are counted exactly but not attributed.
    assert [r.email for r in report.rows[RowOutcome.UNSUBSCRIBED]] == ["gone@x.io"]
    assert counts[RowOutcome.BLOCKED] == 1
    assert counts[RowOutcome.ALREADY_IN_CAMPAIGN] == 1
    assert [r.row for r in report.rows[RowOutcome.DUPLICATE_IN_INPUT]] == [250]
    assert "21 custom fields" in report.rows[RowOutcome.INVALID][-1].reason
    assert report.batches == 3
    assert len(campaign.leads) == 251  # the 250 uploaded and the one already there
    assert "ceo@blocked.example" not in campaign.leads


async def test_input_is_streamed_with_bounded_read_ahead() -> None:
    read = 0
    done: list[int] = []

    def rows() -> Iterator[LeadInput]:
        nonlocal read
        for i in range(20_000):
            read += 1
            # Never more than the batches in flight (plus one being filled) ahead of the results.
            assert read - (done[-1] if done else 0) <= 100 * (4 + 1)
            yield LeadInput(email=f"row{i}@stream.example")

    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("stream")
        async with client_of(fake) as sl:
            report = await sl.leads.bulk_import(
                campaign.id, leads=rows(), concurrency=4, on_progress=lambda n, t, r: done.append(n)
            )
    assert report.uploaded == 20_000
    assert report.batches == 200
    assert len(done) == 200
    assert done[-1] == 20_000


async def test_async_iterables_and_the_stream_variant() -> None:
    async def rows() -> AsyncIterator[dict[str, str]]:
        for i in range(230):
            yield {"email": f"a{i}@async.example"}

    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("async")
        async with client_of(fake) as sl:
            stream = sl.leads.bulk_import_stream(campaign.id, leads=rows(), batch_size=50)
            sizes = [len(batch.rows) async for batch in stream]
    assert sorted(sizes) == [30, 50, 50, 50, 50]
    assert stream.report.uploaded == 230


async def test_faults_lose_and_duplicate_nothing() -> None:
    kinds = [FaultKind.LOST_RESPONSE, FaultKind.HTTP_500, FaultKind.DROP, FaultKind.HTTP_503]
    faults = {ADD_LEADS: Faults(0.3, kinds)}
    async with FakeSmartlead(api_keys=(API_KEY,), seed=11, route_faults=faults) as fake:
        campaign = fake.state.add_campaign("faults")
        rows = [{"email": f"f{i}@faults.example"} for i in range(3_000)]
        async with client_of(fake, max_retries=10) as sl:
            report = await sl.leads.bulk_import(campaign.id, leads=rows)
    faulty = sum(1 for r in fake.state.requests if r.fault)
    assert faulty > 0
    assert report.retries == faulty  # every fault was retried, and counted once
    assert_every_row_once(report, 3_000)
    assert report.counts[RowOutcome.FAILED] == 0
    assert report.uploaded + report.counts[RowOutcome.ALREADY_IN_CAMPAIGN] == 3_000
    assert len(campaign.leads) == 3_000


async def test_lost_answers_are_replayed_as_already_in_campaign() -> None:
    faults = {ADD_LEADS: Faults(0.5, [FaultKind.LOST_RESPONSE])}
    async with FakeSmartlead(api_keys=(API_KEY,), seed=5, route_faults=faults) as fake:
        campaign = fake.state.add_campaign("lost")
        rows = [{"email": f"l{i}@lost.example"} for i in range(1_000)]
        async with client_of(fake, max_retries=20) as sl:
            report = await sl.leads.bulk_import(campaign.id, leads=rows)
    first_attempt: dict[str, str | None] = {}
    for request in fake.state.requests:
        batch = str(lead_list(request.json)[0]["email"])
        first_attempt.setdefault(batch, request.fault)
    lost = sum(fault == "lost_response" for fault in first_attempt.values())
    assert lost > 0
    # A batch whose first answer was lost was committed; its replays report the rows as
    # already in the campaign (however many answers were lost after that).
    assert report.counts[RowOutcome.ALREADY_IN_CAMPAIGN] == 100 * lost
    assert report.uploaded == 1_000 - 100 * lost
    assert len(campaign.leads) == 1_000


async def test_a_failed_batch_is_isolated_and_resubmittable() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("isolated")
        rows = [{"email": f"r{i}@x.io"} for i in range(300)]
        fake.set_route_faults(ADD_LEADS, Faults(1.0, [FaultKind.HTTP_500]))
        async with client_of(fake, max_retries=0) as sl:
            report = await sl.leads.bulk_import(campaign.id, leads=rows)
            # A 500 may have been applied: open and unconfirmed, never "failed".
            assert report.counts[RowOutcome.UNCONFIRMED] == 300
            assert report.open_count == 300
            assert not report.is_complete
            assert report.failed_batches == 3
            fake.route_faults.clear()
            retry = [{"email": r.email} for r in report.rows_to_retry()]
            second = await sl.leads.bulk_import(campaign.id, leads=retry)
    assert second.uploaded == 300
    assert "500" in report.rows_to_retry()[0].reason


async def test_lead_credit_exhaustion_stops_cleanly() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,), lead_credits=150) as fake:
        campaign = fake.state.add_campaign("credits")
        rows = [{"email": f"c{i}@x.io"} for i in range(1_000)]
        async with client_of(fake) as sl:
            report = await sl.leads.bulk_import(campaign.id, leads=rows, concurrency=1)
    assert report.uploaded == 150
    assert report.counts[RowOutcome.NOT_SENT] == 850
    assert report.batches == 2
    assert report.stopped_at_row is not None
    assert_every_row_once(report, 1_000)


async def test_arguments_are_checked_before_anything_is_sent() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        async with client_of(fake) as sl:
            for batch_size, concurrency in ((401, 1), (0, 1), (100, 0)):
                with pytest.raises(RequestValidationError):
                    await sl.leads.bulk_import(
                        1, leads=[], batch_size=batch_size, concurrency=concurrency
                    )
        assert fake.state.requests == []


def rows_of(*emails: str) -> list[SentRow]:
    return [SentRow(i, email, {"email": email}) for i, email in enumerate(emails)]


def test_attribution_is_per_row_when_one_bucket_remains() -> None:
    batch = rows_of("a@x.io", "b@x.io", "bad@", "u@x.io")
    response = AddLeadsResult(
        upload_count=0,
        total_leads=4,
        already_added_to_campaign=2,
        invalid_emails=("bad@",),
        unsubscribed_leads=["u@x.io"],
    )
    found = attribute(batch, response)
    assert found.ambiguous == []
    assert {(r.email, r.outcome) for r in found.named} == {
        ("bad@", RowOutcome.INVALID),
        ("u@x.io", RowOutcome.UNSUBSCRIBED),
        ("a@x.io", RowOutcome.ALREADY_IN_CAMPAIGN),
        ("b@x.io", RowOutcome.ALREADY_IN_CAMPAIGN),
    }
    assert found.uploaded_rows == []


def test_attribution_keeps_mixed_counts_exact_but_unassigned() -> None:
    batch = rows_of("a@x.io", "b@x.io", "c@x.io")
    response = AddLeadsResult(upload_count=2, total_leads=3, block_count=1)
    found = attribute(batch, response)
    assert found.named == []
    [ambiguous] = found.ambiguous
    assert ambiguous.counts == {RowOutcome.UPLOADED: 2, RowOutcome.BLOCKED: 1}
    assert not ambiguous.is_open  # every row is final, whichever it is
    assert [r.email for r in ambiguous.rows] == ["a@x.io", "b@x.io", "c@x.io"]
    assert found.uploaded_rows == []


def test_silent_zero_answers_are_unconfirmed() -> None:
    found = attribute(rows_of("a@x.io", "b@x.io"), AddLeadsResult(upload_count=0, total_leads=0))
    assert found.ambiguous == []
    assert {r.outcome for r in found.named} == {RowOutcome.UNCONFIRMED}
    assert len(found.named) == 2


async def test_without_input_dedupe_smartlead_reports_the_repeats() -> None:
    rows = [{"email": f"d{i % 150}@x.io"} for i in range(300)]  # each email twice, 150 apart
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("no-dedupe")
        async with client_of(fake) as sl:
            report = await sl.leads.bulk_import(
                campaign.id,
                leads=rows,
                concurrency=1,
                dedupe_input=False,
            )
        sent = sum(len(lead_list(r.json)) for r in fake.state.requests)
    assert sent == 300  # nothing dropped client-side
    assert_every_row_once(report, 300)
    assert report.uploaded == 150
    assert report.counts[RowOutcome.DUPLICATE_IN_INPUT] == 0
    assert report.counts[RowOutcome.ALREADY_IN_CAMPAIGN] == 150
    assert len(campaign.leads) == 150


async def test_a_rejected_key_stops_the_import_instead_of_failing_every_batch() -> None:
    rows = ({"email": f"k{i}@x.io"} for i in range(5_000))
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("bad key")
        client = SmartleadClient("sl-not-the-right-key", base_url=fake.base_url, rate_limits=FAST)
        async with client as sl:
            report = await sl.leads.bulk_import(campaign.id, leads=rows, concurrency=4)
        sent = len(fake.state.requests)
    assert sent <= 5  # the batches already in flight, not fifty
    assert_every_row_once(report, 5_000)
    assert report.counts[RowOutcome.FAILED] == 100 * sent
    assert report.counts[RowOutcome.NOT_SENT] == 5_000 - 100 * sent
    assert report.stop_reason is not None
    assert report.stop_reason.startswith("import stopped: 401")
    assert "sl-not-the-right-key" not in report.stop_reason
