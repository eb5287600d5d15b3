"""`core.markup.number_text` prints what the template's floatformat prints, value for value."""

import random
from decimal import Decimal

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation

from luoshi.core.markup import number_text

_EDGES = ["0", "-0", "0.00", "1", "-1", "34.000", "34.23234", "34.26000", "0.005", "0.015", "-0.005", "-0.004",
          "2.675", "1.995", "-1.995", "99999999.999", "12345678901234.5678", "0.0001", "7.10", "1E+3", "1.5E-7",
          "123456789012345678901234567890.129"]


def _values():
    rng = random.Random(21)
    values = [Decimal(text) for text in _EDGES] + [0, 7, -3, 2.5, 0.125, 1e-9, 1234.5678]
    for _n in range(3000):
        digits = rng.randint(0, 12)
        scale = rng.randint(0, 6)
        values.append(Decimal(rng.randint(-(10 ** digits), 10 ** digits)).scaleb(-scale))
    return values


@pytest.mark.parametrize("places", [0, 1, 2, 3])
def test_number_text_is_floatformat_with_trailing_places_dropped(places):
    with translation.override("zh-hans"):
        for value in _values():
            assert number_text(value, places) == floatformat(value, f"-{places}"), value


def test_non_finite_values_print_as_written():
    for value in (Decimal("NaN"), Decimal("Infinity"), float("inf")):
        assert number_text(value) == floatformat(value, "-2")
