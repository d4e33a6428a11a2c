"""SmartleadClient: options, lifecycle and resource namespaces."""

from __future__ import annotations

import os
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Self

import aiohttp

from smartlead_async._convert import make_converter
from smartlead_async._lazy import Namespace
from smartlead_async._pipeline import Pipeline
from smartlead_async._ratelimit import (
    DEFAULT_RATE_LIMITS,
    DEFAULT_SAFETY_MARGIN,
    RateGate,
    RateGateFactory,
    RateLimit,
    check_safety_margin,
    gate_registry,
)
from smartlead_async._retry import DefaultRetryPolicy, RetryPolicy
from smartlead_async._secrets import APIKey
from smartlead_async._transport import DEFAULT_MAX_RESPONSE_BYTES, Transport
from smartlead_async.errors import ClientClosedError, ConfigurationError

if TYPE_CHECKING:
    from smartlead_async.resources import (
        AnalyticsResource,
        CampaignsResource,
        ClientsResource,
        EmailAccountsResource,
        InboxResource,
        LeadListsResource,
        LeadsResource,
        WebhooksResource,
    )

__all__ = ["DEFAULT_BASE_URL", "SmartleadClient"]

DEFAULT_BASE_URL = "https://server.smartlead.ai/api/v1"
API_KEY_ENV = "SMARTLEAD_API_KEY"


def _resolve_api_key(api_key: str | APIKey | None) -> APIKey:
    """The key to use, stripped. Raises only when it is missing or blank: nothing to leak."""
    if api_key is None:
        api_key = os.environ.get(API_KEY_ENV, "")
    if not isinstance(api_key, str | APIKey):
        kind = type(api_key).__name__
        del api_key  # whatever it is, it may be the key: keep it out of the traceback's locals
        raise ConfigurationError(f"api_key must be a str or an APIKey, not {kind}")
    key = api_key if isinstance(api_key, APIKey) else APIKey(api_key)
    if not key.reveal().strip():
        raise ConfigurationError(f"no SmartLead API key: pass api_key=... or set {API_KEY_ENV}")
    return key if key.reveal() == key.reveal().strip() else APIKey(key.reveal().strip())


def _resolve_safety_margin(safety_margin: float | None, custom_gate: bool) -> float:
    """The built-in gate's margin; a ``rate_gate`` (or its factory) brings its own."""
    if safety_margin is None:
        return DEFAULT_SAFETY_MARGIN
    if custom_gate:
        raise ConfigurationError("safety_margin is for the built-in gate, not for rate_gate")
    return check_safety_margin(safety_margin)


def _split_rate_gate(
    rate_gate: RateGate | RateGateFactory | None,
) -> tuple[RateGate | None, RateGateFactory | None]:
    """``rate_gate=`` as (gate, factory), at most one of them set."""
    # A gate has acquire/observe; anything else callable is a factory. Checked in that order,
    # since a gate object may happen to be callable too.
    if rate_gate is None:
        return None, None
    if isinstance(rate_gate, RateGate):
        return rate_gate, None
    if not callable(rate_gate):
        kind = type(rate_gate).__name__
        raise ConfigurationError(f"rate_gate must be a RateGate or a factory, not {kind}")
    return None, rate_gate


