"""Sample payloads copied from the API catalog (../shared/smartlead-api.md), section by section."""

from __future__ import annotations

from smartlead_async._json import JSON

# 2.1 / seed 003: track_settings as a string, cron value as a JS-literal string.
CAMPAIGN_HC: JSON = {
    "id": 372,
    "user_id": 124,
    "created_at": "2022-05-26T03:47:31.448094+00:00",
    "updated_at": "2022-05-26T03:47:31.448094+00:00",
    "status": "ACTIVE",
    "name": "My Epic Campaign",
    "track_settings": "DONT_REPLY_TO_AN_EMAIL",
    "scheduler_cron_value": (
        "{ tz: 'Australia/Sydney', days: [ 1, 2, 3, 4, 5 ], endHour: '23:00', startHour: '10:00' }"
    ),
    "min_time_btwn_emails": 10,
    "max_leads_per_day": 10,
    "stop_lead_settings": "REPLY_TO_AN_EMAIL",
    "unsubscribe_text": "Don't Contact Me",
    "client_id": 23,
    "enable_ai_esp_matching": True,
    "send_as_plain_text": True,
    "follow_up_percentage": 40,
}

# 2.1: the list example with tags, an array of track settings and a null start time.
CAMPAIGN_WITH_TAGS: JSON = {
    "id": 372,
    "user_id": 124,
    "created_at": "2022-05-26T03:47:31.448094+00:00",
    "updated_at": "2022-05-26T03:47:31.448094+00:00",
    "status": "ACTIVE",
    "name": "My Epic Campaign",
    "track_settings": ["DONT_REPLY_TO_AN_EMAIL"],
    "scheduler_cron_value": {
        "tz": "Australia/Sydney",
        "days": [1, 2, 3, 4, 5],
        "endHour": "23:00",
        "startHour": "10:00",
    },
    "min_time_btwn_emails": 10,
    "max_leads_per_day": 10,
    "stop_lead_settings": "REPLY_TO_AN_EMAIL",
    "schedule_start_time": None,
    "unsubscribe_text": "Don't Contact Me",
    "client_id": 22,
    "enable_ai_esp_matching": True,
    "send_as_plain_text": True,
    "follow_up_percentage": 40,
    "parent_campaign_id": None,
    "tags": [{"tag_id": 1, "tag_name": "x", "tag_color": "#FCB1D0"}],
}

# 2.3
CREATED_CAMPAIGN: JSON = {
    "ok": True,
    "id": 3023,
    "name": "Test email campaign",
    "created_at": "2022-11-07T16:23:24.025929+00:00",
}

# 4.1: unsubscribed_leads as an email list (live) ...
ADD_LEADS_RESULT: JSON = {
    "ok": True,
    "upload_count": 240,
    "total_leads": 400,
    "already_added_to_campaign": 200,
    "duplicate_count": 150,
    "invalid_email_count": 40,
    "invalid_emails": ["bad@"],
    "unsubscribed_leads": ["a@x.com"],
    "block_count": 0,
    "bounce_count": 0,
    "is_lead_limit_exhausted": False,
    "lead_import_stopped_count": 0,
}
# ... and as a count (help center).
ADD_LEADS_RESULT_HC: JSON = {
    "ok": True,
    "upload_count": 2,
    "total_leads": 3,
    "already_added_to_campaign": 0,
    "duplicate_count": 0,
    "invalid_email_count": 0,
    "unsubscribed_leads": 1,
}

# 4.2
CAMPAIGN_LEADS_PAGE: JSON = {
    "total_leads": "823",
    "offset": 10,
    "limit": 100,
    "data": [
        {
            "campaign_lead_map_id": 23,
            "lead_category_id": None,
            "status": "INPROGRESS",
            "created_at": "2022-11-08T07:06:35.990Z",
            "lead": {
                "id": 423,
                "first_name": "Cristiano",
                "email": "cristiano@mufc.com",
                "custom_fields": {"Title": "Regional Manager"},
                "is_unsubscribed": False,
                "unsubscribed_client_id_map": None,
            },
        }
    ],
}

