"""Properties of national register and BIS numbers, generated from the published rule.

A number is the birth date (YYMMDD; a BIS number adds 20 to the month when the
gender was unknown, 40 when it was known), a serial number from 001 to 998 and two
check digits: 97 minus the first nine digits modulo 97, with a 2 in front of them for
a birth in 2000 or later. The numbers here are made with that rule, not with the
library the code uses.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from sociaalhuis.clients.identity import (
    birth_date_check,
    birth_date_from_number,
    national_number_clean,
)
from sociaalhuis.clients.models import Identity

# Added to the month: a national register number, a BIS number with the gender unknown
# and one with the gender known.
MONTH_OFFSETS = {"national register": 0, "BIS, gender unknown": 20, "BIS, gender known": 40}


def check_digits(first_nine: str, born_in_2000_or_later: bool) -> str:
    base = int(("2" if born_in_2000_or_later else "") + first_nine)
    return f"{97 - base % 97:02d}"


def _valid_as(digits: str, *, born_in_2000_or_later: bool) -> bool:
    return check_digits(digits[:9], born_in_2000_or_later) == digits[9:]


@st.composite
def numbers(draw: st.DrawFn) -> tuple[date, str]:
    """A birth date (before and after 2000) and a valid number for it."""
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=timezone.localdate()))
    offset = draw(st.sampled_from(sorted(MONTH_OFFSETS.values())))
    serial = draw(st.integers(1, 998))
    first_nine = f"{born:%y}{born.month + offset:02d}{born:%d}{serial:03d}"
    return born, first_nine + check_digits(first_nine, born.year >= 2000)


def _written(digits: str) -> str:
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:11]}"


@settings(max_examples=300, deadline=None)
@given(numbers(), st.sampled_from(["{}", " {} ", "{dotted}", " {dotted} ", "{spaced}"]))
def test_every_valid_number_is_accepted_however_it_is_written(
    number: tuple[date, str], layout: str
) -> None:
    born, digits = number
    spaced = " ".join([digits[:6], digits[6:9], digits[9:]])
    typed = layout.format(digits, dotted=_written(digits), spaced=spaced)
    assert national_number_clean(typed) == digits
    assert birth_date_from_number(digits) == born
    birth_date_check(born, digits)  # the birth date it encodes is its own


@settings(max_examples=300, deadline=None)
@given(numbers())
def test_a_number_round_trips_through_formatting_and_masking(number: tuple[date, str]) -> None:
    _born, digits = number
    identity = Identity(national_number=digits)
    assert identity.formatted_national_number == _written(digits)
    assert national_number_clean(identity.formatted_national_number) == digits
    # Lists show the birth-date part only.
    assert identity.masked_national_number == f"{_written(digits)[:9]}***.**"
    assert digits[6:] not in identity.masked_national_number.replace(".", "")


@settings(max_examples=300, deadline=None)
@given(numbers(), st.integers(0, 10), st.integers(1, 9))
def test_a_single_changed_digit_is_refused(
    number: tuple[date, str], position: int, change: int
) -> None:
    born, digits = number
    changed_digit = str((int(digits[position]) + change) % 10)
    changed = digits[:position] + changed_digit + digits[position + 1 :]
    century_2000 = born.year >= 2000
    # The check digits catch every single change within the same century ...
    assert not _valid_as(changed, born_in_2000_or_later=century_2000)
    if _valid_as(changed, born_in_2000_or_later=not century_2000) and (
        century_2000 or int(changed[:2]) + 2000 <= timezone.localdate().year
    ):
        # ... so a changed number passes only when it happens to be valid for someone
        # born a century apart (never later than this year), as the rule allows.
        return
    with pytest.raises(ValidationError) as refused:
        national_number_clean(changed)
    assert refused.value.code == "invalid_national_number"


@pytest.mark.parametrize("typed", ["", "   "])
def test_no_number_is_no_number(typed: str) -> None:
    assert national_number_clean(typed) == ""
