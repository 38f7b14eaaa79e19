"""Reading an HSDS document's taxonomies and terms (and the life domains they carry).

A taxonomy or term already on the map (same identifier, or same code) is reused, so
the file's identifiers are mapped to the map's; a taxonomy marked as the life
domains is not stored but read into the life domains' rubrics.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.text import slugify
from django.utils.translation import gettext as _

from sociaalhuis.directory.hsds.plan import Document, Item, Planned
from sociaalhuis.directory.hsds.problems import Where, where_of
from sociaalhuis.directory.hsds.serialise import EXTENSION
from sociaalhuis.directory.hsds.values import as_text, as_uuid, as_whole_number
from sociaalhuis.directory.models import Taxonomy, TaxonomyTerm
from sociaalhuis.directory.models.services import TEXT_LANGUAGES
from sociaalhuis.tenants.models import LifeDomain

if TYPE_CHECKING:
    from sociaalhuis.directory.hsds.reader import Reader


def read_taxonomies(reader: Reader, document: Document) -> None:
    for item, where in reader.items(document, "taxonomies"):
        identifier = reader.identifier(item, where)
        extension = item.get(EXTENSION) or {}
        if identifier is None:
            continue
        if extension.get("life_domains_of"):
            reader.life_domain_taxonomies.add(identifier)
            continue
        read_taxonomy(reader, item, where, identifier, extension)


def read_taxonomy(
    reader: Reader, item: Item, where: Where, identifier: str, extension: Item
) -> None:
    name = reader.text(item, where, "name")
    reader.checker.required(where, "name", name)
    code = as_text(extension.get("code")) or slugify(name)[:80] or identifier[:8]
    existing = (
        Taxonomy.objects.filter(uuid=identifier).first()
        or Taxonomy.objects.filter(code=code).first()
    )
    reader.taxonomy_ids[identifier] = str(existing.uuid) if existing else identifier
    if existing is not None:
        reader.plan.taxonomies.append(Planned(where, existing, existing))
        return
    taxonomy = Taxonomy(
        uuid=identifier,
        code=code,
        name=name,
        description=reader.text(item, where, "description"),
        uri=reader.text(item, where, "uri"),
        version=reader.text(item, where, "version"),
    )
    reader.clean(taxonomy, where, {"code": f"{EXTENSION}.code"}, ["uuid"])
    reader.plan.taxonomies.append(Planned(where, taxonomy))


def read_terms(reader: Reader, document: Document) -> None:
    terms = reader.items(document, "taxonomy_terms") + nested_terms(reader, document)
    seen: set[str] = set()
    for item, where in terms:
        identifier = reader.identifier(item, where)
        if identifier is None or identifier in seen:
            continue
        seen.add(identifier)
        taxonomy_id = reader.identifier(item, where, "taxonomy_id")
        if taxonomy_id in reader.life_domain_taxonomies:
            reader.life_domain_terms.add(identifier)
        elif taxonomy_id is not None:
            read_term(reader, item, where, identifier, taxonomy_id)
    for item, where in terms:
        read_term_links(reader, item, where)


def nested_terms(reader: Reader, document: Document) -> list[tuple[Item, Where]]:
    """Terms only given inside a service's attributes (documents from elsewhere)."""
    nested = []
    for service, where in reader.items(document, "services"):
        attributes = service.get("attributes")
        for index, attribute in enumerate(attributes if isinstance(attributes, list) else []):
            term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
            if isinstance(term, dict) and "taxonomy_id" in term:
                place = where_of(attribute, where.inside("attributes", index))
                nested.append((term, Where(place.file, place.row, f"{place.prefix}taxonomy_term.")))
    return nested


def taxonomy_uuid(reader: Reader, identifier: str, where: Where) -> str | None:
    if identifier in reader.taxonomy_ids:
        return reader.taxonomy_ids[identifier]
    if Taxonomy.objects.filter(uuid=identifier).exists():
        reader.taxonomy_ids[identifier] = identifier
        return identifier
    reader.error(
        where,
        "taxonomy_id",
        _("No taxonomy with this identifier is in the file or on the map."),
    )
    return None


