"""The history of the map: proposed and applied changes, capacity confirmations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sociaalhuis.directory.models.services import Capacity


class ServiceRevision(models.Model):
    """One change to a service: its full proposed content and what became of it.

    A partner worker's change waits (``pending``) until an administrator approves or
    rejects it; an administrator's own change is applied at once. Approved revisions,
    in order, are the service's history; nothing here is ever deleted.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    service = models.ForeignKey(
        "directory.Service", on_delete=models.PROTECT, related_name="revisions"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    data = models.JSONField(_("content"))
    summary = models.CharField(_("what changed"), max_length=300, blank=True)
    base_version = models.PositiveIntegerField(_("based on version"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("proposed by"),
    )
    proposed_in = models.ForeignKey(
        "tenants.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("proposed in"),
    )
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("change to a service")
        verbose_name_plural = _("changes to services")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.service} ({self.get_status_display()}, {self.created_at:%d/%m/%Y})"


class CapacityUpdate(models.Model):
    """A partner confirms whether the service takes new people (kept as history)."""

    service = models.ForeignKey(
        "directory.Service", on_delete=models.PROTECT, related_name="capacity_updates"
    )
    capacity = models.CharField(_("capacity"), max_length=10, choices=Capacity.choices)
    waiting_days = models.PositiveIntegerField(
        _("expected waiting time (days)"), null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("confirmed by"),
    )

    class Meta:
        verbose_name = _("capacity confirmation")
        verbose_name_plural = _("capacity confirmations")
        ordering = ["-confirmed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.service}: {self.get_capacity_display()}"
