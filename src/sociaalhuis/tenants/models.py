"""Municipalities (the tenants) and the reference data each one keeps."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sociaalhuis.core.models import TenantModel, TranslatedNameModel

nis_code_validator = RegexValidator(r"^\d{5}$", _("A NIS code has exactly five digits."))


class Municipality(models.Model):
    """A city or municipality (with its OCMW) that runs a Sociaal Huis on this platform."""

    nis_code = models.CharField(
        _("NIS code"),
        max_length=5,
        unique=True,
        validators=[nis_code_validator],
        help_text=_("The five-digit code Statbel gives the municipality, e.g. 45041 for Ronse."),
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("web address name"), max_length=60, unique=True)
    languages = models.JSONField(
        _("languages"),
        default=list,
        help_text=_(
            "Languages the municipality serves its citizens in, Dutch first (e.g. nl, fr)."
        ),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Neighbourhood(TenantModel):
    """A neighbourhood of the municipality; attention neighbourhoods get targeted policy."""

    name = models.CharField(_("name"), max_length=120)
    is_attention_area = models.BooleanField(
        _("attention neighbourhood"),
        default=False,
        help_text=_(
            "An aandachtsbuurt: a neighbourhood that gets extra attention in the social policy."
        ),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="neighbourhood_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class LifeDomain(TenantModel, TranslatedNameModel):
    """A life domain (leefdomein) of the municipality's social policy plan."""

    code = models.SlugField(_("code"), max_length=60)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("life domain")
        verbose_name_plural = _("life domains")
        ordering = ["position", "name_nl"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="lifedomain_unique_code"),
        ]


class NeighbourhoodStreet(TenantModel):
    """A street (or part of one) that lies in a neighbourhood.

    A person's neighbourhood is derived from their address through this list, so
    worklists and statistics can be filtered by neighbourhood without anyone
    choosing it by hand.
    """

    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.CASCADE,
        related_name="streets",
        verbose_name=_("neighbourhood"),
    )
    street = models.CharField(_("street"), max_length=120)
    # The street folded to lower case without accents or punctuation, for matching.
    street_key = models.CharField(max_length=120, editable=False, db_index=True)
    postcode = models.CharField(_("postcode"), max_length=8, blank=True)
    first_number = models.PositiveIntegerField(_("from house number"), null=True, blank=True)
    last_number = models.PositiveIntegerField(_("to house number"), null=True, blank=True)

    class Meta:
        verbose_name = _("street of a neighbourhood")
        verbose_name_plural = _("streets of neighbourhoods")
        ordering = ["street"]

    def __str__(self) -> str:
        return self.street


class ReferenceCounter(TenantModel):
    """The last number given out per kind of record and year (dossiers, referrals).

    Locked while a record takes the next number (``tenants.numbering``), so records
    made at the same moment wait for each other and never get the same number.
    """

    kind = models.CharField(_("kind"), max_length=32)
    year = models.PositiveIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "year"], name="referencecounter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last}"
