"""The Jeugdwet and Participatiewet demo (issue 6), loaded once at a small scale after the region, the provider
simulator and the finance demo, as `demo_laden` does: the data keep the rules of both apps, the worklists have rows,
and the household Yilmaz holds three laws in one plan with one regisseur and a valid JW301."""

from __future__ import annotations

import random
from datetime import date

import pytest
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from lxml import etree

from keukentafel.accounts.models import Gemeente, Medewerker, Rol
from keukentafel.berichten import xsd
from keukentafel.berichten.aanbieder.simulator import simuleer
from keukentafel.berichten.models import Bericht, Richting, Verzoek, Verzoekstatus
from keukentafel.besluiten.models import Grondslag, ToegewezenVoorziening
from keukentafel.codelijsten import Wet
from keukentafel.demo import drie_wetten
from keukentafel.demo.generator import laad_demoregio
from keukentafel.financien.demo import laad_demo as laad_financien
from keukentafel.inwoners.models import Huishouden, Jeugdmaatregel
from keukentafel.jeugd import demo as jeugd_demo
from keukentafel.jeugd import regels as jeugdregels
from keukentafel.jeugd import services as jeugd
from keukentafel.jeugd.models import (
    Machtiging,
    Meldcodetraject,
    OvergangUitkomst,
    Verwijsindexsignaal,
    VerwijzerSoort,
    Verwijzingsbron,
    WettelijkeVerwijzing,
)
from keukentafel.jeugd.toegang import mag_veiligheid_inzien
from keukentafel.monitor import demo as monitor_demo
from keukentafel.participatie import demo as participatie_demo
from keukentafel.participatie import services as participatie
from keukentafel.participatie.models import (
    Afsluitreden,
    Instrument,
    Ladderscore,
    Plaatsing,
    SoortInstrument,
    Spoor,
    Tegenprestatie,
    Traject,
    Trajectstap,
    Vacature,
    Werkgever,
)
from keukentafel.plannen.models import DOMEIN_VAN_WET, Actie, ActieWet, Ondersteuningsplan, PlanStatus
from keukentafel.testing.istandaarden import istandaarden_map

SCHAAL = 0.05

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo as `demo_laden` loads it (without the portaal, which issue 6 does not read), rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        istandaarden_map()  # the 315/301 of the household Yilmaz are validated against the official XSDs
        laad_demoregio(schaal=SCHAAL)
        simuleer(maanden=2)
        laad_financien()
        uit: list[str] = []
        jeugd_demo.laad_demo(random.Random("jeugd:test"), uitvoer=uit.append)
        participatie_demo.laad_demo(random.Random("participatie:test"), uitvoer=uit.append)
        yilmaz = drie_wetten.laad_demo(random.Random("drie-wetten:test"), uitvoer=uit.append)
        monitor_demo.laad_demo(random.Random("ervaring:test"), uitvoer=uit.append)
        yield {"uitvoer": uit, "yilmaz": yilmaz}
        transaction.set_rollback(True)


def vandaag() -> date:
    return timezone.localdate()


def generalist_sassenheim() -> Medewerker:
    return Medewerker.objects.get(username="generalist.sassenheim")


def backoffice(gemeente: Gemeente) -> Medewerker:
    return Medewerker.objects.filter(Q(team__gebied__gemeente=gemeente) | Q(gemeente=gemeente), rol=Rol.BACKOFFICE).first()


# --- Jeugdwet ------------------------------------------------------------------------------------------------


def test_elke_jeugdtoewijzing_houdt_de_leeftijdsgrens_en_de_machtigingsregel(demo):
    grants = ToegewezenVoorziening.objects.filter(product__wet=Wet.JEUGDWET).select_related("persoon", "product", "gemeente")
    assert grants.filter(grondslag=Grondslag.WETTELIJKE_VERWIJZING).exists()
    for v in grants:
        fouten: list[tuple[str, str]] = []
        jeugdregels.controleer(v, v.gemeente, {}, fouten)
        assert fouten == [], (v.toewijzingnummer, fouten)
        if v.einddatum is not None:
            assert v.einddatum < jeugdregels.verjaardag(v.persoon, 18)  # the demo records no verlengde jeugdhulp


