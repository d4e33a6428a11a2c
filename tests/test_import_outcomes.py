"""Honest import outcomes: what is final, what is open, and nothing sent left unaccounted.

Each test is the attack that broke a guarantee before: rows not sent after a credit stop that
``rows_to_retry()`` left out, 5xx batches reported as failed although they may be stored, a dead
host ground through batch by batch, one huge row sinking its batch, NaN sent as JSON, a ``str``
imported character by character, and a consumer leaving the stream early with sent rows never
accounted.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from smartlead_async import RequestValidationError, SmartleadClient
from smartlead_async.bulk import ImportReport, RowOutcome
from smartlead_async.testing import FakeSmartlead, FaultKind, Faults
from smartlead_async.testing.routes import Call, Reply, leads

from .helpers import API_KEY, free_port, lead_list
from .test_bulk_import import ADD_LEADS, FAST, assert_every_row_once, client_of


def open_rows(report: ImportReport) -> set[int]:
    return {result.row for result in report.rows_to_retry()}


async def test_every_row_not_sent_after_a_credit_stop_is_open_and_returned_for_retry() -> None:
    # Before: rows_to_retry() returned FAILED rows only, so the 850 rows never sent were lost.
    async with FakeSmartlead(api_keys=(API_KEY,), lead_credits=150) as fake:
        campaign = fake.state.add_campaign("credits")
        rows = [{"email": f"c{i}@x.io"} for i in range(1_000)]
        async with client_of(fake) as sl:
            stream = sl.leads.bulk_import_stream(campaign.id, leads=rows, concurrency=1)
            finals = [email async for batch in stream for email in batch.final_emails]
        report = stream.report
        stored = set(campaign.leads)
    assert report.counts[RowOutcome.NOT_SENT] == 850
    # Batch 2 stored 50 of its rows without saying which: all of it stays open.
    assert report.open_count == 900
    assert open_rows(report) == set(range(100, 1_000))
    # Only rows SmartLead holds are called final: batch 1, not batch 2's unnamed 50.
    assert set(finals) < stored
    assert len(finals) == 100
    assert not report.is_complete


async def test_a_credit_stop_inside_a_batch_is_open_for_the_whole_batch() -> None:
    # The batch where credits run out counts {uploaded: 50, not_sent: 50} without naming rows:
    # all 100 are open, none is called final.
    async with FakeSmartlead(api_keys=(API_KEY,), lead_credits=50) as fake:
        campaign = fake.state.add_campaign("mid-batch")
        rows = [{"email": f"m{i}@x.io"} for i in range(100)]
        async with client_of(fake) as sl:
            stream = sl.leads.bulk_import_stream(campaign.id, leads=rows)
            [batch] = [batch async for batch in stream]
    report = stream.report
    assert batch.final_emails == ()
    assert report.counts[RowOutcome.UPLOADED] == 50
    assert report.counts[RowOutcome.NOT_SENT] == 50
    assert report.open_count == 100
    assert open_rows(report) == set(range(100))


async def test_resolve_ambiguous_reads_campaign_membership_back() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,), lead_credits=50) as fake:
        campaign = fake.state.add_campaign("resolve")
        rows = [{"email": f"r{i}@x.io"} for i in range(100)]
        async with client_of(fake) as sl:
            stream = sl.leads.bulk_import_stream(
                campaign.id,
                leads=rows,
                resolve_ambiguous=True,
            )
            [batch] = [batch async for batch in stream]
        stored = set(campaign.leads)
        reads = [r for r in fake.state.requests if r.method == "GET"]
    report = stream.report
    assert report.ambiguous == []
    assert set(batch.final_emails) == stored
    assert {r.email for r in report.rows_to_retry()} == {f"r{i}@x.io" for i in range(100)} - stored
    assert report.open_count == 50
    # One campaign page read back all 50 members: cheaper than 100 look-ups by email.
    assert report.resolution_requests == len(reads) == 1


async def test_resolve_ambiguous_lists_blocked_rows_from_one_block_list_read() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("blocked")
        fake.state.block_list.add("blocked.example")
        fake.state.enroll(campaign, "already@x.io")
        rows = [{"email": f"b{i}@x.io"} for i in range(150)]
        rows[3] = {"email": "ceo@blocked.example"}
        rows[120] = {"email": "cfo@blocked.example"}
        rows[7] = {"email": "already@x.io"}
        async with client_of(fake) as sl:
            plain = await sl.leads.bulk_import(campaign.id, leads=rows)
        async with client_of(fake) as sl:
            resolved = await sl.leads.bulk_import(
                campaign.id,
                leads=rows,
                resolve_ambiguous=True,
            )
    assert plain.rows[RowOutcome.BLOCKED] == []  # counted, never named
    assert plain.is_complete  # {uploaded, blocked, already} are all final: nothing to resend
    blocked = {r.row for r in resolved.rows[RowOutcome.BLOCKED]}
    assert blocked == {3, 120}
    # Replayed, everything else is in the campaign: already there, nothing left ambiguous.
    assert resolved.counts[RowOutcome.ALREADY_IN_CAMPAIGN] == 148
    assert resolved.ambiguous == []
    assert resolved.resolution_requests == 1  # the block list, read once for both batches


@pytest.mark.parametrize(
    ("kind", "outcome"),
    [
        (FaultKind.HTTP_500, RowOutcome.UNCONFIRMED),
        (FaultKind.HTTP_503, RowOutcome.UNCONFIRMED),
        (FaultKind.LOST_RESPONSE, RowOutcome.UNCONFIRMED),
        (FaultKind.MAINTENANCE_PAGE, RowOutcome.UNCONFIRMED),
        (FaultKind.HTTP_429, RowOutcome.FAILED),
    ],
)
async def test_a_batch_that_may_be_stored_is_unconfirmed_not_failed(
    kind: FaultKind, outcome: RowOutcome
) -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("faults")
        fake.set_route_faults(ADD_LEADS, Faults(1.0, [kind]))
        rows = [{"email": f"u{i}@x.io"} for i in range(200)]
        async with client_of(fake, max_retries=0) as sl:
            report = await sl.leads.bulk_import(campaign.id, leads=rows)
    assert report.counts[outcome] == 200
    assert report.open_count == 200
    assert open_rows(report) == set(range(200))
    assert_every_row_once(report, 200)


async def test_a_dead_host_stops_the_import_instead_of_grinding_through_it() -> None:
    # Before: 100 batches of 4 attempts each, every one refused, progress climbing to 100 %.
    attempts = 0
    client = SmartleadClient(
        API_KEY, base_url=f"http://127.0.0.1:{free_port()}/api/v1", rate_limits=FAST
    )

    async def count_and_skip(_seconds: float) -> None:
        nonlocal attempts
        attempts += 1

    client._pipeline._sleep = count_and_skip
    rows = ({"email": f"d{i}@x.io"} for i in range(10_000))
    async with client as sl:
        report = await sl.leads.bulk_import(1, leads=rows, concurrency=2)
    assert report.stop_reason is not None
    assert "could not reach SmartLead" in report.stop_reason
    assert report.batches <= 4  # the batches in flight when the third failure landed
    assert report.counts[RowOutcome.FAILED] == 100 * report.batches  # refused: never sent
    assert report.counts[RowOutcome.NOT_SENT] == 10_000 - 100 * report.batches
    assert report.open_count == 10_000
    assert_every_row_once(report, 10_000)


async def test_one_oversized_row_is_isolated_and_the_rest_of_its_batch_is_sent() -> None:
    # Before: the fake's 1 MiB body cap answered 413 and all 100 rows of the batch failed.
    rows: list[dict[str, object]] = [{"email": f"s{i}@x.io"} for i in range(100)]
    rows[42] = {"email": "huge@x.io", "custom_fields": {"notes": "x" * 2_000_000}}
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("413")
        async with client_of(fake) as sl:
            report = await sl.leads.bulk_import(campaign.id, leads=rows)
        stored = set(campaign.leads)
        statuses = [r.status for r in fake.state.requests]
    assert report.uploaded == 99
    [invalid] = report.rows[RowOutcome.INVALID]
    assert (invalid.row, invalid.email) == (42, "huge@x.io")
    assert "413" in invalid.reason
    assert "huge@x.io" not in stored
    assert len(stored) == 99
    # Halving isolates one row in ceil(log2(100)) = 7 levels, two calls a level: 15 in all.
    assert statuses.count(413) == 8
    assert len(statuses) == report.batches == 15
    assert report.is_complete


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"email": "n@x.io", "custom_fields": {"score": float("nan")}}, "finite"),
        ({"email": "n@x.io", "custom_fields": {"score": float("inf")}}, "finite"),
        ({"email": "n@x.io", "first_name": 5}, "first_name must be a string"),
        ({"email": "n@x.io", "company_name": float("nan")}, "company_name must be a string"),
        ({"email": 7}, "email must be a string"),
    ],
)
async def test_non_json_and_non_string_values_are_refused_per_row(
    row: dict[str, object], message: str
) -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("values")
        rows: list[dict[str, object]] = [{"email": "ok@x.io"}, row]
        async with client_of(fake) as sl:
            report = await sl.leads.bulk_import(campaign.id, leads=rows)
        bodies = [r.json for r in fake.state.requests]
    [invalid] = report.rows[RowOutcome.INVALID]
    assert message in invalid.reason
    assert report.uploaded == 1
    assert bodies == [{"lead_list": [{"email": "ok@x.io"}]}]


@pytest.mark.parametrize("rows", ["a@x.io", {"email": "a@x.io"}, b"a@x.io", 42])
async def test_a_string_or_mapping_passed_as_rows_is_refused_before_sending(rows: object) -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        async with client_of(fake) as sl:
            with pytest.raises(RequestValidationError, match="iterable of LeadInput"):
                await sl.leads.bulk_import(1, leads=rows)  # type: ignore[arg-type]
            with pytest.raises(RequestValidationError, match="iterable of LeadInput"):
                sl.leads.bulk_import_stream(1, leads=rows)  # type: ignore[arg-type]
        assert fake.state.requests == []


async def test_leaving_the_stream_early_accounts_every_sent_row() -> None:
    # Before: leaving the loop cancelled the batches in flight; their rows, already sent (and
    # stored), were in no bucket of the report.
    release = asyncio.Event()
    async with FakeSmartlead(
        api_keys=(API_KEY,), latency=0.05, latency_jitter=0.04, seed=3
    ) as fake:
        campaign = fake.state.add_campaign("early exit")
        rows = [{"email": f"e{i}@x.io"} for i in range(1_000)]
        async with client_of(fake) as sl:
            stream = sl.leads.bulk_import_stream(campaign.id, leads=rows, concurrency=4)
            async with stream:
                async for _batch in stream:
                    release.set()
                    break
        stored = len(campaign.leads)
        sent = sum(len(lead_list(r.json)) for r in fake.state.requests)
    report = stream.report
    assert release.is_set()
    assert sum(report.counts.values()) == report.total_rows
    assert report.uploaded == stored == sent
    assert report.counts[RowOutcome.NOT_SENT] == report.total_rows - sent


async def test_cancelling_an_import_reports_its_in_flight_rows_unconfirmed() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("cancel")
        fake.set_route_faults(ADD_LEADS, Faults(1.0, [FaultKind.HANG]))
        rows = [{"email": f"h{i}@x.io"} for i in range(1_000)]
        async with client_of(fake) as sl:
            stream = sl.leads.bulk_import_stream(campaign.id, leads=rows, concurrency=3)

            async def consume() -> None:
                async for _ in stream:
                    pass

            task = asyncio.create_task(consume())
            while fake.state.hanging < 3 and not task.done():  # noqa: ASYNC110 - a counter, no event
                await asyncio.sleep(0.01)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
    report = stream.report
    assert report.counts[RowOutcome.UNCONFIRMED] == 300
    assert all("cancelled" in r.reason for r in report.rows[RowOutcome.UNCONFIRMED])
    assert sum(report.counts.values()) == report.total_rows
    assert report.open_count == report.total_rows


class RefusingFake(FakeSmartlead):
    """add-leads answers 200 ``{"ok": false, "error": ...}``: refused, nothing stored."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.set_handler(ADD_LEADS, lambda call: {"ok": False, "error": "Campaign is archived"})


