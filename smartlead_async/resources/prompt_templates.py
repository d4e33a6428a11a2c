"""``client.campaigns.prompt_templates``: the AI prompt template a campaign uses to categorise
replies.

The answers are ``{"success": true, "data": {"template": {...}}}`` (docs/api-notes.md, Campaigns).
"""

from __future__ import annotations

from collections.abc import Sequence

from smartlead_async._endpoints import Endpoint, calls
from smartlead_async._json import JSON
from smartlead_async._validation import require_id, require_ids, require_text
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.campaigns import PromptTemplateResult
from smartlead_async.models.common import OkResponse
from smartlead_async.resources._base import Resource

__all__ = ["PromptTemplatesResource"]

# A second create makes a second template: not repeated after an ambiguous failure.
CREATE_PROMPT_TEMPLATE = Endpoint(
    "POST", "campaigns/{campaign_id}/prompt-template", PromptTemplateResult
)
GET_PROMPT_TEMPLATE = Endpoint(
    "GET", "campaigns/{campaign_id}/prompt-template", PromptTemplateResult
)
# Setting the same content, categories or flag again changes nothing: safe to repeat.
UPDATE_PROMPT_TEMPLATE = Endpoint(
    "PATCH",
    "campaigns/{campaign_id}/prompt-template/{template_id}",
    OkResponse,
    idempotent=True,
)


class PromptTemplatesResource(Resource):
    """Create, read and change a campaign's AI prompt template."""

    @calls(CREATE_PROMPT_TEMPLATE)
    async def create(
        self, campaign_id: int, *, prompt_content: str, category_ids: Sequence[int]
    ) -> PromptTemplateResult:
        """Give a campaign an AI prompt template.

        Args:
            campaign_id: The campaign.
            prompt_content: The prompt (not blank).
            category_ids: The lead categories the AI may assign (``categories``).
        """
        require_id("campaign_id", campaign_id)
        body: dict[str, JSON] = {
            "prompt_content": require_text("prompt_content", prompt_content),
            "categories": require_ids("category_ids", category_ids),
        }
        return await self._pipeline.call(CREATE_PROMPT_TEMPLATE, json=body, campaign_id=campaign_id)

    @calls(GET_PROMPT_TEMPLATE)
    async def get(self, campaign_id: int) -> PromptTemplateResult:
        """A campaign's AI prompt template (``result.template``)."""
        return await self._pipeline.call(
            GET_PROMPT_TEMPLATE, campaign_id=require_id("campaign_id", campaign_id)
        )

    @calls(UPDATE_PROMPT_TEMPLATE)
    async def update(
        self,
        campaign_id: int,
        template_id: int,
        *,
        prompt_content: str | None = None,
        category_ids: Sequence[int] | None = None,
        is_active: bool | None = None,
    ) -> OkResponse:
        """Change a template; only the arguments you pass are sent.

        Args:
            campaign_id: The campaign.
            template_id: The template.
            prompt_content: The new prompt (not blank).
            category_ids: Replaces the list of categories the AI may assign.
            is_active: Switch the template on or off.
        """
        require_id("campaign_id", campaign_id)
        require_id("template_id", template_id)
        body: dict[str, JSON] = {}
        if prompt_content is not None:
            body["prompt_content"] = require_text("prompt_content", prompt_content)
        if category_ids is not None:
            body["categories"] = require_ids("category_ids", category_ids)
        if is_active is not None:
            body["is_active"] = bool(is_active)
        if not body:
            raise RequestValidationError("update needs at least one field to change")
        return await self._pipeline.call(
            UPDATE_PROMPT_TEMPLATE, json=body, campaign_id=campaign_id, template_id=template_id
        )
