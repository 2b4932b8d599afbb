"""Shared set-up for the hulp and vrijwilligers tests (imported by the test modules; no conftest.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from django.core.cache import cache

from keukentafel.accounts.models import Gebied, Gemeente, Medewerker, Rol, Team
from keukentafel.portaal import misbruik
from keukentafel.testing.factories import GebiedFactory, GemeenteFactory, MedewerkerFactory, PostcodegebiedFactory, TeamFactory


@pytest.fixture(autouse=True)
def _lege_limiet():
    """Every test starts with empty rate-limit counters (LocMemCache lives per process)."""
    cache.clear()
    yield
    cache.clear()


def oud_token(seconden: float = 60) -> str:
    """A start-time token as if the form was served `seconden` ago (a human-speed submission)."""
    return misbruik.nieuw_token(time.time() - seconden)


@dataclass
class Regio:
    gemeente: Gemeente
    andere_gemeente: Gemeente
    gebied: Gebied
    ander_gebied: Gebied
    team: Team
    ander_team: Team
    generalist: Medewerker
    collega_ander_team: Medewerker
    teamleider: Medewerker


def bouw_regio() -> Regio:
    gemeente = GemeenteFactory(naam="Nijmegen")
    andere = GemeenteFactory(naam="Wijchen", regio=gemeente.regio)
    gebied = GebiedFactory(gemeente=gemeente, naam="Dukenburg")
    ander_gebied = GebiedFactory(gemeente=gemeente, naam="Lindenholt")
    PostcodegebiedFactory(pc4="6535", gebied=gebied)
    PostcodegebiedFactory(pc4="6545", gebied=ander_gebied)
    wijchen_gebied = GebiedFactory(gemeente=andere, naam="Wijchen-Centrum")
    PostcodegebiedFactory(pc4="6602", gebied=wijchen_gebied)
    TeamFactory(gebied=wijchen_gebied, naam="Team Wijchen")
    team = TeamFactory(gebied=gebied, naam="Team Dukenburg")
    ander_team = TeamFactory(gebied=ander_gebied, naam="Team Lindenholt")
    return Regio(
        gemeente=gemeente,
        andere_gemeente=andere,
        gebied=gebied,
        ander_gebied=ander_gebied,
        team=team,
        ander_team=ander_team,
        generalist=MedewerkerFactory(username="generalist", team=team, rol=Rol.GENERALIST),
        collega_ander_team=MedewerkerFactory(username="collega", team=ander_team, rol=Rol.GENERALIST),
        teamleider=MedewerkerFactory(username="teamleider", team=team, rol=Rol.TEAMLEIDER),
    )


@pytest.fixture(name="regio")
def fixture_regio(db) -> Regio:
    return bouw_regio()


def hulpdata(regio: Regio, **overrides) -> dict:
    data = {
        "gemeente": str(regio.gemeente.pk),
        "postcode": "6535 AB",
        "naam": "Fatima de Vries",
        "contactvoorkeur": "telefoon",
        "telefoon": "06 12345678",
        "email": "",
        "adres": "",
        "beste_tijd": "ochtend",
        "leefgebied": "",
        "vraag": "Ik red het niet meer met de zorg voor mijn moeder.",
        "toestemming": "on",
        misbruik.HONEYPOT: "",
        misbruik.TIJDVELD: oud_token(),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def anoniemdata(regio: Regio, **overrides) -> dict:
    data = {
        "gemeente": str(regio.gemeente.pk),
        "gebied": "",
        "leefgebied": "",
        "vraag": "In mijn straat woont een oudere man die al weken niet buiten komt.",
        misbruik.HONEYPOT: "",
        misbruik.TIJDVELD: oud_token(),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# ---------------------------------------------------------------------------------------------------
# Vrijwilligers
# ---------------------------------------------------------------------------------------------------


def maak_vacature(gemeente, gebied=None, *, leefgebieden=(), dagdelen=(), **velden):
    from keukentafel.portaal.models import Vrijwilligersvacature

    vac = Vrijwilligersvacature.objects.create(
        gemeente=gemeente,
        gebied=gebied,
        titel=velden.pop("titel", "Maatje voor een oudere buurtbewoner"),
        omschrijving=velden.pop("omschrijving", "Samen wandelen en koffie drinken."),
        organisatie=velden.pop("organisatie", "Welzijn Dukenburg"),
        contact=velden.pop("contact", "info@welzijn.example"),
        tijdsinvestering=velden.pop("tijdsinvestering", "2 uur per week"),
        dagdelen=list(dagdelen),
        **velden,
    )
    vac.leefgebieden.set(leefgebieden)
    return vac


def maak_vrijwilliger(gemeente, gebieden=(), *, interesses=(), beschikbaarheid=("middag",), naam="Anja Bakker", **velden):
    from django.utils import timezone

    from keukentafel.portaal.models import Vrijwilliger

    v = Vrijwilliger.objects.create(
        gemeente=gemeente,
        naam=naam,
        email=velden.pop("email", "anja@voorbeeld.example"),
        beschikbaarheid=list(beschikbaarheid),
        toestemming_op=timezone.now(),
        toestemmingstekst="toestemming",
        **velden,
    )
    v.gebieden.set(gebieden)
    v.interesses.set(interesses)
    return v


def vrijwilligerdata(regio: Regio, **overrides) -> dict:
    data = {
        "naam": "Joost Peters",
        "email": "joost@voorbeeld.example",
        "telefoon": "",
        "gemeente": str(regio.gemeente.pk),
        "gebieden": [str(regio.gebied.pk)],
        "interesses": [],
        "beschikbaarheid": ["avond"],
        "toelichting": "",
        "toestemming": "on",
        misbruik.HONEYPOT: "",
        misbruik.TIJDVELD: oud_token(),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
