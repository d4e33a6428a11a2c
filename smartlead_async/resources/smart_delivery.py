"""``client.smart_delivery``: inbox-placement (spam) tests, their reports, the seed lists.

Served by its own host, with its own base URL (``SmartleadClient(host_urls=...)``) and rate
gate (docs/api-notes.md, Authentication).
"""

from __future__ import annotations

from smartlead_async.resources._base import Resource

__all__ = ["SmartDeliveryResource"]


class SmartDeliveryResource(Resource):
    """Smart Delivery: inbox-placement (spam) tests, their reports and the seed mailbox lists."""
