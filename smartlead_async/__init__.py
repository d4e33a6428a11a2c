"""smartlead_async: the asyncio-native, typed SDK for the SmartLead cold-email API.

Every name below is imported from its module on first use: ``import smartlead_async`` alone loads
nothing else, and ``from smartlead_async import SmartleadClient`` loads what the client needs,
never the fake server, the CLI, the webhook receiver, Redis or arq.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from smartlead_async._lazy import lazy_exports

__version__ = "0.1.0"

if TYPE_CHECKING:
    from smartlead_async._client import (
        DEFAULT_BASE_URL,
        SmartleadClient,
    )
    from smartlead_async._pagination import (
        Page,
        Pager,
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
    from smartlead_async._raw import (
        APIResponse,
        RawResource,
        RawResponses,
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
    from smartlead_async._sentinel import (
        NOT_GIVEN,
        NotGiven,
    )
    from smartlead_async.bulk import (
        BulkResult,
        ImportReport,
    )
    from smartlead_async.errors import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ClientClosedError,
        ConfigurationError,
        GateTimeoutError,
        InternalServerError,
        InvalidWebhookError,
        MissingEventTypeError,
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
        WebhookAuthenticationError,
        WebhookError,
        WebhookJSONError,
    )

_MODULES = {
    "smartlead_async._client": (
        "DEFAULT_BASE_URL",
        "SmartleadClient",
    ),
    "smartlead_async._pagination": (
        "Page",
        "Pager",
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
    "smartlead_async._raw": (
        "APIResponse",
        "RawResource",
        "RawResponses",
    ),
    "smartlead_async._retry": (
        "DefaultRetryPolicy",
        "Outcome",
        "RetryPolicy",
        "RetryState",
    ),
    "smartlead_async._secrets": ("APIKey",),
    "smartlead_async._sentinel": (
        "NOT_GIVEN",
        "NotGiven",
    ),
    "smartlead_async.bulk": (
        "BulkResult",
        "ImportReport",
    ),
    "smartlead_async.errors": (
        "APIConnectionError",
        "APIStatusError",
        "APITimeoutError",
        "AuthenticationError",
        "BadRequestError",
        "ClientClosedError",
        "ConfigurationError",
        "GateTimeoutError",
        "InternalServerError",
        "InvalidWebhookError",
        "MissingEventTypeError",
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
        "WebhookAuthenticationError",
        "WebhookError",
        "WebhookJSONError",
    ),
}
_exported, __dir__ = lazy_exports(__name__, _MODULES)


def __getattr__(name: str) -> object:
    # Renamed in 0.2 (one pager class for every list route); kept for one release.
    if name == "AsyncPager":
        warnings.warn(
            "smartlead_async.AsyncPager is deprecated; use smartlead_async.Pager instead",
            DeprecationWarning,
            stacklevel=2,
        )
        return _exported("Pager")
    return _exported(name)


__all__ = [
    "ACCOUNT_RATE_LIMITS",
    "DEFAULT_BASE_URL",
    "DEFAULT_RATE_LIMITS",
    "NOT_GIVEN",
    "PRO_PLAN_RATE_LIMITS",
    "STANDARD_PLAN_RATE_LIMITS",
    "APIConnectionError",
    "APIKey",
    "APIResponse",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BulkResult",
    "ClientClosedError",
    "ConfigurationError",
    "DefaultRetryPolicy",
    "GateTimeoutError",
    "ImportReport",
    "InternalServerError",
    "InvalidWebhookError",
    "LocalRateGate",
    "MissingEventTypeError",
    "NotAcceptableError",
    "NotFoundError",
    "NotGiven",
    "OperationFailedError",
    "Outcome",
    "Page",
    "Pager",
    "PermissionDeniedError",
    "RateFeedback",
    "RateGate",
    "RateGateUnavailableError",
    "RateLimit",
    "RateLimitError",
    "RawResource",
    "RawResponses",
    "RequestValidationError",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "RetryState",
    "SmartleadClient",
    "SmartleadError",
    "UnprocessableEntityError",
    "WebhookAuthenticationError",
    "WebhookError",
    "WebhookJSONError",
    "__version__",
]