def test_wettelijke_verwijzing_per_gemeente_gevolgd_zonder_eigen_onderzoek_en_team_geinformeerd(demo):
    for gemeente in Gemeente.objects.all():
        brieven = WettelijkeVerwijzing.objects.filter(gemeente=gemeente, bron=Verwijzingsbron.BRIEF)
        assert brieven.count() >= 2, gemeente
        for w in brieven:
            assert w.soort in VerwijzerSoort.values and (w.naam or w.agb_code)
            [v] = w.voorzieningen.all()
            assert v.grondslag == Grondslag.WETTELIJKE_VERWIJZING and v.beschikking_id is None and v.verwijzing_id is None
            assert w.signaal is not None  # the regisseur or the gebiedsteam got a melding
            if w.actie_id:
                assert w.actie.wet == ActieWet.JEUGDWET and w.actie.product_id == v.product_id


def test_maatregel_met_de_gi_als_regisseur_en_een_machtiging_op_dossier(demo):
    for gemeente in Gemeente.objects.all():
        maatregelen = Jeugdmaatregel.objects.filter(persoon__lidmaatschappen__huishouden__gemeente=gemeente, regie__isnull=False)
        assert maatregelen.exists(), gemeente
        assert all(m.gecertificeerde_instelling.endswith("(GI)") and m.regie.jeugdbeschermer for m in maatregelen)
    m = Machtiging.objects.get()
    assert m.ingangsdatum <= vandaag() <= m.einddatum and m.einddatum < jeugdregels.verjaardag(m.persoon, 18)
    # The demo catalogue has no gesloten product: no gesloten grant, and the loader says so.
    assert not [v for v in ToegewezenVoorziening.objects.select_related("product") if jeugdregels.is_gesloten(v.product)]
    assert any("geen product gesloten jeugdhulp" in r for r in demo["uitvoer"])


def test_overgangslijst_18_heeft_per_gemeente_rijen_waarvan_een_geregeld(demo):
    for gemeente in Gemeente.objects.all():
        rijen = jeugd.overgangslijst(backoffice(gemeente), vandaag())
        assert len(rijen) >= 2, gemeente
        assert any(r.geregeld and r.overgang.uitkomst == OvergangUitkomst.WMO for r in rijen)
        assert any(not r.geregeld for r in rijen)
        assert all(r.lopend and r.achttien > vandaag() for r in rijen)
    assert jeugd.overgangslijst(generalist_sassenheim(), vandaag())  # the demo login meets it


def test_meldcode_en_verwijsindex_alleen_voor_de_regisseur_en_de_teamleider(demo):
    for traject in Meldcodetraject.objects.select_related("huishouden"):
        plan = Ondersteuningsplan.objects.open().get(huishouden=traject.huishouden)
        assert traject.vastgelegd_door_id == plan.regisseur_id and traject.afgerond_op and traject.besluit
        assert sorted(traject.stappen.values_list("stap", flat=True)) == ["1", "2", "3", "4"]
        signaal = Verwijsindexsignaal.objects.get(huishouden=traject.huishouden)
        assert mag_veiligheid_inzien(plan.regisseur, traject) and mag_veiligheid_inzien(plan.regisseur, signaal)
        teamleider = Medewerker.objects.get(rol=Rol.TEAMLEIDER, team__gebied=traject.huishouden.gebied)
        assert mag_veiligheid_inzien(teamleider, traject)
        collega = Medewerker.objects.filter(rol=Rol.GENERALIST, team__gebied=traject.huishouden.gebied).exclude(pk=plan.regisseur_id)
        assert not any(mag_veiligheid_inzien(c, traject) for c in collega)  # the gebied at large: no
        assert not mag_veiligheid_inzien(backoffice(traject.huishouden.gemeente), traject)
    assert Meldcodetraject.objects.count() == Gemeente.objects.count()


# --- Participatiewet -----------------------------------------------------------------------------------------


def test_trajecten_op_beide_sporen_met_fasen_in_volgorde_en_een_ladder_die_dit_jaar_beweegt(demo):
    trajecten = Traject.objects.all()
    assert {t.spoor for t in trajecten} == set(Spoor.values)
    for t in trajecten.filter(spoor=Spoor.WERKSPOOR):
        fasen: list[str] = []
        for s in t.stappen.filter(spoor=Spoor.WERKSPOOR).exclude(soort="afsluiting").order_by("datum", "id"):
            if not fasen or fasen[-1] != s.fase:
                fasen.append(s.fase)
        assert fasen == ["diagnose", "ontwikkeling", "matching"][: len(fasen)], t  # one step at a time, in order
    assert Trajectstap.objects.filter(soort="herbeoordeling", traject__spoor=Spoor.WERKSPOOR, verdiencapaciteit_procent__gt=40).exists()
    jan = date(vandaag().year, 1, 1)
    bewogen = 0
    for persoon_id in trajecten.values_list("persoon_id", flat=True):
        begin = participatie.huidige_trede(trajecten.filter(persoon_id=persoon_id).first().persoon, jan)
        eind = participatie.huidige_trede(trajecten.filter(persoon_id=persoon_id).first().persoon, vandaag())
        bewogen += begin is not None and eind is not None and eind.trede != begin.trede
    assert bewogen >= Gemeente.objects.count()
    assert Ladderscore.objects.filter(datum__gt=jan).exists()


