"""Help dossiers (hulpverleningsdossiers): the help process of a person or household.

A dossier has a dossier manager and a care team, a step plan, journal notes with a
confidentiality level, attachments, the housing situation over time, a rights
check-list and a timeline. Nothing is deleted: dossiers close and reopen, notes keep
their earlier versions, care-team members leave with a date.

One module on purpose (past the usual ~400 lines): it is the app's schema, read
with its migrations and constraints; the step plan's models (``dossiers.plan``) live
here too, under the app's label.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sociaalhuis.core.models import TenantModel, TimeStampedModel, TranslatedNameModel


class DossierStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Dossier(TenantModel, TimeStampedModel):
    # Shown to people and on paper: "2026-0042", numbered per municipality and year.
    reference = models.CharField(_("dossier number"), max_length=20, editable=False)
    person = models.ForeignKey(
        "clients.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("person"),
    )
    household = models.ForeignKey(
        "clients.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("household"),
    )
    reason = models.TextField(_("reason for opening"))
    life_domains = models.ManyToManyField(
        "tenants.LifeDomain",
        through="DossierLifeDomain",
        blank=True,
        related_name="+",
        verbose_name=_("life domains"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=DossierStatus.choices, default=DossierStatus.OPEN
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_dossiers",
        verbose_name=_("dossier manager"),
    )
    opened_at = models.DateTimeField(_("opened on"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("help dossier")
        verbose_name_plural = _("help dossiers")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "reference"], name="dossier_unique_reference"
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(household__isnull=False),
                name="dossier_has_person_or_household",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status", "manager"], name="dossier_worklist"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status == DossierStatus.OPEN


class DossierLifeDomain(TenantModel):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE)
    life_domain = models.ForeignKey("tenants.LifeDomain", on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dossier", "life_domain"], name="dossierdomain_once"),
        ]


class StatusChange(TenantModel):
    """Opening, closing and reopening, each with its reason."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Opened")
        CLOSED = "closed", _("Closed")
        REOPENED = "reopened", _("Reopened")

    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="status_changes", verbose_name=_("dossier")
    )
    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]


class TeamRole(models.TextChoices):
    MANAGER = "manager", _("Dossier manager")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    CELL_SPECIALIST = "cell_specialist", _("Cell specialist")
    OUTREACH = "outreach", _("Outreach worker")
    BUDDY = "buddy", _("Buddy")
    PARTNER = "partner", _("Partner organisation")
    OTHER = "other", _("Other")


