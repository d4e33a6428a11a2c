"""Prospect (``client.prospect``): every route on the wire, on its own host.

Expected requests come from the reference's documented query and body fields; the answers are the
reference's response examples (checked against routes.json when it is present).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    APIStatusError,
    AuthenticationError,
    OperationFailedError,
    SmartleadClient,
)
from smartlead_async.models.prospect import ContactFilters, EmailQuery
from smartlead_async.resources.prospect import FETCH_CONTACTS, FIND_EMAILS

from ..helpers import API_KEY, check_rejected, invoke, sent_requests, url
from .reference import routes as reference_routes

ROOT = "https://prospect-api.smartlead.ai/api/v1/search-email-leads"
Call = Callable[[SmartleadClient], Any]

#: The reference's response examples, verbatim, by (method, path below the Prospect base).
EXAMPLES: dict[tuple[str, str], Any] = {
    ("GET", "/countries"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": [
            {"id": 1, "country_name": "United States"},
            {"id": 2, "country_name": "United Kingdom"},
        ],
        "pagination": {"limit": 10, "offset": 0, "page": 1, "count": 2},
        "search": None,
    },
    ("GET", "/states"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": [{"id": 1, "state_name": "Texas"}, {"id": 2, "state_name": "California"}],
        "pagination": {"limit": 10, "offset": 0, "page": 1, "count": 2},
        "search": None,
    },
    ("GET", "/cities"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": [{"id": 1, "city_name": "Austin"}, {"id": 2, "city_name": "Houston"}],
        "pagination": {"limit": 10, "offset": 0, "page": 1, "count": 2},
        "search": None,
    },
    ("GET", "/company"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": [{"company_name": "Acme Corp"}, {"company_name": "Tech Inc"}],
    },
    ("GET", "/domain"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": [{"domain_name": "acme.com"}, {"domain_name": "techinc.com"}],
    },
    ("GET", "/departments"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": [
            {"id": 1, "department_name": "Engineering"},
            {"id": 2, "department_name": "Sales"},
        ],
        "pagination": {"limit": 10, "offset": 0, "page": 1, "count": 2},
        "search": None,
    },
    ("GET", "/levels"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": [{"id": 1, "level_name": "Entry"}, {"id": 2, "level_name": "Senior"}],
        "pagination": {"limit": 10, "offset": 0, "page": 1, "count": 2},
        "search": None,
    },
    ("GET", "/industries"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": [
            {
                "id": 1,
                "industry_name": "Technology",
                "sub_industry_list": [
                    {"sub_industry_name": "Software"},
                    {"sub_industry_name": "Hardware"},
                ],
            },
            {"id": 2, "industry_name": "Healthcare", "sub_industry_list": []},
        ],
        "pagination": {"limit": 10, "offset": 0, "page": 1, "count": 2},
        "search": None,
    },
    ("GET", "/sub-industries"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": [
            {"id": 1, "sub_industry_name": "Software", "industry_id": 1},
            {"id": 2, "sub_industry_name": "Hardware", "industry_id": 1},
        ],
        "pagination": {"limit": 10, "offset": 0, "page": 1, "count": 2},
        "search": None,
        "industry_id": None,
    },
    ("GET", "/revenue"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": [{"id": 1, "revenue": "$1M-$10M"}, {"id": 2, "revenue": "$10M-$50M"}],
    },
    ("GET", "/head-counts"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": [{"id": 1, "head_count": "1-10"}, {"id": 2, "head_count": "11-50"}],
        "pagination": {"limit": 10, "offset": 0, "page": 1, "count": 2},
        "search": None,
    },
    ("GET", "/job-title"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": [{"job_title": "Software Engineer"}, {"job_title": "Product Manager"}],
    },
    ("GET", "/keywords"): {
        "success": True,
        "message": "Keywords retrieved successfully",
        "data": [{"keyword": "marketing"}, {"keyword": "sales"}],
    },
    ("POST", "/search-contacts"): {
        "success": True,
        "message": "Contacts searched successfully",
        "data": {
            "list": [
                {
                    "id": "5f22b0e8cff47e0001616f81",
                    "firstName": "Orhan",
                    "lastName": "Demiri",
                    "fullName": "Orhan Demiri",
                    "title": "Generalagentur Agenturleiter",
                    "company": {"name": "Gothaer", "website": "gothaer.de"},
                    "department": ["Sales"],
                    "level": "Staff",
                    "industry": "Financial Services",
                    "subIndustry": "",
                    "companyHeadCount": "1K - 10K",
                    "companyRevenue": "> $1B",
                    "country": "Germany",
                    "state": "",
                    "city": "",
                    "email": "random@example.com",
                    "linkedin": "linkedin.com/random_data",
                    "emailDeliverability": 0.95,
                    "address": "Germany",
                },
                {
                    "id": "5f22b1a0cff47e000161b01f",
                    "firstName": "Tim",
                    "lastName": "Ziegler",
                    "fullName": "Tim Ziegler",
                    "title": "Director of Sales and Business Development",
                    "company": {"name": "soluzione Script GmbH", "website": "soluzione.de"},
                    "department": ["Sales"],
                    "level": "Director-Level",
                    "industry": "Education",
                    "subIndustry": "E-Learning",
                    "companyHeadCount": "25 - 100",
                    "companyRevenue": "$1 - 10M",
                    "country": "Germany",
                    "state": "Bavaria",
                    "city": "Bavaria",
                    "email": "random@example.com",
                    "linkedin": "linkedin.com/random_data",
                    "emailDeliverability": 0.95,
                    "address": "Bavaria",
                },
            ],
            "scroll_id": (
                "FGluY2x1ZGVfY29udGV4dF91dWlkDXF1ZXJ5QW5kRmV0Y2gBFkh5d0FSVjZa"
                "UXlpbzdWYWkxRV9DNGcAAAAAADUQGhZlT2V0Z0ptSVNyYWQwbk9kYTFsRXhB"
            ),
            "filter_id": 327105,
            "total_count": 16064669,
        },
    },
    ("POST", "/get-contacts"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": {
            "list": [
                {
                    "id": "5f22b0c8cff47e0001616f81",
                    "firstName": "Orhan",
                    "lastName": "Demiri",
                    "fullName": "Orhan Demiri",
                    "title": "Director",
                    "company": {"name": "Example Corp", "website": "example.com"},
                    "email": "orhan@example.com",
                    "verificationStatus": "valid",
                    "status": "completed",
                }
            ],
            "pagination": {
                "filterId": 327105,
                "limit": 50,
                "offset": 0,
                "total": 100,
                "hasMore": True,
            },
            "totalCount": 100,
        },
    },
    ("POST", "/fetch-contacts"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": {
            "list": [
                {
                    "id": "5f22b0c8cff47e0001616f81",
                    "firstName": "Orhan",
                    "lastName": "Demiri",
                    "fullName": "Orhan Demiri",
                    "title": "Director",
                    "company": {"name": "Example Corp", "website": "example.com"},
                    "email": "orhan@example.com",
                    "status": "completed",
                }
            ],
            "total_count": 1,
            "visual_limit": 10,
            "visual_offset": 0,
            "metrics": {
                "totalContacts": 1,
                "totalEmails": 1,
                "noEmailFound": 0,
                "invalidEmails": 0,
                "catchAllEmails": 0,
                "verifiedEmails": 1,
                "completed": 1,
            },
        },
    },
    ("POST", "/search-contacts/find-emails"): {
        "success": True,
        "message": "Find emails completed",
        "data": [
            {
                "firstName": "John",
                "lastName": "Doe",
                "companyDomain": "example.com",
                "email_id": "john.doe@example.com",
                "status": "Found",
                "verification_status": "Valid",
            },
            {
                "firstName": "Jane",
                "lastName": "Smith",
                "companyDomain": "acme.io",
                "email_id": "",
                "status": "Not Found",
                "verification_status": None,
            },
        ],
    },
    ("PATCH", "/review-contacts/{}"): {
        "success": True,
        "message": "Contacts reviewed successfully",
        "data": {
            "filter_id": 327105,
            "records_updated": 150,
            "fetch_details": {
                "metrics": {
                    "totalContacts": 200,
                    "totalEmails": 180,
                    "noEmailFound": 20,
                    "invalidEmails": 10,
                    "catchAllEmails": 5,
                    "verifiedEmails": 165,
                    "completed": 180,
                },
                "leads_found": 200,
                "email_fetched": 180,
                "catch_all_status_list": ["catch_all_verified", "catch_all_unknown"],
                "verification_status_list": ["valid", "invalid"],
            },
        },
    },
    ("GET", "/search-filters/saved-searches"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": {
            "savedSearches": [
                {
                    "id": 327105,
                    "search_string": "Director in United States",
                    "filter_details": {
                        "title": ["Director"],
                        "country": ["United States"],
                        "limit": 100,
                    },
                    "created_at": "2025-01-15T10:00:00.000Z",
                    "updated_at": "2025-01-20T14:30:00.000Z",
                }
            ],
            "totalCount": 1,
        },
    },
    ("GET", "/search-filters/recent-searches"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": {
            "recentSearches": [
                {
                    "id": 327106,
                    "search_string": "Director in United States",
                    "filter_details": {
                        "title": ["Director"],
                        "country": ["United States"],
                        "limit": 100,
                    },
                    "created_at": "2025-01-15T10:00:00.000Z",
                    "updated_at": "2025-01-20T14:30:00.000Z",
                }
            ],
            "totalCount": 1,
        },
    },
    ("GET", "/search-filters/fetched-searches"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": {
            "fetchedLeads": [
                {
                    "id": 327107,
                    "user_id": 2568,
                    "search_string": "Director in United States",
                    "filter_details": {
                        "title": ["Director"],
                        "country": ["United States"],
                        "limit": 100,
                    },
                    "type": "saved",
                    "include_owned": False,
                    "is_saved": True,
                    "is_fetched": True,
                    "fetch_details": {
                        "metrics": {
                            "totalContacts": 500,
                            "totalEmails": 480,
                            "noEmailFound": 20,
                            "invalidEmails": 10,
                            "catchAllEmails": 5,
                            "verifiedEmails": 465,
                            "completed": 480,
                        },
                        "leads_found": 500,
                        "email_fetched": 480,
                    },
                    "created_at": "2025-01-15T10:00:00.000Z",
                    "updated_at": "2025-01-20T14:30:00.000Z",
                }
            ],
            "totalCount": 1,
        },
    },
    ("POST", "/search-filters/save-search"): {
        "success": True,
        "message": "Search saved successfully",
    },
    ("PUT", "/search-filters/save-search/{}"): {
        "success": True,
        "message": "Saved search updated successfully",
    },
    ("PUT", "/search-filters/fetched-searches/{}"): {
        "success": True,
        "message": "Fetched lead updated successfully",
    },
    ("GET", "/search-analytics"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": {
            "leadsFound": {
                "current": 1200,
                "previousMonth": 1000,
                "percentageChange": 20,
                "percentageChangeText": "+20%",
                "trend": "increase",
                "total": 5000,
            },
            "emailsFetched": {
                "current": 1100,
                "previousMonth": 950,
                "percentageChange": 15.79,
                "percentageChangeText": "+15.79%",
                "trend": "increase",
                "total": 4500,
            },
            "availableCredits": {"available": 500, "total": 1000, "used": 500},
            "leadsFoundToday": 50,
            "filterData": {"leadsFound": 200, "emailsFetched": 180},
            "maxDailyFetchLimit": 1000,
            "maxSingleFetchLimit": 500,
        },
    },
    ("GET", "/reply-analytics"): {
        "success": True,
        "message": "Data retrieved successfully",
        "data": {
            "currentMonth": {"replied": 150},
            "previousMonth": {"replied": 120},
            "percentage_change": "+25%",
            "trend": "increase",
        },
    },
}

FILTERS = ContactFilters(
    title=["Director"],
    exclude_title=["Intern"],
    company_domain=["acme.io"],
    country=["United States"],
    level=["Director-Level"],
    title_exact_match=True,
    dont_display_owned_contact=False,
)
FILTERS_WIRE = {
    "title": ["Director"],
    "excludeTitle": ["Intern"],
    "level": ["Director-Level"],
    "companyDomain": ["acme.io"],
    "country": ["United States"],
    "dontDisplayOwnedContact": False,
    "titleExactMatch": True,
}
SCROLL = EXAMPLES[("POST", "/search-contacts")]["data"]["scroll_id"]


class Case(NamedTuple):
    name: str
    call: Call
    method: str
    path: str  # below the Prospect base
    query: dict[str, str]
    body: Any
    check: Callable[[Any], None]


def rows(*expected: tuple[str, Any]) -> Callable[[Any], None]:
    """The page holds rows whose attribute ``name`` has these values, in order."""

    def check(page: Any) -> None:
        for name, values in expected:
            assert [getattr(row, name) for row in page] == values

    return check


def _searched(page: Any) -> None:
    assert [c.full_name for c in page.contacts] == ["Orhan Demiri", "Tim Ziegler"]
    first = page.contacts[0]
    assert (first.company.name, first.company.website) == ("Gothaer", "gothaer.de")
    assert first.department == ("Sales",)
    assert first.email_deliverability == 0.95
    assert first.company_head_count == "1K - 10K"
    assert page.scroll_id == SCROLL
    assert (page.filter_id, page.total_count) == (327105, 16064669)


def _saved_contacts(page: Any) -> None:
    (contact,) = page
    assert (contact.email, contact.verification_status) == ("orhan@example.com", "valid")
    assert (page.total, page.has_more) == (100, True)
    assert page.next_start == 1


def _by_id(page: Any) -> None:
    assert [c.id for c in page.contacts] == ["5f22b0c8cff47e0001616f81"]
    assert page.pagination.filter_id == 327105


def _fetched(answer: Any) -> None:
    assert [c.email for c in answer.contacts] == ["orhan@example.com"]
    assert (answer.total_count, answer.visual_limit, answer.visual_offset) == (1, 10, 0)
    assert answer.metrics.verified_emails == 1


def _found(answer: Any) -> None:
    assert [(r.email, r.status) for r in answer.data] == [
        ("john.doe@example.com", "Found"),
        ("", "Not Found"),
    ]
    assert answer.data[0].company_domain == "example.com"
    assert answer.message == "Find emails completed"


def _reviewed(answer: Any) -> None:
    assert (answer.filter_id, answer.records_updated) == (327105, 150)
    details = answer.fetch_details
    assert (details.leads_found, details.email_fetched) == (200, 180)
    assert details.metrics.catch_all_emails == 5
    assert details.catch_all_status_list == ("catch_all_verified", "catch_all_unknown")


def _searches(expected_id: int) -> Callable[[Any], None]:
    def check(page: Any) -> None:
        (search,) = page
        assert search.id == expected_id
        assert search.search_string == "Director in United States"
        assert search.filter_details == {
            "title": ["Director"],
            "country": ["United States"],
            "limit": 100,
        }
        assert page.total == 1
        assert search.created_at.year == 2025

    return check


def _fetched_searches(page: Any) -> None:
    _searches(327107)(page)
    (search,) = page
    assert (search.user_id, search.type, search.is_fetched) == (2568, "saved", True)
    assert search.fetch_details.metrics.total_contacts == 500


def _acknowledged(message: str) -> Callable[[Any], None]:
    def check(answer: Any) -> None:
        assert (answer.ok, answer.success, answer.message) == (True, True, message)

    return check


def _search_analytics(answer: Any) -> None:
    assert answer.leads_found.current == 1200
    assert answer.emails_fetched.percentage_change == 15.79
    assert answer.emails_fetched.percentage_change_text == "+15.79%"
    assert (answer.available_credits.available, answer.available_credits.used) == (500, 500)
    assert answer.filter_data.emails_fetched == 180
    assert (answer.max_daily_fetch_limit, answer.max_single_fetch_limit) == (1000, 500)


def _reply_analytics(answer: Any) -> None:
    assert (answer.current_month.replied, answer.previous_month.replied) == (150, 120)
    assert (answer.percentage_change, answer.trend) == ("+25%", "increase")


LOOKUP = {"offset": "0", "limit": "10"}
CASES = [
    Case(
        "countries",
        lambda c: c.prospect.lookups.countries(search="United", limit=10),
        "GET",
        "/countries",
        {**LOOKUP, "search": "United"},
        None,
        rows(("country_name", ["United States", "United Kingdom"]), ("id", [1, 2])),
    ),
    Case(
        "states",
        lambda c: c.prospect.lookups.states(countries=["United States", "Canada"], limit=10),
        "GET",
        "/states",
        {**LOOKUP, "country": "United States,Canada"},
        None,
        rows(("state_name", ["Texas", "California"])),
    ),
    Case(
        "cities",
        lambda c: c.prospect.lookups.cities(
            search="Aus", states=["Texas"], countries=["United States"], offset=20, limit=10
        ),
        "GET",
        "/cities",
        {
            "offset": "20",
            "limit": "10",
            "search": "Aus",
            "state": "Texas",
            "country": "United States",
        },
        None,
        rows(("city_name", ["Austin", "Houston"])),
    ),
    Case(
        "companies",
        lambda c: c.prospect.lookups.companies(search="Ac"),
        "GET",
        "/company",
        {"offset": "0", "limit": "100", "search": "Ac"},
        None,
        rows(("company_name", ["Acme Corp", "Tech Inc"])),
    ),
    Case(
        "domains",
        lambda c: c.prospect.lookups.domains(limit=50),
        "GET",
        "/domain",
        {"offset": "0", "limit": "50"},
        None,
        rows(("domain_name", ["acme.com", "techinc.com"])),
    ),
    Case(
        "departments",
        lambda c: c.prospect.lookups.departments(limit=10),
        "GET",
        "/departments",
        LOOKUP,
        None,
        rows(("department_name", ["Engineering", "Sales"])),
    ),
    Case(
        "levels",
        lambda c: c.prospect.lookups.levels(search="Sen", limit=10),
        "GET",
        "/levels",
        {**LOOKUP, "search": "Sen"},
        None,
        rows(("level_name", ["Entry", "Senior"])),
    ),
    Case(
        "industries",
        lambda c: c.prospect.lookups.industries(with_sub_industries=True, limit=10),
        "GET",
        "/industries",
        {**LOOKUP, "withSubIndustry": "true"},
        None,
        rows(("industry_name", ["Technology", "Healthcare"])),
    ),
    Case(
        "sub_industries",
        lambda c: c.prospect.lookups.sub_industries(industry_id=1, limit=10),
        "GET",
        "/sub-industries",
        {**LOOKUP, "industry_id": "1"},
        None,
        rows(("sub_industry_name", ["Software", "Hardware"]), ("industry_id", [1, 1])),
    ),
    Case(
        "revenues",
        lambda c: c.prospect.lookups.revenues(),
        "GET",
        "/revenue",
        {},
        None,
        rows(("revenue", ["$1M-$10M", "$10M-$50M"])),
    ),
    Case(
        "head_counts",
        lambda c: c.prospect.lookups.head_counts(limit=10),
        "GET",
        "/head-counts",
        LOOKUP,
        None,
        rows(("head_count", ["1-10", "11-50"])),
    ),
    Case(
        "job_titles",
        lambda c: c.prospect.lookups.job_titles(search="Engineer"),
        "GET",
        "/job-title",
        {"offset": "0", "limit": "100", "search": "Engineer"},
        None,
        rows(("job_title", ["Software Engineer", "Product Manager"])),
    ),
    Case(
        "keywords",
        lambda c: c.prospect.lookups.keywords(limit=2),
        "GET",
        "/keywords",
        {"offset": "0", "limit": "2"},
        None,
        rows(("keyword", ["marketing", "sales"])),
    ),
    Case(
        "search_contacts",
        lambda c: c.prospect.search_contacts(filters=FILTERS, limit=2, scroll_id="abc"),
        "POST",
        "/search-contacts",
        {},
        {"limit": 2, **FILTERS_WIRE, "scroll_id": "abc"},
        _searched,
    ),
    Case(
        "get_contacts",
        lambda c: c.prospect.get_contacts(
            327105, search="Orhan", verification_status="valid", limit=50
        ),
        "POST",
        "/get-contacts",
        {},
        {
            "offset": 0,
            "limit": 50,
            "filter_id": 327105,
            "search": "Orhan",
            "verification_status": "valid",
        },
        _saved_contacts,
    ),
    Case(
        "get_contacts_by_id",
        lambda c: c.prospect.get_contacts_by_id(["5f22b0c8cff47e0001616f81"]),
        "POST",
        "/get-contacts",
        {},
        {"id": ["5f22b0c8cff47e0001616f81"]},
        _by_id,
    ),
    Case(
        "fetch_contacts",
        lambda c: c.prospect.fetch_contacts(
            327105, limit=100, visual_limit=10, visual_offset=0, confirm_credits=True
        ),
        "POST",
        "/fetch-contacts",
        {},
        {"filter_id": 327105, "limit": 100, "visual_limit": 10, "visual_offset": 0},
        _fetched,
    ),
    Case(
        "find_emails",
        lambda c: c.prospect.find_emails(
            contacts=[
                EmailQuery(first_name="John", last_name="Doe", company_domain="example.com"),
                EmailQuery(first_name="Jane", last_name="Smith", company_domain="acme.io"),
            ],
            confirm_credits=True,
        ),
        "POST",
        "/search-contacts/find-emails",
        {},
        {
            "contacts": [
                {"firstName": "John", "lastName": "Doe", "companyDomain": "example.com"},
                {"firstName": "Jane", "lastName": "Smith", "companyDomain": "acme.io"},
            ]
        },
        _found,
    ),
    Case(
        "review_contacts",
        lambda c: c.prospect.review_contacts(327105),
        "PATCH",
        "/review-contacts/327105",
        {},
        None,
        _reviewed,
    ),
    Case(
        "saved_searches",
        lambda c: c.prospect.searches.saved(limit=10),
        "GET",
        "/search-filters/saved-searches",
        LOOKUP,
        None,
        _searches(327105),
    ),
    Case(
        "recent_searches",
        lambda c: c.prospect.searches.recent(offset=10, limit=10),
        "GET",
        "/search-filters/recent-searches",
        {"offset": "10", "limit": "10"},
        None,
        _searches(327106),
    ),
    Case(
        "fetched_searches",
        lambda c: c.prospect.searches.fetched(limit=10),
        "GET",
        "/search-filters/fetched-searches",
        LOOKUP,
        None,
        _fetched_searches,
    ),
    Case(
        "save_search",
        lambda c: c.prospect.searches.save(
            name="Director in United States", filters=FILTERS, limit=100
        ),
        "POST",
        "/search-filters/save-search",
        {},
        {"search_string": "Director in United States", **FILTERS_WIRE, "limit": 100},
        _acknowledged("Search saved successfully"),
    ),
    Case(
        "rename_saved",
        lambda c: c.prospect.searches.rename_saved(327105, name="Directors US"),
        "PUT",
        "/search-filters/save-search/327105",
        {},
        {"search_string": "Directors US"},
        _acknowledged("Saved search updated successfully"),
    ),
    Case(
        "rename_fetched",
        lambda c: c.prospect.searches.rename_fetched(327107, name="Directors US"),
        "PUT",
        "/search-filters/fetched-searches/327107",
        {},
        {"search_string": "Directors US"},
        _acknowledged("Fetched lead updated successfully"),
    ),
    Case(
        "search_analytics",
        lambda c: c.prospect.search_analytics(filter_id=327105),
        "GET",
        "/search-analytics",
        {"filter_id": "327105"},
        None,
        _search_analytics,
    ),
    Case(
        "reply_analytics",
        lambda c: c.prospect.reply_analytics(),
        "GET",
        "/reply-analytics",
        {},
        None,
        _reply_analytics,
    ),
]


def _mock(mocked: aioresponses, method: str, path: str, **answer: Any) -> None:
    mocked.add(url(path, ROOT), method, **answer)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_route_on_the_wire(
    client: SmartleadClient, mock_api: aioresponses, case: Case
) -> None:
    template = re.sub(r"/\d+$", "/{}", case.path)
    example = next(v for (m, p), v in EXAMPLES.items() if m == case.method and p == template)
    _mock(mock_api, case.method, case.path, payload=example)
    result = await invoke(case.call, client)
    base = "/api/v1/search-email-leads"
    assert sent_requests(mock_api) == [
        (case.method, base + case.path, {**case.query, "api_key": API_KEY}, case.body)
    ]
    case.check(result)


def test_the_table_covers_every_documented_route() -> None:
    covered = {(c.method, re.sub(r"/\d+$", "/{}", c.path)) for c in CASES}
    assert covered == set(EXAMPLES)


def test_the_examples_are_the_references() -> None:
    routes = reference_routes()
    documented = {
        (
            r["method"],
            re.sub(r"\{\w+\}", "{}", r["path"].removeprefix("/api/v1/search-email-leads")),
        ): r["response_example"]
        for r in routes
        if r["host"] == "prospect-api.smartlead.ai"
    }
    assert documented == EXAMPLES


# --- walks ------------------------------------------------------------------------------------


async def test_a_lookup_walk_stops_on_a_short_page(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    full = {"success": True, "data": [{"id": 1, "level_name": "Entry"}, {"id": 2}]}
    short = {"success": True, "data": [{"id": 3, "level_name": "Senior"}]}
    _mock(mock_api, "GET", "/levels", payload=full)
    _mock(mock_api, "GET", "/levels", payload=short)
    ids = [level.id async for level in client.prospect.lookups.levels(limit=2)]
    assert ids == [1, 2, 3]
    assert [q["offset"] for _, _, q, _ in sent_requests(mock_api)] == ["0", "2"]


async def test_the_saved_contacts_walk_follows_has_more_in_the_body(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    def page(ids: list[str], *, more: bool) -> dict[str, Any]:
        rows = [{"id": i} for i in ids]
        pagination = {"filterId": 9, "limit": 2, "total": 3, "hasMore": more}
        return {"success": True, "data": {"list": rows, "pagination": pagination}}

    _mock(mock_api, "POST", "/get-contacts", payload=page(["a", "b"], more=True))
    _mock(mock_api, "POST", "/get-contacts", payload=page(["c", "d"], more=False))
    ids = [c.id async for c in client.prospect.get_contacts(9, limit=2)]
    assert ids == ["a", "b", "c", "d"]  # the flag, not the page size, ended the walk
    bodies = [body for *_, body in sent_requests(mock_api)]
    assert bodies == [
        {"offset": 0, "limit": 2, "filter_id": 9},
        {"offset": 2, "limit": 2, "filter_id": 9},
    ]


async def test_a_search_continues_with_the_scroll_id_it_answered(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    # The cursor is a string: one typed page per call, the caller passes it back.
    _mock(mock_api, "POST", "/search-contacts", payload=EXAMPLES[("POST", "/search-contacts")])
    _mock(mock_api, "POST", "/search-contacts", payload={"success": True, "data": {"list": []}})
    filters = ContactFilters(country=["Germany"])
    first = await client.prospect.search_contacts(filters=filters, limit=2)
    second = await client.prospect.search_contacts(
        filters=filters, limit=2, scroll_id=first.scroll_id
    )
    assert second.contacts == ()
    bodies = [body for *_, body in sent_requests(mock_api)]
    assert bodies == [
        {"limit": 2, "country": ["Germany"]},
        {"limit": 2, "country": ["Germany"], "scroll_id": SCROLL},
    ]


# --- failures ---------------------------------------------------------------------------------


async def test_a_bad_key_is_an_authentication_error(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    body = {
        "statusCode": 401,
        "success": False,
        "message": "Unauthorized",
        "error": "User not authenticated",
    }
    _mock(mock_api, "GET", "/countries", status=401, payload=body)
    with pytest.raises(AuthenticationError) as caught:
        await client.prospect.lookups.countries()
    assert caught.value.status == 401
    assert API_KEY not in str(caught.value)


async def test_out_of_credits_is_a_402(client: SmartleadClient, mock_api: aioresponses) -> None:
    body = {"success": False, "message": "Insufficient credits", "data": None}
    _mock(mock_api, "POST", "/search-contacts/find-emails", status=402, payload=body)
    query = EmailQuery(first_name="J", last_name="D", company_domain="x.io")
    with pytest.raises(APIStatusError) as caught:
        await client.prospect.find_emails(contacts=[query], confirm_credits=True)
    assert caught.value.status == 402


async def test_a_credit_failure_answered_200_is_a_failure(
    client: SmartleadClient, mock_api: aioresponses
) -> None:
    body = {"success": False, "message": "Daily fetch limit reached"}
    _mock(mock_api, "POST", "/fetch-contacts", payload=body)
    with pytest.raises(OperationFailedError, match="Daily fetch limit reached"):
        await client.prospect.fetch_contacts(1, limit=5, confirm_credits=True)


def test_credit_spending_routes_are_never_retried() -> None:
    assert FETCH_CONTACTS.retry_safe == "no"
    assert FIND_EMAILS.retry_safe == "no"


# --- validation -------------------------------------------------------------------------------

ONE = [EmailQuery(first_name="J", last_name="D", company_domain="x.io")]
REJECTED: list[tuple[str, Call, str]] = [
    ("lookup_limit", lambda c: c.prospect.lookups.countries(limit=101), "limit"),
    ("lookup_offset", lambda c: c.prospect.lookups.departments(offset=-1), "offset"),
    ("lookup_search_long", lambda c: c.prospect.lookups.levels(search="x" * 256), "search"),
    ("lookup_search_blank", lambda c: c.prospect.lookups.countries(search=" "), "search"),
    ("states_str", lambda c: c.prospect.lookups.states(countries="US"), "countries"),
    ("states_comma", lambda c: c.prospect.lookups.states(countries=["a,b"]), "commas"),
    (
        "cities_country_alone",
        lambda c: c.prospect.lookups.cities(countries=["United States"]),
        "states=",
    ),
    ("sub_industry_id", lambda c: c.prospect.lookups.sub_industries(industry_id=0), "industry_id"),
    ("search_limit", lambda c: c.prospect.search_contacts(limit=501), "limit"),
    (
        "search_too_many_values",
        lambda c: c.prospect.search_contacts(filters=ContactFilters(title=["x"] * 2001)),
        "at most 2000",
    ),
    (
        "search_filter_str",
        lambda c: c.prospect.search_contacts(filters=ContactFilters(title="Director")),
        "filters.title",
    ),
    (
        "search_filter_blank",
        lambda c: c.prospect.search_contacts(filters=ContactFilters(city=[""])),
        "filters.city",
    ),
    ("search_filters_dict", lambda c: c.prospect.search_contacts(filters={}), "ContactFilters"),  # type: ignore[arg-type]  # the wrong type is the attack
    ("search_scroll_blank", lambda c: c.prospect.search_contacts(scroll_id=""), "scroll_id"),
    ("contacts_filter_id", lambda c: c.prospect.get_contacts(0), "filter_id"),
    ("contacts_limit", lambda c: c.prospect.get_contacts(1, limit=1001), "limit"),
    (
        "contacts_verification",
        lambda c: c.prospect.get_contacts(1, verification_status="Valid"),  # type: ignore[arg-type]  # the wrong type is the attack
        "verification_status",
    ),
    (
        "contacts_catch_all",
        lambda c: c.prospect.get_contacts(1, catch_all_status="bounced"),  # type: ignore[arg-type]  # the wrong type is the attack
        "catch_all_status",
    ),
    ("by_id_empty", lambda c: c.prospect.get_contacts_by_id([]), "contact_ids"),
    ("by_id_too_many", lambda c: c.prospect.get_contacts_by_id(["a"] * 201), "at most 200"),
    (
        "fetch_unconfirmed",
        lambda c: c.prospect.fetch_contacts(1, limit=5),
        "confirm_credits=True",
    ),
    (
        "fetch_neither",
        lambda c: c.prospect.fetch_contacts(1, confirm_credits=True),
        "exactly one",
    ),
    (
        "fetch_both",
        lambda c: c.prospect.fetch_contacts(1, contact_ids=["a"], limit=1, confirm_credits=True),
        "exactly one",
    ),
    (
        "fetch_limit",
        lambda c: c.prospect.fetch_contacts(1, limit=30_001, confirm_credits=True),
        "limit",
    ),
    (
        "fetch_window",
        lambda c: c.prospect.fetch_contacts(1, limit=5, visual_limit=1001, confirm_credits=True),
        "visual_limit",
    ),
    ("find_unconfirmed", lambda c: c.prospect.find_emails(contacts=ONE), "confirm_credits=True"),
    (
        "find_confirm_truthy",
        lambda c: c.prospect.find_emails(contacts=ONE, confirm_credits=1),  # type: ignore[arg-type]  # the wrong type is the attack
        "confirm_credits=True",
    ),
    (
        "find_too_many",
        lambda c: c.prospect.find_emails(contacts=ONE * 11, confirm_credits=True),
        "at most 10",
    ),
    ("find_none", lambda c: c.prospect.find_emails(contacts=[], confirm_credits=True), "contacts"),
    (
        "find_blank_domain",
        lambda c: c.prospect.find_emails(
            contacts=[EmailQuery(first_name="J", last_name="D", company_domain=" ")],
            confirm_credits=True,
        ),
        "company_domain",
    ),
    ("review_id", lambda c: c.prospect.review_contacts(-3), "filter_id"),
    ("analytics_id", lambda c: c.prospect.search_analytics(filter_id=0), "filter_id"),
    ("saved_limit", lambda c: c.prospect.searches.saved(limit=0), "limit"),
    ("save_no_name", lambda c: c.prospect.searches.save(name=""), "name"),
    ("save_limit", lambda c: c.prospect.searches.save(name="n", limit=10_001), "limit"),
    ("rename_long", lambda c: c.prospect.searches.rename_saved(1, name="x" * 256), "name"),
    ("rename_id", lambda c: c.prospect.searches.rename_fetched(0, name="n"), "search_id"),
]


@pytest.mark.parametrize(("name", "call", "match"), REJECTED, ids=[r[0] for r in REJECTED])
async def test_invalid_arguments_send_nothing(
    client: SmartleadClient, mock_api: aioresponses, name: str, call: Call, match: str
) -> None:
    await check_rejected(client, mock_api, call, match)
