"""Writes of the front desk: contacts with their help questions, the waiting queue and
callback requests.

Every function checks the role and the input, writes in one transaction and records
the access (with the person) in the same transaction. Concurrent desk actions
(two workers calling the same person, a callback done twice) are conditional
updates: the second one changes nothing and gets a clear message.

This package is the app's write API (callers write ``services.contact_register``);
the work lives in ``contacts``, ``callbacks`` and ``queue``, with the desk roles in
``desk``.
"""

from sociaalhuis.frontdesk.services.callbacks import (
    callback_attempt,
    callback_cancel,
    callback_create,
    callback_done,
    callback_errors,
    is_callback_recipient,
)
from sociaalhuis.frontdesk.services.contacts import (
    ContactInput,
    QuestionInput,
    contact_register,
    question_errors,
)
from sociaalhuis.frontdesk.services.desk import DESK_ROLES
from sociaalhuis.frontdesk.services.queue import (
    TICKET_ATTEMPTS,
    queue_add,
    queue_call,
    queue_call_next,
    queue_done,
    queue_left,
)

__all__ = [
    "DESK_ROLES",
    "TICKET_ATTEMPTS",
    "ContactInput",
    "QuestionInput",
    "callback_attempt",
    "callback_cancel",
    "callback_create",
    "callback_done",
    "callback_errors",
    "contact_register",
    "is_callback_recipient",
    "question_errors",
    "queue_add",
    "queue_call",
    "queue_call_next",
    "queue_done",
    "queue_left",
]
