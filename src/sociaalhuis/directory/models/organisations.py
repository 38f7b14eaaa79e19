"""Organisations: regional, identified by their KBO (enterprise) number."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sociaalhuis.directory.validators import validate_kbo_number


class Organisation(models.Model):
    """An organisation that offers services: a partner, the OCMW, a public service.

    One record serves several municipalities (``municipalities``); a partner worker
    belongs to one organisation through their membership.
    """

    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("other name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    kbo_number = models.CharField(
        _("KBO number"),
        max_length=10,
        blank=True,
        validators=[validate_kbo_number],
        help_text=_("Enterprise number from the Crossroads Bank for Enterprises, ten digits."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    municipalities = models.ManyToManyField(
        "tenants.Municipality",
        related_name="organisations",
        verbose_name=_("municipalities served"),
        blank=True,
    )
    active = models.BooleanField(_("active"), default=True)
    last_modified = models.DateTimeField(_("last modified"), default=timezone.now)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kbo_number"],
                condition=~models.Q(kbo_number=""),
                name="organisation_unique_kbo_number",
            ),
            models.UniqueConstraint(fields=["name"], name="organisation_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
