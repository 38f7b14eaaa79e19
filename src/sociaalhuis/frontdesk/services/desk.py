"""Who works at the desk: the roles every front-desk write requires."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from sociaalhuis.core import tenancy

DESK_ROLES = ("reception", "social_worker", "cell_specialist")


def require_desk_role() -> None:
    if not tenancy.current().has_role(*DESK_ROLES):
        raise PermissionDenied
