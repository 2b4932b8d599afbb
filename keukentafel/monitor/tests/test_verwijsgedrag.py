"""Referral behaviour per gebiedsteam and per grondslag route (monitor, issue 4 §1; seed 000 uitgangspunt 4)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from keukentafel.monitor.indicatoren import verwijsgedrag
from keukentafel.monitor.periode import periode
from keukentafel.monitor.selectie import Selectie
from keukentafel.testing.factories import GebiedFactory, GemeenteFactory, PersoonFactory, RegioFactory, TeamFactory

from .test_bereik import grant

pytestmark = pytest.mark.django_db
JAAR = periode(2026)


@pytest.fixture
def toegang():
    """Lisse (1,000 inhabitants). Noord (600, Team Noord): six clients with Wmo 02 granted on 1-1-2026 by beschikking,
    four of them also Wmo 01 by verwijzing since 1-6-2025. Zuid (400, Team Zuid): two youths, Jeugdwet 45 by
    wettelijke verwijzing in 2026. Every grant 100 cents a day."""
    regio = RegioFactory(naam="Testregio")
    lisse = GemeenteFactory(naam="Lisse", regio=regio, inwoners=1000)
    noord, zuid = GebiedFactory(gemeente=lisse, naam="Noord", inwoners=600), GebiedFactory(gemeente=lisse, naam="Zuid", inwoners=400)
    team_noord, team_zuid = TeamFactory(gebied=noord, naam="Team Noord"), TeamFactory(gebied=zuid, naam="Team Zuid")
    personen = [PersoonFactory(gebied=noord) for _ in range(6)]
    for p in personen:
        grant(p, lisse, grondslag="beschikking")
    for p in personen[:4]:
        grant(p, lisse, cat="01", grondslag="verwijzing", begin=date(2025, 6, 1))
    for _ in range(2):
        grant(PersoonFactory(gebied=zuid, geboortedatum=date(2015, 1, 1)), lisse, wet="jeugdwet", cat="45", grondslag="wettelijk",
              begin=date(2026, 3, 1))
    return {"regio": regio, "noord": noord, "zuid": zuid, "team_noord": team_noord, "team_zuid": team_zuid}


def _rijen(t) -> dict[str, list[str]]:
    return {label: [str(c) for c in cellen] for label, cellen in t.rijen}


def test_per_gebiedsteam_per_1000_inwoners_mix_en_kosten(toegang):
    t = verwijsgedrag.tabel_teams(Selectie(regio=toegang["regio"], periode=JAAR))
    r = _rijen(t)
    # Noord: 10 grants / 600 inhabitants = 16.7 per 1,000; 6 new / 600 = 10.0; 10 of 12 grants = 83.33 %;
    # cost 10 × 36,500 = 365,000 cents / 6 clients = 60,833.
    assert r["Team Noord (gebied Noord)"] == [
        "600", "6", "10", "16,7", "6", "10,0", "83,33", "€ 608,33", "Wmo 02 Begeleiding 60,00%; Wmo 01 Hulp bij het huishouden < 5",
    ]
    assert r["Team Zuid (gebied Zuid)"] == ["400"] + ["< 5"] * 8
    assert t.links["Team Noord (gebied Noord)"] == f"?lijst=verwijs_team&sleutel={toegang['noord'].pk}"
    assert verwijsgedrag.LIJSTEN["verwijs_team"](Selectie(regio=toegang["regio"], periode=JAAR), str(toegang["zuid"].pk)).count() == 2


def test_team_filter_toont_alleen_het_eigen_gebied(toegang):
    t = verwijsgedrag.tabel_teams(Selectie(regio=toegang["regio"], periode=JAAR, team=toegang["team_noord"]))
    assert [label for label, _ in t.rijen] == ["Team Noord (gebied Noord)"]


def test_per_grondslag_route(toegang):
    t = verwijsgedrag.tabel_grondslag(Selectie(regio=toegang["regio"], periode=JAAR))
    r = _rijen(t)
    assert r["Beschikking"] == ["1.000", "6", "6", "6,0", "6", "6,0", "50,00", "€ 365,00", "Wmo 02 Begeleiding 100,00%"]
    assert r["Verwijzing (indicatievrij)"][1:4] == ["< 5", "< 5", "< 5"]
    assert r["Verwijzing (indicatievrij)"][4] == "0"  # granted in 2025: not new in 2026
    assert r["Verzoek om toewijzing van de aanbieder (315)"] == ["1.000", "0", "0", "0,0", "0", "0,0", "0,00", "–", "–"]
    wettelijk = next(k for k in r if k.startswith("Wettelijke verwijzing"))
    assert r[wettelijk][1] == "< 5"
    assert verwijsgedrag.LIJSTEN["verwijs_grondslag"](Selectie(regio=toegang["regio"], periode=JAAR), "verwijzing").count() == 4


def test_kwartaalfilter_en_wet(toegang):
    # Q1: the youths' grants start 1 March (in Q1), wet jeugdwet keeps only those.
    t = verwijsgedrag.tabel_grondslag(Selectie(regio=toegang["regio"], periode=periode(2026, 1), wet="jeugdwet"))
    assert {label: c[2].waarde for label, c in t.rijen}["Beschikking"] == 0


def test_aantal_queries_groeit_niet_met_gebieden(toegang):
    s = Selectie(regio=toegang["regio"], periode=JAAR)
    with CaptureQueriesContext(connection) as eerst:
        verwijsgedrag.tabellen(s)
    lisse = toegang["noord"].gemeente
    for i in range(3):
        g = GebiedFactory(gemeente=lisse, naam=f"Extra {i}", inwoners=100)
        TeamFactory(gebied=g)
        grant(PersoonFactory(gebied=g), lisse, grondslag="verzoek")
    s = replace(s)  # a fresh selection: it reads its gemeenten once
    with CaptureQueriesContext(connection) as daarna:
        verwijsgedrag.tabellen(s)
    assert len(daarna) == len(eerst)
