"""Writes to help dossiers. Every function checks the rules, writes, and records the
access and a timeline line in the same transaction.

This package is the app's write API, so callers keep writing
``services.dossier_open(...)``; the work lives in one module per concern:
``lifecycle`` (open, close, reopen, describe), ``team`` (manager and care team),
``notes``, ``attachments``, ``emergency`` (breaking the glass) and ``trail`` (the
checks before a write and what it records).
"""

from sociaalhuis.dossiers.services.attachments import attachment_add, attachment_max_bytes
from sociaalhuis.dossiers.services.emergency import END_OF_WORKING_DAY, emergency_access_grant
from sociaalhuis.dossiers.services.lifecycle import (
    dossier_close,
    dossier_open,
    dossier_reopen,
    dossier_update,
)
from sociaalhuis.dossiers.services.notes import NOTE_EXCERPT, note_add, note_edit
from sociaalhuis.dossiers.services.team import (
    care_team_add,
    care_team_remove,
    dossier_take_on,
    manager_change,
)
from sociaalhuis.dossiers.services.trail import CARE_TEAM_ROLES, timeline_add

__all__ = [
    "CARE_TEAM_ROLES",
    "END_OF_WORKING_DAY",
    "NOTE_EXCERPT",
    "attachment_add",
    "attachment_max_bytes",
    "care_team_add",
    "care_team_remove",
    "dossier_close",
    "dossier_open",
    "dossier_reopen",
    "dossier_take_on",
    "dossier_update",
    "emergency_access_grant",
    "manager_change",
    "note_add",
    "note_edit",
    "timeline_add",
]
