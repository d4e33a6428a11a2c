"""The --wire-coverage check matches requests to routes by host, method and path."""

from __future__ import annotations

from yarl import URL

from .helpers import BASE_URL
from .wire_coverage import record, unrequested


def test_a_route_counts_only_when_its_method_path_and_host_were_requested() -> None:
    everything = set(unrequested(set()))
    requested = {
        ("GET", f"{BASE_URL}/campaigns/77"),
        ("POST", f"{BASE_URL}/campaigns/77/leads"),  # not the GET of that path
        ("GET", f"{BASE_URL}/client/"),  # the SDK's trailing slash
        ("GET", "https://smartdelivery.smartlead.ai/api/v1/spam-test/9"),
        ("GET", f"{BASE_URL}/spam-test/9"),  # the core host does not serve it
    }
    covered = everything - set(unrequested(requested))
    assert covered == {
        "core GET /campaigns/{campaign_id} (client.campaigns.get)",
        "core POST /campaigns/{campaign_id}/leads (client.leads.add_to_campaign)",
        "core GET /client/ (client.clients.list)",
        "smart_delivery GET /spam-test/{spam_test_id} (client.smart_delivery.get_test)",
    }


def test_the_query_is_not_part_of_the_match() -> None:
    requested: set[tuple[str, str]] = set()
    record([("get", URL(f"{BASE_URL}/campaigns/5?api_key=k&x=1"))], into=requested)
    assert requested == {("GET", f"{BASE_URL}/campaigns/5")}
