"""Validation of BRP-style identity and address data, with Dutch messages."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from stdnum.nl import bsn, postcode


def validate_bsn(value: str) -> None:
    if not value or not value.isdigit() or len(value) != 9:
        raise ValidationError("Een BSN bestaat uit precies 9 cijfers.", code="bsn_formaat")
    if not bsn.is_valid(value):
        raise ValidationError("Dit is geen geldig BSN: de elfproef klopt niet.", code="bsn_elfproef")


def normalize_postcode(value: str) -> str:
    """'1234 ab' → '1234AB'."""
    return re.sub(r"\s+", "", value or "").upper()


def validate_postcode(value: str) -> None:
    if not postcode.is_valid(normalize_postcode(value)):
        raise ValidationError("Vul een geldige postcode in, bijvoorbeeld 2181 AB.", code="postcode")
