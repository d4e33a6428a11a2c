"""The SDK's one time-window convention: ``start=`` / ``end=``, each a date or a tz-aware datetime.

Routes want different wire forms (plain dates on analytics, full timestamps on webhook summaries;
see docs/api-notes.md, Time windows and formats); resources say which, and this module converts
and checks.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from smartlead_async.errors import RequestValidationError

__all__ = ["Moment", "WireForm", "moment", "window"]

#: A point in time as callers give it.
Moment = dt.date | dt.datetime
#: How a route writes a point in time.
WireForm = Literal["date", "datetime"]


def moment(name: str, value: object, form: WireForm, *, end_of_day: bool = False) -> str:
    """One point in time in the route's wire form.

    A datetime must be timezone-aware (a naive one is ambiguous across SmartLead's servers). On a
    ``"date"`` route a datetime counts as its date in its own time zone; on a ``"datetime"`` route
    a date counts as midnight UTC, or, with ``end_of_day``, as the last second of that day (so
    ``end=date`` includes the whole day).

    Raises:
        RequestValidationError: The value is not a date or an aware datetime.
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise RequestValidationError(f"{name} must be timezone-aware, got {value!r}")
        return value.date().isoformat() if form == "date" else value.isoformat()
    if isinstance(value, dt.date):
        if form == "date":
            return value.isoformat()
        return _instant(value, end_of_day=end_of_day).isoformat()
    raise RequestValidationError(
        f"{name} must be a date or a timezone-aware datetime, got {value!r}"
    )


def window(start: object, end: object, form: WireForm) -> tuple[str, str]:
    """``start`` and ``end`` in the route's wire form, checked to run forward.

    Raises:
        RequestValidationError: Either end is invalid, or ``start`` is after ``end``.
    """
    first = moment("start", start, form)
    last = moment("end", end, form, end_of_day=True)
    if _instant(start) > _instant(end, end_of_day=True):
        raise RequestValidationError(f"start {start} is after end {end}")
    return first, last


def _instant(value: object, *, end_of_day: bool = False) -> dt.datetime:
    # A date counts as midnight UTC, or with ``end_of_day`` as the last second of that day.
    if isinstance(value, dt.datetime):
        return value
    assert isinstance(value, dt.date)  # checked by moment()
    clock = dt.time(23, 59, 59) if end_of_day else dt.time(0, 0)
    return dt.datetime.combine(value, clock, tzinfo=dt.UTC)
