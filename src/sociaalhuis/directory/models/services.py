"""Services (aanbod): what an organisation offers, to whom, where and at what cost."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sociaalhuis.core.models import TenantModel, concrete_field

TEXT_LANGUAGES = ("nl", "fr", "en")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Capacity(models.TextChoices):
    """Whether a service takes new people, as HSDS 3.1's service_capacity describes."""

    UNKNOWN = "unknown", _("Not known")
    OPEN = "open", _("Taking new people")
    LIMITED = "limited", _("Limited places")
    FULL = "full", _("Full: waiting list")


class AccessibilityScore(models.IntegerChoices):
    """A score on one of the five B's, from the policy plan's screening (003 ch. 4)."""

    POOR = 1, _("1 - poor")
    WEAK = 2, _("2 - weak")
    FAIR = 3, _("3 - fair")
    GOOD = 4, _("4 - good")
    EXCELLENT = 5, _("5 - excellent")


# The five B's of accessibility, in the order of the policy plan.
FIVE_BS: tuple[tuple[str, str], ...] = (
    ("reachability", "bereikbaarheid"),
    ("usability", "bruikbaarheid"),
    ("availability", "beschikbaarheid"),
    ("understandability", "begrijpbaarheid"),
    ("affordability", "betaalbaarheid"),
)


def _score_field(label: Any) -> models.PositiveSmallIntegerField[int | None, int | None]:
    return models.PositiveSmallIntegerField(
        label,
        choices=AccessibilityScore.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )


