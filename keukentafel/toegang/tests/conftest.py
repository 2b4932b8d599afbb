"""Shared fixtures for the access-flow tests: one gebied with its team, a generalist and a household."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from keukentafel.accounts.models import Rol
from keukentafel.testing.factories import GebiedFactory, HuishoudenFactory, MedewerkerFactory, TeamFactory


@pytest.fixture
def gebied(db):
    return GebiedFactory()


@pytest.fixture
def team(gebied):
    return TeamFactory(gebied=gebied)


@pytest.fixture
def generalist(team):
    return MedewerkerFactory(team=team, rol=Rol.GENERALIST)


@pytest.fixture
def collega(team):
    return MedewerkerFactory(team=team, rol=Rol.GENERALIST)


@pytest.fixture
def teamleider(team):
    return MedewerkerFactory(team=team, rol=Rol.TEAMLEIDER)


@pytest.fixture
def huishouden(gebied):
    return HuishoudenFactory(gebied=gebied)


@pytest.fixture
def buitenstaander(gebied):
    """A generalist of another gebied in the same gemeente: needs a reason to open our dossiers."""
    ander = GebiedFactory(gemeente=gebied.gemeente)
    return MedewerkerFactory(team=TeamFactory(gebied=ander), rol=Rol.GENERALIST)


def datum_tijd(delta: timedelta = timedelta(hours=-1)) -> str:
    """A datetime-local form value relative to now."""
    return (timezone.localtime() + delta).strftime("%Y-%m-%dT%H:%M")


def melding_formulier(**velden) -> dict:
    data = {
        "ontvangen_op": datum_tijd(),
        "kanaal": "telefoon",
        "melder_type": "inwoner",
        "vraag": "Mijn moeder kan niet meer alleen douchen en ik raak overbelast.",
        "urgentie": "normaal",
        "geslacht": "0",
    }
    data.update(velden)
    return {k: v for k, v in data.items() if v is not None}
