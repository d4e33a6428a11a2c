"""smartlead_async: the asyncio-native, typed SDK for the SmartLead cold-email API.

Every name below is imported from its module on first use: ``import smartlead_async`` alone loads
nothing else, and ``from smartlead_async import SmartleadClient`` loads what the client needs,
never the fake server, the CLI, the webhook receiver, Redis or arq.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smartlead_async._lazy import lazy_exports

__version__ = "0.1.0"

if TYPE_CHECKING:
    from smartlead_async._client import (
        DEFAULT_BASE_URL,
        SmartleadClient,
    )
    from smartlead_async._pagination import (
        AsyncPager,
        Page,
    )
    from smartlead_async._ratelimit import (
        ACCOUNT_RATE_LIMITS,
        DEFAULT_RATE_LIMITS,
        PRO_PLAN_RATE_LIMITS,
        STANDARD_PLAN_RATE_LIMITS,
        LocalRateGate,
        RateFeedback,
        RateGate,
        RateLimit,
    )
    from smartlead_async._retry import (
        DefaultRetryPolicy,
        Outcome,
        RetryPolicy,
        RetryState,
    )
    from smartlead_async._secrets import (
        APIKey,
    )
    from smartlead_async.errors import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ClientClosedError,
        ConfigurationError,
        InternalServerError,
        NotAcceptableError,
        NotFoundError,
        OperationFailedError,
        PermissionDeniedError,
        RateGateUnavailableError,
        RateLimitError,
        RequestValidationError,
        ResponseDecodeError,
        ResponseTooLargeError,
        SmartleadError,
        UnprocessableEntityError,
    )

_MODULES = {
    "smartlead_async._client": (
        "DEFAULT_BASE_URL",
        "SmartleadClient",
    ),
    "smartlead_async._pagination": (
        "AsyncPager",
        "Page",
    ),
    "smartlead_async._ratelimit": (
        "ACCOUNT_RATE_LIMITS",
        "DEFAULT_RATE_LIMITS",
        "PRO_PLAN_RATE_LIMITS",
        "STANDARD_PLAN_RATE_LIMITS",
        "LocalRateGate",
        "RateFeedback",
        "RateGate",
        "RateLimit",
    ),
    "smartlead_async._retry": (
        "DefaultRetryPolicy",
        "Outcome",
        "RetryPolicy",
        "RetryState",
    ),
    "smartlead_async._secrets": ("APIKey",),
    "smartlead_async.errors": (
        "APIConnectionError",
        "APIStatusError",
        "APITimeoutError",
        "AuthenticationError",
        "BadRequestError",
        "ClientClosedError",
        "ConfigurationError",
        "InternalServerError",
        "NotAcceptableError",
        "NotFoundError",
        "OperationFailedError",
        "PermissionDeniedError",
        "RateGateUnavailableError",
        "RateLimitError",
        "RequestValidationError",
        "ResponseDecodeError",
        "ResponseTooLargeError",
        "SmartleadError",
        "UnprocessableEntityError",
    ),
}
__getattr__, __dir__ = lazy_exports(__name__, _MODULES)

__all__ = [
    "ACCOUNT_RATE_LIMITS",
    "DEFAULT_BASE_URL",
    "DEFAULT_RATE_LIMITS",
    "PRO_PLAN_RATE_LIMITS",
    "STANDARD_PLAN_RATE_LIMITS",
    "APIConnectionError",
    "APIKey",
    "APIStatusError",
    "APITimeoutError",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConfigurationError",
    "DefaultRetryPolicy",
    "InternalServerError",
    "LocalRateGate",
    "NotAcceptableError",
    "NotFoundError",
    "OperationFailedError",
    "Outcome",
    "Page",
    "PermissionDeniedError",
    "RateFeedback",
    "RateGate",
    "RateGateUnavailableError",
    "RateLimit",
    "RateLimitError",
    "RequestValidationError",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "RetryState",
    "SmartleadClient",
    "SmartleadError",
    "UnprocessableEntityError",
    "__version__",
]
