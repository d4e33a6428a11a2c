"""Prospect (SmartProspect): a seeded contact directory, the searches run on it, the contacts
whose emails were fetched, and the credits fetching spends.

The directory is small and fixed (36 contacts at 8 companies), so every lookup value finds a
contact and tests can name what a search returns. A search (run, or saved) is one record whose
id is its ``filter_id``; it remembers its matches, so later fetches and reads of it are stable.
Fetching reveals emails and spends one credit per email revealed for the first time; the
account's credits, daily and single-fetch limits are attributes tests may change.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import http
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

import attrs

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend._common import ApiError, Ids, Table, joi, now

__all__ = [
    "CATCH_ALL_STATUSES",
    "FILTER_KEYS",
    "VERIFICATION_STATUSES",
    "FakeCompany",
    "FakeContact",
    "FakeFetchedContact",
    "FakeSearch",
    "ProspectStore",
    "prospect_error",
]

T = TypeVar("T")

#: Company-size and revenue buckets, seniority levels and departments (fixed lists).
HEAD_COUNTS = ("1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001-10000")
REVENUES = ("$1M-$10M", "$10M-$50M", "$50M-$100M", "$100M-$500M", "$500M-$1B", "$1B+")
LEVELS = ("Entry", "Senior", "Manager", "Director-Level", "VP-Level", "C-Level")
DEPARTMENTS = ("Engineering", "Sales", "Marketing", "Finance", "Operations", "Human Resources")
VERIFICATION_STATUSES = ("valid", "catch_all", "invalid")
CATCH_ALL_STATUSES = (
    "catch_all_verified",
    "catch_all_soft_bounced",
    "catch_all_hard_bounced",
    "catch_all_unknown",
    "catch_all_bounced",
)
#: How find-emails spells a verification outcome.
_FOUND_VERIFICATION = {"valid": "Valid", "catch_all": "Catch All", "invalid": "Invalid"}

#: Search limits (per page, values per filter) and fetch limits the reference documents.
SEARCH_MAX_LIMIT = 500
FILTER_MAX_VALUES = 2_000
SAVED_MAX_CONTACTS = 10_000
CONTACTS_MAX_LIMIT = 1_000
CONTACTS_MAX_IDS = 200
CONTACTS_DEFAULT_LIMIT = 50  # not documented: the example's page size
FETCH_MAX_WINDOW = 1_000
FETCH_DEFAULT_WINDOW = 10
FIND_EMAILS_MAX = 10
MAX_NAME = 255

#: The list-valued filters of a search (and of a saved search), by wire key.
FILTER_KEYS = (
    "name",
    "firstName",
    "lastName",
    "title",
    "excludeTitle",
    "includeTitle",
    "excludeCompany",
    "excludeCompanyDomain",
    "includeCompany",
    "includeCompanyDomain",
    "department",
    "level",
    "companyName",
    "companyDomain",
    "companyKeyword",
    "companyHeadCount",
    "companyRevenue",
    "companyIndustry",
    "companySubIndustry",
    "city",
    "state",
    "country",
)


def prospect_error(status: int, message: str) -> ApiError:
    """A refusal in the Prospect host's own error shape (as its documented 401s are)."""
    phrase = http.HTTPStatus(status).phrase
    return ApiError(
        status, {"statusCode": status, "success": False, "message": phrase, "error": message}
    )


def _failure(message: str) -> ApiError:
    # Limit and credit failures of a fetch come back as 200 with ``success: false``.
    return ApiError(200, {"success": False, "message": message})


def _fold(text: str) -> str:
    return text.strip().casefold()


def _contains(text: str, needle: str) -> bool:
    return _fold(needle) in _fold(text)


@attrs.frozen
class FakeCompany:
    """An employer of the directory, with where it sits and what it does."""

    name: str
    domain: str
    industry: str
    sub_industry: str
    head_count: str
    revenue: str
    country: str
    state: str
    city: str
    keywords: tuple[str, ...]


@attrs.frozen
class FakeContact:
    """A person of the directory. ``email`` is ``None`` when none can be found; ``verification``
    is ``valid``, ``catch_all`` or ``invalid`` for the others."""

    id: str
    first_name: str
    last_name: str
    title: str
    departments: tuple[str, ...]
    level: str
    company: FakeCompany
    email: str | None
    verification: str | None
    catch_all_status: str | None = None

    @property
    def full_name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}"

    def card(self) -> dict[str, JSON]:
        """Who the contact is and where they work: how every Prospect list starts a contact."""
        return {
            "id": self.id,
            "firstName": self.first_name,
            "lastName": self.last_name,
            "fullName": self.full_name,
            "title": self.title,
            "company": {"name": self.company.name, "website": self.company.domain},
        }

    def profile(self, *, owned: bool) -> dict[str, JSON]:
        """The contact as a search lists it: its email only once fetched (searching spends no
        credits, so it reveals none)."""
        company = self.company
        return {
            **self.card(),
            "department": list(self.departments),
            "level": self.level,
            "industry": company.industry,
            "subIndustry": company.sub_industry,
            "companyHeadCount": company.head_count,
            "companyRevenue": company.revenue,
            "country": company.country,
            "state": company.state,
            "city": company.city,
            "email": self.email if owned else None,
            "linkedin": f"linkedin.com/in/{self.first_name}-{self.last_name}".lower(),
            "emailDeliverability": {"valid": 0.95, "catch_all": 0.6, "invalid": 0.1}.get(
                self.verification or ""
            ),
            "address": company.city,
        }


