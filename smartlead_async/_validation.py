"""Client-side checks of documented limits. Each raises RequestValidationError before sending."""

from __future__ import annotations

import functools
import math
import re
import zoneinfo
from collections.abc import Mapping, Sequence
from typing import Any

from smartlead_async._json import JSON
from smartlead_async.errors import RequestValidationError

__all__ = [
    "MAX_CUSTOM_FIELDS",
    "MAX_CUSTOM_FIELDS_DOCUMENTED",
    "MAX_LEADS_PER_REQUEST",
    "MAX_LEADS_PER_REQUEST_DOCUMENTED",
    "checked_email",
    "normalize_block_entry",
    "normalize_email",
    "plain_email",
    "require_hour",
    "require_id",
    "require_ids",
    "require_int_range",
    "require_optional_id",
    "require_page",
    "require_text",
    "require_timezone",
]

#: add-leads accepts at most 100 leads per call (help center; some sources claim 350 or 400).
MAX_LEADS_PER_REQUEST = 100
#: A lead carries at most 20 custom fields (help center).
MAX_CUSTOM_FIELDS = 20
#: The larger add-leads limits SmartLead's API reference documents on unaudited pages: callers
#: opt in (accounts that still enforce 100 and 20 would refuse a whole batch).
MAX_LEADS_PER_REQUEST_DOCUMENTED = 400
MAX_CUSTOM_FIELDS_DOCUMENTED = 200
#: Wire keys accepted in one element of ``lead_list``; anything else belongs in custom_fields.
_MAX_EMAIL_LENGTH = 254
_MAX_LOCAL_PART = 64
_LOCAL_PART = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$")
_DOMAIN_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_MAX_LABEL = 63
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
#: The common case of a valid email, matched at C speed: a dot-atom local part and a lower-case
#: domain of LDH labels ending in a letters-only label (with the checks in plain_email).
_PLAIN_EMAIL = re.compile(rf"({_ATOM}(?:\.{_ATOM})*)@((?:[a-z0-9-]+\.)+[a-z]{{2,63}})").fullmatch


def require_id(name: str, value: object) -> int:
    """Return ``value`` if it is a positive int id."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise RequestValidationError(f"{name} must be a positive integer, got {value!r}")
    return value


def require_ids(name: str, values: object, *, max_count: int | None = None) -> list[JSON]:
    """A non-empty sequence of positive int ids (at most ``max_count``), as a JSON list."""
    if isinstance(values, str | bytes) or not isinstance(values, Sequence) or not values:
        raise RequestValidationError(f"{name} must be a non-empty sequence of ids")
    if max_count is not None and len(values) > max_count:
        raise RequestValidationError(f"{name} takes at most {max_count} ids, got {len(values)}")
    return [require_id(name, value) for value in values]


def require_optional_id(name: str, value: object) -> int | None:
    """``None`` (send null) or a positive int id."""
    return None if value is None else require_id(name, value)


def require_confirmation(argument: str, value: object, consequence: str) -> None:
    """Refuse a call that spends money or credits or sends email unless ``argument=True`` was
    passed (a truthy value that is not ``True`` does not count), before anything is sent."""
    if value is not True:
        raise RequestValidationError(f"{consequence}: pass {argument}=True")


def require_text(name: str, value: object) -> str:
    """Return ``value`` stripped if it is a non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise RequestValidationError(f"{name} must be a non-empty string, got {value!r}")
    return value.strip()


def require_page(offset: int, limit: int, *, max_limit: int) -> None:
    """Check offset/limit against an endpoint's documented bounds."""
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise RequestValidationError(f"offset must be an integer >= 0, got {offset!r}")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= max_limit:
        raise RequestValidationError(f"limit must be an integer in 1..{max_limit}, got {limit!r}")


def normalize_email(value: object, *, field: str = "email") -> str:
    """Return a syntactically valid email, stripped and with its domain lower-cased.

    The check is deliberately practical (RFC 5321 lengths, dot-atom local part, LDH domain labels
    with a TLD), not a full RFC 5322 parser: it rejects what SmartLead would count as invalid.
    """
    if not isinstance(value, str):
        raise RequestValidationError(f"{field} must be a string, got {value!r}")
    plain = plain_email(value)
    return plain if plain is not None else checked_email(value, field=field)


