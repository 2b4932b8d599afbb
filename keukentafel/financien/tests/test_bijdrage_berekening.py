"""Eigen bijdrage: every rule of issue 8 §3 — the figures per year, periods, limits, min/max, cap, exemptions,
anti-cumulation, rule choice by date and idempotent recalculation."""

from __future__ import annotations

from datetime import date

import pytest

from keukentafel.besluiten.models import VoorzieningStatus
from keukentafel.codelijsten import RedenWijziging
from keukentafel.financien.bijdrageregels import geldende_regel
from keukentafel.financien.eigen_bijdrage import bereken, bereken_periode
from keukentafel.financien.models import Bijdrageberekening
from keukentafel.inwoners.models import LidRol

from . import fixtures_bijdrage as fx
from .fixtures_bijdrage import huishouden, inkomen, voorziening

gebied, gemeente = fx.gebied, fx.gemeente

pytestmark = pytest.mark.django_db
JONG, OUD = date(1980, 1, 1), date(1940, 1, 1)


def _een(gebied, gemeente, geboren=JONG, **vz):
    hh, (p,) = huishouden(gebied, (LidRol.AANVRAGER, geboren))
    voorziening(gemeente, p, hh, **vz)
    return hh


@pytest.mark.parametrize(
    ("dag", "bedrag", "eind"),
    [
        (date(2019, 1, 1), 1750, date(2019, 1, 28)),  # € 17,50 per 4 weken
        (date(2020, 3, 1), 1900, date(2020, 3, 31)),  # € 19 per maand 2020–2023
        (date(2023, 2, 1), 1900, date(2023, 2, 28)),
        (date(2024, 5, 1), 2060, date(2024, 5, 31)),  # € 20,60
        (date(2025, 1, 1), 2100, date(2025, 1, 31)),  # € 21
        (date(2026, 1, 1), 2100, date(2026, 1, 31)),  # 2026: 2025 voortgezet
    ],
)
def test_abonnementstarief_per_jaar_en_periodelengte(gebied, gemeente, dag, bedrag, eind):
    hh = _een(gebied, gemeente)
    b = bereken(hh, dag)
    assert (b.bedrag_cent, b.periode_begin, b.periode_eind) == (bedrag, dag, eind)
    assert b.regels[-1] == {"omschrijving": "Eigen bijdrage voor de periode", "bedrag_cent": bedrag}


def test_inkomensafhankelijk_2016_vijftien_procent(gebied, gemeente):
    hh = _een(gebied, gemeente)
    inkomen(hh, 2016, 3_000_000)
    b = bereken(hh, date(2016, 1, 1))
    # (30.000 − 22.505) × 15 % / 13 = 86,48; + vaste bijdrage 19,40
    assert b.bedrag_cent == 8648 + 1940
    assert b.periode_eind == date(2016, 1, 28)
    assert any("15 %" in r["omschrijving"] and r["bedrag_cent"] == 8648 for r in b.regels)


def test_inkomensafhankelijk_2017_twaalfenhalf_procent(gebied, gemeente):
    hh = _een(gebied, gemeente)
    inkomen(hh, 2017, 3_000_000)
    b = bereken(hh, date(2017, 1, 1))
    # 7.495 × 12,5 % / 13 = 72,067… → 72,07; + 17,50
    assert b.bedrag_cent == 7207 + 1750
    assert any("12,5 %" in r["omschrijving"] for r in b.regels)


@pytest.mark.parametrize(
    ("jaar", "naam", "verwacht", "procent"),
    [
        # 2015: 15 %, grens € 22.505, vaste bijdrage € 19,40: (30.000 − 22.505) × 15 % / 13 = 86,48
        (2015, "Inkomensafhankelijke eigen bijdrage 2015", 8648 + 1940, "15 %"),
        # 2018: as 2017, 12,5 % and € 17,50: 7.495 × 12,5 % / 13 = 72,07
        (2018, "Inkomensafhankelijke eigen bijdrage 2018", 7207 + 1750, "12,5 %"),
    ],
)
def test_inkomensafhankelijk_2015_en_2018(gebied, gemeente, jaar, naam, verwacht, procent):
    hh = _een(gebied, gemeente)
    inkomen(hh, jaar, 3_000_000)
    b = bereken(hh, date(jaar, 2, 1))
    assert (b.regeling.naam, b.bedrag_cent, b.periode_begin, b.periode_eind) == (naam, verwacht, date(jaar, 1, 29), date(jaar, 2, 25))
    assert any(r["omschrijving"].startswith(procent) for r in b.regels)


