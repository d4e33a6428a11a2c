"""Retry decisions, kept pure: no I/O, no sleeping, no clock — easy to table-test and to replace.

Which requests are retried (the table in the README mirrors this):

=================================  ==================  =================================
outcome                            idempotent request  non-idempotent request
=================================  ==================  =================================
429 Too Many Requests              retry               retry (the server refused it)
could not connect (never sent)     retry               retry (nothing reached the server)
other connection error / timeout   retry               raise (it may have been applied)
500, 502, 503, 504                 retry               raise (it may have been applied)
any other status                   raise               raise
answer over max_response_bytes     raise               raise
=================================  ==================  =================================

An answer over ``max_response_bytes`` never reaches a policy: it is not an outcome a retry can
change (the same request gets the same answer), so the pipeline raises it at once.

A request is idempotent when repeating it cannot change the outcome: every GET, and mutations the
API makes safe to repeat (adding leads — the server dedupes by email per campaign, so a retry after
a lost response shows up as ``already_added_to_campaign`` —, setting a campaign's status).
Creating a campaign is not: a retry after a lost response would create a second one.
"""

from __future__ import annotations

import enum
from typing import Protocol, runtime_checkable

import attrs

__all__ = ["DefaultRetryPolicy", "Outcome", "RetryPolicy", "RetryState"]

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


class Outcome(enum.Enum):
    """What happened to one attempt, as far as retrying is concerned."""

    STATUS = "status"  #: the server answered with ``RetryState.status``
    CONNECT_FAILED = "connect_failed"  #: no connection was made; nothing was sent
    CONNECTION_LOST = "connection_lost"  #: the connection broke after (part of) the request
    TIMEOUT = "timeout"  #: no answer in time


@attrs.frozen
class RetryState:
    """The facts a retry decision is made from.

    Attributes:
        attempt: Number of attempts made so far (1 after the first).
        idempotent: Whether the request is safe to repeat.
        outcome: What happened to the last attempt.
        status: HTTP status when ``outcome`` is ``STATUS``.
        retry_after: Seconds the server asked us to wait, if it said.
    """

    attempt: int
    idempotent: bool
    outcome: Outcome
    status: int | None = None
    retry_after: float | None = None

    @property
    def may_have_been_applied(self) -> bool:
        """Whether SmartLead may have carried the attempt out: it was sent and no answer came
        (timeout, connection lost), or a 5xx came (the table above: "it may have been applied")."""
        if self.outcome in (Outcome.TIMEOUT, Outcome.CONNECTION_LOST):
            return True
        return self.status is not None and self.status >= 500


@runtime_checkable
class RetryPolicy(Protocol):
    """Decides whether to retry and how long to wait first."""

    def delay_before_retry(self, state: RetryState, jitter: float) -> float | None:
        """Return the seconds to wait before the next attempt, or ``None`` to give up.

        Args:
            state: What happened so far.
            jitter: A uniform random number in [0, 1) supplied by the caller, so the policy stays
                deterministic.
        """
        ...


@attrs.frozen
class DefaultRetryPolicy:
    """Capped exponential backoff with full jitter, honouring ``Retry-After``.

    Attributes:
        max_retries: Retries after the first attempt (0 disables retrying).
        base_delay: Backoff before the first retry, in seconds.
        max_delay: Cap of the exponential backoff.
        max_retry_after: A ``Retry-After`` longer than this is not waited for: the error is raised
            so the caller can decide (a long pause usually means a quota, not a blip).
    """

    max_retries: int = 3
    base_delay: float = 0.5
    max_delay: float = 30.0
    max_retry_after: float = 120.0

    def should_retry(self, state: RetryState) -> bool:
        """Whether the outcome is retryable for this request (ignores the retry budget)."""
        match state.outcome:
            case Outcome.CONNECT_FAILED:
                return True
            case Outcome.CONNECTION_LOST | Outcome.TIMEOUT:
                return state.idempotent
            case Outcome.STATUS:
                if state.status == 429:
                    return True
                return state.idempotent and state.status in RETRYABLE_STATUSES
        return False

    def delay_before_retry(self, state: RetryState, jitter: float) -> float | None:
        """See :meth:`RetryPolicy.delay_before_retry`."""
        if state.attempt > self.max_retries or not self.should_retry(state):
            return None
        if state.retry_after is not None:
            if state.retry_after > self.max_retry_after:
                return None
            return max(0.0, state.retry_after)
        backoff = min(self.max_delay, self.base_delay * 2.0 ** (state.attempt - 1))
        # "Equal jitter": never less than half the backoff, so retries keep spreading out.
        return backoff / 2 + backoff / 2 * jitter
