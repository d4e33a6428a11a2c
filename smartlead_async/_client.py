"""SmartleadClient: options, lifecycle and resource namespaces."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Self

import aiohttp
import cattrs

from smartlead_async._convert import CONVERTER
from smartlead_async._escape_hatch import custom_spec
from smartlead_async._hosts import CORE, HOSTS, Host, product_host, resolve_host_urls
from smartlead_async._json import JSON
from smartlead_async._lazy import Namespace
from smartlead_async._options import (
    DEFAULT_BASE_URL,
    ClientOptions,
    configure_logging,
    resolve_base_url,
    resolve_log_level,
)
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
from smartlead_async._raw import RawResponses
from smartlead_async._request import QueryValue
from smartlead_async._retry import RetryPolicy
from smartlead_async._secrets import APIKey
from smartlead_async._sentinel import NOT_GIVEN, NotGiven
from smartlead_async._transport import DEFAULT_MAX_RESPONSE_BYTES, Transport
from smartlead_async.errors import ClientClosedError, ConfigurationError, RequestValidationError
from smartlead_async.events import EventHook, check_hooks

if TYPE_CHECKING:
    from smartlead_async.resources import (
        AnalyticsResource,
        CampaignsResource,
        ClientsResource,
        EmailAccountsResource,
        InboxResource,
        LeadListsResource,
        LeadsResource,
        ProspectResource,
        SmartDeliveryResource,
        SmartSendersResource,
        WebhooksResource,
    )

__all__ = ["DEFAULT_BASE_URL", "SmartleadClient"]

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


def _host_limits(
    core: tuple[RateLimit, ...], overrides: Mapping[str, Sequence[RateLimit]] | None
) -> dict[Host, tuple[RateLimit, ...]]:
    limits: dict[Host, tuple[RateLimit, ...]] = dict.fromkeys(HOSTS, core)
    for name, rules in (overrides or {}).items():
        host = product_host(name)
        if host is None:
            raise ConfigurationError(f"host_rate_limits names no product host: {name!r}")
        limits[host] = tuple(rules)
        if not limits[host]:
            raise ConfigurationError(f"host_rate_limits[{name!r}] must hold at least one RateLimit")
    return limits


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
        base_url: API root, e.g. a :class:`~smartlead_async.testing.FakeSmartlead` URL in tests;
            defaults to the ``SMARTLEAD_BASE_URL`` environment variable, else SmartLead's API.
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
        max_gate_wait: Longest time, in seconds, one attempt may wait in the rate gate; past
            it the request raises :class:`~smartlead_async.GateTimeoutError` without sending.
            ``None`` (the default) waits as long as the gate needs.
        event_hooks: Callables given every request event (see :mod:`smartlead_async.events`).
        trace_configs: ``aiohttp.TraceConfig`` objects for the session the client creates (not
            with ``session``: add them to your own). The URL aiohttp hands their callbacks
            carries the key; pass it through ``smartlead_async.integrations.otel.url_filter``
            before recording it.
        log: ``"debug"`` or ``"info"``: log the ``smartlead_async`` logger at that level (to
            stderr, unless logging is configured); defaults to the ``SMARTLEAD_LOG``
            environment variable, else leaves logging alone.
        host_urls: Base URLs of the product hosts, by name (``smart_delivery``,
            ``smart_senders``, ``prospect``), e.g. ``fake.host_urls`` in tests; the others keep
            SmartLead's. ``base_url`` sets the core host.
        host_rate_limits: Rules of each product host's own gate, by name; a host not named
            uses ``rate_limits`` (SmartLead documents no limits for them). With a ``rate_gate``
            object, every host shares that gate.

    Raises:
        ConfigurationError: No API key, or invalid options (from arguments or environment).
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
    smart_delivery: Namespace[SmartDeliveryResource] = Namespace(
        "smartlead_async.resources.smart_delivery",
        "SmartDeliveryResource",
        "Smart Delivery: inbox-placement tests and their reports (its own host and gate).",
        host="smart_delivery",
    )
    smart_senders: Namespace[SmartSendersResource] = Namespace(
        "smartlead_async.resources.smart_senders",
        "SmartSendersResource",
        "Smart Senders: domains and mailboxes to buy (its own host and gate).",
        host="smart_senders",
    )
    prospect: Namespace[ProspectResource] = Namespace(
        "smartlead_async.resources.prospect",
        "ProspectResource",
        "Prospect: contact search (its own host and gate).",
        host="prospect",
    )

    def __init__(
        self,
        api_key: str | APIKey | None = None,
        *,
        base_url: str | None = None,
        rate_limits: Sequence[RateLimit] | None = None,
        max_retries: int = 3,
        timeout: float = 30.0,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        session: aiohttp.ClientSession | None = None,
        rate_gate: RateGate | RateGateFactory | None = None,
        retry_policy: RetryPolicy | None = None,
        safety_margin: float | None = None,
        max_gate_wait: float | None = None,
        event_hooks: Sequence[EventHook] = (),
        trace_configs: Sequence[aiohttp.TraceConfig] = (),
        log: str | None = None,
        host_urls: Mapping[str, str] | None = None,
        host_rate_limits: Mapping[str, Sequence[RateLimit]] | None = None,
    ) -> None:
        try:
            self._api_key = _resolve_api_key(api_key)
        finally:
            # A ConfigurationError raised in this frame carries it, and tracebacks that capture
            # locals (error trackers) would show the raw key held by the argument.
            del api_key
        try:
            self.base_url = resolve_base_url(base_url)
        finally:
            del base_url  # a URL with a query may carry the key (see above)
        options = ClientOptions.build(
            timeout=timeout,
            max_response_bytes=max_response_bytes,
            max_retries=max_retries,
            retry_policy=retry_policy,
            max_gate_wait=max_gate_wait,
            event_hooks=check_hooks(event_hooks),
        )
        trace_configs = tuple(trace_configs)
        if not all(isinstance(config, aiohttp.TraceConfig) for config in trace_configs):
            raise ConfigurationError("trace_configs must be aiohttp.TraceConfig objects")
        if trace_configs and session is not None:
            raise ConfigurationError(
                "trace_configs are for the session the client creates; add them to the "
                "session you pass instead"
            )
        level = resolve_log_level(log)
        custom_gate, gate_factory = _split_rate_gate(rate_gate)
        if custom_gate is not None and rate_limits is not None:
            raise ConfigurationError("pass rate_limits or rate_gate, not both")
        self._safety_margin = _resolve_safety_margin(safety_margin, rate_gate is not None)
        self.rate_limits: tuple[RateLimit, ...] = tuple(
            DEFAULT_RATE_LIMITS if rate_limits is None else rate_limits
        )
        if not self.rate_limits:
            raise ConfigurationError("rate_limits must contain at least one RateLimit")
        self.host_urls = resolve_host_urls(self.base_url, host_urls)
        self._host_limits = _host_limits(self.rate_limits, host_rate_limits)
        if level is not None:
            configure_logging(level)
        self._custom_gate = custom_gate
        self._gate_factory = gate_factory
        self._shared_gates: dict[Host, RateGate] = {}
        self._closed = False
        self._origin: SmartleadClient | None = None
        self._transport = Transport(
            base_url=self.base_url,
            api_key=self._api_key,
            timeout=options.timeout,
            max_response_bytes=options.max_response_bytes,
            session=session,
            trace_configs=trace_configs,
        )
        self._set_up(options, CONVERTER)

    def _set_up(self, options: ClientOptions, converter: cattrs.Converter) -> None:
        self._options = options
        pipelines = {
            host: Pipeline(
                transport=self._transport
                if host == CORE
                else self._transport.derive(
                    timeout=options.timeout,
                    max_response_bytes=options.max_response_bytes,
                    base_url=url,
                ),
                gate=functools.partial(self._gate, host),
                retry_policy=options.retry_policy,
                converter=converter,
                max_gate_wait=options.max_gate_wait,
                event_hooks=options.event_hooks,
                host=host,
            )
            for host, url in self.host_urls.items()
        }
        self._pipelines = pipelines
        self._pipeline = pipelines[CORE]

    def with_options(
        self,
        *,
        timeout: float | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_policy: RetryPolicy | NotGiven = NOT_GIVEN,
        max_response_bytes: int | NotGiven = NOT_GIVEN,
        max_gate_wait: float | NotGiven | None = NOT_GIVEN,
        event_hooks: Sequence[EventHook] | NotGiven = NOT_GIVEN,
    ) -> SmartleadClient:
        """A client with some options changed, sharing this one's session, rate gate, key and
        base URL; options not given are kept (``event_hooks`` replaces the hooks)::

            patient = sl.with_options(timeout=120, max_retries=6)
            csv = await patient.leads.export_csv(42)
            await sl.with_options(max_gate_wait=1.0).campaigns.get(42)

        The copy owns nothing: closing it (or leaving it unclosed) does not close the session
        or release the gate. Both stay with the client they came from, and once that client is
        closed its copies raise :class:`~smartlead_async.ClientClosedError`. A copy of a copy
        belongs to the same original client.

        Raises:
            ConfigurationError: An invalid option; ``max_retries`` on a client with a custom
                ``retry_policy``.
        """
        options = self._options.changed(
            timeout=timeout,
            max_retries=max_retries,
            retry_policy=retry_policy,
            max_response_bytes=max_response_bytes,
            max_gate_wait=max_gate_wait,
            event_hooks=event_hooks,
        )
        origin = self._origin or self
        copy = object.__new__(SmartleadClient)
        copy._api_key = origin._api_key
        copy.base_url = origin.base_url
        copy.host_urls = origin.host_urls
        copy.rate_limits = origin.rate_limits
        copy._closed = False
        copy._origin = origin
        copy._transport = origin._transport.derive(
            timeout=options.timeout, max_response_bytes=options.max_response_bytes
        )
        # One converter for all: its structuring code is generated once per model, on first use.
        copy._set_up(options, origin._pipeline.converter)
        return copy

    @property
    def with_raw_response(self) -> RawResponses:
        """This client's calls, answering the HTTP response (status, headers, body) along
        with the parsed result::

            resp = await sl.with_raw_response.campaigns.list()
            resp.headers.get("x-ratelimit-remaining")
            campaigns = resp.parse()

        See :class:`~smartlead_async.RawResponses` for the typed form.
        """
        return RawResponses(self)

    async def request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, QueryValue | None] | None = None,
        json: JSON = None,
        idempotent: bool | None = None,
    ) -> JSON:
        """Call a route the SDK has no method for, through the same gate, retries, error
        mapping, success-body checks and redaction as every other call::

            summary = await sl.request("GET", "campaigns/42/webhooks/summary")

        Args:
            method: ``GET``, ``POST``, ``PUT``, ``PATCH`` or ``DELETE``.
            path: Relative to the base URL, without a leading ``/``, query or fragment
                (``campaigns/42/leads``).
            query: Query parameters (``None`` values left out). The key is added by the
                client: an ``api_key`` here is refused.
            json: The JSON body, or ``None`` for none.
            idempotent: Whether the request is safe to repeat after an ambiguous failure
                (see the retry table in the README); defaults to ``True`` for GET only.

        Returns:
            The decoded JSON of the 2xx answer.

        Raises:
            RequestValidationError: An invalid method, path or query; nothing was sent.
            APIStatusError: SmartLead answered an error (a subclass per status), or a 2xx
                saying ``ok: false`` (:class:`~smartlead_async.OperationFailedError`).
            ResponseDecodeError: The 2xx body is not JSON.
        """
        spec = custom_spec(
            self._api_key, method=method, path=path, query=query, json=json, idempotent=idempotent
        )
        if isinstance(spec, RequestValidationError):
            del path, query  # may hold the key: keep them out of the traceback's locals
            raise spec
        return await self._pipeline.request_json(spec)

    def _gate(self, host: Host = CORE) -> RateGate:
        # Resolved on first use: the shared gates are bound to the running event loop.
        if self._closed:
            raise ClientClosedError("this SmartleadClient is closed")
        if self._origin is not None:
            return self._origin._gate(host)
        if self._custom_gate is not None:
            return self._custom_gate
        gate = self._shared_gates.get(host)
        if gate is None:
            # Keyed by (key, host URL): every client of a key shares each host's gate.
            gate = self._shared_gates[host] = gate_registry.attach(
                self._api_key,
                self.host_urls[host],
                self._host_limits[host],
                self._gate_factory,
                safety_margin=self._safety_margin,
            )
        return gate

    @property
    def closed(self) -> bool:
        """Whether :meth:`aclose` has been called (on this client, or on the client a
        :meth:`with_options` copy came from)."""
        return self._closed or (self._origin is not None and self._origin.closed)

    async def aclose(self) -> None:
        """Close the HTTP session (if the client created it) and release the shared gate.

        On a :meth:`with_options` copy this only stops the copy: the session and the gate
        belong to the original client.
        """
        if self._closed:
            return
        self._closed = True
        if self._origin is not None:
            return
        await self._transport.aclose()
        gates, self._shared_gates = self._shared_gates, {}
        for gate in gates.values():
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
        state = "closed" if self.closed else "open"
        copy = " (with_options copy)" if self._origin is not None else ""
        return (
            f"<SmartleadClient base_url={self.base_url!r} key={self._api_key.fingerprint} "
            f"{state}{copy}>"
        )
