"""Webhook routes (``client.webhooks``): campaign webhooks, global webhooks, delivery summary."""

from __future__ import annotations

import collections

from smartlead_async.testing._json import JSON
from smartlead_async.testing.routes._base import Call, Reply


def _campaign_id(call: Call) -> int:
    return call.state.campaigns.existing(call.id("campaign_id")).id


def list_webhooks(call: Call) -> Reply:
    return [hook.to_wire() for hook in call.state.webhooks.of(_campaign_id(call))]


def upsert(call: Call) -> Reply:
    campaign_id = _campaign_id(call)
    name = call.field("name")
    hook = call.state.webhooks.upsert(
        campaign_id,
        call.number("id"),
        name=name if isinstance(name, str) else None,
        webhook_url=call.field("webhook_url"),
        event_types=call.items("event_types"),
        categories=call.items("categories"),
    )
    wire = hook.to_wire()
    echo = {k: wire[k] for k in ("name", "webhook_url", "event_types", "categories")}
    return {"ok": True, "id": hook.id, "email_campaign_id": campaign_id, **echo}


def delete(call: Call) -> Reply:
    call.state.webhooks.delete(_campaign_id(call), call.field("id"))
    return {"ok": True}


def summary(call: Call) -> Reply:
    tally: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for delivery in call.state.webhooks.deliveries_of(_campaign_id(call)):
        tally[delivery.event_type]["sent"] += 1
        tally[delivery.event_type]["failed" if delivery.failed else "success"] += 1
    rows: list[JSON] = [{"event_type": event, **dict(c)} for event, c in sorted(tally.items())]
    time_range: dict[str, JSON] = {
        "from": call.query.get("fromTime"),
        "to": call.query.get("toTime"),
    }
    return {"data": {"summary": rows, "timeRange": time_range}}


async def retrigger_failed(call: Call) -> Reply:
    failed = [d for d in call.state.webhooks.deliveries_of(_campaign_id(call)) if d.failed]
    for delivery in failed:
        retried = await call.server.redeliver(delivery)
        if retried is not None:
            call.state.webhooks.deliveries.append(retried)
    return {"ok": True, "message": f"{len(failed)} events queued for retry"}


def create_global(call: Call) -> Reply:
    return {"ok": True, "webhook_id": call.state.webhooks.create_global(call.object()).id}


def get_global(call: Call) -> Reply:
    return call.state.webhooks.existing_global(call.id("webhook_id")).to_wire()


def update_global(call: Call) -> Reply:
    webhook = call.state.webhooks.existing_global(call.id("webhook_id"))
    webhook.fields |= call.object()
    return {"ok": True, **webhook.to_wire()}


def delete_global(call: Call) -> Reply:
    call.state.webhooks.delete_global(call.id("webhook_id"))
    return {"ok": True}


def delete_global_by_body(call: Call) -> Reply:
    call.state.webhooks.delete_global(call.number("id") or 0)
    return {"ok": True}