def test_instrumenten_in_het_plan_op_de_participatiepost_en_lks_uit_de_loonwaarde(demo):
    soorten = set(Instrument.objects.values_list("soort", flat=True))
    assert {SoortInstrument.WERKERVARINGSPLEK, SoortInstrument.JOBCOACHING, SoortInstrument.LOONWAARDEBEPALING} <= soorten
    met_actie = Instrument.objects.filter(actie__isnull=False).select_related("actie__begrotingspost", "traject")
    assert met_actie.exists()
    for i in met_actie:
        assert i.actie.wet == ActieWet.PARTICIPATIEWET
        if i.startdatum.year == vandaag().year:
            assert i.actie.begrotingspost is not None and i.actie.begrotingspost.domein == "participatie"
    for i in Instrument.objects.filter(soort=SoortInstrument.LOONWAARDEBEPALING):
        lks = participatie.bereken_loonkostensubsidie(i.loonwaarde_procent, i.uren_per_week, i.traject.gemeente_id, i.startdatum)
        assert i.lks_per_maand_cent == lks.totaal_per_maand_cent > 0


def test_tegenprestatie_met_alle_voorwaarden_binnen_de_grenzen(demo):
    tps = list(Tegenprestatie.objects.select_related("traject"))
    assert tps
    for tp in tps:
        assert tp.naar_vermogen and tp.geen_verdringing and tp.beperkt_in_tijd_en_omvang
        assert tp.uren_per_week <= tp.grenzen["max_uren_per_week"] and tp.naar_vermogen_toelichting and tp.geen_verdringing_toelichting


def test_werkgevers_vacatures_plaatsingen_en_uitstroom_naar_werk(demo):
    for gemeente in Gemeente.objects.all():
        werkgevers = Werkgever.objects.filter(gemeente=gemeente)
        assert werkgevers.count() >= 3 and all(w.contacten.exists() for w in werkgevers)
        assert all(v.competenties.exists() for v in Vacature.objects.filter(werkgever__gemeente=gemeente))
    assert Plaatsing.objects.filter(resultaat=Plaatsing.Resultaat.DUURZAAM).exists()
    assert Plaatsing.objects.filter(loonkostensubsidie__isnull=False).exists()
    gesloten = Traject.objects.exclude(afgesloten_op=None)
    assert gesloten.exists() and set(gesloten.values_list("afsluitreden", flat=True)) == {Afsluitreden.WERK_GEVONDEN}
    # Matching ranks the candidates with the most of the vacancy's competences first.
    vacature = Vacature.objects.filter(open=True, werkgever__gemeente__naam="Teylingen").first()
    matches = participatie.kandidaten_voor(generalist_sassenheim(), vacature, vandaag())
    assert [m.aandeel for m in matches] == sorted((m.aandeel for m in matches), reverse=True)


def test_werklijst_herbeoordelingen_heeft_rijen_voor_de_demogeneralist(demo):
    rijen = list(participatie.te_herbeoordelen(generalist_sassenheim(), vandaag()))
    assert rijen and all(t.herbeoordeling_op <= vandaag() for t in rijen)
    assert Traject.objects.open().filter(herbeoordeling_op__isnull=True).count() == 0  # nobody written off


# --- Eén huishouden, één plan --------------------------------------------------------------------------------


