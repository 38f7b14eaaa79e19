"""Taxonomies that classify services, published as HSDS taxonomies.

Two taxonomies are shared by the whole map: the main rubrics of de Sociale Kaart
and the target groups. A municipality's life domains (tenants.LifeDomain) are its
own taxonomy; ``LifeDomainTerm`` says which rubrics each life domain covers, so a
regional service tagged once with rubrics appears under the right life domain in
every municipality it serves.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from sociaalhuis.core.models import TenantModel, TranslatedNameModel


class Taxonomy(models.Model):
    RUBRICS = "sociale-kaart-rubrieken"
    TARGET_GROUPS = "doelgroepen"

    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    uri = models.URLField(_("web address"), blank=True)
    version = models.CharField(_("version"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(TranslatedNameModel):
    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    taxonomy = models.ForeignKey(
        Taxonomy, on_delete=models.PROTECT, related_name="terms", verbose_name=_("taxonomy")
    )
    code = models.SlugField(_("code"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent term"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        ordering = ["taxonomy__code", "position", "name_nl"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="taxonomyterm_unique_code"),
        ]


class LifeDomainTerm(TenantModel):
    """A municipality's life domain covers a rubric of the shared map."""

    life_domain = models.ForeignKey(
        "tenants.LifeDomain",
        on_delete=models.CASCADE,
        related_name="map_terms",
        verbose_name=_("life domain"),
    )
    term = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.CASCADE,
        related_name="life_domain_links",
        verbose_name=_("rubric"),
    )

    class Meta:
        verbose_name = _("life domain rubric")
        verbose_name_plural = _("life domain rubrics")
        constraints = [
            models.UniqueConstraint(
                fields=["life_domain", "term"], name="lifedomainterm_unique_link"
            ),
        ]
