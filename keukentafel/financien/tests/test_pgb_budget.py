"""PGB budget rules: budget per period and frequency, spending sums, remaining, the two signals and the threshold."""

from __future__ import annotations

from datetime import date

import pytest

from keukentafel.financien import pgb
from keukentafel.financien.models import Pgbimport, PgbSignaalgrens, Pgbuitgave
from keukentafel.financien.prognose import standaard_peildatum
from keukentafel.testing.factories import GemeenteFactory, ProductFactory

from .fixtures_pgb import pgb_voorziening

pytestmark = pytest.mark.django_db


def _uitgave(v, bedrag: int, begin: date, eind: date | None = None, kenmerk: str | None = None) -> Pgbuitgave:
    imp = Pgbimport.objects.create(gemeente=v.gemeente, bestandsnaam="t.csv", sha256=f"{Pgbimport.objects.count():064d}")
    return Pgbuitgave.objects.create(
        pgbimport=imp, gemeente=v.gemeente, voorziening=v, kenmerk=kenmerk or f"K{Pgbuitgave.objects.count() + 1}",
        periode_begin=begin, periode_eind=eind or begin, betaaldatum=eind or begin, bedrag_cent=bedrag,
    )


def test_budget_per_week_is_omvang_maal_tarief_per_dag_naar_rato():
    v = pgb_voorziening(GemeenteFactory(), omvang=3, frequentie="2", tarief=5000)
    assert pgb.jaarbudget(v, 2026) == 782143  # 3 × € 50 × 365 / 7 = 782142,86 → 782143
    assert pgb.jaarbudget(v, 2027) == 0


def test_budget_per_maand_over_een_vol_jaar_is_twaalf_maanden():
    v = pgb_voorziening(GemeenteFactory(), omvang=10, frequentie="4", tarief=5000)
    assert pgb.jaarbudget(v, 2026) == 12 * 10 * 5000


def test_budget_per_dag():
    v = pgb_voorziening(GemeenteFactory(), omvang=1, frequentie="1", tarief=10000, begindatum=date(2026, 3, 1), einddatum=date(2026, 3, 31))
    assert pgb.jaarbudget(v, 2026) == 31 * 10000


def test_budget_totaal_wordt_over_de_jaren_verdeeld_en_telt_op():
    v = pgb_voorziening(GemeenteFactory(), omvang=40, frequentie="6", tarief=5000, begindatum=date(2026, 7, 1), einddatum=date(2027, 6, 30))
    assert pgb.jaarbudget(v, 2026) == 100822  # 200000 × 184 / 365
    assert pgb.jaarbudget(v, 2027) == 99178
    assert pgb.jaarbudget(v, 2026) + pgb.jaarbudget(v, 2027) == 40 * 5000


@pytest.mark.parametrize("frequentie,omvang", [("1", 2), ("2", 3), ("4", 7), ("6", 100)])
def test_maandbudgetten_tellen_op_tot_het_jaarbudget_en_volgen_de_dagen(frequentie, omvang):
    v = pgb_voorziening(GemeenteFactory(), omvang=omvang, frequentie=frequentie, tarief=4321, begindatum=date(2026, 2, 10),
                        einddatum=date(2026, 11, 20))
    maanden = pgb.maandbudgetten(v, 2026)
    assert sum(maanden) == pgb.jaarbudget(v, 2026)
    assert maanden[0] == 0 and maanden[11] == 0  # no days in January and December
    assert maanden[2] > maanden[1]  # 31 days in March, 19 in February


def test_pgb_tarief_komt_uit_de_pgbtoekenning():
    v = pgb_voorziening(GemeenteFactory(), tarief=5000)
    v.tarief_cent = 9999  # a diverging copy on the grant does not count
    assert pgb.pgb_tarief(v) == 5000


@pytest.mark.parametrize("frequentie,omvang,gelijk", [("1", 2, True), ("6", 100, True), ("2", 3, False), ("4", 7, False)])
def test_beschikkingsbudget_verschilt_hooguit_een_eenheid(frequentie, omvang, gelijk):
    """The beschikking rounds units up (besluiten.regels.totaal_eenheden); day and totaal agree exactly."""
    v = pgb_voorziening(GemeenteFactory(), omvang=omvang, frequentie=frequentie, tarief=5000)
    verschil = v.pgb.budget_cent - pgb.looptijdbudget(v)
    assert (verschil == 0) if gelijk else (0 <= verschil <= 5000 * 2)