async def test_a_2xx_saying_ok_false_fails_the_batch_with_the_servers_message() -> None:
    async with RefusingFake(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("refused")
        rows = [{"email": f"o{i}@x.io"} for i in range(150)]
        async with client_of(fake) as sl:
            report = await sl.leads.bulk_import(campaign.id, leads=rows)
    assert report.counts[RowOutcome.FAILED] == 150
    assert all("Campaign is archived" in r.reason for r in report.rows[RowOutcome.FAILED])
    assert report.open_count == 150


BLOCK_LIST = "GET /leads/get-domain-block-list"


@pytest.mark.parametrize("kind", [FaultKind.HTTP_500, FaultKind.MAINTENANCE_PAGE])
async def test_a_failed_read_back_leaves_the_batch_accounted_as_answered(kind: FaultKind) -> None:
    # Before: the read-back's error escaped the import; the 99 stored rows were in no bucket.
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("read-back fails")
        fake.state.block_list.add("blocked.example")
        fake.set_route_faults(BLOCK_LIST, Faults(1.0, [kind]))
        rows = [{"email": f"f{i}@x.io"} for i in range(99)] + [{"email": "a@blocked.example"}]
        async with client_of(fake, max_retries=0) as sl:
            report = await sl.leads.bulk_import(
                campaign.id,
                leads=rows,
                resolve_ambiguous=True,
            )
    assert_every_row_once(report, 100)
    [group] = report.ambiguous  # the answer's exact counts stand, unresolved
    assert group.counts == {RowOutcome.UPLOADED: 99, RowOutcome.BLOCKED: 1}
    assert report.is_complete  # all of it is final, whichever row is which


async def test_cancelling_during_a_read_back_keeps_the_answered_batch() -> None:
    # Before: the group was taken out before the read-back and lost when it was cancelled.
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        campaign = fake.state.add_campaign("cancel read-back")
        fake.state.lead_credits = 50
        fake.set_route_faults(BLOCK_LIST, Faults(1.0, [FaultKind.HANG]))
        fake.set_route_faults("GET /campaigns/{campaign_id}/leads", Faults(1.0, [FaultKind.HANG]))
        rows = [{"email": f"c{i}@x.io"} for i in range(100)]
        async with client_of(fake) as sl:
            stream = sl.leads.bulk_import_stream(
                campaign.id,
                leads=rows,
                resolve_ambiguous=True,
            )

            async def consume() -> None:
                async for _ in stream:
                    pass

            task = asyncio.create_task(consume())
            while fake.state.hanging < 1 and not task.done():  # noqa: ASYNC110 - a counter
                await asyncio.sleep(0.01)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
    report = stream.report
    assert_every_row_once(report, 100)
    [group] = report.ambiguous
    assert group.counts == {RowOutcome.UPLOADED: 50, RowOutcome.NOT_SENT: 50}
    assert report.open_count == 100
    assert not report.is_complete


class LostThenRefusedFake(FakeSmartlead):
    """add-leads commits its first call and loses the answer, then refuses every retry (429)."""

    def __init__(self) -> None:
        lost = {ADD_LEADS: Faults(1.0, [FaultKind.LOST_RESPONSE])}
        super().__init__(api_keys=(API_KEY,), send_retry_after=False, route_faults=lost)
        self.set_handler(ADD_LEADS, self._commit_then_refuse)

    def _commit_then_refuse(self, call: Call) -> Reply:
        self.set_route_faults(ADD_LEADS, Faults(1.0, [FaultKind.HTTP_429]))
        return leads.add_to_campaign(call)


async def test_a_batch_refused_after_an_attempt_that_may_have_landed_is_unconfirmed() -> None:
    # Before: only the last attempt counted, so 100 stored rows were reported "failed".
    async with LostThenRefusedFake() as fake:
        campaign = fake.state.add_campaign("lost then refused")
        rows = [{"email": f"l{i}@x.io"} for i in range(100)]
        async with client_of(fake, max_retries=1) as sl:
            report = await sl.leads.bulk_import(campaign.id, leads=rows)
        stored = len(campaign.leads)
    assert stored == 100
    assert report.counts[RowOutcome.FAILED] == 0
    assert report.counts[RowOutcome.UNCONFIRMED] == 100
