"""Reads of help dossiers, with the object rules of ``dossiers.rules`` applied.

The doors take the ``request``: ``dossier_for`` (the dossier pages), ``note_for``,
``attachment_file_for``, ``dossier_to_change`` (a POST that shows nothing) and
``break_glass_for``. A dossier of another municipality does not exist here (404). A
dossier of this municipality that the user may not see answers 403 (recorded as a
refusal, and telling a social worker that they can break the glass). Each door writes
its access-log entry itself, marked break_glass under an emergency access, so a view
cannot show a dossier without the read being recorded. Functions that take a
``DossierView`` read inside a dossier the door already let the user into and recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.audit.models import Action, Result
from sociaalhuis.audit.services import access_record_for_request
from sociaalhuis.clients.models import Person
from sociaalhuis.dossiers import rules as dossier_rules
from sociaalhuis.dossiers.models import (
    Attachment,
    CareTeamMember,
    Confidentiality,
    Dossier,
    DossierStatus,
    EmergencyAccess,
    JournalNote,
    TimelineEntry,
)
from sociaalhuis.tenants.models import LifeDomain, Neighbourhood

TIMELINE_PAGE_SIZE = 50
NOTES_PAGE_SIZE = 20
LIST_PAGE_SIZE = 25


class DossierAccessDenied(PermissionDenied):
    """The dossier exists here but is not the user's; ``can_break_glass`` says what they may do."""

    def __init__(self, dossier: Dossier, *, can_break_glass: bool) -> None:
        super().__init__("Not on the care team of this dossier.")
        self.dossier = dossier
        self.can_break_glass = can_break_glass


@dataclass
class DossierView:
    """A dossier as one user may see it, and why they may."""

    dossier: Dossier
    user: User
    on_team: bool
    emergency: EmergencyAccess | None = None
    can_take_on: bool = False
    team: list[CareTeamMember] = field(default_factory=list)

    @property
    def is_manager(self) -> bool:
        return self.dossier.manager_id == self.user.pk

    @property
    def can_work(self) -> bool:
        """Writing needs the care team; an emergency access is for reading."""
        return self.on_team

    @property
    def break_glass(self) -> bool:
        return self.emergency is not None and not self.on_team

    def sees(self, confidentiality: str, author_id: int | None) -> bool:
        return dossier_rules.can_read_confidential(
            self.user, self.dossier, confidentiality, author_id
        )

    def readable[M: Any](self, items: QuerySet[M], author_field: str) -> QuerySet[M]:
        """Of ``items``, what this viewer may read: manager-only ones are for the
        manager and their author (the same rule as ``rules.can_read_confidential``)."""
        if self.is_manager:
            return items
        return items.filter(
            Q(confidentiality=Confidentiality.CARE_TEAM) | Q(**{author_field: self.user.pk})
        )


def _dossier(pk: int) -> Dossier:
    try:
        return Dossier.objects.select_related("person__identity", "household", "manager").get(pk=pk)
    except Dossier.DoesNotExist as missing:
        # Also for another municipality's dossier: it does not exist here.
        raise Http404 from missing


def emergency_access_of(user: User, dossier: Dossier) -> EmergencyAccess | None:
    """The emergency access ``user`` holds on ``dossier`` now, if any."""
    return (
        EmergencyAccess.objects.filter(dossier=dossier, user=user, expires_at__gt=timezone.now())
        .order_by("-granted_at")
        .first()
    )


def dossier_view_of(user: User, pk: int) -> DossierView:
    """The dossier with ``pk`` as ``user`` may see it (404 elsewhere, 403 if not theirs),
    without an access-log entry: for the doors below and the plan's door, which record
    what they show themselves."""
    dossier = _dossier(pk)
    team = list(
        CareTeamMember.objects.filter(dossier=dossier, left_at__isnull=True)
        .select_related("user")
        .order_by("joined_at", "pk")
    )
    # rules.is_on_care_team, decided on the team list the page shows anyway (one query
    # fewer on every dossier page); the services check the rule itself.
    on_team = getattr(user, "is_authenticated", False) and (
        dossier.manager_id == user.pk or any(member.user_id == user.pk for member in team)
    )
    view = DossierView(dossier=dossier, user=user, on_team=on_team, team=team)
    if not on_team:
        view.emergency = emergency_access_of(user, dossier)
        view.can_take_on = dossier_rules.can_take_on_dossier.test(user, dossier)
        if view.emergency is None and not view.can_take_on:
            raise DossierAccessDenied(
                dossier, can_break_glass=dossier_rules.is_social_worker.test(user, dossier)
            )
    return view


def _guarded(request: HttpRequest, pk: int) -> DossierView:
    try:
        return dossier_view_of(acting_user(request), pk)
    except DossierAccessDenied as denied:
        _record_refusal(request, denied.dossier)
        raise


