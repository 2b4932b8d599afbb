"""Wettelijke verwijzing: registered with the referrer, honoured without own assessment, refused on formal grounds
only, and the team informed (plan action + a melding on the regisseur's or the gebiedsteam's worklist)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from keukentafel.accounts.models import AuditRecord
from keukentafel.berichten import verzoeken
from keukentafel.berichten.aanbieder.levering import client_van
from keukentafel.berichten.models import Verzoek, Verzoekstatus
from keukentafel.berichten.tests.test_verzoeken import laatste_301, regel, stuur_315
from keukentafel.besluiten.models import Grondslag
from keukentafel.codelijsten import Wet
from keukentafel.jeugd import services
from keukentafel.jeugd.models import Verwijzingsbron, WettelijkeVerwijzing
from keukentafel.plannen.models import Actie, Trede
from keukentafel.testing.istandaarden import istandaarden_map
from keukentafel.toegang.models import Melding, MeldingStatus
from keukentafel.toegang.werkvoorraad import werkvoorraad_voor

HUISARTS_AGB = "01234567"


@pytest.fixture(autouse=True)
def _xsd():
    istandaarden_map()


def verwijs(gemeente, aanbieder, jeugdige, product, *, type_="02", agb=HUISARTS_AGB, naam="") -> Verzoek:
    r = regel(product, toewijzing_ingangsdatum=date(2026, 12, 1), toewijzing_einddatum=date(2027, 5, 31),
              verwijzer_type=type_, verwijzer_agb=agb, verwijzer_naam=naam)
    stuur_315(gemeente, aanbieder, Wet.JEUGDWET, client_van(jeugdige), [r])
    return Verzoek.objects.get(persoon=jeugdige, status=Verzoekstatus.OPEN)


@pytest.mark.parametrize("type_, agb, naam", [("02", HUISARTS_AGB, ""), ("03", "", "Jeugdarts GGD"), ("04", "", "William Schrikker"),
                                              ("05", HUISARTS_AGB, ""), ("08", "", "Rechtbank Den Haag")],
                         ids=["huisarts", "jeugdarts", "gi", "medisch_specialist", "rechter"])
def test_315_van_wettelijke_verwijzer_wordt_geregistreerd_met_verwijzer(gemeente, aanbieder, jeugdige, product_jeugd, type_, agb, naam):
    v = verwijs(gemeente, aanbieder, jeugdige, product_jeugd, type_=type_, agb=agb, naam=naam)
    w = WettelijkeVerwijzing.objects.get(verzoek=v)
    assert (w.persoon, w.soort, w.agb_code, w.naam, w.bron, w.product) == (jeugdige, type_, agb, naam, Verwijzingsbron.BERICHT,
                                                                          product_jeugd)
    assert AuditRecord.objects.filter(object_type="WettelijkeVerwijzing", object_id=str(w.pk)).exists()


def test_315_zonder_wettelijke_verwijzer_is_geen_wettelijke_verwijzing(gemeente, aanbieder, jeugdige, product_jeugd):
    verwijs(gemeente, aanbieder, jeugdige, product_jeugd, type_="06", agb="")
    assert not WettelijkeVerwijzing.objects.exists()


def test_goedkeuren_volgt_verwijzing_zonder_eigen_onderzoek_en_zet_jeugdhulp_in_het_ene_plan(
    gemeente, aanbieder, jeugdige, product_jeugd, plan, generalist, collega
):
    v = verwijs(gemeente, aanbieder, jeugdige, product_jeugd)
    [g] = verzoeken.keur_goed(v, collega, v.version)
    assert g.grondslag == Grondslag.WETTELIJKE_VERWIJZING and g.beschikking is None  # no own assessment, no beschikking
    assert laatste_301(aanbieder).code == "JW301"
    w = WettelijkeVerwijzing.objects.get(verzoek=v)
    assert list(w.voorzieningen.all()) == [g]
    actie = Actie.objects.get(pk=w.actie_id)
    assert actie.doel.plan == plan and actie.doel.persoon == jeugdige
    assert (actie.trede, actie.product, actie.uitvoerder) == (Trede.MAATWERK, product_jeugd, aanbieder.naam)
    assert "huisarts" in actie.omschrijving and (actie.van, actie.tot) == (g.begindatum, g.einddatum)
    # The regisseur is informed: a melding linked to the case, on their worklist.
    m = Melding.objects.get(pk=w.signaal_id)
    assert (m.status, m.toegewezen_aan, m.persoon) == (MeldingStatus.GEKOPPELD, generalist, jeugdige)
    assert m in werkvoorraad_voor(generalist).gekoppeld.rijen


def test_zonder_open_plan_krijgt_het_gebiedsteam_het_signaal(gemeente, aanbieder, jeugdige, product_jeugd, generalist, collega):
    v = verwijs(gemeente, aanbieder, jeugdige, product_jeugd)
    verzoeken.keur_goed(v, collega, v.version)
    w = WettelijkeVerwijzing.objects.get(verzoek=v)
    m = Melding.objects.get(pk=w.signaal_id)
    assert (m.team, m.toegewezen_aan, m.status) == (generalist.team, None, MeldingStatus.NIEUW)
    assert m in werkvoorraad_voor(generalist).team_nieuw.rijen
    assert w.actie_id is None


@pytest.mark.parametrize("reden", ["2", "7"], ids=["budget", "zorginhoudelijk"])
def test_wettelijke_verwijzing_niet_af_te_wijzen_op_inhoud_of_budget(gemeente, aanbieder, jeugdige, product_jeugd, collega, reden):
    v = verwijs(gemeente, aanbieder, jeugdige, product_jeugd)
    with pytest.raises(ValidationError) as exc:
        verzoeken.wijs_af(v, collega, v.version, reden_afwijzing=reden, toelichting="Wij vinden dit niet nodig.")
    assert "zonder eigen beoordeling" in " ".join(exc.value.messages)
    v.refresh_from_db()
    assert v.status == Verzoekstatus.OPEN


@pytest.mark.parametrize("reden", sorted(services.FORMELE_REDENEN))
def test_wettelijke_verwijzing_wel_af_te_wijzen_op_formele_grond(gemeente, aanbieder, jeugdige, product_jeugd, collega, reden):
    v = verwijs(gemeente, aanbieder, jeugdige, product_jeugd)
    assert verzoeken.wijs_af(v, collega, v.version, reden_afwijzing=reden, toelichting="Formele grond.").soort == "319"


def test_verzoek_zonder_wettelijke_verwijzer_mag_zorginhoudelijk_worden_afgewezen(gemeente, aanbieder, jeugdige, product_jeugd, collega):
    v = verwijs(gemeente, aanbieder, jeugdige, product_jeugd, type_="06", agb="")
    assert verzoeken.wijs_af(v, collega, v.version, reden_afwijzing="7", toelichting="Niet passend.").soort == "319"


def test_verwijsbrief_met_de_hand_wordt_gevolgd_zoals_een_315(aanbieder, jeugdige, product_jeugd, plan, generalist, collega):
    w = services.registreer_verwijzing(
        collega, jeugdige, soort="02", naam="Dr. H. Arts", datum=date(2026, 11, 20), product=product_jeugd, aanbieder=aanbieder,
        omvang=2, begindatum=date(2026, 12, 1), einddatum=date(2027, 5, 31),
    )
    [g] = w.voorzieningen.all()
    assert g.grondslag == services.GRONDSLAG_WETTELIJKE_VERWIJZING and g.beschikking is None and g.aanbieder == aanbieder
    assert w.bron == Verwijzingsbron.BRIEF and w.vastgelegd_door == collega
    assert Actie.objects.get(pk=w.actie_id).doel.plan == plan
    assert Melding.objects.get(pk=w.signaal_id).toegewezen_aan == generalist
    assert laatste_301(aanbieder).code == "JW301"


def test_verwijsbrief_van_geen_wettelijke_verwijzer_wordt_geweigerd(aanbieder, jeugdige, product_jeugd, collega):
    with pytest.raises(ValidationError):
        services.registreer_verwijzing(
            collega, jeugdige, soort="06", naam="Buurvrouw", datum=date(2026, 11, 20), product=product_jeugd, aanbieder=aanbieder,
            omvang=2, begindatum=date(2026, 12, 1), einddatum=date(2027, 5, 31),
        )
    assert not WettelijkeVerwijzing.objects.exists()


def test_afwijsscherm_toont_waarom_een_wettelijke_verwijzing_niet_op_inhoud_wordt_afgewezen(
    client, gemeente, aanbieder, jeugdige, product_jeugd, generalist
):
    from django.urls import reverse

    v = verwijs(gemeente, aanbieder, jeugdige, product_jeugd)
    client.force_login(generalist)
    r = client.post(reverse("berichten:verzoek_detail", args=[v.pk]), {
        "formulier": "afwijzen", "afwijzen-versie": v.version, "afwijzen-reden_afwijzing": "7",
        "afwijzen-toelichting": "Wij zien de noodzaak niet.",
    })
    assert r.status_code == 422 and "zonder eigen beoordeling van de hulpvraag" in r.content.decode()
    v.refresh_from_db()
    assert v.status == Verzoekstatus.OPEN


def test_315_zonder_wettelijke_verwijzer_blijft_grondslag_verzoek(gemeente, aanbieder, jeugdige, product_jeugd, collega):
    v = verwijs(gemeente, aanbieder, jeugdige, product_jeugd, type_="06", agb="")
    [g] = verzoeken.keur_goed(v, collega, v.version)
    assert g.grondslag == Grondslag.VERZOEK


@pytest.mark.parametrize("aanpassing, veld", [
    ({"omvang": 1}, "omvang"),
    ({"ingangsdatum": date(2027, 1, 1)}, "ingangsdatum"),
    ({"einddatum": date(2027, 2, 28)}, "einddatum"),
], ids=["minder_omvang", "latere_ingang", "eerder_einde"])
def test_wettelijke_verwijzing_wordt_toegekend_zoals_gevraagd(gemeente, aanbieder, jeugdige, product_jeugd, collega, aanpassing, veld):
    """Another volume or period than the referrer/provider asked would be the gemeente's own assessment."""
    v = verwijs(gemeente, aanbieder, jeugdige, product_jeugd)
    with pytest.raises(ValidationError) as exc:
        verzoeken.keur_goed(v, collega, v.version, **aanpassing)
    assert veld in exc.value.message_dict and "zonder eigen beoordeling" in " ".join(exc.value.message_dict[veld])
    v.refresh_from_db()
    assert v.status == Verzoekstatus.OPEN and not v.voorzieningen.exists()


