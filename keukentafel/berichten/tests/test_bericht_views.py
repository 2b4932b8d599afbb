"""Staff pages for messages: who may see what, what the detail shows, and that reading is audited."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.berichten import verwerking
from keukentafel.berichten.models import Bericht, Berichtstatus, Richting
from keukentafel.testing.factories import AanbiederFactory, GemeenteFactory, MedewerkerFactory

from .test_verwerking import NS, bericht_305, fixture_nep_305, fixture_xsd_aan  # noqa: F401  (fixtures nep_305, xsd_aan)


def medewerker_met_rol(gemeente, rol):
    if rol in (Rol.BACKOFFICE, Rol.GENERALIST):
        return MedewerkerFactory(rol=rol, team__gebied__gemeente=gemeente)
    return MedewerkerFactory(rol=rol, team=None, gemeente=gemeente)


@pytest.fixture
def start(gemeente, aanbieder, persoon, nep_305):
    """A processed 305 for `persoon` (and its 306)."""
    return verwerking.ontvang(bericht_305(gemeente, aanbieder, bsn=persoon.bsn)).bericht


def declaratie_rij(gemeente, aanbieder, **kw):
    return Bericht.objects.create(
        richting=Richting.IN, wet="wmo", soort="323", berichtcode="484", gemeente=gemeente, aanbieder=aanbieder,
        afzender=aanbieder.agb_code, ontvanger=gemeente.gemeentecode, identificatie=kw.pop("identificatie", "D1"), xml="<x/>",
        sha256="0" * 64, status=kw.pop("status", Berichtstatus.VERWERKT), **kw,
    )


@pytest.mark.parametrize("rol", [Rol.GENERALIST, Rol.TEAMLEIDER, Rol.BELEID])
def test_andere_rollen_krijgen_403(client, gemeente, start, rol):
    client.force_login(MedewerkerFactory(rol=rol, team__gebied__gemeente=gemeente))
    assert client.get(reverse("berichten:bericht_lijst")).status_code == 403
    assert client.get(reverse("berichten:bericht_detail", args=[start.pk])).status_code == 403


def test_backoffice_ziet_lijst_met_kolommen_en_xsd_status(client, gemeente, aanbieder, start, persoon, xsd_aan):
    client.force_login(medewerker_met_rol(gemeente, Rol.BACKOFFICE))
    r = client.get(reverse("berichten:bericht_lijst"))
    assert r.status_code == 200
    html = r.content.decode()
    assert "XSD-validatie tegen" in html
    assert "WMO305" in html and "WMO306" in html and aanbieder.naam in html and "100000000001" in html
    assert persoon.bsn not in html
    assert all(persoon.bsn not in href for href in re.findall(r'href="([^"]*)"', html))


def test_lijst_filters(client, gemeente, aanbieder, start):
    declaratie_rij(gemeente, aanbieder, status=Berichtstatus.AFGEKEURD, fouten=[{"melding": "Eerste fout hier", "code": "0001"}])
    client.force_login(medewerker_met_rol(gemeente, Rol.BACKOFFICE))
    url = reverse("berichten:bericht_lijst")
    assert client.get(url, {"soort": "323"}).context["pagina"].paginator.count == 1
    assert client.get(url, {"richting": "uit"}).context["pagina"].paginator.count == 1
    r = client.get(url, {"status": "afgekeurd"})
    assert r.context["pagina"].paginator.count == 1 and "Eerste fout hier" in r.content.decode()
    assert client.get(url, {"aanbieder": aanbieder.pk, "wet": "wmo"}).context["pagina"].paginator.count == 3
    assert client.get(url, {"van": "2000-01-01", "tot": "2000-01-31"}).context["pagina"].paginator.count == 0
    assert client.get(url, {"van": "2000-02-01", "tot": "2000-01-31"}).context["pagina"].paginator.count == 0  # invalid period


def test_paginering(client, gemeente, aanbieder):
    for i in range(55):
        declaratie_rij(gemeente, aanbieder, identificatie=f"D{i}")
    client.force_login(medewerker_met_rol(gemeente, Rol.BACKOFFICE))
    r = client.get(reverse("berichten:bericht_lijst"), {"soort": "323"})
    assert len(r.context["pagina"].object_list) == 50 and "pagina=2" in r.content.decode() and "soort=323" in r.content.decode()
    assert len(client.get(reverse("berichten:bericht_lijst"), {"soort": "323", "pagina": 2}).context["pagina"].object_list) == 5


def test_andere_gemeente_ziet_niets(client, gemeente, start):
    andere = GemeenteFactory()
    client.force_login(medewerker_met_rol(andere, Rol.BACKOFFICE))
    assert client.get(reverse("berichten:bericht_lijst")).context["pagina"].paginator.count == 0
    assert client.get(reverse("berichten:bericht_detail", args=[start.pk])).status_code == 404


def test_financien_ziet_alleen_declaraties(client, gemeente, aanbieder, start):
    d = declaratie_rij(gemeente, aanbieder)
    client.force_login(medewerker_met_rol(gemeente, Rol.FINANCIEN))
    r = client.get(reverse("berichten:bericht_lijst"))
    assert r.status_code == 200 and [b.pk for b in r.context["pagina"].object_list] == [d.pk]
    assert client.get(reverse("berichten:bericht_detail", args=[d.pk])).status_code == 200
    assert client.get(reverse("berichten:bericht_detail", args=[start.pk])).status_code == 404


def test_functioneel_beheer_ziet_ook_berichten_zonder_gemeente(client, gemeente, aanbieder, nep_305):
    o = verwerking.ontvang(bericht_305("0999", aanbieder))
    assert o.bericht.gemeente is None
    client.force_login(medewerker_met_rol(gemeente, Rol.FUNCTIONEEL_BEHEER))
    assert client.get(reverse("berichten:bericht_detail", args=[o.bericht.pk])).status_code == 200
    client.force_login(medewerker_met_rol(gemeente, Rol.BACKOFFICE))
    assert client.get(reverse("berichten:bericht_detail", args=[o.bericht.pk])).status_code == 404


def test_detail_toont_inhoud_naast_xml_en_logt_inzage(client, gemeente, aanbieder, start, persoon, huishouden):
    mw = medewerker_met_rol(gemeente, Rol.BACKOFFICE)
    client.force_login(mw)
    r = client.get(reverse("berichten:bericht_detail", args=[start.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    assert "T. de Wit" in html  # the name as in the message
    assert f"*****{persoon.bsn[-4:]}" in html
    assert "StartProduct" in html and "01 01A11" in html and "2025-04-03" in html
    assert "&lt;wmo305:Bericht" in html and "<wmo305:Bericht" not in html  # escaped raw XML
    antwoord = start.antwoorden.get()
    assert reverse("berichten:bericht_detail", args=[antwoord.pk]) in html
    [log] = AuditRecord.objects.filter(medewerker=mw, actie=AuditActie.LEZEN)
    assert log.huishouden_id == huishouden.pk and persoon.bsn not in log.omschrijving
    # The answer links back to the message it answers.
    r = client.get(reverse("berichten:bericht_detail", args=[antwoord.pk]))
    assert reverse("berichten:bericht_detail", args=[start.pk]) in r.content.decode()


def test_detail_met_bevindingen_en_retourcodetekst(client, gemeente, aanbieder, persoon, nep_305):
    def fout(root):
        root.find(f".//{{{NS}}}StartProduct/{{{NS}}}ToewijzingNummer").text = "999999"

    b = verwerking.ontvang(bericht_305(gemeente, aanbieder, bsn=persoon.bsn, wijzig=fout)).bericht
    client.force_login(medewerker_met_rol(gemeente, Rol.FUNCTIONEEL_BEHEER))
    html = client.get(reverse("berichten:bericht_detail", args=[b.pk])).content.decode()
    assert "Geen toewijzing met dit nummer (test)." in html
    assert "9019 Het regiebericht kan niet gekoppeld worden aan een toewijzing." in html
    assert "StartProduct" in html


def test_xml_download_is_gelogd(client, gemeente, start):
    mw = medewerker_met_rol(gemeente, Rol.BACKOFFICE)
    client.force_login(mw)
    r = client.get(reverse("berichten:bericht_xml", args=[start.pk]))
    assert r.status_code == 200 and r.content == start.xml.encode() and "attachment" in r["Content-Disposition"]
    assert AuditRecord.objects.filter(medewerker=mw, actie=AuditActie.LEZEN, omschrijving__contains="gedownload").exists()


def test_aanbiederpagina(client, gemeente, aanbieder, start):
    andere = AanbiederFactory()
    declaratie_rij(gemeente, andere)
    client.force_login(medewerker_met_rol(gemeente, Rol.BACKOFFICE))
    r = client.get(reverse("berichten:aanbieder_berichten", args=[aanbieder.pk]))
    assert r.status_code == 200
    assert {b.aanbieder_id for b in r.context["pagina"].object_list} == {aanbieder.pk}
    html = r.content.decode()
    assert aanbieder.agb_code in html and "Verwerkt: 1" in html