def test_2018_meerpersoons_onder_aow_onder_35000_betaalt_niets(gebied, gemeente):
    hh = _een(gebied, gemeente)
    inkomen(hh, 2018, 3_400_000, "meerpersoons", False)
    assert bereken(hh, date(2018, 6, 1)).bedrag_cent == 0


def test_uitleg_in_nederlandse_getalnotatie(gebied, gemeente):
    hh = _een(gebied, gemeente)
    inkomen(hh, 2017, 3_012_345)
    regel = geldende_regel(gemeente, date(2017, 1, 1))
    regel.parameters["vrijstelling_tot_inkomen"] = {"eenpersoons_onder_aow": 1_650_050}
    regel.save()
    teksten = " | ".join(r["omschrijving"] for r in bereken(hh, date(2017, 1, 1)).regels)
    assert "12,5 % van het inkomen boven de grens" in teksten and "12.5" not in teksten
    arm = _een(gebied, gemeente)
    inkomen(arm, 2017, 1_600_000)
    teksten = " | ".join(r["omschrijving"] for r in bereken(arm, date(2017, 1, 1)).regels)
    assert "inkomen tot en met € 16.500,50 betaalt niets" in teksten


@pytest.mark.parametrize(
    ("dag", "verwacht", "soort"),
    [
        (date(2027, 3, 1), 2360, "inkomen_min_max"),  # 2027: minimum € 23,60 per maand
        (date(2016, 3, 1), 1940, "inkomensafhankelijk"),  # 2016: vaste bijdrage eenpersoons € 19,40
    ],
)
def test_zonder_toetsingsinkomen_het_minimum(gebied, gemeente, dag, verwacht, soort):
    """Choice: without a known income an income-dependent rule levies its minimum (never 0, never the maximum)."""
    hh = _een(gebied, gemeente)
    b = bereken(hh, dag)
    assert b.regeling.soort == soort
    assert b.bedrag_cent == verwacht
    assert any(r["omschrijving"].startswith("Geen toetsingsinkomen bekend") and r["bedrag_cent"] == verwacht for r in b.regels)
    goedkoop = _een(gebied, gemeente, omvang=1, tarief_cent=100)  # the minimum is still capped at the cost price
    assert bereken(goedkoop, dag).bedrag_cent == bereken(goedkoop, dag).kostprijs_cent < verwacht


def _algemene_voorziening(hh, persoon):
    from keukentafel.beleid.models import Leefgebied
    from keukentafel.plannen.models import Actie, Doel
    from keukentafel.testing.factories import AlgemeneVoorzieningFactory, OndersteuningsplanFactory

    av = AlgemeneVoorzieningFactory(gemeente=hh.gemeente, kosten_cent=300)
    leefgebied = Leefgebied.objects.first() or Leefgebied.objects.create(code="sociaal", naam="Sociaal netwerk")
    plan = OndersteuningsplanFactory(huishouden=hh)
    doel = Doel.objects.create(plan=plan, leefgebied=leefgebied, persoon=persoon, omschrijving="Mensen ontmoeten")
    Actie.objects.create(
        doel=doel, trede="algemene_voorziening", omschrijving="Naar het ontmoetingscentrum", uitvoerder=av.uitvoerder,
        algemene_voorziening=av, van=date(2020, 1, 1),
    )
    return av


def test_geen_bijdrage_voor_algemene_voorzieningen(gebied, gemeente):
    hh, (p,) = huishouden(gebied, (LidRol.AANVRAGER, JONG))
    _algemene_voorziening(hh, p)
    b = bereken(hh, date(2020, 3, 1))
    assert (b.bedrag_cent, b.kostprijs_cent, b.telt) == (0, 0, False)
    assert any("Geen meetellende maatwerkvoorziening" in r["omschrijving"] for r in b.regels)
    assert bereken_periode(gemeente, date(2020, 3, 1)).aantal_huishoudens == 0
    assert not Bijdrageberekening.objects.filter(huishouden=hh).exists()
    voorziening(gemeente, p, hh)  # maatwerk next to the algemene voorziening: only the maatwerk counts
    b = bereken(hh, date(2020, 3, 1))
    assert b.bedrag_cent == 1900 and len(b.voorzieningen) == 1


