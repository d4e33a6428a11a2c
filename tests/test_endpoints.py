"""Route declarations: retry safety and answer shapes are facts of the route, applied alike."""

from __future__ import annotations

import pytest

from smartlead_async._endpoints import EmptyAnswerError, Endpoint, Paging, Unwrap, WhenBodyHas
from smartlead_async._json import JSON
from smartlead_async.errors import ResponseDecodeError
from smartlead_async.models.common import OkResponse


def route(unwrap: Unwrap, *, empty_is_not_found: bool = False) -> Endpoint[object]:
    return Endpoint(
        "GET", "things/{thing_id}", object, unwrap=unwrap, empty_is_not_found=empty_is_not_found
    )


@pytest.mark.parametrize(
    ("method", "idempotent", "body", "expected"),
    [
        ("GET", None, None, True),
        ("POST", None, {"a": 1}, False),
        ("DELETE", None, None, False),
        ("POST", True, {"a": 1}, True),
        ("GET", False, None, False),
        # Create-or-update: safe only when the body names the record.
        ("POST", WhenBodyHas("id"), {"id": 7, "name": "x"}, True),
        ("POST", WhenBodyHas("id"), {"id": None, "name": "x"}, False),
        ("POST", WhenBodyHas("id"), {"name": "x"}, False),
        ("POST", WhenBodyHas("id"), [{"id": 7}], False),
    ],
)
def test_retry_safety_comes_from_the_route(
    method: str, idempotent: bool | WhenBodyHas | None, body: JSON, expected: bool
) -> None:
    endpoint = Endpoint(method, "x", OkResponse, idempotent=idempotent)
    assert endpoint.spec(json=body).idempotent is expected


def test_the_spec_fills_the_path_and_keeps_the_route_flags() -> None:
    endpoint = Endpoint("DELETE", "a/{a_id}/b/{b_id}", OkResponse, text_ok=True)
    spec = endpoint.spec(query={"q": 1}, a_id=3, b_id=4)
    assert (spec.method, spec.path, dict(spec.query), spec.text_ok) == (
        "DELETE",
        "a/3/b/4",
        {"q": 1},
        True,
    )


def test_routes_whose_empty_answer_means_not_found_accept_an_empty_body() -> None:
    spec = Endpoint("GET", "x", OkResponse, empty_is_not_found=True).spec()
    assert spec.empty_ok


@pytest.mark.parametrize(
    ("unwrap", "payload", "expected"),
    [
        (Unwrap.BODY, {"a": 1}, {"a": 1}),
        (Unwrap.DATA, {"data": {"a": 1}, "ok": True}, {"a": 1}),
        (Unwrap.DATA, {"ok": True}, None),
        (Unwrap.DATA_OR_BODY, {"data": {"a": 1}}, {"a": 1}),
        (Unwrap.DATA_OR_BODY, {"a": 1}, {"a": 1}),
        (Unwrap.FIRST_OF_DATA, {"data": [{"a": 1}, {"a": 2}]}, {"a": 1}),
        (Unwrap.ONE_OR_MANY, [{"a": 1}], {"rows": [{"a": 1}]}),
        (Unwrap.ONE_OR_MANY, {"a": 1}, {"rows": [{"a": 1}]}),
        (Unwrap.ROWS, [1, 2], {"rows": [1, 2]}),
        (
            Unwrap.EVENT_MAPS,
            {"event_type_map": {"EMAIL_REPLY": True, "EMAIL_SENT": False}, "id": 1},
            {"id": 1, "event_types": ["EMAIL_REPLY"]},
        ),
        (Unwrap.EVENT_MAPS, {"event_types": ["EMAIL_SENT"]}, {"event_types": ["EMAIL_SENT"]}),
    ],
)
def test_unwrap_rules(unwrap: Unwrap, payload: JSON, expected: JSON) -> None:
    assert route(unwrap).unwrapped(payload) == expected


@pytest.mark.parametrize("payload", [{"data": []}])
def test_an_empty_data_list_means_not_found(payload: JSON) -> None:
    with pytest.raises(EmptyAnswerError):
        route(Unwrap.FIRST_OF_DATA).unwrapped(payload)


@pytest.mark.parametrize("payload", [{"data": {}}, {"ok": True}, [1]])
def test_first_of_data_refuses_other_shapes(payload: JSON) -> None:
    with pytest.raises(ResponseDecodeError, match="no"):
        route(Unwrap.FIRST_OF_DATA).unwrapped(payload)


@pytest.mark.parametrize("payload", [{}, None, "x", 3])
def test_one_or_many_refuses_what_is_neither_rows_nor_one_row(payload: JSON) -> None:
    # `{}` is not "no rows" (that is `[]`).
    with pytest.raises(ResponseDecodeError, match="neither"):
        route(Unwrap.ONE_OR_MANY).unwrapped(payload)


@pytest.mark.parametrize("payload", [{}, {"data": {}}, {"data": None}, None, []])
def test_data_or_body_refuses_an_empty_result(payload: JSON) -> None:
    with pytest.raises(ResponseDecodeError, match="empty"):
        route(Unwrap.DATA_OR_BODY).unwrapped(payload)


@pytest.mark.parametrize("payload", [None, {}])
def test_declared_empty_answers_mean_not_found(payload: JSON) -> None:
    with pytest.raises(EmptyAnswerError):
        route(Unwrap.BODY, empty_is_not_found=True).unwrapped(payload)


def test_paging_and_retry_safety_read_well_in_the_generated_table() -> None:
    assert str(Paging(max_limit=100)) == "offset, ≤ 100"
    assert str(Paging(max_limit=20, in_body=True)) == "offset (body), ≤ 20"
    assert str(Paging(max_limit=1000, cursor="lastSeenLeadId")) == "cursor `lastSeenLeadId`, ≤ 1000"
    assert str(Paging(max_limit=None)) == "one page"
    assert Endpoint("POST", "x", OkResponse, idempotent=WhenBodyHas("id")).retry_safe == (
        "when `id` is sent"
    )
    assert Endpoint("GET", "x", OkResponse).retry_safe == "yes"
    assert Endpoint("POST", "x", OkResponse).retry_safe == "no"
