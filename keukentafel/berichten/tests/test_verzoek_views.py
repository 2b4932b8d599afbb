"""The work-item pages for verzoeken: who may see and decide, the decisions through the forms, Dutch errors,
and a stale version (409)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.berichten.aanbieder.levering import client_van
from keukentafel.berichten.models import Bericht, Verzoek, Verzoekstatus
from keukentafel.codelijsten import Wet
from keukentafel.testing.factories import GebiedFactory, MedewerkerFactory, ProductFactory

from .test_verzoeken import _xsd, regel, stuur_315  # noqa: F401  (_xsd: fixture)


@pytest.fixture
def verzoek(gemeente, aanbieder, persoon, product_wmo):
    stuur_315(gemeente, aanbieder, Wet.WMO, client_van(persoon), [regel(product_wmo, "VOT-7")])
    return Verzoek.objects.get()


@pytest.fixture
def backoffice(gemeente):
    return MedewerkerFactory(rol=Rol.BACKOFFICE, team__gebied__gemeente=gemeente)


def detail(v) -> str:
    return reverse("berichten:verzoek_detail", args=[v.pk])


def test_backoffice_ziet_werkvoorraad_en_detail(client, backoffice, verzoek, aanbieder):
    client.force_login(backoffice)
    r = client.get(reverse("berichten:verzoek_lijst"))
    assert r.status_code == 200 and "VOT-7" in r.content.decode() and aanbieder.naam in r.content.decode()
    r = client.get(detail(verzoek))
    html = r.content.decode()
    assert r.status_code == 200 and "Begeleiding individueel" in html and verzoek.persoon.bsn not in html
    assert AuditRecord.objects.filter(actie=AuditActie.LEZEN, object_type="Verzoek", object_id=str(verzoek.pk)).exists()


def test_generalist_van_het_gebied_ziet_het_verzoek(client, verzoek, huishouden):
    generalist = MedewerkerFactory(rol=Rol.GENERALIST, team__gebied=huishouden.gebied)
    client.force_login(generalist)
    assert "VOT-7" in client.get(reverse("berichten:verzoek_lijst")).content.decode()
    assert client.get(detail(verzoek)).status_code == 200


def test_generalist_van_ander_gebied_moet_reden_geven(client, verzoek, gemeente):
    ander = MedewerkerFactory(rol=Rol.GENERALIST, team__gebied=GebiedFactory(gemeente=gemeente))
    client.force_login(ander)
    assert "VOT-7" not in client.get(reverse("berichten:verzoek_lijst")).content.decode()
    r = client.get(detail(verzoek))
    huishouden_id = verzoek.persoon.lidmaatschappen.get().huishouden_id
    assert r.status_code == 302 and reverse("inwoners:noodtoegang", args=[huishouden_id]) in r["Location"]
    assert client.post(detail(verzoek), {"formulier": "onderzoek", "onderzoek-versie": 1}).status_code == 403


@pytest.mark.parametrize("rol", [Rol.FINANCIEN, Rol.BELEID])
def test_andere_rollen_403(client, verzoek, gemeente, rol):
    client.force_login(MedewerkerFactory(rol=rol, team__gebied__gemeente=gemeente))
    assert client.get(reverse("berichten:verzoek_lijst")).status_code == 403
    assert client.get(detail(verzoek)).status_code == 403


def test_backoffice_van_andere_gemeente_403(client, verzoek):
    client.force_login(MedewerkerFactory(rol=Rol.BACKOFFICE))
    assert "VOT-7" not in client.get(reverse("berichten:verzoek_lijst")).content.decode()
    assert client.get(detail(verzoek)).status_code == 403


def test_toekennen_via_formulier(client, backoffice, verzoek):
    client.force_login(backoffice)
    r = client.post(detail(verzoek), {"formulier": "goedkeuren", "goedkeuren-versie": 1, "goedkeuren-omvang": 2})
    assert r.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == Verzoekstatus.TOEGEKEND and verzoek.voorzieningen.get().omvang == 2
    assert "Het verzoek is toegekend" in client.get(detail(verzoek)).content.decode()


def test_afwijzen_zonder_reden_geeft_nederlandse_fout(client, backoffice, verzoek):
    client.force_login(backoffice)
    r = client.post(detail(verzoek), {"formulier": "afwijzen", "afwijzen-versie": 1, "afwijzen-toelichting": ""})
    assert r.status_code == 422 and "Het verzoek is niet afgewezen" in r.content.decode()
    r = client.post(detail(verzoek), {"formulier": "afwijzen", "afwijzen-versie": 1, "afwijzen-reden_afwijzing": "7",
                                      "afwijzen-toelichting": "Zorginhoudelijk niet passend."})
    assert r.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == Verzoekstatus.AFGEWEZEN and Bericht.objects.filter(soort="319").count() == 1


def test_in_onderzoek_en_verouderde_versie_409(client, backoffice, verzoek):
    client.force_login(backoffice)
    assert client.post(detail(verzoek), {"formulier": "onderzoek", "onderzoek-versie": 1}).status_code == 302
    r = client.post(detail(verzoek), {"formulier": "goedkeuren", "goedkeuren-versie": 1})
    assert r.status_code == 409 and "intussen door iemand anders gewijzigd" in r.content.decode()
    assert 'value="2"' in r.content.decode()  # the form now carries the new version


def test_regelovertreding_komt_als_fout_op_het_formulier(client, backoffice, gemeente, aanbieder, persoon):
    zonder_contract = ProductFactory(wet=Wet.WMO, productcategorie="07", productcode="07A01", naam="Dagbesteding")
    stuur_315(gemeente, aanbieder, Wet.WMO, client_van(persoon), [regel(zonder_contract)])
    v = Verzoek.objects.get()
    client.force_login(backoffice)
    r = client.post(detail(v), {"formulier": "goedkeuren", "goedkeuren-versie": 1})
    assert r.status_code == 422 and "geen geldig contract" in r.content.decode()
    v.refresh_from_db()
    assert v.status == Verzoekstatus.OPEN


def test_onbekend_formulier_400(client, backoffice, verzoek):
    client.force_login(backoffice)
    assert client.post(detail(verzoek), {"formulier": "iets"}).status_code == 400
