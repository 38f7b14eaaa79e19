"""Writes to help dossiers. Every function checks the rules, writes, and records the
access and a timeline line in the same transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import Membership, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.clients.models import Household, Person
from sociaalhuis.core import predicates, tenancy
from sociaalhuis.core.concurrency import lock_for_edit, save_new_version
from sociaalhuis.dossiers import filetypes
from sociaalhuis.dossiers.models import (
    NOTE_MAX_LENGTH,
    Attachment,
    CareTeamMember,
    Confidentiality,
    Dossier,
    DossierLifeDomain,
    DossierStatus,
    EmergencyAccess,
    JournalNote,
    JournalNoteVersion,
    StatusChange,
    TeamRole,
    TimelineEntry,
    TimelineKind,
)
from sociaalhuis.tenants import numbering
from sociaalhuis.tenants.models import LifeDomain

# Roles whose holders can be on a care team with access to the dossier.
CARE_TEAM_ROLES = (Role.SOCIAL_WORKER, Role.CELL_SPECIALIST)


def timeline_add(
    dossier: Dossier,
    *,
    kind: str,
    summary: str,
    actor: User,
    obj: models.Model | None = None,
    confidentiality: str = Confidentiality.CARE_TEAM,
    at: Any = None,
) -> TimelineEntry:
    """Add a line to a dossier's timeline (other apps call this for their events)."""
    return TimelineEntry.objects.create(
        dossier=dossier,
        kind=kind,
        summary=summary[:300],
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        confidentiality=confidentiality,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        at=at or timezone.now(),
    )


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


# --- Who may write ----------------------------------------------------------------


def _require(rule: str, actor: User, dossier: Dossier) -> None:
    if not predicates.test_rule(rule, actor, dossier):
        raise PermissionDenied


def _require_open(dossier: Dossier) -> None:
    if not dossier.is_open:
        raise ValidationError(
            _("This dossier is closed. Reopen it first (with a reason)."), code="closed"
        )


def _person_id(dossier: Dossier) -> int | None:
    return dossier.person_id


def _audit_write(
    actor: User, obj: models.Model, dossier: Dossier, action: str = Action.UPDATE
) -> None:
    access_record(actor=actor, action=action, obj=obj, person_id=_person_id(dossier))


def _locked(dossier: Dossier) -> Dossier:
    """The dossier row, locked for this transaction (serialises two clicks on one button)."""
    return Dossier.objects.select_for_update().get(pk=dossier.pk)


def _is_casework_colleague(user: User) -> bool:
    """A colleague who may be on a care team here: social worker or cell specialist."""
    return Membership.objects.filter(
        user=user,
        municipality_id=tenancy.require_municipality_id(),
        role__in=CARE_TEAM_ROLES,
        active=True,
    ).exists()


def _name_of(user: User) -> str:
    return str(getattr(user, "full_name", "") or getattr(user, "email", "") or user)


# --- Manager and care team ----------------------------------------------------------


def dossier_take_on(dossier: Dossier, *, actor: User) -> Dossier:
    """A social worker becomes the manager of a dossier that has none yet."""
    with transaction.atomic():
        dossier = _locked(dossier)
        if dossier.manager_id is not None:
            # Someone else was quicker (or a double click): nothing changes.
            raise ValidationError(
                _("This dossier already has a dossier manager."), code="has_manager"
            )
        _require("dossiers.take_on", actor, dossier)
        now = timezone.now()
        dossier.manager = actor
        dossier.save(update_fields=["manager", "updated_at"])
        CareTeamMember.objects.filter(dossier=dossier, user=actor, left_at__isnull=True).update(
            left_at=now
        )
        CareTeamMember.objects.create(
            dossier=dossier, user=actor, role=TeamRole.MANAGER, added_by=actor, joined_at=now
        )
        timeline_add(
            dossier,
            kind=TimelineKind.TEAM,
            summary=_("%(name)s took the dossier on as dossier manager")
            % {"name": _name_of(actor)},
            actor=actor,
            obj=dossier,
            at=now,
        )
        _audit_write(actor, dossier, dossier)
    return dossier


def manager_change(dossier: Dossier, *, actor: User, new_manager: Any) -> Dossier:
    """Hand the dossier to another social worker; the former manager stays on the team."""
    with transaction.atomic():
        dossier = _locked(dossier)
        _require("dossiers.manage", actor, dossier)
        _require_open(dossier)
        if new_manager.pk == dossier.manager_id:
            raise ValidationError(_("This colleague already manages the dossier."), code="same")
        if not Membership.objects.filter(
            user=new_manager,
            municipality_id=tenancy.require_municipality_id(),
            role=Role.SOCIAL_WORKER,
            active=True,
        ).exists():
            raise ValidationError(
                _("Only a social worker of this municipality can manage a dossier."),
                code="not_social_worker",
            )
        now = timezone.now()
        former = dossier.manager
        CareTeamMember.objects.filter(
            dossier=dossier, user__in=[former, new_manager], left_at__isnull=True
        ).update(left_at=now)
        CareTeamMember.objects.create(
            dossier=dossier, user=new_manager, role=TeamRole.MANAGER, added_by=actor, joined_at=now
        )
        if former is not None:
            CareTeamMember.objects.create(
                dossier=dossier,
                user=former,
                role=TeamRole.SOCIAL_WORKER,
                added_by=actor,
                joined_at=now,
            )
        dossier.manager = new_manager
        dossier.save(update_fields=["manager", "updated_at"])
        timeline_add(
            dossier,
            kind=TimelineKind.TEAM,
            summary=_("Dossier manager is now %(name)s") % {"name": _name_of(new_manager)},
            actor=actor,
            obj=dossier,
            at=now,
        )
        _audit_write(actor, dossier, dossier)
    return dossier


