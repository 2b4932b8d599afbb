"""Shared fixtures: a two-person household in a gebied with its generalist and an open plan."""

from __future__ import annotations

import pytest

from keukentafel.accounts.models import Rol
from keukentafel.testing.factories import HuishoudenFactory, MedewerkerFactory, OndersteuningsplanFactory


@pytest.fixture
def huishouden(db):
    return HuishoudenFactory(leden=2)


@pytest.fixture
def ouder(huishouden):
    return huishouden.leden.order_by("id").first().persoon


@pytest.fixture
def generalist(huishouden):
    return MedewerkerFactory(team__gebied=huishouden.gebied, rol=Rol.GENERALIST, first_name="Gea", last_name="Generalist")


@pytest.fixture
def buitenstaander(db):
    """A generalist of another gebied: no need-to-know for this household."""
    return MedewerkerFactory(rol=Rol.GENERALIST)


@pytest.fixture
def plan(huishouden, generalist):
    return OndersteuningsplanFactory(huishouden=huishouden, regisseur=generalist)