@attrs.define
class FakeFetchedContact:
    """A contact whose email the account fetched (or found): "owned" from then on."""

    contact: FakeContact
    #: The search it was fetched through (``None``: found by find-emails).
    filter_id: int | None
    fetched_at: dt.datetime

    @property
    def status(self) -> str:
        """``completed`` when an email was found, else ``not_found``."""
        return "completed" if self.contact.email else "not_found"

    def to_wire(self, *, verification: bool = True) -> dict[str, JSON]:
        """The contact as get-contacts (with ``verificationStatus``) and fetch-contacts list
        it."""
        wire: dict[str, JSON] = {
            **self.contact.card(),
            "email": self.contact.email,
            "status": self.status,
        }
        if verification:
            wire["verificationStatus"] = self.contact.verification
        return wire


@attrs.define
class FakeSearch:
    """A search of the directory: run (a recent search) or saved. Its id is the ``filter_id``
    that get-contacts, fetch-contacts and review-contacts take."""

    id: int
    search_string: str
    #: The filters as sent (wire keys), with ``limit``.
    filter_details: dict[str, JSON]
    #: Contact ids of every match, in directory order.
    matches: tuple[str, ...]
    is_saved: bool = False
    is_recent: bool = False
    include_owned: bool = True
    #: Contact ids fetched through this search, in fetch order.
    fetched: list[str] = attrs.field(factory=list)
    created_at: str = attrs.field(factory=now)
    updated_at: str = attrs.field(factory=now)

    def to_wire(self) -> dict[str, JSON]:
        """The search as the saved and recent lists show it."""
        return {
            "id": self.id,
            "search_string": self.search_string,
            "filter_details": dict(self.filter_details),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


_COMPANIES = {
    "acme": FakeCompany(
        "Acme Robotics", "acmerobotics.example", "Manufacturing", "Industrial Automation",
        "201-500", "$10M-$50M", "United States", "Texas", "Austin",
        ("robotics", "automation"),
    ),
    "northwind": FakeCompany(
        "Northwind Analytics", "northwind.example", "Technology", "Software", "51-200",
        "$1M-$10M", "United States", "California", "San Francisco",
        ("analytics", "saas"),
    ),
    "globex": FakeCompany(
        "Globex Health", "globexhealth.example", "Healthcare", "Hospitals", "1001-5000",
        "$100M-$500M", "United States", "Texas", "Houston",
        ("healthcare", "telemedicine"),
    ),
    "initech": FakeCompany(
        "Initech Payments", "initech.example", "Financial Services", "Banking", "501-1000",
        "$50M-$100M", "United Kingdom", "England", "London", ("fintech", "payments"),
    ),
    "umbrella": FakeCompany(
        "Umbrella Logistics", "umbrella-logistics.example", "Transportation", "Logistics",
        "201-500", "$10M-$50M", "Germany", "Bavaria", "Munich",
        ("logistics", "shipping"),
    ),
    "stark": FakeCompany(
        "Stark Learning", "starklearning.example", "Education", "E-Learning", "11-50",
        "$1M-$10M", "Germany", "Berlin", "Berlin", ("e-learning", "edtech"),
    ),
    "wayne": FakeCompany(
        "Wayne Retail", "wayneretail.example", "Retail", "E-Commerce", "51-200", "$1M-$10M",
        "France", "Ile-de-France", "Paris", ("ecommerce", "marketing"),
    ),
    "hooli": FakeCompany(
        "Hooli Cloud", "hooli.example", "Technology", "Hardware", "5001-10000", "$1B+",
        "India", "Karnataka", "Bengaluru", ("cloud", "saas"),
    ),
}  # fmt: skip

#: One contact a line: first|last|title|departments (``+``-joined)|level|company|verification
#: of its email (empty: no email can be found).
_PEOPLE = """
Ava|Thompson|Chief Executive Officer|Operations|C-Level|acme|valid
Liam|Garcia|VP of Sales|Sales|VP-Level|acme|valid
Mia|Patel|Director of Engineering|Engineering|Director-Level|acme|catch_all
Noah|Kim|Software Engineer|Engineering|Entry|acme|
Emma|Lopez|Marketing Manager|Marketing|Manager|acme|valid
Olivia|Chen|Director of Sales|Sales|Director-Level|northwind|valid
Ethan|Brown|Senior Software Engineer|Engineering|Senior|northwind|valid
Sophia|Nguyen|Chief Technology Officer|Engineering|C-Level|northwind|invalid
Lucas|Wright|Account Executive|Sales|Entry|northwind|valid
Isabella|Scott|Head of Marketing|Marketing|Director-Level|northwind|catch_all
James|Walker|Director of Operations|Operations|Director-Level|globex|valid
Charlotte|Hall|Finance Manager|Finance|Manager|globex|valid
Benjamin|Young|VP of Engineering|Engineering|VP-Level|globex|
Amelia|King|Sales Manager|Sales|Manager|globex|valid
Oliver|Hughes|Chief Financial Officer|Finance|C-Level|initech|valid
Harper|Evans|Director of Sales|Sales|Director-Level|initech|catch_all
William|Clarke|Software Engineer|Engineering|Entry|initech|valid
Evelyn|Turner|Product Marketing Manager|Marketing|Manager|initech|invalid
Henry|Baker|Head of Operations|Operations|Director-Level|initech|valid
Lukas|Schmidt|Managing Director|Operations|C-Level|umbrella|valid
Anna|Mueller|Director of Sales|Sales|Director-Level|umbrella|valid
Felix|Wagner|Logistics Manager|Operations|Manager|umbrella|catch_all
Lea|Becker|Senior Accountant|Finance|Senior|umbrella|
Jonas|Fischer|Chief Executive Officer|Operations|C-Level|stark|valid
Marie|Weber|Head of Engineering|Engineering|Director-Level|stark|valid
Paul|Hoffmann|Sales Development Representative|Sales|Entry|stark|valid
Clara|Schulz|Content Marketing Manager|Marketing|Manager|stark|invalid
Louis|Martin|Director of Marketing|Marketing|Director-Level|wayne|valid
Chloe|Bernard|E-Commerce Manager|Sales+Marketing|Manager|wayne|valid
Hugo|Dubois|Chief Operating Officer|Operations|C-Level|wayne|catch_all
Jade|Moreau|HR Manager|Human Resources|Manager|wayne|valid
Arjun|Sharma|VP of Engineering|Engineering|VP-Level|hooli|valid
Priya|Iyer|Director of Sales|Sales|Director-Level|hooli|valid
Rohan|Mehta|Senior Software Engineer|Engineering|Senior|hooli|catch_all
Ananya|Rao|Finance Director|Finance|Director-Level|hooli|
Vikram|Nair|Talent Acquisition Manager|Human Resources|Manager|hooli|valid
"""


def _directory() -> dict[str, FakeContact]:
    contacts: dict[str, FakeContact] = {}
    catch_alls = 0
    for index, line in enumerate(_PEOPLE.strip().splitlines()):
        first, last, title, departments, level, key, verification = line.split("|")
        company = _COMPANIES[key]
        catch_all = None
        if verification == "catch_all":
            # Alternate the two outcomes a catch-all check most often gives.
            catch_all = CATCH_ALL_STATUSES[0 if catch_alls % 2 == 0 else 3]
            catch_alls += 1
        # Adapt ids are 24 hex digits; the first is the reference's example id.
        contact = FakeContact(
            id=f"5f22b0c8cff47e0001{0x616F81 + index:06x}",
            first_name=first,
            last_name=last,
            title=title,
            departments=tuple(departments.split("+")),
            level=level,
            company=company,
            email=f"{first}.{last}@{company.domain}".lower() if verification else None,
            verification=verification or None,
            catch_all_status=catch_all,
        )
        contacts[contact.id] = contact
    return contacts


def _distinct(values: Iterable[T]) -> list[T]:
    """``values`` without repeats, in first-seen order."""
    return list(dict.fromkeys(values))


def _numbered(
    key: str, names: Sequence[str], search: str, keep: Callable[[str], bool] = lambda _: True
) -> list[dict[str, JSON]]:
    """Lookup rows with ids by position in the whole list (stable whatever the filters)."""
    return [
        {"id": i, key: name}
        for i, name in enumerate(names, start=1)
        if keep(name) and _contains(name, search)
    ]


def _named(key: str, names: Sequence[str], search: str) -> list[dict[str, JSON]]:
    """Lookup rows without ids (company names, domains, job titles, keywords)."""
    return [{key: name} for name in names if _contains(name, search)]


def _strings(body: Mapping[str, JSON], key: str) -> list[str]:
    value = body.get(key)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _any_equal(values: Iterable[str], wanted: Sequence[str]) -> bool:
    folded = {_fold(w) for w in wanted}
    return any(_fold(v) in folded for v in values)


def _matches_text(value: str, wanted: Sequence[str], *, exact: bool) -> bool:
    return _any_equal([value], wanted) if exact else any(_contains(value, w) for w in wanted)


#: Filters matched by equality with any value given (case-insensitive).
_EQUAL: dict[str, Callable[[FakeContact], Iterable[str]]] = {
    "firstName": lambda c: (c.first_name,),
    "lastName": lambda c: (c.last_name,),
    "department": lambda c: c.departments,
    "level": lambda c: (c.level,),
    "companyKeyword": lambda c: c.company.keywords,
    "companyHeadCount": lambda c: (c.company.head_count,),
    "companyRevenue": lambda c: (c.company.revenue,),
    "companyIndustry": lambda c: (c.company.industry,),
    "companySubIndustry": lambda c: (c.company.sub_industry,),
    "city": lambda c: (c.company.city,),
    "state": lambda c: (c.company.state,),
    "country": lambda c: (c.company.country,),
}
#: Filters matched partially unless their exact-match flag is set: (value, flag, include key,
#: exclude key). ``include*`` values widen the filter, ``exclude*`` ones drop contacts.
_TEXT: dict[str, tuple[Callable[[FakeContact], str], str | None, str | None, str | None]] = {
    "name": (lambda c: c.full_name, None, None, None),
    "title": (lambda c: c.title, "titleExactMatch", "includeTitle", "excludeTitle"),
    "companyName": (
        lambda c: c.company.name,
        "companyExactMatch",
        "includeCompany",
        "excludeCompany",
    ),
    "companyDomain": (
        lambda c: c.company.domain,
        "companyDomainExactMatch",
        "includeCompanyDomain",
        "excludeCompanyDomain",
    ),
}


def _matches(contact: FakeContact, body: Mapping[str, JSON]) -> bool:
    for key, field in _EQUAL.items():
        wanted = _strings(body, key)
        if wanted and not _any_equal(field(contact), wanted):
            return False
    for key, (field, flag, include, exclude) in _TEXT.items():
        exact = flag is not None and body.get(flag) is True
        wanted = _strings(body, key) + (_strings(body, include) if include else [])
        if wanted and not _matches_text(field(contact), wanted, exact=exact):
            return False
        unwanted = _strings(body, exclude) if exclude else []
        if unwanted and _matches_text(field(contact), unwanted, exact=exact):
            return False
    return True


def _describe(body: Mapping[str, JSON]) -> str:
    """A recent search's name, as SmartLead words one: "Director in United States"."""
    who = ", ".join(_strings(body, "title") or _strings(body, "level") or ["Contacts"])
    where = ", ".join(_strings(body, "city") + _strings(body, "state") + _strings(body, "country"))
    return f"{who} in {where}" if where else who


def _check_range(name: str, value: JSON, low: int, high: int | None) -> int:
    """An integer body value within ``low..high`` (Joi's messages otherwise)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise joi(f'"{name}" must be an integer', name)
    if value < low:
        raise joi(f'"{name}" must be greater than or equal to {low}', name)
    if high is not None and value > high:
        raise joi(f'"{name}" must be less than or equal to {high}', name)
    return value


def _check_name(value: str) -> str:
    if not value.strip():
        raise joi('"search_string" is not allowed to be empty', "search_string")
    if len(value) > MAX_NAME:
        message = f'"search_string" length must be less than or equal to {MAX_NAME} characters long'
        raise joi(message, "search_string")
    return value


def _check_one_of(name: str, value: str | None, known: Sequence[str]) -> None:
    if value is not None and value not in known:
        raise joi(f'"{name}" must be one of [{", ".join(known)}]', name)


def _exactly_one(body: Mapping[str, JSON], first: str, second: str) -> None:
    present = [key for key in (first, second) if body.get(key) is not None]
    if len(present) == 2:
        raise joi(f'"value" contains a conflict between exclusive peers [{first}, {second}]', first)
    if not present:
        raise joi(f'"value" must contain at least one of [{first}, {second}]', first)


def _month(moment: dt.datetime) -> tuple[int, int]:
    return moment.year, moment.month


def _previous(month: tuple[int, int]) -> tuple[int, int]:
    year, number = month
    return (year, number - 1) if number > 1 else (year - 1, 12)


def _this_and_last(moments: Iterable[dt.datetime], this_month: tuple[int, int]) -> tuple[int, int]:
    """How many of ``moments`` fall in this month and in the one before."""
    months = [_month(moment) for moment in moments]
    return months.count(this_month), months.count(_previous(this_month))


def _change(current: int, previous: int) -> tuple[float | int, str, str]:
    """Percentage change, its text (``+20%``) and trend word, as the analytics answers give
    them. From nothing, any growth counts as +100%."""
    if previous:
        change: float | int = round((current - previous) / previous * 100, 2)
    else:
        change = 100 if current else 0
    if isinstance(change, float) and change.is_integer():
        change = int(change)
    text = f"{change:+}%" if change else "0%"
    trend = "increase" if change > 0 else "decrease" if change < 0 else "no change"
    return change, text, trend


class ProspectStore(Table[int, FakeSearch]):
    """Searches by id (their ``filter_id``), over the seeded directory.

    Attributes:
        directory: The contacts, by adapt id.
        fetched: The contacts whose emails the account fetched or found, by adapt id.
        credits_total: Email credits of the account; one is spent per email first revealed.
        max_daily_fetch: Contacts the account may fetch per (UTC) day.
        max_single_fetch: Contacts one fetch may ask for.
        clock: Today's UTC time, for fetch times and the month and day the analytics count;
            tests pin it so that "this month" and "today" do not move under them.
    """

    def __init__(self, ids: Ids) -> None:
        super().__init__()
        self._ids = ids
        self.clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
        self.directory = _directory()
        self.fetched: dict[str, FakeFetchedContact] = {}
        self.credits_total = 1_000
        self.max_daily_fetch = 10_000
        self.max_single_fetch = 10_000

    # Lookups: every value the directory holds, narrowed by ``search`` (a part of the name).
    @property
    def _companies(self) -> list[FakeCompany]:
        return _distinct(c.company for c in self.directory.values())

    def countries(self, search: str) -> list[dict[str, JSON]]:
        """The countries lookup."""
        return _numbered("country_name", _distinct(c.country for c in self._companies), search)

    def states(self, search: str, countries: Sequence[str]) -> list[dict[str, JSON]]:
        """The states lookup, optionally of some countries."""
        country_of = {c.state: c.country for c in self._companies}
        return _numbered(
            "state_name",
            list(country_of),
            search,
            lambda state: not countries or _any_equal([country_of[state]], countries),
        )

    def cities(
        self, search: str, states: Sequence[str], countries: Sequence[str]
    ) -> list[dict[str, JSON]]:
        """The cities lookup, optionally of some states and countries."""
        where = {c.city: c for c in self._companies}
        return _numbered(
            "city_name",
            list(where),
            search,
            lambda city: (
                (not states or _any_equal([where[city].state], states))
                and (not countries or _any_equal([where[city].country], countries))
            ),
        )

    def company_names(self, search: str) -> list[dict[str, JSON]]:
        """The company-name lookup."""
        return _named("company_name", [c.name for c in self._companies], search)

    def domains(self, search: str) -> list[dict[str, JSON]]:
        """The company-domain lookup."""
        return _named("domain_name", [c.domain for c in self._companies], search)

    def departments(self, search: str) -> list[dict[str, JSON]]:
        """The departments lookup."""
        return _numbered("department_name", DEPARTMENTS, search)

    def levels(self, search: str) -> list[dict[str, JSON]]:
        """The seniority-level lookup."""
        return _numbered("level_name", LEVELS, search)

    def _industries(self) -> dict[str, list[str]]:
        tree: dict[str, list[str]] = {}
        for company in self._companies:
            subs = tree.setdefault(company.industry, [])
            if company.sub_industry not in subs:
                subs.append(company.sub_industry)
        return tree

    def industries(self, search: str, *, with_sub_industries: bool) -> list[dict[str, JSON]]:
        """The industries lookup; ``with_sub_industries`` nests each one's sub-industries."""
        tree = self._industries()
        rows = _numbered("industry_name", list(tree), search)
        if with_sub_industries:
            for row in rows:
                subs = tree[str(row["industry_name"])]
                row["sub_industry_list"] = [{"sub_industry_name": s} for s in subs]
        return rows

    def sub_industries(self, search: str, industry_id: int | None) -> list[dict[str, JSON]]:
        """The sub-industries lookup, optionally of one industry."""
        industry_ids = {name: i for i, name in enumerate(self._industries(), start=1)}
        parent = {c.sub_industry: industry_ids[c.industry] for c in self._companies}
        rows = _numbered(
            "sub_industry_name",
            list(parent),
            search,
            lambda sub: industry_id is None or parent[sub] == industry_id,
        )
        return [{**row, "industry_id": parent[str(row["sub_industry_name"])]} for row in rows]

    def revenues(self) -> list[JSON]:
        """The revenue ranges."""
        return [*_numbered("revenue", REVENUES, "")]

    def head_counts(self, search: str) -> list[dict[str, JSON]]:
        """The company-size ranges."""
        return _numbered("head_count", HEAD_COUNTS, search)

    def job_titles(self, search: str) -> list[dict[str, JSON]]:
        """The job-title lookup."""
        return _named("job_title", _distinct(c.title for c in self.directory.values()), search)

    def keywords(self, search: str) -> list[dict[str, JSON]]:
        """The company-keyword lookup."""
        words = _distinct(w for c in self._companies for w in c.keywords)
        return _named("keyword", words, search)

    # Searches.
    def _new_search(self, body: Mapping[str, JSON], name: str, *, saved: bool) -> FakeSearch:
        for key in FILTER_KEYS:
            if len(_strings(body, key)) > FILTER_MAX_VALUES:
                message = f'"{key}" must contain less than or equal to {FILTER_MAX_VALUES} items'
                raise joi(message, key)
        hide_owned = body.get("dontDisplayOwnedContact") is True
        matches = tuple(
            c.id
            for c in self.directory.values()
            if _matches(c, body) and not (hide_owned and c.id in self.fetched)
        )
        details = {k: v for k, v in body.items() if k not in ("search_string", "scroll_id")}
        search = FakeSearch(
            self._ids(),
            name,
            details,
            matches,
            is_saved=saved,
            is_recent=not saved,
            include_owned=not hide_owned,
        )
        self._rows[search.id] = search
        return search

    def search_contacts(self, body: Mapping[str, JSON]) -> dict[str, JSON]:
        """One page of ``POST /search-contacts`` (``data`` of the answer).

        A first page records a new (recent) search; ``scroll_id`` continues the search it came
        from at the next page (its own filters, the body's ``limit``) and is ``null`` after the
        last page. Searching reveals no emails and spends no credits.
        """
        limit = _check_range("limit", body.get("limit"), 1, SEARCH_MAX_LIMIT)
        scroll = body.get("scroll_id")
        if isinstance(scroll, str):
            search, offset = self._scrolled(scroll)
        else:
            search, offset = self._new_search(body, _describe(body), saved=False), 0
        shown = search.matches[offset : offset + limit]
        after = offset + len(shown)
        return {
            "list": [self.directory[i].profile(owned=i in self.fetched) for i in shown],
            "scroll_id": _scroll_id(search.id, after) if after < len(search.matches) else None,
            "filter_id": search.id,
            "total_count": len(search.matches),
        }

    def _scrolled(self, scroll: str) -> tuple[FakeSearch, int]:
        try:
            filter_id, offset = base64.urlsafe_b64decode(scroll.encode()).decode().split(":")
            search = self._rows[int(filter_id)]
            return search, int(offset)
        except (binascii.Error, UnicodeDecodeError, ValueError, KeyError):
            raise prospect_error(400, "Invalid scroll_id") from None

    def existing(self, filter_id: int, status: int = 400) -> FakeSearch:
        """A search by its ``filter_id``, or a refusal (``status``: 404 where the route
        documents one, else 400)."""
        search = self._rows.get(filter_id)
        if search is None:
            raise prospect_error(status, f"Filter {filter_id} not found")
        return search

    def save_search(self, body: Mapping[str, JSON]) -> FakeSearch:
        """``POST /search-filters/save-search``: a saved search of the body's filters, keeping
        at most ``limit`` matches."""
        name = _check_name(str(body.get("search_string", "")))
        limit = body.get("limit")
        keep = None if limit is None else _check_range("limit", limit, 1, SAVED_MAX_CONTACTS)
        search = self._new_search(body, name, saved=True)
        search.matches = search.matches[:keep]
        return search

    def rename(self, search_id: int, name: str, *, fetched: bool) -> FakeSearch:
        """Rename a saved (or, with ``fetched``, a fetched) search; 404 when it is not one."""
        _check_name(name)
        search = self._rows.get(search_id)
        if search is None or not (search.fetched if fetched else search.is_saved):
            kind = "Fetched lead" if fetched else "Saved search"
            raise prospect_error(404, f"{kind} {search_id} not found")
        search.search_string = name
        search.updated_at = now()
        return search

    def saved(self) -> list[FakeSearch]:
        """Saved searches, newest first."""
        return [s for s in reversed(self._rows.values()) if s.is_saved]

    def recent(self) -> list[FakeSearch]:
        """Searches run, newest first."""
        return [s for s in reversed(self._rows.values()) if s.is_recent]

    def fetched_searches(self) -> list[FakeSearch]:
        """Searches whose contacts were fetched, newest first."""
        return [s for s in reversed(self._rows.values()) if s.fetched]

    def fetched_wire(self, search: FakeSearch, user_id: int) -> dict[str, JSON]:
        """A fetched search as its list shows it, with its fetch counters."""
        return {
            **search.to_wire(),
            "user_id": user_id,
            "type": "saved" if search.is_saved else "recent",
            "include_owned": search.include_owned,
            "is_saved": search.is_saved,
            "is_fetched": bool(search.fetched),
            "fetch_details": self.fetch_details(search),
        }

    # Fetched contacts and credits.
    @property
    def credits_used(self) -> int:
        """Credits spent: one per email revealed."""
        return sum(1 for owned in self.fetched.values() if owned.contact.email)

    @property
    def credits_available(self) -> int:
        """Credits left."""
        return max(self.credits_total - self.credits_used, 0)

    def _owned(self, search: FakeSearch) -> list[FakeFetchedContact]:
        return [self.fetched[i] for i in search.fetched]

    def fetch_details(self, search: FakeSearch) -> dict[str, JSON]:
        """What fetching a search's emails produced (review-contacts, fetched searches)."""
        owned = self._owned(search)
        metrics = _metrics([o.contact for o in owned])
        return {
            "metrics": metrics,
            "leads_found": metrics["totalContacts"],
            "email_fetched": metrics["totalEmails"],
            "catch_all_status_list": _distinct(
                o.contact.catch_all_status for o in owned if o.contact.catch_all_status
            ),
            "verification_status_list": _distinct(
                o.contact.verification for o in owned if o.contact.verification
            ),
        }

    def fetch_contacts(self, body: Mapping[str, JSON]) -> dict[str, JSON]:
        """``POST /fetch-contacts`` (``data`` of the answer): reveal the emails of a search's
        first ``limit`` matches, or of the contacts ``id``; answer a window of the search's
        fetched contacts. Limit and credit failures are 200s with ``success: false`` and change
        nothing."""
        search = self.existing(_check_range("filter_id", body.get("filter_id"), 1, None))
        _exactly_one(body, "id", "limit")
        window = _check_range(
            "visual_limit", body.get("visual_limit", FETCH_DEFAULT_WINDOW), 1, FETCH_MAX_WINDOW
        )
        start = _check_range("visual_offset", body.get("visual_offset", 0), 0, None)
        if "limit" in body:
            limit = _check_range("limit", body.get("limit"), 1, None)
            if limit > self.max_single_fetch:
                raise _failure(f"A fetch takes at most {self.max_single_fetch} contacts")
            targets = list(search.matches[:limit])
        else:
            # A search's matches never repeat; the ids a caller sends may.
            targets = _distinct(i for i in _strings(body, "id") if i in self.directory)
        new = [i for i in targets if i not in self.fetched]
        if sum(1 for i in new if self.directory[i].email) > self.credits_available:
            raise _failure("Insufficient credits")
        if self.fetched_today() + len(new) > self.max_daily_fetch:
            raise _failure("Daily fetch limit reached")
        for contact_id in new:
            self.fetched[contact_id] = FakeFetchedContact(
                self.directory[contact_id], search.id, self.clock()
            )
        search.fetched += [i for i in targets if i not in search.fetched]
        search.updated_at = now()
        owned = self._owned(search)
        return {
            "list": [o.to_wire(verification=False) for o in owned[start : start + window]],
            "total_count": len(owned),
            "visual_limit": window,
            "visual_offset": start,
            "metrics": _metrics([o.contact for o in owned]),
        }

    def fetched_today(self) -> int:
        """Contacts fetched since midnight UTC."""
        today = self.clock().date()
        return sum(1 for o in self.fetched.values() if o.fetched_at.date() == today)

    def get_contacts(self, body: Mapping[str, JSON]) -> dict[str, JSON]:
        """``POST /get-contacts`` (``data`` of the answer): fetched contacts by ``id`` (at most
        200; ids not fetched are left out), or a search's by ``filter_id``, narrowed by
        ``search`` (name, email or company) and the verification outcomes, paged by
        ``offset``/``limit``."""
        _exactly_one(body, "id", "filter_id")
        verification = body.get("verification_status")
        catch_all = body.get("catch_all_status")
        _check_one_of("verification_status", _text(verification), VERIFICATION_STATUSES)
        _check_one_of("catch_all_status", _text(catch_all), CATCH_ALL_STATUSES)
        if "id" in body:
            ids = _strings(body, "id")
            if len(ids) > CONTACTS_MAX_IDS:
                message = f'"id" must contain less than or equal to {CONTACTS_MAX_IDS} items'
                raise joi(message, "id")
            rows = [self.fetched[i] for i in _distinct(ids) if i in self.fetched]
            filter_id, offset, limit = None, 0, len(ids)
        else:
            search = self.existing(_check_range("filter_id", body.get("filter_id"), 1, None))
            rows, filter_id = self._owned(search), search.id
            offset = _check_range("offset", body.get("offset", 0), 0, None)
            limit = _check_range(
                "limit", body.get("limit", CONTACTS_DEFAULT_LIMIT), 1, CONTACTS_MAX_LIMIT
            )
        needle = _text(body.get("search")) or ""
        rows = [
            o
            for o in rows
            if any(_contains(t, needle) for t in _searchable(o.contact))
            and verification in (None, o.contact.verification)
            and catch_all in (None, o.contact.catch_all_status)
        ]
        shown = rows[offset : offset + limit]
        return {
            "list": [o.to_wire() for o in shown],
            "pagination": {
                "filterId": filter_id,
                "limit": limit,
                "offset": offset,
                "total": len(rows),
                "hasMore": offset + len(shown) < len(rows),
            },
            "totalCount": len(rows),
        }

    def find_emails(self, people: Sequence[Mapping[str, JSON]]) -> list[JSON]:
        """``POST /search-contacts/find-emails``: one row per person, in order, found by name
        and company domain in the directory. Each email found for the first time spends a
        credit; without enough, nothing is found and the answer is 402."""
        if not 1 <= len(people) <= FIND_EMAILS_MAX:
            bound = "at least 1" if not people else f"less than or equal to {FIND_EMAILS_MAX}"
            raise joi(f'"contacts" must contain {bound} items', "contacts")
        found = [self._person(p) for p in people]
        cost = len({c.id for c in found if c is not None and c.id not in self.fetched})
        if cost > self.credits_available:
            raise ApiError(402, {"success": False, "message": "Insufficient credits", "data": None})
        rows: list[JSON] = []
        for person, contact in zip(people, found, strict=True):
            if contact is not None:
                self.fetched.setdefault(contact.id, FakeFetchedContact(contact, None, self.clock()))
            rows.append(
                {
                    "firstName": person.get("firstName"),
                    "lastName": person.get("lastName"),
                    "companyDomain": person.get("companyDomain"),
                    "email_id": contact.email if contact and contact.email else "",
                    "status": "Found" if contact else "Not Found",
                    "verification_status": (
                        _FOUND_VERIFICATION[contact.verification]
                        if contact and contact.verification
                        else None
                    ),
                }
            )
        return rows

    def _person(self, person: Mapping[str, JSON]) -> FakeContact | None:
        """The directory contact with an email for a first name, last name and domain."""
        wanted = tuple(
            _fold(_text(person.get(key)) or "")
            for key in ("firstName", "lastName", "companyDomain")
        )
        for contact in self.directory.values():
            names = (_fold(contact.first_name), _fold(contact.last_name), contact.company.domain)
            if contact.email and names == (wanted[0], wanted[1], wanted[2].removeprefix("www.")):
                return contact
        return None

    def review(self, filter_id: int) -> dict[str, JSON]:
        """``PATCH /review-contacts/{filter_id}`` (``data``): re-sync a search's fetched
        contacts (the fake's never go stale, so this reports them); 404 for an unknown
        search."""
        search = self.existing(filter_id, status=404)
        search.updated_at = now()
        return {
            "filter_id": search.id,
            "records_updated": len(search.fetched),
            "fetch_details": self.fetch_details(search),
        }

    # Analytics.
    def search_analytics(self, filter_id: int | None) -> dict[str, JSON]:
        """``GET /search-analytics`` (``data``): contacts fetched ("leads found") and emails
        revealed this month against last, credits and limits; with ``filter_id``, one search's
        counters (``null`` for an unknown search)."""
        this_month = _month(self.clock())
        owned = list(self.fetched.values())
        with_email = [o for o in owned if o.contact.email]
        search = self._rows.get(filter_id) if filter_id is not None else None
        filter_data: JSON = None
        if search is not None:
            details = self.fetch_details(search)
            filter_data = {
                "leadsFound": details["leads_found"],
                "emailsFetched": details["email_fetched"],
            }
        return {
            "leadsFound": _monthly(owned, this_month),
            "emailsFetched": _monthly(with_email, this_month),
            "availableCredits": {
                "available": self.credits_available,
                "total": self.credits_total,
                "used": self.credits_used,
            },
            "leadsFoundToday": self.fetched_today(),
            "filterData": filter_data,
            "maxDailyFetchLimit": self.max_daily_fetch,
            "maxSingleFetchLimit": self.max_single_fetch,
        }

    def reply_analytics(self, replies: Iterable[tuple[str, str | None]]) -> dict[str, JSON]:
        """``GET /reply-analytics`` (``data``): of the ``(email, last reply time)`` pairs of the
        master inbox, the replies from emails Prospect revealed, this month against last."""
        revealed = {o.contact.email for o in self.fetched.values() if o.contact.email}
        replied = [
            dt.datetime.fromisoformat(when)
            for email, when in replies
            if when is not None and email in revealed
        ]
        current, previous = _this_and_last(replied, _month(self.clock()))
        _, text, trend = _change(current, previous)
        return {
            "currentMonth": {"replied": current},
            "previousMonth": {"replied": previous},
            "percentage_change": text,
            "trend": trend,
        }


def _scroll_id(filter_id: int, offset: int) -> str:
    return base64.urlsafe_b64encode(f"{filter_id}:{offset}".encode()).decode()


def _text(value: JSON) -> str | None:
    return value if isinstance(value, str) else None


def _searchable(contact: FakeContact) -> tuple[str, ...]:
    return (contact.full_name, contact.email or "", contact.company.name)


def _metrics(contacts: Sequence[FakeContact]) -> dict[str, JSON]:
    """Email-fetch counters of some fetched contacts."""
    emails = [c for c in contacts if c.email]
    by_status = [c.verification for c in emails]
    return {
        "totalContacts": len(contacts),
        "totalEmails": len(emails),
        "noEmailFound": len(contacts) - len(emails),
        "invalidEmails": by_status.count("invalid"),
        "catchAllEmails": by_status.count("catch_all"),
        "verifiedEmails": by_status.count("valid"),
        "completed": len(emails),
    }


def _monthly(owned: Sequence[FakeFetchedContact], this_month: tuple[int, int]) -> dict[str, JSON]:
    current, previous = _this_and_last((o.fetched_at for o in owned), this_month)
    change, text, trend = _change(current, previous)
    return {
        "current": current,
        "previousMonth": previous,
        "percentageChange": change,
        "percentageChangeText": text,
        "trend": trend,
        "total": len(owned),
    }
