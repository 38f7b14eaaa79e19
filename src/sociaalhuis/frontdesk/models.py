"""The front desk (onthaal, the zero line): contacts, help questions, the waiting
queue, callback requests and appointments.

Every contact is registered, also an anonymous one (it still counts in the
statistics). Each help question gets an outcome at once: answered, referred, taken
into a help dossier, handed to a colleague or cell as a callback, or left open for a
cell.

One module on purpose (past the usual ~400 lines): it is the app's schema, read
with its migrations and constraints; the sub-domains (appointments, configuration,
worklists) keep their models here, under the app's label.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sociaalhuis.clients.models import Language
from sociaalhuis.core.models import TenantModel, TranslatedNameModel


class ContactChannel(models.TextChoices):
    DESK = "desk", _("At the desk")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    HOME_VISIT = "home_visit", _("Home visit")
    APPOINTMENT = "appointment", _("Appointment")
    OUTREACH = "outreach", _("Outreach")


class Contact(TenantModel):
    """One contact with a citizen (a visit, a call, a letter, ...)."""

    channel = models.CharField(_("channel"), max_length=16, choices=ContactChannel.choices)
    # Empty for an anonymous contact, which still counts in the statistics.
    person = models.ForeignKey(
        "clients.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("person"),
    )
    language = models.CharField(
        _("language spoken"),
        max_length=8,
        choices=Language.choices,
        default=Language.DUTCH,
    )
    neighbourhood = models.ForeignKey(
        "tenants.Neighbourhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )
    registered_at = models.DateTimeField(_("registered on"), default=timezone.now)
    # The form's one-time key: a second submit of the same form finds this contact
    # instead of registering it twice.
    idempotency_key = models.UUIDField(editable=False)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "idempotency_key"], name="contact_idempotent"
            ),
        ]
        indexes = [
            models.Index(fields=["person", "-occurred_at"], name="contact_history"),
            models.Index(fields=["municipality", "-occurred_at"], name="contact_recent"),
        ]


class Topic(TenantModel, TranslatedNameModel):
    """A topic within a life domain that questions are counted by (e.g. energy bill)."""

    life_domain = models.ForeignKey(
        "tenants.LifeDomain",
        on_delete=models.PROTECT,
        related_name="topics",
        verbose_name=_("life domain"),
    )
    code = models.SlugField(_("code"), max_length=60)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["life_domain", "name_nl"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="topic_unique_code"),
        ]


class Outcome(models.TextChoices):
    ANSWERED = "answered", _("Answered at once")
    REFERRED = "referred", _("Referred")
    DOSSIER = "dossier", _("Taken into a help dossier")
    CALLBACK = "callback", _("Handed to a colleague or cell (callback)")
    OPEN = "open", _("Left open for a cell")


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class HelpQuestion(TenantModel):
    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, related_name="questions", verbose_name=_("contact")
    )
    # Repeated from the contact so a person's questions need no join.
    person = models.ForeignKey(
        "clients.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("person"),
    )
    life_domain = models.ForeignKey(
        "tenants.LifeDomain",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("life domain"),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("topic"),
    )
    description = models.TextField(_("question"), max_length=2000, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    answer = models.TextField(_("information given"), max_length=2000, blank=True)
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service from the social map"),
    )
    # Where the question went when referred; the referral itself is a Referral.
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("help dossier"),
    )
    cell = models.ForeignKey(
        "accounts.Cell",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("cell"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_questions",
        verbose_name=_("taken on by"),
    )
    created_at = models.DateTimeField(_("asked on"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    closed_at = models.DateTimeField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("help question")
        verbose_name_plural = _("help questions")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "status", "cell"], name="question_cell_queue"),
            models.Index(fields=["person", "-created_at"], name="question_history"),
            models.Index(fields=["municipality", "-created_at"], name="question_recent"),
        ]


class QueueStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    HELPING = "helping", _("Being helped")
    DONE = "done", _("Done")
    LEFT = "left", _("Left without help")


class QueueEntry(TenantModel):
    """Someone waiting at the desk: since when, for what, and who helps them."""

    ticket = models.PositiveIntegerField(_("number"))
    day = models.DateField(_("day"), default=timezone.localdate)
    person = models.ForeignKey(
        "clients.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    # How the desk calls them when no person is registered yet ("lady in the red coat").
    label = models.CharField(_("who"), max_length=80, blank=True)
    reason = models.CharField(_("for what"), max_length=200, blank=True)
    life_domain = models.ForeignKey(
        "tenants.LifeDomain",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("life domain"),
    )
    arrived_at = models.DateTimeField(_("waiting since"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=8, choices=QueueStatus.choices, default=QueueStatus.WAITING
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("helped by"),
    )
    desk = models.CharField(_("desk"), max_length=40, blank=True)
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    contact = models.ForeignKey(
        Contact,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("waiting queue entry")
        verbose_name_plural = _("waiting queue entries")
        ordering = ["arrived_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "day", "ticket"], name="queue_ticket_per_day"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "day", "status"], name="queue_today")]


class CallbackStatus(models.TextChoices):
    OPEN = "open", _("To do")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Callback(TenantModel):
    """A callback request (terugbelverzoek): a question handed on with a due time."""

    question = models.ForeignKey(
        HelpQuestion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="callbacks",
        verbose_name=_("help question"),
    )
    person = models.ForeignKey(
        "clients.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="callbacks",
        verbose_name=_("person"),
    )
    caller_name = models.CharField(
        _("name of the caller"),
        max_length=120,
        blank=True,
        help_text=_("When the person is not registered."),
    )
    phone = models.CharField(_("phone number to call"), max_length=30)
    message = models.TextField(_("message"), max_length=2000)
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="callbacks_received",
        verbose_name=_("for colleague"),
    )
    to_cell = models.ForeignKey(
        "accounts.Cell",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="callbacks",
        verbose_name=_("for cell"),
    )
    due_at = models.DateTimeField(_("call back before"))
    status = models.CharField(
        _("status"), max_length=10, choices=CallbackStatus.choices, default=CallbackStatus.OPEN
    )
    attempts = models.PositiveSmallIntegerField(_("attempts without answer"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    result = models.TextField(_("result"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("requested on"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="callbacks_sent",
        verbose_name=_("requested by"),
    )
    done_at = models.DateTimeField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("callback request")
        verbose_name_plural = _("callback requests")
        ordering = ["due_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(to_user__isnull=False) | models.Q(to_cell__isnull=False),
                name="callback_has_recipient",
            ),
        ]
        indexes = [
            models.Index(fields=["to_user", "status", "due_at"], name="callback_for_user"),
            models.Index(fields=["to_cell", "status", "due_at"], name="callback_for_cell"),
            models.Index(fields=["created_by", "status"], name="callback_sent"),
        ]

    @property
    def is_overdue(self) -> bool:
        return self.status == CallbackStatus.OPEN and self.due_at < timezone.now()


class AvailabilityMode(models.TextChoices):
    OPEN_HOURS = "open_hours", _("Open consultation hours (no appointment needed)")
    SLOTS = "slots", _("Bookable appointment slots")


class Availability(TenantModel):
    """Weekly hours of a worker, a cell or a partner's office day (zitdag) in the house."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="availabilities",
        verbose_name=_("worker"),
    )
    cell = models.ForeignKey(
        "accounts.Cell",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="availabilities",
        verbose_name=_("cell"),
    )
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner service (office day)"),
    )
    mode = models.CharField(_("kind"), max_length=12, choices=AvailabilityMode.choices)
    weekday = models.PositiveSmallIntegerField(_("weekday"))  # 1 = Monday ... 7 = Sunday
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    slot_minutes = models.PositiveSmallIntegerField(_("minutes per appointment"), default=30)
    location = models.CharField(_("where"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(worker__isnull=False)
                | models.Q(cell__isnull=False)
                | models.Q(service__isnull=False),
                name="availability_has_owner",
            ),
            models.CheckConstraint(
                condition=models.Q(starts_at__lt=models.F("ends_at")),
                name="availability_starts_before_end",
            ),
        ]


