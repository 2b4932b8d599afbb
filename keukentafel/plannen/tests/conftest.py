"""Shared fixtures for the plannen tests: a household with two members and a network, its generalist."""

from __future__ import annotations

from datetime import date

import pytest

from keukentafel.accounts.models import Rol
from keukentafel.beleid.models import Leefgebied
from keukentafel.inwoners.models import NetwerkRol
from keukentafel.testing.factories import HuishoudenFactory, MedewerkerFactory, MeldingFactory, NetwerklidFactory, OndersteuningsplanFactory
from keukentafel.toegang.models import Onderzoek


@pytest.fixture
def huishouden(db):
    return HuishoudenFactory(leden=2)


@pytest.fixture
def generalist(huishouden):
    return MedewerkerFactory(team__gebied=huishouden.gebied, rol=Rol.GENERALIST, first_name="Gea", last_name="Generalist")


@pytest.fixture
def collega(huishouden, generalist):
    return MedewerkerFactory(team=generalist.team, rol=Rol.GENERALIST, first_name="Cor", last_name="Collega")


@pytest.fixture
def buitenstaander(db):
    """A generalist of another gebied: no need-to-know for this household."""
    return MedewerkerFactory(rol=Rol.GENERALIST)


@pytest.fixture
def mantelzorger(huishouden):
    return NetwerklidFactory(huishouden=huishouden, naam="Dochter Anja", rol=NetwerkRol.MANTELZORGER, relatie="dochter", overbelast=True)


@pytest.fixture
def curator(huishouden):
    return NetwerklidFactory(huishouden=huishouden, naam="Curator Bakker", rol=NetwerkRol.CURATOR)


@pytest.fixture
def plan(huishouden, generalist):
    return OndersteuningsplanFactory(huishouden=huishouden, regisseur=generalist)


@pytest.fixture
def leefgebied(db):
    return Leefgebied.objects.get(code="financien")


@pytest.fixture
def leefgebied2(db):
    return Leefgebied.objects.get(code="sociaal-netwerk")


@pytest.fixture
def onderzoek(huishouden, generalist):
    melding = MeldingFactory(huishouden=huishouden)
    return Onderzoek.objects.create(
        melding=melding,
        huishouden=huishouden,
        behandelaar=generalist,
        startdatum=date(2026, 1, 5),
        termijn_dagen=42,
        termijn_bron="Wmo 2015 art. 2.3.2",
    )
