"""Personal numbers are masked the way township staff expect."""

import pytest

from luoshi.core.masking import mask_id_card, mask_phone


@pytest.mark.parametrize("raw, shown", [
    ("370830199001011234", "370830********1234"),
    ("37083019900101123X", "370830********123X"),
    ("", ""),
    (None, ""),
])
def test_id_card_keeps_region_and_last_four(raw, shown):
    assert mask_id_card(raw) == shown


@pytest.mark.parametrize("raw, shown", [
    ("13812345678", "138****5678"),
    ("138 1234 5678", "138****5678"),
    ("0537-7212345", "********2345"),
    ("", ""),
])
def test_phone_keeps_prefix_and_last_four(raw, shown):
    assert mask_phone(raw) == shown
