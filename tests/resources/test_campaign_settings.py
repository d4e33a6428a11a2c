"""client.campaigns schedule, settings and sequences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import Pager, SmartleadClient
from smartlead_async._convert import make_converter
from smartlead_async.models import (
    SequenceStep,
    SequenceStepInput,
    SequenceVariantInput,
    StopLeadSetting,
    TrackSetting,
)

from .. import samples
from ..helpers import WireCase, check_rejected, check_wire, url

STRICT = make_converter(strict=True)
Call = Callable[[SmartleadClient], Awaitable[Any]]

SCHEDULE: dict[str, Any] = {
    "timezone": "America/New_York",
    "days_of_the_week": [5, 1, 2],
    "start_hour": "09:00",
    "end_hour": "17:30",
    "min_time_btw_emails": 5,
    "max_new_leads_per_day": 50,
}
AB_STEPS = [
    SequenceStepInput(seq_number=1, subject="Hi {{first_name}}", email_body="<p>One</p>"),
    SequenceStepInput(
        seq_number=2,
        delay_in_days=3,
        variants=(
            SequenceVariantInput(subject="", email_body="<p>A</p>", variant_label="A"),
            SequenceVariantInput(subject="", email_body="<p>B</p>", variant_label="B", id=9),
        ),
        id=8495,
    ),
]

CASES: list[tuple[str, Call, str, str, dict[str, str], Any, Any]] = [
    (
        "update_schedule",
        lambda c: c.campaigns.update_schedule(
            5,
            **SCHEDULE,
            schedule_start_time=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC),
        ),
        "POST",
        "/campaigns/5/schedule",
        {},
        {
            **SCHEDULE,
            "days_of_the_week": [1, 2, 5],
            "schedule_start_time": "2026-01-05T09:00:00+00:00",
        },
        {"ok": True},
    ),
    (
        "update_settings",
        lambda c: c.campaigns.update_settings(
            5,
            track_settings=[TrackSetting.DONT_TRACK_EMAIL_OPEN, "DONT_TRACK_LINK_CLICK"],
            stop_lead_settings=StopLeadSetting.REPLY_TO_AN_EMAIL,
            follow_up_percentage=40,
            client_id=None,
        ),
        "POST",
        "/campaigns/5/settings",
        {},
        {
            "track_settings": ["DONT_TRACK_EMAIL_OPEN", "DONT_TRACK_LINK_CLICK"],
            "stop_lead_settings": "REPLY_TO_AN_EMAIL",
            "follow_up_percentage": 40,
            "client_id": None,
        },
        {"ok": True},
    ),
    (
        "get_sequences",
        lambda c: c.campaigns.get_sequences(3070),
        "GET",
        "/campaigns/3070/sequences",
        {},
        None,
        samples.SEQUENCES,
    ),
    (
        "save_sequences",
        lambda c: c.campaigns.save_sequences(3070, steps=AB_STEPS),
        "POST",
        "/campaigns/3070/sequences",
        {},
        {
            "sequences": [
                {
                    "id": None,
                    "seq_number": 1,
                    "seq_delay_details": {"delay_in_days": 0},
                    "subject": "Hi {{first_name}}",
                    "email_body": "<p>One</p>",
                },
                {
                    "id": 8495,
                    "seq_number": 2,
                    "seq_delay_details": {"delay_in_days": 3},
                    "seq_variants": [
                        {"subject": "", "email_body": "<p>A</p>", "variant_label": "A"},
                        {"subject": "", "email_body": "<p>B</p>", "variant_label": "B", "id": 9},
                    ],
                },
            ]
        },
        {"ok": True, "data": "success"},
    ),
]


@pytest.mark.parametrize("case", [WireCase(*case) for case in CASES], ids=[c[0] for c in CASES])
async def test_wire_request(
    client: SmartleadClient, mock_api: aioresponses, case: WireCase
) -> None:
    await check_wire(client, mock_api, case)


def test_samples_decode_strictly() -> None:
    (step,) = STRICT.structure(samples.SEQUENCES, list[SequenceStep])
    assert step.seq_delay_details is not None
    assert step.seq_delay_details.delay_in_days == 1
    assert step.sequence_variants[0].variant_label == "A"


async def test_sequences_come_back_in_one_page(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.get(url("/campaigns/3070/sequences"), payload=samples.SEQUENCES)
    pager = client.campaigns.get_sequences(3070)
    assert isinstance(pager, Pager)
    page = await pager
    assert [(step.id, step.seq_number) for step in page] == [(8494, 1)]
    assert page.is_last


def schedule(**changes: Any) -> Call:
    return lambda c: c.campaigns.update_schedule(1, **{**SCHEDULE, **changes})


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (schedule(timezone="Mars/Olympus"), "timezone"),
        (schedule(days_of_the_week=[7]), "days_of_the_week"),
        (schedule(days_of_the_week=[]), "days_of_the_week"),
        (schedule(days_of_the_week=[1, 1]), "days_of_the_week"),
        (schedule(start_hour="9:00"), "start_hour"),
        (schedule(end_hour="24:00"), "end_hour"),
        (schedule(start_hour="18:00", end_hour="09:00"), "before"),
        (schedule(min_time_btw_emails=0), "min_time_btw_emails"),
        (schedule(max_new_leads_per_day=-5), "max_new_leads_per_day"),
        (schedule(schedule_start_time=dt.datetime(2026, 1, 1)), "timezone-aware"),
        (lambda c: c.campaigns.update_settings(1), "at least one"),
        (lambda c: c.campaigns.update_settings(1, follow_up_percentage=101), "follow_up"),
        (lambda c: c.campaigns.update_settings(1, track_settings=["DONT_EMAIL_OPEN"]), "read"),
        (lambda c: c.campaigns.update_settings(1, stop_lead_settings="OPENED_EMAIL"), "expected"),
        (
            lambda c: c.campaigns.save_sequences(1, steps=[AB_STEPS[0], AB_STEPS[0]]),
            "distinct",
        ),
        (
            lambda c: c.campaigns.save_sequences(
                1, steps=[SequenceStepInput(seq_number=0, email_body="x")]
            ),
            "seq_number",
        ),
        (
            lambda c: c.campaigns.save_sequences(1, steps=[SequenceStepInput(seq_number=1)]),
            "email_body",
        ),
        (
            lambda c: c.campaigns.save_sequences(
                1,
                steps=[
                    SequenceStepInput(
                        seq_number=1,
                        subject="s",
                        variants=(
                            SequenceVariantInput(subject="", email_body="b", variant_label="A"),
                        ),
                    )
                ],
            ),
            "not both",
        ),
    ],
)
async def test_invalid_arguments_fail_before_sending(
    client: SmartleadClient, mock_api: aioresponses, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)
