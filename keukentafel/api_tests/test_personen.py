"""Persons through the API: masked BSN in lists, BSN search by POST only, registration with Dutch errors."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from keukentafel.accounts.models import AuditActie, AuditRecord
from keukentafel.inwoners.models import Huishoudlid, Persoon
from keukentafel.inwoners.persoontoegang import ZONDER_HUISHOUDEN_GEWEIGERD
from keukentafel.inwoners.services import voeg_lid_toe
from keukentafel.testing.factories import GebiedFactory, HuishoudenFactory, PersoonFactory, geldig_bsn

pytestmark = pytest.mark.django_db

BSN_ELFPROEF_FOUT = "123456789"  # 9 digits that fail the elfproef


def lid(huishouden) -> Persoon:
    return huishouden.leden_op().first().persoon


def alle_auditregels() -> str:
    return "\n".join(f"{r.omschrijving} {r.reden} {r.object_id}" for r in AuditRecord.objects.all())


def test_lijst_maskeert_het_bsn(api, eigen_huishouden):
    response = api.get("/api/v1/personen/")

    assert response.status_code == 200
    resultaten = response.json()["results"]
    assert len(resultaten) == 2
    for persoon in eigen_huishouden.leden_op():
        assert persoon.persoon.bsn not in response.content.decode()
        rij = next(r for r in resultaten if r["id"] == persoon.persoon_id)
        assert rij["bsn_gemaskeerd"] == persoon.persoon.bsn_gemaskeerd
        assert rij["huishouden"] == eigen_huishouden.pk
        assert "bsn" not in rij


def test_lijst_toont_alleen_personen_uit_zichtbare_huishoudens(api, eigen_huishouden, ander_huishouden):
    zonder_huishouden = PersoonFactory(gebied=eigen_huishouden.gebied)

    ids = {r["id"] for r in api.get("/api/v1/personen/").json()["results"]}

    assert ids == {lid.persoon_id for lid in eigen_huishouden.leden_op()}
    assert lid(ander_huishouden).pk not in ids
    assert zonder_huishouden.pk not in ids


def test_persoon_die_verhuisde_naar_ander_gebied_valt_uit_de_lijst(api, generalist, eigen_huishouden, ander_huishouden):
    verhuisd = lid(eigen_huishouden)
    voeg_lid_toe(generalist, ander_huishouden, verhuisd, "partner", date(2024, 1, 1))

    ids = {r["id"] for r in api.get("/api/v1/personen/").json()["results"]}

    assert verhuisd.pk not in ids
    assert api.get(f"/api/v1/personen/{verhuisd.pk}/").status_code == 403


def test_filters_op_naam_postcode_en_geboortedatum(api, generalist):
    huishouden = HuishoudenFactory(gebied=generalist.team.gebied, leden=0)
    jansen = PersoonFactory(geslachtsnaam="Jansen", geboortedatum=date(1950, 3, 1), gebied=huishouden.gebied, postcode=huishouden.postcode)
    pietersen = PersoonFactory(geslachtsnaam="Pietersen", geboortedatum=date(1990, 7, 7), gebied=huishouden.gebied, postcode="9999ZZ")
    for p in (jansen, pietersen):
        Huishoudlid.objects.create(huishouden=huishouden, persoon=p, begindatum=date(2020, 1, 1))

    def ids(query: str) -> set[int]:
        return {r["id"] for r in api.get(f"/api/v1/personen/?{query}").json()["results"]}

    assert ids("geslachtsnaam=jan") == {jansen.pk}
    assert ids("geslachtsnaam=JÁN") == {jansen.pk}
    assert ids(f"postcode={huishouden.postcode[:4]} {huishouden.postcode[4:].lower()}") == {jansen.pk}
    assert ids(f"postcode={huishouden.postcode[:4]}") == {jansen.pk}
    assert ids("geboortedatum=1990-07-07") == {pietersen.pk}


def test_detail_toont_het_volledige_bsn_en_logt_de_inzage(api, generalist, eigen_huishouden):
    persoon = lid(eigen_huishouden)

    response = api.get(f"/api/v1/personen/{persoon.pk}/")

    assert response.status_code == 200
    assert response.json()["bsn"] == persoon.bsn
    assert response.json()["huishouden"] == eigen_huishouden.pk
    record = AuditRecord.objects.get(actie=AuditActie.LEZEN, object_type="Persoon")
    assert record.huishouden_id == eigen_huishouden.pk
    assert record.medewerker == generalist
    assert persoon.bsn not in record.omschrijving


def test_persoon_zonder_huishouden_alleen_binnen_de_eigen_gemeente(api, generalist, ander_huishouden):
    zelfde_gemeente = PersoonFactory(gebied=ander_huishouden.gebied)
    andere_gemeente = PersoonFactory(gebied=GebiedFactory())

    assert api.get(f"/api/v1/personen/{zelfde_gemeente.pk}/").status_code == 200
    response = api.get(f"/api/v1/personen/{andere_gemeente.pk}/")
    assert response.status_code == 403
    assert response.json()["detail"] == ZONDER_HUISHOUDEN_GEWEIGERD
    assert AuditRecord.objects.filter(actie=AuditActie.GEWEIGERD, object_type="Persoon", object_id=str(andere_gemeente.pk)).exists()
    assert not AuditRecord.objects.filter(actie=AuditActie.LEZEN, object_id=str(andere_gemeente.pk)).exists()


def test_registreren_met_ongeldig_bsn_geeft_400_en_slaat_niets_op(api, caplog):
    caplog.set_level(logging.DEBUG)
    gegevens = {"bsn": BSN_ELFPROEF_FOUT, "voornamen": "Anna", "geslachtsnaam": "Visser", "geboortedatum": "1948-02-03"}

    response = api.post("/api/v1/personen/", gegevens, format="json")

    assert response.status_code == 400
    assert response.json()["bsn"] == ["Dit is geen geldig BSN: de elfproef klopt niet."]
    assert not Persoon.objects.exists()
    assert BSN_ELFPROEF_FOUT not in response.content.decode()
    assert BSN_ELFPROEF_FOUT not in caplog.text

    te_kort = api.post("/api/v1/personen/", {**gegevens, "bsn": "12345"}, format="json")
    assert te_kort.json()["bsn"] == ["Een BSN bestaat uit precies 9 cijfers."]
    assert not Persoon.objects.exists()


def test_registreren_met_ongeldige_postcode_geeft_nederlandse_melding(api):
    gegevens = {"bsn": geldig_bsn(9001), "voornamen": "Anna", "geslachtsnaam": "Visser", "geboortedatum": "1948-02-03", "postcode": "AB12"}

    response = api.post("/api/v1/personen/", gegevens, format="json")

    assert response.status_code == 400
    assert response.json()["postcode"] == ["Vul een geldige postcode in, bijvoorbeeld 2181 AB."]
    assert not Persoon.objects.exists()


def test_registreren_via_de_service_leidt_gebied_af_en_logt(api, generalist, caplog):
    caplog.set_level(logging.DEBUG)
    bsn = geldig_bsn(9002)
    pc4 = generalist.team.gebied.postcodes.first().pc4
    gegevens = {
        "bsn": bsn,
        "voornamen": "Anna",
        "geslachtsnaam": "Visser",
        "geboortedatum": "1948-02-03",
        "straat": "Kerkstraat",
        "huisnummer": 4,
        "postcode": f"{pc4} ab",
    }

    response = api.post("/api/v1/personen/", gegevens, format="json")

    assert response.status_code == 201, response.json()
    persoon = Persoon.objects.get(bsn=bsn)
    assert response.json()["id"] == persoon.pk
    assert persoon.postcode == f"{pc4}AB"
    assert persoon.gebied_id == generalist.team.gebied_id
    assert response.json()["gebied"] == generalist.team.gebied_id
    record = AuditRecord.objects.get(actie=AuditActie.AANMAKEN, object_type="Persoon")
    assert record.medewerker == generalist
    assert record.kanaal == "api"
    assert bsn not in alle_auditregels()
    assert bsn not in caplog.text


def test_dubbel_bsn_geeft_400(api, eigen_huishouden):
    bestaand = lid(eigen_huishouden)
    gegevens = {"bsn": bestaand.bsn, "voornamen": "Anna", "geslachtsnaam": "Visser", "geboortedatum": "1948-02-03"}

    response = api.post("/api/v1/personen/", gegevens, format="json")

    assert response.status_code == 400
    assert response.json()["bsn"] == ["Er bestaat al een Persoon met eenzelfde BSN."]
    assert Persoon.objects.count() == 2


def test_zoeken_op_bsn_via_post(api, generalist, eigen_huishouden, caplog):
    caplog.set_level(logging.DEBUG)
    persoon = lid(eigen_huishouden)

    response = api.post("/api/v1/personen/zoek-bsn/", {"bsn": persoon.bsn}, format="json")

    assert response.status_code == 200
    assert response.json()["id"] == persoon.pk
    assert response.json()["bsn"] == persoon.bsn
    assert "Location" not in response
    record = AuditRecord.objects.get(actie=AuditActie.LEZEN, object_type="Persoon")
    assert "opgezocht op BSN" in record.omschrijving
    assert record.kanaal == "api"
    assert persoon.bsn not in alle_auditregels()
    assert persoon.bsn not in caplog.text


def test_zoeken_op_bsn_kan_niet_via_de_url(api, eigen_huishouden):
    bsn = lid(eigen_huishouden).bsn

    assert api.get("/api/v1/personen/zoek-bsn/").status_code == 405
    assert api.get(f"/api/v1/personen/zoek-bsn/?bsn={bsn}").status_code in (400, 405)
    assert api.post(f"/api/v1/personen/zoek-bsn/?bsn={bsn}", {}, format="json").status_code == 400
    assert not AuditRecord.objects.filter(actie=AuditActie.LEZEN).exists()


def test_zoeken_op_onbekend_bsn_geeft_404_en_logt_gemaskeerd(api, generalist):
    bsn = geldig_bsn(9003)

    response = api.post("/api/v1/personen/zoek-bsn/", {"bsn": bsn}, format="json")

    assert response.status_code == 404
    assert response.json()["detail"] == "Er is geen persoon met dit BSN geregistreerd."
    record = AuditRecord.objects.get(actie=AuditActie.ZOEKEN, medewerker=generalist)
    assert bsn[-4:] in record.omschrijving
    assert bsn not in alle_auditregels()


def test_zoeken_op_ongeldig_bsn_geeft_400(api):
    response = api.post("/api/v1/personen/zoek-bsn/", {"bsn": BSN_ELFPROEF_FOUT}, format="json")

    assert response.status_code == 400
    assert response.json()["bsn"] == ["Dit is geen geldig BSN: de elfproef klopt niet."]


def test_zoeken_op_bsn_buiten_gebied_vraagt_een_reden(api, generalist, ander_huishouden):
    persoon = lid(ander_huishouden)

    geweigerd = api.post("/api/v1/personen/zoek-bsn/", {"bsn": persoon.bsn}, format="json")
    met_reden = api.post(
        "/api/v1/personen/zoek-bsn/", {"bsn": persoon.bsn}, format="json", HTTP_X_TOEGANGSREDEN="Melding huisarts, acute situatie"
    )

    assert geweigerd.status_code == 403
    assert "bsn" not in geweigerd.json()
    assert met_reden.status_code == 200
    assert met_reden.json()["bsn"] == persoon.bsn


def test_gefilterde_lijst_wordt_gelogd_als_zoekopdracht_met_aantal(api, generalist, eigen_huishouden):
    naam = lid(eigen_huishouden).geslachtsnaam

    response = api.get(f"/api/v1/personen/?geslachtsnaam={naam}")

    assert response.status_code == 200
    record = AuditRecord.objects.get(medewerker=generalist, actie=AuditActie.ZOEKEN)
    assert record.omschrijving.startswith(f"Lijst personen opgevraagd: {response.json()['count']} gevonden")
    assert f"geslachtsnaam={naam}" in record.omschrijving
    assert record.kanaal == "api"
