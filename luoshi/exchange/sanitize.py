"""Keeping exported text from being run as a formula (CSV/formula injection).

A ledger cell typed by a village user ends up in an export a leader opens in Excel or
WPS; text such as ``=HYPERLINK(...)`` or ``@SUM(...)`` would be evaluated there. Every
string an export writes goes through ``escape_formula`` first.
"""

__all__ = ["TRIGGERS", "escape_formula"]

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")  # what a formula may start with


def escape_formula(value: object) -> object:
    """Prefix a string that Excel would treat as a formula with "'"; other values pass.

    The quote makes Excel store the cell as text; numbers are not strings and keep their
    type, so only text like "-5" typed into a text field is quoted.
    """
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value
