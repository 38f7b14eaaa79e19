"""Organisations on the social map: an administrator adds or edits one."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from sociaalhuis.core import tenancy
from sociaalhuis.directory import rules
from sociaalhuis.directory.models import (
    Organisation,
)
from sociaalhuis.directory.search import index_services
from sociaalhuis.directory.validators import normalise_kbo_number


def organisation_save(
    organisation: Organisation, *, serve_active_municipality: bool = True
) -> Organisation:
    """Create or update an organisation; a new one serves the active municipality."""
    if not rules.can_manage_map():
        raise PermissionDenied
    if organisation.pk is not None and not rules.can_edit_organisation(organisation):
        raise PermissionDenied
    if organisation.kbo_number:
        organisation.kbo_number = normalise_kbo_number(organisation.kbo_number)
    organisation.full_clean()
    organisation.last_modified = timezone.now()
    with transaction.atomic():
        organisation.save()
        if serve_active_municipality:
            organisation.municipalities.add(tenancy.require_municipality_id())
        index_services(organisation.services.values_list("pk", flat=True))
    return organisation
