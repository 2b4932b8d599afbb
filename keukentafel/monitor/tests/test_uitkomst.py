"""Self-reliance outcome: change between first and latest score per leefgebied, product category and provider."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from keukentafel.monitor.indicatoren import uitkomst
from keukentafel.monitor.periode import periode
from keukentafel.testing.factories import AanbiederFactory, GebiedFactory, PersoonFactory, ProductFactory, ToegewezenVoorzieningFactory

from .proces_data import geen_drempel, score, selectie, tabel, waarden

Q3 = periode(2026, 3)


@pytest.fixture
def gebied(db):
    return GebiedFactory()


def grant(persoon, begin, eind=None, categorie="02", aanbieder=None, lv="zin"):
    product = ProductFactory(wet="wmo", productcategorie=categorie, productcode=f"{categorie}U01")
    return ToegewezenVoorzieningFactory(gemeente=persoon.gemeente, persoon=persoon, product=product, begindatum=begin, einddatum=eind,
                                        aanbieder=aanbieder, leveringsvorm=lv)


@pytest.fixture
def data(gebied):
    x, y = AanbiederFactory(naam="Aanbieder X"), AanbiederFactory(naam="Aanbieder Y")
    u1, u2, u3, u4 = (PersoonFactory(gebied=gebied) for _ in range(4))
    score(u1, "financien", 2, date(2026, 1, 10))
    score(u1, "financien", 4, date(2026, 8, 1))  # +2
    score(u1, "huisvesting", 3, date(2026, 1, 10))
    score(u1, "huisvesting", 3, date(2026, 8, 1))  # 0
    score(u2, "financien", 3, date(2026, 2, 1))
    score(u2, "financien", 2, date(2026, 9, 1))  # −1
    score(u2, "financien", 5, date(2026, 10, 5))  # after Q3: not the latest for Q3
    score(u3, "financien", 2, date(2026, 7, 15))  # one measurement only
    score(u4, "financien", 1, date(2026, 1, 1))
    score(u4, "financien", 2, date(2026, 3, 1))  # latest before Q3
    grant(u1, date(2026, 2, 1), aanbieder=x)
    grant(u1, date(2026, 3, 1), aanbieder=x)  # a second grant of the same category and provider: the pair counts once
    grant(u1, date(2025, 1, 1), date(2025, 12, 31), categorie="01", aanbieder=y)  # ended before the first measurement
    grant(u2, date(2026, 5, 1), date(2026, 6, 30), aanbieder=x)
    grant(u2, date(2026, 2, 1), categorie="01", aanbieder=None, lv="pgb")
    grant(u3, date(2026, 1, 1), aanbieder=y)
    return x, y


def test_verandering_per_leefgebied_tussen_eerste_en_laatste_meting(gebied, data):
    geen_drempel(gebied.gemeente)
    w = waarden(tabel(uitkomst.tabellen(selectie(gebied, Q3)), uitkomst.LEEFGEBIED))
    assert w == {
        "Financiën": [2, 2.5, 3.0, 0.5, 1, 0, 1],
        "Huisvesting": [1, 3.0, 3.0, 0.0, 0, 1, 0],
        "Totaal": [2, 2.67, 3.0, 0.33, 1, 1, 1],
    }


def test_per_productcategorie_en_aanbieder_met_de_voorzieningen_tussen_de_metingen(gebied, data):
    geen_drempel(gebied.gemeente)
    x, _y = data
    tabellen = uitkomst.tabellen(selectie(gebied, Q3))
    product = tabel(tabellen, uitkomst.PRODUCT)
    assert waarden(product) == {
        "Wmo 01 Hulp bij het huishouden": [1, 3.0, 2.0, -1.0, 0, 0, 1],
        "Wmo 02 Begeleiding": [2, 2.67, 3.0, 0.33, 1, 1, 1],
    }
    assert product.links["Wmo 02 Begeleiding"] == f"?lijst={uitkomst.PRODUCT}&sleutel=wmo:02"
    assert waarden(tabel(tabellen, uitkomst.AANBIEDER)) == {
        "Aanbieder X": [2, 2.67, 3.0, 0.33, 1, 1, 1],
        "Pgb (geen aanbieder)": [1, 3.0, 2.0, -1.0, 0, 0, 1],
    }
    assert uitkomst.LIJSTEN[uitkomst.AANBIEDER](selectie(gebied, Q3), str(x.pk)).count() == 3
    assert uitkomst.LIJSTEN[uitkomst.PRODUCT](selectie(gebied, Q3), "wmo:01").count() == 1


def test_categoriefilter_telt_alleen_wie_die_voorziening_tussen_de_metingen_had(gebied, data):
    geen_drempel(gebied.gemeente)
    w = waarden(tabel(uitkomst.tabellen(selectie(gebied, Q3, categorie="wmo:01")), uitkomst.LEEFGEBIED))
    assert w == {"Financiën": [1, 3.0, 2.0, -1.0, 0, 0, 1], "Totaal": [1, 3.0, 2.0, -1.0, 0, 0, 1]}


def test_gemiddelde_over_te_weinig_personen_wordt_niet_getoond(gebied, data):
    w = waarden(tabel(uitkomst.tabellen(selectie(gebied, Q3)), uitkomst.LEEFGEBIED))
    assert w["Financiën"] == ["< 5"] * 4 + ["< 5", 0, "< 5"]


def test_aantal_queries_groeit_niet_met_de_gegevens(gebied, data):
    s = selectie(gebied, Q3)
    with CaptureQueriesContext(connection) as eerst:
        uitkomst.tabellen(s)
    for _ in range(3):
        p = PersoonFactory(gebied=gebied)
        score(p, "adl", 2, date(2026, 1, 1))
        score(p, "adl", 3, date(2026, 7, 1))
        grant(p, date(2026, 1, 1), aanbieder=AanbiederFactory())
    with CaptureQueriesContext(connection) as daarna:
        uitkomst.tabellen(s)
    assert len(daarna) == len(eerst) <= 12
