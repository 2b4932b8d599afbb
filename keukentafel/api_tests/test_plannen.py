"""Ondersteuningsplannen through the API: one plan per household, optimistic locking on goals and actions."""

from __future__ import annotations

from datetime import date

import pytest

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.beleid.models import Leefgebied
from keukentafel.plannen.models import Actie, Doel, Ondersteuningsplan, OndertekenaarRol, Ondertekenmethode, PlanStatus
from keukentafel.plannen.services import leg_versie_vast, maak_plan, onderteken, voeg_actie_toe, voeg_doel_toe
from keukentafel.testing.factories import AlgemeneVoorzieningFactory, MedewerkerFactory, NetwerklidFactory, ProductFactory

pytestmark = pytest.mark.django_db

GELIJKTIJDIG = "Dit ondersteuningsplan is intussen door iemand anders gewijzigd."


@pytest.fixture
def plan(generalist, eigen_huishouden) -> Ondersteuningsplan:
    return maak_plan(generalist, eigen_huishouden, toelichting="Mevrouw wil zelfstandig blijven wonen.")


def leefgebied(code: str = "huisvesting") -> Leefgebied:
    return Leefgebied.objects.get(code=code)


def test_plan_aanmaken(api, generalist, eigen_huishouden):
    response = api.post("/api/v1/plannen/", {"huishouden": eigen_huishouden.pk, "toelichting": "Eerste afspraken."}, format="json")

    assert response.status_code == 201, response.json()
    plan = Ondersteuningsplan.objects.get()
    assert response.json()["id"] == plan.pk
    assert response.json()["regisseur"] == generalist.pk
    assert response.json()["status"] == PlanStatus.CONCEPT
    assert response.json()["version"] == 1
    assert AuditRecord.objects.get(actie=AuditActie.AANMAKEN, object_type="Ondersteuningsplan").kanaal == "api"


def test_tweede_open_plan_geeft_400(api, plan, eigen_huishouden):
    response = api.post("/api/v1/plannen/", {"huishouden": eigen_huishouden.pk}, format="json")

    assert response.status_code == 400
    assert "één huishouden, één plan" in response.json()["non_field_errors"][0]
    assert Ondersteuningsplan.objects.count() == 1


def test_plan_voor_huishouden_buiten_gebied_geweigerd(api, ander_huishouden):
    response = api.post("/api/v1/plannen/", {"huishouden": ander_huishouden.pk}, format="json")

    assert response.status_code == 403
    assert not Ondersteuningsplan.objects.exists()
    assert AuditRecord.objects.filter(actie=AuditActie.GEWEIGERD, huishouden_id=ander_huishouden.pk).exists()


def test_regisseur_moet_generalist_of_teamleider_zijn(api, generalist, eigen_huishouden):
    backoffice = MedewerkerFactory(rol=Rol.BACKOFFICE, team=None, gemeente=generalist.werkgemeente)

    response = api.post("/api/v1/plannen/", {"huishouden": eigen_huishouden.pk, "regisseur": backoffice.pk}, format="json")

    assert response.status_code == 400
    assert response.json()["regisseur"] == ["Alleen een generalist of teamleider kan regisseur zijn."]


