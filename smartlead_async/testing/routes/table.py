"""The route table: every route the fake serves, keyed ``"METHOD /path/{param}"``.

One row per route: the handler (in the module named after the SDK resource that calls it) and
the request as SmartLead's own API reference describes it, checked on every call (unknown or
misspelt keys, missing required keys, wrong types: Joi 400s). Where the SDK still sends a
spelling the reference does not document, :mod:`.legacy` names it; the rows stay as documented.
The same keys name routes in ``route_faults``.

Adding a route: a backend method, a handler, and one row here, in its host's table (keys
are unique across hosts).
"""

from __future__ import annotations

from collections.abc import Mapping

from smartlead_async.testing._schema import (
    ARRAY,
    BOOLEAN,
    INTEGER,
    NULL,
    NUMBER,
    OBJECT,
    STRING,
    Shape,
)
from smartlead_async.testing.backend.prospect import FILTER_KEYS
from smartlead_async.testing.routes import (
    analytics,
    campaigns,
    clients,
    email_accounts,
    inbox,
    lead_lists,
    leads,
    prospect,
    smart_delivery,
    smart_senders,
    webhooks,
)
from smartlead_async.testing.routes._base import Route

__all__ = ["ROUTES"]

_CORE: dict[str, Route] = {
    # analytics/followup-reply-rate.mdx
    "GET /analytics/campaign/follow-up-reply-rate": Route(
        analytics.report,
        query=("start_date*", "end_date*", "timezone", "client_ids", "campaign_ids"),
    ),
    # analytics/lead-to-reply-time.mdx
    "GET /analytics/campaign/lead-to-reply-time": Route(
        analytics.report,
        query=("start_date*", "end_date*", "timezone", "client_ids", "campaign_ids"),
    ),
    # analytics/leads-for-first-reply.mdx
    "GET /analytics/campaign/leads-take-for-first-reply": Route(
        analytics.report,
        query=("start_date*", "end_date*", "timezone", "client_ids", "campaign_ids"),
    ),
    # analytics/campaign-list.mdx
    "GET /analytics/campaign/list": Route(
        analytics.report,
        query=("client_ids",),
    ),
    # analytics/campaign-performance.mdx
    "GET /analytics/campaign/overall-stats": Route(
        analytics.report,
        query=(
            "start_date*",
            "end_date*",
            "timezone",
            "client_ids",
            "campaign_ids",
            "limit",
            "offset",
            "full_data",
        ),
    ),
    # analytics/campaign-response-stats.mdx
    "GET /analytics/campaign/response-stats": Route(
        analytics.report,
        query=("start_date*", "end_date*", "timezone", "client_ids", "campaign_ids", "full_data"),
    ),
    # analytics/campaign-status-stats.mdx
    "GET /analytics/campaign/status-stats": Route(
        analytics.report,
        query=("client_ids",),
    ),
    # analytics/client-list.mdx
    "GET /analytics/client/list": Route(
        analytics.report,
        query=("client_ids",),
    ),
    # analytics/month-wise-client-count.mdx
    "GET /analytics/client/month-wise-count": Route(
        analytics.report,
        query=("client_ids",),
    ),
    # analytics/client-performance.mdx
    "GET /analytics/client/overall-stats": Route(
        analytics.report,
        query=(
            "start_date*",
            "end_date*",
            "timezone",
            "client_ids",
            "filter",
            "full_data",
            "limit",
            "offset",
        ),
    ),
    # analytics/day-wise-stats.mdx
    "GET /analytics/day-wise-overall-stats": Route(
        analytics.report,
        query=("start_date*", "end_date*", "timezone", "client_ids", "campaign_ids"),
    ),
    # analytics/day-wise-sent-time.mdx
    "GET /analytics/day-wise-overall-stats-by-sent-time": Route(
        analytics.report,
        query=("start_date*", "end_date*", "timezone*", "client_ids", "campaign_ids"),
    ),
    # analytics/day-wise-positive-reply.mdx
    "GET /analytics/day-wise-positive-reply-stats": Route(
        analytics.report,
        query=("start_date*", "end_date*", "timezone", "client_ids", "campaign_ids"),
    ),
    # analytics/day-wise-positive-sent-time.mdx
    "GET /analytics/day-wise-positive-reply-stats-by-sent-time": Route(
        analytics.report,
        query=("start_date*", "end_date*", "timezone*", "client_ids", "campaign_ids"),
    ),
    # analytics/lead-category-response.mdx
    "GET /analytics/lead/category-wise-response": Route(
        analytics.report,
        query=("start_date*", "end_date*", "timezone", "client_ids", "campaign_ids"),
    ),
    # analytics/lead-stats.mdx
    "GET /analytics/lead/overall-stats": Route(
        analytics.report,
        query=("start_date*", "end_date*", "timezone", "client_ids", "campaign_ids"),
    ),
    # analytics/domain-wise-health.mdx
    "GET /analytics/mailbox/domain-wise-health-metrics": Route(
        analytics.report,
        query=(
            "start_date*",
            "end_date*",
            "timezone",
            "client_ids",
            "campaign_ids",
            "full_data",
            "limit",
            "offset",
        ),
    ),
    # analytics/email-wise-health.mdx
    "GET /analytics/mailbox/name-wise-health-metrics": Route(
        analytics.report,
        query=(
            "start_date*",
            "end_date*",
            "timezone",
            "client_ids",
            "campaign_ids",
            "full_data",
            "limit",
            "offset",
            "is_bounced",
        ),
    ),
    # analytics/mailbox-health.mdx
    "GET /analytics/mailbox/overall-stats": Route(
        analytics.report,
        query=("client_ids",),
    ),
    # analytics/provider-performance.mdx
    "GET /analytics/mailbox/provider-wise-overall-performance": Route(
        analytics.report,
        query=("start_date*", "end_date*", "timezone", "client_ids", "campaign_ids", "full_data"),
    ),
    # analytics/overview.mdx
    "GET /analytics/overall-stats-v2": Route(
        analytics.report,
        query=(
            "start_date*",
            "end_date*",
            "timezone",
            "client_ids",
            "campaign_ids",
            "is_agency",
            "full_data",
        ),
    ),
    # analytics/team-board-stats.mdx
    "GET /analytics/team-board/overall-stats": Route(
        analytics.report,
        query=("start_date*", "end_date*", "timezone", "client_ids", "campaign_ids", "full_data"),
    ),
    # campaigns/get-all.mdx
    "GET /campaigns": Route(
        campaigns.list_campaigns,
        query=("client_id", "include_tags"),
    ),
    # leads/activities.mdx
    "GET /campaigns/all-leads-activities": Route(
        campaigns.all_leads_activities,
        query=("offset", "limit", "event_time_from", "event_time_to"),
    ),
    # campaigns/assign-client.mdx
    "POST /campaigns/assign-client": Route(
        campaigns.assign_client,
        body={
            "campaignId*": NUMBER,
            "clientId": NUMBER | NULL,
            "applyClientDNC": BOOLEAN | NULL,
        },
        query=(),
    ),
    # campaigns/create.mdx
    "POST /campaigns/create": Route(
        campaigns.create,
        body={
            "name": STRING,
            "client_id": NUMBER,
        },
        query=(),
    ),
    # campaigns/create-subsequence.mdx
    "POST /campaigns/create-subsequence": Route(
        campaigns.create_subsequence,
        body={
            "parent_campaign_id*": NUMBER,
            "subsequence_name": STRING,
            "condition_events": ARRAY,
        },
        query=(),
    ),
    # campaigns/update-spintax-distribution.mdx
    "POST /campaigns/spintax-distribution-mode": Route(
        campaigns.set_spintax_mode,
        body={
            "campaignId*": NUMBER,
            "spintaxDistributionMode*": NUMBER,
        },
        query=(),
    ),
    # campaigns/remove-tags.mdx
    "DELETE /campaigns/tags": Route(
        campaigns.remove_tags,
        body={
            "campaignIds*": ARRAY,
            "tagIds*": ARRAY,
        },
        query=(),
    ),
    # campaigns/add-tags.mdx
    "POST /campaigns/tags": Route(
        campaigns.add_tags,
        body={
            "campaignIds*": ARRAY,
            "tagIds*": ARRAY,
        },
        query=(),
    ),
    # campaigns/update-folder.mdx
    "POST /campaigns/update-folder": Route(
        campaigns.move_to_folder,
        body={
            "campaign_ids*": ARRAY,
            "folder_id*": NUMBER | NULL,
        },
        query=(),
    ),
    # campaigns/update-lead-email-account.mdx
    "POST /campaigns/update-lead-email-account": Route(
        campaigns.update_lead_email_account,
        body={
            "email_account_id*": NUMBER,
            "email_campaign_id*": NUMBER,
            "email_lead_id*": NUMBER,
            "override_lead_email_account": BOOLEAN,
        },
        query=(),
    ),
    # campaigns/delete.mdx
    "DELETE /campaigns/{campaign_id}": Route(
        campaigns.delete,
        query=(),
    ),
    # campaigns/get-by-id.mdx
    "GET /campaigns/{campaign_id}": Route(
        campaigns.get,
        query=("include_tags",),
    ),
    # campaign-statistics/top-level.mdx
    "GET /campaigns/{campaign_id}/analytics": Route(
        campaigns.analytics,
        query=(),
    ),
    # campaign-statistics/get-by-date-range.mdx
    "GET /campaigns/{campaign_id}/analytics-by-date": Route(
        campaigns.analytics_by_date,
        query=("start_date*", "end_date*", "time_zone"),
    ),
    # campaigns/duplicate.mdx
    "POST /campaigns/{campaign_id}/duplicate": Route(
        campaigns.duplicate,
        body={
            "duplicate_sub_sequence": BOOLEAN,
            "duplicate_client_label": BOOLEAN,
        },
        query=(),
    ),
    # campaigns/remove-email-accounts.mdx
    "DELETE /campaigns/{campaign_id}/email-accounts": Route(
        email_accounts.remove_from_campaign,
        body={
            "email_account_ids*": ARRAY,
        },
        query=(),
    ),
    # campaigns/get-email-accounts.mdx
    "GET /campaigns/{campaign_id}/email-accounts": Route(
        email_accounts.list_by_campaign,
        query=("include_tags",),
    ),
    # campaigns/add-email-accounts.mdx
    "POST /campaigns/{campaign_id}/email-accounts": Route(
        email_accounts.add_to_campaign,
        body={
            "email_account_ids*": ARRAY,
        },
        query=(),
    ),
    # campaigns/add-email-accounts-by-tag.mdx
    "POST /campaigns/{campaign_id}/email-accounts/by-tag": Route(
        email_accounts.add_by_tag,
        body={
            "tag_ids*": ARRAY,
            "only_connected": BOOLEAN,
            "auto_adjust_warmup": BOOLEAN,
        },
        query=("max_limit",),
    ),
    # inbox/forward.mdx
    "POST /campaigns/{campaign_id}/forward-email": Route(
        inbox.forward,
        body={
            "message_id*": STRING,
            "stats_id*": STRING,
            "to_emails*": STRING,
            "forward_email_body": STRING,
            "forward_email_subject": STRING,
        },
        query=(),
    ),
    # leads/get-by-campaign.mdx
    "GET /campaigns/{campaign_id}/leads": Route(
        leads.list_by_campaign,
        query=(
            "offset",
            "limit",
            "status",
            "lead_category_id",
            "emailStatus",
            "created_at_gt",
            "last_sent_time_gt",
            "event_time_gt",
        ),
    ),
    # leads/add-to-campaign.mdx
    "POST /campaigns/{campaign_id}/leads": Route(
        leads.add_to_campaign,
        body={
            "lead_list*": [
                {
                    "email*": STRING,
                    "first_name": STRING,
                    "last_name": STRING,
                    "phone_number": STRING,
                    "company_name": STRING,
                    "website": STRING,
                    "location": STRING,
                    "linkedin_profile": STRING,
                    "company_url": STRING,
                    "custom_fields": OBJECT,
                }
            ],
            "settings": {
                "ignore_global_block_list": BOOLEAN,
                "ignore_unsubscribe_list": BOOLEAN,
                "ignore_duplicate_leads_in_other_campaign": BOOLEAN,
                "ignore_community_bounce_list": BOOLEAN,
                "return_lead_ids": BOOLEAN,
            },
            "lead_list_ids": ARRAY,
            "type": STRING,
        },
        query=(),
    ),
    # leads/export.mdx
    "GET /campaigns/{campaign_id}/leads-export": Route(
        leads.export_csv,
        query=(),
    ),
    # campaign-statistics/lead-statistics.mdx
    "GET /campaigns/{campaign_id}/leads-statistics": Route(
        campaigns.lead_statistics,
        query=("limit", "event_time_gt", "offset"),
    ),
    # campaigns/search-leads.mdx
    "POST /campaigns/{campaign_id}/leads/filter": Route(
        leads.search_in_campaign,
        body={
            "searchText": STRING,
            "limit": NUMBER,
            "lastSeenLeadId": NUMBER,
            "lastSeenReplyTime": STRING,
            "leadStatuses": ARRAY,
            "emailStatuses": ARRAY,
            "leadCategoryIds": ARRAY,
            "leadCategoryIsNull": BOOLEAN,
            "emailAccountIds": ARRAY,
            "espDomainTypes": ARRAY,
            "segTypes": ARRAY,
            "sequenceNumbers": ARRAY,
            "sequenceIds": ARRAY,
            "seqVariantIds": ARRAY,
            "seqScheduleType": STRING,
            "statusFilter": STRING,
            "fieldSet": STRING,
            "deletedEmailAddresses": ARRAY,
            "filterLeadsForManualCompletion": BOOLEAN,
            "filterManualSeqIds": ARRAY,
            "includeSenderBounce": BOOLEAN,
        },
        query=(),
    ),
    # campaigns/mark-lead-complete.mdx
    "POST /campaigns/{campaign_id}/leads/{campaign_lead_map_id}/manual-complete": Route(
        leads.mark_complete,
        query=(),
    ),
    # leads/delete.mdx
    "DELETE /campaigns/{campaign_id}/leads/{lead_id}": Route(
        leads.delete_from_campaign,
        query=(),
    ),
    # leads/update.mdx
    "POST /campaigns/{campaign_id}/leads/{lead_id}": Route(
        leads.update,
        body={
            "email*": STRING,
            "first_name": STRING,
            "last_name": STRING,
            "phone_number": STRING,
            "company_name": STRING,
            "website": STRING,
            "location": STRING,
            "linkedin_profile": STRING,
            "company_url": STRING,
            "custom_fields": OBJECT,
        },
        query=(),
    ),
    # campaigns/update-lead-category.mdx
    "POST /campaigns/{campaign_id}/leads/{lead_id}/category": Route(
        leads.update_category,
        body={
            "category_id": NUMBER,
            "pause_lead": BOOLEAN,
        },
        query=(),
    ),
    # campaigns/get-lead-history.mdx
    "GET /campaigns/{campaign_id}/leads/{lead_id}/message-history": Route(
        leads.message_history,
        query=("event_time_gt", "show_plain_text_response"),
    ),
    # leads/pause.mdx
    "POST /campaigns/{campaign_id}/leads/{lead_id}/pause": Route(
        leads.pause,
        query=(),
    ),
    # leads/resume.mdx
    "POST /campaigns/{campaign_id}/leads/{lead_id}/resume": Route(
        leads.resume,
        body={
            "resume_lead_with_delay_days": NUMBER,
        },
        query=(),
    ),
    # campaigns/unsubscribe-lead.mdx
    "POST /campaigns/{campaign_id}/leads/{lead_id}/unsubscribe": Route(
        leads.unsubscribe_from_campaign,
        query=(),
    ),
    # campaign-statistics/mailbox-statistics.mdx
    "GET /campaigns/{campaign_id}/mailbox-statistics": Route(
        campaigns.mailbox_statistics,
        query=(
            "client_id",
            "offset",
            "limit",
            "start_date",
            "end_date",
            "time_zone",
            "private_api_key",
        ),
    ),
    # campaigns/get-leads-history-bulk.mdx
    "POST /campaigns/{campaign_id}/message-history-for-leads/bbfbdsFGHlBr76ruhjvh6fhHL": Route(
        leads.message_history_for_leads,
        body={
            "lead_ids": ARRAY,
        },
        query=("event_time_gt",),
    ),
    # campaigns/get-prompt-template.mdx
    "GET /campaigns/{campaign_id}/prompt-template": Route(
        campaigns.get_prompt_template,
        query=(),
    ),
    # campaigns/create-prompt-template.mdx
    "POST /campaigns/{campaign_id}/prompt-template": Route(
        campaigns.create_prompt_template,
        body={
            "prompt_content*": STRING,
            "categories*": ARRAY,
        },
        query=(),
    ),
    # campaigns/update-prompt-template.mdx
    "PATCH /campaigns/{campaign_id}/prompt-template/{template_id}": Route(
        campaigns.update_prompt_template,
        body={
            "prompt_content": STRING,
            "categories": ARRAY,
            "is_active": BOOLEAN,
        },
        query=(),
    ),
    # campaigns/reallocate-mailboxes.mdx
    "POST /campaigns/{campaign_id}/reallocate-mailboxes": Route(
        campaigns.reallocate_mailboxes,
        body={
            "from_email_account_ids": ARRAY,
        },
        query=(),
    ),
    # inbox/reply.mdx
    "POST /campaigns/{campaign_id}/reply-email-thread": Route(
        inbox.reply,
        body={
            "email_stats_id*": STRING,
            "email_body*": STRING,
            "to_email": STRING,
            "to_first_name": STRING,
            "to_last_name": STRING,
            "scheduled_time": STRING,
            "reply_message_id": STRING,
            "reply_email_body": STRING,
            "reply_email_time": STRING,
            "cc": STRING,
            "bcc": STRING,
            "schedule_condition": STRING,
            "add_signature": BOOLEAN,
            "seq_type": STRING,
            "attachments": [
                {
                    "file_name": STRING,
                    "file_url*": STRING,
                    "file_type": STRING,
                    "file_size": NUMBER,
                }
            ],
        },
        query=(),
    ),
    # campaigns/update-schedule.mdx
    "POST /campaigns/{campaign_id}/schedule": Route(
        campaigns.update_schedule,
        body={
            "schedule*": {
                "timezone*": STRING,
                "days*": ARRAY,
                "start_hour*": STRING,
                "end_hour*": STRING,
                "min_time_btw_emails": NUMBER,
            },
        },
        query=(),
    ),
    # campaigns/send-test-email.mdx
    "POST /campaigns/{campaign_id}/send-test-email": Route(
        campaigns.send_test_email,
        body={
            "leadId*": NUMBER,
            "sequenceNumber*": NUMBER,
            "selectedEmailAccountId": NUMBER,
            "customEmailAddress": STRING,
        },
        query=(),
    ),
    # campaign-statistics/sequence-analytics.mdx
    "GET /campaigns/{campaign_id}/sequence-analytics": Route(
        campaigns.sequence_analytics,
        query=("start_date*", "end_date*", "time_zone"),
    ),
    # campaigns/get-sequences.mdx
    "GET /campaigns/{campaign_id}/sequences": Route(
        campaigns.get_sequences,
        query=(),
    ),
    # campaigns/update-sequences.mdx
    "POST /campaigns/{campaign_id}/sequences": Route(
        campaigns.save_sequences,
        body={
            "sequences*": [
                {
                    "id": NUMBER,
                    "seq_number*": NUMBER,
                    "subject": STRING,
                    "email_body*": STRING,
                    "seq_delay_details*": {
                        "delay_in_days*": NUMBER,
                    },
                }
            ],
        },
        query=(),
    ),
    # campaigns/update-settings.mdx
    "POST /campaigns/{campaign_id}/settings": Route(
        campaigns.update_settings,
        body={
            "name": STRING,
            "track_settings": ARRAY,
            "stop_lead_settings": STRING,
            "unsubscribe_text": STRING,
            "send_as_plain_text": BOOLEAN,
            "force_plain_text": BOOLEAN,
            "follow_up_percentage": INTEGER,
            "client_id": INTEGER,
            "enable_ai_esp_matching": BOOLEAN,
            "auto_pause_domain_leads_on_reply": BOOLEAN,
            "ignore_ss_mailbox_sending_limit": BOOLEAN,
            "bounce_autopause_threshold": STRING,
            "domain_level_rate_limit": BOOLEAN,
            "out_of_office_detection_settings": {
                "ignoreOOOasReply": BOOLEAN,
                "autoReactivateOOO": BOOLEAN,
                "reactivateOOOwithDelay": NUMBER,
                "autoCategorizeOOO": BOOLEAN,
            },
            "add_unsubscribe_tag": BOOLEAN,
            "ai_categorisation_options": ARRAY,
        },
        query=(),
    ),
    # campaign-statistics/get-by-id.mdx
    "GET /campaigns/{campaign_id}/statistics": Route(
        campaigns.statistics,
        query=(
            "offset",
            "limit",
            "email_sequence_number",
            "email_status",
            "sent_time_start_date",
            "sent_time_end_date",
        ),
    ),
    # campaigns/update-status.mdx
    "POST /campaigns/{campaign_id}/status": Route(
        campaigns.update_status,
        body={
            "status*": STRING,
        },
        query=(),
    ),
    # campaigns/update-team-member.mdx
    "POST /campaigns/{campaign_id}/team-member": Route(
        campaigns.update_team_member,
        body={
            "teamMemberId": NUMBER,
        },
        query=(),
    ),
    # campaign-statistics/top-level-by-date.mdx
    "GET /campaigns/{campaign_id}/top-level-analytics-by-date": Route(
        campaigns.top_level_analytics_by_date,
        query=("start_date*", "end_date*"),
    ),
    # not in the first-party reference; described as observed (docs/api-notes.md, Weak routes)
    "DELETE /campaigns/{campaign_id}/webhooks": Route(
        webhooks.delete,
        body={"id*": NUMBER},
        query=(),
    ),
    # campaigns/get-webhooks.mdx
    "GET /campaigns/{campaign_id}/webhooks": Route(
        webhooks.list_webhooks,
        query=(),
    ),
    # campaigns/save-webhooks.mdx
    "POST /campaigns/{campaign_id}/webhooks": Route(
        webhooks.upsert,
        body={
            "id": NUMBER,
            "name*": STRING,
            "webhook_url*": STRING,
            "event_types*": ARRAY,
        },
        query=(),
    ),
    # campaigns/retrigger-webhooks.mdx
    "POST /campaigns/{campaign_id}/webhooks/retrigger-failed-events": Route(
        webhooks.retrigger_failed,
        body={
            "fromTime*": STRING,
            "toTime*": STRING,
        },
        query=(),
    ),
    # campaigns/get-webhook-summary.mdx
    "GET /campaigns/{campaign_id}/webhooks/summary": Route(
        webhooks.summary,
        query=("fromTime*", "toTime*"),
    ),
    # clients/get-all.mdx
    "GET /client/": Route(
        clients.list_clients,
        query=(),
    ),
    # clients/api-keys.mdx
    "GET /client/api-key": Route(
        clients.list_api_keys,
        query=("clientId", "status", "keyName"),
    ),
    # clients/api-keys.mdx
    "POST /client/api-key": Route(
        clients.create_api_key,
        body={
            "clientId*": NUMBER,
            "keyName*": STRING,
        },
        query=(),
    ),
    # clients/api-keys.mdx
    "PUT /client/api-key/reset/{key_id}": Route(
        clients.reset_api_key,
        query=(),
    ),
    # clients/api-keys.mdx
    "DELETE /client/api-key/{key_id}": Route(
        clients.delete_api_key,
        query=(),
    ),
    # clients/create.mdx
    "POST /client/save": Route(
        clients.create,
        body={
            "email*": STRING,
            "name*": STRING,
            "password": STRING,
            "logo": STRING,
            "logo_url": STRING,
            "permission": ARRAY,
            "is_credit_assigned": BOOLEAN,
            "email_credits": NUMBER,
            "lead_credits": NUMBER,
            "id*": NUMBER,
            "uuid": STRING,
            "restrictedCategory": [NUMBER],
        },
        query=(),
    ),
    # clients/get-by-id.mdx
    "GET /client/{client_id}": Route(
        clients.get,
        query=(
            "includePermissions",
            "includeCredits",
            "includeCodeIntegrations",
            "includeWhitelabel",
        ),
    ),
    # clients/create-code-integration.mdx
    "POST /client/{client_id}/code-integrations": Route(
        clients.add_code_snippet,
        body={
            "snippet_name*": STRING,
            "snippet_code*": STRING,
        },
        query=(),
    ),
    # clients/update-code-integration.mdx
    "PATCH /client/{client_id}/code-integrations/{integration_id}": Route(
        clients.update_code_snippet,
        body={
            "snippet_name": STRING,
            "snippet_code": STRING,
        },
        query=(),
    ),
    # lead-notes/get-all.mdx
    "GET /crm/leads/notes/{lead_id}": Route(
        leads.crm_notes,
        query=(),
    ),
    # lead-tags/get-all.mdx
    "GET /crm/leads/tags": Route(
        leads.crm_tags,
        query=("leadId",),
    ),
    # lead-tags/add-to-lead.mdx
    "POST /crm/leads/tags": Route(
        leads.crm_add_tags,
        body={
            "leadId*": NUMBER,
            "tagIds*": ARRAY,
        },
        query=(),
    ),
    # lead-tags/remove-from-lead.mdx
    "DELETE /crm/leads/tags/{tag_mapping_id}": Route(
        leads.crm_remove_tag,
        query=(),
    ),
    # lead-tasks/get-all.mdx
    "GET /crm/leads/tasks/{lead_id}": Route(
        leads.crm_tasks,
        query=(),
    ),
    # email-accounts/get-all.mdx
    "GET /email-accounts/": Route(
        email_accounts.list_accounts,
        query=(
            "offset",
            "limit",
            "isInUse",
            "emailWarmupStatus",
            "isSmtpSuccess",
            "isWarmupBlocked",
            "esp",
            "username",
            "client_id",
        ),
    ),
    # email-accounts/bulk-update-config.mdx
    "POST /email-accounts/bulk-update-email-account-config": Route(
        email_accounts.bulk_update_config,
        body={
            "emailAccountIds*": ARRAY,
            "updateData": {
                "messagePerDay": NUMBER,
                "minTimeToWaitInMins": NUMBER,
                "fromName": STRING,
                "signature": STRING,
                "customTrackingDomain": STRING,
                "status": STRING,
                "maxEmailPerDay": NUMBER,
                "warmupMinCount": NUMBER,
                "warmupMaxCount": NUMBER,
                "replyRate": NUMBER,
                "isRampupEnabled": BOOLEAN,
                "rampupValue": NUMBER,
                "sendWarmupsOnlyOnWeekdays": BOOLEAN,
                "autoAdjustWarmup": BOOLEAN,
                "useCustomDomain": BOOLEAN,
                "warmupTagIdentifier": STRING,
                "dailyReplyLimit": NUMBER,
                "tags": ARRAY,
                "clientId": NUMBER,
            },
        },
        query=(),
    ),
    # email-accounts/fetch-replies.mdx
    "POST /email-accounts/fetch-account-reply": Route(
        email_accounts.fetch_replies_now,
        query=(),
    ),
    # email-accounts/get-by-email.mdx
    "GET /email-accounts/fetch-email-account-details": Route(
        email_accounts.get_by_email,
        query=("email*", "fetch_campaigns", "fetch_tags"),
    ),
    # not in the first-party reference; described as observed (docs/api-notes.md, Weak routes)
    "POST /email-accounts/multi/fetch-messages": Route(
        email_accounts.fetch_messages_many,
        body=[
            {
                "account_id*": NUMBER,
                "limit": NUMBER,
                "folder": STRING,
                "includeBody": BOOLEAN,
                "from": STRING,
                "to": STRING,
            }
        ],
        query=(),
    ),
    # email-accounts/reconnect-failed.mdx
    "POST /email-accounts/reconnect-failed-email-accounts": Route(
        email_accounts.reconnect_failed,
        query=(),
    ),
    # email-accounts/add-smtp.mdx
    "POST /email-accounts/save": Route(
        email_accounts.save,
        body={
            "from_name*": STRING,
            "from_email*": STRING,
            "user_name*": STRING,
            "password*": STRING,
            "smtp_host*": STRING,
            "smtp_port*": NUMBER,
            "imap_host*": STRING,
            "imap_port*": NUMBER,
            "warmup_enabled*": BOOLEAN,
            "id": NUMBER,
            "type": STRING,
            "token": {
                "scope*": STRING,
                "access_token": STRING,
                "refresh_token": STRING,
                "id_token": STRING,
                "expiry_date*": NUMBER,
            },
            "different_reply_to_address": STRING,
            "imap_user_name": STRING,
            "imap_password": STRING,
            "max_email_per_day": NUMBER,
            "custom_tracking_url": STRING,
            "bcc": STRING,
            "time_to_wait_in_mins": NUMBER,
            "signature": STRING,
            "total_warmup_per_day": NUMBER,
            "daily_rampup": NUMBER,
            "reply_rate_percentage": NUMBER,
            "client_id": NUMBER,
            "is_suspended": BOOLEAN,
        },
        query=(),
    ),
    # email-accounts/add-oauth.mdx
    "POST /email-accounts/save-oauth": Route(
        email_accounts.save_oauth,
        body={
            "from_name*": STRING,
            "from_email*": STRING,
            "username*": STRING,
            "type*": STRING,
            "token*": {
                "scope*": STRING,
                "token_type*": STRING,
                "access_token": STRING,
                "refresh_token": STRING,
                "expiry_date*": NUMBER,
                "id_token": STRING,
                "expiry": STRING,
                "expires_in": NUMBER,
                "ext_expires_in": NUMBER,
            },
            "warmup_enabled*": BOOLEAN,
            "use_whitelabel_credentials*": BOOLEAN,
            "id": NUMBER,
            "max_email_per_day": NUMBER,
            "custom_tracking_url": STRING,
            "bcc": STRING,
            "time_to_wait_in_mins": NUMBER,
            "signature": STRING,
            "total_warmup_per_day": NUMBER,
            "daily_rampup": NUMBER,
            "reply_rate_percentage": NUMBER,
            "client_id": NUMBER,
        },
        query=(),
    ),
    # email-accounts/suspend.mdx
    "PUT /email-accounts/suspend/{email_account_id}": Route(
        email_accounts.suspend,
        query=(),
    ),
    # email-account-tags/get-all.mdx
    "POST /email-accounts/tag-list": Route(
        email_accounts.tags_of,
        body={
            "email_ids*": ARRAY,
        },
        query=(),
    ),
    # email-account-tags/create.mdx
    "POST /email-accounts/tag-manager": Route(
        email_accounts.save_tag,
        body={
            "id*": NUMBER,
            "name*": STRING,
            "color*": STRING,
        },
        query=(),
    ),
    # email-account-tags/remove.mdx
    "DELETE /email-accounts/tag-mapping": Route(
        email_accounts.remove_tags,
        body={
            "email_account_ids*": ARRAY,
            "tag_ids*": ARRAY,
        },
        query=(),
    ),
    # email-account-tags/assign.mdx
    "POST /email-accounts/tag-mapping": Route(
        email_accounts.add_tags,
        body={
            "email_account_ids*": ARRAY,
            "tag_ids*": ARRAY,
        },
        query=(),
    ),
    # email-accounts/unsuspend.mdx
    "DELETE /email-accounts/unsuspend/{email_account_id}": Route(
        email_accounts.unsuspend,
        query=(),
    ),
    # email-accounts/delete.mdx
    "DELETE /email-accounts/{email_account_id}": Route(
        email_accounts.delete,
        query=(),
    ),
    # email-accounts/update.mdx
    "POST /email-accounts/{email_account_id}": Route(
        email_accounts.update,
        body={
            "max_email_per_day": NUMBER,
            "from_name": STRING,
            "custom_tracking_url": STRING,
            "bcc": STRING,
            "signature": STRING,
            "client_id": NUMBER,
            "time_to_wait_in_mins": NUMBER,
            "is_suspended": BOOLEAN,
        },
        query=(),
    ),
    # email-accounts/get-by-id.mdx
    "GET /email-accounts/{email_account_id}/": Route(
        email_accounts.get,
        query=("fetch_campaigns",),
    ),
    # not in the first-party reference; described as observed (docs/api-notes.md, Weak routes)
    "POST /email-accounts/{email_account_id}/fetch-messages": Route(
        email_accounts.fetch_messages,
        body={
            "limit": NUMBER,
            "folder": STRING,
            "includeBody": BOOLEAN,
            "from": STRING,
            "to": STRING,
        },
        query=(),
    ),
    # not in the first-party reference: request not described, not checked
    "POST /email-accounts/{email_account_id}/reconnect": Route(
        email_accounts.reconnect,
    ),
    # email-accounts/send-warmup-unblock-otp.mdx
    "POST /email-accounts/{email_account_id}/send-otp-email": Route(
        email_accounts.send_unblock_otp,
        query=(),
    ),
    # email-accounts/verify-warmup-unblock-otp.mdx
    "POST /email-accounts/{email_account_id}/verify-otp": Route(
        email_accounts.verify_unblock_otp,
        body={
            "otp*": STRING,
        },
        query=(),
    ),
    # email-accounts/warmup-settings.mdx
    "POST /email-accounts/{email_account_id}/warmup": Route(
        email_accounts.update_warmup,
        body={
            "warmup_enabled*": BOOLEAN,
            "total_warmup_per_day": NUMBER,
            "daily_rampup": NUMBER,
            "reply_rate_percentage": NUMBER,
            "warmup_key_id": STRING,
            "auto_adjust_warmup": BOOLEAN,
            "is_rampup_enabled": BOOLEAN,
        },
        query=(),
    ),
    # email-accounts/warmup-stats.mdx
    "GET /email-accounts/{email_account_id}/warmup-stats": Route(
        email_accounts.warmup_stats,
        query=(),
    ),
    # lead-lists/get-all.mdx
    "GET /lead-list/": Route(
        lead_lists.list_lists,
        query=("listName", "tagIds", "limit", "offset"),
    ),
    # lead-lists/create.mdx
    "POST /lead-list/": Route(
        lead_lists.create,
        body={
            "listName*": STRING,
        },
        query=(),
    ),
    # lead-lists/assign-tags.mdx
    "POST /lead-list/assign-tags": Route(
        lead_lists.assign_tags,
        body={
            "listIds*": ARRAY,
            "tagIds*": ARRAY,
            "removeTagIds": ARRAY,
        },
        query=(),
    ),
    # lead-lists/delete.mdx
    "DELETE /lead-list/{list_id}": Route(
        lead_lists.delete,
        query=(),
    ),
    # lead-lists/get-by-id.mdx
    "GET /lead-list/{list_id}": Route(
        lead_lists.get,
        query=(),
    ),
    # lead-lists/update.mdx
    "PUT /lead-list/{list_id}": Route(
        lead_lists.rename,
        body={
            "listName*": STRING,
        },
        query=(),
    ),
    # lead-lists/import-leads.mdx
    "POST /lead-list/{list_id}/import": Route(
        lead_lists.import_leads,
        body={
            "leadList*": ARRAY,
            "fileName*": STRING,
            "emailFieldsAdded": OBJECT,
            "customFields": OBJECT,
            "csvSettings": OBJECT,
        },
        query=(),
    ),
    # leads/get-by-email.mdx
    "GET /leads/": Route(
        leads.get_by_email,
        query=("email*",),
    ),
    # utilities/domain-block-list.mdx
    "POST /leads/add-domain-block-list": Route(
        leads.add_to_block_list,
        body={
            "domain_block_list*": [STRING],
            "client_id": NUMBER | NULL,
        },
        query=(),
    ),
    # not in the first-party reference; described as observed (docs/api-notes.md, Weak routes)
    "GET /leads/all": Route(
        leads.list_all,
        query=(
            "limit",
            "lastSeenLeadId",
            "campaignId",
            "status",
            "emailStatus",
            "leadType",
            "listId",
            "clientId",
            "leadEmail",
        ),
    ),
    # not in the first-party reference; described as observed (docs/api-notes.md, Weak routes)
    "POST /leads/campaign/push-to-list": Route(
        leads.push_campaign_leads_to_list,
        body={
            "campaignId*": NUMBER,
            "listId*": NUMBER,
            "leadMapIds": [NUMBER],
            "allLeads": BOOLEAN,
        },
        query=(),
    ),
    # leads/create-category.mdx
    "POST /leads/categories": Route(
        leads.create_category,
        body={
            "name*": STRING,
            "sentiment_type": STRING | NULL,
            "colour_code": STRING,
        },
        query=(),
    ),
    # leads/delete-category.mdx
    "DELETE /leads/categories/{category_id}": Route(
        leads.delete_category,
        query=(),
    ),
    # leads/update-category.mdx
    "PATCH /leads/categories/{category_id}": Route(
        leads.update_category_definition,
        body={
            "name": STRING,
            "sentiment_type": STRING | NULL,
            "colour_code": STRING,
        },
        query=(),
    ),
    # utilities/domain-block-list.mdx
    "DELETE /leads/delete-domain-block-list": Route(
        leads.remove_from_block_list,
        query=("id*",),
    ),
    # leads/categories.mdx
    "GET /leads/fetch-categories": Route(
        leads.categories,
        query=(),
    ),
    # utilities/domain-block-list.mdx
    "GET /leads/get-domain-block-list": Route(
        leads.block_list,
        query=(
            "offset",
            "limit",
            "filter_client_id",
            "filter_email_or_domain",
            "filter_email_with_domain",
        ),
    ),
    # lead-lists/push-between-lists.mdx
    "POST /leads/leads/push-between-lists": Route(
        leads.push_between_lists,
        body={
            "action*": STRING,
            "leadIds": ARRAY,
            "fromListId": NUMBER,
            "toListId*": NUMBER,
        },
        query=(),
    ),
    # lead-lists/push-to-campaign.mdx
    "POST /leads/push-to-campaign": Route(
        leads.push_to_campaign,
        body={
            "campaignId": NUMBER,
            "campaignName": STRING,
            "action*": STRING,
            "leadList": {
                "listId": NUMBER,
                "leadIds": ARRAY,
                "allLeads": BOOLEAN,
            },
            "csvSettings": OBJECT,
            "filters": OBJECT,
        },
        query=(),
    ),
    # not in the first-party reference; described as observed (docs/api-notes.md, Weak routes)
    "POST /leads/push-to-list": Route(
        leads.push_to_list,
        body={
            "listId*": NUMBER,
            "leadIds": [NUMBER],
            "allLeads": BOOLEAN,
            "action": STRING,
        },
        query=(),
    ),
    # leads/sequence-details.mdx
    "GET /leads/{campaign_lead_map_id}/sequence-details": Route(
        leads.sequence_details,
        query=("campaignId",),
    ),
    # campaigns/get-lead-by-id.mdx
    "GET /leads/{lead_id}": Route(
        leads.get,
        query=(),
    ),
    # leads/campaign-overview.mdx
    "GET /leads/{lead_id}/campaign-overview": Route(
        leads.campaign_overview,
        query=(),
    ),
    # not in the first-party reference; described as observed (docs/api-notes.md, Weak routes)
    "GET /leads/{lead_id}/campaigns": Route(
        leads.campaigns,
        query=(),
    ),
    # leads/unsubscribe.mdx
    "POST /leads/{lead_id}/unsubscribe": Route(
        leads.unsubscribe,
        query=(),
    ),
    # inbox/get-archived.mdx
    "POST /master-inbox/archived": Route(
        inbox.archived,
        body={
            "offset": NUMBER,
            "limit": NUMBER,
            "filters": OBJECT,
            "sortBy": STRING,
        },
        query=("fetch_message_history",),
    ),
    # inbox/get-assigned.mdx
    "POST /master-inbox/assigned-me": Route(
        inbox.assigned_to_me,
        body={
            "offset": NUMBER,
            "limit": NUMBER,
            "filters": {
                "search": STRING,
                "leadCategories": {
                    "unassigned": BOOLEAN,
                    "isAssigned": BOOLEAN,
                    "categoryIdsNotIn": ARRAY,
                    "categoryIdsIn": ARRAY,
                },
                "emailStatus": STRING | ARRAY,
                "campaignId": NUMBER | ARRAY,
                "emailAccountId": NUMBER | ARRAY,
                "campaignTeamMemberId": NUMBER | ARRAY,
                "campaignTagId": NUMBER | ARRAY,
                "campaignClientId": NUMBER | ARRAY,
                "replyTimeBetween": ARRAY,
            },
            "sortBy": STRING,
        },
        query=("fetch_message_history",),
    ),
    # inbox/block-domains.mdx
    "POST /master-inbox/block-domains": Route(
        inbox.block_domains,
        body={
            "domains*": ARRAY,
            "source": STRING,
        },
        query=(),
    ),
    # inbox/mark-read.mdx
    "PATCH /master-inbox/change-read-status": Route(
        inbox.mark_read,
        body={
            "email_lead_map_id*": NUMBER,
            "read_status*": BOOLEAN,
        },
        query=(),
    ),
    # lead-notes/create.mdx
    "POST /master-inbox/create-note": Route(
        inbox.create_note,
        body={
            "email_lead_map_id*": NUMBER,
            "note_message*": STRING,
        },
        query=(),
    ),
    # lead-tasks/create.mdx
    "POST /master-inbox/create-task": Route(
        inbox.create_task,
        body={
            "email_lead_map_id*": NUMBER,
            "name*": STRING,
            "description": STRING,
            "priority": STRING,
            "due_date": STRING,
        },
        query=(),
    ),
    # inbox/ignore-reply.mdx
    "PATCH /master-inbox/ignore-reply": Route(
        inbox.ignore_reply,
        body={
            "id*": STRING,
            "ignore_reply*": BOOLEAN,
        },
        query=(),
    ),
    # inbox/get-important.mdx
    "POST /master-inbox/important": Route(
        inbox.important,
        body={
            "offset": NUMBER,
            "limit": NUMBER,
            "filters": {
                "search": STRING,
                "leadCategories": {
                    "unassigned": BOOLEAN,
                    "isAssigned": BOOLEAN,
                    "categoryIdsNotIn": ARRAY,
                    "categoryIdsIn": ARRAY,
                },
                "emailStatus": STRING | ARRAY,
                "campaignId": NUMBER | ARRAY,
                "emailAccountId": NUMBER | ARRAY,
                "campaignTeamMemberId": NUMBER | ARRAY,
                "campaignTagId": NUMBER | ARRAY,
                "campaignClientId": NUMBER | ARRAY,
                "replyTimeBetween": ARRAY,
            },
            "sortBy": STRING,
        },
        query=("fetch_message_history",),
    ),
    # inbox/get-messages.mdx
    "POST /master-inbox/inbox-replies": Route(
        inbox.replies,
        body={
            "offset": NUMBER,
            "limit": NUMBER,
            "filters": {
                "search": STRING,
                "leadCategories": {
                    "unassigned": BOOLEAN,
                    "isAssigned": BOOLEAN,
                    "categoryIdsNotIn": ARRAY,
                    "categoryIdsIn": ARRAY,
                },
                "emailStatus": STRING | ARRAY,
                "campaignId": NUMBER | ARRAY,
                "emailAccountId": NUMBER | ARRAY,
                "campaignTeamMemberId": NUMBER | ARRAY,
                "campaignTagId": NUMBER | ARRAY,
                "campaignClientId": NUMBER | ARRAY,
                "replyTimeBetween": ARRAY,
            },
            "sortBy": STRING,
        },
        query=("fetch_message_history",),
    ),
    # inbox/push-to-subsequence.mdx
    "POST /master-inbox/push-to-subsequence": Route(
        inbox.push_to_subsequence,
        body={
            "email_lead_map_id*": NUMBER,
            "sub_sequence_id*": NUMBER,
            "sub_sequence_delay_time": NUMBER,
            "stop_lead_on_parent_campaign_reply": BOOLEAN,
        },
        query=(),
    ),
    # inbox/get-reminders.mdx
    "POST /master-inbox/reminders": Route(
        inbox.reminders,
        body={
            "offset": NUMBER,
            "limit": NUMBER,
            "filters": OBJECT,
            "sortBy": STRING,
        },
        query=(),
    ),
    # inbox/reply-status.mdx
    "GET /master-inbox/reply-status": Route(
        inbox.reply_status,
        query=("message_id*",),
    ),
    # inbox/resume-lead.mdx
    "PATCH /master-inbox/resume-lead": Route(
        inbox.resume_lead,
        body={
            "campaign_id*": NUMBER,
            "email_lead_map_id*": NUMBER,
            "resume_delay_days": NUMBER,
        },
        query=(),
    ),
    # inbox/create-saved-view.mdx
    "POST /master-inbox/saved-views": Route(
        inbox.create_saved_view,
        body={
            "name*": STRING,
            "filters*": OBJECT,
            "limitedAccess": BOOLEAN,
        },
        query=(),
    ),
    # inbox/get-scheduled.mdx
    "POST /master-inbox/scheduled": Route(
        inbox.scheduled,
        body={
            "offset": NUMBER,
            "limit": NUMBER,
            "filters": OBJECT,
            "sortBy": STRING,
        },
        query=("fetch_message_history",),
    ),
    # inbox/get-sent.mdx
    "POST /master-inbox/sent": Route(
        inbox.sent,
        body={
            "offset": NUMBER,
            "limit": NUMBER,
            "filters": {
                "search": STRING,
                "leadCategories": {
                    "unassigned": BOOLEAN,
                    "isAssigned": BOOLEAN,
                    "categoryIdsNotIn": ARRAY,
                    "categoryIdsIn": ARRAY,
                },
                "emailStatus": STRING | ARRAY,
                "campaignId": NUMBER | ARRAY,
                "emailAccountId": NUMBER | ARRAY,
                "campaignTeamMemberId": NUMBER | ARRAY,
                "campaignTagId": NUMBER | ARRAY,
                "campaignClientId": NUMBER | ARRAY,
                "replyTimeBetween": ARRAY,
            },
            "sortBy": STRING,
        },
        query=(),
    ),
    # inbox/set-reminder.mdx
    "POST /master-inbox/set-reminder": Route(
        inbox.set_reminder,
        body={
            "email_lead_map_id*": NUMBER,
            "email_stats_id*": STRING,
            "message*": STRING,
            "reminder_time*": STRING,
        },
        query=(),
    ),
    # inbox/get-snoozed.mdx
    "POST /master-inbox/snoozed": Route(
        inbox.snoozed,
        body={
            "offset": NUMBER,
            "limit": NUMBER,
            "filters": OBJECT,
            "sortBy": STRING,
        },
        query=("fetch_message_history",),
    ),
    # inbox/get-unread.mdx
    "POST /master-inbox/unread-replies": Route(
        inbox.unread,
        body={
            "offset": NUMBER,
            "limit": NUMBER,
            "filters": {
                "search": STRING,
                "leadCategories": {
                    "unassigned": BOOLEAN,
                    "isAssigned": BOOLEAN,
                    "categoryIdsNotIn": ARRAY,
                    "categoryIdsIn": ARRAY,
                },
                "emailStatus": STRING | ARRAY,
                "campaignId": NUMBER | ARRAY,
                "emailAccountId": NUMBER | ARRAY,
                "campaignTeamMemberId": NUMBER | ARRAY,
                "campaignTagId": NUMBER | ARRAY,
                "campaignClientId": NUMBER | ARRAY,
                "replyTimeBetween": ARRAY,
            },
            "sortBy": STRING,
        },
        query=("fetch_message_history",),
    ),
    # inbox/get-untracked.mdx
    "GET /master-inbox/untracked-replies": Route(
        inbox.untracked_replies,
        query=(
            "limit",
            "offset",
            "fetchAttachments",
            "fetchBody",
            "from_email",
            "to_email",
            "subject_line",
        ),
    ),
    # inbox/associate-untracked-reply.mdx
    "POST /master-inbox/untracked-replies/associate-to-lead": Route(
        inbox.associate_untracked,
        body={
            "emailCampaignId*": NUMBER,
            "leadMapId*": NUMBER,
            "untrackedReplyId*": STRING,
        },
        query=(),
    ),
    # inbox/update-category.mdx
    "PATCH /master-inbox/update-category": Route(
        inbox.update_category,
        body={
            "email_lead_map_id*": NUMBER,
            "category_id*": NUMBER,
        },
        query=(),
    ),
    # inbox/update-revenue.mdx
    "PATCH /master-inbox/update-revenue": Route(
        inbox.update_revenue,
        body={
            "email_lead_map_id*": NUMBER,
            "revenue*": NUMBER,
        },
        query=(),
    ),
    # inbox/update-team-member.mdx
    "POST /master-inbox/update-team-member": Route(
        inbox.assign_team_member,
        body={
            "email_lead_map_id*": NUMBER,
            "team_member_id*": NUMBER,
        },
        query=(),
    ),
    # inbox/get-views.mdx
    "POST /master-inbox/views": Route(
        inbox.custom_view,
        body={
            "offset": NUMBER,
            "limit": NUMBER,
            "filters": {
                "search": STRING,
                "leadCategories": {
                    "unassigned": BOOLEAN,
                    "isAssigned": BOOLEAN,
                    "categoryIdsNotIn": ARRAY,
                    "categoryIdsIn": ARRAY,
                },
                "emailStatus": STRING | ARRAY,
                "campaignId": NUMBER | ARRAY,
                "emailAccountId": NUMBER | ARRAY,
                "campaignTeamMemberId": NUMBER | ARRAY,
                "campaignTagId": NUMBER | ARRAY,
                "campaignClientId": NUMBER | ARRAY,
                "subSequenceId": NUMBER | ARRAY,
                "replyTimeBetween": ARRAY,
            },
            "sortBy": STRING,
        },
        query=("fetch_message_history",),
    ),
    # inbox/get-by-id.mdx
    "GET /master-inbox/{email_lead_map_id}": Route(
        inbox.get,
        query=(),
    ),
    # utilities/send-single-email.mdx
    "POST /send-email/initiate": Route(
        email_accounts.send_email,
        body={
            "to*": STRING,
            "subject*": STRING,
            "body*": STRING,
            "fromEmail": STRING,
            "fromEmailId": NUMBER,
            "fromName": STRING,
            "replyTo": STRING,
            "attachments": ARRAY,
        },
        query=(),
    ),
    # email-account-tags/create-new.mdx
    "POST /tags": Route(
        email_accounts.create_tag,
        body={
            "name*": STRING,
            "color": STRING,
        },
        query=(),
    ),
    # webhooks/create.mdx
    "POST /webhook/create": Route(
        webhooks.create_global,
        body={
            "webhook_url*": STRING,
            "association_type*": STRING,
            "email_campaign_id": NUMBER,
            "name": STRING,
            "event_type_map": OBJECT,
            "category_id_map": OBJECT,
            "client_id": NUMBER,
            "event_type": STRING,
            "category_id": NUMBER,
            "webhook_type": STRING,
            "force_create": BOOLEAN,
        },
        query=(),
    ),
    # webhooks/delete.mdx
    "DELETE /webhook/delete": Route(
        webhooks.delete_global_by_body,
        body={
            "id*": NUMBER,
        },
        query=(),
    ),
    # not in the first-party reference: request not described, not checked
    "DELETE /webhook/delete/{webhook_id}": Route(
        webhooks.delete_global,
    ),
    # webhooks/update.mdx
    "PUT /webhook/update/{webhook_id}": Route(
        webhooks.update_global,
        body={
            "name": STRING,
            "webhook_url": STRING,
            "event_types": ARRAY,
            "categories": ARRAY,
        },
        query=(),
    ),
    # webhooks/get.mdx
    "GET /webhook/{webhook_id}": Route(
        webhooks.get_global,
        query=(),
    ),
}

