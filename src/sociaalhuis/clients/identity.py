"""Checking identity data: national register numbers, birth dates, name keys.

The national register number (rijksregisternummer) and the BIS number of people not
in the register are validated with python-stdnum. Only the eleven digits are stored;
the number never appears in a URL or a log line (look-ups go by POST or by person id).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.be import bis, nn

from sociaalhuis.core.text import fold


def national_number_clean(value: str) -> str:
    """The eleven digits of a valid national register or BIS number, or "" for none."""
    if not value or not value.strip():
        return ""
    compact = nn.compact(value)
    for scheme in (nn, bis):
        try:
            return str(scheme.validate(compact))
        except stdnum_errors.ValidationError:
            continue
    raise ValidationError(
        _(
            "This is not a valid national register number. Check the eleven digits "
            "(for example 85.07.30-033.28)."
        ),
        code="invalid_national_number",
    )


def birth_date_from_number(number: str) -> date | None:
    """The birth date encoded in a national register or BIS number, when it holds one."""
    if not number:
        return None
    for get_birth_date in (nn.get_birth_date, bis.get_birth_date):
        try:
            return get_birth_date(number)
        except (stdnum_errors.ValidationError, ValueError):
            continue
    return None


def birth_date_check(birth_date: date | None, national_number: str = "") -> None:
    if birth_date is None:
        return
    if birth_date > timezone.localdate():
        raise ValidationError(_("The birth date lies in the future."), code="birth_date_in_future")
    if birth_date.year < 1890:
        raise ValidationError(
            _("The birth date is too far in the past."), code="birth_date_too_old"
        )
    encoded = birth_date_from_number(national_number)
    if encoded is not None and encoded != birth_date:
        raise ValidationError(
            _("The birth date does not match the national register number (which gives %(date)s).")
            % {"date": encoded.strftime("%d/%m/%Y")},
            code="birth_date_mismatch",
        )


def search_name_for(given_name: str, family_name: str) -> str:
    """The key that look-ups match words against: family and given names, folded."""
    return fold(f"{family_name} {given_name}")[:210]
