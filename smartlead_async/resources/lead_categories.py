"""``client.leads.lead_categories``: create, change and delete lead categories.

Listing them is ``client.leads.categories()``.
"""

from __future__ import annotations

import re

from smartlead_async._endpoints import Endpoint, Unwrap, calls
from smartlead_async._json import JSON
from smartlead_async._sentinel import NOT_GIVEN, NotGiven, put_given
from smartlead_async._validation import require_id, require_text
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.common import OkResponse
from smartlead_async.models.leads import LeadCategory, LeadCategorySentiment
from smartlead_async.resources._base import Resource

__all__ = ["LeadCategoriesResource"]

#: The longest category name SmartLead accepts.
MAX_CATEGORY_NAME = 255
_HEX_COLOUR = re.compile(r"^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")
_SENTIMENTS = ("positive", "negative")

# The category sits in `data`, beside the `ok: true` the answer must carry. A second create with
# the same name is refused (names are unique): not repeated after an ambiguous failure.
CREATE_CATEGORY = Endpoint(
    "POST", "leads/categories", LeadCategory, unwrap=Unwrap.DATA, acknowledged=True
)
# Setting the same fields again changes nothing: safe to repeat.
UPDATE_CATEGORY = Endpoint(
    "PATCH",
    "leads/categories/{category_id}",
    LeadCategory,
    unwrap=Unwrap.DATA,
    acknowledged=True,
    idempotent=True,
)
DELETE_CATEGORY = Endpoint("DELETE", "leads/categories/{category_id}", OkResponse)


class LeadCategoriesResource(Resource):
    """Your own lead categories (the global ones cannot be changed)."""

    @calls(CREATE_CATEGORY)
    async def create(
        self,
        *,
        name: str,
        sentiment_type: LeadCategorySentiment | None = None,
        colour_code: str | None = None,
    ) -> LeadCategory:
        """Create a lead category; returns it.

        Args:
            name: At most 255 characters, trimmed; unique among the global and your own
                categories (case-insensitive, checked by SmartLead).
            sentiment_type: ``positive``, ``negative``, or ``None`` for neutral.
            colour_code: A hex colour such as ``#4CAF50`` (SmartLead's default ``#f9f1e9``).
        """
        body: dict[str, JSON] = {"name": _name(name)}
        if sentiment_type is not None:
            body["sentiment_type"] = _sentiment(sentiment_type)
        if colour_code is not None:
            body["colour_code"] = _colour(colour_code)
        return await self._pipeline.call(CREATE_CATEGORY, json=body)

    @calls(UPDATE_CATEGORY)
    async def update(
        self,
        category_id: int,
        *,
        name: str | NotGiven = NOT_GIVEN,
        sentiment_type: LeadCategorySentiment | NotGiven | None = NOT_GIVEN,
        colour_code: str | NotGiven = NOT_GIVEN,
    ) -> LeadCategory:
        """Change a category; only the arguments you pass are sent (``sentiment_type=None``
        makes it neutral)."""
        require_id("category_id", category_id)
        body: dict[str, JSON] = {}
        put_given(body, "name", name, _name)
        put_given(
            body,
            "sentiment_type",
            sentiment_type,
            lambda v: None if v is None else _sentiment(v),
        )
        put_given(body, "colour_code", colour_code, _colour)
        if not body:
            raise RequestValidationError("update needs at least one field to change")
        return await self._pipeline.call(UPDATE_CATEGORY, json=body, category_id=category_id)

    @calls(DELETE_CATEGORY)
    async def delete(self, category_id: int) -> OkResponse:
        """Delete one of your lead categories."""
        return await self._pipeline.call(
            DELETE_CATEGORY, category_id=require_id("category_id", category_id)
        )


def _name(value: object) -> str:
    text = require_text("name", value).strip()
    if len(text) > MAX_CATEGORY_NAME:
        raise RequestValidationError(f"name takes at most {MAX_CATEGORY_NAME} characters")
    return text


def _sentiment(value: object) -> str:
    if value not in _SENTIMENTS:
        raise RequestValidationError(f"sentiment_type must be one of {_SENTIMENTS} or None")
    return str(value)


def _colour(value: object) -> str:
    if not isinstance(value, str) or not _HEX_COLOUR.match(value):
        raise RequestValidationError(
            f"colour_code must be a hex colour like #4CAF50, got {value!r}"
        )
    return value