# 4.3: id as a string, phone unquoted in some copies.
LEAD_BY_EMAIL: JSON = {
    "id": "627657",
    "first_name": "Ramesh",
    "email": "ramesh@five2one.com.au",
    "created_at": "2022-08-29T06:15:31.513Z",
    "phone_number": "9042859097",
    "company_name": "Five2One",
    "custom_fields": {},
    "is_unsubscribed": False,
    "lead_campaign_data": [
        {
            "campaign_id": 1,
            "campaign_name": "Sample",
            "campaign_lead_map_id": 2,
            "lead_category_id": None,
            "last_sent_at": "2022-08-29T06:15:31.513Z",
            "last_reply_at": None,
            "last_activity_at": "2022-08-29T06:15:31.513Z",
            "client_id": None,
            "client_email": None,
        }
    ],
}

# 5: email account (by-id route: plaintext passwords), warmup reputation as a percent string.
EMAIL_ACCOUNT: JSON = {
    "id": 10607,
    "created_at": "2023-05-23T10:00:00.000Z",
    "updated_at": "2023-05-23T10:00:00.000Z",
    "user_id": 288,
    "from_name": "Jo Sales",
    "from_email": "jo@outbound.example",
    "username": "jo@outbound.example",
    "password": "hunter2-plaintext",
    "smtp_host": "smtp.example.com",
    "smtp_port": 465,
    "smtp_port_type": "SSL",
    "message_per_day": 40,
    "different_reply_to_address": None,
    "is_different_imap_account": False,
    "imap_username": "jo@outbound.example",
    "imap_password": "hunter2-imap",
    "imap_host": "imap.example.com",
    "imap_port": 993,
    "imap_port_type": "SSL",
    "signature": None,
    "custom_tracking_domain": None,
    "bcc_email": None,
    "is_smtp_success": True,
    "is_imap_success": True,
    "smtp_failure_error": None,
    "imap_failure_error": None,
    "type": "SMTP",
    "daily_sent_count": 12,
    "campaign_count": 2,
    "client_id": None,
    "is_suspended": False,
    "minTimeToWaitInMins": 5,
    "tags": [],
    "warmup_details": {
        "id": 1,
        "status": "ACTIVE",
        "created_at": "2023-05-23T10:00:00.000Z",
        "reply_rate": 30,
        "warmup_key_id": "apple-keyes",
        "blocked_reason": None,
        "total_sent_count": 120,
        "total_spam_count": 1,
        "warmup_max_count": 40,
        "warmup_min_count": 10,
        "is_warmup_blocked": False,
        "max_email_per_day": 40,
        "warmup_reputation": "100%",
    },
    "campaign_ids": [1353],
}

# 6.1
WEBHOOK: JSON = {
    "id": 44,
    "name": "Replies to CRM",
    "created_at": "2022-09-14T05:08:55.018Z",
    "updated_at": "2022-09-14T05:08:55.018Z",
    "webhook_url": "https://hooks.example.com/smartlead",
    "email_campaign_id": 2180,
    "event_types": ["LEAD_CATEGORY_UPDATED"],
    "categories": ["Interested"],
}

# 8.2: misspelt keys kept verbatim on the wire.
CLIENT: JSON = {
    "id": 6,
    "name": "Acme",
    "email": "ops@acme.example",
    "uuid": "1e19fcb7-0000-4000-8000-000000000000",
    "created_at": "2022-09-14T05:08:55.018Z",
    "user_id": 288,
    "logo": None,
    "logo_url": None,
    "client_permision": {"permission": ["reply_master_inbox"], "retricted_category": []},
}

# 4.4: by id, wrapped in {"data": [...]}
LEAD_BY_ID: JSON = {
    "data": [
        {
            "id": 423,
            "first_name": "Cristiano",
            "email": "cristiano@mufc.com",
            "custom_fields": {},
            "is_unsubscribed": False,
        }
    ]
}

# 4.13
MANUAL_COMPLETE: JSON = {
    "ok": True,
    "status": {"isLastSequence": False, "nextSequence": {"id": 8495, "delayInDays": 3}},
}

