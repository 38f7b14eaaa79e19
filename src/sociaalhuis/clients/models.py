"""Persons (clients), their identity, households, contact wishes and consents.

Identity (names, birth date, national register number, address, contact details) is
kept in its own table, ``Identity``, apart from the ``Person`` that the rest of the
platform refers to: lists and statistics work on persons and only the screens that
need it read the identity, each read audited.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sociaalhuis.core.models import TenantModel, TimeStampedModel


class Gender(models.TextChoices):
    """Sex or gender as the citizen states it (never inferred from the number)."""

    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    X = "x", _("Non-binary or other")
    NOT_STATED = "", _("Not stated")


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other language")


class Person(TenantModel, TimeStampedModel):
    """A client of the Sociaal Huis. Never deleted: merged or archived instead."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.DUTCH
    )
    other_language = models.CharField(
        _("language spoken"),
        max_length=60,
        blank=True,
        help_text=_("When the preferred language is another language: which one."),
    )
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    neighbourhood = models.ForeignKey(
        "tenants.Neighbourhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
        help_text=_("Derived from the address."),
    )
    # After a merge this record stays (with its identity) and points to the survivor.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_records",
        verbose_name=_("merged into"),
    )
    archived_at = models.DateTimeField(_("archived on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["pk"]

    def __str__(self) -> str:
        identity = getattr(self, "identity", None)
        return identity.full_name if identity is not None else f"#{self.pk}"

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None


class Identity(TenantModel):
    """Who a person is and how to reach them: the personal data proper."""

    person = models.OneToOneField(
        Person,
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="identity",
        verbose_name=_("person"),
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    gender = models.CharField(
        _("sex or gender"), max_length=8, choices=Gender.choices, blank=True, default=""
    )
    gender_description = models.CharField(
        _("in their own words"),
        max_length=60,
        blank=True,
        help_text=_("Only if the person wants to describe it themselves."),
    )
    # Eleven digits, validated with python-stdnum; masked in lists, never in a URL or log.
    national_number = models.CharField(
        _("national register number"), max_length=11, blank=True, db_index=True
    )
    street = models.CharField(_("street"), max_length=120, blank=True)
    house_number = models.CharField(_("number"), max_length=12, blank=True)
    box = models.CharField(_("box"), max_length=12, blank=True)
    postcode = models.CharField(_("postcode"), max_length=8, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    no_fixed_address = models.BooleanField(
        _("no fixed address"),
        default=False,
        help_text=_("For example homeless, with a reference address at the OCMW."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    # "family given" folded (no accents, lower case) for look-up as you type.
    search_name = models.CharField(max_length=210, editable=False, db_index=True)

    class Meta:
        verbose_name = _("identity")
        verbose_name_plural = _("identities")
        indexes = [
            models.Index(fields=["municipality", "birth_date"], name="identity_birth_date"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def masked_national_number(self) -> str:
        """The birth-date part only: "85.07.30-***.**" (the rest is never shown in lists)."""
        number = self.national_number
        if len(number) != 11:
            return ""
        return f"{number[0:2]}.{number[2:4]}.{number[4:6]}-***.**"

    @property
    def formatted_national_number(self) -> str:
        number = self.national_number
        if len(number) != 11:
            return ""
        return f"{number[0:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:11]}"

    @property
    def address_line(self) -> str:
        street = " ".join(part for part in (self.street, self.house_number) if part)
        if self.box:
            street = f"{street} bus {self.box}"
        place = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (street, place) if part)


class Channel(models.TextChoices):
    """Ways of reaching a person that they can ask us not to use."""

    LETTER = "letter", _("Letter at home")
    PHONE = "phone", _("Phone call")
    VOICEMAIL = "voicemail", _("Voicemail message")
    SMS = "sms", _("Text message")
    EMAIL = "email", _("E-mail")
    HOME_VISIT = "home_visit", _("Home visit")


class ContactRestriction(TenantModel):
    """A person asked not to be contacted through a channel (shown wherever it is used)."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="restrictions", verbose_name=_("person")
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    note = models.CharField(
        _("explanation"),
        max_length=300,
        blank=True,
        help_text=_("For example: letters go to the sister's address."),
    )
    created_at = models.DateTimeField(_("recorded on"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    lifted_at = models.DateTimeField(_("lifted on"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lifted by"),
    )

    class Meta:
        verbose_name = _("contact restriction")
        verbose_name_plural = _("contact restrictions")
        ordering = ["channel"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "channel"],
                condition=models.Q(lifted_at__isnull=True),
                name="restriction_one_active_per_channel",
            ),
        ]


class Household(TenantModel, TimeStampedModel):
    """People who live together and are helped together (a gezin)."""

    name = models.CharField(
        _("name"), max_length=120, help_text=_("How colleagues recognise it, e.g. Family Janssens.")
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Relation(models.TextChoices):
    """A member's relation to the household's reference person."""

    REFERENCE = "reference", _("Reference person")
    PARTNER = "partner", _("Partner")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Brother or sister")
    GRANDCHILD = "grandchild", _("Grandchild")
    GRANDPARENT = "grandparent", _("Grandparent")
    FOSTER_CHILD = "foster_child", _("Foster child")
    OTHER_FAMILY = "other_family", _("Other family")
    OTHER = "other", _("Other (not family)")


class HouseholdMember(TenantModel):
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="members", verbose_name=_("household")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="households", verbose_name=_("person")
    )
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    joined_on = models.DateField(_("member since"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ["household", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "person"],
                condition=models.Q(left_on__isnull=True),
                name="householdmember_once",
            ),
        ]


class PersonMerge(TenantModel):
    """Two records of one person joined: who, when, why, and what the duplicate held."""

    survivor = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="merges_received", verbose_name=_("kept")
    )
    duplicate = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="merges_given", verbose_name=_("merged")
    )
    reason = models.TextField(_("reason"))
    # The identities of both records before the merge, and what was moved.
    survivor_before = models.JSONField(default=dict)
    duplicate_before = models.JSONField(default=dict)
    moved = models.JSONField(default=dict)
    merged_at = models.DateTimeField(_("merged on"), default=timezone.now)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("merge of persons")
        verbose_name_plural = _("merges of persons")
        ordering = ["-merged_at"]


class ConsentPurpose(models.TextChoices):
    REFERRAL = "referral", _("Referral to another service")
    SHARING = "sharing", _("Sharing data with a partner organisation")
    CONSULTATION = "consultation", _("Discussing the situation in a case consultation")
    CONTACT = "contact", _("Contacting third parties (landlord, school, employer, ...)")
    OTHER = "other", _("Other purpose")


class ConsentForm(models.TextChoices):
    WRITTEN = "written", _("Signed form")
    ORAL = "oral", _("Oral, noted by the worker")
    DIGITAL = "digital", _("Digitally")


class Consent(TenantModel):
    """A person's consent for a purpose and scope; withdrawn, never deleted."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="consents", verbose_name=_("person")
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=ConsentPurpose.choices)
    scope = models.TextField(
        _("scope"), help_text=_("Which data, for whom, for how long — as agreed with the person.")
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("When the consent is for one organisation."),
    )
    # The dossier it was recorded in (an id, so clients need not know dossiers).
    dossier_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    form = models.CharField(
        _("how it was given"), max_length=12, choices=ConsentForm.choices, default=ConsentForm.ORAL
    )
    given_on = models.DateField(_("given on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_note = models.CharField(_("note on withdrawal"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    recorded_at = models.DateTimeField(_("recorded on"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-pk"]

    def is_active_on(self, day: date) -> bool:
        if self.withdrawn_on is not None and self.withdrawn_on <= day:
            return False
        return self.given_on <= day and (self.valid_until is None or self.valid_until >= day)


class NameWord(TenantModel):
    """Each word of a person's folded name, for the look-up as you type.

    Under row-level security PostgreSQL uses an index only through leakproof
    operators: ``LIKE`` is not one, range comparisons (``>=``, ``<``) are. So the
    look-up finds the persons with a name word *starting with* what was typed by a
    range on this indexed column, instead of ``LIKE`` on the whole name. Kept by the
    person services; merged records have none.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_words")
    word = models.CharField(max_length=100)

    class Meta:
        indexes = [
            # person last: the look-up reads the ids from the index alone.
            models.Index(fields=["municipality", "word", "person"], name="nameword_prefix")
        ]
        constraints = [
            models.UniqueConstraint(fields=["person", "word"], name="nameword_once"),
        ]