#: Smart Delivery host (inbox-placement tests), pages under smart-delivery/.
_SMART_DELIVERY: dict[str, Route] = {
    # smart-delivery/provider-ids.mdx
    "GET /spam-test/seed/providers": Route(
        smart_delivery.seed_providers, query=(), host="smart_delivery"
    ),
    # smart-delivery/create-manual-test.mdx (it documents no body; the SDK sends the keys of
    # its example answer)
    "POST /spam-test/manual": Route(
        smart_delivery.create_manual_test, query=(), host="smart_delivery"
    ),
    # smart-delivery/create-automated-test.mdx (it documents no body; the SDK sends the keys
    # of its example answer)
    "POST /spam-test/schedule": Route(
        smart_delivery.create_automated_test, query=(), host="smart_delivery"
    ),
    # smart-delivery/test-details.mdx
    "GET /spam-test/{spamTestId}": Route(smart_delivery.get_test, query=(), host="smart_delivery"),
    # smart-delivery/stop-automated-test.mdx
    "PUT /spam-test/{spamTestId}/stop": Route(
        smart_delivery.stop_test, query=(), host="smart_delivery"
    ),
    # smart-delivery/delete-tests-bulk.mdx (it documents no body; the SDK sends ``spamTestIds``)
    "POST /spam-test/delete": Route(smart_delivery.delete_tests, query=(), host="smart_delivery"),
    # smart-delivery/list-tests.mdx (it documents neither body nor query: both unchecked; the
    # SDK pages in the body and filters by ``?testType=``)
    "POST /spam-test/report": Route(smart_delivery.list_tests, host="smart_delivery"),
    # smart-delivery/provider-report.mdx (it documents no body; the SDK sends none)
    "POST /spam-test/report/{spamTestId}/providerwise": Route(
        smart_delivery.by_provider, query=(), host="smart_delivery"
    ),
    # smart-delivery/geo-report.mdx (it documents no body; the SDK sends none)
    "POST /spam-test/report/{spamTestId}/groupwise": Route(
        smart_delivery.by_region, query=(), host="smart_delivery"
    ),
    # smart-delivery/sender-report.mdx
    "GET /spam-test/report/{spamTestId}/sender-account-wise": Route(
        smart_delivery.by_sender, query=(), host="smart_delivery"
    ),
    # smart-delivery/sender-list.mdx
    "GET /spam-test/report/{spamTestId}/sender-accounts": Route(
        smart_delivery.sender_accounts, query=(), host="smart_delivery"
    ),
    # smart-delivery/spam-filter-report.mdx
    "GET /spam-test/report/{spamTestId}/spam-filter-details": Route(
        smart_delivery.spam_filters, query=(), host="smart_delivery"
    ),
    # smart-delivery/dkim-details.mdx
    "GET /spam-test/report/{spamTestId}/dkim-details": Route(
        smart_delivery.dkim, query=(), host="smart_delivery"
    ),
    # smart-delivery/spf-details.mdx
    "GET /spam-test/report/{spamTestId}/spf-details": Route(
        smart_delivery.spf, query=(), host="smart_delivery"
    ),
    # smart-delivery/rdns-report.mdx
    "GET /spam-test/report/{spamTestId}/rdns-details": Route(
        smart_delivery.rdns, query=(), host="smart_delivery"
    ),
    # smart-delivery/blacklists.mdx (and ip-blacklist-count.mdx)
    "GET /spam-test/report/{spamTestId}/blacklist": Route(
        smart_delivery.ip_blacklist, query=(), host="smart_delivery"
    ),
    # smart-delivery/domain-blacklist.mdx
    "GET /spam-test/report/{spamTestId}/domain-blacklist": Route(
        smart_delivery.domain_blacklist, query=(), host="smart_delivery"
    ),
    # smart-delivery/test-email-content.mdx
    "GET /spam-test/report/{spamTestId}/email-content": Route(
        smart_delivery.email_content, query=(), host="smart_delivery"
    ),
    # smart-delivery/ip-details.mdx
    "GET /spam-test/report/{spamTestId}/ip-analytics": Route(
        smart_delivery.sending_ips, query=(), host="smart_delivery"
    ),
    # smart-delivery/schedule-history.mdx
    "GET /spam-test/report/{spamTestId}/schedule-history": Route(
        smart_delivery.schedule_history, query=(), host="smart_delivery"
    ),
    # smart-delivery/reply-headers.mdx
    "GET /spam-test/report/{spamTestId}/sender-account-wise/{replyId}/email-headers": Route(
        smart_delivery.reply_headers, query=(), host="smart_delivery"
    ),
    # smart-delivery/mailbox-summary.mdx
    "GET /spam-test/report/mailboxes-summary": Route(
        smart_delivery.mailbox_summary, query=(), host="smart_delivery"
    ),
    # smart-delivery/mailbox-count.mdx
    "GET /spam-test/report/mailboxes-count": Route(
        smart_delivery.mailbox_counts, query=(), host="smart_delivery"
    ),
    # smart-delivery/get-folders.mdx
    "GET /spam-test/folder": Route(smart_delivery.list_folders, query=(), host="smart_delivery"),
    # smart-delivery/create-folder.mdx (it documents no body; its example echoes ``name``)
    "POST /spam-test/folder": Route(smart_delivery.create_folder, query=(), host="smart_delivery"),
    # smart-delivery/get-folder-by-id.mdx
    "GET /spam-test/folder/{folderId}": Route(
        smart_delivery.get_folder, query=(), host="smart_delivery"
    ),
    # smart-delivery/delete-folder.mdx
    "DELETE /spam-test/folder/{folderId}": Route(
        smart_delivery.delete_folder, query=(), host="smart_delivery"
    ),
}

