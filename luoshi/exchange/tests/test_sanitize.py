"""Exported text never runs as a formula in Excel or WPS."""

import pytest

from luoshi.exchange.sanitize import escape_formula


@pytest.mark.parametrize("text", ["=1+1", "+86 138", "-5", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("x")'])
def test_text_excel_would_evaluate_is_prefixed_with_a_quote(text):
    assert escape_formula(text) == "'" + text


@pytest.mark.parametrize("value", ["经济发展办", "2024年6月底", "", " =1", "'=1", "a=b"])
def test_ordinary_text_is_left_alone(value):
    assert escape_formula(value) == value


@pytest.mark.parametrize("value", [-5, 3.5, None, True])
def test_values_that_are_not_text_keep_their_type(value):
    assert escape_formula(value) is value
