"""Client options: their checks, the environment variables behind their defaults, and the
options a ``with_options()`` copy may change.

Explicit arguments always win over the environment; a bad value, from either, is a
:class:`~smartlead_async.ConfigurationError` naming where it came from.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

import attrs

from smartlead_async._retry import DefaultRetryPolicy, RetryPolicy
from smartlead_async._secrets import redact_url
from smartlead_async._sentinel import NotGiven
from smartlead_async.errors import ConfigurationError
from smartlead_async.events import EventHook, check_hooks

__all__ = [
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "LOG_ENV",
    "ClientOptions",
    "configure_logging",
    "resolve_base_url",
    "resolve_log_level",
]

DEFAULT_BASE_URL = "https://server.smartlead.ai/api/v1"
BASE_URL_ENV = "SMARTLEAD_BASE_URL"
LOG_ENV = "SMARTLEAD_LOG"
LOG_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


def resolve_base_url(base_url: str | None) -> str:
    """``base_url``, else ``SMARTLEAD_BASE_URL``, else the SmartLead API; without trailing
    slash. A URL with a query or fragment is refused: the key is the query's to carry."""
    source = "base_url"
    if base_url is None:
        base_url, source = os.environ.get(BASE_URL_ENV, "").strip(), BASE_URL_ENV
        if not base_url:
            return DEFAULT_BASE_URL
    if not isinstance(base_url, str):
        raise ConfigurationError(f"base_url must be a str, not {type(base_url).__name__}")
    if base_url.startswith(("http://", "https://")) and not ("?" in base_url or "#" in base_url):
        return base_url.rstrip("/")
    shown = redact_url(base_url)
    # A URL with a query may carry a key: out of this frame's locals, which tracebacks record.
    del base_url
    if not shown.startswith(("http://", "https://")):
        raise ConfigurationError(f"{source} must be an http(s) URL, got {shown!r}")
    raise ConfigurationError(f"{source} must not have a query or fragment, got {shown!r}")


def resolve_log_level(log: str | None) -> int | None:
    """The ``logging`` level asked for by ``log``, else by ``SMARTLEAD_LOG``; ``None`` when
    neither asks (logging is then left to the application)."""
    source = "log"
    if log is None:
        log, source = os.environ.get(LOG_ENV, "").strip(), LOG_ENV
        if not log:
            return None
    level = LOG_LEVELS.get(log.strip().lower()) if isinstance(log, str) else None
    if level is None:
        raise ConfigurationError(f"{source} must be 'debug' or 'info', got {log!r}")
    return level


#: Marks the handler :func:`configure_logging` installs, so it is installed once.
_HANDLER_NAME = "smartlead_async.stderr"


def configure_logging(level: int) -> None:
    """Log the ``smartlead_async`` logger at ``level`` to stderr.

    Adds one stderr handler unless the logger (or the root logger) already has handlers:
    an application that configured logging keeps its own output, only the level changes.
    """
    sdk_logger = logging.getLogger("smartlead_async")
    sdk_logger.setLevel(level)
    if sdk_logger.handlers or logging.getLogger().handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.name = _HANDLER_NAME
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    sdk_logger.addHandler(handler)


def check_max_retries(value: object) -> int:
    """``value`` as a retry count, or :class:`ConfigurationError`."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(f"max_retries must be an int >= 0, got {value!r}")
    return value


def check_timeout(value: object) -> float:
    """``value`` as seconds per attempt, or :class:`ConfigurationError`."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ConfigurationError(f"timeout must be > 0 seconds, got {value!r}")
    return float(value)


def check_max_response_bytes(value: object) -> int:
    """``value`` as a response size limit, or :class:`ConfigurationError`."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(f"max_response_bytes must be an int >= 1, got {value!r}")
    return value


def check_retry_policy(value: object) -> RetryPolicy:
    """``value`` as a retry policy, or :class:`ConfigurationError`."""
    if not isinstance(value, RetryPolicy):
        raise ConfigurationError(f"retry_policy must be a RetryPolicy, not {type(value).__name__}")
    return value


def check_max_gate_wait(value: object) -> float | None:
    """``value`` as a bound on one attempt's wait in the gate (``None``: unbounded)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ConfigurationError(f"max_gate_wait must be > 0 seconds or None, got {value!r}")
    return float(value)


@attrs.frozen
class ClientOptions:
    """What a client and each of its ``with_options()`` copies may set differently.

    Attributes:
        timeout: Seconds per attempt.
        max_response_bytes: Largest answer read.
        retry_policy: Decides retries.
        custom_retry_policy: ``retry_policy`` was given by the caller (so ``max_retries``
            cannot be applied to it).
        max_gate_wait: Longest wait of one attempt in the rate gate, ``None`` for no bound.
        event_hooks: Called with every pipeline event.
    """

    timeout: float
    max_response_bytes: int
    retry_policy: RetryPolicy
    custom_retry_policy: bool
    max_gate_wait: float | None
    event_hooks: tuple[EventHook, ...]

    @classmethod
    def build(
        cls,
        *,
        timeout: float,
        max_response_bytes: int,
        max_retries: int,
        retry_policy: RetryPolicy | None,
        max_gate_wait: float | None,
        event_hooks: tuple[EventHook, ...],
    ) -> ClientOptions:
        """Checked options; ``retry_policy`` replaces ``max_retries``."""
        retries = check_max_retries(max_retries)
        return cls(
            timeout=check_timeout(timeout),
            max_response_bytes=check_max_response_bytes(max_response_bytes),
            retry_policy=(
                DefaultRetryPolicy(max_retries=retries)
                if retry_policy is None
                else check_retry_policy(retry_policy)
            ),
            custom_retry_policy=retry_policy is not None,
            max_gate_wait=check_max_gate_wait(max_gate_wait),
            event_hooks=event_hooks,
        )

    def changed(
        self,
        *,
        timeout: float | NotGiven,
        max_retries: int | NotGiven,
        retry_policy: RetryPolicy | NotGiven,
        max_response_bytes: int | NotGiven,
        max_gate_wait: float | NotGiven | None,
        event_hooks: Sequence[EventHook] | NotGiven,
    ) -> ClientOptions:
        """These options with the given ones checked and replaced (see ``with_options``)."""
        policy, custom = self.retry_policy, self.custom_retry_policy
        if not isinstance(max_retries, NotGiven):
            if not isinstance(retry_policy, NotGiven):
                raise ConfigurationError("pass max_retries or retry_policy, not both")
            if custom:
                raise ConfigurationError(
                    "this client uses a custom retry_policy: pass retry_policy= instead of "
                    "max_retries="
                )
            policy = DefaultRetryPolicy(max_retries=check_max_retries(max_retries))
        if not isinstance(retry_policy, NotGiven):
            policy, custom = check_retry_policy(retry_policy), True
        return ClientOptions(
            timeout=self.timeout if isinstance(timeout, NotGiven) else check_timeout(timeout),
            max_response_bytes=(
                self.max_response_bytes
                if isinstance(max_response_bytes, NotGiven)
                else check_max_response_bytes(max_response_bytes)
            ),
            retry_policy=policy,
            custom_retry_policy=custom,
            max_gate_wait=(
                self.max_gate_wait
                if isinstance(max_gate_wait, NotGiven)
                else check_max_gate_wait(max_gate_wait)
            ),
            event_hooks=(
                self.event_hooks if isinstance(event_hooks, NotGiven) else check_hooks(event_hooks)
            ),
        )
