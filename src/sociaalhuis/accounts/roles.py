"""The roles a user can hold in a municipality (per membership)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sociaalhuis.core.text import StrOrPromise


class Role(models.TextChoices):
    RECEPTION = "reception", _("Reception worker")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    CELL_SPECIALIST = "cell_specialist", _("Cell specialist")
    PARTNER_WORKER = "partner_worker", _("Partner worker")
    NEIGHBOURHOOD_WORKER = "neighbourhood_worker", _("Neighbourhood worker")
    POLICY_COORDINATOR = "policy_coordinator", _("Policy coordinator")
    MUNICIPALITY_ADMIN = "municipality_admin", _("Municipality administrator")
    DPO = "dpo", _("Data protection officer")


ROLE_DESCRIPTIONS: dict[str, StrOrPromise] = {
    Role.RECEPTION: _(
        "Registers every contact and question at the desk, answers or refers at once."
    ),
    Role.SOCIAL_WORKER: _("Manages help dossiers, step plans, care teams and referrals."),
    Role.CELL_SPECIALIST: _("Works the questions and referrals sent to a specialised cell."),
    Role.PARTNER_WORKER: _("Receives referrals for a partner organisation and gives feedback."),
    Role.NEIGHBOURHOOD_WORKER: _("Logs home visits, activities and signals in the neighbourhoods."),
    Role.POLICY_COORDINATOR: _("Follows the policy plan, covenants and networks through figures."),
    Role.MUNICIPALITY_ADMIN: _("Manages users, roles and reference lists of the municipality."),
    Role.DPO: _("Checks who read or changed which personal data, when and why."),
}

# Every role except the policy coordinator (who sees counts, never people) can reach
# personal data, so these must confirm a second factor (TOTP) after the password.
ROLES_REQUIRING_SECOND_FACTOR: frozenset[str] = frozenset(Role.values) - {Role.POLICY_COORDINATOR}
