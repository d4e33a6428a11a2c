"""The fake's own rules: strict sliding windows on an injected clock, add-leads accounting."""

from __future__ import annotations

import aiohttp

from smartlead_async import RateLimit
from smartlead_async.testing import FakeSmartlead
from smartlead_async.testing._windows import SlidingWindows


def test_sliding_window_is_strict_and_reports_the_wait() -> None:
    now = [0.0]
    windows = SlidingWindows([RateLimit(3, 2.0)], clock=lambda: now[0])
    for t in (0.0, 0.5, 1.0):
        now[0] = t
        assert windows.admit("k") is None
    now[0] = 1.9
    assert windows.admit("k") == 0.10000000000000009  # until the request at t=0 leaves
    assert windows.admit("other-key") is None  # counted per key
    now[0] = 2.0
    assert windows.admit("k") is None  # (0, 2] no longer holds t=0
    now[0] = 2.1
    assert windows.admit("k") is not None  # 0.5, 1.0, 2.0 are in (0.1, 2.1]


def test_refused_requests_do_not_count() -> None:
    now = [0.0]
    windows = SlidingWindows([RateLimit(1, 1.0)], clock=lambda: now[0])
    assert windows.admit("k") is None
    for _ in range(5):
        assert windows.admit("k") is not None
    now[0] = 1.0
    assert windows.admit("k") is None


async def test_429_body_and_optional_retry_after() -> None:
    for send_retry_after in (True, False):
        async with (
            FakeSmartlead(
                rate_limits=[RateLimit(1, 60)], send_retry_after=send_retry_after
            ) as fake,
            aiohttp.ClientSession() as http,
        ):
            url = f"{fake.base_url}/campaigns?api_key={fake.api_key}"
            async with http.get(url) as first:
                assert first.status == 200
            async with http.get(url) as second:
                assert second.status == 429
                assert "Rate limit" in (await second.json())["error"]
                assert ("Retry-After" in second.headers) is send_retry_after
            assert fake.state.rate_limited == 1


async def test_add_leads_refuses_more_than_100_and_unknown_fields() -> None:
    async with FakeSmartlead() as fake, aiohttp.ClientSession() as http:
        campaign = fake.state.add_campaign("c")
        url = f"{fake.base_url}/campaigns/{campaign.id}/leads?api_key={fake.api_key}"
        too_many = {"lead_list": [{"email": f"x{i}@a.io"} for i in range(101)]}
        async with http.post(url, json=too_many) as response:
            assert response.status == 400
            assert "100" in (await response.json())["message"]
        unknown = {"lead_list": [{"email": "x@a.io", "firstName": "X"}]}
        async with http.post(url, json=unknown) as response:
            assert response.status == 400
        invalid = {"lead_list": [{"email": "x@a.io"}, {"email": "bad@"}]}
        async with http.post(url, json=invalid) as response:
            body = await response.json()
        assert (body["upload_count"], body["invalid_email_count"], body["invalid_emails"]) == (
            1,
            1,
            ["bad@"],
        )
        unsubscribed = fake.state.leads["x@a.io"]
        unsubscribed.is_unsubscribed = True
        other = fake.state.add_campaign("d")
        url = f"{fake.base_url}/campaigns/{other.id}/leads?api_key={fake.api_key}"
        async with http.post(url, json={"lead_list": [{"email": "x@a.io"}]}) as response:
            body = await response.json()
        assert (body["upload_count"], body["unsubscribed_leads"]) == (0, ["x@a.io"])


async def test_out_of_range_pages_are_rejected_and_logged() -> None:
    async with FakeSmartlead() as fake, aiohttp.ClientSession() as http:
        url = f"{fake.base_url}/email-accounts/?api_key={fake.api_key}&limit=101"
        async with http.get(url) as response:
            assert response.status == 400
            assert "1..100" in (await response.json())["message"]
        assert [(r.path, r.status) for r in fake.state.requests] == [
            ("/api/v1/email-accounts/", 400)
        ]


async def test_lead_credits_stop_the_import_cleanly() -> None:
    async with FakeSmartlead(lead_credits=2) as fake, aiohttp.ClientSession() as http:
        campaign = fake.state.add_campaign("c")
        url = f"{fake.base_url}/campaigns/{campaign.id}/leads?api_key={fake.api_key}"
        rows = {"lead_list": [{"email": f"x{i}@a.io"} for i in range(5)]}
        async with http.post(url, json=rows) as response:
            body = await response.json()
    assert (body["upload_count"], body["lead_import_stopped_count"]) == (2, 3)
    assert body["is_lead_limit_exhausted"] is True
    assert sorted(campaign.leads) == ["x0@a.io", "x1@a.io"]


async def test_bulk_reconnect_is_limited_to_three_calls_a_day() -> None:
    now = [0.0]
    async with FakeSmartlead(clock=lambda: now[0]) as fake, aiohttp.ClientSession() as http:
        url = (
            f"{fake.base_url}/email-accounts/reconnect-failed-email-accounts?api_key={fake.api_key}"
        )

        async def call() -> tuple[int, dict[str, object]]:
            async with http.post(url, json={}) as response:
                return response.status, await response.json()

        assert (await call())[0] == 404  # no failed account yet: 404 with ok: true
        fake.seed.email_account("broken@outbound.example", connected=False)
        assert [(await call())[0] for _ in range(2)] == [200, 200]
        status, body = await call()
        assert (status, body["ok"]) == (406, True)
        assert "3 times a day" in str(body["message"])
        now[0] = 86_400.0  # the first call leaves the 24-hour window
        assert (await call())[0] == 200


async def test_leads_listing_filters_by_status_and_category() -> None:
    async with FakeSmartlead() as fake, aiohttp.ClientSession() as http:
        campaign = fake.state.add_campaign("c")
        fake.state.enroll(campaign, "a@x.io").lead_category_id = 3
        fake.state.enroll(campaign, "b@x.io").status = "PAUSED"
        base = f"{fake.base_url}/campaigns/{campaign.id}/leads?api_key={fake.api_key}"
        async with http.get(base + "&lead_category_id=3") as response:
            by_category = await response.json()
        async with http.get(base + "&status=PAUSED") as response:
            by_status = await response.json()
    assert [row["lead"]["email"] for row in by_category["data"]] == ["a@x.io"]
    assert [row["lead"]["email"] for row in by_status["data"]] == ["b@x.io"]
    assert by_status["total_leads"] == "1"
