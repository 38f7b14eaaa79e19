"""Open, close, reopen and describe a help dossier; each change of status has a reason."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.clients.models import Household, Person
from sociaalhuis.core import tenancy
from sociaalhuis.core.concurrency import lock_for_edit, save_new_version
from sociaalhuis.dossiers.models import (
    CareTeamMember,
    Dossier,
    DossierLifeDomain,
    DossierStatus,
    StatusChange,
    TeamRole,
    TimelineKind,
)
from sociaalhuis.dossiers.services.trail import audit_write, locked, require, timeline_add
from sociaalhuis.tenants import numbering
from sociaalhuis.tenants.models import LifeDomain


def _next_reference(year: int) -> str:
    return numbering.next_reference(
        "dossier", year, prefix=f"{year}-", records=Dossier.objects.all()
    )


def dossier_open(
    *,
    actor: User,
    reason: str,
    person: Person | None = None,
    household: Household | None = None,
    manager: Any = None,
    life_domains: Iterable[LifeDomain] = (),
) -> Dossier:
    """Open a help dossier for a person or a household, with a reason.

    Reception opens dossiers from the desk (usually without a manager: the dossier then
    waits on the social workers' worklist); a social worker who opens one becomes its
    manager unless they name another.
    """
    context = tenancy.current()
    if not context.has_role("reception", "social_worker"):
        raise PermissionDenied
    if person is None and household is None:
        raise ValidationError(_("A dossier is for a person or a household."), code="no_client")
    if not reason.strip():
        raise ValidationError(_("State why the dossier is opened."), code="no_reason")
    if person is not None and person.is_merged:
        raise ValidationError(
            _("This record was merged into another one; open the dossier there."), code="merged"
        )
    if manager is None and context.has_role("social_worker"):
        manager = actor
    with transaction.atomic():
        now = timezone.now()
        dossier = Dossier.objects.create(
            reference=_next_reference(timezone.localdate(now).year),
            person=person,
            household=household,
            reason=reason.strip(),
            manager=manager,
            opened_by=actor,
            opened_at=now,
        )
        for life_domain in life_domains:
            DossierLifeDomain.objects.create(dossier=dossier, life_domain=life_domain)
        StatusChange.objects.create(
            dossier=dossier, kind=StatusChange.Kind.OPENED, reason=reason.strip(), by=actor, at=now
        )
        if manager is not None:
            CareTeamMember.objects.create(
                dossier=dossier, user=manager, role=TeamRole.MANAGER, added_by=actor, joined_at=now
            )
        timeline_add(
            dossier,
            kind=TimelineKind.STATUS,
            summary=_("Dossier opened: %(reason)s") % {"reason": reason.strip()},
            actor=actor,
            obj=dossier,
            at=now,
        )
        access_record(
            actor=actor,
            action=Action.CREATE,
            obj=dossier,
            person_id=person.pk if person is not None else None,
        )
    return dossier


def _status_change(dossier: Dossier, *, actor: User, reason: str, closing: bool) -> Dossier:
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            _("State why the dossier is closed.") if closing else _("State why it is reopened."),
            code="no_reason",
        )
    with transaction.atomic():
        dossier = locked(dossier)
        require("dossiers.work_in", actor, dossier)
        if dossier.is_open != closing:
            raise ValidationError(
                _("This dossier is already closed.")
                if closing
                else _("This dossier is already open."),
                code="status",
            )
        now = timezone.now()
        dossier.status = DossierStatus.CLOSED if closing else DossierStatus.OPEN
        dossier.closed_at = now if closing else None
        dossier.save(update_fields=["status", "closed_at", "updated_at"])
        kind = StatusChange.Kind.CLOSED if closing else StatusChange.Kind.REOPENED
        change = StatusChange.objects.create(
            dossier=dossier, kind=kind, reason=reason, by=actor, at=now
        )
        summary = (
            _("Dossier closed: %(reason)s") if closing else _("Dossier reopened: %(reason)s")
        ) % {"reason": reason}
        timeline_add(
            dossier, kind=TimelineKind.STATUS, summary=summary, actor=actor, obj=change, at=now
        )
        audit_write(actor, dossier, dossier)
    return dossier


def dossier_close(dossier: Dossier, *, actor: User, reason: str) -> Dossier:
    return _status_change(dossier, actor=actor, reason=reason, closing=True)


def dossier_reopen(dossier: Dossier, *, actor: User, reason: str) -> Dossier:
    return _status_change(dossier, actor=actor, reason=reason, closing=False)


def dossier_update(
    dossier_id: int,
    *,
    actor: User,
    based_on_version: int,
    reason: str,
    life_domains: Iterable[LifeDomain],
) -> Dossier:
    """Change the reason and life domains; raises EditConflictError if someone saved first."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("State why the dossier is open."), code="no_reason")
    with transaction.atomic():
        dossier = lock_for_edit(Dossier, dossier_id, based_on_version)
        require("dossiers.work_in", actor, dossier)
        wanted = {domain.pk for domain in life_domains}
        current = set(
            DossierLifeDomain.objects.filter(dossier=dossier).values_list(
                "life_domain_id", flat=True
            )
        )
        # The link rows say which domains apply now; the timeline keeps the history.
        DossierLifeDomain.objects.filter(
            dossier=dossier, life_domain_id__in=current - wanted
        ).delete()
        for domain_id in wanted - current:
            DossierLifeDomain.objects.create(dossier=dossier, life_domain_id=domain_id)
        dossier.reason = reason
        save_new_version(dossier, ["reason", "updated_at"])
        timeline_add(
            dossier,
            kind=TimelineKind.STATUS,
            summary=_("Reason or life domains changed"),
            actor=actor,
            obj=dossier,
        )
        audit_write(actor, dossier, dossier)
    return dossier
