"""The append-only access log of personal data.

Rows are only ever inserted. On PostgreSQL the database itself refuses UPDATE and
DELETE (a trigger, plus no such privilege for the application role); retention
purges are a DBA task that must disable the trigger deliberately.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sociaalhuis.core.models import TenantModel
from sociaalhuis.core.text import StrOrPromise


class Action(models.TextChoices):
    READ = "read", _("Read")
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    EXPORT = "export", _("Export")
    ACCESS = "access", _("Access attempt")


class Result(models.TextChoices):
    ALLOWED = "allowed", _("Allowed")
    DENIED = "denied", _("Denied")
    NOT_FOUND = "not_found", _("Not found")


# How the DPO screen names the kinds of object in the log. Domain apps add theirs with
# register_object_label() in their AppConfig.ready(); unknown kinds show as stored.
OBJECT_LABELS: dict[str, StrOrPromise] = {
    "accounts.user": _("User account"),
    "audit.accesslog": _("Access log"),
    "route": _("Page"),
    "tenants.municipality": _("Municipality"),
}


def register_object_label(object_type: str, label: StrOrPromise) -> None:
    OBJECT_LABELS[object_type] = label


class AccessLogEntry(TenantModel):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # A copy, so the log stays readable if the account is renamed.
    actor_email = models.EmailField(_("user e-mail"), blank=True)
    # The client whose data this is. No foreign key on purpose: the log must outlive
    # merges and archiving of person records, and must never cascade.
    person_id = models.PositiveBigIntegerField(_("person"), null=True, blank=True, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    result = models.CharField(
        _("result"), max_length=16, choices=Result.choices, default=Result.ALLOWED
    )
    reason = models.TextField(_("reason"), blank=True)
    path = models.CharField(_("address"), max_length=300, blank=True)
    break_glass = models.BooleanField(
        _("emergency access"),
        default=False,
        help_text=_("Access outside the care team with a stated reason (break the glass)."),
    )

    class Meta:
        db_table = "audit_accesslog"
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["municipality", "-at"], name="audit_tenant_time"),
            models.Index(fields=["municipality", "actor", "-at"], name="audit_tenant_actor_time"),
        ]

    @property
    def object_label(self) -> str:
        return str(OBJECT_LABELS.get(self.object_type, self.object_type))

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_email} {self.action} {self.object_type}"
