"""Reading single values of an import, each with a plain-language complaint."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.directory.hsds.problems import RowError, Where

T = TypeVar("T")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:Z|[+-]\d{2}:?\d{2})?$")


class InvalidValueError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def as_uuid(value: Any) -> str:
    try:
        return str(uuid.UUID(str(value).strip()))
    except ValueError as error:
        raise InvalidValueError(_("This is not a valid identifier (a UUID).")) from error


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InvalidValueError(_("This must be text."))
    return str(value)


def as_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError as error:
        raise InvalidValueError(_("Use a date like 2026-01-31.")) from error


def as_time(value: Any) -> time | None:
    """HH:MM or HH:MM:SS; a UTC offset is accepted and ignored (hours are local)."""
    if value in (None, ""):
        return None
    match = _TIME.match(str(value).strip())
    try:
        if match is None:
            raise ValueError(value)
        hour, minute, second = (int(part or 0) for part in match.groups())
        return time(hour, minute, second)
    except ValueError as error:
        raise InvalidValueError(_("Use a time like 09:30.")) from error


def as_moment(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        parsed = datetime.fromisoformat(str(value).strip())
    except ValueError as error:
        raise InvalidValueError(_("Use a date and time like 2026-01-31T09:30:00+01:00.")) from error
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def as_whole_number(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise InvalidValueError(_("This must be a whole number."))
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise InvalidValueError(_("This must be a whole number.")) from error
    if not number.is_integer() or number < 0:
        raise InvalidValueError(_("This must be a whole number."))
    return int(number)


def as_number(value: Any) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError) as error:
        raise InvalidValueError(_("This must be a number.")) from error


def as_flag(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise InvalidValueError(_("This must be true or false."))


class Checker:
    """Collects every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[RowError] = []

    def add(self, where: Where, field: str, reason: str) -> None:
        self.errors.append(where.error(field, reason))

    def read(self, where: Where, field: str, parse: Callable[[Any], T], raw: Any) -> T | None:
        try:
            return parse(raw)
        except InvalidValueError as error:
            self.add(where, field, error.message)
            return None

    def model(
        self,
        where: Where,
        error: ValidationError,
        fields: dict[str, str],
        wheres: dict[str, Where] | None = None,
    ) -> None:
        """Errors of ``full_clean()``, named by the import's field names (and rows,
        when a value came from another CSV file than its object)."""
        for name, messages in error.message_dict.items():
            field = "" if name == NON_FIELD_ERRORS else fields.get(name, name)
            for message in messages:
                self.add((wheres or {}).get(name, where), field, message)

    def required(self, where: Where, field: str, value: str) -> None:
        if not value.strip():
            self.add(where, field, _("This field is required."))