# What a request needs beyond seeing the dossier (work in it, manage it), decided on the
# loaded view before anything is recorded as read.
Need = Callable[[DossierView], bool]


def can_work(view: DossierView) -> bool:
    return view.can_work


def manages(view: DossierView) -> bool:
    return view.is_manager


def dossier_for(request: HttpRequest, pk: int, *, need: Need | None = None) -> DossierView:
    """The door to a dossier: the dossier with ``pk`` as the acting user may see it,
    recorded as read (marked break_glass under an emergency access).

    404 for another municipality's dossier or none; a refusal is recorded and raised as
    ``DossierAccessDenied`` (403). ``need`` is what the request asks beyond seeing it
    (``can_work``, ``manages``): without it the request is refused (recorded, 403) and
    nothing is recorded as read. Every load is a read, on a GET as on a POST that may
    re-render the page; only a POST that shows nothing takes ``dossier_to_change``.
    """
    view = _guarded(request, pk)
    if need is not None and not need(view):
        _record_refusal(request, view.dossier)
        raise PermissionDenied
    record_read(request, view)
    return view


def dossier_to_change(request: HttpRequest, pk: int) -> DossierView:
    """The dossier for a POST that only changes it and shows nothing (taking it on,
    leaving the team): the same rules and refusal entry as ``dossier_for``, but no read,
    because the service records the change itself."""
    return _guarded(request, pk)


def may_edit_note(view: DossierView, note: JournalNote) -> bool:
    """Only its author edits a note, while they work in the dossier."""
    return view.can_work and note.author_id == view.user.pk


def note_for(
    request: HttpRequest, pk: int, note_id: int, *, to_edit: bool = False
) -> tuple[DossierView, JournalNote]:
    """The door to one journal note: its dossier as ``dossier_for`` decides, then the
    note (404 outside the dossier, 403 for a manager-only note not theirs; ``to_edit``:
    403 unless ``may_edit_note``, that refusal recorded), recorded as a read of the
    note."""
    view = _guarded(request, pk)
    try:
        note = JournalNote.objects.select_related("author").get(pk=note_id, dossier=view.dossier)
    except JournalNote.DoesNotExist as missing:
        raise Http404 from missing
    if not view.sees(note.confidentiality, note.author_id):
        raise PermissionDenied
    if to_edit and not may_edit_note(view, note):
        _record_refusal(request, view.dossier)
        raise PermissionDenied
    record_read(request, view, note)
    return view, note


def attachment_file_for(
    request: HttpRequest, pk: int, attachment_uuid: Any
) -> tuple[Attachment, File[bytes]]:
    """The door to an attachment's file: the rules checked again on this very request,
    the file opened (404 when it is gone), and only then recorded as read."""
    view = _guarded(request, pk)
    try:
        attachment = Attachment.objects.get(uuid=attachment_uuid, dossier=view.dossier)
    except Attachment.DoesNotExist as missing:
        raise Http404 from missing
    if not view.sees(attachment.confidentiality, attachment.uploaded_by_id):
        raise PermissionDenied
    try:
        stream = attachment.file.open("rb")
    except (FileNotFoundError, OSError) as missing:
        raise Http404 from missing
    record_read(request, view, attachment)
    return attachment, stream


def break_glass_for(request: HttpRequest, pk: int) -> Dossier | None:
    """The dossier whose glass the acting user may break, or None when they may read it
    already (care team, or a dossier to take on). 404 for another municipality; a user
    who may neither read it nor break the glass is refused (recorded, then raised). The
    form shows only the reference, so nothing is recorded as read."""
    try:
        dossier_view_of(acting_user(request), pk)
    except DossierAccessDenied as denied:
        if not denied.can_break_glass:
            _record_refusal(request, denied.dossier)
            raise
        return denied.dossier
    return None


def record_read(request: HttpRequest, view: DossierView, obj: Any = None, **what: Any) -> None:
    """Record a read of the dossier (or of one item or part of it) in the access log,
    for the doors here and in ``plan.queries``; ``what`` may name the part
    (``object_type``, ``object_id``) instead of ``obj``."""
    access_record_for_request(
        request,
        action=Action.READ,
        obj=obj if obj is not None or what else view.dossier,
        person_id=view.dossier.person_id,
        break_glass=view.break_glass,
        reason=view.emergency.reason if view.break_glass and view.emergency else "",
        **what,
    )


def _record_refusal(request: HttpRequest, dossier: Dossier) -> None:
    """Record that the user was refused the dossier (the DPO sees attempts too)."""
    access_record_for_request(
        request,
        action=Action.ACCESS,
        obj=dossier,
        person_id=dossier.person_id,
        result=Result.DENIED,
    )