class Service(models.Model):
    """A service of an organisation. Texts live in ``ServiceText`` per language."""

    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("publication status"),
        max_length=12,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.JSONField(
        _("languages spoken"),
        default=list,
        blank=True,
        help_text=_("Language codes, e.g. nl, fr, en, ar."),
    )
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=False)
    municipalities = models.ManyToManyField(
        "tenants.Municipality",
        related_name="services",
        verbose_name=_("municipalities served"),
        blank=True,
    )
    terms = models.ManyToManyField(
        "directory.TaxonomyTerm",
        related_name="services",
        verbose_name=_("rubrics and target groups"),
        blank=True,
    )
    locations = models.ManyToManyField(
        "directory.Location",
        through="directory.ServiceAtLocation",
        related_name="services",
        verbose_name=_("locations"),
        blank=True,
    )
    # Capacity: the latest CapacityUpdate, kept here so lists need no extra query.
    capacity = models.CharField(
        _("capacity"), max_length=10, choices=Capacity.choices, default=Capacity.UNKNOWN
    )
    waiting_days = models.PositiveIntegerField(
        _("expected waiting time (days)"), null=True, blank=True
    )
    capacity_confirmed_at = models.DateTimeField(_("capacity confirmed on"), null=True, blank=True)
    # The five B's of accessibility (003 ch. 4): a score and a remark each.
    reachability_score = _score_field(_("reachability"))
    reachability_remark = models.CharField(_("reachability remark"), max_length=500, blank=True)
    usability_score = _score_field(_("usability"))
    usability_remark = models.CharField(_("usability remark"), max_length=500, blank=True)
    availability_score = _score_field(_("availability"))
    availability_remark = models.CharField(_("availability remark"), max_length=500, blank=True)
    understandability_score = _score_field(_("understandability"))
    understandability_remark = models.CharField(
        _("understandability remark"), max_length=500, blank=True
    )
    affordability_score = _score_field(_("affordability"))
    affordability_remark = models.CharField(_("affordability remark"), max_length=500, blank=True)
    last_verified_on = models.DateField(_("last verified on"), null=True, blank=True)
    verified_by_email = models.EmailField(_("verified by"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_modified = models.DateTimeField(_("last modified"), default=timezone.now)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["pk"]
        indexes = [models.Index(fields=["status", "last_verified_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(maximum_age__gte=models.F("minimum_age")),
                name="service_age_range",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        text = self.text()
        return text.name if text is not None else f"#{self.pk}"

    def text(self, language: str | None = None) -> ServiceText | None:
        """The text in ``language`` (default: the active one), else Dutch, else any.

        Uses the prefetched ``texts`` when a query prefetched them (lists always do).
        """
        from django.utils.translation import get_language

        wanted = (language or get_language() or "nl")[:2]
        texts = list(self.texts.all())
        for code in (wanted, "nl"):
            for text in texts:
                if text.language == code:
                    return text
        return texts[0] if texts else None

    def accessibility_profile(self) -> list[tuple[str, int | None, str]]:
        """The five B's as (label, score, remark), in the order of the policy plan."""
        return [
            (
                str(concrete_field(Service, f"{name}_score").verbose_name),
                getattr(self, f"{name}_score"),
                getattr(self, f"{name}_remark"),
            )
            for name, _dutch in FIVE_BS
        ]

    @property
    def is_wheelchair_accessible(self) -> bool:
        """At least one of its locations (uses the prefetched ``locations``)."""
        return any(location.wheelchair_accessible for location in self.locations.all())

    @property
    def has_waiting_list(self) -> bool:
        return self.capacity in (Capacity.LIMITED, Capacity.FULL)

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED


class ServiceText(models.Model):
    """What a citizen reads about a service, in one language, in plain words."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="texts", verbose_name=_("service")
    )
    language = models.CharField(
        _("language"), max_length=2, choices=[(code, code) for code in TEXT_LANGUAGES]
    )
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("other name"), max_length=200, blank=True)
    description = models.TextField(_("what we offer"))
    eligibility_description = models.TextField(_("for whom"), blank=True)
    fees_description = models.TextField(_("what it costs"), blank=True)
    application_process = models.TextField(_("how to apply"), blank=True)
    required_documents = models.TextField(
        _("what to bring"), blank=True, help_text=_("One document per line.")
    )
    interpretation_services = models.CharField(_("interpretation"), max_length=300, blank=True)
    keywords = models.CharField(
        _("search words"),
        max_length=500,
        blank=True,
        help_text=_("Words people use for this question, separated by commas."),
    )
    # Maintained by directory.search.index_service: unaccented lower-case words of
    # the texts, the organisation and the terms; and, on PostgreSQL, its tsvector.
    search_text = models.TextField(editable=False, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    # Ids of the municipalities whose public map shows this text now (published,
    # organisation active, serving them); empty otherwise. Lets PostgreSQL combine
    # two GIN indexes instead of building a big municipality's service list on every
    # search (docs/performance.md). Also maintained by index_services; result pages
    # re-check visibility against the live tables, so a stale value never shows
    # anything hidden.
    visible_in = models.JSONField(default=list, editable=False)

    class Meta:
        verbose_name = _("service text")
        verbose_name_plural = _("service texts")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "language"], name="servicetext_unique_language"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def document_lines(self) -> list[str]:
        return [line.strip() for line in self.required_documents.splitlines() if line.strip()]


class ServiceNeighbourhood(TenantModel):
    """A municipality marks the neighbourhoods a service specifically works in."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="neighbourhood_links"
    )
    neighbourhood = models.ForeignKey(
        "tenants.Neighbourhood", on_delete=models.CASCADE, related_name="service_links"
    )

    class Meta:
        verbose_name = _("neighbourhood of a service")
        verbose_name_plural = _("neighbourhoods of services")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "neighbourhood"], name="serviceneighbourhood_unique_link"
            ),
        ]


class SearchWord(models.Model):
    """Every distinct word of the map's texts, to correct typos in a search.

    Maintained by ``directory.search.index_services`` (words are added, never removed:
    a stale word only leads to a search that finds nothing). On PostgreSQL a trigram
    index finds the nearest words of a misspelt one in a few milliseconds; comparing
    the query with every whole text instead costs ~90 µs a row (docs/performance.md).
    """

    word = models.CharField(_("word"), max_length=60, primary_key=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word
