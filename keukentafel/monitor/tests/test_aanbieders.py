"""Providers (monitor, issue 4 §1) and the declaration pre-aggregate: known answers per column, the small-cell rule,
the incremental refresh after a 323 equal to a full rebuild, and a constant number of queries."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from keukentafel.beleid.models import Beleidsinstelling, Sleutel
from keukentafel.berichten.models import Declaratie, Prestatie
from keukentafel.berichten.tests.conftest import (  # noqa: F401  (fixtures)
    aanbieder,
    gebied,
    gemeente,
    huishouden,
    jeugdige,
    medewerker,
    persoon,
    product_jeugd,
    product_wmo,
    zin_toewijzing,
)
from keukentafel.berichten.tests.test_declaraties import FEB, MRT, regel, stuur
from keukentafel.monitor.aggregaat import declaratiecijfers, herbouw, ververs
from keukentafel.monitor.indicatoren import aanbieders
from keukentafel.monitor.models import Declaratieaggregaat
from keukentafel.monitor.periode import periode
from keukentafel.monitor.selectie import Selectie
from keukentafel.testing.factories import AanbiederFactory, GebiedFactory, GemeenteFactory, PersoonFactory, RegioFactory
from keukentafel.testing.istandaarden import istandaarden_map

from .test_bereik import grant

pytestmark = pytest.mark.django_db
JAAR = periode(2026)


def _rijen(t) -> dict[str, list[str]]:
    return {label: [str(c) for c in cellen] for label, cellen in t.rijen}


def _aggregaat() -> list[tuple]:
    return sorted(Declaratieaggregaat.objects.values_list(
        "gemeente_id", "aanbieder_id", "wet", "productcategorie", "maand", "regels", "afgekeurde_regels", "ingediend_cent",
        "toegekend_cent",
    ))


@pytest.fixture
def markt():
    """Lisse: aanbieder A with five clients (ZIN all of 2026 at 100 cents a day: 36,500 each), B with two, a pgb
    without provider; declarations in the aggregate for A and B in 2026, and noise outside the selection."""
    regio = RegioFactory(naam="Testregio")
    lisse = GemeenteFactory(naam="Lisse", regio=regio, inwoners=1000)
    noord = GebiedFactory(gemeente=lisse, inwoners=1000)
    a, b = AanbiederFactory(naam="Aanbieder A"), AanbiederFactory(naam="Aanbieder B")
    for _ in range(5):
        grant(PersoonFactory(gebied=noord), lisse, aanbieder=a)
    for _ in range(2):
        grant(PersoonFactory(gebied=noord), lisse, aanbieder=b)
    grant(PersoonFactory(gebied=noord), lisse, lv="pgb")
    elders = GemeenteFactory(regio=RegioFactory(naam="Elders"))
    agg = Declaratieaggregaat.objects.create
    agg(gemeente=lisse, aanbieder=a, wet="wmo", productcategorie="02", maand=date(2026, 1, 1), regels=12, afgekeurde_regels=4,
        ingediend_cent=60000, toegekend_cent=50000)
    agg(gemeente=lisse, aanbieder=a, wet="wmo", productcategorie="02", maand=date(2026, 7, 1), regels=8, afgekeurde_regels=2,
        ingediend_cent=40000, toegekend_cent=30000)
    agg(gemeente=lisse, aanbieder=b, wet="wmo", productcategorie="02", maand=date(2026, 2, 1), regels=3, afgekeurde_regels=1,
        ingediend_cent=9000, toegekend_cent=6000)
    agg(gemeente=lisse, aanbieder=a, wet="wmo", productcategorie="02", maand=date(2025, 12, 1), regels=99, afgekeurde_regels=9,
        ingediend_cent=1, toegekend_cent=1)
    agg(gemeente=elders, aanbieder=a, wet="wmo", productcategorie="02", maand=date(2026, 1, 1), regels=99, afgekeurde_regels=9,
        ingediend_cent=1, toegekend_cent=1)
    return {"regio": regio, "lisse": lisse, "a": a, "b": b}


def test_aanbieder_clienten_verplichting_ingediend_toegekend_en_afgekeurde_regels(markt):
    t = aanbieders.tabel_aanbieders(Selectie(regio=markt["regio"], periode=JAAR))
    assert [label for label, _ in t.rijen] == ["Aanbieder A", "Aanbieder B"]  # most clients first; pgb has no provider
    r = _rijen(t)
    assert r["Aanbieder A"] == ["5", "€ 1.825,00", "€ 365,00", "€ 1.000,00", "€ 800,00", "20", "6", "30,00"]
    # Two clients: every amount and the small counts hidden.
    assert r["Aanbieder B"] == ["< 5"] * 8
    assert t.links["Aanbieder A"] == f"?lijst=aanbieders&sleutel={markt['a'].pk}"
    assert aanbieders.LIJSTEN["aanbieders"](Selectie(regio=markt["regio"], periode=JAAR), str(markt["b"].pk)).count() == 2


def test_aanbieder_in_een_kwartaal_telt_alleen_de_maanden_van_dat_kwartaal(markt):
    r = _rijen(aanbieders.tabel_aanbieders(Selectie(regio=markt["regio"], periode=periode(2026, 1))))
    assert r["Aanbieder A"][3:] == ["€ 600,00", "€ 500,00", "12", "< 5", "< 5"]


def test_aanbieder_met_declaraties_maar_zonder_client_in_de_selectie_is_afgeschermd(markt):
    c = AanbiederFactory(naam="Aanbieder C")
    Declaratieaggregaat.objects.create(gemeente=markt["lisse"], aanbieder=c, wet="wmo", productcategorie="02",
                                       maand=date(2026, 5, 1), regels=40, ingediend_cent=70000, toegekend_cent=70000)
    r = _rijen(aanbieders.tabel_aanbieders(Selectie(regio=markt["regio"], periode=JAAR)))
    assert r["Aanbieder C"][:5] == ["0", "€ 0,00", "–", "< 5", "< 5"]


def test_filter_op_categorie_geldt_ook_voor_de_declaraties(markt):
    r = _rijen(aanbieders.tabel_aanbieders(Selectie(regio=markt["regio"], periode=JAAR, categorie="wmo:01")))
    assert r == {}


def test_aantal_queries_groeit_niet_met_de_aanbieders(markt):
    s = Selectie(regio=markt["regio"], periode=JAAR)
    with CaptureQueriesContext(connection) as eerst:
        aanbieders.tabellen(s)
    for _ in range(4):
        x = AanbiederFactory()
        grant(PersoonFactory(gebied=markt["lisse"].gebieden.first()), markt["lisse"], aanbieder=x)
        Declaratieaggregaat.objects.create(gemeente=markt["lisse"], aanbieder=x, wet="wmo", productcategorie="02",
                                           maand=date(2026, 3, 1), regels=1)
    s = replace(s)  # a fresh selection: it reads its gemeenten once
    with CaptureQueriesContext(connection) as daarna:
        aanbieders.tabellen(s)
    assert len(daarna) == len(eerst)


# --- the pre-aggregate after a real 323 ---------------------------------------------------------------------------

@pytest.fixture
def _xsd(settings, tmp_path):
    istandaarden_map()
    settings.BERICHTEN_DIR = tmp_path / "berichten"


@pytest.mark.usefixtures("_xsd")
def test_verwerkte_declaratie_werkt_het_aggregaat_bij_en_herbouw_geeft_dezelfde_rijen(
    zin_toewijzing, aanbieder, gemeente, django_capture_on_commit_callbacks,  # noqa: F811
):
    goed = regel(zin_toewijzing, "GOED")  # January: 16 hours × € 54
    fout = regel(zin_toewijzing, "FOUT", begindatum=date(2026, 2, 1), einddatum=date(2026, 2, 28), volume=1, tarief_cent=5500)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        stuur(aanbieder, gemeente, [goed, fout], periode=FEB)
    assert len(callbacks) >= 1
    g, a = gemeente.pk, aanbieder.pk
    assert _aggregaat() == [
        (g, a, "wmo", "02", date(2026, 1, 1), 1, 0, 86400, 86400),
        (g, a, "wmo", "02", date(2026, 2, 1), 1, 1, 5500, 0),
    ]
    maart = regel(zin_toewijzing, "MAART", begindatum=date(2026, 3, 2), einddatum=date(2026, 3, 29), volume=4)
    with django_capture_on_commit_callbacks(execute=True):
        stuur(aanbieder, gemeente, [maart], periode=MRT)
    na_invoer = _aggregaat()
    p = Prestatie.objects.get(referentienummer="MAART")
    assert len(na_invoer) == 3 and na_invoer[2][4:] == (
        date(2026, 3, 1), 1, 0 if p.goedgekeurd else 1, 4 * 5400, p.toegekend_cent
    )
    herbouw()
    assert _aggregaat() == na_invoer
    # A stale row is put right by refreshing the declarations that touch its key; other keys stay as they are.
    Declaratieaggregaat.objects.filter(maand=date(2026, 1, 1)).update(regels=77)
    assert ververs([]) == 0
    ververs(Declaratie.objects.filter(periode_begin=FEB[0]).values_list("pk", flat=True))
    assert _aggregaat() == na_invoer
    call_command("monitor_verversen")
    assert _aggregaat() == na_invoer


@pytest.mark.usefixtures("_xsd")
def test_declaratiecijfers_uit_aggregaat_en_uit_prestaties_per_gebied_zijn_gelijk(
    zin_toewijzing, aanbieder, gemeente, gebied, django_capture_on_commit_callbacks,  # noqa: F811
):
    Beleidsinstelling.objects.create(sleutel=Sleutel.MONITOR_CELDREMPEL, gemeente=gemeente, waarde=1,
                                     geldig_vanaf=date(2020, 1, 1), bron="test")
    goed = regel(zin_toewijzing, "GOED")
    fout = regel(zin_toewijzing, "FOUT", begindatum=date(2026, 2, 1), einddatum=date(2026, 2, 28), volume=1, tarief_cent=5500)
    with django_capture_on_commit_callbacks(execute=True):
        stuur(aanbieder, gemeente, [goed, fout], periode=FEB)
    heel = declaratiecijfers(Selectie(regio=gemeente.regio, periode=periode(2026, 1)), per_aanbieder=True)
    per_gebied = declaratiecijfers(Selectie(regio=gemeente.regio, periode=periode(2026, 1), gebied=gebied), per_aanbieder=True)
    assert heel == per_gebied
    assert (heel[aanbieder.pk].regels, heel[aanbieder.pk].afgekeurd, heel[aanbieder.pk].toegekend_cent) == (2, 1, 86400)
    r = _rijen(aanbieders.tabel_aanbieders(Selectie(regio=gemeente.regio, periode=periode(2026, 1), gebied=gebied)))
    assert r[aanbieder.naam][3:] == ["€ 919,00", "€ 864,00", "2", "1", "50,00"]
    # Another gebied: the client does not live there, so nothing declared either.
    leeg = declaratiecijfers(Selectie(regio=gemeente.regio, periode=periode(2026, 1), gebied=GebiedFactory(gemeente=gemeente)),
                             per_aanbieder=True)
    assert leeg == {}
