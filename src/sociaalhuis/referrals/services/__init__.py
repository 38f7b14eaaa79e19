"""Every write of a referral: create, send, move through the lifecycle, post feedback.

Each service is atomic, checks the object rules itself (views and the API call the
same functions), writes the access log, adds the step to the dossier timeline as
feedback, and sends mail only after the commit (a mail server that is down never
costs a referral: the task retries, and the referral is already saved).

This package is the app's write API, so callers keep writing
``services.referral_send(...)``; the work lives in one module per concern:
``checks`` (what must hold), ``sending`` (drafts and sending), ``transitions`` (the
lifecycle), ``conversation`` (messages, read marks, the office day),
``response_times`` (answer dates and their settings) and ``trail`` (what each write
records, and the row lock).
"""

from sociaalhuis.referrals.services.checks import (
    MAX_RESPONSE_DAYS,
    NOTE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    RECEIVING_COLLEAGUE_ROLES,
    REFERRAL_CONSENT_PURPOSES,
    SENDER_ROLES,
    ReferralInput,
)
from sociaalhuis.referrals.services.conversation import (
    referral_book_office_day,
    referral_mark_read,
    referral_message,
)
from sociaalhuis.referrals.services.response_times import (
    default_due_date,
    response_days_for,
    service_response_time_set,
    settings_update,
)
from sociaalhuis.referrals.services.sending import (
    preview,
    referral_create,
    referral_edit_draft,
    referral_send,
)
from sociaalhuis.referrals.services.trail import dossier_of, target_label
from sociaalhuis.referrals.services.transitions import (
    feedback_summary,
    referral_mark_received,
    referral_transition,
)

__all__ = [
    "MAX_RESPONSE_DAYS",
    "NOTE_MAX_LENGTH",
    "REASON_MAX_LENGTH",
    "RECEIVING_COLLEAGUE_ROLES",
    "REFERRAL_CONSENT_PURPOSES",
    "SENDER_ROLES",
    "ReferralInput",
    "default_due_date",
    "dossier_of",
    "feedback_summary",
    "preview",
    "referral_book_office_day",
    "referral_create",
    "referral_edit_draft",
    "referral_mark_read",
    "referral_mark_received",
    "referral_message",
    "referral_send",
    "referral_transition",
    "response_days_for",
    "service_response_time_set",
    "settings_update",
    "target_label",
]