def test_wettelijke_verwijzing_met_de_gevraagde_waarden_ingevuld_wordt_toegekend(gemeente, aanbieder, jeugdige, product_jeugd, collega):
    v = verwijs(gemeente, aanbieder, jeugdige, product_jeugd)
    [g] = verzoeken.keur_goed(v, collega, v.version, omvang=v.inhoud["volume"], ingangsdatum=date(2026, 12, 1),
                              einddatum=date(2027, 5, 31))
    assert (g.omvang, g.begindatum, g.einddatum) == (v.inhoud["volume"], date(2026, 12, 1), date(2027, 5, 31))


def test_wettelijke_verwijzing_kan_niet_in_onderzoek(gemeente, aanbieder, jeugdige, product_jeugd, collega):
    v = verwijs(gemeente, aanbieder, jeugdige, product_jeugd)
    with pytest.raises(ValidationError, match="zonder eigen beoordeling"):
        verzoeken.zet_in_onderzoek(v, collega, v.version)
    v.refresh_from_db()
    assert v.status == Verzoekstatus.OPEN


def test_verzoek_zonder_wettelijke_verwijzer_mag_wel_met_andere_omvang_en_in_onderzoek(gemeente, aanbieder, jeugdige, product_jeugd,
                                                                                      collega):
    v = verwijs(gemeente, aanbieder, jeugdige, product_jeugd, type_="06", agb="")
    verzoeken.zet_in_onderzoek(v, collega, v.version)
    [g] = verzoeken.keur_goed(v, collega, v.version, omvang=1)
    assert g.omvang == 1