class CareTeamMember(TenantModel):
    """A member of a dossier's care team. Members who leave keep their row (with a date)."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="team", verbose_name=_("dossier")
    )
    # A colleague with an account; people without one (a buddy, a partner's worker)
    # are named and get no access.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_teams",
        verbose_name=_("colleague"),
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=150, blank=True)
    role = models.CharField(_("role in the team"), max_length=16, choices=TeamRole.choices)
    joined_at = models.DateTimeField(_("member since"), default=timezone.now)
    left_at = models.DateTimeField(_("left on"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("care team member")
        verbose_name_plural = _("care team members")
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "user"],
                condition=models.Q(left_at__isnull=True, user__isnull=False),
                name="careteam_user_once",
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(name=""),
                name="careteam_user_or_name",
            ),
        ]
        indexes = [models.Index(fields=["user", "left_at"], name="careteam_by_user")]

    def __str__(self) -> str:
        return self.name or str(self.user)


class EmergencyAccess(TenantModel):
    """ "Break the glass": a social worker outside the care team opens a dossier.

    Needs a reason, lasts a working day, and every read under it is marked in the
    access log so the DPO sees it at once.
    """

    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="emergency_accesses"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        indexes = [models.Index(fields=["dossier", "user", "expires_at"], name="emergency_lookup")]


class Confidentiality(models.TextChoices):
    CARE_TEAM = "care_team", _("Care team")
    MANAGER = "manager", _("Dossier manager only")


class TimelineKind(models.TextChoices):
    STATUS = "status", _("Dossier status")
    CONTACT = "contact", _("Contact")
    QUESTION = "question", _("Help question")
    APPOINTMENT = "appointment", _("Appointment")
    NOTE = "note", _("Journal note")
    ATTACHMENT = "attachment", _("Attachment")
    PLAN = "plan", _("Step plan")
    STEP = "step", _("Step")
    TEAM = "team", _("Care team")
    HOUSING = "housing", _("Housing situation")
    RIGHT = "right", _("Rights")
    CONSENT = "consent", _("Consent")
    REFERRAL = "referral", _("Referral")
    FEEDBACK = "feedback", _("Feedback")


class TimelineEntry(TenantModel):
    """One line of a dossier's timeline, written by the service that did the work.

    One table (rather than a union over every source at read time) keeps the dossier
    page at a fixed, small number of queries however long the dossier grows, and lets
    later apps (referrals) add their entries without the dossier knowing them.
    """

    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="timeline", verbose_name=_("dossier")
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=16, choices=TimelineKind.choices)
    summary = models.CharField(_("summary"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    confidentiality = models.CharField(
        max_length=10, choices=Confidentiality.choices, default=Confidentiality.CARE_TEAM
    )
    # What the line is about, to link to it ("dossiers.journalnote", "42").
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["dossier", "-at", "-id"], name="timeline_page")]


NOTE_MAX_LENGTH = 20_000


class JournalNote(TenantModel):
    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="notes", verbose_name=_("dossier")
    )
    text = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)
    confidentiality = models.CharField(
        _("who may read it"),
        max_length=10,
        choices=Confidentiality.choices,
        default=Confidentiality.CARE_TEAM,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    written_at = models.DateTimeField(_("written on"), default=timezone.now)
    edited_at = models.DateTimeField(_("last edited on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("journal note")
        verbose_name_plural = _("journal notes")
        ordering = ["-written_at", "-pk"]


class JournalNoteVersion(TenantModel):
    """The text of a note before each edit: a note is never silently changed."""

    note = models.ForeignKey(JournalNote, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField()
    text = models.TextField()
    confidentiality = models.CharField(max_length=10, choices=Confidentiality.choices)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["note", "version"]


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name carries no personal data: only the municipality and a random id.
    return f"dossiers/{instance.municipality_id}/{instance.uuid}"


class Attachment(TenantModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("dossier")
    )
    note = models.ForeignKey(
        JournalNote,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("with note"),
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("description"), max_length=200, blank=True)
    confidentiality = models.CharField(
        _("who may read it"),
        max_length=10,
        choices=Confidentiality.choices,
        default=Confidentiality.CARE_TEAM,
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    uploaded_at = models.DateTimeField(_("added on"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-uploaded_at"]


class StepPlan(TenantModel):
    """The step plan (stappenplan, care path) of a dossier, reviewed on a set date."""

    dossier = models.OneToOneField(
        Dossier, on_delete=models.PROTECT, related_name="plan", verbose_name=_("dossier")
    )
    drawn_up_on = models.DateField(_("drawn up on"), default=timezone.localdate)
    review_on = models.DateField(_("review on"), null=True, blank=True)
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("step plan")
        verbose_name_plural = _("step plans")


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("Working on it")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("No longer pursued")


class Goal(TenantModel):
    plan = models.ForeignKey(
        StepPlan, on_delete=models.PROTECT, related_name="goals", verbose_name=_("step plan")
    )
    life_domain = models.ForeignKey(
        "tenants.LifeDomain",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("life domain"),
    )
    description = models.TextField(_("goal"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.ACTIVE
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["position", "pk"]


class StepStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STEP_STATUSES = (StepStatus.PLANNED, StepStatus.IN_PROGRESS)


class Step(TenantModel):
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, related_name="steps", verbose_name=_("goal")
    )
    # Repeated from the goal so "steps due" worklists need no joins through the plan.
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="steps")
    description = models.CharField(_("step"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steps",
        verbose_name=_("owner"),
    )
    owner_name = models.CharField(
        _("owner (someone without an account)"),
        max_length=150,
        blank=True,
        help_text=_("For example the client, a buddy or a partner's worker."),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=StepStatus.choices, default=StepStatus.PLANNED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["owner", "status", "due_on"], name="step_worklist")]

    @property
    def is_late(self) -> bool:
        return (
            self.status in OPEN_STEP_STATUSES
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )


class Ethos(models.TextChoices):
    """The ETHOS categories of housing exclusion (the wooncirkel of seed 004)."""

    ROOFLESS = "roofless", _("Roofless")
    HOUSELESS = "houseless", _("Houseless")
    INSECURE = "insecure", _("Insecure housing")
    INADEQUATE = "inadequate", _("Inadequate housing")
    ADEQUATE = "adequate", _("Adequate housing")


class HousingSituation(TenantModel):
    """The housing situation from a date on; the latest one is the current one."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="housing", verbose_name=_("dossier")
    )
    category = models.CharField(_("situation"), max_length=12, choices=Ethos.choices)
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("For example: sleeps at friends', eviction claim pending, damp rented flat."),
    )
    since = models.DateField(_("since"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("housing situation")
        verbose_name_plural = _("housing situations")
        ordering = ["-since", "-pk"]


class Right(TenantModel, TranslatedNameModel):
    """A right or benefit on the municipality's rights check-list."""

    code = models.SlugField(_("code"), max_length=60)
    description = models.TextField(_("how to check"), blank=True)
    active = models.BooleanField(_("on the list"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("right")
        verbose_name_plural = _("rights")
        ordering = ["position", "name_nl"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="right_unique_code"),
        ]


class RightStatus(models.TextChoices):
    NOT_CHECKED = "not_checked", _("Not checked")
    MAY_APPLY = "may_apply", _("May apply")
    APPLIED = "applied", _("Applied for")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    NOT_APPLICABLE = "not_applicable", _("Does not apply")


class RightCheck(TenantModel):
    """Where a dossier stands for one right of the check-list (its history is kept)."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="right_checks", verbose_name=_("dossier")
    )
    right = models.ForeignKey(
        Right, on_delete=models.PROTECT, related_name="checks", verbose_name=_("right")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RightStatus.choices, default=RightStatus.NOT_CHECKED
    )
    status_on = models.DateField(_("since"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("right check")
        verbose_name_plural = _("right checks")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "right"], name="rightcheck_once"),
        ]


class RightCheckChange(TenantModel):
    """Each status a right went through, with its date."""

    right_check = models.ForeignKey(RightCheck, on_delete=models.PROTECT, related_name="changes")
    status = models.CharField(max_length=16, choices=RightStatus.choices)
    status_on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
