"""Shared fixtures for the berichten tests: a gemeente, a contracted aanbieder, a Wmo and a Jeugdwet product,
a household with an adult and a child, and a ZIN grant per law made through `besluiten.services.ken_toe`
(so each grant already produced its 301, as in production)."""

from __future__ import annotations

from datetime import date

import pytest

from keukentafel.besluiten import services
from keukentafel.besluiten.models import Grondslag, Leveringsvorm, ToegewezenVoorziening
from keukentafel.besluiten.regels import Toekenningsverzoek
from keukentafel.codelijsten import Eenheid, Frequentie, Wet
from keukentafel.inwoners.models import Geslacht, Huishoudlid, LidRol
from keukentafel.testing.factories import (
    AanbiederFactory,
    ContractFactory,
    GebiedFactory,
    GemeenteFactory,
    HuishoudenFactory,
    MedewerkerFactory,
    PersoonFactory,
    ProductFactory,
    TariefFactory,
)

BEGIN = date(2026, 1, 5)
EIND = date(2027, 12, 31)


@pytest.fixture
def gemeente(db):
    return GemeenteFactory()


@pytest.fixture
def gebied(gemeente):
    return GebiedFactory(gemeente=gemeente)


@pytest.fixture
def product_wmo(db):
    """Wmo begeleiding individueel (02), uren per week."""
    return ProductFactory(wet=Wet.WMO, productcategorie="02", productcode="02A01", naam="Begeleiding individueel",
                          eenheid=Eenheid.UUR, frequentie=Frequentie.PER_WEEK)


@pytest.fixture
def product_jeugd(db):
    """Jeugdhulp ambulant (45), uren per week."""
    return ProductFactory(wet=Wet.JEUGDWET, productcategorie="45", productcode="45A01", naam="Jeugdhulp ambulant",
                          eenheid=Eenheid.UUR, frequentie=Frequentie.PER_WEEK)


@pytest.fixture
def aanbieder(gemeente, product_wmo, product_jeugd):
    """A provider with a regional contract and a tariff for both products (€ 54,00 and € 80,00 per hour)."""
    a = AanbiederFactory()
    contract = ContractFactory(aanbieder=a, regio=gemeente.regio)
    TariefFactory(contract=contract, product=product_wmo, tarief_cent=5400)
    TariefFactory(contract=contract, product=product_jeugd, tarief_cent=8000)
    return a


@pytest.fixture
def huishouden(gebied):
    return HuishoudenFactory(gebied=gebied, leden=0)


@pytest.fixture
def persoon(huishouden):
    """The adult client (aanvrager), a woman with a voorvoegsel, living at the household's address."""
    p = PersoonFactory(
        gebied=huishouden.gebied, postcode=huishouden.postcode, huisnummer=huishouden.huisnummer, straat=huishouden.straat,
        voornamen="Maria Johanna", voorvoegsel="van", geslachtsnaam="Dijk", geslacht=Geslacht.VROUW,
        geboortedatum=date(1950, 3, 14),
    )
    Huishoudlid.objects.create(huishouden=huishouden, persoon=p, rol=LidRol.AANVRAGER, begindatum=date(2020, 1, 1))
    return p


@pytest.fixture
def jeugdige(huishouden):
    """A child in the same household (the Jeugdwet client)."""
    p = PersoonFactory(
        gebied=huishouden.gebied, postcode=huishouden.postcode, huisnummer=huishouden.huisnummer, straat=huishouden.straat,
        voornamen="Sem", geslachtsnaam="Dijk", geslacht=Geslacht.MAN, geboortedatum=date(2015, 6, 1),
    )
    Huishoudlid.objects.create(huishouden=huishouden, persoon=p, rol=LidRol.KIND, begindatum=date(2020, 1, 1))
    return p


@pytest.fixture
def medewerker(gemeente):
    return MedewerkerFactory(team__gebied__gemeente=gemeente)


def ken_zin_toe(medewerker, persoon, product, aanbieder, *, huishouden=None, omvang: int = 4,
                begindatum: date = BEGIN, einddatum: date | None = EIND,
                leveringsvorm: str = Leveringsvorm.ZIN) -> ToegewezenVoorziening:
    """A grant through the real service (so the 301 signal fires)."""
    verzoek = Toekenningsverzoek(
        persoon=persoon, product=product, leveringsvorm=leveringsvorm, omvang=omvang, eenheid=product.eenheid,
        frequentie=product.frequentie, begindatum=begindatum, einddatum=einddatum, aanbieder=aanbieder,
    )
    return services.ken_toe(medewerker, verzoek, grondslag=Grondslag.OVERGANGSRECHT, indicatiebron="CIZ", huishouden=huishouden)


@pytest.fixture
def zin_toewijzing(medewerker, persoon, product_wmo, aanbieder, huishouden):
    """Wmo begeleiding in natura at `aanbieder`, 4 hours a week, 2026-01-05 up to 2027-12-31."""
    return ken_zin_toe(medewerker, persoon, product_wmo, aanbieder, huishouden=huishouden)


@pytest.fixture
def jeugd_toewijzing(medewerker, jeugdige, product_jeugd, aanbieder, huishouden):
    """Jeugdhulp ambulant in natura at `aanbieder` for the child, 4 hours a week."""
    return ken_zin_toe(medewerker, jeugdige, product_jeugd, aanbieder, huishouden=huishouden)
