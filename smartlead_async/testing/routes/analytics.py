"""Global analytics routes (``client.analytics``): every ``/analytics/*`` report.

The numbers come from the recorded events, so a test can emit activity and read it back
through any report; the routes differ in what they accept (their table rows), not in what the
fake computes.
"""

from __future__ import annotations

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend.analytics import counts, sent_emails
from smartlead_async.testing.routes._base import Call, Reply


def report(call: Call) -> Reply:
    wanted = {int(i) for i in call.query.get("campaign_ids", "").split(",") if i.isdigit()}
    campaigns = [c for c in call.state.campaigns.values() if not wanted or c.id in wanted]
    per_campaign: list[JSON] = [
        {"id": c.id, "campaign_name": c.name, **counts(c.statistics.values())} for c in campaigns
    ]
    data: dict[str, JSON] = {
        **counts(sent_emails(campaigns)),
        "campaign_wise_performance": per_campaign,
    }
    return {"ok": True, "data": data}
