"""Reading an HSDS document's organisations, listed or nested in a service.

An organisation is matched by identifier or KBO number; one that only other
municipalities serve cannot be changed from this municipality's file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sociaalhuis.directory.hsds import serialise
from sociaalhuis.directory.hsds.plan import ORGANISATION_FIELDS, Document, Item, Planned
from sociaalhuis.directory.hsds.problems import Where, where_of
from sociaalhuis.directory.hsds.serialise import EXTENSION
from sociaalhuis.directory.hsds.values import as_flag, as_text
from sociaalhuis.directory.models import Organisation
from sociaalhuis.directory.validators import normalise_kbo_number
from sociaalhuis.tenants.models import Municipality

if TYPE_CHECKING:
    from sociaalhuis.directory.hsds.reader import Reader


def read_organisations(reader: Reader, document: Document) -> None:
    nested = [
        (service["organization"], Where(where.file, where.row, "organization."))
        for service, where in reader.items(document, "services")
        if isinstance(service.get("organization"), dict)
    ]
    names: dict[str, str] = {}
    for item, where in reader.items(document, "organizations") + nested:
        identifier = reader.identifier(item, where)
        if identifier is None or identifier in reader.organisation_ids:
            continue
        planned = read_organisation(reader, item, where, identifier)
        if planned is None:
            continue
        other = names.setdefault(planned.instance.name, identifier)
        if other != identifier:
            reader.error(where, "name", _("Another organisation in the file has this name."))


def kbo_number(reader: Reader, item: Item, where: Where) -> str:
    identifiers = item.get("organization_identifiers") or []
    for index, entry in enumerate(identifiers if isinstance(identifiers, list) else []):
        if not isinstance(entry, dict):
            continue
        scheme = as_text(entry.get("identifier_scheme"))
        kind = as_text(entry.get("identifier_type")).upper()
        if scheme == serialise.KBO_SCHEME or "KBO" in kind:
            place = where_of(entry, where.inside("organization_identifiers", index))
            try:
                return normalise_kbo_number(as_text(entry.get("identifier")))
            except ValidationError as error:
                reader.error(place, "identifier", " ".join(error.messages))
    return ""


def first_phone(reader: Reader, item: Item) -> str:
    phones = item.get("phones") or []
    first = phones[0] if isinstance(phones, list) and phones else {}
    return as_text(first.get("number")) if isinstance(first, dict) else ""


def read_organisation(reader: Reader, item: Item, where: Where, identifier: str) -> Planned | None:
    kbo = kbo_number(reader, item, where)
    existing = Organisation.objects.filter(uuid=identifier).first() or (
        Organisation.objects.filter(kbo_number=kbo).first() if kbo else None
    )
    if existing is not None and not may_change(reader, existing):
        reader.error(where, "id", kept_elsewhere(reader))
        return None
    reader.organisation_ids[identifier] = str(existing.uuid) if existing else identifier
    extension = item.get(EXTENSION) or {}
    organisation = Organisation(
        pk=existing.pk if existing else None,
        uuid=existing.uuid if existing else identifier,
        name=reader.text(item, where, "name"),
        alternate_name=reader.text(item, where, "alternate_name"),
        description=reader.text(item, where, "description"),
        kbo_number=kbo,
        website=reader.text(item, where, "website"),
        email=reader.text(item, where, "email"),
        phone=first_phone(reader, item),
        active=reader.checker.read(
            where, f"{EXTENSION}.active", as_flag, extension.get("active", True)
        )
        is not False,
    )
    reader.clean(organisation, where, ORGANISATION_FIELDS, ["municipalities"])
    reader.plan.organisation_municipalities[str(organisation.uuid)] = served(
        reader, extension.get("municipalities")
    )
    planned = Planned(where, organisation, existing)
    reader.plan.organisations.append(planned)
    return planned


def may_change(reader: Reader, organisation: Organisation) -> bool:
    """As ``rules.can_edit_organisation`` for an administrator: organisations that
    serve this municipality, or none yet."""
    served = set(organisation.municipalities.values_list("pk", flat=True))
    return not served or reader.municipality.pk in served


def kept_elsewhere(reader: Reader) -> str:
    return _(
        "This organisation is on the map of other municipalities only. Ask one of them "
        "to add %(municipality)s to it before importing changes to it."
    ) % {"municipality": reader.municipality.name}


def served(reader: Reader, nis_codes: Any) -> set[int]:
    codes = [as_text(code) for code in nis_codes] if isinstance(nis_codes, list) else []
    known = set(Municipality.objects.filter(nis_code__in=codes).values_list("pk", flat=True))
    return known | {reader.municipality.pk}


def organisation_uuid(
    reader: Reader, identifier: str | None, where: Where, field_name: str
) -> str | None:
    if identifier is None:
        return None
    if identifier in reader.organisation_ids:
        return reader.organisation_ids[identifier]
    existing = Organisation.objects.filter(uuid=identifier).first()
    if existing is None:
        reader.error(
            where,
            field_name,
            _("No organisation with this identifier is in the file or on the map."),
        )
        return None
    if not may_change(reader, existing):
        reader.error(where, field_name, kept_elsewhere(reader))
    return identifier
