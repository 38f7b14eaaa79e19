"""A service's content: proposed as a revision, published at once by an administrator
or waiting for one to approve or reject it; an edit based on an older version
is refused."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.core import tenancy
from sociaalhuis.directory import rules
from sociaalhuis.directory.content import (
    Snapshot,
    apply_snapshot,
    changed_fields,
    field_label,
    snapshot_of,
)
from sociaalhuis.directory.models import (
    Organisation,
    PublicationStatus,
    Service,
    ServiceRevision,
)
from sociaalhuis.directory.search import index_services


class VersionConflictError(Exception):
    """Someone saved the service after the editor opened it."""

    def __init__(self, current: Service) -> None:
        super().__init__("The service changed since it was opened.")
        self.current = current


@dataclass(frozen=True)
class Outcome:
    revision: ServiceRevision
    published: bool


def service_propose(
    service: Service | None,
    data: Snapshot,
    *,
    base_version: int | None,
    summary: str = "",
) -> Outcome:
    """Record a change to a service (or a new service) by the current user.

    An administrator's change is applied and published at once; a partner worker's
    waits for approval. ``base_version`` is the version the editor started from:
    when the service moved on since, ``VersionConflictError`` is raised and nothing is
    written, so the caller can show both versions and keep what was typed.
    """
    context = tenancy.current()
    organisation = Organisation.objects.get(uuid=data["organisation"])
    if not rules.can_edit_organisation(organisation):
        raise PermissionDenied
    publish = rules.can_manage_map()
    with transaction.atomic():
        if service is None:
            service = Service(organisation=organisation, status=PublicationStatus.DRAFT)
            before: Snapshot = {}
        else:
            service = Service.objects.select_for_update().get(pk=service.pk)
            if not rules.can_edit_organisation(service.organisation):
                raise PermissionDenied
            if base_version is not None and service.version != base_version:
                raise VersionConflictError(service)
            before = snapshot_of(service)
        if service.pk is None:
            # A partner's new service exists as a draft (invisible to citizens) so
            # that its proposal has something to point at.
            apply_snapshot(service, data)
        revision = ServiceRevision.objects.create(
            service=service,
            status=ServiceRevision.Status.APPROVED if publish else ServiceRevision.Status.PENDING,
            data=data,
            summary=summary
            or ", ".join(field_label(name) for name in changed_fields(before, data))[:300],
            base_version=service.version,
            author_id=context.user_id,
            proposed_in_id=context.municipality_id,
            reviewed_by_id=context.user_id if publish else None,
            reviewed_at=timezone.now() if publish else None,
        )
        if publish:
            if before:
                apply_snapshot(service, data)
            if service.status == PublicationStatus.DRAFT:
                service.status = PublicationStatus.PUBLISHED
                service.save(update_fields=["status"])
                index_services([service.pk])
    return Outcome(revision, publish)


def revision_approve(revision: ServiceRevision, note: str = "") -> Service:
    """Apply a pending change and publish the service (administrators only)."""
    if not rules.can_review(revision):
        raise PermissionDenied
    with transaction.atomic():
        revision = ServiceRevision.objects.select_for_update().get(pk=revision.pk)
        if revision.status != ServiceRevision.Status.PENDING:
            raise ValidationError(_("This change was already handled."), code="handled")
        service = Service.objects.select_for_update().get(pk=revision.service_id)
        if service.version != revision.base_version:
            raise ValidationError(
                _(
                    "The service changed after this proposal was made. Reject it with a note "
                    "so that the partner can propose it again on the current version."
                ),
                code="stale",
            )
        apply_snapshot(service, revision.data)
        if service.status != PublicationStatus.PUBLISHED:
            service.status = PublicationStatus.PUBLISHED
            service.save(update_fields=["status"])
            index_services([service.pk])
        _close(revision, ServiceRevision.Status.APPROVED, note)
    return service


def revision_reject(revision: ServiceRevision, note: str) -> None:
    if not rules.can_review(revision):
        raise PermissionDenied
    if not note.strip():
        raise ValidationError(_("Say why, so the partner knows what to change."), code="required")
    with transaction.atomic():
        revision = ServiceRevision.objects.select_for_update().get(pk=revision.pk)
        if revision.status != ServiceRevision.Status.PENDING:
            raise ValidationError(_("This change was already handled."), code="handled")
        _close(revision, ServiceRevision.Status.REJECTED, note)


def _close(revision: ServiceRevision, status: str, note: str) -> None:
    revision.status = status
    revision.reviewed_by_id = tenancy.current().user_id
    revision.reviewed_at = timezone.now()
    revision.review_note = note.strip()
    revision.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