def test_uitgaven_worden_opgeteld_per_voorziening_en_maand_met_correcties():
    g = GemeenteFactory()
    v, w = pgb_voorziening(g), pgb_voorziening(g)
    _uitgave(v, 10000, date(2026, 1, 1))
    _uitgave(v, 20000, date(2026, 2, 1))
    _uitgave(v, -2500, date(2026, 2, 1))  # correction
    _uitgave(v, 99999, date(2025, 12, 1))  # another year
    _uitgave(w, 5000, date(2026, 3, 1))
    assert pgb.uitgegeven_per_voorziening(g, 2026) == {v.pk: 27500, w.pk: 5000}
    maanden = pgb.uitgegeven_per_maand(v, 2026)
    assert maanden[:3] == [10000, 17500, 0]
    assert pgb.uitgegeven_per_voorziening(GemeenteFactory(), 2026) == {}


def test_uitgaven_tellen_in_het_jaar_van_periode_begin():
    g = GemeenteFactory()
    v = pgb_voorziening(g, begindatum=date(2025, 1, 1), einddatum=date(2026, 12, 31))
    _uitgave(v, 7000, date(2025, 12, 15), date(2026, 1, 11))
    assert pgb.uitgegeven_per_voorziening(g, 2025) == {v.pk: 7000}
    assert pgb.uitgegeven_per_voorziening(g, 2026) == {}


def test_resterend_is_budget_min_besteed():
    g = GemeenteFactory()
    v = pgb_voorziening(g, omvang=10, frequentie="4", tarief=5000)
    _uitgave(v, 150000, date(2026, 1, 1))
    b = pgb.budgetdetail(v, 2026, date(2026, 6, 30)).budget
    assert (b.budget_cent, b.uitgegeven_cent, b.resterend_cent) == (600000, 150000, 450000)


# --- the signal -------------------------------------------------------------------------------------


def test_voorloop_grens_precies_op_de_grens_geeft_geen_signaal():
    # budget 120000, half the period elapsed (50%), threshold 10: spent 60% exactly is not MORE than 10 points ahead
    kwargs = dict(budget_cent=120000, verstreken_dagen=50, periode_dagen=100, grens_procentpunten=10)
    assert pgb.signaal(uitgegeven_cent=72000, **kwargs) == pgb.GEEN
    assert pgb.signaal(uitgegeven_cent=72001, **kwargs) == pgb.VOORLOOP


def test_overschreden_gaat_boven_voorloop_en_begint_boven_het_budget():
    kwargs = dict(budget_cent=120000, verstreken_dagen=50, periode_dagen=100, grens_procentpunten=10)
    assert pgb.signaal(uitgegeven_cent=120000, **kwargs) == pgb.VOORLOOP
    assert pgb.signaal(uitgegeven_cent=120001, **kwargs) == pgb.OVERSCHREDEN
    assert pgb.signaal(budget_cent=0, uitgegeven_cent=1, verstreken_dagen=0, periode_dagen=0, grens_procentpunten=10) == pgb.OVERSCHREDEN


def test_zonder_grens_alleen_overschrijding():
    kwargs = dict(budget_cent=120000, verstreken_dagen=0, periode_dagen=100, grens_procentpunten=None)
    assert pgb.signaal(uitgegeven_cent=119000, **kwargs) == pgb.GEEN
    assert pgb.signaal(uitgegeven_cent=120001, **kwargs) == pgb.OVERSCHREDEN


