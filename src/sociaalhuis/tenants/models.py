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