class SmartleadClient:
    """Async client for the SmartLead API. One client owns one ``aiohttp.ClientSession``.

    Use it as an async context manager, or call :meth:`aclose` when done::

        async with SmartleadClient() as sl:          # key from SMARTLEAD_API_KEY
            campaigns = await sl.campaigns.list()

    Every request passes one pipeline: the key's rate gate, the HTTP call, the retry policy and
    typed decoding. Clients of the same key and base URL in one event loop share one gate, so
    building a client per request (FastAPI) still respects the key's limit.

    Args:
        api_key: The SmartLead API key, as a ``str`` or an :class:`APIKey` (which never prints
            it); defaults to the ``SMARTLEAD_API_KEY`` environment variable.
        base_url: API root, e.g. a :class:`~smartlead_async.testing.FakeSmartlead` URL in tests.
        rate_limits: Rules enforced before sending, all of them. Defaults to the documented
            10 requests per 2 seconds; see ``STANDARD_PLAN_RATE_LIMITS`` and friends.
        safety_margin: Fraction by which the built-in gate lengthens every window, in [0, 1);
            default 0.025. Choose at least ``J / W`` for a spread ``J`` of network delay to the
            API and a window ``W`` (0-300 ms on a 2 s window: 0.15). Every client of one key
            must use the same; not with ``rate_gate`` (a factory takes its own margin).
        max_retries: Retries after the first attempt, for retryable failures (see README).
        timeout: Seconds allowed for each attempt, connection and body included.
        max_response_bytes: Largest answer read, counted after decompression; a larger one
            raises :class:`~smartlead_async.ResponseTooLargeError` (not retried). The default,
            64 MiB, fits CSV exports of campaigns with 60,000+ leads; raise it for bigger ones.
        session: An ``aiohttp.ClientSession`` to use; it is never closed by the client.
        rate_gate: A custom :class:`RateGate`, which replaces ``rate_limits``; or a
            :class:`RateGateFactory` such as ``smartlead_async.redis.redis_rate_gate(redis)``,
            which is given ``rate_limits`` and resolved once per event loop per (factory, key,
            base URL), so clients built per request share its gate.
        retry_policy: A custom :class:`RetryPolicy`; replaces ``max_retries``.

    Raises:
        ConfigurationError: No API key, or invalid options.
    """

    # Each namespace's module (and its models) is imported on first use: see the package docs.
    campaigns: Namespace[CampaignsResource] = Namespace(
        "smartlead_async.resources.campaigns", "CampaignsResource", "Campaign endpoints."
    )
    leads: Namespace[LeadsResource] = Namespace(
        "smartlead_async.resources.leads", "LeadsResource", "Lead endpoints."
    )
    email_accounts: Namespace[EmailAccountsResource] = Namespace(
        "smartlead_async.resources.email_accounts",
        "EmailAccountsResource",
        "Sending mailbox endpoints.",
    )
    webhooks: Namespace[WebhooksResource] = Namespace(
        "smartlead_async.resources.webhooks", "WebhooksResource", "Campaign webhook endpoints."
    )
    clients: Namespace[ClientsResource] = Namespace(
        "smartlead_async.resources.clients", "ClientsResource", "Agency client endpoints."
    )
    inbox: Namespace[InboxResource] = Namespace(
        "smartlead_async.resources.inbox",
        "InboxResource",
        "Master inbox endpoints (replies, views, conversation actions).",
    )
    analytics: Namespace[AnalyticsResource] = Namespace(
        "smartlead_async.resources.analytics",
        "AnalyticsResource",
        "Account-wide ``/analytics/*`` endpoints.",
    )
    lead_lists: Namespace[LeadListsResource] = Namespace(
        "smartlead_async.resources.lead_lists", "LeadListsResource", "Lead list endpoints."
    )

    def __init__(
        self,
        api_key: str | APIKey | None = None,
        *,
        base_url: str = DEFAULT_BASE_URL,
        rate_limits: Sequence[RateLimit] | None = None,
        max_retries: int = 3,
        timeout: float = 30.0,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        session: aiohttp.ClientSession | None = None,
        rate_gate: RateGate | RateGateFactory | None = None,
        retry_policy: RetryPolicy | None = None,
        safety_margin: float | None = None,
    ) -> None:
        try:
            self._api_key = _resolve_api_key(api_key)
        finally:
            # A ConfigurationError raised in this frame carries it, and tracebacks that capture
            # locals (error trackers) would show the raw key held by the argument.
            del api_key
        if not base_url.startswith(("http://", "https://")):
            raise ConfigurationError(f"base_url must be an http(s) URL, got {base_url!r}")
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise ConfigurationError(f"max_retries must be an int >= 0, got {max_retries!r}")
        if not timeout > 0:
            raise ConfigurationError(f"timeout must be > 0 seconds, got {timeout!r}")
        if (
            isinstance(max_response_bytes, bool)
            or not isinstance(max_response_bytes, int)
            or max_response_bytes < 1
        ):
            raise ConfigurationError(
                f"max_response_bytes must be an int >= 1, got {max_response_bytes!r}"
            )
        custom_gate, gate_factory = _split_rate_gate(rate_gate)
        if custom_gate is not None and rate_limits is not None:
            raise ConfigurationError("pass rate_limits or rate_gate, not both")
        self._safety_margin = _resolve_safety_margin(safety_margin, rate_gate is not None)
        self.base_url = base_url.rstrip("/")
        self.rate_limits: tuple[RateLimit, ...] = tuple(
            DEFAULT_RATE_LIMITS if rate_limits is None else rate_limits
        )
        if not self.rate_limits:
            raise ConfigurationError("rate_limits must contain at least one RateLimit")
        self._custom_gate = custom_gate
        self._gate_factory = gate_factory
        self._shared_gate: RateGate | None = None
        self._closed = False
        self._transport = Transport(
            base_url=self.base_url,
            api_key=self._api_key,
            timeout=timeout,
            max_response_bytes=max_response_bytes,
            session=session,
        )
        self._pipeline = Pipeline(
            transport=self._transport,
            gate=self._gate,
            retry_policy=retry_policy or DefaultRetryPolicy(max_retries=max_retries),
            converter=make_converter(),
        )

    def _gate(self) -> RateGate:
        # Resolved on first use: the shared gates are bound to the running event loop.
        if self._closed:
            raise ClientClosedError("this SmartleadClient is closed")
        if self._custom_gate is not None:
            return self._custom_gate
        if self._shared_gate is None:
            self._shared_gate = gate_registry.attach(
                self._api_key,
                self.base_url,
                self.rate_limits,
                self._gate_factory,
                safety_margin=self._safety_margin,
            )
        return self._shared_gate

    @property
    def closed(self) -> bool:
        """Whether :meth:`aclose` has been called."""
        return self._closed

    async def aclose(self) -> None:
        """Close the HTTP session (if the client created it) and release the shared gate."""
        if self._closed:
            return
        self._closed = True
        await self._transport.aclose()
        gate, self._shared_gate = self._shared_gate, None
        if gate is not None:
            gate_registry.detach(gate)

    async def __aenter__(self) -> Self:
        self._gate()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        if not hasattr(self, "_transport"):
            # __init__ raised; tracebacks that capture locals still call repr() on `self`.
            return "<SmartleadClient (not constructed)>"
        state = "closed" if self._closed else "open"
        return (
            f"<SmartleadClient base_url={self.base_url!r} key={self._api_key.fingerprint} {state}>"
        )
