"""Rules of bezwaar, klacht and second opinion, tested on the services in `rechtsbescherming`."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.beleid.models import Beleidsinstelling, Sleutel
from keukentafel.besluiten import besluitvorming, rechtsbescherming
from keukentafel.besluiten.models import Besluit, BezwaarRoute, BezwaarUitkomst, KlachtOver, Leveringsvorm
from keukentafel.besluiten.services import vandaag
from keukentafel.inwoners.services import GelijktijdigGewijzigd
from keukentafel.testing.factories import AanbiederFactory, HuishoudenFactory, MedewerkerFactory, ProductFactory

pytestmark = pytest.mark.django_db

AFGIFTE_DAGEN_GELEDEN = 50  # with the default term of 42 days the bezwaartermijn ended 8 days ago


@pytest.fixture
def huishouden(db):
    return HuishoudenFactory(leden=2)


@pytest.fixture
def inwoner(huishouden):
    return huishouden.leden_op().order_by("id").first().persoon


@pytest.fixture
def generalist(huishouden):
    return MedewerkerFactory(team__gebied=huishouden.gebied, rol=Rol.GENERALIST, first_name="Gea", last_name="Generalist")


def maak_beschikking(door, persoon, huishouden):
    """An afwijzing handed out 50 days ago."""
    product = ProductFactory()
    aanvraag = besluitvorming.maak_aanvraag(
        door, persoon=persoon, product=product, leveringsvorm=Leveringsvorm.ZIN, omvang=4, eenheid=product.eenheid,
        frequentie="2", ontvangen_op=vandaag() - timedelta(days=AFGIFTE_DAGEN_GELEDEN + 5), huishouden=huishouden,
    )
    return besluitvorming.beslis(
        door, aanvraag, aanvraag.version, besluit=Besluit.AFWIJZING,
        motivering="Het netwerk kan de begeleiding zelf bieden; zie het verslag.",
        datum_afgifte=vandaag() - timedelta(days=AFGIFTE_DAGEN_GELEDEN),
    )


@pytest.fixture
def beschikking(generalist, inwoner, huishouden):
    """Its bezwaartermijn (default 42 days) has passed."""
    return maak_beschikking(generalist, inwoner, huishouden)


def bezwaar_op(door, beschikking, ontvangen_op, **extra):
    gronden = "Ik heb wel begeleiding nodig."
    return rechtsbescherming.registreer_bezwaar(door, beschikking, ontvangen_op=ontvangen_op, gronden=gronden, **extra)


@pytest.fixture
def bezwaar(generalist, beschikking):
    return bezwaar_op(generalist, beschikking, beschikking.datum_afgifte + timedelta(days=10))


# --- bezwaar -----------------------------------------------------------------------------------------


def test_bezwaar_op_de_laatste_dag_van_de_termijn_is_tijdig(generalist, beschikking):
    bezwaar = bezwaar_op(generalist, beschikking, beschikking.einde_bezwaartermijn)
    assert bezwaar.tijdig and bezwaar.uitkomst == BezwaarUitkomst.OPEN and bezwaar.route == BezwaarRoute.INFORMEEL
    assert AuditRecord.objects.filter(
        actie=AuditActie.AANMAKEN, object_type="Bezwaar", huishouden_id=beschikking.aanvraag.huishouden_id
    ).exists()


def test_bezwaar_na_de_termijn_is_te_laat_en_kan_verschoonbaar_zijn(generalist, beschikking):
    laat = bezwaar_op(generalist, beschikking, beschikking.einde_bezwaartermijn + timedelta(days=1), verschoonbaar=True)
    assert not laat.tijdig and laat.verschoonbaar


def test_verschoonbaar_geldt_alleen_voor_een_te_laat_bezwaar(generalist, beschikking):
    assert not bezwaar_op(generalist, beschikking, beschikking.datum_afgifte, verschoonbaar=True).verschoonbaar


def test_bezwaartermijn_volgt_het_beleid_van_de_gemeente(generalist, inwoner, huishouden):
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.BEZWAARTERMIJN_DAGEN, gemeente=huishouden.gemeente, waarde=AFGIFTE_DAGEN_GELEDEN, geldig_vanaf=date(2015, 1, 1),
        bron="Test: langere termijn",
    )
    beschikking = maak_beschikking(generalist, inwoner, huishouden)
    assert beschikking.einde_bezwaartermijn == vandaag()
    assert bezwaar_op(generalist, beschikking, vandaag()).tijdig
    elders = HuishoudenFactory()  # another gemeente keeps the default of 42 days
    elders_beschikking = maak_beschikking(generalist, elders.leden_op().first().persoon, elders)
    assert not bezwaar_op(generalist, elders_beschikking, vandaag()).tijdig


def test_bezwaar_voor_de_afgifte_of_in_de_toekomst_wordt_geweigerd(generalist, beschikking):
    for datum in (beschikking.datum_afgifte - timedelta(days=1), vandaag() + timedelta(days=1)):
        with pytest.raises(ValidationError) as fout:
            bezwaar_op(generalist, beschikking, datum)
        assert "ontvangen_op" in fout.value.error_dict


def test_bezwaar_zonder_gronden_wordt_geweigerd(generalist, beschikking):
    with pytest.raises(ValidationError) as fout:
        rechtsbescherming.registreer_bezwaar(generalist, beschikking, ontvangen_op=vandaag(), gronden=" ")
    assert "gronden" in fout.value.error_dict


def test_bezwaar_afronden_legt_uitkomst_en_route_vast(generalist, bezwaar):
    rechtsbescherming.rond_bezwaar_af(
        generalist, bezwaar, bezwaar.version, uitkomst=BezwaarUitkomst.INGETROKKEN, beslist_op=vandaag(),
        toelichting="Na een gesprek is een oplossing gevonden.", route=BezwaarRoute.MEDIATION,
    )
    bezwaar.refresh_from_db()
    assert (bezwaar.uitkomst, bezwaar.route, bezwaar.beslist_op, bezwaar.version) == ("ingetrokken", "mediation", vandaag(), 2)
    assert AuditRecord.objects.filter(actie=AuditActie.WIJZIGEN, object_type="Bezwaar").exists()


def test_bezwaar_afronden_vraagt_een_uitkomst_en_een_toelichting(generalist, bezwaar):
    with pytest.raises(ValidationError) as fout:
        rechtsbescherming.rond_bezwaar_af(
            generalist, bezwaar, bezwaar.version, uitkomst=BezwaarUitkomst.OPEN, beslist_op=vandaag(), toelichting=""
        )
    assert {"uitkomst", "toelichting"} <= set(fout.value.error_dict)


def test_bezwaar_afronden_voor_de_ontvangst_wordt_geweigerd(generalist, bezwaar):
    with pytest.raises(ValidationError) as fout:
        rechtsbescherming.rond_bezwaar_af(
            generalist, bezwaar, bezwaar.version, uitkomst=BezwaarUitkomst.ONGEGROND,
            beslist_op=bezwaar.ontvangen_op - timedelta(days=1), toelichting="Besluit blijft in stand.",
        )
    assert "beslist_op" in fout.value.error_dict


def test_bezwaar_afronden_op_een_verouderde_versie_wordt_geweigerd(generalist, bezwaar):
    with pytest.raises(GelijktijdigGewijzigd):
        rechtsbescherming.rond_bezwaar_af(
            generalist, bezwaar, bezwaar.version + 1, uitkomst=BezwaarUitkomst.GEGROND, beslist_op=vandaag(), toelichting="Terecht."
        )


def test_afgerond_bezwaar_wordt_niet_nog_eens_afgerond(generalist, bezwaar):
    rechtsbescherming.rond_bezwaar_af(
        generalist, bezwaar, bezwaar.version, uitkomst=BezwaarUitkomst.ONGEGROND, beslist_op=vandaag(), toelichting="In stand."
    )
    with pytest.raises(ValidationError) as fout:
        rechtsbescherming.rond_bezwaar_af(
            generalist, bezwaar, bezwaar.version, uitkomst=BezwaarUitkomst.GEGROND, beslist_op=vandaag(), toelichting="Toch terecht."
        )
    assert fout.value.code == "bezwaar_afgerond"


# --- klacht ------------------------------------------------------------------------------------------


def klacht_van(door, persoon, huishouden, **extra):
    velden = {"over": KlachtOver.GEMEENTE, "ontvangen_op": vandaag(), "omschrijving": "Ik werd niet teruggebeld."}
    velden.update(extra)
    return rechtsbescherming.registreer_klacht(door, persoon=persoon, huishouden=huishouden, **velden)


def test_klacht_over_een_aanbieder_noemt_de_aanbieder(generalist, inwoner, huishouden):
    with pytest.raises(ValidationError) as fout:
        klacht_van(generalist, inwoner, huishouden, over=KlachtOver.AANBIEDER)
    assert "aanbieder" in fout.value.error_dict
    aanbieder = AanbiederFactory()
    klacht = klacht_van(generalist, inwoner, huishouden, over=KlachtOver.AANBIEDER, aanbieder=aanbieder)
    assert klacht.aanbieder == aanbieder
    assert AuditRecord.objects.filter(object_type="Klacht", huishouden_id=huishouden.pk).exists()


def test_klacht_over_de_gemeente_noemt_geen_aanbieder(generalist, inwoner, huishouden):
    with pytest.raises(ValidationError) as fout:
        klacht_van(generalist, inwoner, huishouden, aanbieder=AanbiederFactory())
    assert "aanbieder" in fout.value.error_dict


def test_klacht_van_iemand_buiten_het_huishouden_wordt_geweigerd(generalist, huishouden):
    vreemde = HuishoudenFactory().leden_op().first().persoon
    with pytest.raises(ValidationError) as fout:
        klacht_van(generalist, vreemde, huishouden)
    assert "persoon" in fout.value.error_dict


def test_klacht_zonder_omschrijving_of_met_datum_in_de_toekomst_wordt_geweigerd(generalist, inwoner, huishouden):
    with pytest.raises(ValidationError) as fout:
        klacht_van(generalist, inwoner, huishouden, omschrijving="", ontvangen_op=vandaag() + timedelta(days=1))
    assert {"omschrijving", "ontvangen_op"} <= set(fout.value.error_dict)


def test_klacht_wordt_een_keer_afgehandeld_en_niet_voor_de_ontvangst(generalist, inwoner, huishouden):
    klacht = klacht_van(generalist, inwoner, huishouden, ontvangen_op=vandaag() - timedelta(days=5))
    with pytest.raises(ValidationError) as fout:
        rechtsbescherming.handel_klacht_af(generalist, klacht, afgehandeld_op=vandaag() - timedelta(days=6), afhandeling="Excuses")
    assert "afgehandeld_op" in fout.value.error_dict
    rechtsbescherming.handel_klacht_af(generalist, klacht, afgehandeld_op=vandaag(), afhandeling="Excuses en terugbelafspraak.")
    klacht.refresh_from_db()
    assert klacht.afgehandeld_op == vandaag() and klacht.afhandeling == "Excuses en terugbelafspraak."
    with pytest.raises(ValidationError) as fout:
        rechtsbescherming.handel_klacht_af(generalist, klacht, afgehandeld_op=vandaag(), afhandeling="Nogmaals")
    assert fout.value.code == "klacht_afgehandeld"


# --- second opinion ----------------------------------------------------------------------------------


def so_van(door, persoon, huishouden, **extra):
    velden = {"aangevraagd_op": vandaag(), "vraag": "Is begeleiding echt niet nodig?", "uitgevoerd_door": "Consulent Bakker"}
    velden.update(extra)
    return rechtsbescherming.vraag_second_opinion(door, persoon=persoon, huishouden=huishouden, **velden)


def test_second_opinion_over_een_beschikking_wordt_geregistreerd_en_afgerond(generalist, inwoner, huishouden, beschikking):
    so = so_van(generalist, inwoner, huishouden, beschikking=beschikking)
    assert so.beschikking == beschikking and so.afgerond_op is None
    rechtsbescherming.rond_second_opinion_af(generalist, so, afgerond_op=vandaag(), uitkomst="Zelfde conclusie.")
    so.refresh_from_db()
    assert so.afgerond_op == vandaag() and so.uitkomst == "Zelfde conclusie."
    assert AuditRecord.objects.filter(object_type="SecondOpinion", huishouden_id=huishouden.pk).count() == 2


def test_second_opinion_door_wie_de_beschikking_afgaf_wordt_geweigerd(generalist, inwoner, huishouden, beschikking):
    with pytest.raises(ValidationError) as fout:
        so_van(generalist, inwoner, huishouden, beschikking=beschikking, uitgevoerd_door="gea generalist")
    assert "uitgevoerd_door" in fout.value.error_dict


def test_second_opinion_over_de_beschikking_van_een_ander_wordt_geweigerd(generalist, huishouden, beschikking):
    huisgenoot = huishouden.leden_op().order_by("id").last().persoon
    with pytest.raises(ValidationError) as fout:
        so_van(generalist, huisgenoot, huishouden, beschikking=beschikking)
    assert "beschikking" in fout.value.error_dict


def test_second_opinion_vraagt_een_vraag_en_een_uitvoerder(generalist, inwoner, huishouden):
    with pytest.raises(ValidationError) as fout:
        so_van(generalist, inwoner, huishouden, vraag="", uitgevoerd_door=" ")
    assert {"vraag", "uitgevoerd_door"} <= set(fout.value.error_dict)


def test_second_opinion_wordt_een_keer_afgerond(generalist, inwoner, huishouden):
    so = so_van(generalist, inwoner, huishouden)
    with pytest.raises(ValidationError) as fout:
        rechtsbescherming.rond_second_opinion_af(generalist, so, afgerond_op=vandaag(), uitkomst="")
    assert "uitkomst" in fout.value.error_dict
    rechtsbescherming.rond_second_opinion_af(generalist, so, afgerond_op=vandaag(), uitkomst="Meer uren passend.")
    with pytest.raises(ValidationError) as fout:
        rechtsbescherming.rond_second_opinion_af(generalist, so, afgerond_op=vandaag(), uitkomst="Nogmaals")
    assert fout.value.code == "second_opinion_afgerond"
