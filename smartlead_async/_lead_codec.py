"""The lead wire codec: one validated, normalised ``lead_list`` element per input row.

Shared by ``client.leads``, ``client.lead_lists``, the bulk importer and the arq jobs.

Two paths give one result. The checked path (:func:`checked_lead_to_wire`) states the rules one
by one and words every error. The fast path takes only rows it can prove valid with a few C-level
operations — a plain ``dict`` whose keys are known, whose lead fields are all strings, whose
custom fields are a plain ``dict`` of non-blank string names and string values, and whose email
is plainly valid (``plain_email``) — and builds exactly what the checked path would. Any other row
(an error, ``None`` values, numbers in custom fields, a ``LeadInput``, an unusual email) goes the
checked path, so errors and results are the same whichever path a row takes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from smartlead_async._json import JSON
from smartlead_async._validation import (
    MAX_CUSTOM_FIELDS,
    check_custom_fields,
    normalize_email,
    plain_email,
)
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.leads import LeadInput, LeadRow

__all__ = ["LEAD_FIELDS", "checked_lead_to_wire", "lead_to_wire"]

#: The keys a lead row may carry (``LeadInput``'s fields, as on the wire).
LEAD_FIELDS = frozenset(a.name for a in attrs.fields(LeadInput))


def lead_to_wire(
    lead: LeadRow, index: int, *, max_custom_fields: int = MAX_CUSTOM_FIELDS
) -> dict[str, JSON]:
    """One validated, normalised element of ``lead_list`` (errors name the lead's index).

    Lead fields must be strings (or ``None``): a number or ``NaN`` is refused rather than sent as
    ``"5"`` or ``"nan"``. Custom field values may be strings, finite numbers or booleans; at most
    ``max_custom_fields`` of them (20 unless the caller opted in to more).
    """
    if type(lead) is dict:
        wire = _fast_wire(lead, max_custom_fields)
        if wire is not None:
            return wire
    return checked_lead_to_wire(lead, index, max_custom_fields=max_custom_fields)


def checked_lead_to_wire(
    lead: LeadRow, index: int, *, max_custom_fields: int = MAX_CUSTOM_FIELDS
) -> dict[str, JSON]:
    """:func:`lead_to_wire` for any row, each rule checked and worded on its own."""
    where = f"lead {index}"
    if isinstance(lead, Mapping):
        unknown = set(lead) - LEAD_FIELDS
        if unknown:
            # The API may fail the whole batch on an unknown key; say which one here instead.
            raise RequestValidationError(
                f"{where}: unknown lead fields {sorted(unknown)}; put extra data in custom_fields"
            )
        if "email" not in lead:
            raise RequestValidationError(f"{where}: email is required")
        values = dict(lead)
    elif isinstance(lead, LeadInput):
        values = {name: getattr(lead, name) for name in _LEAD_FIELD_NAMES}
    else:
        raise RequestValidationError(f"{where}: expected LeadInput or a mapping, got {lead!r}")
    custom = _custom_fields(values.get("custom_fields"))
    check_custom_fields(custom, where=where, max_fields=max_custom_fields)
    for name, value in values.items():
        if name != "custom_fields" and not isinstance(value, str | None):
            raise RequestValidationError(
                f"{where}: {name} must be a string, got {type(value).__name__} {value!r}"
            )
    return _finish(values, where)


_LEAD_FIELD_NAMES = tuple(field.name for field in attrs.fields(LeadInput))
_join = "".join


def _fast_wire(
    lead: dict[str, Any], max_custom_fields: int = MAX_CUSTOM_FIELDS
) -> dict[str, JSON] | None:
    """The wire form of a row that is certainly valid, or ``None`` to take the checked path."""
    if not lead.keys() <= LEAD_FIELDS:
        return None
    email = lead.get("email")
    if type(email) is not str:
        return None
    wire = lead.copy()
    custom = wire.get("custom_fields", wire)  # the wire dict itself marks "no custom fields"
    if custom is not wire:
        if type(custom) is not dict or len(custom) > max_custom_fields:
            return None
        try:
            # Every name a string that is not blank, every value a string: nothing to refuse.
            if not all(map(str.strip, custom)):
                return None
            _join(custom.values())
        except TypeError:
            return None
        wire["custom_fields"] = ""  # so that the join below sees only lead fields
    try:
        _join(wire.values())  # every lead field a string (None and numbers go the checked path)
    except TypeError:
        return None
    normalised = plain_email(email)
    if normalised is None:
        return None
    if custom is not wire:
        wire["custom_fields"] = custom.copy()
    wire["email"] = normalised
    return wire


def _finish(values: dict[str, Any], where: str) -> dict[str, JSON]:
    """Unset (``None``) fields and custom fields left out, the email normalised."""
    wire: dict[str, JSON] = {k: v for k, v in values.items() if v is not None}
    custom = values.get("custom_fields")
    if custom is not None:
        wire["custom_fields"] = {k: v for k, v in custom.items() if v is not None}
    wire["email"] = normalize_email(values["email"], field=f"{where}: email")
    return wire


def _custom_fields(value: object) -> Mapping[str, object] | None:
    # Checked before structuring, so that a nested value is reported as such, not coerced.
    if value is None or isinstance(value, Mapping):
        return value
    raise RequestValidationError("custom_fields must be a mapping")