def test_kostprijs_per_maand_voorziening_over_een_kalendermaand(gebied, gemeente):
    """A per-maand grant costs exactly one month's amount over any whole calendar month (also February)."""
    hh = _een(gebied, gemeente, omvang=2, tarief_cent=5000, frequentie="4")
    for dag in (date(2023, 2, 1), date(2024, 2, 1), date(2024, 3, 1), date(2025, 1, 1)):
        assert bereken(hh, dag).kostprijs_cent == 10000, dag
    laat = _een(gebied, gemeente, omvang=2, tarief_cent=5000, frequentie="4", begindatum=date(2024, 2, 15))
    assert bereken(laat, date(2024, 2, 1)).kostprijs_cent == 5172  # 10.000 × 15/29 = 5.172,41
    regel = bereken(laat, date(2024, 2, 1)).regels
    assert any("het maandbedrag per hele kalendermaand" in r["omschrijving"] for r in regel)
    # 4-week periods keep the commitment rule of bedragen.verplichting (± 12 × 28/365 × € 100 = € 92,05)
    from keukentafel.financien.bedragen import verplichting

    vier_weken = bereken(hh, date(2019, 1, 1))
    assert vier_weken.kostprijs_cent == verplichting(
        omvang=2, frequentie="4", tarief_cent=5000, begindatum=date(2015, 1, 1), einddatum=None, van=date(2019, 1, 1), tot=date(2019, 1, 28)
    )
    assert 9200 <= vier_weken.kostprijs_cent <= 9210


def test_kostprijs_per_maand_in_een_korte_periode_bij_overdracht(gebied, gemeente):
    from keukentafel.financien.models import Bijdrageregeling

    hh = _een(gebied, gemeente, omvang=1, tarief_cent=3100, frequentie="4")
    params = {**geldende_regel(gemeente, date(2024, 1, 1)).parameters, "tarief_cent": 1500}
    Bijdrageregeling.objects.create(
        gemeente=gemeente, naam="Gemeentelijk tarief", soort="abonnement", periodelengte="maand", geldig_vanaf=date(2024, 7, 15),
        geldig_tot=date(2024, 12, 31), parameters=params, bron="Raadsbesluit (test)",
    )
    voor, na = bereken(hh, date(2024, 7, 1)), bereken(hh, date(2024, 7, 15))
    assert (voor.periode_begin, voor.periode_eind) == (date(2024, 7, 1), date(2024, 7, 14))
    assert (voor.kostprijs_cent, voor.bedrag_cent) == (1400, 1400)  # € 31 × 14/31; the 2024 tariff capped
    assert (na.periode_begin, na.periode_eind, na.kostprijs_cent, na.bedrag_cent) == (date(2024, 7, 15), date(2024, 7, 31), 1700, 1500)
    bereken_periode(gemeente, date(2024, 7, 1))
    bereken_periode(gemeente, date(2024, 7, 20))
    assert list(Bijdrageberekening.objects.order_by("periode_begin").values_list("periode_begin", "periode_eind")) == [
        (date(2024, 7, 1), date(2024, 7, 14)),
        (date(2024, 7, 15), date(2024, 7, 31)),
    ]


@pytest.mark.parametrize(
    ("soort", "aow", "cent", "verwacht"),
    [
        ("eenpersoons", True, 2_000_000, 3592 + 1940),  # grens AOW 16.887
        ("meerpersoons", True, 2_500_000, 1876 + 2780),  # grens 23.374
        ("meerpersoons", False, 2_500_000, 2780),  # onder de grens 28.177: alleen de vaste bijdrage
        ("eenpersoons", False, 2_000_000, 1940),
    ],
)
def test_inkomensgrens_naar_huishoudsoort_en_aow(gebied, gemeente, soort, aow, cent, verwacht):
    hh = _een(gebied, gemeente)
    inkomen(hh, 2016, cent, soort, aow)
    assert bereken(hh, date(2016, 3, 1)).bedrag_cent == verwacht


