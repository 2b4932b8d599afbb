"""The demo catalogue and the grants: loaded once at a small scale, checked against the seeds and the grant rules."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import datetime, time, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from keukentafel.aanbod.beheer import Kwaliteit, kwaliteitsstatus
from keukentafel.aanbod.catalogus import algemene_voorzieningen_voor
from keukentafel.aanbod.models import Aanbieder, AlgemeneVoorziening, Contract, Pakketniveau, Product, SoortContract, Tarief
from keukentafel.aanbod.services import contracttarief
from keukentafel.accounts.models import Gebied, Gemeente, Medewerker
from keukentafel.beleid.models import Beleidsinstelling, Sleutel
from keukentafel.besluiten.models import (
    Aanvraag,
    AanvraagStatus,
    Beschikking,
    Besluit,
    Bezwaar,
    Grondslag,
    Herbeoordeling,
    Klacht,
    Leveringsvorm,
    Rechtmatigheidstoets,
    ToegewezenVoorziening,
    ToetsUitkomst,
    Verwijzing,
    Voorzieningmutatie,
    VoorzieningStatus,
)
from keukentafel.codelijsten import Eenheid, Frequentie, ProductcategorieJeugd, ProductcategorieWmo, Wet, redenen_beeindiging
from keukentafel.demo import gegevens_aanbod as ga
from keukentafel.demo.generator import laad_demoregio
from keukentafel.plannen.models import Actie, Trede

SCHAAL = 0.1

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demoregio(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        resultaat = laad_demoregio(schaal=SCHAAL)
        yield resultaat
        transaction.set_rollback(True)


def middernacht() -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(), time(0, 0)))


# --- catalogue ---------------------------------------------------------------------------------------


def test_ongeveer_75_aanbieders_met_unieke_agb_code_en_kwaliteitsbewijzen(demoregio):
    aanbieders = list(Aanbieder.objects.prefetch_related("kwaliteitsbewijzen"))
    assert 70 <= len(aanbieders) <= 85  # seed 002: "meer dan 50 zorgaanbieders"
    agb = [a.agb_code for a in aanbieders]
    assert len(set(agb)) == len(agb) and all(len(c) == 8 and c.isdigit() for c in agb)
    assert all(len(a.kvk_nummer) == 8 for a in aanbieders)
    gemeente = Gemeente.objects.first()
    vandaag = timezone.localdate()
    verlopen = [a for a in aanbieders if any(s.status == Kwaliteit.VERLOPEN for s in kwaliteitsstatus(a, gemeente, vandaag))]
    assert {a.naam for a in verlopen} == {d.naam for d in ga.AANBIEDERS if d.verlopen}
    assert all(s.status != Kwaliteit.ONTBREEKT for a in aanbieders for s in kwaliteitsstatus(a, gemeente, vandaag))


def test_aanbieder_met_verlopen_bewijs_krijgt_geen_nieuwe_toewijzingen(demoregio):
    for a in Aanbieder.objects.filter(naam__in=[d.naam for d in ga.AANBIEDERS if d.verlopen]):
        verlopen_op = a.kwaliteitsbewijzen.filter(geldig_tot__isnull=False, soort__in=["vog_beleid", "meldcode"]).latest("geldig_tot")
        assert not ToegewezenVoorziening.objects.filter(aanbieder=a, toegekend_op__gt=verlopen_op.geldig_tot).exists()


def test_producten_met_officiele_codes_eenheid_en_frequentie(demoregio):
    producten = list(Product.objects.all())
    assert len(producten) == len(ga.PRODUCTEN)
    for p in producten:
        codes = ProductcategorieJeugd.values if p.wet == Wet.JEUGDWET else ProductcategorieWmo.values
        assert p.productcategorie in codes and 1 <= len(p.productcode) <= 5
        assert p.productcode.startswith(p.productcategorie)
        assert p.eenheid in Eenheid.values and p.frequentie in Frequentie.values
    assert {p.productcategorie for p in producten if p.wet == Wet.WMO} >= {"01", "02", "03", "04", "07", "08", "11", "13", "15"}
    assert {p.productcategorie for p in producten if p.wet == Wet.JEUGDWET} >= {"43", "44", "45", "46", "54"}
    assert not Product.objects.filter(productcategorie__in=["43", "44", "46"], pgb_mogelijk=True).exists()
    assert Product.objects.get(productcode="04A01").eenheid == Eenheid.ETMAAL


def test_algemene_voorzieningen_per_gebied_en_gemeente(demoregio):
    totaal = AlgemeneVoorziening.objects.count()
    assert 40 <= totaal <= 60
    for gebied in Gebied.objects.prefetch_related("algemene_voorzieningen", "postcodes"):
        eigen = list(gebied.algemene_voorzieningen.all())
        assert eigen, gebied
        assert all(av.postcode[:4] in {pc.pc4 for pc in gebied.postcodes.all()} for av in eigen), gebied
    for gemeente in Gemeente.objects.all():
        beschikbaar = algemene_voorzieningen_voor(gemeente)
        assert beschikbaar.filter(categorie="maaltijden").exists() and beschikbaar.filter(categorie="mantelzorg").exists()
        assert beschikbaar.filter(gemeente__isnull=True).exists()  # the regional ones count for every gemeente
    maaltijd = AlgemeneVoorziening.objects.filter(categorie="maaltijden").first()
    assert (maaltijd.kosten_cent, maaltijd.kosten_toelichting) == (750, "per maaltijd")
    assert AlgemeneVoorziening.objects.filter(kosten_cent=0).count() > totaal / 2  # most are free
    assert AlgemeneVoorziening.objects.filter(naam__startswith="Wijkcentrum De Hof van Sassenheim").exists()  # the Jordi case


def test_contracten_regionaal_lokaal_lumpsum_en_subsidie(demoregio):
    for a in Aanbieder.objects.all():
        assert a.contracten.exists(), a
    contracten = Contract.objects.all()
    assert contracten.filter(soort=SoortContract.RAAMOVEREENKOMST, regio__isnull=False, niveau=Pakketniveau.REGIONAAL).count() >= 40
    assert contracten.filter(niveau=Pakketniveau.LOKAAL, gemeente__isnull=False, soort=SoortContract.INKOOPCONTRACT).count() >= 10
    assert contracten.filter(soort=SoortContract.LUMPSUM).exists() and contracten.filter(soort=SoortContract.SUBSIDIE).count() >= 5
    assert contracten.filter(budgetplafond_cent__isnull=False).exclude(soort=SoortContract.SUBSIDIE).exists()
    assert contracten.filter(volumeplafond__isnull=False).exists()
    assert contracten.filter(einddatum__lt=timezone.localdate(), aanbieder__actief=False).exists()  # a provider that stopped


def test_jaarlijkse_tarieven_met_indexatie_in_plausibele_bandbreedtes(demoregio):
    per_reeks = defaultdict(list)
    for t in Tarief.objects.select_related("product").order_by("geldig_vanaf"):
        per_reeks[(t.contract_id, t.product_id)].append(t)
    jaren = {t.geldig_vanaf.year for reeks in per_reeks.values() for t in reeks}
    assert timezone.localdate().year in jaren and len(jaren) >= 2
    bandbreedte = {"01A01": (2800, 3700), "02A01": (5500, 7000), "07A01": (4400, 5600), "04A01": (12000, 16000)}
    for reeks in per_reeks.values():
        eerste = reeks[0]
        if eerste.product.productcode in bandbreedte:
            laag, hoog = bandbreedte[eerste.product.productcode]
            assert laag <= eerste.tarief_cent <= hoog, eerste
        for vorig, volgend in zip(reeks, reeks[1:], strict=False):
            assert vorig.geldig_tot == volgend.geldig_vanaf - timedelta(days=1)  # as aanbod.beheer.leg_tarief_vast does
            assert 1.025 <= volgend.tarief_cent / vorig.tarief_cent <= 1.035  # ≈ +3% indexation
        assert reeks[-1].geldig_tot is None or reeks[-1].contract.einddatum is not None


def test_beleid_ja_tenzij_per_gemeente_met_bron(demoregio):
    for gemeente in Gemeente.objects.all():
        instelling = Beleidsinstelling.objects.get(sleutel=Sleutel.INDICATIEVRIJ, gemeente=gemeente)
        assert set(instelling.waarde) == {"wmo:02", "wmo:07", "jeugdwet:45"}
        assert "000_9b14841e6fe6ddc8.txt" in instelling.bron and "uitgangspunt 4" in instelling.bron


# --- grants ------------------------------------------------------------------------------------------


def test_verdeling_zin_en_pgb_volgens_de_startfoto(demoregio):
    grants = ToegewezenVoorziening.objects.all()
    n = grants.count()
    assert n >= 50
    pgb = grants.filter(leveringsvorm=Leveringsvorm.PGB).count() / n
    assert abs(pgb - 0.21) <= 0.04  # seed 002: 79% in natura, 21% pgb
    assert grants.filter(leveringsvorm=Leveringsvorm.PVB).exists()


def test_zin_en_pvb_bij_een_gecontracteerde_aanbieder_tegen_het_contracttarief(demoregio):
    for v in ToegewezenVoorziening.objects.exclude(leveringsvorm=Leveringsvorm.PGB).select_related("product", "aanbieder", "gemeente"):
        assert v.aanbieder is not None and v.contract_id is not None, v
        ct = contracttarief(v.aanbieder, v.product, v.gemeente, v.begindatum)
        assert ct is not None and ct.contract.pk == v.contract_id and ct.tarief_cent == v.tarief_cent, v


def test_pgb_met_persoonlijk_plan_budgetvaardigheid_en_tarief_onder_het_maximum(demoregio):
    pgbs = ToegewezenVoorziening.objects.filter(leveringsvorm=Leveringsvorm.PGB).select_related("pgb", "product")
    assert pgbs.exists()
    for v in pgbs:
        p = v.pgb
        assert v.aanbieder_id is None and v.product.pgb_mogelijk
        assert p.persoonlijk_plan and p.motivering_geen_zin
        assert p.budgetvaardig or p.budgetbeheerder
        assert 0 < p.pgb_tarief_cent <= p.maximum_tarief_cent and v.tarief_cent == p.pgb_tarief_cent
        assert not p.sociaal_netwerk_betaald or p.uitzondering_sociaal_netwerk


def test_geen_twee_lopende_toewijzingen_van_hetzelfde_product_overlappen(demoregio):
    per_sleutel = defaultdict(list)
    for v in ToegewezenVoorziening.objects.lopend():
        per_sleutel[(v.persoon_id, v.product_id)].append(v)
    for reeks in per_sleutel.values():
        reeks.sort(key=lambda v: v.begindatum)
        for eerder, later in zip(reeks, reeks[1:], strict=False):
            assert eerder.einddatum is not None and eerder.einddatum < later.begindatum, (eerder, later)


def test_elke_grondslag_met_zijn_besluit(demoregio):
    grants = ToegewezenVoorziening.objects.select_related("product", "verwijzing", "beschikking")
    # Grants on a provider's request (315) arise from message traffic and legal referrals from the jeugd demo,
    # not from the region load.
    assert {v.grondslag for v in grants} == set(Grondslag.values) - {Grondslag.VERZOEK, Grondslag.WETTELIJKE_VERWIJZING}
    for v in grants:
        if v.grondslag == Grondslag.VERWIJZING:
            assert v.verwijzing.volledig_getekend and v.leveringsvorm == Leveringsvorm.ZIN
            assert f"{v.product.wet}:{v.product.productcategorie}" in ga.INDICATIEVRIJ
        elif v.grondslag == Grondslag.BESCHIKKING:
            assert v.beschikking.besluit in (Besluit.TOEKENNING, Besluit.GEDEELTELIJKE_TOEKENNING)
            # Crisisopvang starts at once; its beschikking follows within days.
            assert v.beschikking.datum_afgifte <= v.begindatum or v.product.productcategorie == "46"
        else:
            assert v.indicatiebron in ("CIZ", "oude Wmo", "BJZ", "pgb") and v.beschikking_id is None
            assert Herbeoordeling.objects.filter(voorziening=v, cohort__regex=r"^\d{4}-K[1-4]$").exists()


def test_werkvoorraad_open_aanvragen_afwijzingen_bezwaren_klachten_en_toetsen(demoregio):
    vandaag = timezone.localdate()
    open_ = Aanvraag.objects.filter(status=AanvraagStatus.OPEN)
    assert open_.filter(uiterste_beslisdatum__lt=vandaag).exists()  # overdue
    assert open_.filter(uiterste_beslisdatum__gte=vandaag).exists()
    assert Beschikking.objects.filter(besluit=Besluit.AFWIJZING).exists()
    assert Bezwaar.objects.exists() and Klacht.objects.exists()
    assert Verwijzing.objects.filter(getekend_aanbieder_op__isnull=True, voorzieningen__isnull=True).exists()  # awaiting signature
    toetsen = Rechtmatigheidstoets.objects.all()
    assert toetsen.filter(uitkomst=ToetsUitkomst.OPEN).exists()
    # The policy's 10% sample (at least one) of each quarter's grants, per gemeente.
    per_kwartaal = Counter(
        (v.gemeente_id, v.toegekend_op.year, (v.toegekend_op.month - 1) // 3) for v in ToegewezenVoorziening.objects.all()
    )
    assert toetsen.count() == sum(math.ceil(n * 10 / 100) for n in per_kwartaal.values())
    assert Herbeoordeling.objects.filter(afgerond_op__isnull=True).exists()


def test_beeindigde_toewijzingen_hebben_een_reden_uit_de_codelijst(demoregio):
    beeindigd = ToegewezenVoorziening.objects.filter(status=VoorzieningStatus.BEEINDIGD).select_related("product")
    assert beeindigd.exists()
    for v in beeindigd:
        assert v.reden_beeindiging in redenen_beeindiging(v.product.wet).values and v.einddatum is not None


def test_generalist_sassenheim_heeft_open_aanvragen_op_de_werklijst(demoregio):
    generalist = Medewerker.objects.get(username="generalist.sassenheim")
    open_ = Aanvraag.objects.filter(behandelaar=generalist, status=AanvraagStatus.OPEN)
    assert open_.count() >= 2
    assert open_.filter(uiterste_beslisdatum__lte=timezone.localdate() + timedelta(days=7)).exists()


def test_plan_acties_verwijzen_naar_de_catalogus(demoregio):
    assert not Actie.objects.filter(trede=Trede.MAATWERK, product__isnull=True).exists()
    for actie in Actie.objects.filter(trede=Trede.ALGEMENE_VOORZIENING).select_related("algemene_voorziening", "doel__plan__huishouden"):
        gemeente_id = actie.doel.plan.huishouden.gemeente_id
        assert actie.algemene_voorziening.gemeente_id in (None, gemeente_id), actie
    for aanvraag in Aanvraag.objects.filter(actie__isnull=False).select_related("actie"):
        assert aanvraag.actie.product_id == aanvraag.product_id


def test_besluiten_liggen_in_het_verleden(demoregio):
    vandaag = timezone.localdate()
    assert not ToegewezenVoorziening.objects.filter(toegekend_op__gte=vandaag).exists()
    assert not Beschikking.objects.filter(datum_afgifte__gte=vandaag).exists()
    assert not Verwijzing.objects.filter(opgesteld_op__gte=vandaag).exists()
    assert not Verwijzing.objects.filter(getekend_aanbieder_op__gte=vandaag).exists()
    assert not Voorzieningmutatie.objects.filter(tijdstip__gte=middernacht()).exists()
    assert not Aanvraag.objects.filter(aangemaakt_op__gte=middernacht()).exists()
    assert not Rechtmatigheidstoets.objects.filter(geselecteerd_op__gte=vandaag).exists()
    for v in Verwijzing.objects.all():
        assert v.kenmerk[6:10] == str(v.opgesteld_op.year)  # V0534-2025-000012
