"""The fake's Prospect host end to end: the SDK's ``client.prospect`` methods against
``FakeSmartlead``, with the state they leave (searches, fetched contacts, credits)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import aiohttp
import attrs
import pytest

from smartlead_async import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    OperationFailedError,
    SmartleadClient,
)
from smartlead_async.models import LeadInput
from smartlead_async.models.prospect import ContactCompany, ContactFilters, EmailQuery
from smartlead_async.testing import FakeSmartlead

#: A fixed "now" for the analytics: mid-month, so thirty days back is last month.
NOON_MID_MONTH = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)
DIRECTORS_US = ContactFilters(title=["Director"], country=["United States"])


async def _raw(
    fake: FakeSmartlead, method: str, path: str, *, query: str = "", body: object = None
) -> tuple[int, Any]:
    """A request the SDK would not send (it checks its arguments first)."""
    url = f"{fake.base_url_for('prospect')}{path}?api_key={fake.api_key}{query}"
    async with aiohttp.ClientSession() as http, http.request(method, url, json=body) as response:
        return response.status, await response.json()


def _prospect_error(status: int, phrase: str, error: str) -> dict[str, object]:
    return {"statusCode": status, "success": False, "message": phrase, "error": error}


# --- lookups ----------------------------------------------------------------------------------


async def test_lookups_list_the_directory_s_values(fake_client: SmartleadClient) -> None:
    lookups = fake_client.prospect.lookups
    assert [(c.id, c.country_name) for c in await lookups.countries(search="united")] == [
        (1, "United States"),
        (2, "United Kingdom"),
    ]
    # Ids are positions in the whole list, whatever the filter.
    german = await lookups.states(countries=["Germany"])
    assert [(s.id, s.state_name) for s in german] == [(4, "Bavaria"), (5, "Berlin")]
    texan = await lookups.cities(states=["Texas"], countries=["United States"])
    assert [c.city_name for c in texan] == ["Austin", "Houston"]
    assert [c.company_name for c in await lookups.companies(search="ac")] == ["Acme Robotics"]
    assert len(await lookups.domains()) == 8
    assert [d.department_name for d in await lookups.departments(search="ing")] == [
        "Engineering",
        "Marketing",
    ]
    assert [level.level_name for level in await lookups.levels(search="level")] == [
        "Director-Level",
        "VP-Level",
        "C-Level",
    ]
    (tech,) = await lookups.industries(search="tech", with_sub_industries=True)
    assert (tech.id, [s.sub_industry_name for s in tech.sub_industry_list]) == (
        2,
        ["Software", "Hardware"],
    )
    assert [i.sub_industry_list for i in await lookups.industries(search="tech")] == [()]
    subs = await lookups.sub_industries(industry_id=tech.id)
    assert [(s.id, s.sub_industry_name, s.industry_id) for s in subs] == [
        (2, "Software", 2),
        (8, "Hardware", 2),
    ]
    assert [r.revenue for r in await lookups.revenues()][:2] == ["$1M-$10M", "$10M-$50M"]
    assert [h.head_count for h in await lookups.head_counts(search="-500")] == [
        "201-500",
        "1001-5000",
    ]
    titles = [t.job_title for t in await lookups.job_titles(search="director of")]
    assert titles == [
        "Director of Engineering",
        "Director of Sales",
        "Director of Operations",
        "Director of Marketing",
    ]
    assert [k.keyword for k in await lookups.keywords(search="saas")] == ["saas"]


async def test_a_lookup_walk_pages_by_offset_strings(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    names = [c.country_name async for c in fake_client.prospect.lookups.countries(limit=2)]
    assert names == ["United States", "United Kingdom", "Germany", "France", "India"]
    offsets = [r.query["offset"] for r in fake.state.requests if r.path.endswith("/countries")]
    assert offsets == ["0", "2", "4"]
    status, answer = await _raw(fake, "GET", "/states", query="&limit=2&offset=2&search=a")
    assert status == 200
    assert answer == {
        "success": True,
        "message": "Data retrieved successfully",
        "data": [{"id": 3, "state_name": "England"}, {"id": 4, "state_name": "Bavaria"}],
        "pagination": {"limit": 2, "offset": 2, "page": 2, "count": 2},
        "search": "a",
    }
    status, answer = await _raw(fake, "GET", "/keywords", query="&limit=1")
    assert answer == {
        "success": True,
        "message": "Keywords retrieved successfully",
        "data": [{"keyword": "robotics"}],
    }


@pytest.mark.parametrize(
    ("path", "query", "key"),
    [
        ("/countries", "&limit=101", "limit"),
        ("/levels", "&limit=0", "limit"),
        ("/departments", "&offset=-1", "offset"),
        ("/cities", "&search=", "search"),
        ("/industries", "&withSubIndustry=yes", "withSubIndustry"),
        ("/revenue", "&limit=10", "limit"),  # the route takes no parameters
        ("/head-counts", "&sort=asc", "sort"),
    ],
)
async def test_a_lookup_refuses_what_the_reference_does(
    fake: FakeSmartlead, path: str, query: str, key: str
) -> None:
    status, answer = await _raw(fake, "GET", path, query=query)
    assert status == 400
    assert answer["validation"] == {"source": "query", "keys": [key]}


async def test_a_bad_key_gets_the_host_s_401(fake: FakeSmartlead) -> None:
    async with SmartleadClient(
        "wrong-key", base_url=fake.base_url, host_urls=fake.host_urls, max_retries=0
    ) as sl:
        with pytest.raises(AuthenticationError) as caught:
            await sl.prospect.reply_analytics()
    assert caught.value.status == 401
    assert caught.value.body == _prospect_error(401, "Unauthorized", "User not authenticated")


# --- searching, fetching, reading -------------------------------------------------------------


async def test_a_search_pages_by_scroll_id_and_is_a_recent_search(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    prospect = fake_client.prospect
    first = await prospect.search_contacts(filters=DIRECTORS_US, limit=2)
    assert [c.full_name for c in first.contacts] == ["Mia Patel", "Olivia Chen"]
    assert first.total_count == 3
    assert first.contacts[0].company == ContactCompany(
        name="Acme Robotics", website="acmerobotics.example"
    )
    assert all(c.email is None for c in first.contacts)  # searching reveals no email
    assert first.scroll_id is not None
    second = await prospect.search_contacts(
        filters=DIRECTORS_US, limit=2, scroll_id=first.scroll_id
    )
    assert [c.full_name for c in second.contacts] == ["James Walker"]
    assert (second.filter_id, second.scroll_id) == (first.filter_id, None)
    assert first.filter_id is not None
    search = fake.state.prospect[first.filter_id]
    assert search.filter_details == {
        "limit": 2,
        "title": ["Director"],
        "country": ["United States"],
    }
    (recent,) = await prospect.searches.recent()
    assert (recent.id, recent.search_string) == (first.filter_id, "Director in United States")
    assert recent.filter_details == search.filter_details
    assert list(await prospect.searches.saved()) == []  # a search is not saved by running it

    exact = ContactFilters(
        title=["director of sales"],
        title_exact_match=True,
        exclude_company_domain=["hooli.example"],
    )
    page = await prospect.search_contacts(filters=exact, limit=10)
    assert [c.company.name for c in page.contacts if c.company] == [
        "Northwind Analytics",
        "Initech Payments",
        "Umbrella Logistics",
    ]
    assert [s.id for s in await prospect.searches.recent()] == [page.filter_id, first.filter_id]

    status, answer = await _raw(
        fake, "POST", "/search-contacts", body={"limit": 1, "scroll_id": "x"}
    )
    assert (status, answer) == (400, _prospect_error(400, "Bad Request", "Invalid scroll_id"))
    status, answer = await _raw(fake, "POST", "/search-contacts", body={"limit": 501})
    assert (status, answer["message"]) == (400, '"limit" must be less than or equal to 500')
    status, answer = await _raw(fake, "POST", "/search-contacts", body={"title": ["x"]})
    assert (status, answer["message"]) == (400, '"limit" is required')
    status, answer = await _raw(fake, "POST", "/search-contacts", body={"limit": 1, "title": "x"})
    assert (status, answer["message"]) == (400, '"title" must be an array')


async def test_fetching_reveals_emails_spends_credits_and_reads_back(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    prospect = fake_client.prospect
    found = await prospect.search_contacts(filters=DIRECTORS_US, limit=10)
    assert found.filter_id is not None
    filter_id = found.filter_id
    mia, olivia, james = (str(c.id) for c in found.contacts)
    fetched = await prospect.fetch_contacts(filter_id, limit=2, confirm_credits=True)
    assert [c.email for c in fetched.contacts] == [
        "mia.patel@acmerobotics.example",
        "olivia.chen@northwind.example",
    ]
    assert fetched.metrics is not None
    assert (fetched.metrics.total_emails, fetched.metrics.catch_all_emails) == (2, 1)
    assert fake.state.prospect.credits_used == 2
    window = await prospect.fetch_contacts(
        filter_id, contact_ids=[james], visual_limit=1, visual_offset=2, confirm_credits=True
    )
    assert (window.total_count, [c.id for c in window.contacts]) == (3, [james])
    assert sorted(fake.state.prospect.fetched) == sorted([mia, olivia, james])
    assert fake.state.prospect.credits_used == 3  # one per email, never twice

    # Owned contacts now show their email in a search, or are hidden on request.
    again = await prospect.search_contacts(filters=DIRECTORS_US, limit=10)
    assert again.contacts[0].email == "mia.patel@acmerobotics.example"
    unowned = attrs.evolve(DIRECTORS_US, dont_display_owned_contact=True)
    assert (await prospect.search_contacts(filters=unowned, limit=10)).contacts == ()

    contacts = [c async for c in prospect.get_contacts(filter_id, limit=2)]
    assert [c.email for c in contacts] == [
        "mia.patel@acmerobotics.example",
        "olivia.chen@northwind.example",
        "james.walker@globexhealth.example",
    ]
    walked = [r.json for r in fake.state.requests if r.path.endswith("/get-contacts")]
    assert walked == [
        {"offset": 0, "limit": 2, "filter_id": filter_id},
        {"offset": 2, "limit": 2, "filter_id": filter_id},
    ]
    valid = await prospect.get_contacts(filter_id, verification_status="valid")
    assert [(c.full_name, c.verification_status) for c in valid] == [
        ("Olivia Chen", "valid"),
        ("James Walker", "valid"),
    ]
    assert valid.has_more is False
    catch_all = await prospect.get_contacts(filter_id, catch_all_status="catch_all_verified")
    assert [c.id for c in catch_all] == [mia]
    assert [c.id for c in await prospect.get_contacts(filter_id, search="globex")] == [james]
    by_id = await prospect.get_contacts_by_id([james, "5f22b0c8cff47e0001616f82"])
    assert [(c.id, c.status) for c in by_id.contacts] == [(james, "completed")]

    reviewed = await prospect.review_contacts(filter_id)
    assert (reviewed.filter_id, reviewed.records_updated) == (filter_id, 3)
    assert reviewed.fetch_details is not None
    assert reviewed.fetch_details.verification_status_list == ("catch_all", "valid")
    assert reviewed.fetch_details.catch_all_status_list == ("catch_all_verified",)

    (listed,) = await prospect.searches.fetched()
    assert (listed.id, listed.is_fetched, listed.type, listed.user_id) == (
        filter_id,
        True,
        "recent",
        fake.state.user_id,
    )
    assert listed.fetch_details is not None
    assert (listed.fetch_details.leads_found, listed.fetch_details.email_fetched) == (3, 3)
    await prospect.searches.rename_fetched(filter_id, name="US directors")
    assert fake.state.prospect[filter_id].search_string == "US directors"
    names = {s.id: s.search_string async for s in prospect.searches.recent()}
    assert names[filter_id] == "US directors"


async def test_fetch_limits_and_credits_fail_in_the_body_and_change_nothing(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    prospect, store = fake_client.prospect, fake.state.prospect
    found = await prospect.search_contacts(filters=ContactFilters(country=["Germany"]), limit=10)
    assert found.filter_id is not None
    store.credits_total = 1
    with pytest.raises(OperationFailedError, match="Insufficient credits"):
        await prospect.fetch_contacts(found.filter_id, limit=2, confirm_credits=True)
    store.credits_total, store.max_daily_fetch = 1_000, 1
    with pytest.raises(OperationFailedError, match="Daily fetch limit reached"):
        await prospect.fetch_contacts(found.filter_id, limit=2, confirm_credits=True)
    store.max_single_fetch = 5
    with pytest.raises(OperationFailedError, match="at most 5"):
        await prospect.fetch_contacts(found.filter_id, limit=6, confirm_credits=True)
    assert store.fetched == {}
    assert store[found.filter_id].fetched == []
    with pytest.raises(BadRequestError, match="Filter 999999 not found"):
        await prospect.fetch_contacts(999_999, limit=1, confirm_credits=True)
    with pytest.raises(BadRequestError, match="not found"):
        await prospect.get_contacts(999_999)
    with pytest.raises(NotFoundError) as caught:
        await prospect.review_contacts(999_999)
    assert caught.value.body == _prospect_error(404, "Not Found", "Filter 999999 not found")

    body = {"filter_id": found.filter_id, "id": ["a"], "limit": 1}
    status, answer = await _raw(fake, "POST", "/fetch-contacts", body=body)
    assert (status, answer["validation"]["keys"]) == (400, ["id"])
    status, answer = await _raw(fake, "POST", "/fetch-contacts", body={"limit": 1})
    assert (status, answer["message"]) == (400, '"filter_id" is required')
    status, answer = await _raw(fake, "POST", "/get-contacts", body={})
    assert (status, answer["message"]) == (
        400,
        '"value" must contain at least one of [id, filter_id]',
    )
    bad = {"filter_id": found.filter_id, "verification_status": "Valid"}
    status, answer = await _raw(fake, "POST", "/get-contacts", body=bad)
    assert (status, answer["validation"]["keys"]) == (400, ["verification_status"])
    status, answer = await _raw(fake, "PATCH", f"/review-contacts/{found.filter_id}", body={"x": 1})
    assert (status, answer["message"]) == (400, '"x" is not allowed')


async def test_find_emails_spends_a_credit_per_email_found(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    people = [
        EmailQuery(first_name="Ava", last_name="Thompson", company_domain="acmerobotics.example"),
        EmailQuery(first_name="Jane", last_name="Doe", company_domain="acme.io"),
        EmailQuery(first_name="Noah", last_name="Kim", company_domain="acmerobotics.example"),
    ]
    answer = await fake_client.prospect.find_emails(contacts=people, confirm_credits=True)
    assert [(r.first_name, r.email, r.status, r.verification_status) for r in answer.data] == [
        ("Ava", "ava.thompson@acmerobotics.example", "Found", "Valid"),
        ("Jane", "", "Not Found", None),
        ("Noah", "", "Not Found", None),  # in the directory, but no email can be found
    ]
    store = fake.state.prospect
    assert store.credits_used == 1
    (owned,) = store.fetched.values()
    assert (owned.contact.full_name, owned.filter_id) == ("Ava Thompson", None)
    # Asking again for an email already revealed costs nothing.
    await fake_client.prospect.find_emails(contacts=people[:1], confirm_credits=True)
    assert store.credits_used == 1
    store.credits_total = 1
    olivia = EmailQuery(first_name="olivia", last_name="CHEN", company_domain="northwind.example")
    with pytest.raises(APIStatusError) as caught:
        await fake_client.prospect.find_emails(contacts=[olivia], confirm_credits=True)
    assert caught.value.status == 402
    assert caught.value.body == {"success": False, "message": "Insufficient credits", "data": None}
    assert store.credits_used == 1
    row = {"firstName": "A", "lastName": "B", "companyDomain": "c.io"}
    status, body = await _raw(
        fake, "POST", "/search-contacts/find-emails", body={"contacts": [row] * 11}
    )
    assert (status, body["message"]) == (
        400,
        '"contacts" must contain less than or equal to 10 items',
    )
    status, body = await _raw(
        fake, "POST", "/search-contacts/find-emails", body={"contacts": [{"firstName": "A"}]}
    )
    assert (status, body["message"]) == (400, '"contacts[0].lastName" is required')


async def test_saved_searches_are_saved_listed_renamed_and_fetched(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    searches = fake_client.prospect.searches
    filters = ContactFilters(department=["Sales"], country=["Germany", "France"])
    saved = await searches.save(name="EU sales", filters=filters, limit=100)
    assert (saved.ok, saved.message) == (True, "Search saved successfully")
    (listed,) = await searches.saved()
    assert (listed.search_string, listed.filter_details) == (
        "EU sales",
        {"department": ["Sales"], "country": ["Germany", "France"], "limit": 100},
    )
    assert listed.id is not None
    record = fake.state.prospect[listed.id]
    assert [fake.state.prospect.directory[i].full_name for i in record.matches] == [
        "Anna Mueller",
        "Paul Hoffmann",
        "Chloe Bernard",
    ]
    assert list(await searches.recent()) == []
    renamed = await searches.rename_saved(listed.id, name="EU sales team")
    assert renamed.message == "Saved search updated successfully"
    assert [s.search_string for s in await searches.saved()] == ["EU sales team"]

    # A saved search is a filter too: its contacts can be fetched.
    fetched = await fake_client.prospect.fetch_contacts(listed.id, limit=1, confirm_credits=True)
    assert [c.full_name for c in fetched.contacts] == ["Anna Mueller"]
    (as_fetched,) = await searches.fetched()
    assert (as_fetched.type, as_fetched.is_saved, as_fetched.include_owned) == ("saved", True, True)

    with pytest.raises(NotFoundError, match="Saved search 999999 not found"):
        await searches.rename_saved(999_999, name="x")
    run = await fake_client.prospect.search_contacts(limit=1)
    assert run.filter_id is not None
    with pytest.raises(NotFoundError):  # a search that was run, not saved
        await searches.rename_saved(run.filter_id, name="x")
    with pytest.raises(NotFoundError, match="Fetched lead"):  # nothing fetched through it
        await searches.rename_fetched(run.filter_id, name="x")
    many = await searches.save(name="Everyone, 2 at most", limit=2)
    assert many.ok
    assert len(fake.state.prospect[max(fake.state.prospect)].matches) == 2

    status, body = await _raw(
        fake, "POST", "/search-filters/save-search", body={"search_string": ""}
    )
    assert (status, body["message"]) == (400, '"search_string" is not allowed to be empty')
    status, body = await _raw(
        fake, "POST", "/search-filters/save-search", body={"search_string": "a", "limit": 10_001}
    )
    assert (status, body["message"]) == (400, '"limit" must be less than or equal to 10000')
    status, body = await _raw(fake, "PUT", f"/search-filters/save-search/{listed.id}", body={})
    assert (status, body["message"]) == (400, '"search_string" is required')
    status, body = await _raw(
        fake, "GET", "/search-filters/saved-searches", query="&limit=1&offset=1"
    )
    assert body["data"] == {"savedSearches": [record.to_wire()], "totalCount": 2}


async def test_search_analytics_count_fetches_by_month_and_credits(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    prospect, store = fake_client.prospect, fake.state.prospect
    store.clock = lambda: NOON_MID_MONTH  # "this month" and "today" must not move mid-test
    found = await prospect.search_contacts(filters=ContactFilters(company_name=["Acme"]), limit=5)
    assert found.filter_id is not None
    await prospect.fetch_contacts(found.filter_id, limit=5, confirm_credits=True)
    # One of the five was fetched last month; Noah Kim has no email to find.
    next(iter(store.fetched.values())).fetched_at = NOON_MID_MONTH - dt.timedelta(days=30)
    analytics = await prospect.search_analytics(filter_id=found.filter_id)
    assert analytics.leads_found is not None
    assert analytics.emails_fetched is not None
    assert (analytics.leads_found.current, analytics.leads_found.previous_month) == (4, 1)
    assert (analytics.leads_found.total, analytics.leads_found.percentage_change) == (5, 300)
    assert (analytics.leads_found.percentage_change_text, analytics.leads_found.trend) == (
        "+300%",
        "increase",
    )
    assert (analytics.emails_fetched.current, analytics.emails_fetched.total) == (3, 4)
    assert analytics.available_credits is not None
    assert (analytics.available_credits.used, analytics.available_credits.available) == (4, 996)
    assert analytics.filter_data is not None
    assert (analytics.filter_data.leads_found, analytics.filter_data.emails_fetched) == (5, 4)
    assert analytics.leads_found_today == 4
    assert (analytics.max_daily_fetch_limit, analytics.max_single_fetch_limit) == (10_000, 10_000)
    overall = await prospect.search_analytics()
    assert overall.filter_data is None
    status, body = await _raw(fake, "GET", "/search-analytics", query="&filter_id=abc")
    assert (status, body["validation"]["keys"]) == (400, ["filter_id"])


async def _replies_at(
    fake: FakeSmartlead, client: SmartleadClient, when: dt.datetime
) -> tuple[int | None, int | None, str | None, str | None]:
    """Reply analytics once every conversation last replied at ``when``: this month's and last
    month's replies, the change and the trend."""
    for conversation in fake.state.conversations.values():
        conversation.last_reply_time = when.isoformat()
    replies = await client.prospect.reply_analytics()
    assert replies.current_month is not None
    assert replies.previous_month is not None
    return (
        replies.current_month.replied,
        replies.previous_month.replied,
        replies.percentage_change,
        replies.trend,
    )


async def test_reply_analytics_count_replies_from_revealed_emails(
    fake: FakeSmartlead, fake_client: SmartleadClient
) -> None:
    fake.state.prospect.clock = lambda: NOON_MID_MONTH
    ava = EmailQuery(first_name="Ava", last_name="Thompson", company_domain="acmerobotics.example")
    (row,) = (await fake_client.prospect.find_emails(contacts=[ava], confirm_credits=True)).data
    assert row.email is not None
    campaign = await fake_client.campaigns.create(name="prospects")
    leads = [LeadInput(email=row.email), LeadInput(email="walk-in@other.example")]
    await fake_client.leads.add_to_campaign(campaign.id, leads=leads)
    for lead in leads:
        await fake.emit("EMAIL_REPLY", campaign_id=campaign.id, lead_email=lead.email)
    assert await _replies_at(fake, fake_client, NOON_MID_MONTH) == (1, 0, "+100%", "increase")
    # Moved to last month, the reply leaves this month's count.
    last_month = NOON_MID_MONTH - dt.timedelta(days=30)
    assert await _replies_at(fake, fake_client, last_month) == (0, 1, "-100%", "decrease")
