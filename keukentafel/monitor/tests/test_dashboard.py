"""The dashboard: filters, sections with definitions, exports under the small-cell rule, and the drill-down that
policy users are refused and team leaders see only for dossiers they may open."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.monitor import secties
from keukentafel.monitor.drempel import aantal
from keukentafel.monitor.selectie import Selectie
from keukentafel.monitor.tabel import Tabel
from keukentafel.testing.factories import (
    GebiedFactory,
    GemeenteFactory,
    HuishoudenFactory,
    MedewerkerFactory,
    RegioFactory,
    TeamFactory,
    ToegewezenVoorzieningFactory,
)

pytestmark = pytest.mark.django_db


def tabellen(selectie: Selectie) -> list[Tabel]:
    n = selectie.voorzieningen().count()
    return [Tabel("toewijzingen", "Toewijzingen", "Toewijzingen die in de periode liepen.", ["Wat", "Aantal"],
                  [("Alle toewijzingen", [aantal(n, selectie.drempel())])],
                  links={"Alle toewijzingen": "?lijst=toewijzingen&sleutel=alle"})]


LIJSTEN = {"toewijzingen": lambda selectie, sleutel: selectie.voorzieningen()}


@pytest.fixture
def omgeving(monkeypatch):
    monkeypatch.setattr(secties, "SECTIES", [*secties.SECTIES, secties.Sectie(
        "proef", "Proef", "Een proefonderdeel.", f"{__name__}.tabellen", f"{__name__}.LIJSTEN")])
    regio = RegioFactory(naam="Proefregio")
    lisse, hillegom = GemeenteFactory(naam="Lisse", regio=regio), GemeenteFactory(naam="Hillegom", regio=regio)
    noord, zuid = GebiedFactory(gemeente=lisse, naam="Noord"), GebiedFactory(gemeente=lisse, naam="Zuid")
    team = TeamFactory(gebied=noord, naam="Team Noord")
    eigen = [HuishoudenFactory(gebied=noord) for _ in range(3)]
    ander = [HuishoudenFactory(gebied=zuid) for _ in range(4)]
    for h in eigen + ander:
        lid = h.leden.get().persoon
        ToegewezenVoorzieningFactory(gemeente=lisse, persoon=lid, huishouden=h, begindatum=date(2026, 1, 1))
    return {"lisse": lisse, "hillegom": hillegom, "noord": noord, "zuid": zuid, "team": team}


def test_beleid_kiest_filters_en_ziet_definities_en_afgeschermde_kleine_aantallen(client, omgeving):
    client.force_login(MedewerkerFactory(rol=Rol.BELEID, team=None, gemeente=omgeving["lisse"]))
    r = client.get(reverse("monitor:dashboard"))
    assert r.status_code == 200 and reverse("monitor:sectie", args=["proef"]) in r.content.decode()
    url = reverse("monitor:sectie", args=["proef"])
    html = client.get(url, {"gemeente": omgeving["lisse"].pk, "jaar": 2026, "kwartaal": 3}).content.decode()
    assert "Toewijzingen die in de periode liepen." in html and "<td class=\"utrecht-table__cell\">7</td>" in html
    assert "lijst achter dit cijfer" in html and "u krijgt daar een weigering" in html  # the link is there; the list refuses
    html = client.get(url, {"gebied": omgeving["noord"].pk, "jaar": 2026}).content.decode()
    assert "&lt; 5" in html and "gebied Noord" in html


def test_filters_die_niet_bij_elkaar_passen_geven_een_melding_en_de_standaard(client, omgeving):
    client.force_login(MedewerkerFactory(rol=Rol.BELEID, team=None, gemeente=omgeving["lisse"]))
    r = client.get(reverse("monitor:sectie", args=["proef"]), {"gemeente": omgeving["hillegom"].pk, "gebied": omgeving["noord"].pk,
                                                               "jaar": 2026})
    html = r.content.decode()
    assert "Gebied Noord hoort niet bij Hillegom." in html and "Lisse, 2026" in html


def test_downloads_dragen_de_afscherming_en_de_definitie(client, omgeving):
    client.force_login(MedewerkerFactory(rol=Rol.FINANCIEN, team=None, gemeente=omgeving["lisse"]))
    url = reverse("monitor:sectie", args=["proef"])
    r = client.get(url, {"gebied": omgeving["noord"].pk, "jaar": 2026, "formaat": "xlsx"})
    rijen = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert ("Alle toewijzingen", "< 5") in rijen and ("Definitie", "Toewijzingen die in de periode liepen.") in rijen
    csv = client.get(url, {"jaar": 2026, "formaat": "csv"}).content.decode()
    assert "Alle toewijzingen;7" in csv
    assert AuditRecord.objects.filter(actie=AuditActie.LEZEN, omschrijving__contains="als csv gedownload").exists()


def test_lijst_achter_een_cijfer_geweigerd_voor_beleid_en_geaudit(client, omgeving):
    client.force_login(MedewerkerFactory(rol=Rol.BELEID, team=None, gemeente=omgeving["lisse"]))
    r = client.get(reverse("monitor:sectie_lijst", args=["proef"]), {"jaar": 2026, "lijst": "toewijzingen", "sleutel": "alle"})
    assert r.status_code == 403
    assert AuditRecord.objects.filter(actie=AuditActie.GEWEIGERD, omschrijving__contains="geen dossierrol").exists()


def test_teamleider_ziet_alleen_de_dossiers_van_zijn_gebied_de_rest_wordt_geteld(client, omgeving):
    teamleider = MedewerkerFactory(rol=Rol.TEAMLEIDER, team=omgeving["team"])
    client.force_login(teamleider)
    html = client.get(reverse("monitor:sectie", args=["proef"]), {"jaar": 2026}).content.decode()
    assert "lijst achter dit cijfer" in html
    r = client.get(reverse("monitor:sectie_lijst", args=["proef"]), {"jaar": 2026, "lijst": "toewijzingen", "sleutel": "alle"})
    html = r.content.decode()
    assert r.status_code == 200 and "U ziet 3 van de 7 toegewezen voorzieningen" in html
    assert "4 horen bij dossiers die u niet mag inzien" in html
    assert AuditRecord.objects.filter(actie=AuditActie.LEZEN, omschrijving__contains="3 van 7 toegewezen voorzieningen getoond").exists()


@pytest.mark.parametrize("rol", [Rol.GENERALIST, Rol.BACKOFFICE, Rol.FUNCTIONEEL_BEHEER], ids=str)
def test_zonder_monitorrol_geen_dashboard(client, omgeving, rol):
    client.force_login(MedewerkerFactory(rol=rol, team=None, gemeente=omgeving["lisse"]))
    assert client.get(reverse("monitor:dashboard")).status_code == 403


def test_elk_onderdeel_toont_zijn_tabellen_en_elke_lijst_opent_voor_de_teamleider(client, omgeving):
    import re

    beleid = MedewerkerFactory(rol=Rol.BELEID, team=None, gemeente=omgeving["lisse"])
    teamleider = MedewerkerFactory(rol=Rol.TEAMLEIDER, team=omgeving["team"])
    lijsten = 0
    for s in secties.SECTIES:
        client.force_login(beleid)
        r = client.get(reverse("monitor:sectie", args=[s.code]), {"jaar": 2026})
        assert r.status_code == 200, s.code
        assert "Definitie:" in r.content.decode(), s.code
        client.force_login(teamleider)
        html = client.get(reverse("monitor:sectie", args=[s.code]), {"jaar": 2026}).content.decode()
        for link in re.findall(r'href="(/monitor/onderdeel/[^"]+/lijst/\\?[^"]+)"', html)[:2]:
            assert client.get(link.replace("&amp;", "&")).status_code == 200, link
            lijsten += 1
    assert lijsten >= 3
