"""Nieuwe melding: person + household + melding in one go, BSN rules, anonymous signals, the Jordi case."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from keukentafel.accounts.models import AuditActie, AuditRecord
from keukentafel.inwoners.models import Huishouden, Huishoudlid, Persoon
from keukentafel.plannen.services import maak_plan
from keukentafel.testing.factories import GebiedFactory, HuishoudenFactory, MedewerkerFactory, MeldingFactory, TeamFactory, geldig_bsn
from keukentafel.toegang import services
from keukentafel.toegang.models import Kanaal, MelderType, Melding, MeldingStatus

from .conftest import melding_formulier

pytestmark = pytest.mark.django_db

NIEUW_BSN = geldig_bsn(900_001)


def nieuwe_persoon(gebied, **extra) -> dict:
    return {
        "bsn": NIEUW_BSN,
        "voornamen": "Fatima",
        "geslachtsnaam": "El Amrani",
        "geboortedatum": "1948-03-02",
        "geslacht": "2",
        "postcode": f"{gebied.postcodes.first().pc4} KL",
        "huisnummer": "12",
        "straat": "Lindenlaan",
        **extra,
    }


def test_nieuwe_inwoner_krijgt_persoon_huishouden_en_melding_in_een_keer(client, generalist, gebied, team):
    client.force_login(generalist)
    r = client.post(reverse("toegang:melding_nieuw"), melding_formulier(**nieuwe_persoon(gebied), leefgebieden=["1"]))
    assert r.status_code == 302, r.content.decode()[:3000]
    persoon = Persoon.objects.get(bsn=NIEUW_BSN)
    assert persoon.gebied == gebied and persoon.postcode.endswith("KL")
    huishouden = Huishouden.objects.get(leden__persoon=persoon)
    assert huishouden.gemeente == gebied.gemeente
    melding = Melding.objects.get()
    assert (melding.persoon, melding.huishouden, melding.gemeente, melding.team) == (persoon, huishouden, gebied.gemeente, team)
    assert melding.client_op_de_hoogte is True  # the resident reported it themselves
    assert r.url == reverse("toegang:melding_detail", args=[melding.pk])
    assert AuditRecord.objects.filter(actie=AuditActie.AANMAKEN, object_type="Melding", object_id=str(melding.pk)).exists()


def test_ongeldig_bsn_wordt_geweigerd_met_nederlandse_melding_en_niets_opgeslagen(client, generalist, gebied):
    client.force_login(generalist)
    r = client.post(reverse("toegang:melding_nieuw"), melding_formulier(**nieuwe_persoon(gebied, bsn="123456789")))
    assert r.status_code == 400
    assert "de elfproef klopt niet" in r.content.decode()
    assert "Mijn moeder kan niet meer alleen douchen" in r.content.decode()  # the input is kept
    assert not Persoon.objects.exists() and not Huishouden.objects.exists() and not Melding.objects.exists()


def test_zonder_bsn_alleen_een_anoniem_signaal(client, generalist):
    client.force_login(generalist)
    r = client.post(reverse("toegang:melding_nieuw"), melding_formulier())
    assert r.status_code == 400
    assert "Zonder BSN kunt u alleen een anoniem signaal vastleggen" in r.content.decode()
    assert not Melding.objects.exists()


def test_onbekend_bsn_vraagt_de_persoonsgegevens(client, generalist):
    client.force_login(generalist)
    r = client.post(reverse("toegang:melding_nieuw"), melding_formulier(bsn=NIEUW_BSN))
    assert r.status_code == 400
    assert "Dit BSN is nog niet bekend: vul de achternaam in" in r.content.decode()
    assert not Persoon.objects.exists()


def test_bestaand_bsn_hergebruikt_persoon_en_huishouden(client, generalist, huishouden):
    persoon = huishouden.leden.get().persoon
    client.force_login(generalist)
    r = client.post(
        reverse("toegang:melding_nieuw"),
        melding_formulier(bsn=f"{persoon.bsn[:4]} {persoon.bsn[4:]}", voornamen="Andere naam"),
    )
    assert r.status_code == 302
    melding = Melding.objects.get()
    assert melding.persoon == persoon and melding.huishouden == huishouden
    assert Persoon.objects.count() == 1 and Huishouden.objects.count() == 1
    persoon.refresh_from_db()
    assert persoon.voornamen != "Andere naam"  # an existing person is not changed through a melding


def test_bestaande_persoon_zonder_huishouden_krijgt_er_een(client, generalist, gebied):
    from keukentafel.testing.factories import PersoonFactory

    persoon = PersoonFactory(gebied=gebied)
    client.force_login(generalist)
    assert client.post(reverse("toegang:melding_nieuw"), melding_formulier(bsn=persoon.bsn)).status_code == 302
    melding = Melding.objects.get()
    assert melding.huishouden is not None
    assert Huishoudlid.objects.filter(persoon=persoon, huishouden=melding.huishouden).exists()


def test_mislukte_melding_laat_geen_halve_persoon_of_huishouden_achter(generalist, gebied):
    """All in one transaction: the melding fails after the person was created, so nothing remains."""
    with pytest.raises(ValidationError):
        services.registreer_melding_met_inwoner(
            generalist,
            nieuwe_persoon={
                "bsn": NIEUW_BSN,
                "voornamen": "Piet",
                "geslachtsnaam": "Jansen",
                "geboortedatum": "1950-01-01",
                "postcode": f"{gebied.postcodes.first().pc4}AA",
                "huisnummer": 3,
            },
            werkgemeente=generalist.werkgemeente,
            kanaal=Kanaal.VINDPLAATS,  # a vindplaats signal without the vindplaats: refused by the service
            melder_type=MelderType.PROFESSIONAL,
            vraag="Zorgen over meneer.",
        )
    assert not Persoon.objects.exists() and not Huishouden.objects.exists() and not Melding.objects.exists()


def test_gemeente_volgt_het_adres_anders_de_werkgemeente(generalist):
    andere = GebiedFactory()
    bsn = geldig_bsn(900_002)
    melding = services.registreer_melding_met_inwoner(
        generalist,
        nieuwe_persoon={"bsn": bsn, "voornamen": "A", "geslachtsnaam": "B", "geboortedatum": "1990-01-01", "postcode": ""},
        werkgemeente=generalist.werkgemeente,
        kanaal=Kanaal.BALIE,
        melder_type=MelderType.INWONER,
        vraag="Dakloos, zoekt onderdak.",
    )
    assert melding.gemeente == generalist.werkgemeente  # no address: the user's werkgemeente
    melding2 = services.registreer_melding_met_inwoner(
        generalist,
        nieuwe_persoon={
            "bsn": geldig_bsn(900_003),
            "voornamen": "C",
            "geslachtsnaam": "D",
            "geboortedatum": "1990-01-01",
            "postcode": f"{andere.postcodes.first().pc4}AB",
        },
        werkgemeente=generalist.werkgemeente,
        kanaal=Kanaal.BALIE,
        melder_type=MelderType.INWONER,
        vraag="Vraag over hulp bij het huishouden.",
    )
    assert melding2.gemeente == andere.gemeente  # address in another gemeente: that gemeente


def test_professional_van_vindplaats_met_naam_en_vindplaats(client, generalist, huishouden):
    persoon = huishouden.leden.get().persoon
    client.force_login(generalist)
    data = melding_formulier(bsn=persoon.bsn, kanaal="vindplaats", melder_type="professional")
    r = client.post(reverse("toegang:melding_nieuw"), data)
    assert r.status_code == 400
    assert "Vul de naam van de melder in." in r.content.decode()
    assert "Kies de vindplaats" in r.content.decode()
    data |= {
        "vindplaats": "huisarts",
        "melder_naam": "Dr. Bakker",
        "melder_organisatie": "Huisartsenpraktijk De Linde",
        "client_op_de_hoogte": "false",
    }
    assert client.post(reverse("toegang:melding_nieuw"), data).status_code == 302
    melding = Melding.objects.get()
    assert (melding.vindplaats, melding.melder_naam, melding.client_op_de_hoogte) == ("huisarts", "Dr. Bakker", False)


def test_anoniem_signaal_heeft_geen_persoon_en_staat_apart(client, generalist, team):
    client.force_login(generalist)
    r = client.post(
        reverse("toegang:melding_nieuw"),
        melding_formulier(melder_type="anoniem", kanaal="telefoon", vraag="Buurvrouw op nummer 8 komt al weken niet buiten."),
    )
    assert r.status_code == 302
    signaal = Melding.objects.get()
    assert signaal.anoniem and signaal.persoon is None and signaal.huishouden is None
    assert signaal.gemeente == generalist.werkgemeente
    lijst = client.get(reverse("toegang:anonieme_signalen")).content.decode()
    assert "Buurvrouw op nummer 8" in lijst
    assert "Buurvrouw op nummer 8" not in client.get(reverse("toegang:werkvoorraad")).content.decode()
    assert client.get(reverse("toegang:melding_detail", args=[signaal.pk])).status_code == 200


def test_anoniem_signaal_weigert_persoonsgegevens(client, generalist, huishouden):
    client.force_login(generalist)
    persoon = huishouden.leden.get().persoon
    r = client.post(reverse("toegang:melding_nieuw"), melding_formulier(melder_type="anoniem", bsn=persoon.bsn))
    assert r.status_code == 400
    assert "Een anoniem signaal wordt niet aan een persoon gekoppeld" in r.content.decode()
    assert not Melding.objects.exists()


def test_anoniem_signaal_alleen_voor_dossierrollen_van_die_gemeente(client, generalist):
    signaal = MeldingFactory(huishouden=None, gemeente=generalist.werkgemeente, melder_type="anoniem", anoniem=True)
    elders = MedewerkerFactory(team=TeamFactory())  # other gemeente
    client.force_login(elders)
    assert client.get(reverse("toegang:melding_detail", args=[signaal.pk])).status_code == 403
    assert signaal.vraag not in client.get(reverse("toegang:anonieme_signalen")).content.decode()
    beleid = MedewerkerFactory(team=None, gemeente=generalist.werkgemeente, rol="beleid")
    client.force_login(beleid)
    assert client.get(reverse("toegang:melding_detail", args=[signaal.pk])).status_code == 403
    assert client.get(reverse("toegang:anonieme_signalen")).status_code == 403


def test_tweede_melding_bij_lopende_casus_wordt_gekoppeld_aan_regisseur_service(generalist, collega, huishouden):
    maak_plan(generalist, huishouden, regisseur=collega)
    melding = services.registreer_melding(
        generalist,
        gemeente=huishouden.gemeente,
        huishouden=huishouden,
        kanaal=Kanaal.TELEFOON,
        melder_type=MelderType.INWONER,
        vraag="Nieuwe zorg.",
    )
    assert melding.status == MeldingStatus.GEKOPPELD
    assert melding.toegewezen_aan == collega


def test_tweede_melding_bij_lopende_casus_wordt_gekoppeld_aan_regisseur_view(client, generalist, collega, huishouden):
    eerste = MeldingFactory(huishouden=huishouden, toegewezen_aan=collega, status=MeldingStatus.IN_BEHANDELING)
    maak_plan(collega, huishouden, regisseur=collega)
    persoon = huishouden.leden.get().persoon
    client.force_login(generalist)
    r = client.post(reverse("toegang:melding_nieuw"), melding_formulier(bsn=persoon.bsn), follow=True)
    tweede = Melding.objects.exclude(pk=eerste.pk).get()
    assert tweede.status == MeldingStatus.GEKOPPELD
    assert tweede.gekoppeld_aan == eerste and tweede.toegewezen_aan == collega
    verwacht = f"gekoppeld aan de lopende casus van dit huishouden; regisseur {escape(collega)} is op de hoogte gebracht"
    assert verwacht in r.content.decode()
    pagina = client.get(reverse("toegang:melding_detail", args=[tweede.pk])).content.decode()
    assert verwacht in pagina
    # and it shows up in the regisseur's worklist as newly linked
    client.force_login(collega)
    werk = client.get(reverse("toegang:werkvoorraad")).content.decode()
    assert f"Melding {tweede.pk}" in werk


def test_melding_buiten_eigen_gebied_gaat_na_registratie_naar_de_werkvoorraad(client, buitenstaander, huishouden, team):
    persoon = huishouden.leden.get().persoon
    client.force_login(buitenstaander)
    r = client.post(reverse("toegang:melding_nieuw"), melding_formulier(bsn=persoon.bsn))
    assert r.status_code == 302 and r.url == reverse("toegang:werkvoorraad")
    assert Melding.objects.get().team == team


def test_rollen_zonder_dossierwerk_registreren_geen_meldingen(client, gebied):
    beleid = MedewerkerFactory(team=None, gemeente=gebied.gemeente, rol="financien")
    client.force_login(beleid)
    assert client.get(reverse("toegang:melding_nieuw")).status_code == 403


def test_ontvangstmoment_in_de_toekomst_geweigerd(client, generalist, huishouden):
    from datetime import timedelta

    from .conftest import datum_tijd

    client.force_login(generalist)
    persoon = huishouden.leden.get().persoon
    r = client.post(reverse("toegang:melding_nieuw"), melding_formulier(bsn=persoon.bsn, ontvangen_op=datum_tijd(timedelta(days=2))))
    assert r.status_code == 400 and "niet in de toekomst" in r.content.decode()


def test_formulier_toont_actieve_leefgebieden_en_standaard_nu(client, generalist):
    client.force_login(generalist)
    html = client.get(reverse("toegang:melding_nieuw")).content.decode()
    assert "Financiën" in html and "Huisvesting" in html
    assert 'name="ontvangen_op"' in html and 'type="datetime-local"' in html


def test_andere_gebieden_krijgen_hun_eigen_team(generalist):
    ander = GebiedFactory(gemeente=generalist.werkgemeente)
    ander_team = TeamFactory(gebied=ander)
    h = HuishoudenFactory(gebied=ander)
    m = services.registreer_melding(generalist, gemeente=h.gemeente, huishouden=h, kanaal="balie", melder_type="inwoner", vraag="Vraag")
    assert m.team == ander_team


def test_melding_bij_actief_plan_wordt_gekoppeld_aan_de_oorspronkelijke_melding_ook_als_die_gesloten_is(
    generalist, collega, huishouden
):
    eerste = MeldingFactory(huishouden=huishouden, status=MeldingStatus.AFGESLOTEN)
    maak_plan(generalist, huishouden, regisseur=collega)
    tweede = services.registreer_melding(
        generalist,
        gemeente=huishouden.gemeente,
        huishouden=huishouden,
        kanaal=Kanaal.TELEFOON,
        melder_type=MelderType.VERTEGENWOORDIGER,
        vraag="Zijn moeder belt: het gaat niet goed met Jordi.",
    )
    assert tweede.gekoppeld_aan == eerste
    assert tweede.status == MeldingStatus.GEKOPPELD and tweede.toegewezen_aan == collega


def test_nieuwe_melding_vanuit_dossier_vult_bsn_in_het_formulier_en_niet_in_de_url(client, generalist, huishouden):
    aanvrager = huishouden.leden.get().persoon
    client.force_login(generalist)
    r = client.get(reverse("toegang:melding_nieuw"), {"huishouden": huishouden.pk})
    assert r.status_code == 200
    assert f'value="{aanvrager.bsn}"' in r.content.decode()
    assert AuditRecord.objects.filter(actie=AuditActie.LEZEN, huishouden_id=huishouden.pk).exists()


def test_nieuwe_melding_vanuit_dossier_buiten_gebied_vraagt_reden(client, huishouden):
    buitenstaander = MedewerkerFactory()
    client.force_login(buitenstaander)
    r = client.get(reverse("toegang:melding_nieuw"), {"huishouden": huishouden.pk})
    assert r.status_code == 302 and "/toegang/" in r["Location"]
    assert huishouden.leden.get().persoon.bsn not in r.content.decode()