def test_detail_met_doelen_acties_versies_en_handtekeningen(api, generalist, plan, eigen_huishouden):
    doel = voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied(), omschrijving="Veilig thuis douchen")
    voeg_actie_toe(
        generalist,
        doel,
        plan.version,
        trede="maatwerk",
        omschrijving="Douchestoel en beugels",
        uitvoerder="Hulpmiddelenleverancier",
        product=ProductFactory(naam="Woonvoorziening", productcategorie="13", productcode="13A01"),
        van=date(2026, 1, 1),
        tot=date(2026, 12, 31),
        evaluatiedatum=date(2026, 6, 1),
    )
    versie = leg_versie_vast(generalist, plan, plan.version)
    onderteken(generalist, versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL)

    response = api.get(f"/api/v1/plannen/{plan.pk}/")

    assert response.status_code == 200
    data = response.json()
    assert data["version"] == Ondersteuningsplan.objects.get().version
    [doel_data] = data["doelen"]
    assert doel_data["leefgebied"] == "huisvesting"
    [actie] = doel_data["acties"]
    assert actie["trede"] == "maatwerk"
    assert actie["uitvoerder"] == "Hulpmiddelenleverancier"
    assert actie["voorziening"] == "Woonvoorziening" and actie["product"] is not None
    assert (actie["van"], actie["tot"], actie["evaluatiedatum"]) == ("2026-01-01", "2026-12-31", "2026-06-01")
    [versie_data] = data["versies"]
    assert versie_data["nummer"] == 1
    assert versie_data["inhoud"]["doelen"][0]["omschrijving"] == "Veilig thuis douchen"
    assert [o["rol"] for o in versie_data["ondertekeningen"]] == ["professional"]
    assert versie_data["volledig_getekend"] is False
    assert AuditRecord.objects.filter(actie=AuditActie.LEZEN, object_type="Ondersteuningsplan", kanaal="api").count() == 1


def test_lijst_alleen_plannen_van_zichtbare_huishoudens(api, plan, ander_huishouden):
    elders = maak_plan(MedewerkerFactory(team__gebied=ander_huishouden.gebied), ander_huishouden)

    ids = [p["id"] for p in api.get("/api/v1/plannen/").json()["results"]]

    assert ids == [plan.pk]
    assert elders.pk not in ids


