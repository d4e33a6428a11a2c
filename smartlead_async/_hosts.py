"""SmartLead's four API hosts. One key works on all of them (docs/api-notes.md, Authentication).

Each host has its own base URL (overridable, e.g. to point at the fake) and its own rate gate.
SmartLead documents no limits for the three product hosts, so they default to the core limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, get_args

from smartlead_async._options import resolve_base_url
from smartlead_async.errors import ConfigurationError

__all__ = ["CORE", "DEFAULT_HOST_URLS", "HOSTS", "Host", "product_host", "resolve_host_urls"]

#: A SmartLead API host, by the name of its client attribute (``core``: the client itself).
Host = Literal["core", "smart_delivery", "smart_senders", "prospect"]
CORE: Host = "core"
HOSTS: tuple[Host, ...] = get_args(Host)
#: Where each product host lives; ``core`` follows ``base_url`` / ``SMARTLEAD_BASE_URL``.
DEFAULT_HOST_URLS: dict[Host, str] = {
    "smart_delivery": "https://smartdelivery.smartlead.ai/api/v1",
    "smart_senders": "https://smart-senders.smartlead.ai/api/v1",
    "prospect": "https://prospect-api.smartlead.ai/api/v1/search-email-leads",
}


def product_host(name: str) -> Host | None:
    """The product host called ``name`` (``core`` and unknown names are not)."""
    return next((host for host in HOSTS if host == name and host != CORE), None)


def resolve_host_urls(core_url: str, overrides: Mapping[str, str] | None) -> dict[Host, str]:
    """Every host's base URL: the defaults, with ``overrides`` (host name → URL) applied.

    Raises:
        ConfigurationError: An unknown host name, or a URL that is not http(s) or carries a
            query (the key is the query's to carry).
    """
    urls: dict[Host, str] = {CORE: core_url, **DEFAULT_HOST_URLS}
    for name, url in (overrides or {}).items():
        host = product_host(name)
        if host is None:
            raise ConfigurationError(
                f"host_urls takes {', '.join(repr(h) for h in HOSTS if h != CORE)}; got "
                f"{name!r} (set the core host with base_url=)"
            )
        urls[host] = resolve_base_url(url)
    return urls
