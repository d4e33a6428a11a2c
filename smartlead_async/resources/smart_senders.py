"""``client.smart_senders``: domains and mailboxes to buy from the marketplace.

Served by its own host, with its own base URL (``SmartleadClient(host_urls=...)``) and rate
gate (docs/api-notes.md, Authentication).
"""

from __future__ import annotations

from smartlead_async.resources._base import Resource

__all__ = ["SmartSendersResource"]


class SmartSendersResource(Resource):
    """Smart Senders: domains and mailboxes to buy from SmartLead's marketplace."""