def test_doel_toevoegen_met_juiste_versie(api, generalist, plan):
    response = api.post(
        f"/api/v1/plannen/{plan.pk}/doelen/",
        {"version": plan.version, "leefgebied": "financien", "omschrijving": "Grip op de post", "beoogd_resultaat": "Geen nieuwe schulden"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    doel = Doel.objects.get()
    assert response.json()["id"] == doel.pk
    assert response.json()["plan_version"] == plan.version + 1
    assert Ondersteuningsplan.objects.get().version == plan.version + 1
    assert AuditRecord.objects.filter(actie=AuditActie.WIJZIGEN, object_type="Ondersteuningsplan", kanaal="api").count() == 1


def test_verouderde_versie_bij_doel_geeft_409_en_slaat_niets_op(api, generalist, plan):
    gelezen = plan.version
    voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied(), omschrijving="Iemand anders was sneller")

    response = api.post(
        f"/api/v1/plannen/{plan.pk}/doelen/",
        {"version": gelezen, "leefgebied": "financien", "omschrijving": "Grip op de post"},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["detail"].startswith(GELIJKTIJDIG)
    assert list(Doel.objects.values_list("omschrijving", flat=True)) == ["Iemand anders was sneller"]
    assert Ondersteuningsplan.objects.get().version == gelezen + 1


def test_doel_zonder_versie_geeft_400(api, plan):
    response = api.post(f"/api/v1/plannen/{plan.pk}/doelen/", {"leefgebied": "financien", "omschrijving": "Grip op de post"}, format="json")

    assert response.status_code == 400
    assert response.json()["version"] == ["Geef de version van het plan mee zoals u het hebt gelezen."]
    assert not Doel.objects.exists()


def test_doel_voor_persoon_buiten_het_huishouden_geweigerd(api, plan, ander_huishouden):
    vreemde = ander_huishouden.leden_op().first().persoon

    response = api.post(
        f"/api/v1/plannen/{plan.pk}/doelen/",
        {"version": plan.version, "leefgebied": "financien", "omschrijving": "Grip op de post", "persoon": vreemde.pk},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["persoon"] == ["Deze persoon hoort niet bij het huishouden van dit plan."]
    assert not Doel.objects.exists()


def test_doel_toevoegen_aan_plan_buiten_gebied_geweigerd(api, ander_huishouden):
    elders = maak_plan(MedewerkerFactory(team__gebied=ander_huishouden.gebied), ander_huishouden)

    response = api.post(
        f"/api/v1/plannen/{elders.pk}/doelen/", {"version": elders.version, "leefgebied": "financien", "omschrijving": "X"}, format="json"
    )

    assert response.status_code == 403
    assert not Doel.objects.exists()


def test_actie_toevoegen_met_juiste_versie(api, generalist, plan, eigen_huishouden):
    doel = voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied(), omschrijving="Veilig thuis")
    dochter = NetwerklidFactory(huishouden=eigen_huishouden, naam="Els")

    response = api.post(
        f"/api/v1/plannen/{plan.pk}/doelen/{doel.pk}/acties/",
        {
            "version": plan.version,
            "trede": "sociaal_netwerk",
            "omschrijving": "Boodschappen op zaterdag",
            "uitvoerder": "Els (dochter)",
            "netwerklid": dochter.pk,
            "van": "2026-02-01",
            "evaluatiedatum": "2026-08-01",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    actie = Actie.objects.get()
    assert actie.doel == doel
    assert actie.netwerklid == dochter
    assert response.json()["plan_version"] == plan.version + 1
    assert response.json()["trede_omschrijving"] == "Sociaal netwerk / mantelzorg"


def test_verouderde_versie_bij_actie_geeft_409_en_slaat_niets_op(api, generalist, plan):
    doel = voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied(), omschrijving="Veilig thuis")
    gelezen = plan.version
    voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied("financien"), omschrijving="Intussen")

    response = api.post(
        f"/api/v1/plannen/{plan.pk}/doelen/{doel.pk}/acties/",
        {"version": gelezen, "trede": "eigen_kracht", "omschrijving": "Zelf bellen", "uitvoerder": "Mevrouw", "van": "2026-02-01"},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["detail"].startswith(GELIJKTIJDIG)
    assert not Actie.objects.exists()


def test_actie_met_fouten_geeft_nederlandse_meldingen(api, generalist, plan):
    doel = voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied(), omschrijving="Veilig thuis")

    response = api.post(
        f"/api/v1/plannen/{plan.pk}/doelen/{doel.pk}/acties/",
        {
            "version": plan.version,
            "trede": "maatwerk",
            "omschrijving": "Traplift",
            "uitvoerder": "Leverancier",
            "van": "2026-03-01",
            "tot": "2026-02-01",
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["tot"] == ["De einddatum ligt vóór de begindatum."]
    assert response.json()["product"] == ["Kies het maatwerkproduct uit de productenlijst."]
    assert not Actie.objects.exists()
    assert Ondersteuningsplan.objects.get().version == plan.version


def test_actie_met_algemene_voorziening_uit_de_sociale_kaart(api, generalist, plan):
    doel = voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied(), omschrijving="Minder eenzaam")
    inloop = AlgemeneVoorzieningFactory(naam="Inloop buurthuis", gemeente=plan.huishouden.gemeente)

    response = api.post(
        f"/api/v1/plannen/{plan.pk}/doelen/{doel.pk}/acties/",
        {
            "version": plan.version,
            "trede": "algemene_voorziening",
            "omschrijving": "Twee keer per week naar de inloop",
            "uitvoerder": "Mevrouw zelf",
            "algemene_voorziening": inloop.pk,
            "van": "2026-03-01",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["algemene_voorziening"] == inloop.pk and response.json()["voorziening"] == "Inloop buurthuis"


def test_actie_bij_doel_van_een_ander_plan_geeft_404(api, generalist, plan, ander_huishouden):
    ander_plan = maak_plan(generalist, ander_huishouden)
    vreemd_doel = voeg_doel_toe(generalist, ander_plan, ander_plan.version, leefgebied=leefgebied(), omschrijving="Elders")

    response = api.post(
        f"/api/v1/plannen/{plan.pk}/doelen/{vreemd_doel.pk}/acties/",
        {"version": plan.version, "trede": "eigen_kracht", "omschrijving": "X", "uitvoerder": "Y", "van": "2026-02-01"},
        format="json",
    )

    assert response.status_code == 404
    assert response.json()["detail"] == "Dit doel hoort niet bij dit plan."
    assert not Actie.objects.exists()