def test_2017_meerpersoons_onder_aow_onder_35000_betaalt_niets(gebied, gemeente):
    hh = _een(gebied, gemeente)
    inkomen(hh, 2017, 3_400_000, "meerpersoons", False)
    assert bereken(hh, date(2017, 6, 1)).bedrag_cent == 0


def test_2027_minimum_en_maximum_per_maand(gebied, gemeente):
    rijk = _een(gebied, gemeente, omvang=10, tarief_cent=7900)
    inkomen(rijk, 2027, 10_000_000, "meerpersoons", True)
    b = bereken(rijk, date(2027, 1, 1))
    assert (b.bedrag_cent, b.periode_eind) == (32800, date(2027, 1, 31))
    assert any(r["omschrijving"].startswith("Maximum") for r in b.regels)
    arm = _een(gebied, gemeente)
    inkomen(arm, 2027, 1_500_000, "meerpersoons", True)
    assert bereken(arm, date(2027, 1, 1)).bedrag_cent == 2360


def test_plafond_kostprijs(gebied, gemeente):
    hh = _een(gebied, gemeente, omvang=1, tarief_cent=100)
    b = bereken(hh, date(2020, 1, 1))
    assert b.kostprijs_cent == 443  # 1 × € 1 × 31/7
    assert b.bedrag_cent == 443
    assert any(r["omschrijving"].startswith("Plafond") for r in b.regels)


def test_kostprijs_pro_rata_binnen_de_periode(gebied, gemeente):
    hh = _een(gebied, gemeente, begindatum=date(2020, 1, 15), einddatum=date(2020, 1, 21))
    assert bereken(hh, date(2020, 1, 1)).kostprijs_cent == 3 * 5400  # one week


def test_vrijgestelde_productsoort_beschermd_wonen(gebied, gemeente):
    hh = _een(gebied, gemeente, categorie="15")
    b = bereken(hh, date(2020, 1, 1))
    assert b.bedrag_cent == 0 and not b.telt
    assert any("vrijgesteld (wmo:15)" in r["omschrijving"] for r in b.regels)
    assert bereken_periode(gemeente, date(2020, 1, 1)).aantal_huishoudens == 0


def test_vrijstelling_configureerbaar_op_productcode(gebied, gemeente):
    hh = _een(gebied, gemeente, categorie="11", code="11R01")
    assert bereken(hh, date(2020, 1, 1)).bedrag_cent == 1900
    regel = geldende_regel(gemeente, date(2020, 1, 1))
    regel.vrijgestelde_categorieen = ["wmo:11:11R01"]
    regel.save()
    assert bereken(hh, date(2020, 1, 1)).bedrag_cent == 0


def test_vrijstelling_minimuminkomen(gebied, gemeente):
    hh = _een(gebied, gemeente)
    inkomen(hh, 2020, 1_500_000)
    regel = geldende_regel(gemeente, date(2020, 1, 1))
    regel.parameters["vrijstelling_tot_inkomen"] = {"eenpersoons_onder_aow": 1_600_000}
    regel.save()
    b = bereken(hh, date(2020, 1, 1))
    assert b.bedrag_cent == 0 and b.telt
    assert any("minimuminkomen" in r["omschrijving"] for r in b.regels)


def test_jeugdwet_telt_niet_mee(gebied, gemeente):
    hh, (p,) = huishouden(gebied, (LidRol.AANVRAGER, JONG))
    voorziening(gemeente, p, hh, wet="jeugdwet", categorie="45")
    assert bereken(hh, date(2020, 1, 1)).bedrag_cent == 0
    assert bereken_periode(gemeente, date(2020, 1, 1)).aantal_huishoudens == 0
    voorziening(gemeente, p, hh)
    b = bereken(hh, date(2020, 1, 1))
    assert b.bedrag_cent == 1900 and len(b.voorzieningen) == 1
    assert any("Jeugdwet: geen eigen bijdrage" in r["omschrijving"] for r in b.regels)


def test_anticumulatie_een_bijdrage_per_huishouden(gebied, gemeente):
    hh, (a, k) = huishouden(gebied, (LidRol.AANVRAGER, JONG), (LidRol.KIND, date(2000, 1, 1)))
    voorziening(gemeente, a, hh)
    voorziening(gemeente, k, None)  # without huishouden: found through the membership
    overzicht = bereken_periode(gemeente, date(2021, 2, 1))
    assert overzicht.aantal_huishoudens == 1 and overzicht.totaal_bedrag_cent == 1900
    rij = Bijdrageberekening.objects.get()
    assert rij.bedrag_cent == 1900
    assert rij.kostprijs_cent == 2 * 3 * 5400 * 4  # two grants, 28 days
    assert any("Anticumulatie" in r["omschrijving"] and "2 voorziening" in r["omschrijving"] for r in rij.regels)


