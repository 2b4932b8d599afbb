"""Backoffice pages of the overgangsrecht: only the backoffice, check before import, the file kept safely in between."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from keukentafel.accounts.models import AuditRecord, Rol
from keukentafel.besluiten.models import Herbeoordeling, Indicatieimport, ToegewezenVoorziening
from keukentafel.besluiten.overgangsrecht import importeer
from keukentafel.testing.factories import MedewerkerFactory

from .test_overgangsrecht import Omgeving, csv_bestand, maak_omgeving, rij, schoon_bestand

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.OVERGANGSRECHT_UPLOAD_DIR = tmp_path / "overgangsrecht"


@pytest.fixture
def omg() -> Omgeving:
    return maak_omgeving()


@pytest.fixture
def backoffice(client, omg):
    client.force_login(omg.door)
    return client


def upload(client, data: bytes, naam: str = "indicaties.csv"):
    return client.post(reverse("besluiten:import"), {"bestand": SimpleUploadedFile(naam, data, content_type="text/csv")})


@pytest.mark.parametrize("rol", [Rol.GENERALIST, Rol.TEAMLEIDER, Rol.BELEID, Rol.FINANCIEN, Rol.FUNCTIONEEL_BEHEER])
def test_alleen_de_backoffice(client, omg, rol):
    client.force_login(MedewerkerFactory(rol=rol, gemeente=omg.gemeente))
    for naam in ("besluiten:import", "besluiten:herbeoordelingen"):
        assert client.get(reverse(naam)).status_code == 403
    assert client.post(reverse("besluiten:import_uitvoeren"), {"sha256": "0" * 64}).status_code == 403


def test_niet_ingelogd_naar_de_inlogpagina(client):
    r = client.get(reverse("besluiten:import"))
    assert r.status_code == 302 and reverse("accounts:login") in r.url


def test_controleren_dan_importeren(backoffice, omg, settings):
    r = upload(backoffice, schoon_bestand(omg))
    html = r.content.decode()
    assert r.status_code == 200 and "Alle 3 rijen zijn in orde" in html and "Importeren" in html
    assert ToegewezenVoorziening.objects.count() == 0
    bewaard = list(settings.OVERGANGSRECHT_UPLOAD_DIR.iterdir())
    assert len(bewaard) == 2 and all(p.stat().st_mode & 0o077 == 0 for p in bewaard)  # only the server may read it
    sha = r.context["rapport"].sha256
    assert sha not in backoffice.session.values()  # nothing of the file in the session

    r = backoffice.post(reverse("besluiten:import_uitvoeren"), {"sha256": sha})
    imp = Indicatieimport.objects.get()
    assert r.status_code == 302 and r.url == reverse("besluiten:import_resultaat", args=[imp.pk])
    assert ToegewezenVoorziening.objects.count() == 3 and Herbeoordeling.objects.count() == 3
    assert list(settings.OVERGANGSRECHT_UPLOAD_DIR.iterdir()) == []
    html = backoffice.get(r.url).content.decode()
    assert "3 indicaties zijn geïmporteerd" in html and "Leveringsvorm zin" in html

    # a second click (or another tab) finds the file gone: no second import
    r = backoffice.post(reverse("besluiten:import_uitvoeren"), {"sha256": sha}, follow=True)
    assert "niet meer beschikbaar" in r.content.decode() and ToegewezenVoorziening.objects.count() == 3


def test_rapport_met_fouten_toont_rij_kolom_en_reden_en_bewaart_niets(backoffice, omg, settings):
    data = csv_bestand([rij(omg.personen[0]), rij(omg.personen[1], aanbieder_agb="12345678")])
    html = upload(backoffice, data).content.decode()
    assert "1 fout in 1 van de 2 rijen" in html and "Er is niets geïmporteerd" in html
    assert "<td class=\"utrecht-table__cell\">3</td>" in html and "aanbieder_agb" in html and "geen aanbieder met AGB-code 12345678" in html
    assert "Importeren</button>" not in html and omg.personen[1].bsn not in html
    assert not settings.OVERGANGSRECHT_UPLOAD_DIR.exists() or not list(settings.OVERGANGSRECHT_UPLOAD_DIR.iterdir())


def test_kapot_bestand_geeft_een_nette_melding(backoffice):
    html = upload(backoffice, bytes(range(256)) * 10, "rommel.csv").content.decode()
    assert "Het bestand is niet ingelezen" in html and "Traceback" not in html


def test_verkeerde_extensie_wordt_geweigerd(backoffice):
    r = upload(backoffice, b"MZ\x90\x00", "virus.exe")
    assert r.status_code == 400 and "Kies een CSV-bestand" in r.content.decode()


def test_bestand_van_een_ander_kan_niet_worden_geimporteerd(client, backoffice, omg):
    sha = upload(backoffice, schoon_bestand(omg)).context["rapport"].sha256
    collega = MedewerkerFactory(rol=Rol.BACKOFFICE, team=None, gemeente=omg.gemeente)
    client.force_login(collega)
    r = client.post(reverse("besluiten:import_uitvoeren"), {"sha256": sha}, follow=True)
    assert "niet meer beschikbaar" in r.content.decode() and ToegewezenVoorziening.objects.count() == 0
    for kwaad in ("../../etc/passwd", "x" * 64, ""):
        assert client.post(reverse("besluiten:import_uitvoeren"), {"sha256": kwaad}).status_code == 302


def test_hetzelfde_bestand_opnieuw_uploaden_wordt_geweigerd(backoffice, omg):
    importeer(omg.door, schoon_bestand(omg), omg.gemeente)
    html = upload(backoffice, schoon_bestand(omg)).content.decode()
    assert "al geïmporteerd" in html and "Importeren</button>" not in html


def test_herbeoordelingen_per_kwartaal_en_afronden(backoffice, omg):
    importeer(omg.door, schoon_bestand(omg), omg.gemeente)
    h = Herbeoordeling.objects.select_related("voorziening__persoon").order_by("uiterlijk_op").first()
    html = backoffice.get(reverse("besluiten:herbeoordelingen")).content.decode()
    assert h.cohort in html
    r = backoffice.get(reverse("besluiten:herbeoordelingen"), {"cohort": h.cohort})
    html = r.content.decode()
    assert escape(h.voorziening.persoon.naam) in html and f"{h.uiterlijk_op:%d-%m-%Y}" in html and h.voorziening.persoon.bsn not in html
    assert AuditRecord.objects.filter(omschrijving__startswith=f"Herbeoordelingen {h.cohort} bekeken").exists()

    r = backoffice.post(reverse("besluiten:herbeoordeling_afronden", args=[h.pk]), {"uitkomst": "voortgezet", "toelichting": "Beschikking"})
    assert r.status_code == 302
    h.refresh_from_db()
    assert h.afgerond_op is not None and h.uitkomst.startswith("Voortgezet")
    r = backoffice.post(reverse("besluiten:herbeoordeling_afronden", args=[h.pk]), {"uitkomst": "beeindigd"}, follow=True)
    assert "al afgerond" in r.content.decode()


def test_herbeoordeling_van_een_andere_gemeente_is_onvindbaar(client, omg):
    importeer(omg.door, schoon_bestand(omg), omg.gemeente)
    ander = maak_omgeving(aantal_personen=0)
    client.force_login(ander.door)
    h = Herbeoordeling.objects.first()
    assert client.post(reverse("besluiten:herbeoordeling_afronden", args=[h.pk]), {"uitkomst": "voortgezet"}).status_code == 404
    assert h.cohort not in client.get(reverse("besluiten:herbeoordelingen")).content.decode()


def test_te_groot_bestand_wordt_tijdens_het_inlezen_al_weggegooid(backoffice, settings, tmp_path):
    """The upload handler drops the file while parsing: no temp file, a Dutch message, nothing checked."""
    settings.MAX_UPLOAD_BYTES = 1000
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # anything kept would go to a temp file in tmp_path
    r = upload(backoffice, b"bsn;omvang\n" + b"123456782;3\n" * 500)
    assert r.status_code == 400 and "Het bestand is groter dan" in r.content.decode()
    assert list(tmp_path.iterdir()) == []
