from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.be import vat
from stdnum.exceptions import ValidationError as StdnumError


def normalise_kbo_number(value: str) -> str:
    """Return the KBO (enterprise) number as ten digits, or raise ValidationError."""
    try:
        return vat.validate(value)
    except StdnumError as error:
        raise ValidationError(
            _("%(value)s is not a valid KBO number (ten digits, e.g. 0123.456.749)."),
            params={"value": value},
            code="invalid_kbo",
        ) from error


def validate_kbo_number(value: str) -> None:
    normalise_kbo_number(value)
