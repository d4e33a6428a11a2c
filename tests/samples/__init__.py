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
