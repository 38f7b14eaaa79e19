"""Importing an HSDS JSON document or tabular datapackage into a municipality's map.

**All or nothing.** The whole file is read and checked first; every invalid value is
reported as (file, row, field, reason) and, if there is any, nothing is written.
**Idempotent.** Objects are matched by their identifier (organisations also by KBO
number, shared taxonomies and terms also by code); what is unchanged is not
touched, so importing the same file twice changes nothing the second time.

Services are written with ``content.apply_snapshot`` and published, and serve the
importing municipality (besides the municipalities they already served and those
the file names). Each created or changed service gets an approved
``ServiceRevision`` ("import") in its history. Shared taxonomies and terms are
added when missing, never changed: they belong to the whole region. Life domains
are the municipality's own reference data: the file only sets which rubrics each
of them covers, for the life domains the municipality has (matched by code).

Run inside the importing municipality's tenant context.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sociaalhuis.core import tenancy
from sociaalhuis.directory.hsds import tabular
from sociaalhuis.directory.hsds.plan import LISTS, Document, Progress
from sociaalhuis.directory.hsds.problems import FormatError, RowError
from sociaalhuis.directory.hsds.reader import Reader
from sociaalhuis.directory.hsds.serialise import DEFAULT_LANGUAGE
from sociaalhuis.directory.hsds.values import as_text
from sociaalhuis.directory.hsds.writer import Writer
from sociaalhuis.tenants.models import Municipality


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def succeeded(self) -> bool:
        return not self.errors


# --- Reading the file ------------------------------------------------------------


def read_document(data: bytes) -> tuple[Document, list[RowError]]:
    """The file as a document in the JSON shape, and the errors found while reading."""
    if not data.strip():
        raise FormatError(_("The file is empty."))
    if data[:2] == b"PK" or zipfile.is_zipfile(io.BytesIO(data)):
        tables = tabular.read_zip(data)
        return tabular.to_document(tables), tables.errors
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError(
            _("The file is not UTF-8 text. Export it again as UTF-8 and try again.")
        ) from error
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(
            _(
                "The file is neither an HSDS JSON document nor an HSDS datapackage (zip). "
                "Choose a file exported from a social map."
            )
        ) from error
    return _document_shape(parsed), []


def _document_shape(parsed: Any) -> Document:
    """Our export, a list of services, an API page, or one service."""
    if isinstance(parsed, list):
        return {"services": parsed}
    if isinstance(parsed, dict):
        if any(key in parsed for key in LISTS):
            return parsed
        if isinstance(parsed.get("contents"), list):
            return {"services": parsed["contents"]}
        if "id" in parsed and "name" in parsed:
            return {"services": [parsed]}
    raise FormatError(_("The file is JSON, but it holds no HSDS services or organisations."))


# --- The plan: everything checked, nothing written -------------------------------


def import_data(
    data: bytes,
    *,
    municipality: Municipality,
    actor_id: int | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Check ``data`` and, if all of it is valid, write it. Raises ``FormatError``."""
    if tenancy.current_municipality_id() != municipality.pk:
        raise tenancy.TenantContextError("Import inside the importing municipality's context.")
    document, errors = read_document(data)
    reader = Reader(municipality, as_text(document.get("language")) or DEFAULT_LANGUAGE)
    plan = reader.read(document)
    errors = errors + reader.checker.errors
    if errors:
        return ImportResult(errors=errors)
    if progress is not None:
        progress(0, plan.total)
    with transaction.atomic():
        summary = Writer(plan, municipality, actor_id, progress).write()
    return ImportResult(summary=summary)