def test_signaalgrens_van_de_gemeente_gaat_voor_de_standaard_en_is_gedateerd():
    g = GemeenteFactory()
    standaard = pgb.signaalgrens(g, date(2026, 6, 1))
    assert standaard is not None and standaard.gemeente is None and standaard.procentpunten == 10  # migration 0002_pgb_standaard
    PgbSignaalgrens.objects.create(gemeente=g, procentpunten=5, geldig_vanaf=date(2026, 1, 1), geldig_tot=date(2026, 6, 30), bron="Besluit")
    assert pgb.signaalgrens(g, date(2026, 6, 1)).procentpunten == 5
    assert pgb.signaalgrens(g, date(2026, 7, 1)).procentpunten == 10
    assert pgb.signaalgrens(GemeenteFactory(), date(2026, 6, 1)).procentpunten == 10


def test_overzicht_signaleert_voorloop_en_overschrijding_met_de_grens_van_de_gemeente():
    g = GemeenteFactory()
    PgbSignaalgrens.objects.create(gemeente=g, procentpunten=20, geldig_vanaf=date(2026, 1, 1), bron="Besluit")
    op_koers = pgb_voorziening(g, omvang=10, frequentie="4", tarief=10000)  # 1.200.000 per year
    voor = pgb_voorziening(g, omvang=10, frequentie="4", tarief=10000)
    over = pgb_voorziening(g, omvang=10, frequentie="4", tarief=10000, product=ProductFactory(productcategorie="01"))
    peildatum = date(2026, 7, 2)  # 183 of 365 days elapsed: 50.1%
    _uitgave(op_koers, 600000, date(2026, 1, 1))
    _uitgave(voor, 850000, date(2026, 1, 1))  # 70.8%: more than 20 points ahead
    _uitgave(over, 1200001, date(2026, 1, 1))
    o = pgb.overzicht(g, 2026, peildatum)
    signalen = {b.voorziening_id: b.signaal for b in o.budgetten}
    assert signalen == {op_koers.pk: pgb.GEEN, voor.pk: pgb.VOORLOOP, over.pk: pgb.OVERSCHREDEN}
    assert {b.voorziening_id for b in o.signalen} == {voor.pk, over.pk}
    per_cat = {c.productcategorie: c for c in o.categorieen}
    assert per_cat["02"].budget_cent == 2400000 and per_cat["02"].uitgegeven_cent == 1450000 and per_cat["02"].signalen == 1
    assert per_cat["01"].resterend_cent == -1
    assert o.totaal.budget_cent == 3600000 and o.totaal.uitgegeven_cent == 2650001
    # with the standard threshold (10) the 'op koers' grant stays quiet, 'voor' still signals
    PgbSignaalgrens.objects.filter(gemeente=g).delete()
    assert {b.voorziening_id: b.signaal for b in pgb.overzicht(g, 2026, peildatum).budgetten}[op_koers.pk] == pgb.GEEN


def test_verstreken_deel_is_dat_van_de_periode_van_de_toewijzing_in_het_jaar():
    g = GemeenteFactory()
    v = pgb_voorziening(g, omvang=10, frequentie="1", tarief=1000, begindatum=date(2026, 7, 1), einddatum=date(2026, 7, 10))
    _uitgave(v, 60000, date(2026, 7, 1))  # 60% spent on day 5 of 10 (50%): not more than 10 points ahead
    b = pgb.budgetdetail(v, 2026, date(2026, 7, 5)).budget
    assert (b.verstreken_dagen, b.periode_dagen, b.signaal) == (5, 10, pgb.GEEN)
    _uitgave(v, 1, date(2026, 7, 1))
    assert pgb.budgetdetail(v, 2026, date(2026, 7, 5)).budget.signaal == pgb.VOORLOOP


def test_andere_leveringsvormen_en_gemeenten_tellen_niet_mee():
    from keukentafel.testing.factories import ToegewezenVoorzieningFactory

    g = GemeenteFactory()
    pgb_voorziening(g)
    ToegewezenVoorzieningFactory(gemeente=g)  # ZIN
    pgb_voorziening(GemeenteFactory())
    assert len(pgb.overzicht(g, 2026, date(2026, 3, 1)).budgetten) == 1


def test_standaard_peildatum():
    assert standaard_peildatum(2026, date(2026, 5, 3)) == date(2026, 5, 3)
    assert standaard_peildatum(2025, date(2026, 5, 3)) == date(2025, 12, 31)
    assert standaard_peildatum(2027, date(2026, 5, 3)) == date(2026, 12, 31)
