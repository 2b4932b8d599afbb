"""Shared set-up of the Mijn Keukentafel tests: two households, a plan with a version, a beschikking.

Import with `from .fixtures_mijn import *`. The module is also a URLconf (`urlpatterns`): the public base
template links to `portaal:home` and `portaal:hulp`, which other parts of the portal create; where they are
missing (this branch on its own) the `portaal_routes` fixture adds placeholders for them.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.http import HttpResponse
from django.urls import NoReverseMatch, URLResolver, include, path, reverse
from django.utils import timezone

from keukentafel.beleid.models import Leefgebied
from keukentafel.besluiten import besluitvorming
from keukentafel.besluiten.models import Besluit, Leveringsvorm
from keukentafel.besluiten.regels import Toekenningsverzoek
from keukentafel.besluiten.services import vandaag
from keukentafel.inwoners.models import NetwerkRol, Persoon
from keukentafel.plannen import services as plannen
from keukentafel.plannen.models import Trede
from keukentafel.portaal import aanmelden
from keukentafel.testing.factories import (
    HuishoudenFactory,
    MedewerkerFactory,
    MeldingFactory,
    NetwerklidFactory,
    OndersteuningsplanFactory,
    ProductFactory,
    TariefFactory,
)
from keukentafel.toegang.models import Gesprek, Onderzoek, Verslagonderdeel

__all__ = [
    "portaal_routes",
    "huishouden_a",
    "huishouden_b",
    "anna",
    "bert",
    "plan_a",
    "plan_b",
    "beschikking_a",
    "beschikking_b",
    "vertegenwoordiger",
    "meld_aan_als",
    "maak_plan_met_versie",
    "maak_beschikking",
    "maak_gesprek",
]


def _placeholder(request):
    return HttpResponse("placeholder")


def _urlpatterns():
    from keukentafel import urls as hoofd
    from keukentafel.portaal import urls as portaal_urls

    namen = {getattr(p, "name", None) for p in portaal_urls.urlpatterns}
    extra = [path(f"_{n}/", _placeholder, name=n) for n in ("home", "hulp") if n not in namen]
    overige = [p for p in hoofd.urlpatterns if not (isinstance(p, URLResolver) and p.namespace == "portaal")]
    return [path("portaal/", include(([*portaal_urls.urlpatterns, *extra], "portaal"))), *overige]


urlpatterns = _urlpatterns()


@pytest.fixture
def portaal_routes(settings):
    try:
        reverse("portaal:home")
        reverse("portaal:hulp")
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__


MAIL_A = "anna@voorbeeld.nl"
MAIL_B = "bert@voorbeeld.nl"


@pytest.fixture
def huishouden_a(db):
    hh = HuishoudenFactory(naam="Huishouden Jansen", leden=2)
    eerste = hh.leden_op().order_by("id").first().persoon
    Persoon.objects.filter(pk=eerste.pk).update(email=MAIL_A, voornamen="Anna", geslachtsnaam="Jansen")
    return hh


@pytest.fixture
def huishouden_b(db):
    hh = HuishoudenFactory(naam="Huishouden Bakker", leden=1)
    eerste = hh.leden_op().first().persoon
    Persoon.objects.filter(pk=eerste.pk).update(email=MAIL_B, voornamen="Bert", geslachtsnaam="Bakker")
    return hh


@pytest.fixture
def anna(huishouden_a):
    return Persoon.objects.get(email=MAIL_A)


@pytest.fixture
def bert(huishouden_b):
    return Persoon.objects.get(email=MAIL_B)


def maak_plan_met_versie(huishouden, omschrijving: str = "Zelfstandig blijven wonen"):
    regisseur = MedewerkerFactory(team__gebied=huishouden.gebied, first_name="Gea", last_name="Regisseur")
    plan = OndersteuningsplanFactory(huishouden=huishouden, regisseur=regisseur)
    doel = plannen.voeg_doel_toe(regisseur, plan, plan.version, leefgebied=Leefgebied.objects.get(code="adl"), omschrijving=omschrijving)
    plannen.voeg_actie_toe(
        regisseur, doel, plan.version, trede=Trede.EIGEN_KRACHT, omschrijving="Zelf boodschappen doen", uitvoerder="Inwoner", van=vandaag()
    )
    plannen.leg_versie_vast(regisseur, plan, plan.version)
    plan.refresh_from_db()
    return plan


def maak_beschikking(plan, product_naam: str = "Begeleiding individueel"):
    huishouden = plan.huishouden
    regisseur = plan.regisseur
    inwoner = huishouden.leden_op().order_by("id").first().persoon
    product = ProductFactory(naam=product_naam)
    aanbieder = TariefFactory(
        product=product, contract__regio=huishouden.gemeente.regio, contract__aanbieder__naam="Zorg Dichtbij"
    ).contract.aanbieder
    plan.refresh_from_db()
    doel = plan.doelen.first()
    actie = plannen.voeg_actie_toe(
        regisseur,
        doel,
        plan.version,
        trede=Trede.MAATWERK,
        omschrijving="Hulp bij structuur in de week",
        uitvoerder="Aanbieder",
        van=vandaag(),
        voorziening=product.naam,
        product=product,
    )
    aanvraag = besluitvorming.maak_aanvraag(
        regisseur,
        persoon=inwoner,
        product=product,
        leveringsvorm=Leveringsvorm.ZIN,
        omvang=4,
        eenheid=product.eenheid,
        frequentie="2",
        ontvangen_op=vandaag() - timedelta(days=3),
        huishouden=huishouden,
        actie=actie,
    )
    verzoek = Toekenningsverzoek(
        persoon=inwoner,
        product=product,
        leveringsvorm=Leveringsvorm.ZIN,
        omvang=4,
        eenheid=aanvraag.eenheid,
        frequentie="2",
        begindatum=vandaag(),
        einddatum=vandaag() + timedelta(days=180),
        aanbieder=aanbieder,
    )
    beschikking = besluitvorming.beslis(
        regisseur,
        aanvraag,
        aanvraag.version,
        besluit=Besluit.TOEKENNING,
        motivering="Begeleiding helpt de week te structureren.",
        verzoek=verzoek,
    )
    plan.refresh_from_db()
    return beschikking


@pytest.fixture
def plan_a(huishouden_a):
    return maak_plan_met_versie(huishouden_a)


@pytest.fixture
def plan_b(huishouden_b):
    return maak_plan_met_versie(huishouden_b, "Weer meedoen in de buurt")


@pytest.fixture
def beschikking_a(plan_a):
    return maak_beschikking(plan_a)


@pytest.fixture
def beschikking_b(plan_b):
    return maak_beschikking(plan_b, "Huishoudelijke ondersteuning")


@pytest.fixture
def vertegenwoordiger(huishouden_b):
    """Carla has her own Persoon record (in household B) and is bewindvoerder of Anna's household member (A)."""

    def maak(huishouden, voor_persoon=None, rol=NetwerkRol.BEWINDVOERDER):
        carla = huishouden_b.leden_op().first().persoon
        return NetwerklidFactory(huishouden=huishouden, voor_persoon=voor_persoon, naam=carla.naam, rol=rol, email=carla.email.upper())

    return maak


def maak_gesprek(huishouden, regisseur, samenvatting="We spraken over de boodschappen."):
    melding = MeldingFactory(huishouden=huishouden)
    onderzoek = Onderzoek.objects.create(
        melding=melding, huishouden=huishouden, behandelaar=regisseur, startdatum=date.today(), termijn_dagen=42, termijn_bron="Wmo 2015"
    )
    g = Gesprek.objects.create(
        onderzoek=onderzoek, gepland_op=timezone.now(), gehouden_op=timezone.now(), samenvatting=samenvatting, gevoerd_door=regisseur
    )
    Verslagonderdeel.objects.create(gesprek=g, leefgebied=Leefgebied.objects.get(code="adl"), bevindingen="Traplopen lukt niet meer.")
    return g


def meld_aan_als(client, persoon, namens=None):
    """Put a resident session in the test client (the sign-in flow itself is tested in test_mijn_aanmelden)."""
    sessie = client.session
    sessie[aanmelden.SESSIE_PERSOON] = persoon.pk
    if namens is not None:
        sessie[aanmelden.SESSIE_NAMENS] = namens.pk
    sessie.save()
    return client