def test_meerpersoons_onder_aow_vrijgesteld_afgeleid_uit_leden(gebied, gemeente):
    hh, (a, _) = huishouden(gebied, (LidRol.AANVRAGER, OUD), (LidRol.PARTNER, JONG))
    voorziening(gemeente, a, hh)
    assert bereken(hh, date(2020, 1, 1)).bedrag_cent == 0
    oud, (b, _) = huishouden(gebied, (LidRol.AANVRAGER, OUD), (LidRol.PARTNER, OUD))
    voorziening(gemeente, b, oud)
    assert bereken(oud, date(2020, 1, 1)).bedrag_cent == 1900


def test_regelkeuze_op_datum(gebied, gemeente):
    hh = _een(gebied, gemeente)
    dec = bereken(hh, date(2019, 12, 15))
    assert (dec.regeling.geldig_vanaf, dec.periode_begin, dec.periode_eind) == (date(2019, 1, 1), date(2019, 12, 3), date(2019, 12, 31))
    jan = bereken(hh, date(2020, 1, 15))
    assert (jan.regeling.geldig_vanaf, jan.periode_begin, jan.bedrag_cent) == (date(2020, 1, 1), date(2020, 1, 1), 1900)


def test_zonder_regeling_een_duidelijke_fout(gebied, gemeente):
    hh = _een(gebied, gemeente)
    with pytest.raises(ValueError, match="geen eigen-bijdrageregeling"):
        bereken(hh, date(2014, 6, 1))


def test_periodeberekening_en_auditrecord_in_een_transactie(gebied, gemeente, monkeypatch):
    from keukentafel.accounts import audit
    from keukentafel.accounts.models import AuditActie, AuditRecord

    hh = _een(gebied, gemeente)
    bereken_periode(gemeente, date(2022, 3, 1))
    log = AuditRecord.objects.get(actie=AuditActie.WIJZIGEN, object_type="Bijdrageregeling")
    assert "01-03-2022 t/m 31-03-2022" in log.omschrijving and "1 huishoudens" in log.omschrijving
    voorziening(gemeente, hh.leden.get().persoon, hh, categorie="01")

    def kapot(*args, **kwargs):
        raise RuntimeError("audit niet beschikbaar")

    monkeypatch.setattr(audit, "log", kapot)
    voor = list(Bijdrageberekening.objects.values_list("huishouden_id", "kostprijs_cent", "berekend_op"))
    with pytest.raises(RuntimeError):
        bereken_periode(gemeente, date(2022, 3, 1))
    assert list(Bijdrageberekening.objects.values_list("huishouden_id", "kostprijs_cent", "berekend_op")) == voor  # rolled back
    with pytest.raises(RuntimeError):
        bereken_periode(gemeente, date(2022, 4, 1))
    assert not Bijdrageberekening.objects.filter(periode_begin=date(2022, 4, 1)).exists()


def test_herberekening_is_idempotent_en_vervangt(gebied, gemeente):
    hh = _een(gebied, gemeente)
    tweede = _een(gebied, gemeente)
    eerste = bereken_periode(gemeente, date(2022, 3, 1))
    rijen = dict(Bijdrageberekening.objects.values_list("huishouden_id", "bedrag_cent"))
    opnieuw = bereken_periode(gemeente, date(2022, 3, 10))
    assert eerste.aantal_huishoudens == opnieuw.aantal_huishoudens == 2
    assert dict(Bijdrageberekening.objects.values_list("huishouden_id", "bedrag_cent")) == rijen
    tweede.voorzieningen.update(status=VoorzieningStatus.INGETROKKEN, reden_wijziging=RedenWijziging.VERWIJDERD)
    derde = bereken_periode(gemeente, date(2022, 3, 1))
    assert derde.aantal_huishoudens == 1 and derde.verwijderd == 1
    assert list(Bijdrageberekening.objects.values_list("huishouden_id", flat=True)) == [hh.pk]
