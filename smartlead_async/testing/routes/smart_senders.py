"""Smart Senders host routes (domain and mailbox marketplace); more arrive with coverage."""

from __future__ import annotations

from smartlead_async.testing.routes._base import Call, Reply


def get_vendors(call: Call) -> Reply:
    return {"ok": True, "data": [{"id": 1, "name": "Fake Mailbox Vendor"}]}
