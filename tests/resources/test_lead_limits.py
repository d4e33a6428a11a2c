"""Add-leads limits: 100 leads and 20 custom fields by default; the 400 and 200 SmartLead's API
reference documents on unaudited pages only when the caller opts in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import RequestValidationError, SmartleadClient
from smartlead_async._lead_codec import _fast_wire, checked_lead_to_wire, lead_to_wire
from smartlead_async.bulk import RowOutcome
from smartlead_async.models import LeadInput

from ..helpers import check_rejected, sent_requests, url

ADD = url("/campaigns/5/leads")
Call = Callable[[SmartleadClient], Any]


def lead(i: int, fields: int = 0) -> dict[str, Any]:
    row: dict[str, Any] = {"email": f"lead{i}@x.io"}
    if fields:
        row["custom_fields"] = {f"f{n}": str(n) for n in range(fields)}
    return row


def uploaded(count: int) -> dict[str, Any]:
    return {"ok": True, "upload_count": count, "total_leads": count}


async def test_400_leads_go_in_one_call_when_the_caller_opts_in(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.post(ADD, payload=uploaded(400))
    result = await client.leads.add_to_campaign(
        5, leads=[lead(i) for i in range(400)], max_leads=400
    )
    assert result.upload_count == 400
    ((_, _, _, body),) = sent_requests(mock_api)
    assert len(body["lead_list"]) == 400


async def test_200_custom_fields_go_when_the_caller_opts_in(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.post(ADD, payload=uploaded(2))
    rows: list[Any] = [
        lead(0, fields=200),
        LeadInput(email="b@x.io", custom_fields={f"f{n}": n for n in range(200)}),
    ]
    await client.leads.add_to_campaign(5, leads=rows, max_custom_fields=200)
    ((_, _, _, body),) = sent_requests(mock_api)
    assert [len(row["custom_fields"]) for row in body["lead_list"]] == [200, 200]


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.leads.add_to_campaign(5, leads=[lead(i) for i in range(101)]), "1 to 100"),
        (
            lambda c: c.leads.add_to_campaign(
                5, leads=[lead(i) for i in range(401)], max_leads=400
            ),
            "1 to 400",
        ),
        (lambda c: c.leads.add_to_campaign(5, leads=[lead(0)], max_leads=401), "max_leads"),
        (lambda c: c.leads.add_to_campaign(5, leads=[lead(0, fields=21)]), "21 custom fields"),
        (
            lambda c: c.leads.add_to_campaign(
                5, leads=[lead(0, fields=201)], max_custom_fields=200
            ),
            "201 custom fields",
        ),
        (
            lambda c: c.leads.add_to_campaign(5, leads=[lead(0)], max_custom_fields=201),
            "max_custom_fields",
        ),
        (lambda c: c.leads.bulk_import(5, leads=[lead(0)], batch_size=401), "batch_size"),
        (
            lambda c: c.leads.bulk_import(5, leads=[lead(0)], max_custom_fields=0),
            "max_custom_fields",
        ),
    ],
)
async def test_limits_beyond_the_documented_ones_are_refused(
    client: SmartleadClient, mock_api: aioresponses, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)


async def test_bulk_import_sends_batches_of_400_when_asked(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    mock_api.post(ADD, payload=uploaded(400))
    mock_api.post(ADD, payload=uploaded(100))
    report = await client.leads.bulk_import(
        5, leads=[lead(i) for i in range(500)], batch_size=400, concurrency=1
    )
    assert report.counts[RowOutcome.UPLOADED] == 500
    sizes = sorted(len(body["lead_list"]) for _, _, _, body in sent_requests(mock_api))
    assert sizes == [100, 400]


async def test_one_row_over_the_field_cap_never_sinks_its_batch(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    # By default a row with 25 custom fields is reported invalid on its own and the rest go;
    # with the reference's 200 it is sent.
    rows = [lead(0), lead(1, fields=25), lead(2)]
    mock_api.post(ADD, payload=uploaded(2))
    report = await client.leads.bulk_import(5, leads=rows)
    assert report.counts[RowOutcome.UPLOADED] == 2
    assert [r.row for r in report.rows[RowOutcome.INVALID]] == [1]
    mock_api.requests.clear()
    mock_api.post(ADD, payload=uploaded(3))
    report = await client.leads.bulk_import(5, leads=rows, max_custom_fields=200)
    assert report.counts[RowOutcome.UPLOADED] == 3
    ((_, _, _, body),) = sent_requests(mock_api)
    assert len(body["lead_list"][1]["custom_fields"]) == 25


@pytest.mark.parametrize("fields", [20, 21, 200, 201])
def test_both_codec_paths_apply_the_same_cap(fields: int) -> None:
    row = lead(0, fields=fields)
    fast = _fast_wire(row, 200)
    try:
        checked = checked_lead_to_wire(row, 0, max_custom_fields=200)
    except RequestValidationError:
        checked = None
    assert fast == checked
    assert (lead_to_wire(row, 0, max_custom_fields=200) if fields <= 200 else None) == checked
    assert (_fast_wire(row) is not None) == (fields <= 20)
