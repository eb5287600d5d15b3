"""Personal data (PIPL): ID-card and phone numbers are masked unless the role may see them."""

import re

from luoshi.core.permissions import Policy
from luoshi.core.roles import RoleCode

# Revealing one full number is an audited action; only these roles may do it. An export with the full
# numbers (an explicit option, audited with its row count) is the office's alone. A ledger may declare
# its own policy with the same two actions (`Ledger.personal_policy`).
PERSONAL_DATA = Policy.of(reveal={RoleCode.OFFICE, RoleCode.LEADER, RoleCode.DISCIPLINE},
                          export_unmasked={RoleCode.OFFICE})

_DIGITS = re.compile(r"\s+")


def mask_id_card(value: str | None) -> str:
    """370830********1234: keep the region (6) and the last four, hide the birth date."""
    if not value:
        return ""
    text = _DIGITS.sub("", str(value))
    if len(text) <= 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def mask_phone(value: str | None) -> str:
    """138****5678 for a mobile; landlines keep their last four."""
    if not value:
        return ""
    text = _DIGITS.sub("", str(value))
    if len(text) == 11 and text.isdigit():
        return text[:3] + "****" + text[-4:]
    if len(text) <= 4:
        return "*" * len(text)
    return "*" * (len(text) - 4) + text[-4:]


MASKERS = {"id_card": mask_id_card, "phone": mask_phone}


def masked(kind: str, value: str | None) -> str:
    return MASKERS[kind](value)


# A query that is a whole number of one kind: found by exact match, never by a part of it.
FULL = {"id_card": re.compile(r"\d{17}[\dXx]"), "phone": re.compile(r"1\d{10}")}


def full_number(query: str | None) -> tuple[str, str] | None:
    """(kind, number) when `query` is a whole ID-card (18 characters) or mobile number, else None.
    An ID number's check letter is stored upper case."""
    text = _DIGITS.sub("", str(query or ""))
    for kind, pattern in FULL.items():
        if pattern.fullmatch(text):
            return kind, text.upper()
    return None
