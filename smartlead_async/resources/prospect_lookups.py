"""``client.prospect.lookups``: the values Prospect's contact filters take.

Countries, states, cities, departments, levels, industries, sub-industries and head counts
page by ``offset``/``limit`` in the query (1 to 100) and answer ``pagination{limit, offset,
page, count}`` beside ``data``. Company names, domains, job titles and keywords take the same
parameters but answer no pagination block (default page 100, no documented maximum: the SDK
caps at 100).
Revenue ranges come back at once. Pagers stop on a short page (docs/api-notes.md, Pagination).
"""

from __future__ import annotations

from collections.abc import Sequence

from smartlead_async._endpoints import Endpoint, Paging, calls
from smartlead_async._hosts import Host
from smartlead_async._pagination import Pager
from smartlead_async._validation import require_id
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.prospect import (
    City,
    CityPage,
    CompanyDomain,
    CompanyDomainPage,
    CompanyName,
    CompanyNamePage,
    Country,
    CountryPage,
    Department,
    DepartmentPage,
    HeadCount,
    HeadCountPage,
    Industry,
    IndustryPage,
    JobTitle,
    JobTitlePage,
    Keyword,
    KeywordPage,
    Level,
    LevelPage,
    Revenue,
    RevenuePage,
    State,
    StatePage,
    SubIndustry,
    SubIndustryPage,
)
from smartlead_async.resources._base import Resource

__all__ = ["LOOKUP_MAX_LIMIT", "ProspectLookupsResource"]

#: The paged lookups serve 1 to 100 rows per page.
LOOKUP_MAX_LIMIT = 100
#: Search texts and comma-separated filters are 1 to 255 characters.
_MAX_TEXT = 255
_HOST: Host = "prospect"
_PAGED = Paging(max_limit=LOOKUP_MAX_LIMIT)

COUNTRIES = Endpoint("GET", "countries", CountryPage, page=_PAGED, host=_HOST)
STATES = Endpoint("GET", "states", StatePage, page=_PAGED, host=_HOST)
CITIES = Endpoint("GET", "cities", CityPage, page=_PAGED, host=_HOST)
COMPANIES = Endpoint("GET", "company", CompanyNamePage, page=_PAGED, host=_HOST)
DOMAINS = Endpoint("GET", "domain", CompanyDomainPage, page=_PAGED, host=_HOST)
DEPARTMENTS = Endpoint("GET", "departments", DepartmentPage, page=_PAGED, host=_HOST)
LEVELS = Endpoint("GET", "levels", LevelPage, page=_PAGED, host=_HOST)
INDUSTRIES = Endpoint("GET", "industries", IndustryPage, page=_PAGED, host=_HOST)
SUB_INDUSTRIES = Endpoint("GET", "sub-industries", SubIndustryPage, page=_PAGED, host=_HOST)
REVENUES = Endpoint("GET", "revenue", RevenuePage, page=Paging(max_limit=None), host=_HOST)
HEAD_COUNTS = Endpoint("GET", "head-counts", HeadCountPage, page=_PAGED, host=_HOST)
JOB_TITLES = Endpoint("GET", "job-title", JobTitlePage, page=_PAGED, host=_HOST)
KEYWORDS = Endpoint("GET", "keywords", KeywordPage, page=_PAGED, host=_HOST)


