"""Which data a referral may share, and the snapshot the receiver reads.

The sender ticks fields from ``SHAREABLE``; nothing else ever reaches the receiver.
``snapshot()`` reads those fields once, when the referral is sent (and for the
preview before that), and the receiver's screens and the API show only the snapshot:
they never read the person, their identity or the dossier.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from sociaalhuis.clients.models import ContactRestriction, Identity, Person
from sociaalhuis.core.text import StrOrPromise
from sociaalhuis.dossiers.models import Dossier, HousingSituation
from sociaalhuis.frontdesk.models import HelpQuestion


@dataclass(frozen=True)
class ShareableField:
    code: str
    label: StrOrPromise
    help: StrOrPromise = ""
    sensitive: bool = False


SHAREABLE: tuple[ShareableField, ...] = (
    ShareableField("name", _("Name"), _("Given and family name.")),
    ShareableField("phone", _("Phone number")),
    ShareableField("email", _("E-mail address")),
    ShareableField("address", _("Address")),
    ShareableField("birth_date", _("Birth date")),
    ShareableField("language", _("Language"), _("Preferred language and interpreter need.")),
    ShareableField("contact_wishes", _("Contact wishes"), _("For example: do not call.")),
    ShareableField("question", _("The help question"), _("As registered at the desk.")),
    ShareableField(
        "housing", _("Housing situation"), _("The current situation (ETHOS)."), sensitive=True
    ),
    ShareableField(
        "national_number",
        _("National register number"),
        _("Only when the receiver needs it."),
        True,
    ),
)
SHAREABLE_CODES: frozenset[str] = frozenset(f.code for f in SHAREABLE)
LABELS: dict[str, StrOrPromise] = {f.code: f.label for f in SHAREABLE}
# Minimal by default: the receiver can address the person, nothing more.
DEFAULT_SHARED: tuple[str, ...] = ("name",)
# The order a snapshot is shown in.
ORDER: dict[str, int] = {f.code: i for i, f in enumerate(SHAREABLE)}


def ordered(codes: list[str] | tuple[str, ...] | frozenset[str]) -> list[str]:
    return sorted((c for c in codes if c in SHAREABLE_CODES), key=ORDER.__getitem__)


def _identity(person: Person) -> Identity | None:
    return Identity.objects.filter(person=person).first()


def _address(identity: Identity) -> str:
    if identity.no_fixed_address:
        return str(_("No fixed address"))
    street = " ".join(p for p in (identity.street, identity.house_number) if p)
    if identity.box:
        street = f"{street} {_('box')} {identity.box}"
    town = " ".join(p for p in (identity.postcode, identity.city) if p)
    return ", ".join(p for p in (street, town) if p)


# Fields read from the person's identity row (left out when there is none).
_IDENTITY_CODES = frozenset({"name", "phone", "email", "address", "birth_date", "national_number"})


def snapshot(
    codes: list[str] | tuple[str, ...],
    *,
    person: Person,
    question: HelpQuestion | None = None,
    dossier: Dossier | None = None,
) -> dict[str, str]:
    """The values of the chosen fields, as plain text (empty values are left out)."""
    identity = _identity(person)
    values: dict[str, str] = {}
    for code in ordered(list(codes)):
        if code in _IDENTITY_CODES:
            value = _identity_value(code, identity) if identity is not None else ""
        elif code == "language":
            value = _language(person)
        elif code == "contact_wishes":
            value = _contact_wishes(person)
        elif code == "question":
            value = question.description if question is not None else ""
        elif code == "housing":
            value = _housing(dossier) if dossier is not None else ""
        else:
            value = ""
        if value:
            values[code] = str(value)
    return values


def _identity_value(code: str, identity: Identity) -> str:
    """A field kept on the person's identity (name, contact details, birth, number)."""
    if code == "name":
        return f"{identity.given_name} {identity.family_name}".strip()
    if code == "address":
        return _address(identity)
    if code == "birth_date":
        return identity.birth_date.strftime("%d/%m/%Y") if identity.birth_date else ""
    if code == "phone":
        return identity.phone
    if code == "email":
        return identity.email
    return identity.national_number


def _language(person: Person) -> str:
    value = str(person.get_preferred_language_display())
    if person.other_language:
        value = f"{value} ({person.other_language})"
    if person.interpreter_needed:
        value = f"{value}, {_('interpreter needed')}"
    return value


def _contact_wishes(person: Person) -> str:
    wishes = ContactRestriction.objects.filter(person=person, lifted_at__isnull=True).order_by(
        "created_at"
    )
    return "; ".join(f"{w.get_channel_display()}{': ' + w.note if w.note else ''}" for w in wishes)


def _housing(dossier: Dossier) -> str:
    current = HousingSituation.objects.filter(dossier=dossier).order_by("-since").first()
    if current is None:
        return ""
    value = str(current.get_category_display())
    if current.description:
        value = f"{value}: {current.description}"
    return f"{value} ({_('since')} {current.since:%d/%m/%Y})"