def care_team_add(
    dossier: Dossier,
    *,
    actor: User,
    role: str,
    user: User | None = None,
    name: str = "",
    organisation_name: str = "",
) -> CareTeamMember:
    """Add a colleague (with access) or a named outsider (without access) to the team."""
    name, organisation_name = name.strip(), organisation_name.strip()
    with transaction.atomic():
        dossier = _locked(dossier)
        _require("dossiers.work_in", actor, dossier)
        _require_open(dossier)
        if role not in TeamRole.values or role == TeamRole.MANAGER:
            raise ValidationError(
                _("Choose a role. The dossier manager is changed with 'Change manager'."),
                code="role",
            )
        if user is None and not name:
            raise ValidationError(
                _("Choose a colleague or give the name of the person."), code="no_member"
            )
        if user is not None:
            if not _is_casework_colleague(user):
                raise ValidationError(
                    _(
                        "Only social workers and cell specialists of this municipality can be "
                        "on a care team with access. Add others by name."
                    ),
                    code="not_casework",
                )
            if (
                user.pk == dossier.manager_id
                or CareTeamMember.objects.filter(
                    dossier=dossier, user=user, left_at__isnull=True
                ).exists()
            ):
                raise ValidationError(
                    _("This colleague is already on the care team."), code="already_member"
                )
        member = CareTeamMember.objects.create(
            dossier=dossier,
            user=user,
            name=name if user is None else "",
            organisation_name=organisation_name,
            role=role,
            added_by=actor,
        )
        timeline_add(
            dossier,
            kind=TimelineKind.TEAM,
            summary=_("%(name)s joined the care team as %(role)s")
            % {"name": _name_of(user) if user is not None else name, "role": TeamRole(role).label},
            actor=actor,
            obj=member,
        )
        _audit_write(actor, member, dossier, Action.CREATE)
    return member


def care_team_remove(member: CareTeamMember, *, actor: User) -> CareTeamMember:
    """A member leaves the care team: the row stays, with the date they left."""
    with transaction.atomic():
        dossier = _locked(member.dossier)
        _require("dossiers.work_in", actor, dossier)
        member = CareTeamMember.objects.select_for_update().get(pk=member.pk)
        if member.left_at is not None:
            raise ValidationError(_("This member already left the care team."), code="left")
        if member.role == TeamRole.MANAGER or (
            member.user_id is not None and member.user_id == dossier.manager_id
        ):
            raise ValidationError(
                _("The dossier manager cannot leave; hand the dossier to a colleague first."),
                code="manager",
            )
        member.left_at = timezone.now()
        member.save(update_fields=["left_at"])
        timeline_add(
            dossier,
            kind=TimelineKind.TEAM,
            summary=_("%(name)s left the care team") % {"name": str(member)},
            actor=actor,
            obj=member,
        )
        _audit_write(actor, member, dossier)
    return member


# --- Status and contents of the dossier ------------------------------------------------


def _status_change(dossier: Dossier, *, actor: User, reason: str, closing: bool) -> Dossier:
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            _("State why the dossier is closed.") if closing else _("State why it is reopened."),
            code="no_reason",
        )
    with transaction.atomic():
        dossier = _locked(dossier)
        _require("dossiers.work_in", actor, dossier)
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
        _audit_write(actor, dossier, dossier)
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
        _require("dossiers.work_in", actor, dossier)
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
        _audit_write(actor, dossier, dossier)
    return dossier


# --- Journal notes ----------------------------------------------------------------------

NOTE_EXCERPT = 160


def _note_text_check(text: str) -> str:
    if not text.strip():
        raise ValidationError(_("The note is empty."), code="empty")
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _(
                "This note is too long: %(length)s characters, at most %(limit)s. "
                "Shorten it, or add the document as an attachment."
            )
            % {"length": f"{len(text):,}", "limit": f"{NOTE_MAX_LENGTH:,}"},
            code="too_long",
        )
    return text.strip()


def _confidentiality_check(value: str) -> str:
    if value not in Confidentiality.values:
        raise ValidationError(_("Choose who may read it."), code="confidentiality")
    return value


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= NOTE_EXCERPT else flat[: NOTE_EXCERPT - 1] + "…"