def _text(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not 1 <= len(value.strip()) <= _MAX_TEXT:
        raise RequestValidationError(f"{name} must be 1 to {_MAX_TEXT} characters, got {value!r}")
    return value.strip()


def _names(name: str, values: Sequence[str] | None) -> str | None:
    # Several names travel as one comma-separated value of 1 to 255 characters.
    if values is None:
        return None
    if isinstance(values, str) or not isinstance(values, Sequence) or not values:
        raise RequestValidationError(f"{name} must be a non-empty sequence of names")
    if not all(isinstance(v, str) and v.strip() and "," not in v for v in values):
        raise RequestValidationError(f"{name}: each name must be non-empty text without commas")
    return _text(name, ",".join(v.strip() for v in values))


class ProspectLookupsResource(Resource):
    """The values Prospect's contact filters take (``client.prospect.lookups``).

    Every method returns a :class:`~smartlead_async.Pager`: ``await`` it for one page, or
    ``async for`` over it for every row. ``search`` narrows the rows by name.
    """

    @calls(COUNTRIES)
    def countries(
        self, *, search: str | None = None, offset: int = 0, limit: int = LOOKUP_MAX_LIMIT
    ) -> Pager[Country]:
        """Countries."""
        query = {"search": _text("search", search)}
        return self._pipeline.pager(COUNTRIES, start=offset, limit=limit, query=query)

    @calls(STATES)
    def states(
        self,
        *,
        search: str | None = None,
        countries: Sequence[str] | None = None,
        offset: int = 0,
        limit: int = LOOKUP_MAX_LIMIT,
    ) -> Pager[State]:
        """States and regions, optionally of some ``countries`` (sent comma-separated)."""
        query = {"search": _text("search", search), "country": _names("countries", countries)}
        return self._pipeline.pager(STATES, start=offset, limit=limit, query=query)

    @calls(CITIES)
    def cities(
        self,
        *,
        search: str | None = None,
        states: Sequence[str] | None = None,
        countries: Sequence[str] | None = None,
        offset: int = 0,
        limit: int = LOOKUP_MAX_LIMIT,
    ) -> Pager[City]:
        """Cities, optionally of some ``states`` (and, with states only, ``countries``)."""
        if countries is not None and states is None:
            raise RequestValidationError("cities: countries= filters only together with states=")
        query = {
            "search": _text("search", search),
            "state": _names("states", states),
            "country": _names("countries", countries),
        }
        return self._pipeline.pager(CITIES, start=offset, limit=limit, query=query)

    @calls(COMPANIES)
    def companies(
        self, *, search: str | None = None, offset: int = 0, limit: int = LOOKUP_MAX_LIMIT
    ) -> Pager[CompanyName]:
        """Company names (the route sends no pagination block; a short page ends the walk)."""
        query = {"search": _text("search", search)}
        return self._pipeline.pager(COMPANIES, start=offset, limit=limit, query=query)

    @calls(DOMAINS)
    def domains(
        self, *, search: str | None = None, offset: int = 0, limit: int = LOOKUP_MAX_LIMIT
    ) -> Pager[CompanyDomain]:
        """Company domains (no pagination block; a short page ends the walk)."""
        query = {"search": _text("search", search)}
        return self._pipeline.pager(DOMAINS, start=offset, limit=limit, query=query)

    @calls(DEPARTMENTS)
    def departments(
        self, *, search: str | None = None, offset: int = 0, limit: int = LOOKUP_MAX_LIMIT
    ) -> Pager[Department]:
        """Departments."""
        query = {"search": _text("search", search)}
        return self._pipeline.pager(DEPARTMENTS, start=offset, limit=limit, query=query)

    @calls(LEVELS)
    def levels(
        self, *, search: str | None = None, offset: int = 0, limit: int = LOOKUP_MAX_LIMIT
    ) -> Pager[Level]:
        """Seniority levels."""
        query = {"search": _text("search", search)}
        return self._pipeline.pager(LEVELS, start=offset, limit=limit, query=query)

    @calls(INDUSTRIES)
    def industries(
        self,
        *,
        search: str | None = None,
        with_sub_industries: bool = False,
        offset: int = 0,
        limit: int = LOOKUP_MAX_LIMIT,
    ) -> Pager[Industry]:
        """Industries; ``with_sub_industries=True`` nests each one's sub-industries."""
        query = {
            "search": _text("search", search),
            "withSubIndustry": True if with_sub_industries else None,
        }
        return self._pipeline.pager(INDUSTRIES, start=offset, limit=limit, query=query)

    @calls(SUB_INDUSTRIES)
    def sub_industries(
        self,
        *,
        search: str | None = None,
        industry_id: int | None = None,
        offset: int = 0,
        limit: int = LOOKUP_MAX_LIMIT,
    ) -> Pager[SubIndustry]:
        """Sub-industries, optionally of one industry."""
        query = {
            "search": _text("search", search),
            "industry_id": None if industry_id is None else require_id("industry_id", industry_id),
        }
        return self._pipeline.pager(SUB_INDUSTRIES, start=offset, limit=limit, query=query)

    @calls(REVENUES)
    def revenues(self) -> Pager[Revenue]:
        """Company revenue ranges (one page: the route takes no parameters)."""
        return self._pipeline.pager(REVENUES)

    @calls(HEAD_COUNTS)
    def head_counts(
        self, *, search: str | None = None, offset: int = 0, limit: int = LOOKUP_MAX_LIMIT
    ) -> Pager[HeadCount]:
        """Company-size ranges."""
        query = {"search": _text("search", search)}
        return self._pipeline.pager(HEAD_COUNTS, start=offset, limit=limit, query=query)

    @calls(JOB_TITLES)
    def job_titles(
        self, *, search: str | None = None, offset: int = 0, limit: int = LOOKUP_MAX_LIMIT
    ) -> Pager[JobTitle]:
        """Job titles (no pagination block; a short page ends the walk)."""
        query = {"search": _text("search", search)}
        return self._pipeline.pager(JOB_TITLES, start=offset, limit=limit, query=query)

    @calls(KEYWORDS)
    def keywords(
        self, *, search: str | None = None, offset: int = 0, limit: int = LOOKUP_MAX_LIMIT
    ) -> Pager[Keyword]:
        """Company keywords (no pagination block; a short page ends the walk)."""
        query = {"search": _text("search", search)}
        return self._pipeline.pager(KEYWORDS, start=offset, limit=limit, query=query)