# 4.14
MESSAGE_HISTORY: JSON = {
    "history": [
        {
            "type": "SENT",
            "message_id": "<sw-1@outlook.com>",
            "stats_id": "iuh2o3",
            "time": "2023-03-13T07:44:12.978Z",
            "email_body": "<div>Hi</div>",
            "subject": "Quick question",
            "email_seq_number": 1,
            "open_count": 0,
            "click_count": 0,
        },
        {
            "type": "REPLY",
            "message_id": "<r-1@siu.io>",
            "stats_id": "iuh2o3",
            "time": "2023-03-14T07:44:12.978Z",
            "email_body": "<p>Yes</p>",
            "cc": [],
        },
    ],
    "from": "j_s@smartlead-outbound.com",
    "to": "ronaldo@siu.io",
}

# 4.15
LEAD_CAMPAIGNS: JSON = [
    {"id": 2911, "status": "COMPLETED", "name": "Old"},
    {"id": 5055, "status": "DRAFTED", "name": ""},
]

# 4.17
LEAD_CATEGORIES: JSON = [
    {
        "id": 1,
        "created_at": "2022-08-29T06:15:31.513Z",
        "name": "Interested",
        "sentiment_type": "positive",
    }
]

# 4.19
BLOCK_LIST_RESULT: JSON = {"uploadCount": 1, "totalDomainAdded": 1}
BLOCK_LIST_ENTRIES: JSON = [
    {
        "id": 7,
        "email_or_domain": "apple.com",
        "created_at": "2023-01-01T00:00:00.000Z",
        "source": "api",
        "client_id": None,
    }
]

# 2.8
SEQUENCES: JSON = [
    {
        "id": 8494,
        "created_at": "2022-11-08T07:06:35.990Z",
        "updated_at": "2022-11-08T07:06:35.990Z",
        "email_campaign_id": 3070,
        "seq_number": 1,
        "seq_delay_details": {"delayInDays": 1},
        "subject": "",
        "email_body": "",
        "sequence_variants": [
            {
                "id": 2535,
                "is_deleted": False,
                "subject": "Subject",
                "email_body": "<p>Hi</p>",
                "email_campaign_seq_id": 8494,
                "variant_label": "A",
            }
        ],
    }
]

# 3.1
STATISTICS_PAGE: JSON = {
    "total_stats": "419",
    "offset": 0,
    "limit": 1,
    "data": [
        {
            "lead_name": "Charles Newson",
            "lead_email": "charles@newson.io",
            "lead_category": None,
            "sequence_number": 1,
            "email_campaign_seq_id": 1178,
            "seq_variant_id": 129,
            "email_subject": "Hello",
            "email_message": "<p>Hi</p>",
            "sent_time": "2022-08-02T12:49:11.747Z",
            "open_time": None,
            "click_time": None,
            "reply_time": None,
            "open_count": 0,
            "click_count": 0,
            "is_unsubscribed": False,
            "is_bounced": False,
        }
    ],
}

# 3.2: every count a string
ANALYTICS: JSON = {
    "id": 979,
    "user_id": 288,
    "created_at": "2022-11-08T07:06:35.990Z",
    "status": "COMPLETED",
    "name": "",
    "sent_count": "14",
    "open_count": "14",
    "click_count": "0",
    "reply_count": "4",
    "block_count": "0",
    "total_count": "14",
    "drafted_count": "0",
    "bounce_count": "0",
    "unsubscribed_count": "0",
    "sequence_count": "2",
    "unique_open_count": "7",
    "unique_click_count": "8",
    "unique_sent_count": "10",
    "tags": [{"id": 44, "name": "ramesh", "color": "#FCB1D0"}],
    "client_id": 6,
    "client_name": "Acme",
    "client_email": "ops@acme.example",
    "parent_campaign_id": None,
    "campaign_lead_stats": {
        "total": 8,
        "blocked": 0,
        "stopped": 0,
        "completed": 8,
        "inprogress": 0,
        "notStarted": 0,
        "paused": 0,
        "interested": 0,
        "revenue": 0,
    },
}

# 2.11
EMAIL_ACCOUNTS_ADDED: JSON = {
    "ok": True,
    "result": [
        {
            "id": 46417,
            "email_campaign_id": 1353,
            "email_account_id": 2907,
            "updated_at": "2022-11-08T07:06:35.990Z",
        }
    ],
}
EMAIL_ACCOUNTS_REMOVED: JSON = {"ok": True, "result": 1}

