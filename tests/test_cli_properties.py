"""Property: ``import; (edit); --resume`` until exit 0 stores every valid row once, skips none.

Each example runs the real command in-process against the fake, over several rounds. Between
rounds the CSV is edited the way a user fixes an import (the invalid rows the rejected-rows CSV
lists are deleted, the rows are reordered, new rows are appended); during rounds, add-leads
faults (5xx, HTML maintenance pages, dropped connections, lost answers) hit a share of the
requests, lead credits run out and come back, and some rounds are interrupted with SIGINT.
After a few rounds the faults, credit limits and interruptions stop, so the loop must end.
"""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import os
import random
import signal
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartlead_async import RequestValidationError
from smartlead_async._validation import normalize_email
from smartlead_async.testing import FakeSmartlead, FaultKind, Faults

from .helpers import API_KEY, json_int
from .test_cli_unix import ADD_LEADS, cli, journaled, rejected, sent_emails

POOL = st.one_of(
    st.integers(0, 400).map(lambda i: f"lead{i}@x.io"),
    st.integers(0, 400).map(lambda i: f"LEAD{i}@X.IO"),
    st.integers(0, 3).map(lambda i: f"ceo{i}@blocked.example"),
    st.sampled_from(["not-an-email", "a@b", ""]),
)
FAULTS = [FaultKind.HTTP_500, FaultKind.MAINTENANCE_PAGE, FaultKind.DROP, FaultKind.LOST_RESPONSE]
CALM_FROM = 4  # the round from which nothing goes wrong any more


@dataclasses.dataclass(frozen=True)
class Scenario:
    emails: list[str]
    appended: list[str]
    fault_rate: float
    kinds: list[FaultKind]
    credits: list[int | None]
    interrupt: list[bool]
    resolve: bool
    seed: int


SCENARIOS = st.builds(
    Scenario,
    emails=st.lists(POOL, min_size=20, max_size=250),
    appended=st.lists(POOL, max_size=60),
    fault_rate=st.sampled_from([0.0, 0.25, 0.5]),
    kinds=st.lists(st.sampled_from(FAULTS), min_size=1, unique=True),
    credits=st.lists(st.one_of(st.none(), st.integers(0, 80)), min_size=1, max_size=3),
    interrupt=st.lists(st.booleans(), min_size=1, max_size=3),
    resolve=st.booleans(),
    seed=st.integers(0, 2**16),
)


def write_csv(path: Path, emails: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Email", "First Name"])
        writer.writerows([email, f"N{n}"] for n, email in enumerate(emails))


def edit(path: Path, emails: list[str], appended: list[str], rng: random.Random) -> list[str]:
    """What a user does between runs: drop the listed invalid rows, reorder, add rows."""
    invalid = {int(row["line"]) for row in rejected(path) if row["outcome"] == "invalid"}
    kept = [email for line, email in enumerate(emails, start=2) if line not in invalid]
    rng.shuffle(kept)
    return kept + appended


def valid(email: str) -> str | None:
    try:
        return normalize_email(email).lower()
    except RequestValidationError:
        return None


async def interrupted(run: asyncio.Task[object], fake: FakeSmartlead, since: int) -> None:
    """SIGINT once the run's preflight and first add-leads answer landed (handlers are on)."""
    while len(fake.state.requests) < since + 2 and not run.done():  # noqa: ASYNC110
        await asyncio.sleep(0.005)
    if not run.done():
        os.kill(os.getpid(), signal.SIGINT)


async def resume_until_done(scenario: Scenario, tmp: Path) -> None:
    rng = random.Random(scenario.seed)
    faults = {ADD_LEADS: Faults(scenario.fault_rate, scenario.kinds)}
    path = tmp / "leads.csv"
    emails = list(scenario.emails)
    write_csv(path, emails)
    seen: set[str] = set()
    uploaded = 0
    async with FakeSmartlead(
        api_keys=(API_KEY,), seed=scenario.seed, route_faults=faults, latency=0.001
    ) as fake:
        campaign = fake.state.add_campaign("property")
        fake.state.block_list.add("blocked.example")
        for round_number in range(CALM_FROM + 3):
            calm = round_number >= CALM_FROM
            if calm:
                fake.route_faults.clear()
            fake.state.lead_credits = (
                None if calm else scenario.credits[round_number % len(scenario.credits)]
            )
            final_before, requests_before = journaled(path), len(fake.state.requests)
            extra = ["--resume"] if round_number else []
            extra += ["--resolve"] if scenario.resolve else []
            run = asyncio.create_task(cli(fake, path, campaign.id, *extra))
            if not calm and scenario.interrupt[round_number % len(scenario.interrupt)]:
                await interrupted(run, fake, requests_before)
            result = await run
            assert result.status in (0, 1, 130), result.err
            # A lead once journaled as final is never sent again, whatever the edits.
            assert not final_before & set(sent_emails(fake, requests_before))
            uploaded += json_int(result.report["uploaded"])
            seen.update(email for email in emails if valid(email))
            if round_number == 0:  # whatever the first run achieved, the user edits the file
                emails = edit(path, emails, scenario.appended, rng)
                write_csv(path, emails)
            elif result.status == 0:
                break
        assert result.status == 0, f"still open after {round_number + 1} rounds: {result.out}"
        stored = set(campaign.leads)
    wanted = {valid(email) for email in seen} - {None}
    wanted = {email for email in wanted if email and not email.endswith("@blocked.example")}
    assert stored == wanted  # no valid row skipped, nothing else stored
    assert uploaded <= len(stored)  # a lost answer's rows come back as already added


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SCENARIOS)
def test_import_edit_resume_until_exit_0_stores_every_valid_row_once(scenario: Scenario) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(resume_until_done(scenario, Path(tmp)))