def test_huishouden_yilmaz_een_plan_een_regisseur_drie_wetten(demo):
    h = Huishouden.objects.get(naam=drie_wetten.NAAM)
    assert h.gebied.naam == "Sassenheim" and h.gemeente.naam == "Teylingen"
    leden = {lid.persoon.voornamen: lid.persoon.leeftijd(vandaag()) for lid in h.leden_op(vandaag())}
    assert set(leden) == {"Ayşe", "Emre", "Fatma"} and leden["Emre"] == 15 and leden["Fatma"] >= 70
    [plan] = Ondersteuningsplan.objects.filter(huishouden=h)
    assert plan.status == PlanStatus.ACTIEF and plan.regisseur == generalist_sassenheim()
    acties = list(Actie.objects.filter(doel__plan=plan).select_related("doel__persoon", "begrotingspost", "product"))
    per_wet = {a.wet: a for a in acties if a.wet}
    assert set(per_wet) == {ActieWet.WMO, ActieWet.JEUGDWET, ActieWet.PARTICIPATIEWET}
    assert per_wet[ActieWet.WMO].doel.persoon.voornamen == "Fatma" and per_wet[ActieWet.WMO].product.productcategorie == "02"
    assert per_wet[ActieWet.JEUGDWET].doel.persoon.voornamen == "Emre" and per_wet[ActieWet.JEUGDWET].product.productcategorie == "54"
    assert per_wet[ActieWet.PARTICIPATIEWET].doel.persoon.voornamen == "Ayşe"
    for a in per_wet.values():
        if a.begrotingspost is not None:
            assert a.begrotingspost.domein == DOMEIN_VAN_WET[ActieWet(a.wet)]
    assert per_wet[ActieWet.PARTICIPATIEWET].begrotingspost.code == "part-reintegratie"
    # Fatma's begeleiding is indicatievrij: the verwijsbrief on her plan action granted it.
    [wmo] = ToegewezenVoorziening.objects.filter(persoon=per_wet[ActieWet.WMO].doel.persoon)
    assert wmo.grondslag == Grondslag.VERWIJZING and wmo.verwijzing.actie == per_wet[ActieWet.WMO] and wmo.verwijzing.volledig_getekend
    traject = Traject.objects.get(persoon__voornamen="Ayşe", persoon__geslachtsnaam="Yilmaz")
    assert traject.spoor == Spoor.WERKSPOOR and traject.klantmanager == plan.regisseur
    assert traject.instrumenten.get().soort == SoortInstrument.WERKERVARINGSPLEK


def test_jeugd_ggz_van_emre_via_jw315_van_de_huisarts_gevolgd_met_een_geldige_jw301(demo):
    emre = Huishouden.objects.get(naam=drie_wetten.NAAM).leden_op(vandaag()).get(persoon__voornamen="Emre").persoon
    verzoek = Verzoek.objects.get(persoon=emre)
    assert (verzoek.bericht.code, verzoek.verwijzer_type, verzoek.verwijzer_agb, verzoek.status) == (
        "JW315", "02", drie_wetten.HUISARTS_AGB, Verzoekstatus.TOEGEKEND)
    verwijzing = WettelijkeVerwijzing.objects.get(verzoek=verzoek)
    [v] = verwijzing.voorzieningen.all()
    assert v.grondslag == Grondslag.WETTELIJKE_VERWIJZING and v.product.productcode == "54A01"
    assert verwijzing.actie.doel.plan.regisseur.username == drie_wetten.REGISSEUR
    b = Bericht.objects.get(richting=Richting.UIT, soort="301", persoon=emre)
    assert b.code == "JW301" and b.xsd_gevalideerd
    assert xsd.valideer(etree.fromstring(b.xml.encode()), b.wet, b.soort) == []
    assert demo["yilmaz"].jw301 == b
    assert any(drie_wetten.NAAM in r and "JW301" in r for r in demo["uitvoer"])


def test_nog_eens_laden_verandert_niets(demo):
    tellingen = (WettelijkeVerwijzing.objects.count(), Traject.objects.count(), Werkgever.objects.count(), Huishouden.objects.count())
    assert jeugd_demo.laad_demo(random.Random(1)) == 0
    assert participatie_demo.laad_demo(random.Random(1)) == 0
    assert drie_wetten.laad_demo(random.Random(1)) is None
    assert tellingen == (
        WettelijkeVerwijzing.objects.count(), Traject.objects.count(), Werkgever.objects.count(), Huishouden.objects.count())


# --- Monitor -------------------------------------------------------------------------------------------------


def test_monitor_toont_elk_onderdeel_op_de_demo_met_clientervaring_en_declaraties(demo, client):
    from django.urls import reverse

    from keukentafel.monitor import aggregaat
    from keukentafel.monitor.models import Afname, Declaratieaggregaat
    from keukentafel.monitor.secties import SECTIES

    # This fixture loads inside one transaction, so the after-commit refresh of each 323 does not run here; the
    # rebuild gives what it would have kept (tested with real 323s in monitor/tests/test_aanbieders.py).
    assert Afname.objects.exists() and aggregaat.herbouw() > 0 and Declaratieaggregaat.objects.exists()
    beleid = Medewerker.objects.filter(rol=Rol.BELEID).first()
    client.force_login(beleid)
    for s in SECTIES:
        r = client.get(reverse("monitor:sectie", args=[s.code]), {"jaar": vandaag().year})
        assert r.status_code == 200 and "Definitie:" in r.content.decode(), s.code
    html = client.get(reverse("monitor:sectie", args=["clientervaring"]), {"jaar": vandaag().year}).content.decode()
    assert "Ik voel me serieus genomen" in html