#: Smart Senders host (domain and mailbox marketplace), pages under smart-senders/.
_SMART_SENDERS: dict[str, Route] = {
    # smart-senders/get-vendors.mdx
    "GET /smart-senders/get-vendors": Route(
        smart_senders.get_vendors, query=(), host="smart_senders"
    ),
    # smart-senders/search-domain.mdx
    "GET /smart-senders/search-domain": Route(
        smart_senders.search_domain, query=("domain_name", "vendor_id"), host="smart_senders"
    ),
    # smart-senders/auto-generate.mdx (``vendor_id`` is a string on this route only)
    "POST /smart-senders/auto-generate-mailboxes": Route(
        smart_senders.auto_generate_mailboxes,
        body={
            "vendor_id*": STRING,
            "domains": OBJECT,
        },
        query=(),
        host="smart_senders",
    ),
    # smart-senders/place-order.mdx (the keys inside user_details and domains are documented
    # only in prose)
    "POST /smart-senders/place-order": Route(
        smart_senders.place_order,
        body={
            "vendor_id*": INTEGER,
            "forwarding_domain*": STRING,
            "user_details*": OBJECT,
            "domains*": ARRAY,
        },
        query=(),
        host="smart_senders",
        prose_body=smart_senders.ORDER_PARTS,
    ),
    # smart-senders/domain-list.mdx
    "GET /smart-senders/get-domain-list": Route(
        smart_senders.get_domain_list, query=(), host="smart_senders"
    ),
    # smart-senders/order-details.mdx
    "GET /smart-senders/order-details": Route(
        smart_senders.order_details, query=("order_id*",), host="smart_senders"
    ),
    # smart-senders/get-otp.mdx
    "GET /smart-senders/auth-secret": Route(
        smart_senders.auth_secret, query=("email_account*",), host="smart_senders"
    ),
}

