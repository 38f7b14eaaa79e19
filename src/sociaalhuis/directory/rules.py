"""Object rules of the social map, over the roles of the active municipality.

The authorization matrix decides who reaches a page; these decide which
organisation or change a user may touch once there.
"""

from __future__ import annotations

from sociaalhuis.core import tenancy
from sociaalhuis.directory.models import Organisation, ServiceRevision

MAP_ADMIN_ROLES = frozenset({"municipality_admin"})


def can_manage_map() -> bool:
    """Administrators keep the map of their municipality and publish changes."""
    return tenancy.current().has_role(*MAP_ADMIN_ROLES)


def can_edit_organisation(organisation: Organisation) -> bool:
    """An administrator: organisations serving the municipality (or not yet serving any).

    A partner worker: only the organisation of their membership.
    """
    context = tenancy.current()
    if context.municipality_id is None:
        return False
    if can_manage_map():
        served = (
            set(organisation.municipalities.values_list("pk", flat=True))
            if organisation.pk
            else set()
        )
        return not served or context.municipality_id in served
    return organisation.pk is not None and organisation.pk in context.organisation_ids


def can_review(revision: ServiceRevision) -> bool:
    return can_manage_map() and can_edit_organisation(revision.service.organisation)
