"""Retry decisions are a pure table: outcome x idempotency x attempt -> delay or give up."""

from __future__ import annotations

import pytest

from smartlead_async import DefaultRetryPolicy, Outcome, RetryState

POLICY = DefaultRetryPolicy(max_retries=3, base_delay=0.5, max_delay=4.0, max_retry_after=60.0)


@pytest.mark.parametrize(
    ("outcome", "status", "idempotent", "retried"),
    [
        (Outcome.STATUS, 429, True, True),
        (Outcome.STATUS, 429, False, True),  # refused, so never applied
        (Outcome.CONNECT_FAILED, None, True, True),
        (Outcome.CONNECT_FAILED, None, False, True),  # nothing reached the server
        (Outcome.CONNECTION_LOST, None, True, True),
        (Outcome.CONNECTION_LOST, None, False, False),  # may have been applied
        (Outcome.TIMEOUT, None, True, True),
        (Outcome.TIMEOUT, None, False, False),
        *[(Outcome.STATUS, s, True, True) for s in (500, 502, 503, 504)],
        *[(Outcome.STATUS, s, False, False) for s in (500, 502, 503, 504)],
        *[(Outcome.STATUS, s, True, False) for s in (400, 401, 403, 404, 406, 422, 501)],
    ],
)
def test_retry_table(outcome: Outcome, status: int | None, idempotent: bool, retried: bool) -> None:
    state = RetryState(attempt=1, idempotent=idempotent, outcome=outcome, status=status)
    delay = POLICY.delay_before_retry(state, jitter=0.0)
    assert (delay is not None) is retried


@pytest.mark.parametrize(
    ("attempt", "jitter", "expected"),
    [(1, 0.0, 0.25), (1, 1.0, 0.5), (2, 0.0, 0.5), (3, 0.5, 1.5), (3, 1.0, 2.0)],
)
def test_backoff_is_exponential_with_equal_jitter(
    attempt: int, jitter: float, expected: float
) -> None:
    state = RetryState(attempt=attempt, idempotent=True, outcome=Outcome.TIMEOUT)
    assert POLICY.delay_before_retry(state, jitter) == pytest.approx(expected)


def test_backoff_is_capped() -> None:
    policy = DefaultRetryPolicy(max_retries=20, base_delay=1.0, max_delay=4.0)
    state = RetryState(attempt=10, idempotent=True, outcome=Outcome.TIMEOUT)
    assert policy.delay_before_retry(state, jitter=1.0) == 4.0


def test_retry_budget_is_respected() -> None:
    state = RetryState(attempt=4, idempotent=True, outcome=Outcome.STATUS, status=503)
    assert POLICY.delay_before_retry(state, 0.0) is None
    assert (
        DefaultRetryPolicy(max_retries=0).delay_before_retry(
            RetryState(attempt=1, idempotent=True, outcome=Outcome.STATUS, status=429), 0.0
        )
        is None
    )


def test_retry_after_is_honoured_exactly_and_too_long_ones_are_raised() -> None:
    honoured = RetryState(
        attempt=1, idempotent=False, outcome=Outcome.STATUS, status=429, retry_after=12.0
    )
    assert POLICY.delay_before_retry(honoured, jitter=0.9) == 12.0
    too_long = RetryState(
        attempt=1, idempotent=True, outcome=Outcome.STATUS, status=429, retry_after=3600.0
    )
    assert POLICY.delay_before_retry(too_long, jitter=0.0) is None