def note_add(
    dossier: Dossier, *, actor: User, text: str, confidentiality: str = Confidentiality.CARE_TEAM
) -> JournalNote:
    text = _note_text_check(text)
    confidentiality = _confidentiality_check(confidentiality)
    with transaction.atomic():
        _require("dossiers.work_in", actor, dossier)
        note = JournalNote.objects.create(
            dossier=dossier, text=text, confidentiality=confidentiality, author=actor
        )
        timeline_add(
            dossier,
            kind=TimelineKind.NOTE,
            summary=_excerpt(text),
            actor=actor,
            obj=note,
            confidentiality=confidentiality,
            at=note.written_at,
        )
        _audit_write(actor, note, dossier, Action.CREATE)
    return note


def note_edit(
    note_id: int, *, actor: User, based_on_version: int, text: str, confidentiality: str
) -> JournalNote:
    """The author changes a note; the former text is kept as a version.

    Raises EditConflictError (with the stored note) when someone saved in between.
    """
    text = _note_text_check(text)
    confidentiality = _confidentiality_check(confidentiality)
    with transaction.atomic():
        note = lock_for_edit(JournalNote, note_id, based_on_version)
        dossier = note.dossier
        _require("dossiers.work_in", actor, dossier)
        if note.author_id != actor.pk:
            raise PermissionDenied
        now = timezone.now()
        JournalNoteVersion.objects.create(
            note=note,
            version=note.version,
            text=note.text,
            confidentiality=note.confidentiality,
            saved_by=actor,
            saved_at=note.edited_at or note.written_at,
        )
        note.text, note.confidentiality, note.edited_at = text, confidentiality, now
        save_new_version(note, ["text", "confidentiality", "edited_at"])
        timeline_add(
            dossier,
            kind=TimelineKind.NOTE,
            summary=_("Note edited: %(excerpt)s") % {"excerpt": _excerpt(text)},
            actor=actor,
            obj=note,
            confidentiality=confidentiality,
            at=now,
        )
        _audit_write(actor, note, dossier)
    return note


# --- Attachments ------------------------------------------------------------------------


def attachment_max_bytes() -> int:
    return int(settings.DOSSIER_ATTACHMENT_MAX_BYTES)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def attachment_add(
    dossier: Dossier,
    *,
    actor: User,
    upload: UploadedFile[bytes],
    description: str = "",
    confidentiality: str = Confidentiality.CARE_TEAM,
) -> Attachment:
    """Store a file with the dossier after checking its size and its actual content."""
    confidentiality = _confidentiality_check(confidentiality)
    limit = attachment_max_bytes()
    size = upload.size or 0
    if size > limit:
        raise ValidationError(
            _("This file is %(size)s MB; at most %(limit)s MB is accepted.")
            % {"size": _megabytes(size), "limit": _megabytes(limit)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    original_name = Path(upload.name or "").name[:200] or "file"
    stream = upload.file
    kind = filetypes.sniff(stream) if stream is not None else None
    if kind is None or filetypes.extension_of(original_name) not in kind.extensions:
        raise ValidationError(
            _(
                "This type of file is not accepted, or its content does not match its name. "
                "Accepted: %(types)s."
            )
            % {"types": ", ".join(filetypes.ACCEPTED_EXTENSIONS)},
            code="file_type",
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        _require("dossiers.work_in", actor, dossier)
        _require_open(dossier)
        # The stored path is made from the municipality and a random id
        # (models.attachment_path): never the name the uploader gave.
        attachment = Attachment.objects.create(
            dossier=dossier,
            file=File(stream, name="upload"),
            original_name=original_name,
            content_type=kind.content_type,
            size=size,
            sha256=digest.hexdigest(),
            description=description.strip()[:200],
            confidentiality=confidentiality,
            uploaded_by=actor,
        )
        timeline_add(
            dossier,
            kind=TimelineKind.ATTACHMENT,
            summary=_("Attachment added: %(name)s") % {"name": original_name},
            actor=actor,
            obj=attachment,
            confidentiality=confidentiality,
            at=attachment.uploaded_at,
        )
        _audit_write(actor, attachment, dossier, Action.CREATE)
    return attachment


# --- Break the glass --------------------------------------------------------------------

# Emergency access ends with the working day; after hours it lasts until midnight.
END_OF_WORKING_DAY = time(18, 0)


def _end_of_working_day(now: datetime) -> datetime:
    local = timezone.localtime(now)
    end = timezone.make_aware(datetime.combine(local.date(), END_OF_WORKING_DAY))
    if end <= now:
        end = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), time.min))
    return end


def emergency_access_grant(dossier: Dossier, *, actor: User, reason: str) -> EmergencyAccess:
    """A social worker outside the care team opens the dossier, saying why.

    The access and every read under it are marked in the access log (break_glass) with
    this reason, so the data protection officer sees them at once.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            _("State why you need this dossier now. The reason goes into the access log."),
            code="no_reason",
        )
    if not predicates.test_rule("dossiers.break_glass", actor, dossier):
        raise PermissionDenied
    with transaction.atomic():
        now = timezone.now()
        access = EmergencyAccess.objects.create(
            dossier=dossier,
            user=actor,
            reason=reason,
            granted_at=now,
            expires_at=_end_of_working_day(now),
        )
        access_record(
            actor=actor,
            action=Action.ACCESS,
            obj=dossier,
            person_id=_person_id(dossier),
            reason=reason,
            break_glass=True,
        )
    return access
