"""The lead codec's fast path against its checked path: the same wire rows, the same errors.

The fast path takes only rows it can prove valid; everything else goes the checked path. The
attack is a row the fast path accepts that the checked path refuses, or normalises otherwise
(a different email, a dropped or reordered key, a shared dict).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from smartlead_async import RequestValidationError
from smartlead_async._json import JSONObject
from smartlead_async._lead_codec import LEAD_FIELDS, _fast_wire, checked_lead_to_wire, lead_to_wire
from smartlead_async._validation import checked_email, normalize_email, plain_email
from smartlead_async.models import LeadRow

# Emails built from the characters every rule is about: dots, hyphens, case, digits-only labels,
# whitespace (and a trailing newline, which `$` in the checked path's patterns lets through).
PIECES = st.sampled_from(
    ["a", "Z", "0", "9", ".", "-", "_", "+", "!", "@", " ", "\n", "é", "..", "-.", ".-", "x" * 63]
)
SHAPED = st.builds(
    lambda local, domain, tld, pad: f"{pad}{local}@{domain}.{tld}{pad}",
    st.text("abcXY09.-_+", min_size=0, max_size=70),
    st.text("abcXY09.-", min_size=0, max_size=70),
    st.sampled_from(["io", "IO", "com", "c0m", "123", "x-y", "-io", "io-", "a" * 63, "a" * 64]),
    st.sampled_from(["", " ", "\t", "\n"]),
)
PLAUSIBLE = st.builds(
    lambda local, labels, pad: f"{pad}{local}@{'.'.join(labels)}{pad}",
    st.from_regex(r"[A-Za-z0-9+_-]{1,8}(\.[A-Za-z0-9+_-]{1,8}){0,2}", fullmatch=True),
    st.lists(
        st.from_regex(r"[a-z0-9]([a-z0-9-]{0,5}[a-z0-9])?", fullmatch=True), min_size=1, max_size=3
    ).map(lambda labels: [*labels, "io"]),
    st.sampled_from(["", " "]),
)
EMAILS = st.one_of(
    PLAUSIBLE, SHAPED, st.lists(PIECES, max_size=12).map("".join), st.text(max_size=30)
)
VALUES = st.one_of(
    st.none(),
    st.text(max_size=5),
    st.integers(-2, 2),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
)
CUSTOM = st.one_of(
    st.none(),
    st.integers(),
    st.dictionaries(st.one_of(st.text(" ab", max_size=3), st.integers(0, 2)), VALUES, max_size=22),
)
FIELDS = sorted(LEAD_FIELDS - {"email", "custom_fields"})
ROWS = st.fixed_dictionaries(
    {},
    optional={
        "email": st.one_of(PLAUSIBLE, EMAILS, VALUES),
        **dict.fromkeys(FIELDS, st.one_of(st.text(max_size=4), st.text(max_size=4), VALUES)),
        "custom_fields": CUSTOM,
        "nickname": st.text(max_size=3),  # not a lead field
    },
)

#: Rows near the fast path's edge: mostly plain, now and then one value it must hand over.
NEAR_PLAIN = st.fixed_dictionaries(
    {"email": st.one_of(PLAUSIBLE, PLAUSIBLE, SHAPED)},
    optional={
        **dict.fromkeys(FIELDS, st.one_of(st.text(max_size=4), st.text(max_size=4), VALUES)),
        "custom_fields": st.one_of(
            st.dictionaries(st.text(" ab", max_size=3), st.text(max_size=3), max_size=21),
            CUSTOM,
        ),
    },
)


def outcome(encode: Callable[[LeadRow, int], JSONObject], row: LeadRow) -> tuple[str, object]:
    try:
        wire = encode(row, 7)
    except RequestValidationError as exc:
        return "error", str(exc)
    # Order counts too: it is the order of the JSON body.
    nested = wire.get("custom_fields")
    return "wire", (list(wire.items()), list(nested.items()) if isinstance(nested, dict) else None)


@settings(max_examples=1500, deadline=None)
@given(EMAILS)
def test_a_plain_email_is_one_the_checked_rules_accept_and_normalise_alike(email: str) -> None:
    plain = plain_email(email)
    if plain is None:
        return
    assert plain == checked_email(email)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(ROWS, NEAR_PLAIN))
def test_fast_and_checked_paths_give_the_same_wire_row_or_the_same_error(
    row: dict[str, object],
) -> None:
    assert outcome(lead_to_wire, row) == outcome(checked_lead_to_wire, row)
    fast = _fast_wire(row)
    event("fast path" if fast is not None else "checked path")
    if fast is not None:  # a copy: the caller's row (and its custom fields) stays untouched
        assert fast is not row
        if isinstance(row.get("custom_fields"), dict):
            assert fast["custom_fields"] is not row["custom_fields"]


@pytest.mark.parametrize(
    "row",
    [
        {"email": "ann@x.io"},
        {"email": " Ann.Lee+q@mail.x-y.example ", "first_name": "Ann", "company_name": ""},
        {"company_url": "u", "email": "a@b.co", "custom_fields": {"Tier": "1", " k ": ""}},
    ],
)
def test_plain_rows_take_the_fast_path(row: dict[str, object]) -> None:
    # Otherwise the equivalence above would hold for a fast path that never runs.
    assert _fast_wire(row) == checked_lead_to_wire(row, 0)


@pytest.mark.parametrize(
    ("email", "why"),
    [
        ("ann@X.io", "an upper-case domain is lower-cased by the checked path"),
        ("a@b-.io", "a label ending in a hyphen"),
        ("a@-b.io", "a label starting with a hyphen"),
        (f"a@{'b' * 64}.io", "a label of 64 characters"),
        (f"{'a' * 65}@b.io", "a local part of 65 characters"),
        (f"a@{'b.' * 126}io", "255 characters in all"),
        ("a@b.123", "an all-digit top-level label"),
        ("a.@b.io", "a local part ending in a dot"),
    ],
)
def test_what_the_plain_pattern_leaves_to_the_checked_rules(email: str, why: str) -> None:
    assert plain_email(email) is None, why


def test_the_checked_path_still_words_every_error() -> None:
    with pytest.raises(RequestValidationError, match=r"lead 3: email is not a valid email"):
        lead_to_wire({"email": "a@b-.io"}, 3)
    with pytest.raises(RequestValidationError, match=r"lead 3: custom field 'x' must be a finite"):
        lead_to_wire({"email": "a@b.io", "custom_fields": {"x": math.nan}}, 3)
    assert normalize_email(" Ann@X.IO ") == "Ann@x.io"
