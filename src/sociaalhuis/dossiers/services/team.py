"""Who works in a dossier: taking it on, changing its manager, the care team."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.queries import is_colleague
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import Action
from sociaalhuis.dossiers.models import CareTeamMember, Dossier, TeamRole, TimelineKind
from sociaalhuis.dossiers.services.trail import (
    audit_write,
    is_casework_colleague,
    locked,
    name_of,
    require,
    require_open,
    timeline_add,
)


def dossier_take_on(dossier: Dossier, *, actor: User) -> Dossier:
    """A social worker becomes the manager of a dossier that has none yet."""
    with transaction.atomic():
        dossier = locked(dossier)
        if dossier.manager_id is not None:
            # Someone else was quicker (or a double click): nothing changes.
            raise ValidationError(
                _("This dossier already has a dossier manager."), code="has_manager"
            )
        require("dossiers.take_on", actor, dossier)
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
            summary=_("%(name)s took the dossier on as dossier manager") % {"name": name_of(actor)},
            actor=actor,
            obj=dossier,
            at=now,
        )
        audit_write(actor, dossier, dossier)
    return dossier


def manager_change(dossier: Dossier, *, actor: User, new_manager: User) -> Dossier:
    """Hand the dossier to another social worker; the former manager stays on the team."""
    with transaction.atomic():
        dossier = locked(dossier)
        require("dossiers.manage", actor, dossier)
        require_open(dossier)
        if new_manager.pk == dossier.manager_id:
            raise ValidationError(_("This colleague already manages the dossier."), code="same")
        if not is_colleague(new_manager, Role.SOCIAL_WORKER):
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
            summary=_("Dossier manager is now %(name)s") % {"name": name_of(new_manager)},
            actor=actor,
            obj=dossier,
            at=now,
        )
        audit_write(actor, dossier, dossier)
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
        dossier = locked(dossier)
        require("dossiers.work_in", actor, dossier)
        require_open(dossier)
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
            if not is_casework_colleague(user):
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
            % {"name": name_of(user) if user is not None else name, "role": TeamRole(role).label},
            actor=actor,
            obj=member,
        )
        audit_write(actor, member, dossier, Action.CREATE)
    return member


def care_team_remove(member: CareTeamMember, *, actor: User) -> CareTeamMember:
    """A member leaves the care team: the row stays, with the date they left."""
    with transaction.atomic():
        dossier = locked(member.dossier)
        require("dossiers.work_in", actor, dossier)
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
        audit_write(actor, member, dossier)
    return member