#: The lookups' query: paging (strings) and a part of the name.
_LOOKUP_QUERY = ("limit", "offset", "search")

#: The list-valued contact filters a search and a saved search take (string arrays).
_CONTACT_FILTERS: Mapping[str, Shape] = {key: [STRING] for key in FILTER_KEYS} | {
    "dontDisplayOwnedContact": BOOLEAN,
    "titleExactMatch": BOOLEAN,
    "companyExactMatch": BOOLEAN,
    "companyDomainExactMatch": BOOLEAN,
}

#: Prospect host (contact search), pages under smart-prospect/.
_PROSPECT: dict[str, Route] = {
    # smart-prospect/countries.mdx
    "GET /countries": Route(prospect.countries, query=_LOOKUP_QUERY, host="prospect"),
    # smart-prospect/states.mdx
    "GET /states": Route(prospect.states, query=(*_LOOKUP_QUERY, "country"), host="prospect"),
    # smart-prospect/cities.mdx
    "GET /cities": Route(
        prospect.cities, query=(*_LOOKUP_QUERY, "state", "country"), host="prospect"
    ),
    # smart-prospect/company.mdx
    "GET /company": Route(prospect.companies, query=_LOOKUP_QUERY, host="prospect"),
    # smart-prospect/domain.mdx
    "GET /domain": Route(prospect.domains, query=_LOOKUP_QUERY, host="prospect"),
    # smart-prospect/departments.mdx
    "GET /departments": Route(prospect.departments, query=_LOOKUP_QUERY, host="prospect"),
    # smart-prospect/levels.mdx
    "GET /levels": Route(prospect.levels, query=_LOOKUP_QUERY, host="prospect"),
    # smart-prospect/industries.mdx
    "GET /industries": Route(
        prospect.industries, query=(*_LOOKUP_QUERY, "withSubIndustry"), host="prospect"
    ),
    # smart-prospect/sub-industries.mdx
    "GET /sub-industries": Route(
        prospect.sub_industries, query=(*_LOOKUP_QUERY, "industry_id"), host="prospect"
    ),
    # smart-prospect/revenue.mdx
    "GET /revenue": Route(prospect.revenues, query=(), host="prospect"),
    # smart-prospect/head-counts.mdx
    "GET /head-counts": Route(prospect.head_counts, query=_LOOKUP_QUERY, host="prospect"),
    # smart-prospect/job-title.mdx
    "GET /job-title": Route(prospect.job_titles, query=_LOOKUP_QUERY, host="prospect"),
    # smart-prospect/keywords.mdx
    "GET /keywords": Route(prospect.keywords, query=_LOOKUP_QUERY, host="prospect"),
    # smart-prospect/search-contacts.mdx
    "POST /search-contacts": Route(
        prospect.search_contacts,
        body={"limit*": NUMBER, **_CONTACT_FILTERS, "scroll_id": STRING},
        query=(),
        host="prospect",
    ),
    # smart-prospect/get-contacts.mdx
    "POST /get-contacts": Route(
        prospect.get_contacts,
        body={
            "id": [STRING],
            "filter_id": NUMBER,
            "limit": NUMBER,
            "offset": NUMBER,
            "search": STRING,
            "verification_status": STRING,
            "catch_all_status": STRING,
        },
        query=(),
        host="prospect",
    ),
    # smart-prospect/fetch-contacts.mdx
    "POST /fetch-contacts": Route(
        prospect.fetch_contacts,
        body={
            "filter_id*": NUMBER,
            "id": [STRING],
            "limit": NUMBER,
            "visual_limit": NUMBER,
            "visual_offset": NUMBER,
        },
        query=(),
        host="prospect",
    ),
    # smart-prospect/find-emails.mdx
    "POST /search-contacts/find-emails": Route(
        prospect.find_emails,
        body={
            "contacts*": [{"firstName*": STRING, "lastName*": STRING, "companyDomain*": STRING}],
        },
        query=(),
        host="prospect",
    ),
    # smart-prospect/review-contacts.mdx (no body)
    "PATCH /review-contacts/{filter_id}": Route(
        prospect.review_contacts, body={}, query=(), host="prospect"
    ),
    # smart-prospect/saved-searches.mdx
    "GET /search-filters/saved-searches": Route(
        prospect.saved_searches, query=("limit", "offset"), host="prospect"
    ),
    # smart-prospect/recent-searches.mdx
    "GET /search-filters/recent-searches": Route(
        prospect.recent_searches, query=("limit", "offset"), host="prospect"
    ),
    # smart-prospect/fetched-searches.mdx
    "GET /search-filters/fetched-searches": Route(
        prospect.fetched_searches, query=("limit", "offset"), host="prospect"
    ),
    # smart-prospect/save-search.mdx
    "POST /search-filters/save-search": Route(
        prospect.save_search,
        body={"search_string*": STRING, **_CONTACT_FILTERS, "limit": NUMBER},
        query=(),
        host="prospect",
    ),
    # smart-prospect/update-saved-search.mdx
    "PUT /search-filters/save-search/{id}": Route(
        prospect.rename_saved_search,
        body={"search_string*": STRING},
        query=(),
        host="prospect",
    ),
    # smart-prospect/update-fetched-lead.mdx
    "PUT /search-filters/fetched-searches/{id}": Route(
        prospect.rename_fetched_search,
        body={"search_string*": STRING},
        query=(),
        host="prospect",
    ),
    # smart-prospect/search-analytics.mdx
    "GET /search-analytics": Route(
        prospect.search_analytics, query=("filter_id",), host="prospect"
    ),
    # smart-prospect/reply-analytics.mdx
    "GET /reply-analytics": Route(prospect.reply_analytics, query=(), host="prospect"),
}

ROUTES: dict[str, Route] = _CORE | _SMART_DELIVERY | _SMART_SENDERS | _PROSPECT