class AppointmentKind(models.TextChoices):
    OFFICE = "office", _("Appointment at the Sociaal Huis")
    CONSULTATION = "consultation", _("Open consultation hours")
    HOME_VISIT = "home_visit", _("Home visit")
    PHONE = "phone", _("Phone appointment")
    OFFICE_DAY = "office_day", _("Partner office day")


class AppointmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Took place")
    NO_SHOW = "no_show", _("Did not show up")
    CANCELLED = "cancelled", _("Cancelled")


class Appointment(TenantModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=AppointmentKind.choices)
    person = models.ForeignKey(
        "clients.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("person"),
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("worker"),
    )
    cell = models.ForeignKey(
        "accounts.Cell",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("cell"),
    )
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner service (office day)"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("where"), max_length=200, blank=True)
    address = models.CharField(_("address of the home visit"), max_length=200, blank=True)
    purpose = models.CharField(_("purpose"), max_length=300)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.PLANNED,
    )
    status_note = models.CharField(_("note on the status"), max_length=300, blank=True)
    question = models.ForeignKey(
        HelpQuestion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("help question"),
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("help dossier"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__lt=models.F("ends_at")),
                name="appointment_starts_before_end",
            ),
        ]
        indexes = [
            models.Index(fields=["worker", "starts_at"], name="appointment_worker_day"),
            models.Index(fields=["cell", "starts_at"], name="appointment_cell_day"),
            models.Index(fields=["service", "starts_at"], name="appointment_office_day"),
            models.Index(fields=["person", "starts_at"], name="appointment_person"),
        ]


class CalendarFeed(TenantModel):
    """A worker's secret iCalendar address (calendar apps cannot log in).

    Only a hash of the token is kept; the feed shows times, kinds and places, never
    names, so a leaked address reveals no client.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
