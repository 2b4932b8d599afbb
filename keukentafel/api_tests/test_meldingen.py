"""Meldingen through the API: who sees which, and registering through `registreer_melding`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from keukentafel.accounts.models import AuditActie, AuditRecord, Noodtoegang, Rol
from keukentafel.testing.factories import GemeenteFactory, MedewerkerFactory, MeldingFactory, PersoonFactory
from keukentafel.toegang.models import MelderType, Melding, MeldingStatus
from keukentafel.toegang.services import start_onderzoek

from .conftest import client_voor

pytestmark = pytest.mark.django_db


def lid(huishouden):
    return huishouden.leden_op().first().persoon


def anoniem_signaal(gemeente) -> Melding:
    return MeldingFactory(huishouden=None, gemeente=gemeente, melder_type=MelderType.ANONIEM, anoniem=True)


def test_lijst_toont_eigen_gebied_en_anonieme_signalen_van_de_eigen_gemeente(api, generalist, eigen_huishouden, ander_huishouden):
    eigen = MeldingFactory(huishouden=eigen_huishouden)
    anoniem_hier = anoniem_signaal(generalist.werkgemeente)
    elders = MeldingFactory(huishouden=ander_huishouden)
    anoniem_elders = anoniem_signaal(GemeenteFactory())

    response = api.get("/api/v1/meldingen/")

    assert response.status_code == 200
    ids = {m["id"] for m in response.json()["results"]}
    assert ids == {eigen.pk, anoniem_hier.pk}
    assert elders.pk not in ids
    assert anoniem_elders.pk not in ids
    assert (
        AuditRecord.objects.filter(actie=AuditActie.LEZEN, omschrijving__startswith="Lijst meldingen opgevraagd: 2 gevonden").count() == 1
    )


def test_anoniem_signaal_van_andere_gemeente_geweigerd(api):
    signaal = anoniem_signaal(GemeenteFactory())

    response = api.get(f"/api/v1/meldingen/{signaal.pk}/")

    assert response.status_code == 403
    assert response.json()["detail"] == "Deze melding hoort bij een andere gemeente."
    assert AuditRecord.objects.filter(actie=AuditActie.GEWEIGERD, object_type="Melding", object_id=str(signaal.pk)).exists()


def test_detail_van_melding_in_eigen_gebied_wordt_gelogd(api, generalist, eigen_huishouden):
    melding = MeldingFactory(huishouden=eigen_huishouden)

    response = api.get(f"/api/v1/meldingen/{melding.pk}/")

    assert response.status_code == 200
    assert response.json()["vraag"] == melding.vraag
    record = AuditRecord.objects.get(actie=AuditActie.LEZEN, object_type="Melding")
    assert record.huishouden_id == eigen_huishouden.pk
    assert record.kanaal == "api"


def test_anoniem_signaal_registreren(api, generalist):
    response = api.post(
        "/api/v1/meldingen/",
        {
            "kanaal": "telefoon",
            "melder_type": "anoniem",
            "client_op_de_hoogte": False,
            "vraag": "Buurman komt al weken de deur niet uit.",
            "leefgebieden": ["sociaal-netwerk"],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    melding = Melding.objects.get()
    assert melding.anoniem
    assert melding.gemeente == generalist.werkgemeente
    assert melding.geregistreerd_door == generalist
    assert list(melding.leefgebieden.values_list("code", flat=True)) == ["sociaal-netwerk"]
    assert response.json()["leefgebieden"] == ["sociaal-netwerk"]
    record = AuditRecord.objects.get(actie=AuditActie.AANMAKEN, object_type="Melding")
    assert record.kanaal == "api"
    assert record.medewerker == generalist


def test_melding_bij_lopende_casus_wordt_gekoppeld(api, generalist, eigen_huishouden):
    behandelaar = MedewerkerFactory(team=generalist.team)
    eerste = MeldingFactory(huishouden=eigen_huishouden, ontvangen_op=timezone.now() - timedelta(days=10))
    start_onderzoek(behandelaar, eerste, behandelaar=behandelaar)
    persoon = lid(eigen_huishouden)

    response = api.post(
        "/api/v1/meldingen/",
        {
            "kanaal": "vindplaats",
            "vindplaats": "school",
            "melder_type": "professional",
            "client_op_de_hoogte": True,
            "melder_organisatie": "Basisschool De Regenboog",
            "persoon": persoon.pk,
            "vraag": "Zoon komt vaak zonder ontbijt naar school.",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["gekoppeld_aan"] == eerste.pk
    assert data["status"] == MeldingStatus.GEKOPPELD
    assert data["toegewezen_aan"] == behandelaar.pk
    assert data["huishouden"] == eigen_huishouden.pk
    nieuw = Melding.objects.get(pk=data["id"])
    assert nieuw.gekoppeld_aan == eerste
    assert "gekoppeld aan lopend(e) onderzoek" in AuditRecord.objects.get(actie=AuditActie.AANMAKEN, object_id=str(nieuw.pk)).omschrijving


def test_melding_zonder_lopende_casus_is_niet_gekoppeld(api, eigen_huishouden):
    response = api.post(
        "/api/v1/meldingen/",
        {
            "kanaal": "balie",
            "melder_type": "inwoner",
            "client_op_de_hoogte": True,
            "persoon": lid(eigen_huishouden).pk,
            "vraag": "Hulp bij het huishouden gevraagd.",
        },
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["gekoppeld_aan"] is None
    assert response.json()["status"] == MeldingStatus.NIEUW


@pytest.mark.parametrize(
    ("gegevens", "veld", "tekst"),
    [
        (
            {"kanaal": "telefoon", "melder_type": "inwoner", "client_op_de_hoogte": True, "vraag": "  "},
            "vraag",
            "Beschrijf de vraag of het signaal.",
        ),
        ({"kanaal": "telefoon", "melder_type": "inwoner"}, "vraag", "Beschrijf de vraag of het signaal."),
        (
            {"kanaal": "vindplaats", "melder_type": "professional", "client_op_de_hoogte": True, "vraag": "Zorgen."},
            "vindplaats",
            "Kies de vindplaats waar het signaal vandaan komt.",
        ),
        ({"kanaal": "duif", "melder_type": "inwoner", "client_op_de_hoogte": True, "vraag": "Zorgen."}, "kanaal", "is een ongeldige keuze"),
    ],
)
def test_ongeldige_melding_geeft_400_met_nederlandse_melding(api, gegevens, veld, tekst):
    response = api.post("/api/v1/meldingen/", gegevens, format="json")

    assert response.status_code == 400
    assert tekst in " ".join(response.json()[veld])
    assert not Melding.objects.exists()


def test_client_op_de_hoogte_mag_onbekend_blijven(api):
    response = api.post("/api/v1/meldingen/", {"kanaal": "telefoon", "melder_type": "inwoner", "vraag": "Zorgen."}, format="json")

    assert response.status_code == 201
    assert response.json()["client_op_de_hoogte"] is None
    assert Melding.objects.get().client_op_de_hoogte is None


def test_anoniem_signaal_over_een_persoon_wordt_geweigerd(api, eigen_huishouden):
    response = api.post(
        "/api/v1/meldingen/",
        {
            "kanaal": "telefoon",
            "melder_type": "anoniem",
            "client_op_de_hoogte": False,
            "persoon": lid(eigen_huishouden).pk,
            "vraag": "Zorgen over de buren.",
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["Een anoniem signaal wordt niet aan een persoon of huishouden gekoppeld."]
    assert not Melding.objects.exists()


def test_ontvangstmoment_in_de_toekomst_geweigerd(api):
    response = api.post(
        "/api/v1/meldingen/",
        {
            "kanaal": "telefoon",
            "melder_type": "anoniem",
            "client_op_de_hoogte": False,
            "vraag": "Zorgen.",
            "ontvangen_op": (timezone.now() + timedelta(days=2)).isoformat(),
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["ontvangen_op"] == ["Het moment van ontvangst kan niet in de toekomst liggen."]


def test_melding_voor_persoon_buiten_gebied_vraagt_een_reden(api, generalist, ander_huishouden):
    gegevens = {
        "kanaal": "telefoon",
        "melder_type": "inwoner",
        "client_op_de_hoogte": True,
        "persoon": lid(ander_huishouden).pk,
        "vraag": "Hulp nodig.",
    }

    geweigerd = api.post("/api/v1/meldingen/", gegevens, format="json")

    assert geweigerd.status_code == 403
    assert not Melding.objects.exists()

    met_reden = api.post("/api/v1/meldingen/", gegevens, format="json", HTTP_X_TOEGANGSREDEN="Inwoner belt centraal nummer, loket")

    assert met_reden.status_code == 201
    assert Noodtoegang.objects.filter(medewerker=generalist, huishouden=ander_huishouden).exists()
    assert Melding.objects.get().huishouden == ander_huishouden


def test_melding_voor_persoon_zonder_huishouden_krijgt_gemeente_van_de_persoon(api, generalist):
    persoon = PersoonFactory(gebied=generalist.team.gebied)

    response = api.post(
        "/api/v1/meldingen/",
        {"kanaal": "web", "melder_type": "inwoner", "client_op_de_hoogte": True, "persoon": persoon.pk, "vraag": "Vraag over vervoer."},
        format="json",
    )

    assert response.status_code == 201
    melding = Melding.objects.get()
    assert melding.gemeente_id == persoon.gemeente_id
    assert melding.huishouden is None
    assert melding.pk in {m["id"] for m in api.get("/api/v1/meldingen/").json()["results"]}


def test_melding_over_persoon_zonder_huishouden_in_andere_gemeente_onzichtbaar(api, generalist):
    elders = PersoonFactory()
    melding = MeldingFactory(huishouden=None, persoon=elders, gemeente=generalist.werkgemeente)

    assert melding.pk not in {m["id"] for m in api.get("/api/v1/meldingen/").json()["results"]}
    assert api.get(f"/api/v1/meldingen/{melding.pk}/").status_code == 403


def test_beleidsmedewerker_kan_geen_melding_registreren():
    beleid = MedewerkerFactory(rol=Rol.BELEID)

    response = client_voor(beleid).post(
        "/api/v1/meldingen/",
        {"kanaal": "telefoon", "melder_type": "anoniem", "client_op_de_hoogte": False, "vraag": "Zorgen."},
        format="json",
    )

    assert response.status_code == 403
    assert not Melding.objects.exists()
