"""smartlead_async: the asyncio-native, typed SDK for the SmartLead cold-email API."""

__version__ = "0.1.0"

import warnings

from smartlead_async._client import DEFAULT_BASE_URL, SmartleadClient
from smartlead_async._pagination import Page, Pager
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
from smartlead_async._raw import APIResponse, RawResource, RawResponses
from smartlead_async._retry import DefaultRetryPolicy, Outcome, RetryPolicy, RetryState
from smartlead_async._secrets import APIKey
from smartlead_async._sentinel import NOT_GIVEN, NotGiven
from smartlead_async.bulk import ImportReport
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
from smartlead_async.many import BulkResult

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
    "LocalRateGate",
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
    "__version__",
]


def __getattr__(name: str) -> object:
    # Renamed in 0.2 (one pager class for every list route); kept for one release.
    if name == "AsyncPager":
        warnings.warn(
            "smartlead_async.AsyncPager is deprecated; use smartlead_async.Pager instead",
            DeprecationWarning,
            stacklevel=2,
        )
        return Pager
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