def checked_email(value: str, *, field: str = "email") -> str:
    """:func:`normalize_email` of a string, each rule checked on its own."""
    email = value.strip()
    local, at, domain = email.rpartition("@")
    labels = domain.split(".")
    valid = (
        at == "@"
        and 0 < len(local) <= _MAX_LOCAL_PART
        and len(email) <= _MAX_EMAIL_LENGTH
        and _LOCAL_PART.match(local) is not None
        and not local.startswith(".")
        and not local.endswith(".")
        and ".." not in local
        and len(labels) >= 2
        and all(_DOMAIN_LABEL.match(label) for label in labels)
        and not labels[-1].isdigit()
    )
    if not valid:
        raise RequestValidationError(f"{field} is not a valid email address: {value!r}")
    return f"{local}@{domain.lower()}"


def plain_email(value: str) -> str | None:
    """``normalize_email(value)`` when ``value`` is plainly valid (one precompiled match and a
    few length checks), else ``None``: then only :func:`normalize_email` can tell."""
    email = value.strip()
    match = _PLAIN_EMAIL(email)
    if match is None or len(email) > _MAX_EMAIL_LENGTH or match.end(1) > _MAX_LOCAL_PART:
        return None
    domain = match[2]
    # No label may start or end with a hyphen, or be longer than 63 characters.
    if domain[0] == "-" or "-." in domain or ".-" in domain:
        return None
    if len(domain) > _MAX_LABEL and max(map(len, domain.split("."))) > _MAX_LABEL:
        return None
    return email  # its domain is lower-case already


def normalize_block_entry(value: object) -> str:
    """An email (validated as such) or a bare domain such as ``competitor.com``, lower-cased."""
    if isinstance(value, str) and "@" in value:
        return normalize_email(value, field="block list entry").lower()
    domain = value.strip().lower() if isinstance(value, str) else ""
    labels = domain.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.match(label) for label in labels):
        raise RequestValidationError(f"block list entry is not an email or a domain: {value!r}")
    return domain


def check_custom_fields(
    custom_fields: Mapping[str, Any] | None, *, where: str, max_fields: int = MAX_CUSTOM_FIELDS
) -> None:
    """Check the documented custom-field limits: at most ``max_fields`` keys (20 unless the
    caller opted in to more), string keys, scalar values."""
    if custom_fields is None:
        return
    if not isinstance(custom_fields, Mapping):
        raise RequestValidationError(f"{where}: custom_fields must be a mapping")
    if len(custom_fields) > max_fields:
        raise RequestValidationError(
            f"{where}: {len(custom_fields)} custom fields, at most {max_fields} are allowed"
        )
    for key, field_value in custom_fields.items():
        if not isinstance(key, str) or not key.strip():
            raise RequestValidationError(f"{where}: custom field names must be non-empty strings")
        if not (field_value is None or isinstance(field_value, str | int | float | bool)):
            raise RequestValidationError(
                f"{where}: custom field {key!r} must be a string, number or boolean"
            )
        if isinstance(field_value, float) and not math.isfinite(field_value):
            # json.dumps would write NaN/Infinity, which is not JSON.
            raise RequestValidationError(
                f"{where}: custom field {key!r} must be a finite number, got {field_value!r}"
            )


_HOUR = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def require_hour(name: str, value: object) -> str:
    """An ``HH:MM`` time of day."""
    if not isinstance(value, str) or not _HOUR.match(value):
        raise RequestValidationError(f"{name} must be an HH:MM time, got {value!r}")
    return value


@functools.cache
def _known_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def require_timezone(value: object) -> str:
    """An IANA timezone name, checked against the system's tz database when it has one."""
    if not isinstance(value, str) or not value.strip():
        raise RequestValidationError(f"timezone must be an IANA name, got {value!r}")
    known = _known_timezones()
    if known and value not in known:
        raise RequestValidationError(f"unknown IANA timezone {value!r} (e.g. 'America/New_York')")
    return value


def require_int_range(name: str, value: object, low: int, high: int | None = None) -> int:
    """An int within ``low..high`` (``high`` None: no upper bound)."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or value < low
        or (high is not None and value > high)
    ):
        bounds = f"{low}..{high}" if high is not None else f">= {low}"
        raise RequestValidationError(f"{name} must be an integer {bounds}, got {value!r}")
    return value
