"""API resources, one module per area. Methods describe requests; the pipeline runs them."""

from smartlead_async.resources.campaigns import CampaignsResource
from smartlead_async.resources.leads import LeadsResource

__all__ = ["CampaignsResource", "LeadsResource"]
