"""Rules of the ondersteuningsplan, tested on the services (the only place that changes a plan)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save
from django.utils import timezone

from keukentafel.accounts.models import AuditActie, AuditRecord
from keukentafel.beleid.models import Beleidsinstelling, Sleutel
from keukentafel.inwoners.services import GelijktijdigGewijzigd
from keukentafel.plannen import services
from keukentafel.plannen.models import (
    Evaluatie,
    EvaluatieBesluit,
    Ondersteuningsplan,
    OndertekenaarRol,
    Ondertekenmethode,
    PlanStatus,
    Trede,
)
from keukentafel.testing.factories import (
    AlgemeneVoorzieningFactory,
    HuishoudenFactory,
    NetwerklidFactory,
    OndersteuningsplanFactory,
    ProductFactory,
)
from keukentafel.toegang.models import ScoreBron, Zelfredzaamheidsscore

from .helpers import catalogus, inwoner, maak_actief, plan_met_doel

pytestmark = pytest.mark.django_db


# --- one plan per household ---------------------------------------------------------------------


def test_tweede_open_plan_voor_een_huishouden_wordt_geweigerd(plan, generalist):
    with pytest.raises(ValidationError) as fout:
        services.maak_plan(generalist, plan.huishouden)
    assert fout.value.messages == [services.TWEEDE_PLAN]
    assert "één huishouden, één plan" in services.TWEEDE_PLAN
    assert Ondersteuningsplan.objects.filter(huishouden=plan.huishouden).count() == 1


def test_gelijktijdig_aangemaakt_tweede_plan_geeft_via_de_databaseregel_dezelfde_melding(huishouden, generalist):
    """Another request inserts its plan between our check and our insert: the DB constraint catches it."""
    gedaan = []

    def ander_verzoek(sender, instance, **kwargs):
        if instance.pk is None and not gedaan:
            gedaan.append(True)
            Ondersteuningsplan.objects.create(huishouden=instance.huishouden, regisseur=instance.regisseur)

    pre_save.connect(ander_verzoek, sender=Ondersteuningsplan)
    try:
        with pytest.raises(ValidationError) as fout:
            services.maak_plan(generalist, huishouden)
    finally:
        pre_save.disconnect(ander_verzoek, sender=Ondersteuningsplan)
    assert gedaan, "the competing insert did not run"
    assert fout.value.messages == [services.TWEEDE_PLAN]


def test_na_afsluiten_kan_een_nieuw_plan_worden_gemaakt(plan, generalist, leefgebied):
    maak_actief(plan, generalist, leefgebied)
    services.evalueer(
        generalist, plan, plan.version, datum=timezone.localdate(), besluit=EvaluatieBesluit.AFSLUITEN, toelichting="Doelen bereikt"
    )
    nieuw = services.maak_plan(generalist, plan.huishouden, toelichting="Nieuwe vraag")
    assert nieuw.status == PlanStatus.CONCEPT
    assert Ondersteuningsplan.objects.open().get(huishouden=plan.huishouden) == nieuw


def test_regisseur_is_standaard_wie_het_plan_maakt_en_het_aanmaken_wordt_geaudit(huishouden, generalist, onderzoek):
    plan = services.maak_plan(generalist, huishouden, onderzoek=onderzoek)
    assert plan.regisseur == generalist and plan.onderzoek == onderzoek
    assert AuditRecord.objects.filter(actie=AuditActie.AANMAKEN, object_type="Ondersteuningsplan", huishouden_id=huishouden.pk).exists()


# --- optimistic locking -------------------------------------------------------------------------


def test_twee_wijzigingen_op_dezelfde_versie_eerste_wint_tweede_krijgt_melding(plan, generalist, collega):
    gelezen = plan.version
    eerste = Ondersteuningsplan.objects.get(pk=plan.pk)
    tweede = Ondersteuningsplan.objects.get(pk=plan.pk)
    services.wijzig_plan(generalist, eerste, gelezen, toelichting="Tekst van Gea")
    with pytest.raises(GelijktijdigGewijzigd) as fout:
        services.wijzig_plan(collega, tweede, gelezen, toelichting="Tekst van Cor")
    assert "intussen door iemand anders gewijzigd" in str(fout.value)
    plan.refresh_from_db()
    assert plan.toelichting == "Tekst van Gea"
    assert plan.version == gelezen + 1


def test_elke_wijziging_verhoogt_de_versie_ook_doel_en_actie(plan, generalist, leefgebied):
    start = plan.version
    doel = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Grip op geld")
    services.voeg_actie_toe(
        generalist, doel, plan.version, trede=Trede.EIGEN_KRACHT, omschrijving="x", uitvoerder="y", van=date(2026, 1, 1)
    )
    with pytest.raises(GelijktijdigGewijzigd):
        services.voeg_doel_toe(generalist, plan, start, leefgebied=leefgebied, omschrijving="Verouderd formulier")
    plan.refresh_from_db()
    assert plan.version == start + 2
    assert plan.doelen.count() == 1


# --- actions ------------------------------------------------------------------------------------


def test_actie_met_einddatum_voor_begindatum_wordt_geweigerd(plan, generalist, leefgebied):
    doel = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Doel")
    with pytest.raises(ValidationError) as fout:
        services.voeg_actie_toe(
            generalist,
            doel,
            plan.version,
            trede=Trede.EIGEN_KRACHT,
            omschrijving="x",
            uitvoerder="y",
            van=date(2026, 3, 1),
            tot=date(2026, 2, 1),
        )
    assert "tot" in fout.value.message_dict
    assert doel.acties.count() == 0


@pytest.mark.parametrize(
    ("trede", "veld", "melding"),
    [
        (Trede.MAATWERK, "product", "Kies het maatwerkproduct uit de productenlijst."),
        (Trede.ALGEMENE_VOORZIENING, "algemene_voorziening", "Kies de algemene voorziening uit de sociale kaart."),
    ],
)
def test_maatwerk_of_algemene_voorziening_zonder_keuze_uit_het_aanbod_wordt_geweigerd(plan, generalist, leefgebied, trede, veld, melding):
    doel = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Doel")
    with pytest.raises(ValidationError) as fout:
        services.voeg_actie_toe(
            generalist,
            doel,
            plan.version,
            trede=trede,
            omschrijving="Hulp",
            uitvoerder="Aanbieder",
            voorziening="Vrije tekst is niet genoeg",
            van=date(2026, 1, 1),
        )
    assert fout.value.message_dict == {veld: [melding]}
    assert doel.acties.count() == 0


def _actie(generalist, doel, trede, **keuze):
    return services.voeg_actie_toe(
        generalist, doel, doel.plan.version, trede=trede, omschrijving="x", uitvoerder="y", van=date(2026, 1, 1), **keuze
    )


def test_gekozen_product_of_algemene_voorziening_geeft_de_actie_haar_naam(plan, generalist, leefgebied):
    doel = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Doel")
    product = ProductFactory(naam="Begeleiding individueel")
    inloop = AlgemeneVoorzieningFactory(naam="Inloop wijkcentrum", gemeente=plan.huishouden.gemeente)
    maatwerk = _actie(generalist, doel, Trede.MAATWERK, product=product, voorziening="Iets anders")
    algemeen = _actie(generalist, doel, Trede.ALGEMENE_VOORZIENING, algemene_voorziening=inloop)
    assert (maatwerk.product, maatwerk.voorziening) == (product, "Begeleiding individueel")
    assert (algemeen.algemene_voorziening, algemeen.voorziening) == (inloop, "Inloop wijkcentrum")


def test_product_en_algemene_voorziening_samen_wordt_geweigerd(plan, generalist, leefgebied):
    doel = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Doel")
    keuze = {"product": ProductFactory(), "algemene_voorziening": AlgemeneVoorzieningFactory()}
    with pytest.raises(ValidationError) as fout:
        _actie(generalist, doel, Trede.MAATWERK, **keuze)
    assert fout.value.messages == [services.NIET_ALLEBEI]


def test_keuze_uit_het_aanbod_moet_bij_de_trede_passen(plan, generalist, leefgebied):
    doel = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Doel")
    with pytest.raises(ValidationError) as fout:
        _actie(generalist, doel, Trede.EIGEN_KRACHT, product=ProductFactory())
    assert fout.value.message_dict == {"product": ["Een maatwerkproduct hoort alleen bij de trede maatwerkvoorziening."]}
    with pytest.raises(ValidationError) as fout:
        _actie(generalist, doel, Trede.MAATWERK, algemene_voorziening=AlgemeneVoorzieningFactory())
    assert set(fout.value.message_dict) == {"product", "algemene_voorziening"}


def test_vervallen_product_of_voorziening_van_een_andere_gemeente_wordt_geweigerd(plan, generalist, leefgebied):
    doel = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Doel")
    with pytest.raises(ValidationError) as fout:
        _actie(generalist, doel, Trede.MAATWERK, product=ProductFactory(naam="Oude begeleiding", actief=False))
    assert fout.value.message_dict["product"] == ["Oude begeleiding wordt niet meer aangeboden: kies een ander product."]
    elders = AlgemeneVoorzieningFactory(naam="Buurthuis elders", gemeente=HuishoudenFactory().gemeente)
    with pytest.raises(ValidationError) as fout:
        _actie(generalist, doel, Trede.ALGEMENE_VOORZIENING, algemene_voorziening=elders)
    assert "niet beschikbaar voor inwoners van deze gemeente" in fout.value.message_dict["algemene_voorziening"][0]
    regionaal = AlgemeneVoorzieningFactory(naam="Steunpunt mantelzorg regio", gemeente=None)
    assert _actie(generalist, doel, Trede.ALGEMENE_VOORZIENING, algemene_voorziening=regionaal).voorziening == regionaal.naam


def test_netwerklid_van_een_ander_huishouden_wordt_geweigerd(plan, generalist, leefgebied):
    vreemde = NetwerklidFactory(huishouden=HuishoudenFactory(gebied=plan.huishouden.gebied))
    doel = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Doel")
    with pytest.raises(ValidationError) as fout:
        services.voeg_actie_toe(
            generalist,
            doel,
            plan.version,
            trede=Trede.SOCIAAL_NETWERK,
            omschrijving="Boodschappen",
            uitvoerder=vreemde.naam,
            netwerklid=vreemde,
            van=date(2026, 1, 1),
        )
    assert "netwerklid" in fout.value.message_dict


def test_evaluatiedatum_van_een_actie_is_standaard_de_beleidstermijn_of_het_einde(plan, generalist, leefgebied):
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.EVALUATIE_TERMIJN_MAANDEN,
        gemeente=plan.huishouden.gemeente,
        waarde=9,
        geldig_vanaf=date(2020, 1, 1),
        bron="Verordening test",
    )
    doel = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Doel")
    lang = services.voeg_actie_toe(
        generalist, doel, plan.version, trede=Trede.EIGEN_KRACHT, omschrijving="a", uitvoerder="b", van=date(2026, 1, 31)
    )
    kort = services.voeg_actie_toe(
        generalist,
        doel,
        plan.version,
        trede=Trede.VRIJWILLIGER,
        omschrijving="a",
        uitvoerder="b",
        van=date(2026, 1, 1),
        tot=date(2026, 3, 1),
    )
    assert lang.evaluatiedatum == date(2026, 10, 31)  # 9 months from the gemeente's own setting
    assert kort.evaluatiedatum == date(2026, 3, 1)


def test_acties_staan_in_de_momentopname_in_volgorde_van_de_afwegingsladder(plan, generalist, leefgebied):
    doel = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Doel")
    for trede, van in [
        (Trede.MAATWERK, date(2026, 1, 1)),
        (Trede.EIGEN_KRACHT, date(2026, 6, 1)),
        (Trede.SOCIAAL_NETWERK, date(2026, 3, 1)),
    ]:
        services.voeg_actie_toe(
            generalist, doel, plan.version, trede=trede, omschrijving="x", uitvoerder="y", van=van, **catalogus(trede, plan.huishouden)
        )
    tredes = [a["trede"] for a in services.momentopname(plan)["doelen"][0]["acties"]]
    assert tredes == [Trede.EIGEN_KRACHT.label, Trede.SOCIAAL_NETWERK.label, Trede.MAATWERK.label]


def test_momentopname_noemt_het_maatwerkproduct_met_code_en_vergelijk_ziet_een_ander_product(plan, generalist, leefgebied):
    doel = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Doel")
    jeugdhulp = ProductFactory(naam="Jeugdhulp ambulant", wet="jeugdwet", productcategorie="45", productcode="45A01")
    actie = _actie(generalist, doel, Trede.MAATWERK, product=jeugdhulp)
    _actie(generalist, doel, Trede.EIGEN_KRACHT)
    oud = services.momentopname(plan)
    acties = oud["doelen"][0]["acties"]
    verwacht = {"id": jeugdhulp.pk, "wet": "jeugdwet", "productcategorie": "45", "productcode": "45A01", "naam": "Jeugdhulp ambulant"}
    assert acties[1]["product"] == verwacht
    assert "product" not in acties[0]  # no product: the snapshot is as it was before the catalogue

    andere = ProductFactory(naam="Jeugdhulp ambulant groep", wet="jeugdwet", productcategorie="45", productcode="45A02")
    actie.product, actie.voorziening = andere, andere.naam
    actie.save()
    als_tekst = {(v.wat, v.oud, v.nieuw) for v in services.vergelijk(oud, services.momentopname(plan))}
    assert (
        "Actie (Maatwerkvoorziening): maatwerkproduct",
        "Jeugdhulp ambulant (productcategorie 45, productcode 45A01)",
        "Jeugdhulp ambulant groep (productcategorie 45, productcode 45A02)",
    ) in als_tekst


def test_afgesloten_plan_kan_niet_meer_worden_gewijzigd(plan, generalist, leefgebied):
    maak_actief(plan, generalist, leefgebied)
    services.evalueer(generalist, plan, plan.version, datum=timezone.localdate(), besluit=EvaluatieBesluit.AFSLUITEN, toelichting="Klaar")
    with pytest.raises(ValidationError):
        services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Nog een doel")


# --- versions and signatures --------------------------------------------------------------------


def test_versies_worden_genummerd_en_gelijke_inhoud_wordt_geweigerd(plan, generalist, leefgebied):
    plan_met_doel(plan, generalist, leefgebied)
    v1 = services.leg_versie_vast(generalist, plan, plan.version, "Eerste versie")
    with pytest.raises(ValidationError) as fout:
        services.leg_versie_vast(generalist, plan, plan.version, "Niets nieuws")
    assert "niets veranderd" in fout.value.messages[0]
    services.wijzig_plan(generalist, plan, plan.version, toelichting="Andere afspraken")
    v2 = services.leg_versie_vast(generalist, plan, plan.version, "Afspraken bijgewerkt")
    assert (v1.nummer, v2.nummer) == (1, 2)
    assert v1.inhoud["toelichting"] != v2.inhoud["toelichting"]


def test_plan_zonder_doelen_kan_niet_worden_vastgelegd(plan, generalist):
    with pytest.raises(ValidationError):
        services.leg_versie_vast(generalist, plan, plan.version)


def test_alleen_de_nieuwste_versie_kan_worden_ondertekend(plan, generalist, leefgebied):
    plan_met_doel(plan, generalist, leefgebied)
    v1 = services.leg_versie_vast(generalist, plan, plan.version)
    services.wijzig_plan(generalist, plan, plan.version, toelichting="Nieuw")
    services.leg_versie_vast(generalist, plan, plan.version, "Toelichting")
    with pytest.raises(ValidationError) as fout:
        services.onderteken(generalist, v1, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL)
    assert "nieuwste versie" in fout.value.messages[0]
    assert not v1.ondertekeningen.exists()


def test_vertegenwoordiger_moet_een_vertegenwoordigende_rol_hebben(plan, generalist, leefgebied, mantelzorger, curator):
    plan_met_doel(plan, generalist, leefgebied)
    versie = services.leg_versie_vast(generalist, plan, plan.version)
    with pytest.raises(ValidationError) as fout:
        services.onderteken(
            generalist, versie, rol=OndertekenaarRol.VERTEGENWOORDIGER, methode=Ondertekenmethode.PAPIER, netwerklid=mantelzorger
        )
    assert "netwerklid" in fout.value.message_dict
    ondertekening = services.onderteken(
        generalist, versie, rol=OndertekenaarRol.VERTEGENWOORDIGER, methode=Ondertekenmethode.PAPIER, netwerklid=curator
    )
    assert ondertekening.naam == "Curator Bakker"


def test_inwoner_die_tekent_moet_lid_van_het_huishouden_zijn(plan, generalist, leefgebied):
    plan_met_doel(plan, generalist, leefgebied)
    versie = services.leg_versie_vast(generalist, plan, plan.version)
    ander = inwoner(HuishoudenFactory(gebied=plan.huishouden.gebied))
    with pytest.raises(ValidationError) as fout:
        services.onderteken(generalist, versie, rol=OndertekenaarRol.INWONER, methode=Ondertekenmethode.PAPIER, persoon=ander)
    assert "persoon" in fout.value.message_dict


def test_ondertekening_kan_niet_in_de_toekomst_liggen_en_methode_moet_bekend_zijn(plan, generalist, leefgebied):
    plan_met_doel(plan, generalist, leefgebied)
    versie = services.leg_versie_vast(generalist, plan, plan.version)
    morgen = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as fout:
        services.onderteken(generalist, versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL, datum=morgen)
    assert "datum" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        services.onderteken(generalist, versie, rol=OndertekenaarRol.PROFESSIONAL, methode="fax")
    assert "methode" in fout.value.message_dict


def test_plan_wordt_actief_na_beide_handtekeningen_met_evaluatiedatum_uit_het_beleid_van_de_gemeente(plan, generalist, leefgebied):
    # The national default is 12 months; this gemeente decided 6. The plan must follow the gemeente.
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.EVALUATIE_TERMIJN_MAANDEN,
        gemeente=plan.huishouden.gemeente,
        waarde=6,
        geldig_vanaf=date(2020, 1, 1),
        bron="Beleidsregels Wmo gemeente test, art. 4",
    )
    plan_met_doel(plan, generalist, leefgebied)
    versie = services.leg_versie_vast(generalist, plan, plan.version)
    datum = date(2026, 5, 31)
    services.onderteken(
        generalist, versie, rol=OndertekenaarRol.INWONER, methode=Ondertekenmethode.PAPIER, datum=datum, persoon=inwoner(plan.huishouden)
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CONCEPT, "one signature is not enough"
    services.onderteken(generalist, versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL, datum=datum)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIEF
    assert plan.vastgesteld_op == datum
    assert plan.evaluatiedatum == date(2026, 11, 30)  # 31 May + 6 months, end of month


def test_zonder_eigen_gemeentebeleid_geldt_de_landelijke_standaard_van_twaalf_maanden(plan, generalist, leefgebied):
    maak_actief(plan, generalist, leefgebied, datum=date(2026, 2, 10))
    assert plan.evaluatiedatum == date(2027, 2, 10)


def test_dezelfde_rol_kan_een_versie_niet_twee_keer_tekenen(plan, generalist, collega, leefgebied):
    plan_met_doel(plan, generalist, leefgebied)
    versie = services.leg_versie_vast(generalist, plan, plan.version)
    services.onderteken(generalist, versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL)
    with pytest.raises(ValidationError):
        services.onderteken(collega, versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL)


def test_ongetekende_wijzigingen_na_ondertekening(plan, generalist, leefgebied):
    plan_met_doel(plan, generalist, leefgebied)
    assert services.ongetekende_wijzigingen(plan) is None, "nothing signed yet"
    maak_actief_versie = services.leg_versie_vast(generalist, plan, plan.version)
    services.onderteken(
        generalist, maak_actief_versie, rol=OndertekenaarRol.INWONER, methode=Ondertekenmethode.PAPIER, persoon=inwoner(plan.huishouden)
    )
    services.onderteken(generalist, maak_actief_versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL)
    plan.refresh_from_db()
    # Activation set the evaluatiedatum from policy: administration, not a new agreement.
    assert plan.evaluatiedatum is not None
    assert services.ongetekende_wijzigingen(plan) == []
    services.wijzig_plan(generalist, plan, plan.version, toelichting="Nieuwe afspraak")
    wijzigingen = services.ongetekende_wijzigingen(plan)
    assert [(w.soort, w.wat) for w in wijzigingen] == [("gewijzigd", "Situatie en afspraken")]


# --- comparing versions -------------------------------------------------------------------------


def test_vergelijk_meldt_toegevoegd_verwijderd_en_gewijzigd_in_leesbaar_nederlands(plan, generalist, leefgebied, leefgebied2):
    doel = plan_met_doel(plan, generalist, leefgebied)
    te_verwijderen = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied2, omschrijving="Vaker naar de soos")
    v1 = services.leg_versie_vast(generalist, plan, plan.version)
    services.verwijder_doel(generalist, te_verwijderen, plan.version)
    actie = doel.acties.get()
    services.verwijder_actie(generalist, actie, plan.version)
    services.voeg_actie_toe(
        generalist,
        doel,
        plan.version,
        trede=Trede.ALGEMENE_VOORZIENING,
        omschrijving="Spreekuur formulierenhulp",
        uitvoerder="Bibliotheek",
        algemene_voorziening=AlgemeneVoorzieningFactory(naam="Formulierenbrigade"),
        van=date(2026, 4, 1),
        evaluatiedatum=date(2026, 10, 1),
    )
    services.wijzig_plan(generalist, plan, plan.version, toelichting="Meer hulp nodig", evaluatiedatum=date(2027, 1, 15))
    v2 = services.leg_versie_vast(generalist, plan, plan.version, "Andere hulp bij de post")

    verschillen = services.vergelijk(v1.inhoud, v2.inhoud)
    als_tekst = {(v.soort, v.wat, v.oud, v.nieuw) for v in verschillen}
    assert ("toegevoegd", "Actie (Algemene voorziening)", "", "Spreekuur formulierenhulp") in als_tekst
    assert ("verwijderd", "Actie (Eigen kracht)", "Post wekelijks openen", "") in als_tekst
    assert ("verwijderd", "Doel (Sociaal netwerk)", "Vaker naar de soos", "") in als_tekst
    assert ("gewijzigd", "Evaluatiedatum van het plan", "", "15-01-2027") in als_tekst  # Dutch date, not ISO
    assert any(v.soort == "gewijzigd" and v.wat == "Situatie en afspraken" and v.nieuw == "Meer hulp nodig" for v in verschillen)
    # and back: what was added is removed
    terug = {(v.soort, v.wat) for v in services.vergelijk(v2.inhoud, v1.inhoud)}
    assert ("verwijderd", "Actie (Algemene voorziening)") in terug and ("toegevoegd", "Doel (Sociaal netwerk)") in terug


def test_vergelijk_van_gewijzigde_actie_noemt_het_veld(plan, generalist, leefgebied):
    plan_met_doel(plan, generalist, leefgebied)
    oud = services.momentopname(plan)
    nieuw = services.momentopname(plan)
    nieuw["doelen"][0]["acties"][0]["uitvoerder"] = "Buurvrouw"
    assert [(v.wat, v.oud, v.nieuw) for v in services.vergelijk(oud, nieuw)] == [
        ("Actie (Eigen kracht): wie het doet", "Inwoner zelf", "Buurvrouw")
    ]


# --- evaluation ---------------------------------------------------------------------------------


def test_evaluatie_afsluiten_sluit_het_plan_en_bewaart_de_scores_in_de_geschiedenis(plan, generalist, leefgebied, leefgebied2):
    maak_actief(plan, generalist, leefgebied)
    datum = timezone.localdate()
    evaluatie = services.evalueer(
        generalist,
        plan,
        plan.version,
        datum=datum,
        besluit=EvaluatieBesluit.AFSLUITEN,
        toelichting="Doelen bereikt, mevrouw redt zich",
        scores={leefgebied: 4, leefgebied2: 5},
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AFGESLOTEN
    assert plan.afgesloten_op == datum and plan.afsluitreden == "Doelen bereikt, mevrouw redt zich"
    assert plan.evaluatiedatum is None
    scores = Zelfredzaamheidsscore.objects.filter(huishouden=plan.huishouden, evaluatie=evaluatie, bron=ScoreBron.EVALUATIE)
    assert {(s.leefgebied_id, s.score, s.datum) for s in scores} == {(leefgebied.pk, 4, datum), (leefgebied2.pk, 5, datum)}


def test_evaluatie_voortzetten_zet_de_volgende_evaluatiedatum_uit_het_beleid(plan, generalist, leefgebied):
    maak_actief(plan, generalist, leefgebied)
    services.evalueer(generalist, plan, plan.version, datum=date(2026, 3, 15), besluit=EvaluatieBesluit.VOORTZETTEN)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIEF and plan.evaluatiedatum == date(2027, 3, 15)


@pytest.mark.parametrize("besluit", [EvaluatieBesluit.BIJSTELLEN, EvaluatieBesluit.AFSLUITEN])
def test_bijstellen_of_afsluiten_vraagt_een_toelichting(plan, generalist, leefgebied, besluit):
    maak_actief(plan, generalist, leefgebied)
    with pytest.raises(ValidationError) as fout:
        services.evalueer(generalist, plan, plan.version, datum=timezone.localdate(), besluit=besluit, toelichting="  ")
    assert "toelichting" in fout.value.message_dict
    assert not Evaluatie.objects.exists()


def test_alleen_een_actief_plan_kan_worden_geevalueerd(plan, generalist):
    with pytest.raises(ValidationError):
        services.evalueer(generalist, plan, plan.version, datum=timezone.localdate(), besluit=EvaluatieBesluit.VOORTZETTEN)


def test_ongeldige_score_maakt_de_hele_evaluatie_ongedaan(plan, generalist, leefgebied):
    maak_actief(plan, generalist, leefgebied)
    versie = plan.version
    with pytest.raises(ValidationError):
        services.evalueer(
            generalist, plan, versie, datum=timezone.localdate(), besluit=EvaluatieBesluit.VOORTZETTEN, scores={leefgebied: 7}
        )
    plan.refresh_from_db()
    assert plan.version == versie and not Evaluatie.objects.exists()


def test_werkvoorraad_plannen_te_evalueren_op_datum(huishouden, generalist, leefgebied):
    plan = OndersteuningsplanFactory(huishouden=huishouden, regisseur=generalist)
    maak_actief(plan, generalist, leefgebied, datum=date(2025, 1, 10))
    assert plan.evaluatiedatum == date(2026, 1, 10)
    assert list(Ondersteuningsplan.objects.te_evalueren(date(2026, 1, 9))) == []
    assert list(Ondersteuningsplan.objects.te_evalueren(date(2026, 1, 10))) == [plan]
    concept = OndersteuningsplanFactory(evaluatiedatum=date(2025, 1, 1))
    assert concept not in Ondersteuningsplan.objects.te_evalueren(date(2026, 1, 10))


def test_inkomensvraag_wordt_apart_vastgelegd_en_geaudit(plan, generalist):
    vraag = services.registreer_inkomensvraag(
        generalist,
        plan.huishouden,
        omschrijving="Betalingsachterstand huur",
        datum=date(2026, 2, 2),
        doorgezet_naar="Schuldhulp",
        plan=plan,
    )
    assert vraag.huishouden == plan.huishouden and not plan.doelen.exists()
    assert AuditRecord.objects.filter(object_type="Inkomensvraag", object_id=str(vraag.pk), huishouden_id=plan.huishouden_id).exists()
    with pytest.raises(ValidationError):
        services.registreer_inkomensvraag(generalist, plan.huishouden, omschrijving=" ", datum=date(2026, 2, 2))
