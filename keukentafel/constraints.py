"""Database constraints several apps share."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


def periode(begin: str, eind: str, name: str) -> models.CheckConstraint:
    """The end of a period (empty = open) is not before its start."""
    return models.CheckConstraint(
        condition=Q(**{f"{eind}__isnull": True}) | Q(**{f"{eind}__gte": models.F(begin)}),
        name=name,
        violation_error_message="De einddatum ligt vóór de begindatum.",
    )
