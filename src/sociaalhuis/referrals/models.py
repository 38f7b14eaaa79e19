"""Closed-loop referrals (doorverwijzingen) with feedback (terugkoppeling).

A worker refers a person from a help question or a dossier to a colleague, a cell
of the Sociaal Huis, or a service of a partner organisation on the social map. The
receiver answers through an explicit state machine (``lifecycle.py``); every step is
a ``ReferralUpdate`` that the sender sees as feedback.

What the receiver may read is fixed when the referral is sent: ``shared_data`` is a
snapshot of exactly the fields the sender chose, so a partner's screens and the API
never touch the person's identity or the dossier.

One module on purpose (past the usual ~400 lines): it is the app's schema, read
with its migrations and constraints.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sociaalhuis.core.models import TenantModel


class ReferralStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    IN_PROGRESS = "in_progress", _("In progress")
    ON_HOLD = "on_hold", _("On hold")
    COMPLETED = "completed", _("Completed")
    NOT_COMPLETED = "not_completed", _("Not completed")
    CANCELLED = "cancelled", _("Cancelled")


# A referral in one of these has had its final feedback: the loop is closed.
FINAL_STATUSES = frozenset(
    {
        ReferralStatus.DECLINED,
        ReferralStatus.COMPLETED,
        ReferralStatus.NOT_COMPLETED,
        ReferralStatus.CANCELLED,
    }
)
# Waiting for the receiver's first answer: these count towards "overdue feedback".
AWAITING_ANSWER = frozenset({ReferralStatus.SENT, ReferralStatus.RECEIVED})
# Sent and not finished: what worklists and inboxes show by default.
OPEN_STATUSES = frozenset(
    {
        ReferralStatus.SENT,
        ReferralStatus.RECEIVED,
        ReferralStatus.ACCEPTED,
        ReferralStatus.IN_PROGRESS,
        ReferralStatus.ON_HOLD,
    }
)


class TargetKind(models.TextChoices):
    COLLEAGUE = "colleague", _("A colleague")
    CELL = "cell", _("A cell of the Sociaal Huis")
    SERVICE = "service", _("A service of a partner organisation")


class Urgency(models.TextChoices):
    # The FHIR request priorities (routine | urgent | asap), in the field's words.
    ROUTINE = "routine", _("Normal")
    URGENT = "urgent", _("Urgent")
    ASAP = "asap", _("As soon as possible (crisis)")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("The person's recorded consent")
    SHARED_SECRECY = "shared_secrecy", _("Shared professional secrecy")
    INTERNAL = "internal", _("Within the Sociaal Huis (same organisation)")


class ReasonCode(models.TextChoices):
    """Why a referral was declined, put on hold, not completed or cancelled.

    The codes the field uses; they feed the loop metrics and policy signals (for
    example "no capacity" at a partner is a bottleneck).
    """

    NO_CAPACITY = "no_capacity", _("No capacity")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    NOT_REACHED = "not_reached", _("Could not contact the person")
    PERSON_DECLINED = "person_declined", _("The person declined the service")
    NO_LONGER_INTERESTED = "no_longer_interested", _("The person is no longer interested")
    REFERRED_ELSEWHERE = "referred_elsewhere", _("Referred elsewhere")
    OTHER = "other", _("Other")


class ReferralSettings(TenantModel):
    """How a municipality runs referrals: the default time to answer."""

    default_response_days = models.PositiveSmallIntegerField(
        _("default response time (days)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Days a receiver has to answer a referral, unless its service says otherwise."),
    )

    class Meta:
        verbose_name = _("referral settings")
        verbose_name_plural = _("referral settings")
        constraints = [
            models.UniqueConstraint(fields=["municipality"], name="referralsettings_once"),
        ]


class ServiceResponseTime(TenantModel):
    """The response time a municipality agreed with one partner service."""

    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("service"),
    )
    response_days = models.PositiveSmallIntegerField(
        _("response time (days)"), validators=[MinValueValidator(1), MaxValueValidator(120)]
    )

    class Meta:
        verbose_name = _("response time of a service")
        verbose_name_plural = _("response times of services")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "service"], name="serviceresponsetime_once"
            ),
        ]


class Referral(TenantModel):
    # Shown to people and on paper: "V2026-0042", numbered per municipality and year.
    reference = models.CharField(_("referral number"), max_length=20, editable=False)
    idempotency_key = models.UUIDField(default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        "clients.Person",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("person"),
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("help dossier"),
    )
    question = models.ForeignKey(
        "frontdesk.HelpQuestion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("help question"),
    )
    life_domain = models.ForeignKey(
        "tenants.LifeDomain",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("life domain"),
    )

    # --- To whom ---------------------------------------------------------------------
    target_kind = models.CharField(_("refer to"), max_length=10, choices=TargetKind.choices)
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_received",
        verbose_name=_("colleague"),
    )
    to_cell = models.ForeignKey(
        "accounts.Cell",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("cell"),
    )
    to_service = models.ForeignKey(
        "directory.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    # Repeated from the service so a partner's inbox is one indexed lookup.
    to_organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )

    # --- What and how urgent ------------------------------------------------------------
    purpose = models.TextField(
        _("purpose"),
        max_length=2000,
        help_text=_("What the person needs from the receiver, in a few sentences."),
    )
    urgency = models.CharField(
        _("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.ROUTINE
    )
    response_due_on = models.DateField(_("answer expected by"))

    # --- What is shared, and on which basis ---------------------------------------------
    shared_fields = models.JSONField(_("shared data"), default=list)
    # The shared values as they were when sent: the receiver reads only these.
    shared_data = models.JSONField(default=dict, editable=False)
    legal_basis = models.CharField(
        _("legal basis"), max_length=16, choices=LegalBasis.choices, blank=True
    )
    consent = models.ForeignKey(
        "clients.Consent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent"),
    )
    legal_basis_note = models.CharField(
        _("explanation of the legal basis"), max_length=500, blank=True
    )

    # --- Where it stands ----------------------------------------------------------------
    status = models.CharField(
        _("status"), max_length=14, choices=ReferralStatus.choices, default=ReferralStatus.DRAFT
    )
    reason_code = models.CharField(
        _("reason"), max_length=24, choices=ReasonCode.choices, blank=True
    )
    reason_text = models.CharField(_("reason explained"), max_length=500, blank=True)
    got_help = models.BooleanField(_("the person got help"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), max_length=2000, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    appointment = models.ForeignKey(
        "frontdesk.Appointment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appointment"),
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="referrals_sent",
        verbose_name=_("referred by"),
    )
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    received_at = models.DateTimeField(_("received on"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status since"), default=timezone.now)
    # New feedback the sender has not opened yet (their notification).
    unread_by_sender = models.BooleanField(default=False)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "reference"], name="referral_unique_reference"
            ),
            models.UniqueConstraint(
                fields=["municipality", "idempotency_key"], name="referral_idempotent"
            ),
            models.CheckConstraint(
                condition=(
                    Q(target_kind=TargetKind.COLLEAGUE, to_user__isnull=False)
                    | Q(target_kind=TargetKind.CELL, to_cell__isnull=False)
                    | Q(
                        target_kind=TargetKind.SERVICE,
                        to_service__isnull=False,
                        to_organisation__isnull=False,
                    )
                ),
                name="referral_has_target",
            ),
            models.CheckConstraint(
                condition=Q(dossier__isnull=False) | Q(question__isnull=False),
                name="referral_from_dossier_or_question",
            ),
        ]
        indexes = [
            # Inboxes and worklists: one index range each, newest first.
            models.Index(
                fields=["municipality", "to_organisation", "status", "-sent_at"],
                name="referral_partner_inbox",
            ),
            # A partner's inbox in page order, so a page stops after offset + 25 rows:
            # the default list (open) and overdue, then all and closed.
            models.Index(
                fields=["municipality", "to_organisation", "-sent_at", "-id"],
                condition=Q(status__in=sorted(OPEN_STATUSES)),
                name="referral_partner_open",
            ),
            models.Index(
                fields=["municipality", "to_organisation", "-sent_at", "-id", "status"],
                name="referral_partner_all",
            ),
            models.Index(fields=["to_cell", "status", "-sent_at"], name="referral_cell_inbox"),
            models.Index(fields=["to_user", "status", "-sent_at"], name="referral_user_inbox"),
            # The sender's worklist, in its order.
            models.Index(
                fields=["municipality", "created_by", "-created_at", "-id", "status"],
                name="referral_sent",
            ),
            models.Index(fields=["status", "response_due_on"], name="referral_overdue"),
            models.Index(fields=["person", "-created_at"], name="referral_person"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.status in AWAITING_ANSWER and self.response_due_on < timezone.localdate()


class Side(models.TextChoices):
    SENDER = "sender", _("Sender")
    RECEIVER = "receiver", _("Receiver")


class ReferralUpdate(TenantModel):
    """One step of a referral: a status change or a message. Append-only.

    Updates from the receiver are the feedback (terugkoppeling) the sender sees.
    """

    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, related_name="updates", verbose_name=_("referral")
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # Shown to the other side instead of a colleague's name ("CAW Oost-Vlaanderen").
    by_label = models.CharField(_("from"), max_length=200, blank=True)
    side = models.CharField(_("side"), max_length=8, choices=Side.choices)
    from_status = models.CharField(max_length=14, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=14, choices=ReferralStatus.choices, blank=True)
    reason_code = models.CharField(
        _("reason"), max_length=24, choices=ReasonCode.choices, blank=True
    )
    reason_text = models.CharField(_("reason explained"), max_length=500, blank=True)
    got_help = models.BooleanField(_("the person got help"), null=True, blank=True)
    note = models.TextField(_("message"), max_length=2000, blank=True)
    via_api = models.BooleanField(_("through the API"), default=False)

    class Meta:
        verbose_name = _("referral update")
        verbose_name_plural = _("referral updates")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["referral", "at"], name="referralupdate_history")]

    @property
    def is_status_change(self) -> bool:
        return bool(self.to_status) and self.to_status != self.from_status


class PartnerToken(models.Model):
    """A secret that lets a partner's own system update its referrals through the API.

    Read to *establish* the tenant of an API request (like ``accounts.Membership``),
    so not tenant-scoped; it holds only a hash. It acts as the partner worker who made
    it, for that worker's organisation in one municipality, and stops working when
    their role there ends or it is revoked.
    """

    municipality = models.ForeignKey(
        "tenants.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="partner_tokens",
        verbose_name=_("made by"),
    )
    label = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    # The first characters, so a partner can tell their tokens apart.
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(_("made on"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner API token")
        verbose_name_plural = _("partner API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.label} ({self.prefix}…)"


class MailKind(models.TextChoices):
    NEW_REFERRAL = "new_referral", _("New referral")
    CANCELLED = "cancelled", _("Referral cancelled")
    DIGEST = "digest", _("Daily digest of overdue referrals")


class OutgoingMail(TenantModel):
    """A referral e-mail, kept until the mail server took it.

    Written in the same transaction as the referral step it announces; a task sends it
    after the commit. When the server is down the row stays unsent with the error and
    ``send_referral_mail`` (run every few minutes) tries again: nothing is lost. The
    text carries referral numbers and links, never a person's data.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=MailKind.choices)
    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, null=True, blank=True, related_name="mails"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    to_address = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    # The day a digest covers: one digest per recipient and day.
    digest_on = models.DateField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    # After a failure, not before this (the wait doubles with every attempt).
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("referral e-mail")
        verbose_name_plural = _("referral e-mails")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "recipient", "digest_on"],
                condition=Q(kind="digest"),
                name="outgoingmail_one_digest_a_day",
            ),
        ]
        indexes = [models.Index(fields=["sent_at", "attempts"], name="outgoingmail_pending")]
