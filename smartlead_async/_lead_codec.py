"""The lead wire codec: one validated, normalised ``lead_list`` element per input row.

Shared by ``client.leads``, ``client.lead_lists``, the bulk importer and the arq jobs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from smartlead_async._json import JSON
from smartlead_async._validation import LEAD_FIELDS, check_custom_fields, normalize_email
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.leads import LeadInput, LeadRow

__all__ = ["lead_to_wire"]


def lead_to_wire(lead: LeadRow, index: int) -> dict[str, JSON]:
    """One validated, normalised element of ``lead_list`` (errors name the lead's index).

    Lead fields must be strings (or ``None``): a number or ``NaN`` is refused rather than sent as
    ``"5"`` or ``"nan"``. Custom field values may be strings, finite numbers or booleans.
    """
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
    check_custom_fields(custom, where=where)
    for name, value in values.items():
        if name != "custom_fields" and not isinstance(value, str | None):
            raise RequestValidationError(
                f"{where}: {name} must be a string, got {type(value).__name__} {value!r}"
            )
    return _finish(values, where)


_LEAD_FIELD_NAMES = tuple(field.name for field in attrs.fields(LeadInput))


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