def read_term(reader: Reader, item: Item, where: Where, identifier: str, taxonomy_id: str) -> None:
    taxonomy_on_map = taxonomy_uuid(reader, taxonomy_id, where)
    extension = item.get(EXTENSION) or {}
    names = term_names(reader, item, where, extension)
    code = reader.text(item, where, "code") or slugify(names.get("nl", ""))[:80]
    existing = TaxonomyTerm.objects.filter(uuid=identifier).first() or (
        TaxonomyTerm.objects.filter(taxonomy__uuid=taxonomy_on_map, code=code).first()
        if taxonomy_on_map
        else None
    )
    reader.term_ids[identifier] = str(existing.uuid) if existing else identifier
    if existing is not None:
        reader.plan.terms.append(Planned(where, existing, existing))
        return
    term = TaxonomyTerm(
        uuid=identifier,
        code=code,
        description=reader.text(item, where, "description"),
        position=reader.checker.read(
            where, f"{EXTENSION}.position", as_whole_number, extension.get("position")
        )
        or 0,
        **{f"name_{language}": name for language, name in names.items()},
    )
    # Carried to the writer on the unsaved instance (the plan keeps the instance).
    term.taxonomy_uuid = taxonomy_on_map  # type: ignore[attr-defined]
    reader.clean(term, where, {"name_nl": "name"}, ["uuid", "taxonomy", "parent"])
    reader.plan.terms.append(Planned(where, term))


def term_names(reader: Reader, item: Item, where: Where, extension: Item) -> dict[str, str]:
    given = extension.get("names")
    if isinstance(given, dict):
        names = {code: as_text(given.get(code)) for code in TEXT_LANGUAGES if given.get(code)}
    else:
        language = as_text(item.get("language")) or reader.language
        names = {language[:2]: reader.text(item, where, "name")}
    names.setdefault("nl", reader.text(item, where, "name"))
    reader.checker.required(where, "name", names["nl"])
    return names


def read_term_links(reader: Reader, item: Item, where: Where) -> None:
    identifier = item.get("id")
    if identifier in reader.life_domain_terms:
        read_life_domain(reader, item, where)
        return
    parent = item.get("parent_id")
    if identifier in reader.term_ids and parent:
        parent_id = reader.checker.read(where, "parent_id", as_uuid, parent)
        resolved = term_uuid(reader, parent_id, where, "parent_id") if parent_id else None
        if resolved:
            reader.plan.term_parents[reader.term_ids[identifier]] = resolved


def term_uuid(reader: Reader, identifier: str, where: Where, field_name: str) -> str | None:
    if identifier in reader.term_ids:
        return reader.term_ids[identifier]
    if TaxonomyTerm.objects.filter(uuid=identifier).exists():
        return identifier
    reader.error(
        where,
        field_name,
        _("No taxonomy term with this identifier is in the file or on the map."),
    )
    return None


def read_life_domain(reader: Reader, item: Item, where: Where) -> None:
    code = as_text(item.get("code"))
    domain = LifeDomain.objects.filter(code=code).first()
    if domain is None:
        reader.plan.ignored.setdefault("life_domains", []).append(code)
        return
    rubrics = (item.get(EXTENSION) or {}).get("rubric_ids") or []
    resolved = []
    for index, rubric in enumerate(rubrics if isinstance(rubrics, list) else []):
        field_name = f"{EXTENSION}.rubric_ids[{index}]"
        rubric_id = reader.checker.read(where, field_name, as_uuid, rubric)
        term = term_uuid(reader, rubric_id, where, field_name) if rubric_id else None
        if term:
            resolved.append(term)
    reader.plan.life_domains[domain.pk] = sorted(set(resolved))
