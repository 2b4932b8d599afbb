"""The declaration review screen: who may see it, what it shows, paging and filtering, and the audit trail."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.berichten.aanbieder.declaratie import Prestatieregel, declaratie
from keukentafel.berichten.models import Declaratie
from keukentafel.berichten.verwerking import ontvang
from keukentafel.codelijsten import Eenheid
from keukentafel.testing.factories import GemeenteFactory, MedewerkerFactory
from keukentafel.testing.istandaarden import istandaarden_map


@pytest.fixture(autouse=True)
def _xsd(settings, tmp_path):
    istandaarden_map()
    settings.BERICHTEN_DIR = tmp_path / "berichten"


def _regel(v, ref, **anders) -> Prestatieregel:
    w = dict(bsn=v.persoon.bsn, referentienummer=ref, toewijzingnummer=v.toewijzingnummer, productcategorie="02", productcode="02A01",
             begindatum=date(2026, 1, 5), einddatum=date(2026, 1, 31), volume=16, eenheid=Eenheid.UUR, tarief_cent=5400,
             bedrag_cent=16 * 5400)
    w.update(anders)
    return Prestatieregel(**w)


@pytest.fixture
def decl(zin_toewijzing, aanbieder, gemeente) -> Declaratie:
    """January: one approved line and one refused (volume over the weekly limit: 9321)."""
    goed = _regel(zin_toewijzing, "GOED")
    fout = _regel(zin_toewijzing, "FOUT", begindatum=date(2026, 2, 1), einddatum=date(2026, 2, 28), volume=99, bedrag_cent=99 * 5400)
    o = declaratie("wmo", agb=aanbieder.agb_code, gemeentecode=gemeente.gemeentecode, identificatie="V1", dagtekening=date(2026, 11, 1),
                   declaratienummer="DV1", periode_begin=date(2026, 2, 1), periode_eind=date(2026, 2, 28), prestaties=[goed, fout])
    assert ontvang(o.bytes(), kanaal="cli").http_status == 200
    return Declaratie.objects.get(declaratienummer="DV1")


def _medewerker(gemeente, rol):
    if rol in (Rol.GENERALIST, Rol.TEAMLEIDER):
        return MedewerkerFactory(rol=rol, team__gebied__gemeente=gemeente)
    return MedewerkerFactory(rol=rol, team=None, gemeente=gemeente)


@pytest.mark.parametrize("rol", [Rol.BACKOFFICE, Rol.FINANCIEN])
def test_lijst_en_detail_voor_backoffice_en_financien(client, decl, gemeente, persoon, rol):
    m = _medewerker(gemeente, rol)
    client.force_login(m)
    r = client.get(reverse("berichten:declaratie_lijst"))
    assert r.status_code == 200
    tekst = r.content.decode()
    assert "DV1" in tekst and "Deels afgewezen" in tekst and "€ 864,00" in tekst
    assert persoon.bsn not in tekst

    url = reverse("berichten:declaratie_detail", args=[decl.pk])
    r = client.get(url)
    assert r.status_code == 200
    tekst = r.content.decode()
    assert "Dijk" in tekst and "9321" in tekst and "overschrijdt het toegewezen volume" in tekst and "Toegewezen" in tekst
    assert persoon.bsn not in tekst and persoon.bsn not in url
    log = AuditRecord.objects.filter(medewerker=m, actie=AuditActie.LEZEN, object_type="Declaratie", object_id=str(decl.pk))
    assert log.count() == 1 and persoon.bsn not in log.get().omschrijving


@pytest.mark.parametrize("rol", [Rol.GENERALIST, Rol.TEAMLEIDER, Rol.BELEID, Rol.FUNCTIONEEL_BEHEER])
def test_andere_rollen_krijgen_403(client, decl, gemeente, rol):
    client.force_login(_medewerker(gemeente, rol))
    assert client.get(reverse("berichten:declaratie_lijst")).status_code == 403
    assert client.get(reverse("berichten:declaratie_detail", args=[decl.pk])).status_code == 403
    assert not AuditRecord.objects.filter(actie=AuditActie.LEZEN, object_type="Declaratie").exists()


def test_andere_gemeente_krijgt_403_en_ziet_niets_in_de_lijst(client, decl):
    andere = GemeenteFactory()
    client.force_login(_medewerker(andere, Rol.BACKOFFICE))
    r = client.get(reverse("berichten:declaratie_lijst"))
    assert r.status_code == 200 and "DV1" not in r.content.decode()
    assert client.get(reverse("berichten:declaratie_detail", args=[decl.pk])).status_code == 403


def test_niet_ingelogd_naar_inloggen(client, decl):
    r = client.get(reverse("berichten:declaratie_detail", args=[decl.pk]))
    assert r.status_code in (302, 403)


def test_filter_afgewezen_en_paginering(client, decl, gemeente, monkeypatch):
    from keukentafel.berichten import views_declaraties

    client.force_login(_medewerker(gemeente, Rol.FINANCIEN))
    url = reverse("berichten:declaratie_detail", args=[decl.pk])
    r = client.get(url, {"afgewezen": "1"})
    tekst = r.content.decode()
    assert "FOUT" in tekst and "GOED" not in tekst
    monkeypatch.setattr(views_declaraties, "REGELS_PER_PAGINA", 1)
    r = client.get(url, {"pagina": 2})
    assert r.context["pagina"].number == 2 and r.context["pagina"].paginator.num_pages == 2
    assert "Volgende pagina" not in r.content.decode() and "Vorige pagina" in r.content.decode()
    lijst = client.get(reverse("berichten:declaratie_lijst"), {"afgewezen": "1", "aanbieder": decl.aanbieder_id})
    assert "DV1" in lijst.content.decode()
