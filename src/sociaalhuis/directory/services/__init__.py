"""Writing the social map: every change goes through one of these functions.

Who may do what is decided here per object (``directory.rules``) on top of the
route check of the authorization matrix: an administrator of a municipality edits
what serves that municipality and publishes at once; a partner worker proposes
changes to their own organisation's services, which wait for an administrator.

This package is the app's write API, so callers keep writing
``services.service_propose(...)``; the work lives in one module per concern:
``organisations``, ``revisions`` (a service's content: propose, approve, reject),
``listing`` (where and under which rubrics a service is listed, archive, republish),
``verification`` (capacity, verified) and ``locations`` (locations and hours).
"""

from sociaalhuis.directory.services.listing import (
    life_domain_rubrics_set,
    service_archive,
    service_neighbourhoods_set,
    service_republish,
)
from sociaalhuis.directory.services.locations import (
    check_schedule,
    exception_add,
    location_save,
    schedule_add,
    schedule_remove,
    social_house_of,
)
from sociaalhuis.directory.services.organisations import organisation_save
from sociaalhuis.directory.services.revisions import (
    Outcome,
    VersionConflictError,
    revision_approve,
    revision_reject,
    service_propose,
)
from sociaalhuis.directory.services.verification import capacity_confirm, service_verify

__all__ = [
    "Outcome",
    "VersionConflictError",
    "capacity_confirm",
    "check_schedule",
    "exception_add",
    "life_domain_rubrics_set",
    "location_save",
    "organisation_save",
    "revision_approve",
    "revision_reject",
    "schedule_add",
    "schedule_remove",
    "service_archive",
    "service_neighbourhoods_set",
    "service_propose",
    "service_republish",
    "service_verify",
    "social_house_of",
]