# 5.3 / 5.5
EMAIL_ACCOUNT_SAVED: JSON = {
    "ok": True,
    "message": "Email account added/updated successfully!",
    "emailAccountId": 2849,
    "warmupKey": "apple-keyes",
}

# 5.6: totals as strings, per-day counts as ints
WARMUP_STATS: JSON = {
    "id": 106466,
    "sent_count": "0",
    "spam_count": "0",
    "inbox_count": "0",
    "warmup_email_received_count": "0",
    "stats_by_date": [
        {
            "id": 1,
            "date": "2023-05-23",
            "sent_count": 0,
            "reply_count": 0,
            "save_from_spam_count": 0,
        }
    ],
}

# 6.2: the help-center echo (arrays) and the observed map form
WEBHOOK_SAVED_HC: JSON = {
    "ok": True,
    "name": "Replies",
    "webhook_url": "https://hooks.example.com/smartlead",
    "email_campaign_id": 2180,
    "event_types": ["EMAIL_REPLY"],
    "categories": ["Interested"],
}
WEBHOOK_SAVED_MAPS: JSON = {
    "ok": True,
    "id": 217,
    "name": "Replies",
    "webhook_url": "https://hooks.example.com/smartlead",
    "email_campaign_id": 2180,
    "event_type_map": {"EMAIL_REPLY": True, "EMAIL_OPEN": False},
    "category_id_map": {"Interested": True},
}

# 6.4
WEBHOOK_SUMMARY: JSON = {
    "data": {
        "summary": [{"event_type": "EMAIL_REPLY", "sent": 3, "success": 2, "failed": 1}],
        "timeRange": {"from": "2025-03-01T00:00:00.000Z", "to": "2025-03-02T00:00:00.000Z"},
    }
}

# 8.1: camelCase id; the password is echoed
CLIENT_CREATED: JSON = {
    "ok": True,
    "clientId": 299,
    "name": "Acme",
    "email": "ops@acme.example",
    "password": "Test1234!",
}

# 8.3
CLIENT_API_KEY: JSON = {
    "ok": True,
    "data": {
        "id": 12,
        "client_id": 299,
        "key_name": "CRM sync",
        "api_key": "cl_live_SECRET_VALUE",
        "status": "active",
        "created_at": "2025-01-01T00:00:00.000Z",
    },
}

# 7.3 (wire shape per SIM PR #6352: {ok, data:[...], offset, limit})
INBOX_PAGE: JSON = {
    "ok": True,
    "data": [
        {
            "email_lead_map_id": 1438627,
            "email_lead_id": 1482956,
            "lead_email": "james@x.com",
            "lead_first_name": "James",
            "lead_last_name": "Parker",
            "lead_status": "INPROGRESS",
            "lead_category_id": 1,
            "email_campaign_id": 9181,
            "email_campaign_name": "email sent",
            "email_account_id": 2907,
            "client_id": None,
            "last_sent_time": "2025-03-28T08:00:00.000Z",
            "last_reply_time": "2025-03-28T09:35:01.000Z",
            "has_new_unread_email": True,
            "is_important": False,
            "is_archived": False,
            "is_snoozed": False,
            "team_member_id": None,
            "revenue": 0,
            "current_sequence_number": 1,
            "sequence_count": 2,
            "sub_sequence_id": None,
            "lead_next_timestamp_to_send": None,
            "email_history": [
                {
                    "stats_id": "a891fe37",
                    "from": "rep@you.com",
                    "to": "james@x.com",
                    "type": "SENT",
                    "message_id": "<m1@you.com>",
                    "time": "2025-03-28T08:00:00.000Z",
                    "email_body": "<p>Hi</p>",
                    "subject": "Some more conversions?",
                    "email_seq_number": 1,
                    "open_count": 1,
                    "click_count": 0,
                    "click_details": {},
                    "cc": [],
                }
            ],
        }
    ],
    "offset": 0,
    "limit": 20,
}

# 7.5
UNTRACKED: JSON = {
    "ok": True,
    "data": {
        "success": True,
        "message": "ok",
        "data": {
            "replies": [{"id": 77, "from_email": "x@y.io", "to_email": "me@z.io", "subject": "Re"}]
        },
    },
}
