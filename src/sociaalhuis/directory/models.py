"""The social map. Organisations are regional: one record serves several municipalities.

The social-map issue extends this app with services, locations and schedules; the
foundation needs organisations so that partner workers can be linked to theirs.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sociaalhuis.directory.validators import validate_kbo_number


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kbo_number = models.CharField(
        _("KBO number"),
        max_length=10,
        blank=True,
        validators=[validate_kbo_number],
        help_text=_("Enterprise number from the Crossroads Bank for Enterprises, ten digits."),
    )
    website = models.URLField(_("website"), blank=True)
    municipalities = models.ManyToManyField(
        "tenants.Municipality",
        related_name="organisations",
        verbose_name=_("municipalities served"),
        blank=True,
    )
    active = models.BooleanField(_("active"), default=True)

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
