"""``client.prospect``: contact search (SmartProspect) and the lookups its filters take.

Served by its own host, with its own base URL (``SmartleadClient(host_urls=...)``) and rate
gate (docs/api-notes.md, Authentication).
"""

from __future__ import annotations

from smartlead_async.resources._base import Resource

__all__ = ["ProspectResource"]


class ProspectResource(Resource):
    """Prospect (SmartProspect): contact search and the lookups its filters take."""
