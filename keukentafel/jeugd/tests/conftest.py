"""A household in a gebied with a parent and a 15-year-old, a gebiedsteam (generalist, teamleider), a provider with a
regional contract for youth products (ambulant, jeugd-ggz, gesloten plaatsing) and the dates the tests use."""

from __future__ import annotations

from datetime import date

import pytest

from keukentafel.accounts.models import Rol
from keukentafel.codelijsten import Eenheid, Frequentie, Wet
from keukentafel.inwoners.models import Geslacht, Huishoudlid, LidRol
from keukentafel.testing.factories import (
    AanbiederFactory,
    ContractFactory,
    GebiedFactory,
    GemeenteFactory,
    HuishoudenFactory,
    MedewerkerFactory,
    OndersteuningsplanFactory,
    PersoonFactory,
    ProductFactory,
    TariefFactory,
)

GEBOREN = date(2011, 3, 1)  # 15 in November 2026; 18 on 1 March 2029


@pytest.fixture
def gemeente(db):
    return GemeenteFactory()


@pytest.fixture
def gebied(gemeente):
    return GebiedFactory(gemeente=gemeente)


@pytest.fixture
def huishouden(gebied):
    return HuishoudenFactory(gebied=gebied, leden=0, naam="Huishouden Bakker")


def _lid(huishouden, rol, **kw):
    p = PersoonFactory(gebied=huishouden.gebied, postcode=huishouden.postcode, huisnummer=huishouden.huisnummer, **kw)
    Huishoudlid.objects.create(huishouden=huishouden, persoon=p, rol=rol, begindatum=date(2020, 1, 1))
    return p


@pytest.fixture
def ouder(huishouden):
    return _lid(huishouden, LidRol.AANVRAGER, voornamen="Anna", geslachtsnaam="Bakker", geboortedatum=date(1985, 4, 2))


@pytest.fixture
def jeugdige(huishouden, ouder):
    return _lid(huishouden, LidRol.KIND, voornamen="Noah", geslachtsnaam="Bakker", geboortedatum=GEBOREN, geslacht=Geslacht.MAN)


@pytest.fixture
def generalist(gebied):
    return MedewerkerFactory(rol=Rol.GENERALIST, team__gebied=gebied)


@pytest.fixture
def collega(generalist):
    return MedewerkerFactory(rol=Rol.GENERALIST, team=generalist.team)


@pytest.fixture
def teamleider(generalist):
    return MedewerkerFactory(rol=Rol.TEAMLEIDER, team=generalist.team)


@pytest.fixture
def plan(huishouden, generalist):
    return OndersteuningsplanFactory(huishouden=huishouden, regisseur=generalist)


def jeugdproduct(categorie: str, code: str, naam: str, eenheid=Eenheid.UUR, frequentie=Frequentie.PER_WEEK):
    return ProductFactory(wet=Wet.JEUGDWET, productcategorie=categorie, productcode=code, naam=naam, eenheid=eenheid,
                          frequentie=frequentie)


@pytest.fixture
def product_jeugd(db):
    return jeugdproduct("54", "54001", "Jeugd-ggz behandeling")


@pytest.fixture
def product_gesloten(db):
    return jeugdproduct("37", "37001", "Gesloten plaatsing", eenheid=Eenheid.ETMAAL, frequentie=Frequentie.PER_WEEK)


@pytest.fixture
def aanbieder(gemeente, product_jeugd, product_gesloten):
    a = AanbiederFactory(naam="Jeugd-GGz Bollenstreek")
    contract = ContractFactory(aanbieder=a, regio=gemeente.regio, naam="Regionaal contract jeugdhulp")
    TariefFactory(contract=contract, product=product_jeugd, tarief_cent=9500)
    TariefFactory(contract=contract, product=product_gesloten, tarief_cent=45000)
    return a
