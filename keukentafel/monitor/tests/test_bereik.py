"""Reach and cost (monitor, issue 4 §1): hand-built grants with known counts, percentages, ages and amounts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from keukentafel.monitor.indicatoren import bereik
from keukentafel.monitor.models import Declaratieaggregaat
from keukentafel.monitor.periode import periode
from keukentafel.monitor.selectie import Selectie
from keukentafel.testing.factories import (
    AanbiederFactory,
    GebiedFactory,
    GemeenteFactory,
    PersoonFactory,
    ProductFactory,
    RegioFactory,
    ToegewezenVoorzieningFactory,
)

pytestmark = pytest.mark.django_db
JAAR = periode(2026)


def grant(persoon, gemeente, wet="wmo", cat="02", lv="zin", aanbieder=None, begin=date(2026, 1, 1), eind=None, **kw):
    """A grant of 1 unit a day at € 1,00: 100 cents per day it applies."""
    product = ProductFactory(wet=wet, productcategorie=cat, productcode=f"{cat}T{wet[:1]}")
    if lv == "pgb":
        aanbieder = None
    elif aanbieder is None:
        aanbieder = AanbiederFactory()
    return ToegewezenVoorzieningFactory(
        gemeente=gemeente, persoon=persoon, product=product, leveringsvorm=lv, aanbieder=aanbieder, omvang=1,
        tarief_cent=100, frequentie="1", eenheid="14", begindatum=begin, einddatum=eind, **kw,
    )


@pytest.fixture
def wereld():
    """Lisse (1,000 inhabitants: noord 600, zuid 400). Seven clients in 2026:
    P1–P5 (born 1950, 75+) Wmo 02 ZIN in noord, P1 also Wmo 01 pgb; P6 (18 on 31-12-2026) Wmo 01 pgb in noord;
    P7 (17 on 31-12-2026) Jeugdwet 45 ZIN in zuid. Eight grants of 100 cents a day for all 365 days: 292,000 cents.
    One grant ended in 2025 and a grant of another gemeente never count."""
    regio = RegioFactory(naam="Testregio")
    lisse = GemeenteFactory(naam="Lisse", regio=regio, inwoners=1000)
    noord, zuid = GebiedFactory(gemeente=lisse, naam="Noord", inwoners=600), GebiedFactory(gemeente=lisse, naam="Zuid", inwoners=400)
    a = AanbiederFactory(naam="Aanbieder A")
    p = [PersoonFactory(gebied=noord, geboortedatum=date(1950, 1, 1)) for _ in range(5)]
    for x in p:
        grant(x, lisse, aanbieder=a)
    grant(p[0], lisse, cat="01", lv="pgb")
    p6 = PersoonFactory(gebied=noord, geboortedatum=date(2008, 12, 31))
    grant(p6, lisse, cat="01", lv="pgb")
    p7 = PersoonFactory(gebied=zuid, geboortedatum=date(2009, 1, 1))
    grant(p7, lisse, wet="jeugdwet", cat="45")
    grant(PersoonFactory(gebied=noord), lisse, begin=date(2025, 1, 1), eind=date(2025, 12, 31))
    elders = GemeenteFactory(regio=RegioFactory(naam="Andere regio"))
    grant(PersoonFactory(gebied=GebiedFactory(gemeente=elders)), elders)
    return {"regio": regio, "lisse": lisse, "noord": noord, "zuid": zuid, "a": a, "elders": elders}


def _tabel(tabellen, code):
    return next(t for t in tabellen if t.code == code)


def _rijen(t) -> dict[str, list[str]]:
    return {label: [str(c) for c in cellen] for label, cellen in t.rijen}


def test_bereik_telt_unieke_personen_en_het_percentage_van_de_bevolking(wereld):
    t = bereik.tabel_bereik(Selectie(regio=wereld["regio"], periode=JAAR))
    assert _rijen(t) == {"Alle voorzieningen": ["7", "1.000", "0,70"]}
    assert "laatste dag" not in t.definitie and "minstens één dag" in t.definitie


def test_bereik_per_productcategorie_met_kleine_aantallen_afgeschermd(wereld):
    t = bereik.tabel_bereik_categorie(Selectie(regio=wereld["regio"], periode=JAAR))
    rijen = {label.split(" ")[0] + " " + label.split(" ")[1]: [str(c) for c in cellen] for label, cellen in t.rijen}
    assert rijen["Wmo 01"] == ["< 5", "< 5", "< 5"]
    assert rijen["Wmo 02"] == ["5", "0,50", "71,43"]
    assert rijen["Jeugdwet 45"] == ["< 5", "< 5", "< 5"]
    assert rijen["Totaal (unieke"] == ["7", "0,70", "100,00"]
    label_02 = next(label for label, _ in t.rijen if label.startswith("Wmo 02"))
    assert label_02 == "Wmo 02 Begeleiding" and t.links[label_02] == "?lijst=bereik_categorie&sleutel=wmo:02"


def test_bereik_per_leveringsvorm_telt_wie_beide_heeft_in_beide(wereld):
    t = bereik.tabel_bereik_leveringsvorm(Selectie(regio=wereld["regio"], periode=JAAR))
    r = _rijen(t)
    assert r["Zorg in natura (ZIN)"][0] == "6" and r["Zorg in natura (ZIN)"][2] == "85,71"
    assert r[next(k for k in r if k.lower().startswith("persoonsgebonden"))] == ["< 5", "< 5", "< 5"]
    assert r[next(k for k in r if k.lower().startswith("persoonsvolgend"))] == ["0", "0,00", "0,00"]


def test_leeftijdsgroep_op_de_laatste_dag_van_de_periode(wereld):
    t = bereik.tabel_bereik_leeftijd(Selectie(regio=wereld["regio"], periode=JAAR))
    waarden = {label: cellen[0].waarde for label, cellen in t.rijen}
    # P6 turns 18 on 31-12-2026 (18–64); P7, born a day later, is still 17.
    assert waarden == {"0–17 jaar": 1, "18–64 jaar": 1, "65–74 jaar": 0, "75 jaar en ouder": 5, "Totaal (unieke cliënten)": 7}
    assert "31-12-2026" in t.definitie
    # In Q1 P6 is 17 still: the age is taken on the period's last day.
    q1 = bereik.tabel_bereik_leeftijd(Selectie(regio=wereld["regio"], periode=periode(2026, 1)))
    assert {label: c[0].waarde for label, c in q1.rijen}["0–17 jaar"] == 2
    lijst = bereik.LIJSTEN["bereik_leeftijd"](Selectie(regio=wereld["regio"], periode=JAAR), "18-64")
    assert lijst.count() == 1


def test_kosten_per_inwoner_en_per_client_tegen_de_referentie(wereld):
    Declaratieaggregaat.objects.create(gemeente=wereld["lisse"], aanbieder=wereld["a"], wet="wmo", productcategorie="02",
                                       maand=date(2026, 3, 1), regels=4, ingediend_cent=60000, toegekend_cent=50000)
    Declaratieaggregaat.objects.create(gemeente=wereld["lisse"], aanbieder=wereld["a"], wet="wmo", productcategorie="02",
                                       maand=date(2025, 12, 1), regels=1, ingediend_cent=9999, toegekend_cent=9999)
    t = bereik.tabel_kosten(Selectie(regio=wereld["regio"], periode=JAAR))
    r = {label: [c.waarde for c in cellen] for label, cellen in t.rijen}
    assert r["Totaal"][:2] == [292000, 50000]
    # 292,000 / 1,000 = 292 cents; benchmark € 146 → 14,600; 50,000 / 1,000 = 50.
    assert r["Per inwoner"] == [292, 50, 14600, 292 - 14600, 50 - 14600]
    # 292,000 / 7 = 41,714.29 → 41,714; 50,000 / 7 → 7,143; benchmark € 10.666.
    assert r["Per cliënt"] == [41714, 7143, 1066600, 41714 - 1066600, 7143 - 1066600]
    assert str(t.rijen[1][1][3]) == "− € 143,08"


def test_referentie_naar_rato_van_een_kwartaal(wereld):
    t = bereik.tabel_kosten(Selectie(regio=wereld["regio"], periode=periode(2026, 1)))
    # Q1 2026: 90 of 365 days of € 146 = € 36,00 (3,600.0 cents).
    assert t.rijen[1][1][2].waarde == 3600


def test_kosten_afgeschermd_bij_weinig_clienten_in_een_gebied(wereld):
    s = Selectie(regio=wereld["regio"], periode=JAAR, gebied=wereld["zuid"])
    assert _rijen(bereik.tabel_bereik(s)) == {"Alle voorzieningen": ["< 5", "400", "< 5"]}
    kosten = _rijen(bereik.tabel_kosten(s))
    assert kosten["Per cliënt"][:2] == ["< 5", "< 5"] and kosten["Per inwoner"][3] == "< 5"


def test_filter_op_wet(wereld):
    s = Selectie(regio=wereld["regio"], periode=JAAR, wet="jeugdwet")
    assert bereik.tabel_bereik(s).rijen[0][1][0].waarde == 1
    assert bereik.tabel_kosten(s).rijen[0][1][0].waarde is None  # hidden: one client


def test_aantal_queries_groeit_niet_met_de_data(wereld):
    s = Selectie(regio=wereld["regio"], periode=JAAR)
    with CaptureQueriesContext(connection) as eerst:
        bereik.tabellen(s)
    for i in range(6):
        grant(PersoonFactory(gebied=wereld["zuid"], geboortedatum=date(1990 + i, 1, 1)), wereld["lisse"], cat=f"0{i + 3}",
              lv=("zin", "pvb", "pgb")[i % 3])
    s = replace(s)  # a fresh selection: it reads its gemeenten once
    with CaptureQueriesContext(connection) as daarna:
        bereik.tabellen(s)
    assert len(daarna) == len(eerst)


def test_elke_tabel_heeft_een_kop_per_kolom_en_een_definitie(wereld):
    from keukentafel.monitor.indicatoren import aanbieders, verwijsgedrag

    s = Selectie(regio=wereld["regio"], periode=JAAR)
    for t in [*bereik.tabellen(s), *aanbieders.tabellen(s), *verwijsgedrag.tabellen(s)]:
        assert t.definitie and all(len(cellen) + 1 == len(t.kolommen) for _, cellen in t.rijen), t.code
        assert set(t.links) <= {label for label, _ in t.rijen}
        assert t.blad()[1] == t.kolommen
    lijsten = {**bereik.LIJSTEN, **aanbieders.LIJSTEN, **verwijsgedrag.LIJSTEN}
    for t in [*bereik.tabellen(s), *aanbieders.tabellen(s), *verwijsgedrag.tabellen(s)]:
        for url in t.links.values():
            code, sleutel = (deel.split("=")[1] for deel in url.lstrip("?").split("&"))
            assert code == t.code and lijsten[code](s, sleutel).model.__name__ == "ToegewezenVoorziening"
    # The drill-down of a row holds the grants behind it: Wmo 02 has the five 75-plussers.
    assert lijsten["bereik_categorie"](s, "wmo:02").values("persoon").distinct().count() == 5
