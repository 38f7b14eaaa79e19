"""Users log in with their e-mail address and hold roles per municipality."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sociaalhuis.accounts.roles import Role
from sociaalhuis.core.models import TenantModel, TranslatedNameModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who works with the platform. Citizens on the portal have no account."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))],
        default="nl",
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Kept for Django's tooling; the platform has no cross-municipality staff screens.
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Membership(models.Model):
    """One role of one user in one municipality.

    Not a tenant-scoped model on purpose: memberships are read to *establish* the
    tenant context of a request, before any municipality is active. Screens list
    them through ``accounts.queries``, which always filters on the active municipality.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    municipality = models.ForeignKey(
        "tenants.Municipality",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    # The only reference from accounts to the social map, by name: a partner worker
    # acts for one organisation.
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
        help_text=_("Required for partner workers: the organisation they work for."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["municipality__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(role=Role.PARTNER_WORKER, organisation__isnull=False)
                    | (~models.Q(role=Role.PARTNER_WORKER) & models.Q(organisation__isnull=True))
                ),
                name="membership_partner_has_organisation",
                violation_error_message=_(
                    "A partner worker must be linked to exactly one organisation."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.municipality}"


class Cell(TenantModel, TranslatedNameModel):
    """A specialised cell of the Sociaal Huis (financial aid, housing, childcare, ...).

    Questions, callbacks and (later) referrals can be handed to a cell as a whole;
    its members see them on their worklist until one of them takes them on.
    """

    code = models.SlugField(_("code"), max_length=60)
    life_domain = models.ForeignKey(
        "tenants.LifeDomain",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cells",
        verbose_name=_("life domain"),
    )
    members = models.ManyToManyField(
        User,
        through="CellMember",
        blank=True,
        related_name="cells",
        verbose_name=_("members"),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("cell")
        verbose_name_plural = _("cells")
        ordering = ["name_nl"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="cell_unique_code"),
        ]


class CellMember(TenantModel):
    """A user working in a cell (a tenant row, so row-level security covers it too)."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, verbose_name=_("cell"))
    user = models.ForeignKey(User, on_delete=models.CASCADE, verbose_name=_("user"))

    class Meta:
        verbose_name = _("cell member")
        verbose_name_plural = _("cell members")
        constraints = [
            models.UniqueConstraint(fields=["cell", "user"], name="cellmember_unique"),
        ]