def dossier_as_saved(view: DossierView) -> Dossier:
    """The dossier as a colleague saved it meanwhile (for the edit-conflict screen)."""
    return Dossier.objects.get(pk=view.dossier.pk)


# --- Contents of one dossier -----------------------------------------------------------


@dataclass(frozen=True)
class TimelinePage:
    """A page of the timeline: older and newer links, no total (no COUNT over the dossier)."""

    entries: list[TimelineEntry]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def timeline_page(view: DossierView, number: int) -> TimelinePage:
    """One page of the timeline, newest first, without what this viewer may not read."""
    start = (number - 1) * TIMELINE_PAGE_SIZE
    entries = list(
        view.readable(TimelineEntry.objects.filter(dossier=view.dossier), "actor_id")
        .select_related("actor")
        .order_by("-at", "-pk")[start : start + TIMELINE_PAGE_SIZE + 1]
    )
    return TimelinePage(
        entries=entries[:TIMELINE_PAGE_SIZE],
        number=number,
        has_next=len(entries) > TIMELINE_PAGE_SIZE,
    )


def life_domains_of(dossier: Dossier) -> list[LifeDomain]:
    return list(LifeDomain.objects.filter(dossierlifedomain__dossier=dossier).order_by("position"))


def notes_page(view: DossierView, number: int) -> Page[JournalNote]:
    notes = (
        view.readable(JournalNote.objects.filter(dossier=view.dossier), "author_id")
        .select_related("author")
        .order_by("-written_at", "-pk")
    )
    return Paginator(notes, NOTES_PAGE_SIZE).get_page(number)


def note_as_saved(view: DossierView, note_id: int) -> JournalNote:
    """The note as a colleague saved it meanwhile (for the edit-conflict screen)."""
    return JournalNote.objects.get(pk=note_id, dossier=view.dossier)


def team_member_for(view: DossierView, member_id: int) -> CareTeamMember:
    """A member of this dossier's care team (404 for any other id)."""
    try:
        return CareTeamMember.objects.get(pk=member_id, dossier=view.dossier)
    except CareTeamMember.DoesNotExist as missing:
        raise Http404 from missing


def attachments_of(view: DossierView) -> QuerySet[Attachment]:
    return (
        view.readable(Attachment.objects.filter(dossier=view.dossier), "uploaded_by_id")
        .select_related("uploaded_by")
        .order_by("-uploaded_at", "-pk")
    )


def former_members(dossier: Dossier) -> QuerySet[CareTeamMember]:
    return (
        CareTeamMember.objects.filter(dossier=dossier, left_at__isnull=False)
        .select_related("user")
        .order_by("-left_at")
    )


# --- Whom to open a dossier for ----------------------------------------------------------


def dossiers_of_person(person: Person, limit: int = 20) -> list[Dossier]:
    """The person's own and their households' dossiers, newest first: number, status
    and manager only, never the contents (the person page's section)."""
    return list(
        Dossier.objects.filter(Q(person=person) | Q(household__members__person=person))
        .select_related("manager")
        .only("reference", "status", "opened_at", "manager__full_name")
        .distinct()
        .order_by("-opened_at")[:limit]
    )


# --- My dossiers -------------------------------------------------------------------------


@dataclass(frozen=True)
class DossierFilter:
    waiting: bool = False  # dossiers without a manager, to take on
    status: str = DossierStatus.OPEN  # "" for all
    life_domain: LifeDomain | None = None
    neighbourhood: Neighbourhood | None = None


def my_dossiers(user: User, dossier_filter: DossierFilter) -> QuerySet[Dossier]:
    """The user's dossiers (manager or care team), or those waiting for a manager."""
    if dossier_filter.waiting:
        dossiers = Dossier.objects.filter(manager__isnull=True)
    else:
        teams = CareTeamMember.objects.filter(user=user, left_at__isnull=True)
        dossiers = Dossier.objects.filter(Q(manager=user) | Q(pk__in=teams.values("dossier_id")))
    if dossier_filter.status:
        dossiers = dossiers.filter(status=dossier_filter.status)
    if dossier_filter.life_domain is not None:
        dossiers = dossiers.filter(dossierlifedomain__life_domain=dossier_filter.life_domain)
    if dossier_filter.neighbourhood is not None:
        dossiers = dossiers.filter(person__neighbourhood=dossier_filter.neighbourhood)
    return (
        dossiers.select_related("person__identity", "person__neighbourhood", "household", "manager")
        .prefetch_related("life_domains")
        .order_by("-opened_at", "-pk")
    )


def dossiers_page(user: User, dossier_filter: DossierFilter, number: int) -> Page[Dossier]:
    return Paginator(my_dossiers(user, dossier_filter), LIST_PAGE_SIZE).get_page(number)
